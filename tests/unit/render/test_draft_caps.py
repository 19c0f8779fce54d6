"""A draft keeps the schema's caps on each text (zxcli/render/view.py): at most 10,000
characters and 200 lines of any field, cut in one pass, and a ZX915 note in the draft's
list of open errors for each field cut."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from zxcli.model.campaign import load_dossier
from zxcli.render.view import (
    CAPPED_MARK,
    DRAFT_MAX_CHARS,
    DRAFT_MAX_LINES,
    build_view,
    capped_text,
)

REPO = Path(__file__).resolve().parents[3]
SUZHOU = REPO / "sample_dossiers" / "2024" / "dossiers" / "江苏省-苏州市"
RESULTS = "  results: 2024年规模以上工业增加值增长6.8%，高技术制造业产值占比达52.1%。"


def test_the_caps_are_the_schemas() -> None:
    schema = json.loads((REPO / "schemas" / "application.schema.json").read_text("utf-8"))
    text = schema["$defs"]["text"]
    assert text["maxLength"] == DRAFT_MAX_CHARS
    most = int(
        re.fullmatch(r"\^\(\?:\[\^\\n\]\*\\n\)\{0,(\d+)\}\[\^\\n\]\*\$", text["pattern"]).group(1)
    )
    assert most + 1 == DRAFT_MAX_LINES


@pytest.mark.parametrize(
    "text, kept",
    [
        ("短文本", None),
        ("x" * DRAFT_MAX_CHARS, None),
        ("\n".join(["a"] * DRAFT_MAX_LINES), None),
        ("x" * (DRAFT_MAX_CHARS + 1), "x" * DRAFT_MAX_CHARS),
        ("\n".join(["a"] * (DRAFT_MAX_LINES + 1)), "\n".join(["a"] * DRAFT_MAX_LINES)),
        ("\n" * 600_000, "\n" * (DRAFT_MAX_LINES - 1)),
    ],
)
def test_capped_text(text: str, kept: str | None) -> None:
    cut = capped_text(text)
    assert cut == (None if kept is None else kept + CAPPED_MARK)
    if cut is not None:
        assert len(cut) <= DRAFT_MAX_CHARS + 1 and cut.count("\n") < DRAFT_MAX_LINES


def _long_dossier(tmp_path: Path, lines: int) -> Path:
    root = tmp_path / "江苏省-苏州市"
    shutil.copytree(SUZHOU, root)
    path = root / "application.yaml"
    text = path.read_text("utf-8")
    assert RESULTS in text
    path.write_text(text.replace(RESULTS, "  results: |\n" + "    x\n" * lines + "    y"), "utf-8")
    return root


def test_a_draft_cuts_a_long_field_and_says_so(tmp_path: Path) -> None:
    dossier = load_dossier(_long_dossier(tmp_path, 5000))
    draft = build_view(dossier, draft=True, lang="en")
    assert draft.c1.results.count("\n") == DRAFT_MAX_LINES - 1
    assert draft.c1.results.endswith(CAPPED_MARK)
    notes = [f for f in draft.findings if f.startswith("ZX915")]
    assert len(notes) == 1 and "c1_strategy.results" in notes[0], draft.findings
    assert "characters" in notes[0]  # in the language asked for


def test_a_field_in_a_list_is_named_with_its_index(tmp_path: Path) -> None:
    root = tmp_path / "d"
    shutil.copytree(SUZHOU, root)
    path = root / "dossier.yaml"
    text = path.read_text("utf-8")
    first = re.search(r"(?m)^    title: (.*)$", text)
    assert first is not None
    path.write_text(text[: first.start(1)] + "y" * 20_000 + text[first.end(1) :], "utf-8")
    draft = build_view(load_dossier(root), draft=True)
    assert any("contacts[0].title" in f for f in draft.findings), draft.findings


def test_a_final_form_is_never_cut() -> None:
    """Not a draft: the data passed the schema, whose caps these are; nothing is noted."""
    view = build_view(load_dossier(SUZHOU))
    assert not any(f.startswith("ZX915") for f in view.findings)
