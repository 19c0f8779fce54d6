"""Property-based: random mappings and random bytes through the loader, validate and tally.

Whatever a province sends, `zx validate` answers with coded findings — every code in the
catalog, every file named existing, a line and column of at least 1, every output format
rendering (strict JSON, well-formed XML) — and never with an exception; and it answers
quickly. The mappings start from the sample's own dossier.yaml and application.yaml and put
random types at random keys, so they get past the first checks and reach the rules.

Each test copies the sample campaign once and rewrites one file per example. Example counts
are modest: the whole module runs in a few seconds.
"""

from __future__ import annotations

import copy
import json
import time
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import yaml
from hostile import SAMPLE_CAMPAIGN, SUZHOU, copy_campaign
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from zxcli.catalog import catalog
from zxcli.errors import ZxError
from zxcli.load import yamlsafe
from zxcli.load.yamlsafe import LoadError, load_yaml
from zxcli.pipeline import validate_paths
from zxcli.report import github, json_out, junit, sarif
from zxcli.results import Options, Report

SECONDS = 5.0  # a whole campaign takes well under 0.2 s; this bound is for a pathology
COMMON = settings(
    deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large]
)

DOSSIER = load_yaml(SAMPLE_CAMPAIGN / "dossiers" / SUZHOU / "dossier.yaml").data
APPLICATION = load_yaml(SAMPLE_CAMPAIGN / "dossiers" / SUZHOU / "application.yaml").data
BALLOT = load_yaml(SAMPLE_CAMPAIGN / "review" / "ballots" / "M01.yaml").data

# ---------------------------------------------------------------------- strategies

numbers = st.one_of(
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.floats(min_value=0, max_value=1e6),
    st.sampled_from([0, 0.0, -0.0, 1e-320, 5e-324, 1.7976931348623157e308, 10**308, 2**53 + 1]),
)
texts = st.text(max_size=20) | st.sampled_from(
    [
        "",
        "yes",
        "on",
        "2025-02-30",
        "0000-01-01",
        "2025-03-10",
        "9999-12-31",
        "320500",
        "苏州市",
        "江苏省",
        "同意",
        "申报书",
        "/etc/passwd",
        "../x.pdf",
        "attachments/申报书.pdf",
        "attachments/",
        "C:\\x.pdf",
        "1e309",
        ".nan",
        "x" * 2000,
    ]
)
scalars = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.integers(min_value=-(10**400), max_value=10**400),
    st.floats(allow_nan=True, allow_infinity=True),
    st.text(max_size=20),
    st.sampled_from(
        [
            "",
            "yes",
            "on",
            "2025-02-30",
            "0000-01-01",
            "2025-03-10",
            "320500",
            "苏州市",
            "江苏省",
            "同意",
            "申报书",
            "/etc/passwd",
            "../x.pdf",
            "attachments/申报书.pdf",
            "attachments/",
            "C:\\x.pdf",
            "1e309",
            ".nan",
            "x" * 2000,
        ]
    ),
)
values = st.recursive(
    scalars,
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(
            st.text(max_size=10) | st.sampled_from(["id", "path", "kind", "year"]),
            inner,
            max_size=4,
        )
    ),
    max_leaves=12,
)


