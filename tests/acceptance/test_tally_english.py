"""zx tally --lang en says its own words in English; names and articles stay as written."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

from inproc import run_main

SAMPLE = Path(__file__).resolve().parents[2] / "sample_dossiers" / "2024"
NAMES = re.compile(
    r"(上海市|浦东新区|江苏省|苏州市|浙江省|宁波市|湖北省|襄阳市|"
    r"四川省|宜宾市|陕西省|榆林市|第\d+条|\(\d\)|（\d）)"
)


def test_the_final_list_in_english(tmp_path: Path) -> None:
    shutil.copytree(SAMPLE, tmp_path / "2024")
    code, out, err = run_main(
        ["tally", str(tmp_path / "2024"), "--final", "--as-of", "2026-01-10", "--lang", "en"],
        env={"COLUMNS": "120"},
    )
    assert code == 0, err
    table = out[out.index("final list") :]
    assert "one year" in table and "一年" not in table
    assert not re.search(r"[\u4e00-\u9fff]", NAMES.sub("", table)), table


def test_each_ministry_step_names_the_next(tmp_path: Path) -> None:
    """Issue 25: ballots -> tally -> decision -> 公示 -> final list, each says what comes
    next and the file it needs."""
    root = tmp_path / "2024"
    shutil.copytree(SAMPLE, root)
    code, _, err = run_main(["ballots", str(root), "--out", str(tmp_path / "b")])
    assert code == 0 and "review/ballots/" in err and "zx tally" in err
    code, out, _ = run_main(["tally", str(root)], env={"COLUMNS": "400"})
    assert code == 0 and "--final" in out.strip().splitlines()[-1]
    (root / "review" / "publicity.yaml").unlink()
    code, out, _ = run_main(["tally", str(root)], env={"COLUMNS": "400"})
    assert "review/publicity.yaml" in out.strip().splitlines()[-1]
    (root / "review" / "decision.yaml").unlink()
    code, out, _ = run_main(["tally", str(root), "--lang", "en"], env={"COLUMNS": "400"})
    assert "review/decision.yaml" in out.strip().splitlines()[-1]
    code, out, _ = run_main(
        ["tally", str(root), "--final", "--as-of", "2026-06-01"], env={"COLUMNS": "400"}
    )
    assert "下一步" not in out
