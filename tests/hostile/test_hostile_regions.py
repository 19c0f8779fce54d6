"""Issue 12, family 3: who recommends decides the region. A 兵团 nominee filed under 新疆
(or a 新疆 nominee filed under the 兵团) must neither escape a 第13条 province bar nor get a
second quota. Fails on the old code, which keyed both on the free `province` field."""

from __future__ import annotations

import shutil
from pathlib import Path

from zxcli.pipeline import validate_paths
from zxcli.results import Options

SUZHOU = "江苏省-苏州市"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _bingtuan_dossier(campaign: Path, name: str, province: str) -> Path:
    target = campaign / "dossiers" / name
    shutil.copytree(campaign / "dossiers" / SUZHOU, target)
    dossier = target / "dossier.yaml"
    _edit(dossier, "province: 江苏省", f"province: {province}")
    _edit(dossier, "name: 苏州市", "name: 石河子市")
    _edit(dossier, 'code: "320500"', 'code: "659001"')
    _edit(dossier, "name: 江苏省工业和信息化厅", "name: 新疆生产建设兵团工业和信息化局")
    _edit(dossier, "kind: 省级工业和信息化主管部门", "kind: 新疆生产建设兵团工业和信息化主管部门")
    return target


def _codes(campaign: Path, prefix: str) -> list[tuple[str, str | None]]:
    found = validate_paths([campaign], Options(select=frozenset({prefix}))).findings
    return [(f.code, f.dossier) for f in found]


def _bar(campaign: Path, province: str, city: str, code: str) -> None:
    """A record barring `province` for a city of its own (never the nominee's: that
    would be ZX501): the province bar must hold with the record's code in place."""
    registry = campaign / "registry" / "sanctions.yaml"
    _edit(registry, "province: 某某省", f"province: {province}")
    _edit(registry, "    city: 某某市\n", f"    city: {city}\n")
    _edit(registry, '    code: "990100"\n', f'    code: "{code}"\n')


def test_bingtuan_nominee_filed_under_xinjiang_does_not_escape_the_bingtuan_bar(
    campaign: Path,
) -> None:
    _bingtuan_dossier(campaign, "新疆维吾尔自治区-石河子市", "新疆维吾尔自治区")
    _bar(campaign, "新疆生产建设兵团", "五家渠市", "659004")
    assert ("ZX502", "新疆维吾尔自治区-石河子市") in _codes(campaign, "ZX5")


def test_bingtuan_nominee_filed_under_bingtuan_is_not_caught_by_a_xinjiang_bar(
    campaign: Path,
) -> None:
    _bingtuan_dossier(campaign, "新疆生产建设兵团-石河子市", "新疆生产建设兵团")
    _bar(campaign, "新疆维吾尔自治区", "乌鲁木齐市", "650100")
    assert ("ZX502", "新疆生产建设兵团-石河子市") not in _codes(campaign, "ZX5")


def test_two_bingtuan_nominees_under_two_provinces_share_one_quota(campaign: Path) -> None:
    _bingtuan_dossier(campaign, "新疆维吾尔自治区-石河子市", "新疆维吾尔自治区")
    second = _bingtuan_dossier(campaign, "新疆生产建设兵团-五家渠市", "新疆生产建设兵团")
    _edit(second / "dossier.yaml", "name: 石河子市", "name: 五家渠市")
    _edit(second / "dossier.yaml", 'code: "659001"', 'code: "659004"')
    quota = [d for code, d in _codes(campaign, "ZX601") if code == "ZX601"]
    assert sorted(quota) == ["新疆生产建设兵团-五家渠市", "新疆维吾尔自治区-石河子市"]


def test_bingtuan_recommender_only_for_bingtuan_codes(campaign: Path) -> None:
    dossier = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    assert ("ZX612", SUZHOU) not in _codes(campaign, "ZX6")
    _edit(dossier, "kind: 省级工业和信息化主管部门", "kind: 新疆生产建设兵团工业和信息化主管部门")
    assert ("ZX612", SUZHOU) in _codes(campaign, "ZX6")
