"""Issue 15: the machine formats as their clients read them, and zx in CI and pre-commit.

Each client's own parser or schema where one is pip-installable: junitparser, the SARIF 2.1.0
schema (subset in tests/golden), pre-commit itself, check-jsonschema's vendored GitHub and
GitLab CI schemas. GitLab publishes no Code Quality schema; tests/golden holds one written
from its documentation.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest

from zxcli.catalog import Severity, catalog
from zxcli.commands.options import ReportFormat
from zxcli.report import REPORTER_BY_NAME, codequality, github, junit, links, sarif
from zxcli.results import Finding, Report

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"
SAMPLE = ROOT / "sample_dossiers" / "2024"
MACHINE = ("json", "sarif", "junit", "codequality")


@pytest.fixture(autouse=True)
def _no_ci(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("GITHUB_WORKSPACE", "CI_PROJECT_DIR", "GITHUB_ACTIONS", "GITHUB_STEP_SUMMARY"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setattr(links, "installed_source", lambda: None)


def report(shift: int = 0) -> Report:
    err, warn = Severity.ERROR, Severity.WARNING
    findings = [
        Finding("ZX310", "d/a.yaml", 54 + shift, 11, {"id": "x", "path": "p.pdf"}, "甲", err),
        Finding(
            "ZX004", "d/a.yaml", 14 + shift, 1, {"key": "k", "first_line": 13 + shift}, "甲", err
        ),
        Finding(
            "ZX026",
            "d/b.yaml",
            30 + shift,
            5,
            {"field": "r", "did_you_mean": "", "allowed": "a"},
            "乙",
            warn,
        ),
        Finding("ZX310", "d/a.yaml", 60 + shift, 11, {"id": "x", "path": "p.pdf"}, "甲", err),
    ]
    return Report(findings=findings, files=["d/a.yaml", "d/b.yaml"], dossiers=["甲", "乙", "丙"])


def a_repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A checkout with zx run in its sub-folder `campaign` (a job's working-directory)."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "campaign").mkdir()
    monkeypatch.chdir(tmp_path / "campaign")
    return tmp_path


def test_report_format_lists_the_registry() -> None:
    assert [f.value for f in ReportFormat] == list(REPORTER_BY_NAME)


# --- GitLab Code Quality ----------------------------------------------------------------


def _codequality_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((GOLDEN / "gitlab-codequality.schema.json").read_text("utf-8"))
    return jsonschema.Draft7Validator(schema)


def test_codequality_matches_gitlabs_format(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a_repo(tmp_path, monkeypatch)
    issues = json.loads(codequality.render(report(), "en"))
    _codequality_validator().validate(issues)
    assert [i["location"]["path"] for i in issues][:3] == [
        "campaign/d/a.yaml",
        "campaign/d/a.yaml",
        "campaign/d/b.yaml",
    ]
    assert [i["severity"] for i in issues] == ["major", "major", "minor", "major"]
    assert issues[0]["location"]["lines"]["begin"] == 54
    assert issues[0]["check_name"] == "ZX310" and "ZX310" in issues[0]["description"]


def test_codequality_fingerprints_are_unique_and_survive_line_shifts(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    first = [i["fingerprint"] for i in json.loads(codequality.render(report(), "zh"))]
    again = [i["fingerprint"] for i in json.loads(codequality.render(report(), "en"))]
    shifted = [i["fingerprint"] for i in json.loads(codequality.render(report(12), "zh"))]
    assert len(set(first)) == 4
    assert first == again == shifted
    other = report()
    other.findings[0] = replace(other.findings[0], params={"id": "y", "path": "p.pdf"})
    changed = [i["fingerprint"] for i in json.loads(codequality.render(other, "zh"))]
    # the twin of finding 0 (same rule, file, params) was its second occurrence, now the first
    assert changed[0] != first[0] and changed[1:3] == first[1:3]


def test_codequality_uses_ci_project_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "sub").mkdir()
    monkeypatch.chdir(tmp_path / "sub")
    monkeypatch.setenv("CI_PROJECT_DIR", str(tmp_path))
    issues = json.loads(codequality.render(report(), "zh"))
    assert issues[0]["location"]["path"] == "sub/d/a.yaml"


# --- JUnit -------------------------------------------------------------------------------


def test_junit_counts_with_junitparser(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    junitparser = pytest.importorskip("junitparser", reason="pip install junitparser")
    a_repo(tmp_path, monkeypatch)
    target = tmp_path / "junit.xml"
    target.write_text(junit.render(report(), "en"), encoding="utf-8")
    xml = junitparser.JUnitXml.fromfile(str(target))
    (suite,) = list(xml)
    cases = list(suite)
    # four findings, and the one dossier without findings (丙)
    assert (suite.tests, suite.failures, suite.errors, suite.skipped) == (5, 3, 0, 0)
    assert {p.name: p.value for p in suite.properties()}["warnings"] == "1"
    assert cases[0].classname == "甲" and cases[0].name == "ZX310 campaign/d/a.yaml"
    assert cases[3].name == "ZX310 campaign/d/a.yaml #2"
    warning = cases[2]
    assert warning.is_passed and "[warning]" in warning.system_out
    assert cases[4].is_passed and cases[4].classname == "丙"


def test_junit_strict_and_hidden_errors_fail() -> None:
    strict = replace(report(), strict=True)
    assert 'failures="4"' in junit.render(strict, "en")
    hidden = report()
    hidden.hidden.append(
        replace(hidden.findings[0], code="ZX020", params={"field": "f", "field_title": "t"})
    )
    text = junit.render(hidden, "en")
    assert 'failures="4"' in text and "errors hidden by --select/--ignore: 1" in text


# --- SARIF -------------------------------------------------------------------------------


def _sarif_validator() -> jsonschema.Draft7Validator:
    schema = json.loads((GOLDEN / "sarif-2.1.0.subset.schema.json").read_text("utf-8"))
    return jsonschema.Draft7Validator(schema, format_checker=jsonschema.FormatChecker())


def test_sarif_for_code_scanning(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a_repo(tmp_path, monkeypatch)
    source = links.source_of(
        {"url": "https://github.com/org/zx.git", "vcs_info": {"vcs": "git", "commit_id": "abc123"}}
    )
    monkeypatch.setattr(links, "installed_source", lambda: source)
    doc = json.loads(sarif.render(report(), "zh"))
    _sarif_validator().validate(doc)
    (run,) = doc["runs"]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == "https://github.com/org/zx"
    rule = next(r for r in driver["rules"] if r["id"] == "ZX310")
    assert rule["helpUri"] == "https://github.com/org/zx/blob/abc123/docs/guide.md#zx310"
    assert rule["fullDescription"]["text"] != rule["help"]["text"]
    assert rule["help"]["text"] == catalog()["ZX310"].hint["zh"]
    assert "第7条" in rule["fullDescription"]["text"]
    assert (
        "](https://github.com/org/zx/blob/abc123/docs/guide.md#zx310)" in rule["help"]["markdown"]
    )
    results = run["results"]
    uris = [r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results]
    assert uris[0] == "campaign/d/a.yaml"
    prints = [r["partialFingerprints"]["zx/v1"] for r in results]
    shifted = json.loads(sarif.render(report(7), "zh"))["runs"][0]["results"]
    assert prints == [r["partialFingerprints"]["zx/v1"] for r in shifted]


def test_sarif_links_only_to_what_exists(monkeypatch: pytest.MonkeyPatch) -> None:
    assert links.source_of({"url": "file:///home/me/zx", "dir_info": {}}) is None
    gitlab = links.source_of(
        {"url": "https://gitlab.com/g/zx.git", "vcs_info": {"vcs": "git", "commit_id": "c0ffee"}}
    )
    assert gitlab is not None and gitlab.blob == "https://gitlab.com/g/zx/-/blob/c0ffee/"
    elsewhere = links.source_of(
        {"url": "git+https://git.example.org/zx", "vcs_info": {"vcs": "git", "commit_id": "1"}}
    )
    assert elsewhere == links.Source("https://git.example.org/zx", None)
    doc = json.loads(sarif.render(report(), "en"))  # installed from a local path: no links
    driver = doc["runs"][0]["tool"]["driver"]
    assert "informationUri" not in driver
    assert all("helpUri" not in r for r in driver["rules"])


def test_guide_has_an_anchor_per_rule() -> None:
    guide = (ROOT / "docs" / "guide.md").read_text("utf-8")
    assert all(f'<a id="{code.lower()}"></a>' in guide for code in catalog())


# --- GitHub -------------------------------------------------------------------------------


def test_github_paths_follow_the_workspace(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "campaign").mkdir()
    monkeypatch.chdir(tmp_path / "campaign")
    monkeypatch.setenv("GITHUB_WORKSPACE", str(tmp_path))
    assert github.render(report(), "zh").startswith("::error file=campaign/d/a.yaml,line=54,")


@pytest.mark.parametrize(
    "text",
    [
        "see https://evil.example/x",
        "www.evil.example",
        "mail a@evil.example",
        "ping @someone",
        "HTTP://X.EXAMPLE",
    ],
)
def test_step_summary_links_nothing(text: str) -> None:
    finding = Finding("ZX003", "a.yaml", 1, 1, {"problem": text}, None, Severity.ERROR)
    summary = github.summary(Report(findings=[finding]), "en")
    row = next(line for line in summary.splitlines() if "ZX003" in line)
    assert not re.search(r"(?i)https?://|www\.|@\w", row), row
    assert text.replace("\u200b", "") in row.replace("\u200b", "")


# --- usage and I/O errors in machine formats -------------------------------------------------


def zx(*args: str, cwd: Path | None = None, env: dict | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zxcli.cli", *args],
        capture_output=True,
        cwd=cwd,
        env={**os.environ, **(env or {})},
        check=False,
    )


@pytest.mark.parametrize(
    "args", [["validate", "/no/such/campaign"], ["validate", "--no-such-option", "."]]
)
@pytest.mark.parametrize("fmt", [*MACHINE, "github"])
def test_errors_still_write_a_document(fmt: str, args: list[str], tmp_path: Path) -> None:
    done = zx(*args, "--format", fmt, "--lang", "en", cwd=tmp_path)
    assert done.returncode == 2
    out = done.stdout.decode("utf-8")
    code = "ZX901" if "/no/such/campaign" in args else "ZX905"
    assert code in out
    if fmt == "json":
        doc = json.loads(out)
        assert doc["error"]["code"] == code and doc["summary"]["exit_code"] == 2
    elif fmt == "sarif":
        doc = json.loads(out)
        _sarif_validator().validate(doc)
        assert doc["runs"][0]["invocations"][0]["executionSuccessful"] is False
    elif fmt == "codequality":
        _codequality_validator().validate(json.loads(out))
    elif fmt == "junit":
        junitparser = pytest.importorskip("junitparser")
        (tmp_path / "j.xml").write_bytes(done.stdout)
        (suite,) = list(junitparser.JUnitXml.fromfile(str(tmp_path / "j.xml")))
        assert (suite.tests, suite.errors) == (1, 1)
    else:
        assert out.startswith(f"::error title={code}::")
    if code == "ZX901":
        assert "no such path" in out  # --lang en reached the error


# --- pre-commit, for real -----------------------------------------------------------------


def _git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@t", *args],
        cwd=repo,
        check=True,
        capture_output=True,
    )


def _local_hooks(zx_bin: str) -> str:
    """This repository's hook manifest as `repo: local` hooks with `language: system`:
    pre-commit would need the network to build a python env for `language: python`."""
    import yaml

    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text("utf-8"))
    for hook in hooks:
        hook["language"] = "system"
        hook["entry"] = hook["entry"].replace("zx ", f"{zx_bin} ", 1)
        hook.pop("minimum_pre_commit_version", None)
    return yaml.safe_dump({"repos": [{"repo": "local", "hooks": hooks}]}, allow_unicode=True)


def _pre_commit(repo: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "PRE_COMMIT_HOME": str(repo.parent / "cache"), "ZX_LANG": "en"}
    return subprocess.run(
        [sys.executable, "-m", "pre_commit", "run", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


def test_pre_commit_hooks_for_real(tmp_path: Path) -> None:
    pytest.importorskip("pre_commit", reason="pre-commit not installed (pip install pre-commit)")
    if not shutil.which("git"):
        pytest.skip("git not installed")
    check = subprocess.run(
        [
            sys.executable,
            "-m",
            "pre_commit",
            "validate-manifest",
            str(ROOT / ".pre-commit-hooks.yaml"),
        ],
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    zx_bin = shutil.which("zx", path=str(Path(sys.executable).parent)) or "zx"
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "2024")
    (repo / ".pre-commit-config.yaml").write_text(_local_hooks(zx_bin), encoding="utf-8")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    done = _pre_commit(repo, "--all-files")
    assert done.returncode == 0, done.stdout + done.stderr
    _git(repo, "commit", "-qm", "sample", "--no-verify")
    # Deleting an attachment: no file left for the per-file hook; the campaign hook fails.
    victim = next((repo / "2024" / "dossiers").glob("*/attachments/推荐函.pdf"))
    _git(repo, "rm", "-q", str(victim.relative_to(repo)))
    files = _pre_commit(repo, "zx-validate")
    assert files.returncode == 0 and "no files to check" in files.stdout.lower(), files.stdout
    campaign = _pre_commit(repo, "zx-validate-campaign")
    assert campaign.returncode == 1 and "ZX310" in campaign.stdout, campaign.stdout


# --- docs/ci.md snippets ------------------------------------------------------------------


def _yaml_blocks(heading: str) -> list[str]:
    text = (ROOT / "docs" / "ci.md").read_text("utf-8")
    section = text.split(heading, 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```yaml\n(.*?)```", section, re.S)


@pytest.mark.parametrize(
    ("heading", "schema"),
    [("## 1. GitHub Actions", "github-workflows"), ("## 2. GitLab CI", "gitlab-ci")],
)
def test_ci_snippets_match_the_ci_schemas(heading: str, schema: str, tmp_path: Path) -> None:
    if not shutil.which("check-jsonschema", path=str(Path(sys.executable).parent)):
        pytest.skip("check-jsonschema not installed (pip install check-jsonschema)")
    tool = shutil.which("check-jsonschema", path=str(Path(sys.executable).parent))
    blocks = _yaml_blocks(heading)
    assert blocks
    target = tmp_path / "ci.yml"
    target.write_text(blocks[0], encoding="utf-8")
    done = subprocess.run(
        [str(tool), "--builtin-schema", f"vendor.{schema}", str(target)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_ci_snippets_commands_run(tmp_path: Path) -> None:
    """The zx lines of the GitHub and GitLab snippets as written, in a checkout holding the
    sample: each exits 0 and every file it names is a valid document of its format."""
    commands = re.findall(
        r"^\s*(?:- |run: |)(zx validate[^\n|&>]*)",
        (ROOT / "docs" / "ci.md").read_text("utf-8"),
        re.M,
    )
    assert len(commands) >= 3
    validators = {"sarif": _sarif_validator(), "codequality": _codequality_validator()}
    for n, command in enumerate(commands):
        repo = tmp_path / f"repo{n}"
        shutil.copytree(SAMPLE, repo / "2024")
        (repo / ".git").mkdir()
        args = command.split()[1:]
        done = zx(*args, cwd=repo, env={"GITHUB_WORKSPACE": str(repo), "CI_PROJECT_DIR": str(repo)})
        assert done.returncode == 0, (command, done.stderr.decode())
        pairs = re.findall(r"-f (\w+) -o (\S+)", command)
        for fmt, target in pairs:
            text = (repo / target).read_text("utf-8")
            if fmt in validators:
                validators[fmt].validate(json.loads(text))
            elif fmt == "junit":
                assert text.startswith("<?xml")


def _workflow(tmp_path: Path) -> Path:
    """Both GitHub jobs of docs/ci.md as one workflow file."""
    # The workflow and its second job; a block of steps is to be added to one (the cache).
    blocks = [b for b in _yaml_blocks("## 1. GitHub Actions") if not b.lstrip().startswith("- ")]
    target = tmp_path / ".github" / "workflows" / "zx.yml"
    target.parent.mkdir(parents=True)
    target.write_text(blocks[0] + blocks[1], encoding="utf-8")
    return target


def test_github_snippet_passes_actionlint(tmp_path: Path) -> None:
    tool = shutil.which("actionlint", path=str(Path(sys.executable).parent)) or shutil.which(
        "actionlint"
    )
    if not tool:
        pytest.skip("actionlint not installed (pip install -e '.[test]')")
    target = _workflow(tmp_path)
    done = subprocess.run(
        [tool, "-no-color", str(target.relative_to(tmp_path))],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_github_snippet_is_current_and_injection_free(tmp_path: Path) -> None:
    import yaml

    workflow = yaml.safe_load(_workflow(tmp_path).read_text("utf-8"))
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    for step in steps:
        assert "${{" not in step.get("run", ""), step  # through env:, never in the script
    (upload,) = [s for s in steps if "upload-sarif" in s.get("uses", "")]
    assert upload["uses"] == "github/codeql-action/upload-sarif@v4"
    # exit 2 (the check did not run) never uploads: an empty SARIF closes every alert
    condition = upload["if"]
    assert "!cancelled()" in condition and "'2'" not in condition
    assert "== '0'" in condition and "== '1'" in condition
    assert "always()" not in condition and "failure()" not in condition


def test_gitlab_snippet_image_has_what_its_install_line_needs(tmp_path: Path) -> None:
    """pip needs git for a git+https source (ZX_SOURCE): the image the snippet names must
    not be a slim or alpine one, which have no git. Shown here: without git on PATH, pip
    refuses such a source."""
    import yaml

    job = yaml.safe_load(_yaml_blocks("## 2. GitLab CI")[0])["zx-validate"]
    assert job["script"][0] == 'pip install "$ZX_SOURCE"'
    image = job["image"]
    assert re.fullmatch(r"python:3\.\d+", image), image  # the full image ships git
    nogit = tmp_path / "bin"
    nogit.mkdir()
    (nogit / "python").symlink_to(sys.executable)
    done = subprocess.run(
        [
            str(nogit / "python"),
            "-m",
            "pip",
            "install",
            "--no-deps",
            "--no-index",
            "git+file:///nonexistent/zx@0123456",
        ],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PATH": str(nogit)},
    )
    assert done.returncode != 0 and "cannot find command 'git'" in done.stderr.lower(), done.stderr


# --- follow-on findings (ZX040) folded into their cause ---------------------------------------


def _broken_report() -> Report:
    """Two files with errors and the checks each stopped (ZX040), listed before them as the
    runner does."""
    from zxcli.catalog import Term

    err = Severity.ERROR

    def unchecked(path: str, family: str, files: str) -> Finding:
        return Finding(
            "ZX040", path, 1, 1, {"family": Term(f"family.{family}"), "files": files}, "甲", err
        )

    findings = [
        unchecked("d/dossier.yaml", "eligibility", "dossier.yaml"),
        unchecked("d/dossier.yaml", "seals", "dossier.yaml、recommendation.yaml"),
        unchecked("d/application.yaml", "conditions", "application.yaml"),
        Finding("ZX004", "d/dossier.yaml", 14, 1, {"key": "k", "first_line": 13}, "甲", err),
        Finding("ZX011", "d/application.yaml", 8, 1, {}, "甲", err),
        unchecked("d/dossier.yaml", "sanctions", "dossier.yaml"),
    ]
    return Report(
        findings=findings, files=["d/dossier.yaml", "d/application.yaml"], dossiers=["甲"]
    )


def _codes_in_order(fmt: str, out: str) -> list[str]:
    if fmt == "json":
        return [f["code"] for f in json.loads(out)["findings"]]
    if fmt == "sarif":
        return [r["ruleId"] for r in json.loads(out)["runs"][0]["results"]]
    if fmt == "codequality":
        return [i["check_name"] for i in json.loads(out)]
    if fmt == "junit":
        return re.findall(r'<testcase name="(ZX\d+)', out)
    return re.findall(r"title=(ZX\d+)", out)


@pytest.mark.parametrize("fmt", [*MACHINE, "github"])
def test_follow_on_findings_fold_into_one_note_per_file_after_the_causes(fmt: str) -> None:
    from zxcli.report import reporter

    out = reporter(fmt).render(_broken_report(), "en")
    assert _codes_in_order(fmt, out) == ["ZX004", "ZX011", "ZX040", "ZX040"]
    assert "eligibility of the nominee (第5条), seals (第7条), 第13条 records" in out
    assert "dossier.yaml、" not in out  # English lists are joined the English way
    assert "dossier.yaml, recommendation.yaml" in out


def test_github_never_spends_an_error_annotation_on_a_follow_on_note() -> None:
    out = github.render(_broken_report(), "zh")
    notes = [line for line in out.splitlines() if "ZX040" in line]
    assert len(notes) == 2 and all(line.startswith("::notice ") for line in notes)
    assert sum(line.startswith("::error ") for line in out.splitlines()) == 2


def test_text_puts_a_files_note_after_its_errors() -> None:
    from zxcli.report import reporter

    lines = reporter("text").render(_broken_report(), "zh").splitlines()
    codes = [
        re.search(r" (ZX\d+) ", line).group(1)
        for line in lines
        if re.search(r"^d/\S+ ZX\d+ ", line)
    ]
    assert codes == ["ZX011", "ZX040", "ZX004", "ZX040"]
    note = next(line for line in lines if "ZX040" in line and "dossier.yaml:" in line)
    assert "申报主体资格（第5条）、印章（第7条）、第13条记录" in note


# --- fingerprints and paths in messages: the same from every working folder -------------------


@pytest.mark.parametrize("ci", [{}, {"CI_PROJECT_DIR": "<repo>", "GITHUB_WORKSPACE": "<repo>"}])
def test_fingerprints_and_messages_do_not_depend_on_the_working_folder(
    tmp_path: Path, ci: dict[str, str]
) -> None:
    repo = tmp_path / "repo"
    shutil.copytree(ROOT / "sample_dossiers" / "broken", repo / "2024")
    (repo / ".git").mkdir()
    env = {key: str(repo) for key in ci}
    runs = {(repo, "2024"), (repo / "2024", "."), (repo / "2024" / "dossiers", "..")}
    seen = []
    for cwd, target in runs:
        quality = json.loads(zx("validate", "-f", "codequality", target, cwd=cwd, env=env).stdout)
        log = json.loads(zx("validate", "-f", "sarif", target, cwd=cwd, env=env).stdout)
        results = log["runs"][0]["results"]
        seen.append(
            (
                sorted(
                    (i["fingerprint"], i["description"], i["location"]["path"]) for i in quality
                ),
                sorted((r["partialFingerprints"]["zx/v1"], r["message"]["text"]) for r in results),
            )
        )
    assert seen[0] == seen[1] == seen[2]
    described = [d for _, d, _ in seen[0][0] if d.startswith("ZX252")]
    assert described and all("2024/dossiers/" in d and "../" not in d for d in described)


@pytest.mark.parametrize("xsd", ["jenkins-junit.xsd", "jenkins-xunit-junit-10.xsd"])
def test_junit_passes_jenkins_schemas(
    xsd: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Both Jenkins JUnit schemas (vendored from junit5 and the xunit plugin)."""
    from lxml import etree

    a_repo(tmp_path, monkeypatch)
    schema = etree.XMLSchema(etree.parse(str(GOLDEN / xsd)))
    hidden = report()
    hidden.hidden.append(replace(hidden.findings[0], code="ZX020"))
    error = junit.render_error(junit.RunError("ZX901", "m", "h", 2, path="x.yaml"), "zh")
    for text in (junit.render(report(), "zh"), junit.render(hidden, "en"), error):
        doc = etree.fromstring(text.encode("utf-8"))
        assert schema.validate(doc), schema.error_log


