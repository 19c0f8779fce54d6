"""The gazetteer against the bundled NBS data: 第5条 levels, lookups, nominee checks, names."""

from __future__ import annotations

import csv
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from zxcli.errors import EXIT_FINDINGS
from zxcli.model.authorities import (
    governing_body,
    provincial_government,
    statistics_bureau,
)
from zxcli.model.gazetteer import (
    PLACEHOLDER_NAMES,
    Division,
    Gazetteer,
    GazetteerDataProblem,
    GazetteerError,
    Level,
    NomineeProblem,
)

DATA = Path(__file__).resolve().parents[1] / "zxcli" / "data" / "gazetteer"
MUNICIPALITIES = {"11": "北京市", "12": "天津市", "31": "上海市", "50": "重庆市"}
PLAN_CITIES = {
    "210200": "大连市",
    "330200": "宁波市",
    "350200": "厦门市",
    "370200": "青岛市",
    "440300": "深圳市",
}


def _csv(name: str) -> list[dict[str, str]]:
    with (DATA / name).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def _is_dev_zone(code: str) -> bool:
    return 71 <= int(code[4:]) <= 79


def _real_rows() -> list[tuple[str, str, str]]:
    """(province code, name, 6-digit code) of every row that is an administrative division."""
    cities = [
        (r["provinceCode"], r["name"], r["code"] + "00")
        for r in _csv("cities.csv")
        if r["name"] not in PLACEHOLDER_NAMES
    ]
    areas = [
        (r["provinceCode"], r["name"], r["code"])
        for r in _csv("areas.csv")
        if not _is_dev_zone(r["code"])
    ]
    return cities + areas


REAL_ROWS = _real_rows()
PROVINCE_NAMES = {r["code"]: r["name"] for r in _csv("provinces.csv")}


@pytest.fixture(scope="module")
def gz() -> Gazetteer:
    return Gazetteer.bundled()


# ---------------------------------------------------------------------- basics


def test_level_values_are_the_policy_words() -> None:
    assert [level.value for level in Level] == [
        "地级",
        "计划单列市",
        "直辖市辖区",
        "直辖市辖县",
        "县级",
    ]
    assert [level.eligible for level in Level] == [True, True, True, True, False]


def test_bundled_is_loaded_once_and_names_its_edition(gz: Gazetteer) -> None:
    assert Gazetteer.bundled() is gz
    assert gz.edition == "NBS 2023 统计用区划代码 (2023-06-30) + 县级变更至 2026-04"


def test_divisions_are_in_code_order(gz: Gazetteer) -> None:
    codes = [d.code for d in gz.divisions()]
    assert codes == sorted(codes)
    assert len(codes) == len(set(codes))


@pytest.mark.parametrize("key", ["江苏省", "32", "江苏", " 江苏省 "])
def test_province_by_name_code_or_short_name(gz: Gazetteer, key: str) -> None:
    province = gz.province(key)
    assert province is not None
    assert (province.code, province.name) == ("32", "江苏省")


@pytest.mark.parametrize("key", ["江南省", "99", "", "新疆生产建设兵团"])
def test_unknown_province(gz: Gazetteer, key: str) -> None:
    assert gz.province(key) is None


def test_only_the_four_municipalities_are_municipalities(gz: Gazetteer) -> None:
    assert {p.code for p in gz.provinces() if p.is_municipality} == set(MUNICIPALITIES)


# ---------------------------------------------------------------------- by_code and levels


