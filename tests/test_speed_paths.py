"""The fast paths give the verdicts of the slow ones (issue 18).

- Schemas: jsonschema-rs decides "valid" for most files and jsonschema, zx's own way, runs
  for the rest. Whatever the compiled pre-check accepts, zx must accept too (strict
  integers, real dates, the `$` trap, non-finite numbers, identity strings): the hostile
  values below go through both paths on every field of the samples.
- PDFs: the page-tree reader counts only plain files; on every mutation of real PDFs
  that it counts, pypdf opens the file unencrypted with the same count.

No timing is asserted here: speed is measured in bench/run.py.
"""

from __future__ import annotations

import io
import math
import random
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import pdf_bytes

from zxcli.load import files, pdftree
from zxcli.load.yamlsafe import load_yaml
from zxcli.model.campaign import CAMPAIGN_KINDS, DOSSIER_KINDS
from zxcli.schema import check, store

pytest.importorskip("jsonschema_rs")

REPO = Path(__file__).resolve().parent.parent
CAMPAIGN = REPO / "sample_dossiers" / "2024"

# Values zx refuses where JSON Schema (or jsonschema-rs) alone might not, and their kin.
HOSTILE: list[Any] = [
    2025.0,
    0.0,
    -1.0,
    1e300,
    2.0**53,
    10**30,
    -(10**30),
    2**64,
    True,
    None,
    math.nan,
    math.inf,
    -math.inf,
    "0000-01-01",
    "2025-02-30",
    "2025-13-01",
    "2025-1-01",
    "２０２５-01-01",
    "2025-03-10\n",
    "2025-03-10T00:00:00",
    "320500\n",
    "320500",
    "苏州市\n",
    " 苏州市",
    "苏州\u200b市",
    "苏州市\u202e",
    "a@b",
    "ab",
    "用户@例子.广告",
    "",
    "\n",
    "x" * 5000,
    "行\n" * 300,
    [],
    {},
    [1],
    {"x": 1},
    12,
    12.5,
    -3,
    "12",
]


def _sample_documents() -> Iterator[tuple[str, Path]]:
    for rel, (kind, _) in CAMPAIGN_KINDS.items():
        if (CAMPAIGN / rel).is_file():
            yield kind, CAMPAIGN / rel
    for path in sorted((CAMPAIGN / "review" / "ballots").glob("*.yaml"))[:2]:
        yield "ballot", path
    for folder in sorted((CAMPAIGN / "dossiers").iterdir()):
        for name, kind in DOSSIER_KINDS.items():
            yield kind, folder / name


def _leaves(value: Any, path: tuple[Any, ...] = ()) -> Iterator[tuple[Any, ...]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, key))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _leaves(item, (*path, i))
    else:
        yield path


def _replaced(value: Any, path: tuple[Any, ...], new: Any) -> Any:
    if not path:
        return new
    head, rest = path[0], path[1:]
    if isinstance(value, dict):
        return {k: (_replaced(v, rest, new) if k == head else v) for k, v in value.items()}
    return [(_replaced(v, rest, new) if i == head else v) for i, v in enumerate(value)]


def _slow_valid(data: Any, kind: str) -> bool:
    return not list(check._non_finite(data, ())) and not any(
        True for _ in store.validator(kind).iter_errors(data)
    )


def test_samples_take_the_compiled_path() -> None:
    for kind, path in _sample_documents():
        data = load_yaml(path, path.name).data
        assert _slow_valid(data, kind), path
        assert check.passes_compiled(data, kind), f"{path}: the fast path is not used"


@pytest.mark.slow
def test_hostile_values_get_zx_verdicts_on_both_paths() -> None:
    rng = random.Random(18)
    cases = disagree = 0
    for kind, path in _sample_documents():
        data = load_yaml(path, path.name).data
        leaves = list(_leaves(data))
        for leaf in rng.sample(leaves, min(len(leaves), 40)):
            for value in HOSTILE:
                mutated = _replaced(data, leaf, value)
                cases += 1
                fast, slow = check.passes_compiled(mutated, kind), _slow_valid(mutated, kind)
                assert not (fast and not slow), (
                    f"{path.name} {leaf} = {value!r}: compiled path accepts what zx refuses"
                )
                disagree += fast != slow
    assert cases > 2000
    # Stricter compiled verdicts only cost time (jsonschema then decides): keep them rare.
    assert disagree <= cases // 20


