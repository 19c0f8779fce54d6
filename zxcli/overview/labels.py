"""The page's own words, Chinese and English. Names (cities, products) stay as written."""

from __future__ import annotations

from collections.abc import Callable

_LABELS: dict[str, tuple[str, str]] = {
    # page
    "overview": ("概览", "overview"),
    "generated": ("生成", "Generated"),
    "contents": ("目录", "Contents"),
    "summary": ("概况", "Summary"),
    "nominees": ("申报城市主要指标", "Nominees' key indicators"),
    "charts": ("图表", "Charts"),
    "findings": ("校验问题与附件", "Findings and attachments"),
    "tally": ("评审计票", "Committee tally"),
    "publicity": ("公示", "Public notice"),
    "sort_hint": (
        "点击表头可排序；默认按行政区划代码排列。",
        "Click a column heading to sort; default order is the division code.",
    ),
    "table_note": (
        "占全国、占全省：工业增加值的比重；技改投资占比：技术改造投资占工业投资比重，"
        "与增速均按申报的投资额计算（第6条(3)）；主导产品按产量占全国比重，低于5%的标橙"
        "（第6条(2)）；第6条提请关注：按第6条“原则上”规则提请评审委员会注意的问题代码。",
        "Shares of national and provincial industrial value added; renovation share "
        "of industrial investment and its growth computed from the declared amounts "
        "(第6条(3)); leading products by share of national output, orange below 5% "
        "(第6条(2)); 第6条 flags: codes of findings under 第6条 (conditions met "
        "'in principle') for the committee's attention.",
    ),
    # summary figures
    "n_nominees": ("申报", "Nominations"),
    "n_provinces": ("推荐省级单位", "Recommending provincial units"),
    "n_clean": ("无错误", "Without errors"),
    "n_errors": ("有错误", "With errors"),
    "n_flagged": ("有第6条提请关注事项", "With 第6条 items for the committee"),
    "n_selected": ("初选建议名单", "On the shortlist"),
    "n_final": ("最终名单", "On the final list"),
    # nominee table
    "code": ("区划代码", "Code"),
    "province": ("省份", "Province"),
    "city": ("市（州）", "City"),
    "level": ("层级", "Level"),
    "value_added": ("工业增加值（亿元）", "Value added (亿元)"),
    "va_national": ("占全国（%）", "% of national"),
    "va_provincial": ("占全省（%）", "% of province"),
    "tech_share": ("技改投资占比（%）", "Renovation share (%)"),
    "tech_growth": ("技改投资增速（%）", "Renovation growth (%)"),
    "products": ("主导产品（全国占比）", "Leading products (national share)"),
    "errors": ("错误", "Errors"),
    "warnings": ("警告", "Warnings"),
    "flagged": ("第6条提请关注", "第6条 flags"),
    "result": ("评审结果", "Result"),
    "none": ("无", "none"),
    # charts
    "fig_grid": ("各省级单位推荐情况", "Nominations by provincial unit"),
    "fig_grid_note": (
        "数字为申报个数；★ 为进入初选建议名单或最终名单。",
        "Number of nominations; ★ on the shortlist or the final list.",
    ),
    "fig_scatter": (
        "技改投资占工业投资比重与技改投资增速（第6条(3)）",
        "Renovation share of industrial investment vs its growth (第6条(3))",
    ),
    "fig_products": (
        "主导产品产量占全国比重（第6条(2)：至少一个产品不低于5%）",
        "Leading products' share of national output (第6条(2): one ≥ 5%)",
    ),
    "fig_products_hist": (
        "各申报最高的主导产品全国占比分布（第6条(2)：不低于5%）",
        "Distribution of each nominee's best product share (第6条(2): ≥ 5%)",
    ),
    "fig_scores": ("评分分布（最低—最高，圆点为平均分）", "Scores (min–max, dot: mean)"),
    "first_only": (
        "图中只列出排名前 {count} 的申报，完整结果见上表。",
        "The chart shows the first {count} by rank; the table above has them all.",
    ),
    "fig_timeline": ("公示时间线（第9条）", "Public notice timeline (第9条)"),
    "axis_share": ("技改投资占工业投资比重（%）", "Renovation share of industrial investment (%)"),
    "axis_growth": ("技改投资增速（%）", "Renovation investment growth (%)"),
    "axis_product": ("占全国产量比重（%）", "Share of national output (%)"),
    "axis_count": ("申报个数", "Nominations"),
    "axis_score": ("评分", "Score"),
    "reference": ("参考值", "reference"),
    "line_5": ("5%线", "5% line"),
    "not_plotted": ("未列入图中（数据缺失）：", "Not plotted (figures missing): "),
    "below_5": ("没有产品达到5%的申报：", "Nominations without a product at 5%: "),
    "has_errors": ("有校验错误", "has validation errors"),
    "no_errors": ("无校验错误", "no validation errors"),
    "nominated": ("有申报", "nominated"),
    "not_nominated": ("无申报", "no nomination"),
    "selected_mark": ("初选建议或最终名单", "shortlisted or on the final list"),
    "other_provinces": ("其他推荐单位：", "Other recommending units: "),
    # findings
    "severity": ("级别", "Severity"),
    "article": ("条款", "Article"),
    "rule": ("代码", "Code"),
    "message": ("问题", "Problem"),
    "place": ("位置", "Location"),
    "error": ("错误", "error"),
    "warning": ("警告", "warning"),
    "no_findings": ("未发现问题。", "No findings."),
    "attachments": ("附件", "Attachments"),
    "unlinked": ("路径无效，未链接", "path not valid, not linked"),
    "missing": ("文件不存在", "file missing"),
    "campaign_files": ("年度目录文件", "Campaign files"),
    # tally
    "rank": ("排名", "Rank"),
    "approvals": ("同意票", "Approvals"),
    "entitled": ("有表决权", "Entitled"),
    "rate": ("同意率", "Approval rate"),
    "mean": ("平均分", "Mean"),
    "min": ("最低分", "Min"),
    "max": ("最高分", "Max"),
    "recusals": ("回避", "Recusals"),
    "status": ("结论", "Outcome"),
    "selected": ("初选建议", "shortlisted"),
    "tied": ("并列，待委员会决定", "tied: committee decides"),
    "over_cap": ("过线但超出名额", "passed, over the cap"),
    "failed": ("未过线", "below threshold"),
    "majority": ("过半数", "more than half"),
    "two_thirds": ("三分之二以上", "two thirds or more"),
    "by_approvals": ("同意票数 → 平均分", "approvals → mean score"),
    "by_approval_rate": ("同意率 → 平均分", "approval rate → mean score"),
    "committee": ("评审委员", "Committee members"),
    "ballots": ("收到评审表", "Ballots received"),
    "threshold": ("通过线", "Threshold"),
    "ranking": ("排序", "Ranking"),
    "cap": ("名额上限（第5条）", "Cap (第5条)"),
    "cutoff": ("名额线", "cut-off"),
    "tie": (
        "名额线上并列：{cities}，剩余 {slots} 个名额，须由评审委员会决定（zx 不自动取舍）。",
        "Tie at the cut-off: {cities}, {slots} place(s) left; the committee decides "
        "(zx never breaks a tie).",
    ),
    "excluded": ("未参加计票（有校验错误）：", "Not voted on (validation errors): "),
    # publicity
    "start": ("开始", "Start"),
    "end": ("结束", "End"),
    "working_days": (
        "{days} 个工作日（按国家法定节假日和调休）",
        "{days} working days (official calendar)",
    ),
    "calendar": ("日历数据", "Calendar"),
    "channel": ("公示渠道", "Channel"),
    "objections": ("异议", "Objections"),
    "received_on": ("收到日期", "Received"),
    "source": ("来源", "From"),
    "objection_summary": ("内容", "Summary"),
    "outcome": ("处理结果", "Outcome"),
    "note": ("说明", "Note"),
    "upheld": ("成立（取消该市）", "upheld (city removed)"),
    "rejected": ("不成立", "rejected"),
    "pending": ("核查中", "pending"),
    "no_objections": ("公示期间未收到异议。", "No objections during the notice."),
    "final_list": (
        "最终名单（按行政区划排列，排名不分先后）",
        "Final list (in administrative-code order, not ranked)",
    ),
    "final_pending": ("尚无最终名单。", "No final list yet."),
    "today": ("今天", "today"),
}


def labeller(lang: str) -> Callable[..., str]:
    """label(key, **params) in `lang` ("zh" unless "en")."""
    index = 1 if lang == "en" else 0

    def label(key: str, **params: object) -> str:
        if key.startswith("stage."):  # a nominee's stage: the one wording (tally/stage.py)
            from zxcli.catalog import term

            return term(key, "en" if index else "zh")
        text = _LABELS[key][index]
        return text.format(**params) if params else text

    return label


def keys() -> frozenset[str]:
    return frozenset(_LABELS)
