"""The ministry's papers as 公文 (GB/T 9704-2012): the 公示 of the 拟入选名单 (第9条), the
notice publishing the final list with the list as its 附件, and that 附件 on its own.

The words are the policy's; the 发文机关, 字号, 主送, 成文日期, contact and 版记 come from
review/notice.yaml (notice.py), the dates of the 公示 from the calendar, the cities from
the tally. Nothing is taken from the clock. Stage words follow docs/tally.md: the 公示 is
of the 拟入选 cities; only the list after the 公示 says 入选.
"""

from __future__ import annotations

from collections.abc import Sequence
from io import BytesIO
from typing import TYPE_CHECKING, Any

from zxcli.render import gongwen
from zxcli.render.style import cn_date, printed_calendar
from zxcli.tally.notice import Notice

if TYPE_CHECKING:
    from zxcli.tally.candidates import Candidate
    from zxcli.tally.final import FinalList
    from zxcli.tally.publicity import Window

POLICY = "《工业稳增长和转型升级成效明显市（州）激励措施实施办法（修订版）》"
SUBJECT = "工业稳增长和转型升级成效明显市（州）"
# 第9条: the list 报国务院办公厅批复; 第11条: what local departments do for the selected cities.
APPROVAL = "报国务院办公厅批复（第9条）"
LOCAL_SUPPORT = (
    "各地工业和信息化主管部门对入选市（州）在政策资金安排等方面，同等条件下优先考虑（第11条）。"
)
NUMBERS = "一二三四五六七八九十"


def list_title(year: int) -> list[str]:
    """The 附件's title in two lines, broken before 成效明显, never inside 市（州）."""
    return [f"{year}年度工业稳增长和转型升级", "成效明显市（州）名单"]


def publicity_title(year: int) -> list[str]:
    return [f"关于{year}年度工业稳增长和转型升级", "成效明显市（州）拟入选名单的公示"]


def notice_title(issuer: str, year: int) -> list[str]:
    return [f"{issuer}关于公布{year}年度", "工业稳增长和转型升级成效明显", "市（州）名单的通知"]


def _template() -> Any:
    from docx import Document

    from zxcli.resources import bundled_file

    return Document(str(bundled_file("templates", "名单.docx")))


def _finish(doc: Any, title: str) -> bytes:
    from zxcli.render import fonts
    from zxcli.tally.shared import FIXED_TIME, deterministic_zip

    fonts.fill_run_fonts(doc)
    props = doc.core_properties
    props.author = props.last_modified_by = "zx"
    props.title = title
    props.language = "zh-CN"
    props.created = props.modified = props.last_printed = FIXED_TIME
    props.revision = 1
    props.comments = props.subject = props.keywords = props.category = ""
    buffer = BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


# ---------------------------------------------------------------- 公示


def publicity_docx(year: int, cities: Sequence[Candidate], window: Window, notice: Notice) -> bytes:
    """拟入选名单公示: why and by whom, the list, the dates, where and how to object."""
    doc = _template()
    number = notice.get("publicity.doc_no")
    if number:
        gongwen.para(doc, number, "Normal").alignment = 1  # centred
        gongwen.blank(doc)
    gongwen.title(doc, publicity_title(year), after_rule=False)
    gongwen.para(
        doc,
        f"根据{POLICY}，经评审委员会评审，工业和信息化部依据专家评审意见研究确定了"
        f"{year}年度{SUBJECT}拟入选名单（第8条），现予以公示（第9条）。",
    )
    gongwen.para(
        doc,
        f"公示时间：{cn_date(window.start)}至{cn_date(window.end)}"
        f"（{window.working_days}个工作日，按{printed_calendar(window.calendar)}"
        "计算）。",
    )
    gongwen.para(doc, "拟入选名单（按行政区划排列，排名不分先后）：", "引导语")
    gongwen.grid_table(
        doc,
        ("序号", "省（区、市）", "市（州）"),
        [([str(n)], [c.province], [c.name]) for n, c in enumerate(cities, start=1)],
        (20, 68, 68),
        ("表格居中", "表格居中", "表格居中"),
    )
    for text in _objection_lines(notice, window):
        gongwen.para(doc, text)
    gongwen.signature(doc, notice.text("issuer"), cn_date(notice.day("publicity.date")))
    return _finish(doc, "".join(publicity_title(year)))