def test_integral_floats_are_not_integers() -> None:
    data = load_yaml(CAMPAIGN / "zx.yaml", "zx.yaml").data
    assert check.passes_compiled(data, "campaign")
    assert not check.passes_compiled({**data, "year": float(data["year"])}, "campaign")


def test_strict_integers_hold_inside_not_and_if() -> None:
    """zxStrictInteger sits beside every integer type, so a float is no integer to the
    compiled validator wherever the type is asked, as to zx's own."""
    import jsonschema_rs

    schema = store._strict_integers(
        {
            "properties": {
                "a": {"type": "integer", "minimum": 1},
                "b": {"not": {"type": "integer"}},
                "c": {"if": {"type": "integer"}, "then": {"const": 1}},
                "d": {"type": ["integer", "null"]},
                "e": {"type": ["integer", "number"]},
            }
        }
    )
    fast = jsonschema_rs.Draft202012Validator(
        schema, keywords={store.STRICT_INTEGER: store._StrictInteger}
    )
    assert not fast.is_valid({"a": 3.0}) and fast.is_valid({"a": 3})
    assert fast.is_valid({"b": 2.0}) and not fast.is_valid({"b": 2})
    assert fast.is_valid({"c": 2.0}) and not fast.is_valid({"c": 2})
    assert not fast.is_valid({"d": 5.0}) and fast.is_valid({"d": None})
    assert fast.is_valid({"e": 5.0})  # a number may be integral


def test_no_compiled_path_without_custom_keywords(monkeypatch: pytest.MonkeyPatch) -> None:
    """A jsonschema-rs that cannot take zxStrictInteger is not used at all (it would take
    2025.0 for an integer): the slow path decides, as without the wheel."""
    import jsonschema_rs

    def old_style(*args: Any, keywords: Any = None, **kwargs: Any) -> Any:
        if keywords is not None:
            raise TypeError("unexpected keyword argument 'keywords'")
        raise AssertionError("must not be built without the keyword")

    monkeypatch.setattr(jsonschema_rs, "Draft202012Validator", old_style)
    store.compiled_validator.cache_clear()
    try:
        assert store.compiled_validator("campaign") is None
        data = load_yaml(CAMPAIGN / "zx.yaml", "zx.yaml").data
        assert not check.passes_compiled({**data, "year": float(data["year"])}, "campaign")
    finally:
        store.compiled_validator.cache_clear()


def test_findings_are_the_same_with_and_without_the_compiled_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    broken = REPO / "sample_dossiers" / "broken"
    paths = sorted(broken.rglob("*.yaml")) + [p for _, p in _sample_documents()]
    kinds = {
        **{name: kind for name, kind in DOSSIER_KINDS.items()},
        "zx.yaml": "campaign",
        "sanctions.yaml": "sanctions",
        "committee.yaml": "committee",
        "publicity.yaml": "publicity",
    }

    def run() -> list[Any]:
        out = []
        for path in paths:
            kind = "ballot" if path.parent.name == "ballots" else kinds.get(path.name)
            if kind is None:
                continue
            try:
                doc = load_yaml(path, path.name)
            except Exception:
                continue
            out.append(check._check_document(doc, kind, None))
        return out

    fast = run()
    monkeypatch.setattr(store, "USE_COMPILED", False)
    store.compiled_validator.cache_clear()
    try:
        slow = run()
    finally:
        store.compiled_validator.cache_clear()
    assert fast == slow


# ---------------------------------------------------------------------- PDFs


def _sample_pdfs() -> list[bytes]:
    return [p.read_bytes() for p in sorted(CAMPAIGN.rglob("*.pdf"))]


