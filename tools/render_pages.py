"""Render every document kind zx writes for the sample campaign, and print it to PDF/PNG.

    python tools/render_pages.py [--out DIR] [--pages] [--docs]

Writes into DIR (default build/pages): the forms of render-forms (申报书, 推荐表 .docx and
.xlsx, a draft 申报书 of a dossier with an error), the 汇总表, one member's 评审表, the
tally's 初选建议名单.xlsx and the final 名单 (.docx, .xlsx); converts all of them with
one LibreOffice run to PDF; with --pages, every page as a 60 dpi PNG (to look at before a
change is merged); with --docs, the first page of each kind as docs/img/render/<kind>.png
for docs/render.md. tests/test_print.py uses `render_all` and `to_pdfs` in-process.
"""

from __future__ import annotations

import argparse
import datetime as dt
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CAMPAIGN = ROOT / "sample_dossiers" / "2024"
SUZHOU = "江苏省-苏州市"
DRAFT_CITY = "上海市-浦东新区"
# The day after the sample's 公示 (2025-12-01 + 5 working days): the final list may be made.
AS_OF = dt.date(2025, 12, 9)
DOC_IMAGES = ROOT / "docs" / "img" / "render"
# Every page of these goes into the docs: the ministry's 公文 with 附件 and 版记, and the
# committee's list with its signature page.
ALL_PAGES_IN_DOCS = ("公示", "通知", "初选建议名单")

# kind → file name in the output folder; the kinds are the page images in docs/render.md.
KINDS = {
    "申报书": f"2024-{SUZHOU}-申报书.docx",
    "推荐表-docx": f"2024-{SUZHOU}-推荐表.docx",
    "推荐表-xlsx": f"2024-{SUZHOU}-推荐表.xlsx",
    "申报书-草稿": "草稿/申报书.docx",
    "汇总表": "2024-汇总表.xlsx",
    "评审表": "评审表/M01.xlsx",
    "初选建议名单": "tally/初选建议名单.xlsx",
    "公示": "tally/公示.docx",
    "通知": "final/通知.docx",
    "名单-docx": "final/名单.docx",
    "名单-xlsx": "final/名单.xlsx",
}


def draft_campaign(workdir: Path) -> Path:
    """A copy of one sample dossier with a declared figure that disagrees (for --draft)."""
    target = workdir / "draft-campaign"
    shutil.copytree(
        CAMPAIGN,
        target,
        symlinks=True,
        ignore=lambda folder, names: (
            [n for n in names if n == "dossiers"] if Path(folder) == CAMPAIGN else []
        ),
    )
    dossier = target / "dossiers" / DRAFT_CITY
    shutil.copytree(CAMPAIGN / "dossiers" / DRAFT_CITY, dossier, symlinks=True)
    path = dossier / "application.yaml"
    text = path.read_text(encoding="utf-8")
    marker = "declared_tech_share_pct:"
    start = text.index(marker) + len(marker)
    end = text.index("\n", start)
    path.write_text(text[:start] + " 99.0" + text[end:], encoding="utf-8")
    return dossier


def render_all(out: Path) -> dict[str, Path]:
    """Every document kind, written into `out` by the library as the commands do."""
    from zxcli.render.writer import render_forms, render_summary
    from zxcli.tally.outputs import write_outputs
    from zxcli.tally.pipeline import TallyOptions, make_ballots, run_tally

    out.mkdir(parents=True, exist_ok=True)
    render_forms([CAMPAIGN], out)
    render_summary(CAMPAIGN, out)
    with tempfile.TemporaryDirectory(prefix="zx-draft-") as tmp:
        written = render_forms([draft_campaign(Path(tmp))], out / "草稿", ["docx"], draft=True)
    for path in written:
        path.rename(path.with_name(path.name.split("-")[-1]))
    make_ballots(CAMPAIGN, out / "评审表", ["xlsx"], force=True)
    write_outputs(run_tally(CAMPAIGN, TallyOptions()), out / "tally", force=True)
    final = run_tally(CAMPAIGN, TallyOptions(final=True, as_of=AS_OF))
    write_outputs(final, out / "final", force=True)
    return {kind: out / name for kind, name in KINDS.items()}


def to_pdfs(files: dict[str, Path], pdf_dir: Path) -> dict[str, Path]:
    """One LibreOffice run converting every file; {kind: pdf path}."""
    from zxcli.render.pdf import to_pdf

    pdfs = to_pdf({f"{kind}{path.suffix}": path.read_bytes() for kind, path in files.items()})
    pdf_dir.mkdir(parents=True, exist_ok=True)
    result = {}
    for kind in files:
        target = pdf_dir / f"{kind}.pdf"
        target.write_bytes(pdfs[f"{kind}{files[kind].suffix}"])
        result[kind] = target
    return result


def png_pages(pdf: Path, folder: Path, first_only: bool = False, dpi: int = 60) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    prefix = folder / pdf.stem
    command = [
        "pdftoppm",
        "-r",
        str(dpi),
        "-png",
        *(["-f", "1", "-l", "1", "-singlefile"] if first_only else []),
        str(pdf),
        str(prefix),
    ]
    subprocess.run(command, check=True)
    return sorted(folder.glob(f"{pdf.stem}*.png"))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "build" / "pages")
    parser.add_argument("--pages", action="store_true", help="每页一张 PNG")
    parser.add_argument("--docs", action="store_true", help="文档用的首页图片")
    args = parser.parse_args(argv)
    if args.out.exists():
        shutil.rmtree(args.out)
    pdfs = to_pdfs(render_all(args.out / "files"), args.out / "pdf")
    for kind, path in pdfs.items():
        if args.pages:
            png_pages(path, args.out / "png")
        if args.docs:
            png_pages(path, DOC_IMAGES, first_only=kind not in ALL_PAGES_IN_DOCS, dpi=50)
        print(kind, path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
