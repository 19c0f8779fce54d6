"""Golden and structure tests of the output formats: text, json, github, junit, sarif.

The golden files under tests/golden/ were checked by eye once. After an intended change to a
format (or to a catalog text the sample report uses), regenerate them and review the diff:

    ZX_UPDATE_GOLDEN=1 pytest tests/test_formats.py

The zx version is pinned to 0.0.0-test here, so a version bump leaves the golden files alone.
"""

from __future__ import annotations

import io
import json
import os
import xml.etree.ElementTree as ET
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest
from rich.console import Console

from zxcli import report as output
from zxcli.catalog import Severity, catalog
from zxcli.errors import OutputError, UsageError
from zxcli.report import github, json_out, junit, links, sarif, text
from zxcli.results import Finding, Report

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("ZX_UPDATE_GOLDEN") == "1"
TEST_VERSION = "0.0.0-test"
LANGS = ("zh", "en")

NINGBO = "浙江省-宁波市"
FOSHAN = "广东省-佛山市"
SUZHOU = "江苏省-苏州市"
# The rules the sample report uses, plus one it switches off: the SARIF golden lists only these.
SAMPLE_CODES = ("ZX003", "ZX009", "ZX020", "ZX026", "ZX310")


def sample_report(strict: bool = False) -> Report:
    """Three dossiers — one clean, one failing, one with a warning — and a campaign error."""
    err, warn = Severity.ERROR, Severity.WARNING
    findings = [
        Finding(
            "ZX003",
            "2025/zx.yaml",
            4,
            9,
            {"problem": "mapping values are not allowed here"},
            None,
            err,
        ),
        Finding(
            "ZX026",
            f"2025/dossiers/{FOSHAN}/application.yaml",
            30,
            5,
            {"field": "remarks", "did_you_mean": "", "allowed": "summary, brands, evidence"},
            FOSHAN,
            warn,
        ),
        Finding(
            "ZX310",
            f"2025/dossiers/{NINGBO}/dossier.yaml",
            54,
            11,
            {"id": "declaration", "path": "attachments/负责声明.pdf"},
            NINGBO,
            err,
        ),
        Finding(
            "ZX020",
            f"2025/dossiers/{NINGBO}/dossier.yaml",
            12,
            3,
            {"field": "contacts[0].phone", "field_title": "电话"},
            NINGBO,
            err,
        ),
    ]
    files = ["2025/zx.yaml", "2025/registry/sanctions.yaml"] + [
        f"2025/dossiers/{key}/{name}"
        for key in (FOSHAN, SUZHOU, NINGBO)
        for name in ("dossier.yaml", "application.yaml")
    ]
    return Report(
        findings=findings,
        files=files,
        dossiers=[FOSHAN, SUZHOU, NINGBO],
        overrides={"ZX026": warn, "ZX009": Severity.OFF},
        strict=strict,
    )


@pytest.fixture(autouse=True)
def _pinned_version(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(json_out, "version", lambda: TEST_VERSION)
    monkeypatch.setattr(sarif, "version", lambda: TEST_VERSION)
    # Paths are made relative to the repository root: run outside any checkout or CI, and
    # with zx's install source pinned (SARIF links depend on it, see links.py).
    monkeypatch.chdir(tmp_path)
    for name in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR"):
        monkeypatch.delenv(name, raising=False)
    source = links.source_of(
        {
            "url": "https://github.com/zx-test/zx.git",
            "vcs_info": {"vcs": "git", "commit_id": "0" * 40},
        }
    )
    monkeypatch.setattr(links, "installed_source", lambda: source)


def check_golden(name: str, actual: str) -> None:
    path = GOLDEN / name
    if UPDATE:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="\n")
        return
    assert path.is_file(), f"missing golden file {name}; run with ZX_UPDATE_GOLDEN=1"
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs from its golden file (ZX_UPDATE_GOLDEN=1 updates)"


def render_text(report: Report, lang: str) -> str:
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=100,
        color_system=None,
        force_terminal=False,
        highlight=False,
        legacy_windows=False,
    )
    text.render(report, console, lang)
    return buffer.getvalue()