def _mutations(data: bytes, rng: random.Random) -> Iterator[bytes]:
    yield data
    for cut in range(0, len(data), max(1, len(data) // 40)):
        yield data[:cut]
    for _ in range(400):  # 1–3 byte edits: changed, deleted, inserted (delimiters, NUL, VT…)
        edited = bytearray(data)
        for _ in range(rng.randint(1, 3)):
            at, op = rng.randrange(len(edited)), rng.random()
            if op < 0.5:
                edited[at] = rng.randrange(256)
            elif op < 0.75:
                del edited[at]
            else:
                edited.insert(at, rng.choice(b" \n\r0123456789/<>[]()R\x0b\x00\x0c\t#"))
        yield bytes(edited)
    for old, new in (
        (b"/Count 1", b"/Count 7"),
        (b"/Type /Pages", b"/Type /Page"),
        (b"/Root", b"/Encrypt 9 0 R /Root"),
        (b"trailer", b"trailer\n<< >>"),
        (b"/Kids [", b"/Kids [9 0 R "),
        (b" 0 R", b" 1 R"),
        (b"xref", b"xref\n1 2"),
    ):
        yield data.replace(old, new, 1)


@pytest.mark.slow
def test_page_tree_reader_agrees_with_pypdf() -> None:
    rng = random.Random(18)
    counted = 0
    for original in _sample_pdfs():
        assert pdftree.page_count(io.BytesIO(original), len(original)) is not None
        for data in _mutations(original, rng):
            fast = pdftree.page_count(io.BytesIO(data), len(data))
            assert pdftree.page_count(data, len(data)) == fast  # held bytes, as inspect() does
            if fast is None:
                continue
            counted += 1
            state, pages = files.check_pdf_stream(io.BytesIO(data))  # pypdf only
            assert state in (files.PdfState.OK, files.PdfState.NO_PAGES), (state, data[-200:])
            assert pages == fast
    assert counted > 100  # the reader does count most harmless edits


def test_encrypted_and_broken_pdfs_go_to_pypdf() -> None:
    locked = pdf_bytes("locked", user_password="secret")
    assert pdftree.page_count(io.BytesIO(locked), len(locked)) is None
    assert files.check_pdf_stream(io.BytesIO(locked), len(locked))[0] is files.PdfState.ENCRYPTED
    three = pdf_bytes("three", pages=3)
    assert files.check_pdf_stream(io.BytesIO(three), len(three)) == (files.PdfState.OK, 3)
    half = _sample_pdfs()[0][:300]
    assert files.check_pdf_stream(io.BytesIO(half), len(half))[0] is files.PdfState.BROKEN


def _plain_pdf(catalog_extra: bytes) -> bytes:
    """A one-page PDF with a correct classic xref table and `catalog_extra` in its catalog."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R " + catalog_extra + b" >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    table = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % at for at in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        table,
    )
    return bytes(out)


@pytest.mark.parametrize(
    "extra, counted",
    [
        (b"", True),
        (b"/Lang (zh-CN)", True),  # literal strings are skipped, nested and escaped parens too
        (b"/Lang (a\\) (b) c)", True),
        (b"/Lang (open", False),  # an unclosed string
        (b"/Lang zh)", False),  # a ")" outside any string
        (b"/A#20B 1", False),  # an escaped name: pypdf decodes it
        (b"/N 2 0 R5", False),  # "R5" is no reference
        (b"/N 1e5", False),  # no exponents in PDF numbers
        (b"/N % comment\n1", False),
        (b"/N {1}", False),
    ],
)
def test_page_tree_reader_tokens(extra: bytes, counted: bool) -> None:
    data = _plain_pdf(extra)
    for source in (data, io.BytesIO(data)):
        assert pdftree.page_count(source, len(data)) == (1 if counted else None)
    state, pages = files.check_pdf_stream(io.BytesIO(data))  # pypdf
    if counted:
        assert (state, pages) == (files.PdfState.OK, 1)


def test_replicated_campaign_copies_each_dossier(tmp_path: Path) -> None:
    """bench/replicate.py (the scaling table past the gazetteer): N dossiers, copies named
    `~k`, every file a separate copy (zx reads one inode once, so a link would flatter it),
    and the source left as it was."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("replicate", REPO / "bench" / "replicate.py")
    assert spec is not None and spec.loader is not None
    replicate = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(replicate)
    source = CAMPAIGN
    before = sorted(p.name for p in (source / "dossiers").iterdir())
    out = tmp_path / "grown"
    assert replicate.replicate(source, len(before) * 2 + 1, out) == len(before) + 1
    names = sorted(p.name for p in (out / "dossiers").iterdir())
    assert names == sorted([*before, *(f"{b}~1" for b in before), f"{before[0]}~2"])
    original = source / "dossiers" / before[0] / "dossier.yaml"
    copied = out / "dossiers" / f"{before[0]}~2" / "dossier.yaml"
    assert copied.read_bytes() == original.read_bytes()
    assert copied.stat().st_ino != original.stat().st_ino
    assert (out / "zx.yaml").is_file() and (out / "review" / "committee.yaml").is_file()
    assert sorted(p.name for p in (source / "dossiers").iterdir()) == before