@pytest.mark.parametrize(
    ("code", "name", "level", "parent", "dev_zone"),
    [
        ("320500", "苏州市", Level.PREFECTURE, None, False),
        ("330200", "宁波市", Level.PLAN_CITY, None, False),
        ("310115", "浦东新区", Level.MUNICIPAL_DISTRICT, None, False),
        ("500229", "城口县", Level.MUNICIPAL_COUNTY, None, False),
        ("500240", "石柱土家族自治县", Level.MUNICIPAL_COUNTY, None, False),
        ("320581", "常熟市", Level.COUNTY, "苏州市", False),
        ("320576", "苏州工业园区", Level.COUNTY, "苏州市", True),
        # 自治州, 地区 and 盟 are prefecture level.
        ("222400", "延边朝鲜族自治州", Level.PREFECTURE, None, False),
        ("652900", "阿克苏地区", Level.PREFECTURE, None, False),
        ("152200", "兴安盟", Level.PREFECTURE, None, False),
        # 不设区的地级市 appear twice in the data but are one prefecture.
        ("441900", "东莞市", Level.PREFECTURE, None, False),
        ("442000", "中山市", Level.PREFECTURE, None, False),
        ("460400", "儋州市", Level.PREFECTURE, None, False),
        # 省直辖县级行政单位 are county level, with no prefecture above them.
        ("429004", "仙桃市", Level.COUNTY, None, False),
        ("429021", "神农架林区", Level.COUNTY, None, False),
        ("419001", "济源市", Level.COUNTY, None, False),
        ("469001", "五指山市", Level.COUNTY, None, False),
        ("659001", "石河子市", Level.COUNTY, None, False),
    ],
)
def test_by_code(
    gz: Gazetteer, code: str, name: str, level: Level, parent: str | None, dev_zone: bool
) -> None:
    d = gz.by_code(code)
    assert d is not None
    found = (d.code, d.name, d.level, d.parent, d.is_dev_zone)
    assert found == (code, name, level, parent, dev_zone)
    assert d.province == PROVINCE_NAMES[d.province_code]


@pytest.mark.parametrize(
    "code", ["110100", "500200", "429000", "659000", "320000", "329999", "3205", "32050a", ""]
)
def test_by_code_knows_no_placeholder_province_or_made_up_code(gz: Gazetteer, code: str) -> None:
    assert gz.by_code(code) is None


def test_every_plan_city(gz: Gazetteer) -> None:
    assert {d.code: d.name for d in gz.divisions() if d.level is Level.PLAN_CITY} == PLAN_CITIES
    plan_file = {r["code"]: r["name"] for r in _csv("plan_cities.csv")}
    assert plan_file == PLAN_CITIES
    for code, name in PLAN_CITIES.items():
        check = gz.check_nominee(PROVINCE_NAMES[code[:2]], name, code)
        assert check.ok, check


def test_every_dev_zone(gz: Gazetteer) -> None:
    rows = [r for r in _csv("areas.csv") if _is_dev_zone(r["code"])]
    assert len(rows) > 100
    for r in rows:
        d = gz.by_code(r["code"])
        assert d is not None
        assert d.is_dev_zone and not d.eligible
        check = gz.check_nominee(r["provinceCode"], r["name"], r["code"])
        assert check.problem is NomineeProblem.DEV_ZONE
        assert not check.eligible_level


@pytest.mark.parametrize("province_code", sorted(MUNICIPALITIES))
def test_municipal_districts_and_counties(gz: Gazetteer, province_code: str) -> None:
    rows = [r for r in _csv("areas.csv") if r["provinceCode"] == province_code]
    assert rows
    for r in rows:
        d = gz.by_code(r["code"])
        assert d is not None
        expected = Level.MUNICIPAL_COUNTY if r["name"].endswith("县") else Level.MUNICIPAL_DISTRICT
        assert d.level is expected and d.parent is None and d.eligible
        assert gz.check_nominee(MUNICIPALITIES[province_code], r["name"], r["code"]).ok


def test_municipal_examples(gz: Gazetteer) -> None:
    expected = {
        "110105": "朝阳区",
        "120116": "滨海新区",
        "310115": "浦东新区",
        "500101": "万州区",
        "500229": "城口县",
    }
    assert {code: gz.by_code(code).name for code in expected} == expected  # type: ignore[union-attr]


def test_county_level_cities_are_not_eligible(gz: Gazetteer) -> None:
    for province, name, code in [
        ("江苏省", "常熟市", "320581"),
        ("湖北省", "仙桃市", "429004"),
        ("河南省", "济源市", "419001"),
        ("海南省", "五指山市", "469001"),
    ]:
        check = gz.check_nominee(province, name, code)
        assert check.problem is None
        assert not check.eligible_level and not check.ok


# ---------------------------------------------------------------------- find


@pytest.mark.parametrize(
    "name", ["浦东新区", "上海市浦东新区", " 上海市 浦东新区 ", "浦东\u3000新区"]
)
@pytest.mark.parametrize("province", ["上海市", "上海", "31"])
def test_find_municipal_district(gz: Gazetteer, province: str, name: str) -> None:
    assert [d.code for d in gz.find(province, name)] == ["310115"]