def _objection_lines(notice: Notice, window: Window) -> list[str]:
    """Where and how to object: only the channels the ministry gave."""
    unit = notice.text("publicity.contact.unit")
    ways = [f"联系电话：{notice.text('publicity.contact.phone')}"]
    if notice.get("publicity.contact.email"):
        ways.append(f"电子邮箱：{notice.text('publicity.contact.email')}")
    if notice.get("publicity.contact.address"):
        code = notice.get("publicity.contact.postcode")
        ways.append(
            f"通信地址：{notice.text('publicity.contact.address')}"
            + (f"（邮政编码：{code}）" if code else "")
        )
    return [f"公示期间，对拟入选名单如有异议，请于{cn_date(window.end)}前向{unit}反映。", *ways]


# ---------------------------------------------------------------- 通知 and 附件


def notice_docx(final: FinalList, notice: Notice) -> bytes:
    """The notice publishing the final list: 版头, title, 主送, body citing 第8–11条,
    附件说明, 署名 and 成文日期, then the list as its 附件 and the 版记 at the foot."""
    from zxcli.tally.final import INCENTIVE_PERIOD

    year, issuer = final.campaign.year, notice.text("issuer")
    doc = _template()
    gongwen.letterhead(doc, notice.text("mark"), notice.text("decision.doc_no"))
    gongwen.title(doc, notice_title(issuer, year), after_rule=True)
    gongwen.addressee(doc, notice.text("recipients"))
    gongwen.para(doc, preamble(final))
    gongwen.para(
        doc, f"对入选市（州）给予以下激励支持（第10条），激励期{INCENTIVE_PERIOD}（第5条）："
    )
    incentives = final.entries[0].incentives if final.entries else ()
    for n, incentive in zip(NUMBERS, incentives, strict=False):
        gongwen.para(doc, f"（{n}）{incentive.text}。")
    gongwen.para(doc, LOCAL_SUPPORT)
    gongwen.attachment_note(doc, ["".join(list_title(year))])
    gongwen.signature(doc, issuer, cn_date(notice.day("decision.date")))
    section = gongwen.last_section(doc)
    _attachment(doc, final, new_page=False)
    gongwen.imprint(
        section,
        notice.text("decision.printer"),
        cn_date(notice.day("decision.printed")),
        notice.get("decision.cc"),
    )
    return _finish(doc, "".join(notice_title(issuer, year)))


def list_docx(final: FinalList) -> bytes:
    """The 附件 alone, headed "附件", for publishing the list on its own: no date."""
    doc = _template()
    _attachment(doc, final, new_page=False)
    return _finish(doc, "".join(list_title(final.campaign.year)))


_LIST_HEAD = ("序号", "省（区、市）", "市（州）", "行政区划代码", "激励措施", "激励期")
# mm, 156 in all: the width of the text block. One line a city, so that the list of at
# most ten (第5条) stays on one page, under which the 版记 goes.
_LIST_WIDTHS = (14, 30, 24, 32, 36, 20)


def _attachment(doc: Any, final: FinalList, new_page: bool) -> None:
    from zxcli.tally.final import ORDER_NOTE

    gongwen.attachment_page(doc, list_title(final.campaign.year), new_page)
    gongwen.para(doc, f"（{ORDER_NOTE}）", "Title", gongwen.fonts.HEADING2, 16)
    rows = [
        (
            [str(n)],
            [e.candidate.province],
            [e.candidate.name],
            [e.candidate.code],
            [_items(e.incentives)],
            [e.period],
        )
        for n, e in enumerate(final.entries, start=1)
    ]
    gongwen.grid_table(doc, _LIST_HEAD, rows, _LIST_WIDTHS, ("表格居中",) * 6)
    if final.entries:
        first = final.entries[0]
        items = "；".join(f"{i.item} {i.short}" for i in first.incentives)
        gongwen.para(
            doc,
            f"注：激励措施（第10条）：{items}。激励期（第5条）：{first.period}。",
            "表注",
            gongwen.fonts.BODY,
            12,
        )


def _items(incentives: Sequence[Any]) -> str:
    """第10条(1)–(4): the items a city gets, as one short cell."""
    if not incentives:
        return ""
    first, last = incentives[0].item, incentives[-1].item
    return first if first == last else f"{first}–{last[last.index('(') :]}"


def preamble(final: FinalList) -> str:
    span, year = final.window, final.campaign.year
    text = (
        f"根据{POLICY}，经评审委员会评审、工业和信息化部研究确定（第8条），"
        f"{year}年度{SUBJECT}拟入选名单于{cn_date(span.start)}至{cn_date(span.end)}"
        f"公示{span.working_days}个工作日（第9条）"
    )
    if final.removed:
        text += f"，公示期间异议成立的{len(final.removed)}个市（州）不纳入名单"
    return (
        text + f"。现将入选的{len(final.entries)}个市（州）名单予以公布（见附件），名单{APPROVAL}。"
    )
