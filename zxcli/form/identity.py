"""The identity a fill-in workbook carries on its hidden sheet, as the ballots do.

It ties the workbook to its campaign (year and title), to its dossier, and to the bytes of
the YAML files it was made from, and it keeps the table sizes the layout was built with
and the `zx freeze` records the sheets do not show. The hash makes a changed identity
evident (a mistake, a workbook of another city); it is no signature, anyone can recompute
it. The reader checks the shape of every value before it builds anything from it.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from zxcli.load.files import read_regular

FORMAT = "zx-form/1"
META = "zx"
KEYS = ("format", "form", "year", "title", "dossier", "source", "sizes", "kept", "layout", "sha256")
NO_DOSSIER = "none"  # the committee's workbook belongs to no dossier
MAX_CELL_CHARS = 32767  # Excel's limit on the text of one cell
MAX_YAML_BYTES = 64 * 1024 * 1024  # more than zx's loader reads: its own refusal speaks
MAX_TABLES, MAX_KEPT = 100, 1000
_FORMS = ("dossier", "committee")
_YEAR = re.compile(r"[0-9]{4}")
_HEX = re.compile(r"[0-9a-f]{64}")
_SOURCE = re.compile(r"(?:[0-9a-f]{64}|none)(?:,(?:[0-9a-f]{64}|none)){0,9}")
_TABLE_KEY = re.compile(r"[a-z]+:[a-z0-9_.]{1,200}")
_ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")
_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
# A flat JSON object of table key → row count; kept records as a flat list of
# [table key, item id, path, sha256, date]. Matched before json.loads sees them, so that
# no nesting of any depth reaches the parser.
_SIZES = re.compile(r'\{(?:"[a-z0-9_.:]+": ?[0-9]{1,4}(?:, ?(?=")|(?=\})))*\}')
_KEPT = re.compile(
    r'\[(?:\[(?:"(?:[^"\\\[\]]|\\.){0,10000}"(?:, ?(?=")|(?=\])))+\]'
    r"(?:, ?(?=\[)|(?=\])))*\]"
)


@dataclass(frozen=True)
class Kept:
    """A `zx freeze` record of one attachment, restored while its path is unchanged."""

    table: str
    item: str
    path: str
    sha256: str
    frozen_on: str


@dataclass(frozen=True)
class FormIdentity:
    form: str  # dossier | committee
    year: int
    title: str  # the campaign's title (zx.yaml)
    dossier: str  # the dossier folder's name; "" for the committee
    source: str  # sha256 of each YAML file the workbook was made from ("none": no file)
    sizes: Mapping[str, int] = field(default_factory=dict)
    kept: tuple[Kept, ...] = ()
    layout: str = ""  # digest of the labels and cells (layout.digest): the zx that made it

    def _payload(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "form": self.form,
            "year": self.year,
            "title": self.title,
            "dossier": self.dossier,
            "source": self.source,
            "sizes": dict(self.sizes),
            "kept": [[k.table, k.item, k.path, k.sha256, k.frozen_on] for k in self.kept],
            "layout": self.layout,
        }

    def digest(self) -> str:
        text = json.dumps(
            self._payload(), ensure_ascii=False, sort_keys=True, separators=(",", ":")
        )
        return hashlib.sha256(text.encode("utf-8")).hexdigest()

    def cells(self) -> list[tuple[str, str]]:
        payload = self._payload()
        return [
            ("format", FORMAT),
            ("form", self.form),
            ("year", str(self.year)),
            ("title", self.title),
            ("dossier", self.dossier or NO_DOSSIER),
            ("source", self.source),
            ("sizes", json.dumps(payload["sizes"], ensure_ascii=False, sort_keys=True)),
            ("kept", json.dumps(payload["kept"], ensure_ascii=False)),
            ("layout", self.layout),
            ("sha256", self.digest()),
        ]

    @property
    def label(self) -> str:
        return f"{self.year}年度 {self.title}" if str(self.year) not in self.title else self.title


def file_digest(path: Path) -> str:
    """The SHA-256 of a YAML file's bytes, or "none" when there is no such file."""
    try:  # never blocks on a FIFO put where a YAML file was (read_regular opens non-blocking)
        return hashlib.sha256(read_regular(path, MAX_YAML_BYTES)).hexdigest()
    except FileNotFoundError:
        return "none"
    except OSError:  # not a regular file, unreadable: it cannot be the exported one
        return "unreadable"


def source_digest(files: list[Path]) -> str:
    """Each YAML file's digest, comma-separated, in the order of `files`."""
    return ",".join(file_digest(path) for path in files)


def changed_since(source: str, files: list[Path]) -> list[Path]:
    """The files that exist now with other bytes than at the export (a file that is
    missing now is no conflict: nothing would be overwritten)."""
    then = source.split(",")
    return [
        path
        for path, digest in zip(files, then, strict=False)
        if path.exists() and file_digest(path) != digest
    ]


def parse(cells: Mapping[str, object]) -> FormIdentity:
    """The hidden sheet's identity; ValueError unless it has exactly the shape zx writes."""
    for key in KEYS:
        value = cells.get(key)
        if not isinstance(value, (str, int)) or isinstance(value, bool):
            raise ValueError(f"{key} missing or not text")
        if len(str(value)) > MAX_CELL_CHARS:
            raise ValueError(f"{key} longer than {MAX_CELL_CHARS} characters")
    text = {key: str(cells[key]) for key in KEYS}
    if text["format"] != FORMAT or text["form"] not in _FORMS:
        raise ValueError(f"format {text['format']!r} {text['form']!r}")
    if (
        not _YEAR.fullmatch(text["year"])
        or not _SOURCE.fullmatch(text["source"])
        or not _HEX.fullmatch(text["layout"])
    ):
        raise ValueError("year, source or layout malformed")
    dossier = "" if text["dossier"] == NO_DOSSIER else text["dossier"]
    identity = FormIdentity(
        text["form"],
        int(text["year"]),
        text["title"],
        dossier,
        text["source"],
        _sizes(text["sizes"]),
        _kept(text["kept"]),
        text["layout"],
    )
    if identity.digest() != text["sha256"]:
        raise ValueError("sha256 mismatch")
    return identity


def _sizes(text: str) -> dict[str, int]:
    if not _SIZES.fullmatch(text) or text.count(":") > 2 * MAX_TABLES:
        raise ValueError("sizes malformed")
    sizes = json.loads(text)
    if not all(_TABLE_KEY.fullmatch(k) for k in sizes):
        raise ValueError("sizes malformed")
    return {str(k): int(v) for k, v in sizes.items()}


def _kept(text: str) -> tuple[Kept, ...]:
    if not _KEPT.fullmatch(text) or text.count("[") - 1 > MAX_KEPT:
        raise ValueError("kept malformed")
    rows = json.loads(text)
    kept = []
    for row in rows:
        if len(row) != 5 or not all(isinstance(v, str) for v in row):
            raise ValueError("kept malformed")
        table, item, path, sha, day = row
        if not (
            _TABLE_KEY.fullmatch(table)
            and _ID.fullmatch(item)
            and _HEX.fullmatch(sha)
            and _DATE.fullmatch(day)
        ):
            raise ValueError("kept malformed")
        kept.append(Kept(table, item, path, sha, day))
    return tuple(kept)
