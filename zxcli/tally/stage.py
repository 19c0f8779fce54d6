"""Where a nominee stands: one state machine, used by every output that names a stage.

第8条: the committee proposes the 初选建议名单; MIIT 研究确定 the 拟入选名单. 第9条: the
拟入选名单 is put to a 5-working-day 公示, and the list that survives it is the 入选 list.
So a shortlisted city moves

    初选建议 ─▶ 拟入选 ─▶ 公示中 ─▶ 公示期满 ─▶ 入选
          └▶ 未确定为拟入选        └──────────┴▶ 异议成立、不纳入

and a label says only the stage reached: nothing says 入选 before the final list exists.
The terminal, json, md, xlsx, docx and the overview all ask `stage_of`; the words live in
catalog/terms.yaml (`stage.<value>`), in Chinese and English.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from enum import Enum
from typing import TYPE_CHECKING

from zxcli.catalog import term

if TYPE_CHECKING:
    from zxcli.tally.decision import Decision
    from zxcli.tally.publicity import Window


class Stage(Enum):
    SHORTLISTED = "shortlisted"  # 初选建议: on the committee's 初选建议名单 (第8条)
    NOT_PROPOSED = "not_proposed"  # MIIT's decision left it out (第8条)
    PROPOSED = "proposed"  # 拟入选: MIIT 研究确定 (第8条), 公示 not begun
    IN_PUBLICITY = "in_publicity"  # 公示中 (第9条)
    PUBLICITY_ENDED = "publicity_ended"  # 公示期满, the final list not yet made
    SELECTED = "selected"  # 入选: on the final list after the 公示
    REMOVED = "removed"  # 异议成立、不纳入 (第9条)

    def label(self, lang: str = "zh") -> str:
        return term(f"stage.{self.value}", "en" if lang == "en" else "zh")


def stage_of(
    code: str,
    shortlist: Collection[str],
    decision: Decision,
    window: Window | None,
    final_made: bool,
    removed: Collection[str],
    as_of: date | None,
) -> Stage | None:
    """The stage `code` has reached; None when it is not on the 初选建议名单.

    `final_made`: the final list exists (after the 公示, with --final); `removed`: codes an
    upheld objection took off it; `as_of`: the day the 公示 is looked at from (None: not
    known, so a running 公示 is not claimed).
    """
    if code not in shortlist:
        return None
    if decision.confirmed is None:
        return Stage.SHORTLISTED
    if code not in decision.confirmed:
        return Stage.NOT_PROPOSED
    if final_made:
        return Stage.REMOVED if code in removed else Stage.SELECTED
    if window is None or as_of is None or as_of < window.start:
        return Stage.PROPOSED
    return Stage.IN_PUBLICITY if as_of <= window.end else Stage.PUBLICITY_ENDED
