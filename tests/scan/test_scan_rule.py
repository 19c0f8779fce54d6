"""`zx validate --scan`: the rule family, its switch, and what a default install sees.

The broken dossiers found only with --scan are checked in tests/test_samples.py (EXPECTED.yaml,
`scan: true`); here: nothing of zxcli.scan is loaded without --scan, the extra's absence is a
usage error (ZX489, exit 2), and the inputs the family gives the library.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from zxcli.model.campaign import load_campaign
from zxcli.pipeline import assemble, validate_paths
from zxcli.results import Options
from zxcli.rules import families
from zxcli.rules.context import CampaignContext
from zxcli.rules.runner import check_campaign

ROOT = Path(__file__).resolve().parents[2]
SUZHOU = ROOT / "sample_dossiers" / "2024" / "dossiers" / "江苏省-苏州市"
# Not Pillow: pypdf (a core dependency) imports it by itself when it is installed.
HEAVY = (
    "zxcli.scan",
    "zxcli.rules.scan_evidence",
    "numpy",
    "cv2",
    "pypdfium2",
    "rapidocr_onnxruntime",
    "onnxruntime",
)


def _run(code: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, *args, "-c", code],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        timeout=120,
        check=False,
    )


def test_without_scan_nothing_of_the_extra_is_imported() -> None:
    tops = tuple(h for h in HEAVY if "." not in h)
    code = (
        "import sys\nfrom zxcli.cli import main\n"
        f"sys.argv = ['zx', 'validate', {str(SUZHOU)!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass\n"
        f"print(sorted(m for m in sys.modules if m.split('.')[0] in {tops!r} "
        "or m.startswith('zxcli.scan') or m == 'zxcli.rules.scan_evidence'))"
    )
    run = _run(code, "-X", "importtime")
    assert run.stdout.strip().splitlines()[-1] == "[]", run.stdout
    imported = {line.rsplit("|", 1)[-1].strip() for line in run.stderr.splitlines()}
    assert not imported & set(HEAVY)


def test_scan_family_only_when_asked() -> None:
    assert families.dossier_families(False) == families.DOSSIER_FAMILIES
    from zxcli.rules import scan_evidence

    assert families.dossier_families(True)[-1].check is scan_evidence.check


def test_scan_without_the_extra_is_a_usage_error() -> None:
    # A default install: the extra's libraries cannot be imported.
    code = (
        "import sys, importlib.abc\n"
        "class Block(importlib.abc.MetaPathFinder):\n"
        "    def find_spec(self, name, path, target=None):\n"
        "        if name.split('.')[0] in ('numpy', 'cv2', 'PIL', 'pypdfium2',"
        " 'rapidocr_onnxruntime'):\n"
        "            raise ImportError(name)\n"
        "sys.meta_path.insert(0, Block())\n"
        "from zxcli.cli import main\n"
        f"sys.argv = ['zx', 'validate', '--scan', {str(SUZHOU)!r}]\n"
        "main()\n"
    )
    run = _run(code)
    assert run.returncode == 2, run.stderr
    assert "ZX489" in run.stderr and "pip install '/path/to/zx[scan]'" in run.stderr
    assert "pip install 'zxcli[scan]'" not in run.stderr  # zx is not on PyPI
    assert "Traceback" not in run.stderr
    run = _run(code.replace("'--scan', ", ""))  # and without --scan all is well
    assert run.returncode == 0, run.stderr


def test_declared_seals_are_checked_without_scan() -> None:
    dossier = ROOT / "sample_dossiers" / "broken" / "dossiers" / "B17-统计数据盖省统计局章"
    codes = {f.code for f in validate_paths([dossier], Options()).findings}
    assert "ZX404" in codes


def test_consent_may_bear_the_government_or_its_general_office() -> None:
    from zxcli.model.vocabulary import KIND_CONSENT, KIND_STATISTICS
    from zxcli.rules.scan_evidence import alternatives

    assert alternatives(KIND_CONSENT, ["江苏省人民政府"]) == {
        "江苏省人民政府": ["江苏省人民政府办公厅"]
    }
    assert alternatives(KIND_CONSENT, ["新疆生产建设兵团办公厅"]) == {
        "新疆生产建设兵团办公厅": ["新疆生产建设兵团"]
    }
    # Only for the consent: the statistics are the 统计局's alone.
    assert alternatives(KIND_STATISTICS, ["苏州市统计局"]) == {"苏州市统计局": []}
    # A 盟 is governed by its 行政公署 (BRIEF).
    assert alternatives("负责声明", ["兴安盟人民政府"]) == {"兴安盟人民政府": ["兴安盟行政公署"]}


def test_figures_come_from_the_dossier() -> None:
    from zxcli.rules.scan_evidence import expected_figures

    campaign = load_campaign(SUZHOU.parent.parent, [SUZHOU])
    ctx, checked = assemble(campaign, Options())
    check_campaign(ctx, checked, Options())
    assert isinstance(ctx, CampaignContext)
    dossier = ctx.dossier(campaign.dossiers[0])
    figures = expected_figures(dossier.data("application"))
    assert str(figures["工业增加值"].value) == "10850.0"
    assert figures["工业增加值"].unit == "亿元"
    assert "笔记本电脑" in figures


def test_a_department_renamed_by_the_campaign_is_a_real_authority() -> None:
    from zxcli.model.gazetteer import Gazetteer
    from zxcli.rules.scan_evidence import _world

    renamed = "江苏省数字经济和工业发展局"  # after a reform, in zx.yaml `authorities:`
    bundled = _world(Gazetteer.bundled(), frozenset())
    assert bundled.parse(renamed, ocr=True) is None
    campaign = _world(Gazetteer.bundled(), frozenset({("江苏省", renamed)}))
    parsed = campaign.parse(renamed, ocr=True)
    assert parsed is not None and parsed.name == renamed