@pytest.mark.parametrize("name", ["苏州市", "江苏省苏州市"])
def test_find_prefecture(gz: Gazetteer, name: str) -> None:
    assert [d.code for d in gz.find("江苏省", name)] == ["320500"]


@pytest.mark.parametrize("name", ["常熟市", "苏州市常熟市", "江苏省苏州市常熟市"])
def test_find_county_with_prefecture_in_front(gz: Gazetteer, name: str) -> None:
    assert [d.code for d in gz.find("江苏省", name)] == ["320581"]


def test_find_returns_every_namesake_in_code_order(gz: Gazetteer) -> None:
    assert [(d.code, d.parent) for d in gz.find("江苏省", "鼓楼区")] == [
        ("320106", "南京市"),
        ("320302", "徐州市"),
    ]
    assert [d.code for d in gz.find("江苏省", "徐州市鼓楼区")] == ["320302"]


def test_find_stays_inside_the_province(gz: Gazetteer) -> None:
    assert gz.find("浙江省", "苏州市") == []
    assert gz.find("江南省", "苏州市") == []
    assert gz.find("江苏省", "市辖区") == []


# ---------------------------------------------------------------------- check_nominee


def test_nominee_ok(gz: Gazetteer) -> None:
    check = gz.check_nominee("江苏省", "苏州市", "320500")
    assert check.ok and check.problem is None and check.suggestion is None
    assert check.province is not None and check.province.code == "32"
    assert check.province_matches and check.name_matches and check.eligible_level


def test_municipal_district_with_city_in_front(gz: Gazetteer) -> None:
    assert gz.check_nominee("上海市", "上海市浦东新区", "310115").ok


def test_name_mismatch_shows_gazetteer_name_and_suggests_code(gz: Gazetteer) -> None:
    check = gz.check_nominee("江苏省", "苏州市", "320200")
    assert check.problem is NomineeProblem.NAME_MISMATCH
    assert check.division is not None and check.division.name == "无锡市"
    assert check.province_matches and not check.name_matches
    assert check.suggestion is not None and check.suggestion.code == "320500"


def test_name_mismatch_without_a_namesake(gz: Gazetteer) -> None:
    check = gz.check_nominee("江苏省", "姑苏市", "320500")
    assert check.problem is NomineeProblem.NAME_MISMATCH
    assert check.suggestion is None


def test_code_in_another_province(gz: Gazetteer) -> None:
    check = gz.check_nominee("江苏省", "苏州市", "330200")
    assert check.problem is NomineeProblem.PROVINCE_MISMATCH
    assert not check.province_matches
    assert check.suggestion is not None and check.suggestion.code == "320500"
    other = gz.check_nominee("浙江省", "苏州市", "320500")
    assert other.problem is NomineeProblem.PROVINCE_MISMATCH
    assert other.name_matches and other.suggestion is None


@pytest.mark.parametrize("code", ["329999", "32050", "abcdef", ""])
def test_unknown_code_suggests_by_name(gz: Gazetteer, code: str) -> None:
    check = gz.check_nominee("江苏省", "苏州市", code)
    assert check.problem is NomineeProblem.UNKNOWN_CODE
    assert check.division is None and not check.eligible_level
    assert check.suggestion is not None and check.suggestion.code == "320500"


@pytest.mark.parametrize(
    ("province", "name", "code", "suggested"),
    [
        ("上海市", "市辖区", "310100", None),
        ("重庆市", "县", "500200", None),
        ("湖北省", "仙桃市", "429000", "429004"),
        ("江苏省", "江苏省", "320000", None),
        ("江苏省", "鼓楼区", "320000", None),  # two 鼓楼区: no single suggestion
    ],
)
def test_not_a_division(
    gz: Gazetteer, province: str, name: str, code: str, suggested: str | None
) -> None:
    check = gz.check_nominee(province, name, code)
    assert check.problem is NomineeProblem.NOT_A_DIVISION
    assert check.division is None
    assert (check.suggestion.code if check.suggestion else None) == suggested


