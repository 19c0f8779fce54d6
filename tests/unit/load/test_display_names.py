"""Names that are not UTF-8 (a folder unzipped from Chinese Windows is named in GBK) are
shown as they are, each undecodable byte as \\xNN, by the one function every writer uses."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from zxcli.load.display import display_name, display_path
from zxcli.load.inert import cell_text, md_text, name_text, terminal_text, xml_text

GBK = os.fsdecode("江苏省-苏州市".encode("gbk"))  # surrogates where bytes are not UTF-8
SHOWN = "\\xbd\\xad\\xcb\\xd5ʡ-\\xcb\\xd5\\xd6\\xdd\\xca\\xd0"


def test_undecodable_bytes_are_shown_as_escapes() -> None:
    assert name_text(GBK) == SHOWN
    assert name_text("江苏省-苏州市") == "江苏省-苏州市"
    assert name_text("\ud800") == "\\ud800"  # a surrogate no file system made: as \uXXXX


@pytest.mark.parametrize(
    "writer", [name_text, terminal_text, xml_text, md_text, cell_text, display_name]
)
def test_every_writer_gets_encodable_text(writer) -> None:
    shown = writer(GBK)
    shown.encode("utf-8")  # no surrogate left: any encoder writes it
    json.dumps(shown, ensure_ascii=False).encode("utf-8")
    assert "\\xbd" in shown


def test_display_path_escapes_a_gbk_folder(tmp_path: Path) -> None:
    assert display_path(tmp_path / GBK / "dossier.yaml").endswith(SHOWN + "/dossier.yaml")


def test_display_path_survives_a_deleted_working_folder(tmp_path: Path) -> None:
    gone = tmp_path / "gone"
    gone.mkdir()
    here = os.getcwd()
    os.chdir(gone)
    try:
        gone.rmdir()
        assert display_path(tmp_path / "x.yaml") == str(tmp_path / "x.yaml")
        assert display_path(Path("rel") / GBK) == "rel/" + SHOWN
    finally:
        os.chdir(here)