def test_junit_names_survive_line_shifts_and_languages() -> None:
    def names(shift: int, lang: str) -> list[str]:
        return re.findall(r'<testcase name="([^"]*)"', junit.render(report(shift), lang))

    assert names(0, "zh") == names(3, "zh") == names(0, "en")


# --- --output, --quiet, completion, exit codes in --help ------------------------------------


def _run(*argv: str, cwd: Path, env: dict | None = None) -> tuple[int, str, str]:
    from inproc import run_main

    return run_main(list(argv), cwd=cwd, env=env or {}, drop=("GITHUB_ACTIONS",))


def test_one_run_writes_several_formats(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "2024")
    code, out, _ = _run(
        "validate",
        "-f",
        "sarif",
        "-o",
        "zx.sarif",
        "-f",
        "codequality",
        "--output=gl.json",
        "-f",
        "text",
        "2024",
        cwd=tmp_path,
    )
    assert code == 0 and "ZX" not in out.split("\n", 1)[0] and "2024/zx.yaml" in out
    _sarif_validator().validate(json.loads((tmp_path / "zx.sarif").read_text("utf-8")))
    _codequality_validator().validate(json.loads((tmp_path / "gl.json").read_text("utf-8")))
    # never over an existing file without --force: the run is refused, the other file holds
    # the refusal (a CI step reading it sees why), the existing one is left as it was
    before = (tmp_path / "zx.sarif").read_bytes()
    code, out, err = _run(
        "validate",
        "-f",
        "json",
        "-o",
        "new.json",
        "-f",
        "sarif",
        "-o",
        "zx.sarif",
        "-f",
        "text",
        "2024",
        cwd=tmp_path,
    )
    assert code == 2 and "ZX903" in err and (tmp_path / "zx.sarif").read_bytes() == before
    assert json.loads((tmp_path / "new.json").read_text("utf-8"))["error"]["code"] == "ZX903"
    code, _, _ = _run("validate", "-f", "sarif", "-o", "zx.sarif", "--force", "2024", cwd=tmp_path)
    assert code == 0