def test_unknown_province_comes_first(gz: Gazetteer) -> None:
    check = gz.check_nominee("江南省", "苏州市", "329999")
    assert check.problem is NomineeProblem.UNKNOWN_PROVINCE
    assert check.province is None and not check.province_matches


def test_dev_zone_under_its_own_name(gz: Gazetteer) -> None:
    check = gz.check_nominee("江苏省", "苏州工业园区", "320576")
    assert check.problem is NomineeProblem.DEV_ZONE
    assert check.division is not None and check.division.is_dev_zone


def test_bingtuan_nominates_its_own_cities(gz: Gazetteer) -> None:
    assert gz.is_bingtuan("新疆生产建设兵团")
    check = gz.check_nominee("新疆生产建设兵团", "石河子市", "659001")
    assert check.problem is None and check.province_matches
    assert check.province is not None and check.province.code == "65"
    other = gz.check_nominee("新疆生产建设兵团", "乌鲁木齐市", "650100")
    assert other.problem is NomineeProblem.PROVINCE_MISMATCH
    assert [d.code for d in gz.find("新疆生产建设兵团", "五家渠市")] == ["659004"]


# ---------------------------------------------------------------------- names (第7条)


@pytest.mark.parametrize(
    ("code", "display", "bureau", "government"),
    [
        ("320500", "苏州市", "苏州市统计局", "苏州市人民政府"),
        ("330200", "宁波市", "宁波市统计局", "宁波市人民政府"),
        ("310115", "上海市浦东新区", "上海市浦东新区统计局", "上海市浦东新区人民政府"),
        ("500229", "重庆市城口县", "重庆市城口县统计局", "重庆市城口县人民政府"),
        ("110105", "北京市朝阳区", "北京市朝阳区统计局", "北京市朝阳区人民政府"),
        ("320508", "苏州市姑苏区", "苏州市姑苏区统计局", "苏州市姑苏区人民政府"),
        ("320581", "常熟市", "常熟市统计局", "常熟市人民政府"),
        ("222400", "延边朝鲜族自治州", "延边朝鲜族自治州统计局", "延边朝鲜族自治州人民政府"),
        # 盟 and 地区 are governed by a 行政公署 (第2条 市（地、州、盟）), not a 人民政府
        ("152200", "兴安盟", "兴安盟统计局", "兴安盟行政公署"),
        ("653200", "和田地区", "和田地区统计局", "和田地区行政公署"),
        ("653201", "和田市", "和田市统计局", "和田市人民政府"),  # a county-level city in it
    ],
)
def test_official_names(
    gz: Gazetteer, code: str, display: str, bureau: str, government: str
) -> None:
    d = gz.by_code(code)
    assert d is not None
    assert gz.display_name(d) == display
    assert statistics_bureau(gz, d) == bureau
    assert governing_body(gz, d) == government


@pytest.mark.parametrize(
    ("code", "name", "present"),
    [
        ("653228", "和康县", True),
        ("653229", "和安县", True),  # 和田地区, 2024-12
        ("653132", "岑岭县", True),
        ("659013", "草湖市", True),  # 2026
        ("500157", "两江新区", True),
        ("653227", "民丰县", True),  # unchanged neighbours
    ],
)
def test_the_bundled_divisions_are_current(
    gz: Gazetteer, code: str, name: str, present: bool
) -> None:
    """County-level changes after the NBS 2023-06-30 edition (SOURCE.md lists them)."""
    found = gz.by_code(code)
    assert (found is not None and found.name == name) is present


def test_abolished_districts_are_known_with_their_last_year(gz: Gazetteer) -> None:
    for code in ("500105", "500112"):  # 江北区, 渝北区 → 两江新区 (2025-12)
        retired = gz.retirement(code)
        assert gz.by_code(code) is not None and retired is not None
        assert retired.last_year == 2024 and "两江新区" in retired.change
    assert gz.retirement("500157") is None and gz.retirement("320500") is None


def test_version_states_the_gazetteer_edition(gz: Gazetteer) -> None:
    from inproc import run_main

    code, out, _ = run_main(["--version"])
    assert code == 0 and gz.edition in out


def test_the_ten_prefectures_governed_by_an_administrative_office(gz: Gazetteer) -> None:
    offices = {d.name for d in gz.divisions() if governing_body(gz, d).endswith("行政公署")}
    assert offices == {
        "兴安盟",
        "锡林郭勒盟",
        "阿拉善盟",
        "大兴安岭地区",
        "阿里地区",
        "阿克苏地区",
        "喀什地区",
        "和田地区",
        "塔城地区",
        "阿勒泰地区",
    }


