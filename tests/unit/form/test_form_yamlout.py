"""The YAML the importer writes reads back as the data it was written from."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from zxcli.form.yamlout import dump, ordered, scalar
from zxcli.load.yamlsafe import parse_text

TRICKY = [
    "320500",
    "0512-68610000",
    "2025-03-20",
    "true",
    "no",
    "null",
    "~",
    "- x",
    "a: b",
    "a #b",
    "#x",
    "x:",
    " 前后空格 ",
    "苏工信函〔2025〕58号",
    "@user",
    "=SUM(A1)",
    "'引号",
    '"双引号"',
    "第6条(1)",
    "ev-plan",
    "1e5",
    "0x1F",
    ".5",
    "+86 512",
    "行一\n行二",
    "tab\there",
    "a\u2028b",
    "{x}",
    "[x]",
    "*ref",
    "&anchor",
    "!tag",
    "%d",
    "`x`",
    "笔记本电脑（全国占比22.86%）",
    "|",
    ">",
    "? q",
    "1_000",
    "12:30",
    "<<",
]


@pytest.mark.parametrize("text", TRICKY)
def test_a_string_reads_back_as_itself(text: str) -> None:
    doc = parse_text(f"v: {scalar(text)}\n", Path("x.yaml"), "x.yaml")
    assert doc.data == {"v": text}


def test_random_strings_read_back(tmp_path: Path) -> None:
    rng = random.Random(25)
    alphabet = "ab01-:#'\" \n\t@=%&*!|>?[]{},.苏州（）〔〕、\u00a0"
    for _ in range(300):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 12)))
        doc = parse_text(f"v: {scalar(text)}\n", Path("x.yaml"), "x.yaml")
        assert doc.data == {"v": text}, repr(text)


def test_nested_data_and_key_order() -> None:
    data = {"b": 1, "a": {"y": [1, 2.5, True], "x": []}, "c": [{"k": "v", "l": [{}]}, "s"]}
    text = "\n".join(dump(ordered(data, {"a": {"x": None}, "c": None}))) + "\n"
    back = parse_text(text, Path("x.yaml"), "x.yaml").data
    assert back == data
    assert list(back) == ["a", "c", "b"] and list(back["a"]) == ["x", "y"]


def test_a_number_equal_to_the_old_one_keeps_its_spelling() -> None:
    assert ordered({"v": 10850}, {"v": 10850.0}) == {"v": 10850.0}
    assert ordered({"v": 10851}, {"v": 10850.0}) == {"v": 10851}