@pytest.mark.parametrize(
    ("argv", "code"),
    [
        (["-o", "a.json", "-f", "json"], "ZX920"),
        (["-f", "json", "-f", "sarif"], "ZX921"),
        (["-f", "json", "-o", "a.json", "-f", "sarif", "-o", "./a.json"], "ZX922"),
    ],
)
def test_outputs_pair_with_their_formats(argv: list[str], code: str, tmp_path: Path) -> None:
    done, _, err = _run("validate", *argv, ".", cwd=tmp_path)
    assert done == 2 and code in err
    assert not (tmp_path / "a.json").exists()


def test_a_usage_error_reaches_the_output_file(tmp_path: Path) -> None:
    done, out, _ = _run(
        "validate",
        "-f",
        "codequality",
        "-o",
        "gl.json",
        "--lang",
        "en",
        "no-such-folder",
        cwd=tmp_path,
    )
    assert done == 2 and out == ""
    (issue,) = json.loads((tmp_path / "gl.json").read_text("utf-8"))
    assert issue["check_name"] == "ZX901" and issue["severity"] == "blocker"


def test_quiet_prints_nothing_and_still_writes_files(tmp_path: Path) -> None:
    shutil.copytree(ROOT / "sample_dossiers" / "broken", tmp_path / "b")
    done, out, err = _run(
        "validate", "-q", "-f", "json", "-o", "r.json", "-f", "text", "b", cwd=tmp_path
    )
    assert (done, out, err) == (1, "", "")
    assert json.loads((tmp_path / "r.json").read_text("utf-8"))["summary"]["errors"] > 0