@pytest.mark.parametrize(
    ("province", "government"),
    [
        ("江苏省", "江苏省人民政府"),
        ("32", "江苏省人民政府"),
        ("上海市", "上海市人民政府"),
        ("广西壮族自治区", "广西壮族自治区人民政府"),
        ("内蒙古", "内蒙古自治区人民政府"),
        ("新疆生产建设兵团", "新疆生产建设兵团"),
    ],
)
def test_provincial_government(gz: Gazetteer, province: str, government: str) -> None:
    assert provincial_government(gz, province) == government


def test_provincial_government_of_a_province_object_and_unknown(gz: Gazetteer) -> None:
    province = gz.province("45")
    assert province is not None
    assert provincial_government(gz, province) == "广西壮族自治区人民政府"
    with pytest.raises(KeyError):
        provincial_government(gz, "江南省")


# ---------------------------------------------------------------------- every real row


def test_every_real_row_round_trips(gz: Gazetteer) -> None:
    for province_code, name, code in REAL_ROWS:
        d = gz.by_code(code)
        assert d is not None and d.name == name, code
        assert gz.check_nominee(PROVINCE_NAMES[province_code], name, code).problem is None, code


@pytest.mark.slow
@settings(max_examples=300, derandomize=True, deadline=None)
@given(
    row=st.sampled_from(REAL_ROWS),
    spelling=st.sampled_from(["plain", "code", "prefixed"]),
    pad=st.sampled_from(["", " ", "\u3000"]),
)
def test_real_rows_pass_however_written(row: tuple[str, str, str], spelling: str, pad: str) -> None:
    gz = Gazetteer.bundled()
    province_code, name, code = row
    province = {
        "plain": PROVINCE_NAMES[province_code],
        "code": province_code,
        "prefixed": PROVINCE_NAMES[province_code],
    }[spelling]
    written = PROVINCE_NAMES[province_code] + name if spelling == "prefixed" else name
    d = gz.by_code(pad + code + pad)
    assert d is not None and d.name == name
    check = gz.check_nominee(pad + province, pad + written + pad, code)
    assert check.problem is None
    assert check.division == d
    assert d in gz.find(province, written)


# ---------------------------------------------------------------------- from_dir


def _copy(tmp_path: Path) -> Path:
    target = tmp_path / "gazetteer"
    shutil.copytree(DATA, target)
    return target


def _append(path: Path, line: str) -> int:
    """Append a row; return its line number."""
    text = path.read_text(encoding="utf-8")
    if not text.endswith("\n"):
        text += "\n"
    path.write_text(text + line + "\n", encoding="utf-8")
    return text.count("\n") + 1