def _paths(data: Any, path: tuple = ()) -> list[tuple]:
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += _paths(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            found += _paths(value, (*path, i))
    return found


def _parent(data: Any, path: tuple) -> Any:
    for part in path[:-1]:
        data = data[part]
    return data


@st.composite
def mutated(draw: st.DrawFn, base: dict[str, Any]) -> Any:
    """`base` with a few values replaced, removed or added, of random types at random keys."""
    data = copy.deepcopy(base)
    for _ in range(draw(st.integers(min_value=1, max_value=4))):
        paths = [p for p in _paths(data) if p]
        if not paths or not isinstance(data, dict):
            break
        path = draw(st.sampled_from(paths))
        parent = _parent(data, path)
        action = draw(st.sampled_from(["like", "like", "replace", "delete", "add"]))
        old = parent[path[-1]]
        if action == "like" and isinstance(old, (int, float)) and not isinstance(old, bool):
            parent[path[-1]] = draw(numbers)  # still a number: the schema lets it reach rules
        elif action == "like" and isinstance(old, str):
            parent[path[-1]] = draw(texts)
        elif action in ("like", "replace"):
            parent[path[-1]] = draw(values)
        elif action == "delete":
            del parent[path[-1]]
        elif isinstance(parent, dict):
            parent[draw(st.text(min_size=1, max_size=10))] = draw(values)
        else:
            parent.append(draw(values))
    if draw(st.integers(min_value=0, max_value=19)) == 0:
        data = draw(values)  # now and then, not a mapping at all
    return data


def dump(data: Any) -> bytes:
    return yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8")


yaml_fragments = st.sampled_from(
    [
        b"year: 2025\n",
        b"a: &x [1]\nb: *x\n",
        b"\t- x\n",
        b"!!python/name:os.system\n",
        b"{[",
        b"\xef\xbb\xbf",
        b"\xff\xfe",
        b"\x00",
        b"\x07",
        b"\xed\xa0\x80",
        b"'",
        b'"\\ud800"',
        b"---\n",
        b"? [a]\n: b\n",
        b"attachments:\n  - path: /dev/zero\n",
    ]
)
raw_bytes = st.lists(st.binary(max_size=64) | yaml_fragments, max_size=12).map(b"".join)


# ---------------------------------------------------------------------- invariants


def assert_coded(report: Report) -> None:
    """Every finding has a catalog code and a place that exists; every format renders."""
    codes = catalog()
    for finding in report.findings:
        assert finding.code in codes, finding
        assert Path(finding.path).exists(), finding
        assert finding.line >= 1 and finding.column >= 1, finding
        for lang in ("zh", "en"):
            finding.message(lang)
            finding.hint(lang)
    for lang in ("zh", "en"):
        json.loads(json_out.render(report, lang), parse_constant=_refuse)
        json.loads(sarif.render(report, lang), parse_constant=_refuse)
        ET.fromstring(junit.render(report, lang).encode("utf-8"))
        github.render(report, lang)
        github.summary(report, lang)


def _refuse(name: str) -> None:
    raise AssertionError(f"{name} in JSON output")


def validate(target: Path) -> Report:
    started = time.perf_counter()
    report = validate_paths([target], Options())
    assert time.perf_counter() - started < SECONDS
    return report


@pytest.fixture(scope="module")
def campaign(tmp_path_factory: pytest.TempPathFactory):
    """A fresh copy of the sample campaign per test (the examples of one test share it)."""
    made: dict[str, Path] = {}

    def get(name: str) -> Path:
        if name not in made:
            made[name] = copy_campaign(tmp_path_factory.mktemp(name) / "2025")
        return made[name]

    return get


# ---------------------------------------------------------------------- tests


@pytest.mark.slow
@settings(COMMON, max_examples=60)
@given(data=mutated(DOSSIER))
def test_random_dossier_mappings(campaign, data: Any) -> None:
    root = campaign("dossier")
    (root / "dossiers" / SUZHOU / "dossier.yaml").write_bytes(dump(data))
    assert_coded(validate(root))


@pytest.mark.slow
@settings(COMMON, max_examples=60)
@given(data=mutated(APPLICATION))
def test_random_application_mappings(campaign, data: Any) -> None:
    root = campaign("application")
    (root / "dossiers" / SUZHOU / "application.yaml").write_bytes(dump(data))
    assert_coded(validate(root))


@pytest.mark.slow
@settings(COMMON, max_examples=60)
@given(
    raw=raw_bytes,
    which=st.sampled_from(["dossier.yaml", "application.yaml", "recommendation.yaml"]),
)
def test_random_bytes_through_validate(campaign, raw: bytes, which: str) -> None:
    root = campaign("bytes")
    folder = root / "dossiers" / SUZHOU
    original = (SAMPLE_CAMPAIGN / "dossiers" / SUZHOU / which).read_bytes()
    (folder / which).write_bytes(raw)
    try:
        report = validate(folder)
    finally:
        (folder / which).write_bytes(original)
    assert_coded(report)


@pytest.mark.slow
@settings(COMMON, max_examples=150)
@given(raw=raw_bytes)
def test_random_bytes_through_the_loader(tmp_path_factory, raw: bytes) -> None:
    path = tmp_path_factory.getbasetemp() / "loader.yaml"
    path.write_bytes(raw)
    try:
        doc = load_yaml(path, "loader.yaml")
    except LoadError as err:
        assert err.code in catalog() and err.line >= 1 and err.column >= 1
    else:
        assert isinstance(doc.data, dict)


@pytest.mark.slow
@settings(COMMON, max_examples=25)
@given(data=mutated(BALLOT))
def test_random_ballots_through_tally(campaign, data: Any) -> None:
    """A ballot of random shape is counted or refused with codes; nothing else happens."""
    from zxcli.tally.pipeline import TallyOptions, run_tally

    root = campaign("ballot")
    (root / "review" / "ballots" / "M01.yaml").write_bytes(dump(data))
    started = time.perf_counter()
    try:
        run_tally(root, TallyOptions())
    except ZxError as err:
        assert err.code in catalog()
        for problem in getattr(err, "problems", []):
            assert problem.code in catalog() and problem.path
    assert time.perf_counter() - started < SECONDS


@pytest.mark.parametrize(
    "text",
    [
        "a: " + "[" * 100_000 + "]" * 100_000,
        "a: " + "{a: " * 3000 + "1" + "}" * 3000,
        "".join("  " * i + f"k{i}:\n" for i in range(1200)) + "  " * 1200 + "v: 1\n",
    ],
)
def test_without_libyaml_deep_documents_are_coded(monkeypatch, text: str) -> None:
    """PyYAML without its C extension composes in Python and would hit the recursion limit."""
    monkeypatch.setattr(yamlsafe, "_Loader", yaml.SafeLoader)
    with pytest.raises(LoadError) as caught:
        yamlsafe.parse_text(text, Path("deep.yaml"), "deep.yaml")
    assert caught.value.code == "ZX006"
