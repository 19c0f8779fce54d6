"""Schema errors become coded findings at the offending key, in the user's language."""

from __future__ import annotations

from pathlib import Path

from zxcli.load.yamlsafe import parse_text
from zxcli.schema.check import check_document
from zxcli.schema.store import SCHEMA_KINDS, schema

BALLOT = 'year: 2025\nmember: M01\nvotes:\n  - city_code: "320500"\n    vote: 同意\n'


def findings(text: str, kind: str = "ballot"):
    return check_document(parse_text(text, Path("b.yaml"), "b.yaml"), kind)


def test_every_schema_is_valid_2020_12() -> None:
    from jsonschema import Draft202012Validator

    for kind in SCHEMA_KINDS:
        Draft202012Validator.check_schema(schema(kind))
        assert schema(kind)["$schema"].endswith("2020-12/schema")


def test_clean_ballot() -> None:
    assert findings(BALLOT) == []


def test_misspelt_key_suggests_and_hides_the_missing_twin() -> None:
    found = findings(BALLOT.replace("member:", "membr:"))
    assert [f.code for f in found] == ["ZX026"]
    assert found[0].params["suggestion"] == "member" and found[0].line == 2
    assert "是否应为“member”" in found[0].message("zh")
    assert 'did you mean "member"' in found[0].message("en")


def test_type_enum_pattern_range_date() -> None:
    text = BALLOT.replace('"320500"', "320500").replace("同意", "赞成")
    text += "    score: 120\n"
    codes = {f.code: f for f in findings(text)}
    assert str(codes["ZX021"].params["expected"]) == "文本" and codes["ZX021"].line == 4
    assert codes["ZX022"].line == 5 and "同意" in codes["ZX022"].params["allowed"]
    assert codes["ZX025"].line == 6 and codes["ZX025"].params["bound"] == "≤ 100"


def test_one_finding_speaks_every_language() -> None:
    """Type names, examples and suggestions are terms rendered in the report's language:
    the same findings (validated once, shared by validate and tally) read in zh and in en,
    and a JSON report's params are in its language."""
    from zxcli.report import json_out
    from zxcli.results import Options, Report

    text = BALLOT.replace('"320500"', "320500").replace("member:", "membr:")
    found = findings(text)
    typed = next(f for f in found if f.code == "ZX021")
    assert "文本" in typed.message("zh") and "整数" in typed.message("zh")
    assert "text" in typed.message("en") and "integer" in typed.message("en")
    assert "文本" not in typed.message("en")
    report = Report()
    report.add(found, {}, Options(lang="en"))
    params = [f["params"] for f in json_out.document(report, "en")["findings"]]
    assert {"field": "votes[0].city_code", "expected": "text", "actual": "an integer"} in params
    assert any('did you mean "member"' in p.get("did_you_mean", "") for p in params)


def test_required_points_at_the_parent() -> None:
    found = findings('year: 2025\nvotes:\n  - city_code: "320500"\n')
    missing = {f.params["field"] for f in found if f.code == "ZX020"}
    assert missing == {"member", "votes[0].vote"}


def test_amounts_above_the_national_economy_are_a_unit_slip() -> None:
    from conftest import SAMPLES, SUZHOU

    from zxcli.load.yamlsafe import load_yaml

    path = SAMPLES / "2024" / "dossiers" / SUZHOU / "application.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "industrial_value_added_yi: 10850.0", "industrial_value_added_yi: 108500000000"
    )
    doc = parse_text(text, path, "application.yaml")
    assert load_yaml(path).data != doc.data
    hit = next(f for f in check_document(doc, "application") if f.code == "ZX025")
    assert hit.params["bound"] == "≤ 1000000"