def test_help_gives_exit_codes_and_completion() -> None:
    from inproc import run_main

    _, out, _ = run_main(["validate", "--help"], env={"ZX_LANG": "en"})
    assert "Exit codes: 0 " in " ".join(out.split())
    _, out, _ = run_main(["--help"], env={"ZX_LANG": "zh"})
    assert "退出码" in out and "--install-completion" in out and "--show-completion" in out
    done = subprocess.run(
        [sys.executable, "-m", "zxcli.cli"],
        capture_output=True,
        text=True,
        env={
            **os.environ,
            "_ZX_COMPLETE": "complete_bash",
            "COMP_WORDS": "zx vali",
            "COMP_CWORD": "1",
        },
        check=False,
    )
    assert done.stdout.split() == ["validate"], done.stdout + done.stderr


# --- which zx is this -------------------------------------------------------------------------


@pytest.fixture
def installed_at_commit(monkeypatch: pytest.MonkeyPatch) -> str:
    """zx as pip records an install from git (PEP 610 direct_url.json)."""
    import zxcli

    commit = "0123456789abcdef0123456789abcdef01234567"
    record = {"url": "https://example.org/zx.git", "vcs_info": {"vcs": "git", "commit_id": commit}}

    class Dist:
        def read_text(self, name: str) -> str | None:
            return json.dumps(record) if name == "direct_url.json" else None

    from importlib import metadata

    monkeypatch.setattr(metadata, "distribution", lambda name: Dist())
    zxcli.installed_commit.cache_clear()
    yield commit
    zxcli.installed_commit.cache_clear()


