"""One pipeline: each campaign file is read, parsed and schema-checked once per command."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from zxcli import pipeline
from zxcli.model import campaign as campaign_module
from zxcli.results import Options
from zxcli.schema import check as schema_check
from zxcli.tally.pipeline import TallyOptions, run_tally


@pytest.fixture
def counted(monkeypatch: pytest.MonkeyPatch) -> tuple[Counter[str], Counter[str]]:
    parsed: Counter[str] = Counter()
    validated: Counter[str] = Counter()
    real_load, real_check = campaign_module.load_yaml, schema_check._check_document

    def load(path: Path, display: str | None = None):  # type: ignore[no-untyped-def]
        parsed[str(path)] += 1
        return real_load(path, display)

    def check(doc, kind, dossier):  # type: ignore[no-untyped-def]
        validated[str(doc.path)] += 1
        return real_check(doc, kind, dossier)

    monkeypatch.setattr(campaign_module, "load_yaml", load)
    monkeypatch.setattr(schema_check, "_check_document", check)
    return parsed, validated


def test_validate_reads_and_checks_each_file_once(
    campaign: Path, counted: tuple[Counter[str], Counter[str]]
) -> None:
    parsed, validated = counted
    pipeline.validate_paths([campaign], Options())
    assert parsed and max(parsed.values()) == 1, parsed.most_common(3)
    assert validated and max(validated.values()) == 1, validated.most_common(3)


def test_tally_reads_and_checks_each_file_once(
    campaign: Path, counted: tuple[Counter[str], Counter[str]]
) -> None:
    parsed, validated = counted
    run_tally(campaign, TallyOptions())
    ballots = [p for p in parsed if "/review/ballots/" in p]
    assert ballots, "the sample's YAML ballots are read"
    assert max(parsed.values()) == 1, parsed.most_common(3)
    assert max(validated.values()) == 1, validated.most_common(3)
    assert "zx.yaml" in {Path(p).name for p in validated}
