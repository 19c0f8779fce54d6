"""The safe YAML loader: YAML 1.2 scalars, refusals with codes and lines, the line map."""

from __future__ import annotations

import math
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxcli.load.yamlsafe import MAX_FILE_BYTES, LoadError, load_yaml, parse_text


def parse(text: str):
    return parse_text(text, Path("t.yaml"), "t.yaml")


def refusal(text: str) -> LoadError:
    with pytest.raises(LoadError) as caught:
        parse(text)
    return caught.value


def test_yaml_12_scalars() -> None:
    data = parse(
        "a: yes\nb: no\nc: on\nd: true\ne: 2025-03-01\nf: ~\ng: '12'\nh: 1.5\n"
        "i: 0x1F\nj: 0o17\nk: !!str 12\nl: .inf\nm: 0512-68610000\n"
    ).data
    assert data["a"] == "yes" and data["b"] == "no" and data["c"] == "on"
    assert data["d"] is True
    assert data["e"] == "2025-03-01"
    assert data["f"] is None
    assert data["g"] == "12" and data["k"] == "12"
    assert data["h"] == 1.5 and data["i"] == 31 and data["j"] == 15
    assert math.isinf(data["l"])
    assert data["m"] == "0512-68610000"


def test_duplicate_key_names_both_lines() -> None:
    err = refusal("a: 1\nb: 2\na: 3\n")
    assert (err.code, err.line, err.params["first_line"], err.params["key"]) == ("ZX004", 3, 1, "a")


def test_alias_refused_where_used() -> None:
    err = refusal("a: &x [1, 2]\nb: *x\n")
    assert (err.code, err.line) == ("ZX005", 2)


def test_alias_bomb_refused_quickly() -> None:
    lines = ["a0: &a0 [x, x, x, x, x, x, x, x, x]"]
    lines += [f"a{i}: &a{i} [*a{i - 1}, *a{i - 1}, *a{i - 1}, *a{i - 1}]" for i in range(1, 20)]
    assert refusal("\n".join(lines) + "\n").code == "ZX005"


def test_python_tag_never_runs() -> None:
    err = refusal("a: !!python/object/apply:os.system ['touch /tmp/zx-pwned']\n")
    assert err.code == "ZX007"
    assert not Path("/tmp/zx-pwned").exists()


@pytest.mark.parametrize(
    ("text", "code", "line"),
    [
        ("a:\n\tb: 1\n", "ZX011", 2),
        ('a: [1, 2]\nb: "x\ty" z\n', "ZX003", 2),
        ("a: [1, 2\n", "ZX003", 2),
        ("", "ZX008", 1),
        ("- 1\n- 2\n", "ZX008", 1),
        ("just text\n", "ZX008", 1),
        ("a: 1\n---\nb: 2\n", "ZX003", 2),
        ("? [a]\n: 1\n", "ZX003", 1),
    ],
)
def test_syntax_and_shape(text: str, code: str, line: int) -> None:
    err = refusal(text)
    assert (err.code, err.line) == (code, line)


def test_encodings(tmp_path: Path) -> None:
    bom = tmp_path / "bom.yaml"
    bom.write_bytes(b"\xef\xbb\xbfa: \xe4\xb8\xad\n")
    assert load_yaml(bom).data == {"a": "中"}
    gbk = tmp_path / "gbk.yaml"
    gbk.write_bytes("a: 1\nb: 苏州市\n".encode("gbk"))
    with pytest.raises(LoadError) as caught:
        load_yaml(gbk)
    assert (caught.value.code, caught.value.line) == ("ZX002", 2)
    assert "GB18030" in caught.value.params["encoding"]
    utf16 = tmp_path / "u16.yaml"
    utf16.write_bytes("a: 1\n".encode("utf-16"))
    with pytest.raises(LoadError) as caught:
        load_yaml(utf16)
    assert caught.value.params["encoding"] == "UTF-16"


def test_control_character_located() -> None:
    err = refusal("a: 1\nb: x\x07y\n")
    assert (err.code, err.line, err.column, err.params["char"]) == ("ZX009", 2, 5, "U+0007")


def test_size_cap_and_missing_and_directory(tmp_path: Path) -> None:
    big = tmp_path / "big.yaml"
    big.write_bytes(b"a: " + b"x" * (MAX_FILE_BYTES + 1))
    with pytest.raises(LoadError) as caught:
        load_yaml(big)
    assert caught.value.code == "ZX006"
    with pytest.raises(LoadError) as caught:
        load_yaml(tmp_path / "nope.yaml")
    assert caught.value.code == "ZX001"
    with pytest.raises(LoadError) as caught:
        load_yaml(tmp_path)
    assert caught.value.code == "ZX010"


def test_deep_nesting_refused() -> None:
    text = "".join("  " * i + f"k{i}:\n" for i in range(200)) + "  " * 200 + "v\n"
    assert refusal(text).code in ("ZX006", "ZX003")


def test_line_map_points_at_keys_and_items() -> None:
    doc = parse("top:\n  list:\n    - name: a\n      value: 1\n    - name: b\n")
    assert doc.locate(("top", "list", 1, "name")).line == 5
    assert doc.locate(("top", "list", 0, "value")).line == 4
    # an unknown path falls back to its nearest located ancestor
    assert doc.locate(("top", "list", 0, "missing")).line == 3
    assert doc.locate(()).line == 1


@pytest.mark.slow
@settings(max_examples=150, deadline=None)
@given(st.text(max_size=300))
def test_any_text_loads_or_gives_a_coded_error(text: str) -> None:
    try:
        doc = parse(text)
    except LoadError as err:
        assert err.code.startswith("ZX0") and err.line >= 1
    else:
        assert isinstance(doc.data, dict)


scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.text(max_size=20))
trees = st.recursive(
    st.dictionaries(st.text(min_size=1, max_size=8), scalars, max_size=4),
    lambda children: st.dictionaries(
        st.text(min_size=1, max_size=8),
        st.one_of(children, st.lists(children, max_size=3)),
        max_size=4,
    ),
    max_leaves=12,
)


@pytest.mark.slow
@settings(max_examples=100, deadline=None)
@given(trees)
def test_round_trip_through_json_style_yaml(tree: dict) -> None:
    import json

    # JSON is YAML 1.2: whatever we dump as JSON must load back unchanged.
    text = json.dumps(tree, ensure_ascii=False)
    try:
        assert parse(text).data == tree
    except LoadError as err:
        assert err.code == "ZX009"  # control characters in generated text are refused


@pytest.mark.parametrize("escape", ["\\uFFFE", "\\uFFFF", "\\x07", "\\0"])
def test_escaped_characters_no_document_can_hold(escape: str) -> None:
    err = refusal(f'a: 1\nb: "x{escape}y"\n')
    assert (err.code, err.line) == ("ZX009", 2)