def test_version_carries_the_commit(installed_at_commit: str) -> None:
    from inproc import run_main

    from zxcli.report import json_out

    assert run_main(["--version"])[1].splitlines()[0] == f"zx 0.1.0+{installed_at_commit}"
    # through click too (not the fast path): the option must not shadow the function
    assert (
        run_main(["--lang", "en", "--version"])[1].splitlines()[0]
        == f"zx 0.1.0+{installed_at_commit}"
    )
    log = json.loads(sarif.render(report(), "en"))
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["version"] == driver["semanticVersion"] == f"0.1.0+{installed_at_commit}"
    assert re.fullmatch(r"\d+\.\d+\.\d+\+[0-9A-Za-z.-]+", driver["semanticVersion"])
    assert json_out.document(report(), "en")["zx_version"] == f"0.1.0+{installed_at_commit}"


def test_python_dash_m_zxcli() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "zxcli", "--version"], capture_output=True, text=True, check=False
    )
    assert done.returncode == 0 and done.stdout.startswith("zx 0.1.0"), done.stderr


# --- install hints never name a bare index package -----------------------------------------


def _bare_installs(text: str) -> list[str]:
    """`pip install` arguments naming zxcli by bare name (no `@ source`, no path)."""
    found = []
    for args in re.findall(r"pip install ([^\n`）)]*)", text):
        tokens = args.split()
        for i, token in enumerate(tokens):
            name = token.strip("'\"")
            follows = tokens[i + 1] if i + 1 < len(tokens) else ""
            if re.fullmatch(r"zxcli(\[[\w,-]+\])?", name) and follows != "@":
                found.append(args)
    return found


