"""Modelines resolve offline: the campaign's own schemas, else the installed package's file,
never a web address (issue 15, item 1)."""

from __future__ import annotations

from pathlib import Path

from zxcli.schema.export import schema_comment


def test_the_nearest_schemas_folder_is_used(tmp_path: Path) -> None:
    (tmp_path / "schemas").mkdir()
    (tmp_path / "schemas" / "ballot.schema.json").write_text("{}", encoding="utf-8")
    folder = tmp_path / "review" / "ballots"
    folder.mkdir(parents=True)
    line = schema_comment(folder, "ballot.schema.json")
    assert line == "# yaml-language-server: $schema=../../schemas/ballot.schema.json"


def test_without_one_the_line_is_left_out(tmp_path: Path) -> None:
    """Never a path into the installed package (a virtualenv) nor a web address (issue 27)."""
    assert schema_comment(tmp_path, "ballot.schema.json") == ""
