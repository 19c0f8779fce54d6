"""What only the ministry knows of its papers: `review/notice.yaml` (schemas/notice.schema.json).

The 公示 (第9条) and the notice that publishes the final list are 公文 (GB/T 9704-2012): a
发文机关, a 发文字号, a 主送机关, a 成文日期, a contact for objections, a 版记 with 印发机关
and 印发日期. None of these can be computed from the ballots, and none may come from the
computer's clock. This module reads them and says, field by field, which one a document
still lacks (ZX767): zx never fills one in.

`notice_problems` is what the tally pipeline calls to report them with the other notes;
`outputs.write_outputs` refuses the documents on the same problems.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from zxcli.catalog import Term
from zxcli.model.campaign import LoadedFile, load_file
from zxcli.schema.check import check_document
from zxcli.tally.problems import Problem, problem
from zxcli.tally.publicity import Window

NOTICE_FILE = "review/notice.yaml"

PUBLICITY, DECISION = "publicity", "decision"  # the two documents that need notice data

# The fields each document prints, dotted as in the file: nothing else is asked for.
NEEDED = {
    PUBLICITY: ("issuer", "publicity.date", "publicity.contact.unit", "publicity.contact.phone"),
    DECISION: (
        "issuer",
        "mark",
        "recipients",
        "decision.doc_no",
        "decision.date",
        "decision.printer",
        "decision.printed",
    ),
}


@dataclass(frozen=True)
class Notice:
    """review/notice.yaml as read; `data` is None when there is no file (or a broken one)."""

    data: dict[str, Any] | None
    file: str
    doc: Any = None  # the YAML document, for line numbers

    def get(self, dotted: str) -> Any:
        value: Any = self.data
        for key in dotted.split("."):
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    def text(self, dotted: str) -> str:
        """A field a document prints; only asked for after `missing` said it is there."""
        value = self.get(dotted)
        assert value not in (None, ""), dotted
        return str(value)

    def day(self, dotted: str) -> date:
        return date.fromisoformat(self.text(dotted))

    def line(self, dotted: str) -> int | None:
        if self.doc is None:
            return None
        return int(self.doc.locate(tuple(dotted.split("."))).line)


def read_notice(campaign_root: Path) -> tuple[Notice, list[Problem]]:
    """review/notice.yaml of a campaign: the notice and its schema or year problems."""
    loaded: LoadedFile = load_file(campaign_root / NOTICE_FILE, "notice", required=False)
    if not loaded.exists:
        return Notice(None, loaded.display), []
    if loaded.error is not None:
        err = loaded.error
        return Notice(None, loaded.display), [
            problem(err.code, err.path or loaded.display, err.line, err.column, params=err.params)
        ]
    doc = loaded.doc
    assert doc is not None
    shape = list(check_document(doc, "notice"))
    if shape:
        return Notice(None, loaded.display), shape
    return Notice(doc.data, loaded.display, doc), []


def missing(notice: Notice, document: str) -> list[Problem]:
    """ZX766 without a notice file, else ZX767 for each field `document` lacks."""
    what = Term(f"notice.document.{document}")
    if notice.data is None:
        return [problem("ZX766", notice.file, params={"file": notice.file, "document": what})]
    return [
        problem(
            "ZX767",
            notice.file,
            notice.line(field),
            params={
                "file": notice.file,
                "field": field,
                "title": Term(f"notice.field.{field}"),
                "document": what,
            },
        )
        for field in NEEDED[document]
        if notice.get(field) in (None, "")
    ]


def notice_problems(
    notice: Notice, year: int, window: Window | None, documents: tuple[str, ...]
) -> list[Problem]:
    """Everything wrong with the notice data for `documents`: missing fields (errors), a
    wrong year (error) and dates out of order with the 公示 (warnings)."""
    problems = [p for d in documents for p in missing(notice, d)]
    if notice.data is None:
        return problems
    if notice.data["year"] != year:
        problems.append(
            problem(
                "ZX768",
                notice.file,
                notice.line("year"),
                params={"found": notice.data["year"], "expected": year},
            )
        )
    if window is not None:
        problems += _order(notice, window, documents)
    return problems


def _order(notice: Notice, window: Window, documents: tuple[str, ...]) -> list[Problem]:
    """A 公示 is written by its first day; the notice after its last; printed after that."""
    checks = []
    if PUBLICITY in documents:
        checks.append(("publicity.date", window.start, "after_start"))
    if DECISION in documents:
        checks.append(("decision.date", window.end, "before_end"))
    found = []
    for field, bound, rule in checks:
        value = notice.get(field)
        if value is None:
            continue
        day = date.fromisoformat(value)
        if (day > bound) if rule == "after_start" else (day <= bound):
            found.append(
                problem(
                    "ZX769",
                    notice.file,
                    notice.line(field),
                    params={
                        "field": field,
                        "date": value,
                        "bound": bound.isoformat(),
                        "rule": Term(f"notice.order.{rule}"),
                    },
                )
            )
    signed, printed = notice.get("decision.date"), notice.get("decision.printed")
    if DECISION in documents and signed and printed and printed < signed:
        found.append(
            problem(
                "ZX769",
                notice.file,
                notice.line("decision.printed"),
                params={
                    "field": "decision.printed",
                    "date": printed,
                    "bound": signed,
                    "rule": Term("notice.order.before_signed"),
                },
            )
        )
    return found