def test_install_hints_never_name_a_bare_index_package() -> None:
    from zxcli.catalog import help_texts

    texts = {
        code: f"{r.hint['zh']}\n{r.hint['en']}\n{r.message['zh']}\n{r.message['en']}"
        for code, r in catalog().items()
    }
    texts["help.yaml"] = json.dumps(help_texts(), ensure_ascii=False).replace('\\"', '"')
    for name in ("ci.md", "guide.md", "output.md"):
        texts[name] = (ROOT / "docs" / name).read_text("utf-8")
    texts["README.md"] = (ROOT / "README.md").read_text("utf-8")
    bare = {where: found for where, text in texts.items() if (found := _bare_installs(text))}
    assert not bare, bare
    assert _bare_installs("pip install 'zxcli[scan]'") and _bare_installs("pip install zxcli")
    assert not _bare_installs('pip install "zxcli[scan] @ git+https://x@1"')


def test_a_usage_error_reaches_every_format_in_its_place(tmp_path: Path) -> None:
    done, out, _ = _run(
        "validate",
        "-f",
        "json",
        "-f",
        "sarif",
        "-o",
        "zx.sarif",
        "--lang",
        "en",
        "no-such-folder",
        cwd=tmp_path,
    )
    assert done == 2 and json.loads(out)["error"]["code"] == "ZX901"
    log = json.loads((tmp_path / "zx.sarif").read_text("utf-8"))
    assert log["runs"][0]["invocations"][0]["executionSuccessful"] is False
