"""Every transition of a nominee's stage, with its words in both languages (issue 22)."""

from __future__ import annotations

from datetime import date

import pytest

from zxcli.tally.decision import Decision, no_decision
from zxcli.tally.publicity import Window
from zxcli.tally.stage import Stage, stage_of

SHORTLIST = ("320500", "330200")
WINDOW = Window(date(2025, 12, 1), date(2025, 12, 5), 5, "test")


def decided(*codes: str) -> Decision:
    return Decision(date(2025, 11, 20), codes, (), None, "review/decision.yaml")


CASES = [
    # (code, decision, window, final made, removed, as_of) -> stage
    ("440100", no_decision(), None, False, (), None, None),
    ("320500", no_decision(), None, False, (), None, Stage.SHORTLISTED),
    ("320500", no_decision(), WINDOW, False, (), date(2025, 12, 2), Stage.SHORTLISTED),
    ("330200", decided("320500"), WINDOW, False, (), date(2025, 12, 2), Stage.NOT_PROPOSED),
    ("320500", decided("320500"), None, False, (), date(2025, 12, 2), Stage.PROPOSED),
    ("320500", decided("320500"), WINDOW, False, (), None, Stage.PROPOSED),
    ("320500", decided("320500"), WINDOW, False, (), date(2025, 11, 30), Stage.PROPOSED),
    ("320500", decided("320500"), WINDOW, False, (), date(2025, 12, 1), Stage.IN_PUBLICITY),
    ("320500", decided("320500"), WINDOW, False, (), date(2025, 12, 5), Stage.IN_PUBLICITY),
    ("320500", decided("320500"), WINDOW, False, (), date(2025, 12, 6), Stage.PUBLICITY_ENDED),
    ("320500", decided("320500"), WINDOW, True, (), date(2025, 12, 8), Stage.SELECTED),
    ("320500", decided("320500"), WINDOW, True, ("320500",), date(2025, 12, 8), Stage.REMOVED),
    ("330200", decided("320500"), WINDOW, True, (), date(2025, 12, 8), Stage.NOT_PROPOSED),
]


@pytest.mark.parametrize(
    ("code", "decision", "window", "final", "removed", "as_of", "expected"), CASES
)
def test_each_transition(
    code: str,
    decision: Decision,
    window: Window | None,
    final: bool,
    removed: tuple[str, ...],
    as_of: date | None,
    expected: Stage | None,
) -> None:
    assert stage_of(code, SHORTLIST, decision, window, final, removed, as_of) is expected


def test_every_stage_is_reached_by_some_case() -> None:
    assert {case[-1] for case in CASES} - {None} == set(Stage)


@pytest.mark.parametrize("stage", list(Stage))
def test_only_the_final_list_says_selected(stage: Stage) -> None:
    zh, en = stage.label("zh"), stage.label("en")
    assert zh and en and zh != en
    assert ("入选" in zh.replace("拟入选", "")) == (stage is Stage.SELECTED)
    assert ("selected" in en) == (stage is Stage.SELECTED)
    assert not any("\u4e00" <= ch <= "\u9fff" for ch in en)
