"""Progress goes to a terminal's stderr only, and only for stages that take a while: large
campaigns, many ballots, PDF conversion (issue 13, item 12)."""

from __future__ import annotations

import io
import shutil
import stat
from pathlib import Path

import pytest

from zxcli.commands import progress as progress_module
from zxcli.commands.progress import SHOW_FROM, TerminalProgress
from zxcli.errors import OutputError
from zxcli.pipeline import validate_paths
from zxcli.render import pdf
from zxcli.results import Options

SAMPLE = Path(__file__).resolve().parent.parent / "sample_dossiers" / "2024"


class Counting:
    """A Progress that records, per stage, the total announced and the work reported."""

    def __init__(self) -> None:
        self.stages: dict[str, list[int]] = {}
        self.current = ""

    def start(self, total: int, stage: str = "validate") -> None:
        self.current = stage
        self.stages[stage] = [total, 0]

    def advance(self, count: int = 1) -> None:
        self.stages[self.current][1] += count


def test_the_pipeline_reports_every_dossier(campaign: Path) -> None:
    seen = Counting()
    validate_paths([campaign], Options(), progress=seen)
    dossiers = len(list((campaign / "dossiers").iterdir()))
    assert seen.stages == {"validate": [dossiers, dossiers]}


def test_tally_reports_the_dossiers_it_validates_and_the_ballot_files_it_reads(
    tmp_path: Path,
) -> None:
    from zxcli.tally.pipeline import TallyOptions, run_tally

    root = tmp_path / "2025"
    shutil.copytree(SAMPLE, root)
    sheet = root / "review/ballots/M99.xlsx"
    sheet.write_bytes(b"not a workbook")  # read (and refused) all the same
    seen = Counting()
    with pytest.raises(Exception):  # noqa: B017 - the broken sheet refuses the count
        run_tally(root, TallyOptions(), seen)
    dossiers = len(list((root / "dossiers").iterdir()))
    assert seen.stages["validate"] == [dossiers, dossiers]
    assert seen.stages["ballots"] == [1, 1]


def _fake_soffice(tmp_path: Path, body: str) -> str:
    script = tmp_path / "fake-soffice"
    script.write_text("#!/bin/sh\n" + body, encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return str(script)


# Writes one PDF per input into --outdir, a little apart, as LibreOffice does.
_CONVERTS = """
while [ "$1" != "--outdir" ]; do shift; done
out="$2"; shift 2
mkdir -p "$out"
for f in "$@"; do
  sleep 0.3
  name=$(basename "$f"); printf '%%PDF-1.4\\n%%%%EOF\\n' > "$out/${name%.*}.pdf"
done
"""


def test_pdf_conversion_reports_each_file_as_libreoffice_finishes_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZX_SOFFICE", _fake_soffice(tmp_path, _CONVERTS))
    monkeypatch.setattr(pdf, "reproducible", lambda data, source, when: data)
    seen = Counting()
    files = {f"f{i}.docx": b"x" for i in range(3)}
    assert len(pdf.to_pdf(files, progress=seen)) == 3
    assert seen.stages == {"pdf": [3, 3]}


def test_a_hanging_conversion_is_stopped_at_the_timeout(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ZX_SOFFICE", _fake_soffice(tmp_path, "exec sleep 30\n"))
    with pytest.raises(OutputError) as caught:
        pdf.to_pdf({"a.docx": b"x"}, timeout=0.5, progress=Counting())
    assert caught.value.code == "ZX809"


def test_a_failing_conversion_names_libreoffice_s_last_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(
        "ZX_SOFFICE",
        _fake_soffice(tmp_path, "echo 'Error: source file could not be loaded' >&2\nexit 1\n"),
    )
    with pytest.raises(OutputError) as caught:
        pdf.to_pdf({"a.docx": b"x"})
    assert caught.value.code == "ZX808"
    assert "could not be loaded" in caught.value.params["reason"]


class FakeTty(io.StringIO):
    def __init__(self, tty: bool) -> None:
        super().__init__()
        self.tty = tty

    def isatty(self) -> bool:
        return self.tty


@pytest.mark.parametrize("stage", sorted(SHOW_FROM))
@pytest.mark.parametrize(
    ("tty", "more", "shown"), [(True, 0, True), (True, -1, False), (False, 10_000, False)]
)
def test_a_bar_only_on_a_terminal_and_for_stages_that_take_a_while(
    monkeypatch: pytest.MonkeyPatch, stage: str, tty: bool, more: int, shown: bool
) -> None:
    monkeypatch.setattr(progress_module.sys, "stderr", FakeTty(tty))
    bar = TerminalProgress("zh")
    total = SHOW_FROM[stage] + more
    bar.start(total, stage)
    assert (bar._bar is not None) is (shown and total > 0)
    bar.advance(total)
    bar.start(SHOW_FROM[stage], stage)  # a new stage ends the bar of the one before
    bar.stop()
    assert bar._bar is None
