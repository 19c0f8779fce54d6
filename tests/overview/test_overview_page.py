"""The overview page from hand-made data: escaping, links, charts, languages, CSP."""

from __future__ import annotations

import base64
import hashlib
import re
import xml.etree.ElementTree as ET
from decimal import Decimal as D
from html.parser import HTMLParser
from urllib.parse import quote

import pytest
from hostile_data import (
    BAD_PATHS,
    GOOD_PATH,
    IMG,
    SCRIPT,
    hostile_data,
    hostile_nominee,
    plain_nominee,
)

from zxcli.overview import svg
from zxcli.overview.html import render_html
from zxcli.overview.labels import _LABELS, labeller
from zxcli.overview.model import OverviewData, Product
from zxcli.overview.safe import attachment_href, base_href, esc

BASE = "../2025/"


class Tags(HTMLParser):
    """Every start tag with its attributes, and the text of each <script> and <style>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.raw: dict[str, list[str]] = {"script": [], "style": []}
        self._inside: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        if tag in self.raw:
            self._inside = tag
            self.raw[tag].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == self._inside:
            self._inside = None

    def handle_data(self, data: str) -> None:
        if self._inside:
            self.raw[self._inside][-1] += data


def parse(page: str) -> Tags:
    parser = Tags()
    parser.feed(page)
    parser.close()
    return parser


@pytest.fixture(scope="module")
def hostile_page() -> str:
    return render_html(hostile_data(), BASE)


# ---------------------------------------------------------------- escaping


def test_submitter_text_never_makes_markup(hostile_page: str) -> None:
    parsed = parse(hostile_page)
    assert [t for t, _ in parsed.tags].count("script") == 1  # the page's own
    assert [t for t, _ in parsed.tags].count("style") == 1
    assert not [t for t, _ in parsed.tags if t == "img"]
    for tag, attrs in parsed.tags:
        assert not [a for a in attrs if a.startswith("on")], (tag, attrs)
        assert "style" not in attrs, (tag, attrs)
    assert "document.documentElement" not in parsed.raw["script"][0]


def test_hostile_text_shows_as_text(hostile_page: str) -> None:
    assert esc(SCRIPT) in hostile_page
    assert "&lt;script&gt;" in hostile_page


def test_svg_charts_are_well_formed_with_hostile_names() -> None:
    data = hostile_data()
    assert data.tally is not None and data.publicity is not None
    charts = [
        svg.scatter(data.nominees, D(30), "zh"),
        svg.product_shares(data.nominees, "zh"),
        svg.province_grid(data.nominees, frozenset(), "zh"),
        svg.score_ranges(data.tally, "zh"),
        svg.timeline(data.publicity, None, "zh"),
    ]
    for chart in charts:
        root = ET.fromstring(chart)  # raises if a name broke out of its <text>
        assert root.tag.endswith("svg")
        assert not [e for e in root.iter() if e.tag.endswith(("script", "foreignObject"))]
        assert all(not k.startswith("on") for e in root.iter() for k in e.attrib)


# ---------------------------------------------------------------- links


@pytest.mark.parametrize("path", BAD_PATHS)
def test_attachment_paths_that_could_leave_their_folder_are_refused(path: str) -> None:
    assert attachment_href(path) is None


def test_attachment_paths_are_percent_encoded() -> None:
    assert attachment_href(GOOD_PATH) == (
        "attachments/%E6%8E%A8%E8%8D%90%E5%87%BD%20%22final%22%231%3F.pdf"
    )
    assert base_href(["..", "2025"]) == "../2025/"


def test_only_links_are_in_page_anchors_and_own_attachments(hostile_page: str) -> None:
    hrefs = [a.get("href") or "" for t, a in parse(hostile_page).tags if t == "a"]
    outside = [h for h in hrefs if not h.startswith("#")]
    folder = quote(IMG, safe="")
    assert outside == [f"{BASE}dossiers/{folder}/{attachment_href(GOOD_PATH)}"]
    for href in outside:
        assert ":" not in href and "//" not in href.removeprefix(BASE)
        assert ".." not in href.removeprefix(BASE).split("/")
    assert "（路径无效，未链接）" in hostile_page


def test_a_missing_attachment_is_not_linked() -> None:
    nominee = hostile_nominee()
    gone = nominee.attachments[-1].__class__("推荐函", "t", "attachments/x.pdf", present=False)
    data = OverviewData("t", 2025, "zh", (plain_nominee("320500", "苏州市", "江苏省"),))
    page = render_html(
        data.__class__(
            **{
                **data.__dict__,
                "nominees": (
                    data.nominees[0].__class__(
                        **{**data.nominees[0].__dict__, "attachments": (gone,)}
                    ),
                ),
            }
        ),
        BASE,
    )
    assert "文件不存在" in page and "attachments/x.pdf" not in page


def test_without_a_link_base_paths_show_as_text() -> None:
    page = render_html(hostile_data(), None)
    hrefs = [a.get("href") or "" for t, a in parse(page).tags if t == "a"]
    assert all(h.startswith("#") for h in hrefs)
    assert esc(GOOD_PATH) in page


# ---------------------------------------------------------------- the page itself


def test_policy_allows_exactly_the_inline_style_and_script(hostile_page: str) -> None:
    parsed = parse(hostile_page)
    csp = next(
        a["content"]
        for t, a in parsed.tags
        if t == "meta" and a.get("http-equiv") == "Content-Security-Policy"
    )
    assert csp is not None and "default-src 'none'" in csp

    def digest(body: str) -> str:
        return base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()

    assert f"style-src 'sha256-{digest(parsed.raw['style'][0])}'" in csp
    assert f"script-src 'sha256-{digest(parsed.raw['script'][0])}'" in csp


def test_nothing_is_fetched(hostile_page: str) -> None:
    for tag, attrs in parse(hostile_page).tags:
        assert tag not in ("link", "img", "iframe", "object", "embed")
        assert "src" not in attrs
    assert "http://" not in hostile_page.replace("http://www.w3.org/2000/svg", "")
    assert "https://" not in hostile_page and "@import" not in hostile_page
    assert "url(" not in hostile_page


def test_english_labels_keep_names() -> None:
    data = OverviewData("2025年度遴选", 2025, "en", (plain_nominee("320500", "苏州市", "江苏省"),))
    page = render_html(data)
    assert '<html lang="en">' in page
    assert "Nominees&#x27; key indicators" in page and "苏州市" in page
    assert "申报城市主要指标" not in page


def test_every_label_has_both_languages() -> None:
    for key, (zh, en) in _LABELS.items():
        assert zh.strip() and en.strip(), key
        assert re.findall(r"{\w+}", zh) == re.findall(r"{\w+}", en), key
    assert labeller("en")("tie", cities="A", slots=1).startswith("Tie")


def test_sections_appear_only_with_their_data() -> None:
    data = OverviewData("t", 2025, "zh", (plain_nominee("320500", "苏州市", "江苏省"),))
    page = render_html(data)
    assert 'id="tally"' not in page and 'id="publicity"' not in page
    assert 'id="chart-scores"' not in page
    full = render_html(hostile_data())
    for section in ("summary", "nominees", "charts", "tally", "publicity", "findings"):
        assert f'id="{section}"' in full


def test_national_weight_column_only_when_known() -> None:
    plain = OverviewData("t", 2025, "zh", (plain_nominee("320500", "苏州市", "江苏省"),))
    assert "占全国（%）" not in render_html(plain)
    row = plain.nominees[0].__class__(
        **{**plain.nominees[0].__dict__, "value_added_national_pct": D("1.05")}
    )
    assert "占全国（%）" in render_html(OverviewData("t", 2025, "zh", (row,)))


# ---------------------------------------------------------------- charts


def test_scatter_plots_points_with_figures_and_lists_the_others() -> None:
    nominees = (
        plain_nominee("320500", "苏州市", "江苏省"),
        plain_nominee("330200", "宁波市", "浙江省", share=None),
    )
    chart = svg.scatter(nominees, D(30), "zh")
    assert chart.count('class="point"') == 1
    page = render_html(OverviewData("t", 2025, "zh", nominees))
    assert "未列入图中（数据缺失）：宁波市" in page


def test_product_chart_marks_the_five_percent_line() -> None:
    nominees = (
        plain_nominee(
            "320500", "苏州市", "江苏省", products=(Product("甲", D("4.9")), Product("乙", D("3")))
        ),
    )
    chart = svg.product_shares(nominees, "zh")
    assert "5%线" in chart and "甲 4.90%" in chart
    page = render_html(OverviewData("t", 2025, "zh", nominees))
    assert "没有产品达到5%的申报：苏州市" in page


def test_many_nominees_get_a_histogram() -> None:
    nominees = tuple(plain_nominee(f"3205{i:02d}", f"市{i}", "江苏省") for i in range(61))
    chart = svg.product_shares(nominees, "zh")
    assert "分布" in chart and chart.count("<rect") == 21


def test_province_grid_has_32_units_and_counts_nominees() -> None:
    nominees = (
        plain_nominee("320500", "苏州市", "江苏省"),
        plain_nominee("320200", "无锡市", "江苏"),
        plain_nominee("659001", "石河子市", "新疆生产建设兵团"),
    )
    root = ET.fromstring(svg.province_grid(nominees, frozenset({"320500"}), "zh"))
    tiles = {
        g.get("data-unit"): g.get("data-count") for g in root.iter() if g.get("class") == "tile"
    }
    assert len(tiles) == 32 and len(svg.UNITS) == 32
    assert tiles["江苏省"] == "2" and tiles["新疆生产建设兵团"] == "1"
    assert tiles["北京市"] == "0"
    assert len({(c, r) for _, _, c, r in svg.UNITS}) == 32  # no two tiles overlap
    assert all(0 <= c < svg.COLUMNS and 0 <= r < svg.ROWS for _, _, c, r in svg.UNITS)


def test_unknown_province_is_named_under_the_grid() -> None:
    nominees = (plain_nominee("990100", "某市", "火星省"),)
    assert "其他推荐单位：火星省" in render_html(OverviewData("t", 2025, "zh", nominees))


@pytest.mark.parametrize(("lo", "hi"), [(0, 1), (-3.2, 61.5), (0, 100), (5, 5), (0, 0.07)])
def test_ticks_cover_the_range(lo: float, hi: float) -> None:
    ticks = svg.nice_ticks(lo, hi)
    assert ticks[0] <= lo and ticks[-1] >= hi and len(ticks) <= 12
    assert ticks == sorted(ticks)


def test_error_codes_have_catalog_entries_in_both_languages() -> None:
    from zxcli.catalog import rule
    from zxcli.overview import pdf

    codes = (pdf.CHROMIUM_MISSING, pdf.CHROMIUM_FAILED, pdf.CHROMIUM_TIMEOUT)
    for code in codes:
        entry = rule(code)
        params = {name: "x" for name in entry.placeholders()}
        for lang in ("zh", "en"):
            assert not re.search(r"\{[a-z_]+\}", entry.render(lang, params)), code
            assert entry.title[lang] and entry.hint[lang], code
    assert str(pdf.ChromiumTimeoutError(5)).startswith("ZX823 Chromium 超过 5 秒")