def sample_rules() -> dict:
    return {code: catalog()[code] for code in SAMPLE_CODES}


RENDERERS: dict[str, tuple[str, Callable[[Report, str], str]]] = {
    "text": ("txt", render_text),
    "json": ("json", lambda r, lang: json_out.render(r, lang) + "\n"),
    "github": ("github.txt", github.render),
    "summary": ("summary.md", github.summary),
    "junit": ("junit.xml", junit.render),
    "sarif": ("sarif", lambda r, lang: sarif.render(r, lang, sample_rules()) + "\n"),
}


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("fmt", sorted(RENDERERS))
def test_golden(fmt: str, lang: str) -> None:
    ext, render = RENDERERS[fmt]
    check_golden(f"validate.{lang}.{ext}", render(sample_report(), lang))


# --- output.py ------------------------------------------------------------------------


def test_default_format_follows_github_actions(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    assert output.default_format() == "github"
    monkeypatch.setenv("GITHUB_ACTIONS", "false")
    assert output.default_format() == "text"
    monkeypatch.delenv("GITHUB_ACTIONS")
    assert output.default_format() == "text"


@pytest.mark.parametrize("fmt", ["json", "junit", "sarif", "github"])
def test_emit_writes_the_formatter_output(
    fmt: str, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    report = sample_report()
    output.emit(report, fmt, "en")
    out = capsys.readouterr().out
    expected = {
        "json": lambda: json_out.render(report, "en") + "\n",
        "junit": lambda: junit.render(report, "en"),
        "sarif": lambda: sarif.render(report, "en") + "\n",
        "github": lambda: github.render(report, "en"),
    }[fmt]()
    assert out == expected


def test_emit_without_format_uses_the_default(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    output.emit(sample_report(), None, "zh")
    assert capsys.readouterr().out.startswith("::error file=2025/zx.yaml,line=4,col=9,")


def test_emit_refuses_an_unknown_format() -> None:
    with pytest.raises(UsageError) as info:
        output.emit(sample_report(), "xml", "zh")
    assert info.value.code == "ZX905"


# --- github ---------------------------------------------------------------------------


def test_github_escapes_data_and_properties() -> None:
    assert github.escape_data("100%\r\nnext: a, b") == "100%25%0D%0Anext: a, b"
    assert github.escape_property("100%\r\nnext: a, b") == "100%25%0D%0Anext%3A a%2C b"


def test_github_annotation_of_a_hostile_message() -> None:
    finding = Finding(
        "ZX003",
        "a,b/c:d%.yaml",
        2,
        7,
        {"problem": "bad: 100%, really\nsecond line"},
        None,
        Severity.ERROR,
    )
    line = github.annotation(finding, Report(findings=[finding]), "en")
    head, message = line.split("::", 2)[1:]
    assert head == "error file=a%2Cb/c%3Ad%25.yaml,line=2,col=7,title=ZX003"
    assert message.startswith("YAML syntax error: bad: 100%25, really%0Asecond line%0A")
    assert "\n" not in line and "\r" not in line


def test_github_title_carries_the_article() -> None:
    report = sample_report()
    lines = github.render(report, "zh").splitlines()
    assert len(lines) == len(report.findings)
    assert lines[2].startswith(
        f"::error file=2025/dossiers/{NINGBO}/dossier.yaml,line=54,col=11,title=ZX310 第7条::"
    )
    assert lines[1].startswith("::warning ")


def test_step_summary_is_appended(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "step_summary.md"
    target.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(target))
    report = sample_report()
    output.emit(report, "github", "zh")
    output.emit(report, "github", "zh")
    written = target.read_text(encoding="utf-8")
    assert written.startswith("earlier step\n")
    assert written.count("| 申报材料 | 错误 | 警告 | 结论 |") == 2
    assert f"| {NINGBO} | 2 | 0 | ❌ 未通过 |" in written
    assert f"| {SUZHOU} | 0 | 0 | ✅ 通过 |" in written
    assert "::error " in capsys.readouterr().out


def test_step_summary_escapes_markdown() -> None:
    finding = Finding(
        "ZX003",
        "x|y.yaml",
        1,
        1,
        {"problem": "![x](https://e.example/t.png) | <b>\nnext"},
        None,
        Severity.ERROR,
    )
    md = github.summary(Report(findings=[finding]), "en")
    # brackets escaped, and the bare URL kept from linking (zero-width space after "https:")
    assert "\\!\\[x\\](https:\u200b//e.example/t.png) \\| \\<b\\><br>next" in md
    assert "x\\|y.yaml:1:1" in md


def test_step_summary_unwritable_is_an_output_error(tmp_path: Path) -> None:
    with pytest.raises(OutputError) as info:
        github.write_summary(sample_report(), "zh", tmp_path / "missing" / "summary.md")
    assert info.value.code == "ZX904"


# --- junit ----------------------------------------------------------------------------


def _cases(xml_text: str) -> tuple[ET.Element, dict[str, ET.Element]]:
    root = ET.fromstring(xml_text.encode("utf-8"))
    suites = root.findall("testsuite")
    assert len(suites) == 1
    return suites[0], {case.get("name"): case for case in suites[0].findall("testcase")}


@pytest.mark.parametrize("lang", LANGS)
def test_junit_structure(lang: str) -> None:
    xml_text = junit.render(sample_report(), lang)
    assert xml_text.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    suite, cases = _cases(xml_text)
    campaign = junit.case_name("")
    assert campaign == "zx validate"  # no language in a name: CI keeps history by name
    # one testcase per finding, then one per dossier without findings
    names = list(cases)
    assert len(names) == 5 and names[-1] == SUZHOU
    assert suite.get("name") == "zx validate"
    assert (
        suite.get("tests"),
        suite.get("failures"),
        suite.get("errors"),
        suite.get("skipped"),
    ) == ("5", "3", "0", "0")
    assert suite.find("properties/property[@name='warnings']").get("value") == "1"
    assert suite.find(".//skipped") is None
    by_code = {name.split()[0]: case for name, case in cases.items()}
    assert by_code["ZX003"].get("classname") == campaign
    assert by_code["ZX026"].find("failure") is None
    assert "ZX026" in by_code["ZX026"].findtext("system-out")
    failure = by_code["ZX310"].find("failure")
    assert failure.get("type") == "ZX310"
    assert by_code["ZX310"].get("name") == f"ZX310 2025/dossiers/{NINGBO}/dossier.yaml"
    assert by_code["ZX310"].get("file") is None and by_code["ZX310"].get("line") is None
    assert by_code["ZX310"].get("classname") == NINGBO
    assert "第7条" in failure.text and ":54:11 " in failure.text


def test_junit_strict_fails_on_warnings() -> None:
    suite, cases = _cases(junit.render(sample_report(strict=True), "en"))
    assert suite.get("failures") == "4"
    warning = next(case for name, case in cases.items() if name.startswith("ZX026"))
    assert warning.find("failure").get("type") == "ZX026"
    assert warning.find("system-out") is None


def test_junit_survives_control_characters() -> None:
    finding = Finding("ZX009", "a.yaml", 1, 1, {"char": "\x07\x00"}, None, Severity.ERROR)
    _, cases = _cases(junit.render(Report(findings=[finding]), "en"))
    (case,) = cases.values()
    assert "\\u0007\\u0000" in case.find("failure").text


def test_junit_is_deterministic() -> None:
    assert junit.render(sample_report(), "zh") == junit.render(sample_report(), "zh")


# --- sarif ----------------------------------------------------------------------------


def _sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((GOLDEN / "sarif-2.1.0.subset.schema.json").read_text(encoding="utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


@pytest.mark.parametrize("lang", LANGS)
def test_sarif_matches_the_schema(lang: str) -> None:
    for rules in (None, sample_rules()):
        doc = json.loads(sarif.render(sample_report(), lang, rules))
        errors = sorted(_sarif_validator().iter_errors(doc), key=str)
        assert not errors, "\n".join(e.message for e in errors)


def test_sarif_structure() -> None:
    report = sample_report()
    doc = json.loads(sarif.render(report, "zh"))
    assert doc["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert doc["version"] == "2.1.0"
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["name"] == "zx" and driver["version"] == TEST_VERSION
    assert driver["informationUri"] == "https://github.com/zx-test/zx"
    rules = driver["rules"]
    assert [r["id"] for r in rules] == sorted(catalog())
    first = rules[0]
    assert set(first) == {
        "id",
        "name",
        "shortDescription",
        "fullDescription",
        "help",
        "helpUri",
        "defaultConfiguration",
        "properties",
    }
    assert first["properties"]["family"] == catalog()[first["id"]].family
    assert len(run["results"]) == len(report.findings)
    for result, finding in zip(run["results"], report.findings, strict=True):
        assert rules[result["ruleIndex"]]["id"] == result["ruleId"] == finding.code
        assert result["level"] == finding.severity.value
        assert result["message"]["text"] == finding.message("zh")
        location = result["locations"][0]["physicalLocation"]
        assert location["artifactLocation"]["uriBaseId"] == "%SRCROOT%"
        assert not location["artifactLocation"]["uri"].startswith("/")
        assert location["region"] == {"startLine": finding.line, "startColumn": finding.column}
    overrides = run["invocations"][0]["ruleConfigurationOverrides"]
    assert {o["descriptor"]["id"]: o["configuration"] for o in overrides} == {
        "ZX009": {"enabled": False, "level": "none"},
        "ZX026": {"level": "warning"},
    }
    assert run["invocations"][0]["exitCode"] == 1


def test_sarif_uris() -> None:
    relative = sarif.artifact_location("2025/dossiers/江苏省-苏州市/a b.yaml")
    assert relative == {
        "uri": "2025/dossiers/%E6%B1%9F%E8%8B%8F%E7%9C%81-%E8%8B%8F%E5%B7%9E%E5%B8%82/a%20b.yaml",
        "uriBaseId": "%SRCROOT%",
    }
    assert sarif.artifact_location("/srv/x.yaml") == {"uri": "file:///srv/x.yaml"}


def test_sarif_rule_name() -> None:
    assert sarif.rule_name(catalog()["ZX003"]) == "YAMLSyntaxError"


# --- json -----------------------------------------------------------------------------


def test_json_structure() -> None:
    doc = json.loads(json_out.render(sample_report(), "en"))
    assert doc["format"] == "zx-validate" and doc["version"] == 1
    assert doc["summary"] == {
        "files": 8,
        "dossiers": 3,
        "errors": 3,
        "warnings": 1,
        "hidden": 0,
        "hidden_errors": 0,
        "verdict": "fail",
        "exit_code": 1,
    }
    assert doc["overrides"] == {"ZX009": "off", "ZX026": "warning"}
    assert [f["code"] for f in doc["findings"]] == ["ZX003", "ZX026", "ZX310", "ZX020"]
    assert set(doc["findings"][0]) == {
        "code",
        "severity",
        "article",
        "dossier",
        "file",
        "cell",
        "line",
        "column",
        "title",
        "message",
        "hint",
        "params",
    }


def test_sarif_and_json_survive_a_file_name_that_is_not_utf8(
    capsys: pytest.CaptureFixture[str],
) -> None:
    name = os.fsdecode(b"2025/dossiers/\xff.yaml")
    finding = Finding("ZX003", name, 1, 1, {"problem": name}, None, Severity.ERROR)
    assert sarif.artifact_location(name)["uri"] == "2025/dossiers/%FF.yaml"
    report = Report(findings=[finding])
    for fmt in ("sarif", "json", "junit", "github"):
        output.emit(report, fmt, "en")
        out = capsys.readouterr().out
        assert "\\udcff" in out or "%FF" in out or "\\\\udcff" in out
        if fmt in ("sarif", "json"):
            json.loads(out)


def test_step_summary_stays_within_budget() -> None:
    full = github.summary(sample_report(), "en")
    cut = github.summary(sample_report(), "en", budget=len(full.encode("utf-8")) - 100)
    assert len(cut.encode("utf-8")) < len(full.encode("utf-8"))
    assert "more findings are in the job log" in cut
    assert cut.startswith(full[: full.index("### ")])