def test_from_dir_reads_a_renamed_division(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    areas = folder / "areas.csv"
    areas.write_text(
        areas.read_text(encoding="utf-8").replace('"常熟市"', '"新常熟市"'), encoding="utf-8"
    )
    gz = Gazetteer.from_dir(folder)
    assert gz.edition == Gazetteer.bundled().edition
    assert gz.by_code("320581").name == "新常熟市"  # type: ignore[union-attr]
    assert gz.check_nominee("江苏省", "常熟市", "320581").problem is NomineeProblem.NAME_MISMATCH


def test_from_dir_without_optional_files_uses_bundled_plan_cities(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    (folder / "meta.json").unlink()
    (folder / "plan_cities.csv").unlink()
    gz = Gazetteer.from_dir(str(folder))
    assert gz.edition.startswith("custom:")
    assert gz.by_code("330200").level is Level.PLAN_CITY  # type: ignore[union-attr]
    assert gz.is_bingtuan("新疆生产建设兵团")


def test_from_dir_accepts_a_bom_and_blank_lines(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    provinces = folder / "provinces.csv"
    provinces.write_text(
        "\ufeff" + provinces.read_text(encoding="utf-8") + "\n\n", encoding="utf-8"
    )
    assert Gazetteer.from_dir(folder).province("江苏省") is not None


@pytest.mark.parametrize(
    ("file", "row", "problem"),
    [
        ("cities.csv", '3299,"新市"', GazetteerDataProblem.WRONG_COLUMN_COUNT),
        ("cities.csv", '32A9,"新市",32', GazetteerDataProblem.BAD_CODE),
        ("cities.csv", '9901,"新市",99', GazetteerDataProblem.UNKNOWN_PARENT),
        ("cities.csv", '3399,"新市",32', GazetteerDataProblem.INCONSISTENT),
        ("cities.csv", '3205,"又一个苏州市",32', GazetteerDataProblem.DUPLICATE_CODE),
        ("cities.csv", '3299,"",32', GazetteerDataProblem.EMPTY_NAME),
        ("areas.csv", '329901,"新区",3299,32', GazetteerDataProblem.UNKNOWN_PARENT),
        ("areas.csv", '320599,"新区",3205,33', GazetteerDataProblem.INCONSISTENT),
        ("areas.csv", '320500,"姑苏市",3205,32', GazetteerDataProblem.INCONSISTENT),
        ("plan_cities.csv", '320500,"无锡市"', GazetteerDataProblem.INCONSISTENT),
        ("provinces.csv", '3,"新省"', GazetteerDataProblem.BAD_CODE),
    ],
)
def test_from_dir_reports_file_and_line_of_a_malformed_row(
    tmp_path: Path, file: str, row: str, problem: GazetteerDataProblem
) -> None:
    folder = _copy(tmp_path)
    line = _append(folder / file, row)
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.from_dir(folder)
    error = caught.value
    assert isinstance(error, ValueError)
    assert (error.problem, error.line) == (problem, line)
    assert f"{file}:{line}:" in str(error)
    assert error.code == "ZX907" and error.exit_code == EXIT_FINDINGS


def test_from_dir_bad_header(tmp_path: Path) -> None:
    folder = _copy(tmp_path)
    cities = folder / "cities.csv"
    cities.write_text(
        cities.read_text(encoding="utf-8").replace("provinceCode", "province", 1), encoding="utf-8"
    )
    with pytest.raises(GazetteerError, match=r"cities\.csv:1: bad_header"):
        Gazetteer.from_dir(folder)


@pytest.mark.parametrize(
    ("damage", "problem"),
    [
        (lambda f: (f / "areas.csv").unlink(), GazetteerDataProblem.MISSING_FILE),
        (
            lambda f: (f / "areas.csv").write_bytes("code,name\n".encode("gb18030") + b"\xff\xfe"),
            GazetteerDataProblem.MALFORMED_FILE,
        ),
        (
            lambda f: (f / "meta.json").write_text("{", encoding="utf-8"),
            GazetteerDataProblem.MALFORMED_FILE,
        ),
        (
            lambda f: (f / "meta.json").write_text('{"edition": ""}', encoding="utf-8"),
            GazetteerDataProblem.MALFORMED_FILE,
        ),
    ],
)
def test_from_dir_damaged_files(
    tmp_path: Path, damage: Callable[[Path], object], problem: GazetteerDataProblem
) -> None:
    folder = _copy(tmp_path)
    damage(folder)
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.from_dir(folder)
    assert caught.value.problem is problem


def test_from_dir_of_a_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.from_dir(tmp_path / "nowhere")
    assert caught.value.problem is GazetteerDataProblem.MISSING_FILE


def test_division_is_frozen(gz: Gazetteer) -> None:
    d = gz.by_code("320500")
    assert isinstance(d, Division)
    with pytest.raises(AttributeError):
        d.name = "无锡市"  # type: ignore[misc]


@pytest.mark.parametrize(
    "retired", ['{"500105": {"last_year": "2024"}}', "[1]", '{"x": {"last_year": 2024}}']
)
def test_a_malformed_retired_list_is_a_coded_error(tmp_path: Path, retired: str) -> None:
    from zxcli.resources import bundled_dir

    folder = tmp_path / "gaz"
    shutil.copytree(bundled_dir("data") / "gazetteer", folder)
    (folder / "meta.json").write_text(
        '{"edition": "x", "retired": ' + retired + "}", encoding="utf-8"
    )
    with pytest.raises(GazetteerError) as caught:
        Gazetteer.from_dir(folder)
    assert caught.value.problem is GazetteerDataProblem.MALFORMED_FILE
