"""Words around the tally's numbers (column heads, statuses), in Chinese and English.

Messages about problems live in the catalog (rules/catalog/tally.yaml); these are only
the labels of tables. Files handed to the ministry are Chinese; the terminal follows --lang.
"""

from __future__ import annotations

_LABELS: dict[str, tuple[str, str]] = {
    "rank": ("排名", "Rank"),
    "code": ("行政区划代码", "Code"),
    "province": ("省（区、市）", "Province"),
    "city": ("市（州）", "City"),
    "entitled": ("有表决权委员", "Entitled"),
    "received": ("收到表决", "Votes"),
    "approve": ("同意", "Yes"),
    "reject": ("不同意", "No"),
    "abstain": ("弃权", "Abstain"),
    "rate": ("同意率", "Yes rate"),
    "needed": ("通过所需同意票", "Yes needed"),
    "passed": ("是否过线", "Passed"),
    "mean": ("平均分", "Mean score"),
    "trimmed_mean": ("平均分（去掉最高最低分）", "Mean (trimmed)"),
    "spread": ("分差（最高−最低）", "Spread (max−min)"),
    "status": ("结论", "Result"),
    "remark": ("备注", "Remark"),
    "member": ("委员编号", "Member"),
    "name": ("姓名", "Name"),
    "yes": ("是", "yes"),
    "no": ("否", "no"),
    "short": ("表决份数不足", "short of ballots"),
    "status.selected": ("入选", "selected"),
    "status.tied": ("并列待定", "tied: committee decides"),
    "status.over_cap": ("超出名额", "over the cap"),
    "status.failed": ("未过线", "below threshold"),
    "threshold.majority": ("过半数（同意票超过有表决权委员的一半）",
                           "majority (more than half of the members entitled to vote)"),
    "threshold.two_thirds": ("三分之二以上（同意票不少于有表决权委员的三分之二）",
                             "two thirds (at least two thirds of the members entitled to vote)"),
    "shortlist": ("初选建议名单", "Shortlist"),
    "matrix": ("表决矩阵", "Votes by member"),
    "notes": ("回避与说明", "Recusals and notes"),
    "excluded": ("未作为候选的申报材料", "Nominations not voted on"),
    "dossier": ("申报材料", "Nomination"),
    "errors": ("校验错误", "Errors"),
    "where": ("位置", "Where"),
    "message": ("说明", "Note"),
    "recused": ("回避", "recused"),
    "no_vote": ("—", "—"),
    "rules": ("计票规则", "Rules"),
    "threshold": ("通过线", "Threshold"),
    "cap": ("名单上限", "Cap"),
    "order": ("排序", "Order"),
    "order.text": ("先按同意率，再按平均分；并列不拆分",
                   "approval rate, then mean score; ties are never split"),
    "publicity": ("公示期（第9条）", "Publicity (第9条)"),
    "publicity.none": ("尚未确定公示开始日期", "publicity start not set"),
    "publicity.span": ("{start} 至 {end}（{days} 个工作日，日历：{calendar}）",
                       "{start} to {end} ({days} working days, calendar: {calendar})"),
    "tie": ("末位并列", "Tie at the cut-off"),
    "final": ("入选市（州）名单", "Final list"),
    "incentives": ("激励措施（第10条）", "Incentives (第10条)"),
    "period": ("激励期（第5条）", "Incentive period (第5条)"),
    "removed": ("异议成立、不纳入名单", "Removed after upheld objections"),
    "objection": ("异议", "Objection"),
}


def label(key: str, lang: str = "zh", **params: object) -> str:
    zh, en = _LABELS[key]
    text = en if lang == "en" else zh
    return text.format(**params) if params else text
