"""The 申报书 labels a 盟's or 地区's governing body as a 行政公署 (issue 23, 第2条)."""

from __future__ import annotations

import zipfile

import pytest

from zxcli.render.view import government_label
from zxcli.resources import bundled_file


@pytest.mark.parametrize(("government", "label"), [
    ("兴安盟行政公署", "行政公署"), ("和田地区行政公署", "行政公署"),
    ("苏州市人民政府", "人民政府"), (None, "人民政府"),
])
def test_the_label_follows_the_governing_body(government: object, label: str) -> None:
    assert government_label(government) == label


def test_the_template_prints_the_label_from_the_view() -> None:
    with zipfile.ZipFile(bundled_file("templates", "申报书.docx")) as docx:
        body = docx.read("word/document.xml").decode("utf-8")
    assert "government_label" in body and ">市（州）人民政府<" not in body
