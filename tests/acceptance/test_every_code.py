"""Every code of the catalog is triggered by a test, and every finding renders whole.

As check-jsonschema's tests/example-files: each folder tests/example-files/ZXnnn/ holds a
`case.yaml` that edits a copy of the sample campaign (text replaced in its files, the old
text required to be there) and names the command that must then report ZXnnn. A code
named in no test file and with no example is listed in UNTESTED below, a list that may
only shrink: the test fails as well when a listed code has gained a test.

Messages are filled strictly under test (tests/conftest.py sets ZX_STRICT_MESSAGES, so
a call site that forgets a parameter raises instead of printing `{name}`), and no
rendered message or hint may contain a brace.
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import yaml
from inproc import run_main

from zxcli.catalog import catalog

TESTS = Path(__file__).resolve().parent.parent
EXAMPLES = TESTS / "example-files"
SAMPLE = TESTS.parent / "sample_dossiers" / "2024"
CASES = sorted(EXAMPLES.glob("ZX*/case.yaml"))

# Codes with neither a test nor an example yet, and why they are hard to trigger from a
# campaign folder. Remove a code from here when it gains one.
UNTESTED = {
    "ZX027": "schema format keyword: no schema field uses `format` today",
    "ZX028": "empty value: the schemas' minLength findings are reported as ZX02x first",
    "ZX355": "freeze: an attachment over the size limit (hundreds of MB)",
    "ZX356": "freeze: an attachment that cannot be read (permissions; root reads all)",
    "ZX471": "scan: a declared figure not found in a scan (needs the scan extra's OCR)",
    "ZX474": "scan: a page without readable text (needs the scan extra's OCR)",
    "ZX740": "cap over 第5条's 10: validate's ZX611 (not adjustable) refuses it first",
    "ZX752": "an invalid calendar override in publicity",
    "ZX811": "template rendering failed: needs a broken user template",
    "ZX821": "Chromium not installed: the machine has it",
    "ZX822": "Chromium failed: needs a Chromium that crashes",
    "ZX906": "bundled data missing: only a broken installation",
}


def _apply(campaign: Path, edits: list[dict[str, str]]) -> None:
    for edit in edits:
        path = campaign / edit["file"]
        text = path.read_text(encoding="utf-8")
        assert edit["old"] in text, f"{edit['old']!r} not in {edit['file']}"
        path.write_text(text.replace(edit["old"], edit["new"], 1), encoding="utf-8")


def _findings(out: str) -> list[dict[str, object]]:
    return list(json.loads(out).get("findings", []))


@pytest.mark.parametrize("case", CASES, ids=[c.parent.name for c in CASES])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_each_example_reports_its_code(case: Path, lang: str, tmp_path: Path) -> None:
    spec = yaml.safe_load(case.read_text(encoding="utf-8"))
    campaign = tmp_path / "2024"
    shutil.copytree(SAMPLE, campaign)
    _apply(campaign, spec.get("edits") or [])
    for name in spec.get("remove", []):
        (campaign / name).unlink()
    argv = [spec["command"], str(campaign), "-f", "json", "--lang", lang, *spec.get("args", [])]
    _, out, err = run_main(argv, drop=("ZX_LANG", "GITHUB_ACTIONS"))
    found = _findings(out) if out.strip() else []
    # A finding is in the JSON document; a refusal (exit 2) is on stderr.
    codes = {f["code"] for f in found} | set(re.findall(r"\bZX\d{3}\b", err))
    assert case.parent.name in codes, (out[-2000:], err[-2000:])
    for finding in found:
        for key in ("message", "hint"):
            assert "{" not in str(finding.get(key) or ""), finding
    assert "{" not in err, err


def _named_in_tests() -> set[str]:
    text = "".join(
        p.read_text(encoding="utf-8") for p in TESTS.rglob("*.py") if p.name != Path(__file__).name
    )
    return set(re.findall(r"ZX\d{3}", text)) | {c.parent.name for c in CASES}


def test_every_code_has_a_test_or_an_example() -> None:
    untested = set(catalog()) - _named_in_tests()
    new = sorted(untested - set(UNTESTED))
    assert not new, f"give these a test or an example: {new}"
    stale = set(UNTESTED) - untested
    assert not stale, f"these have a test now: remove them from UNTESTED: {sorted(stale)}"


def test_a_missing_message_parameter_raises_under_test() -> None:
    rule = catalog()["ZX740"]
    with pytest.raises(KeyError):
        rule.render("en", {})
