"""Measure seal decisions on the set made by tools/make_scan_eval.py: false accepts first.

    python tools/make_scan_eval.py OUT && python bench/scan_eval.py OUT [--json FILE]

Each page is a document that needs the seal of `declared` (manifest.json). It is checked as
`zx validate --scan` checks it (`scan_attachment` with that one declared seal and the same
alternatives), and the outcome is one of:

- accept: the declared authority's seal was found and read (correct on `right` pages, a FALSE
  ACCEPT on every other category: the dangerous error);
- wrong: a seal naming another real authority (ZX462);
- unreadable: a seal whose text names no real authority (ZX463);
- none: no seal (ZX460; a ring or logo without a legible name counts as none).

Presence is also scored per drawn seal: a found impression is a true positive when its centre
lies within half a radius of a drawn seal's. Cost: wall-clock seconds per page for loading,
finding and reading the seals, on whatever machine runs it.
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

from zxcli.scan.check import FoundSeal, ScanResult, scan_attachment
from zxcli.scan.reading import engine

OUTCOMES = ("accept", "wrong", "unreadable", "none", "error")


def outcome(result: ScanResult) -> str:
    if result.error is not None:
        return "error"  # ZX480/ZX481: not checked at all (never counted as an accept)
    if result.missing_seals:
        return "none"
    if result.wrong_seals:
        return "wrong"
    if result.unreadable:
        return "unreadable"
    return "accept"


def page_tags(spec: dict[str, Any]) -> list[str]:
    tags = ["all", "gray" if spec["grayscale"] else "colour"]
    tags += ["jpeg_noise"] if spec["jpeg_quality"] < 70 else []
    tags += ["red_header"] if spec["red_header"] else []
    return tags


def mark_tags(mark: dict[str, Any]) -> list[str]:
    tags = []
    tags += ["faded≥0.4"] if mark["fade"] >= 0.4 else []
    tags += ["ink_gaps"] if mark["gaps"] > 0 else []
    tags += ["oval"] if mark["oval"] != 1.0 else []
    tags += ["serial"] if mark["serial"] else []
    tags += ["edge_cut"] if mark["edge_cut"] > 0 else []
    tags += ["over_text"] if mark["over_text"] else []
    tags += ["rotated>25°"] if abs(mark["rotation"]) > 25 else []
    tags += [f"font:{Path(mark['font']).stem}" if mark["font"] else "font:samples"]
    return tags


def _intact(mark: dict[str, Any]) -> bool:
    """Nothing of the name is gone: no ink gap, no edge cut, not heavily faded."""
    return mark["gaps"] == 0 and mark["edge_cut"] == 0 and mark["fade"] < 0.4


def evaluate(folder: Path) -> dict[str, Any]:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    engine()  # load the model before timing anything
    decisions: dict[str, Counter[str]] = defaultdict(Counter)
    presence: dict[str, Counter[str]] = defaultdict(Counter)
    times, failures = [], []
    for spec in manifest["pages"]:
        declared = spec["declared"]
        started = time.perf_counter()
        result = scan_attachment(
            folder / spec["file"],
            "eval",
            [declared],
            phrases=(),
            alternatives={declared: spec["accepted"][1:]},
        )
        times.append(time.perf_counter() - started)
        what = outcome(result)
        tags = page_tags(spec)
        if spec["category"] == "right":  # reading, by what damaged the declared seal
            mark = spec["marks"][0]
            tags += [*mark_tags(mark), "intact" if _intact(mark) else "damaged"]
        for tag in tags:
            decisions[f"{spec['category']}/{tag}"][what] += 1
        if what == "error":
            failures.append(f"error      {spec['file']} {result.error}")
        elif (what == "accept") != (spec["category"] == "right"):
            failures.append(
                f"{what:10s} {spec['file']} {spec['category']}: declared {declared},"
                f" drew {[m['authority'] for m in spec['marks']]}, read "
                f"{[s.text for s in result.seals + result.not_seals]}"
            )
        _presence(spec, result, presence, failures)
    return _summary(manifest, decisions, presence, times, failures)


def _presence(
    spec: dict[str, Any], result: ScanResult, counts: dict[str, Counter[str]], failures: list[str]
) -> None:
    found: list[FoundSeal] = result.seals + result.not_seals
    scale = _scale(spec, found)
    for mark in spec["marks"]:
        hit = _nearest(found, mark, scale)
        if hit is not None:
            found.remove(hit)
        tags = page_tags(spec) + (mark_tags(mark) if mark["kind"] == "seal" else [])
        for tag in tags:
            if mark["kind"] == "seal":
                counts[tag]["tp" if hit else "fn"] += 1
            else:  # a ring or a logo: found or not, it must not count as a seal
                counts[tag][f"{mark['kind']}_as_seal"] += bool(hit and hit in result.seals)
        if mark["kind"] == "seal" and hit is None:
            failures.append(f"missed     {spec['file']} {mark['authority']} {mark_tags(mark)}")
    for extra in found:
        for tag in page_tags(spec):
            counts[tag]["fp"] += 1
        failures.append(
            f"false+     {spec['file']} r={extra.radius:.0f} {extra.mode} {extra.text!r}"
        )


def _scale(spec: dict[str, Any], found: list[FoundSeal]) -> float:
    # Pages are loaded at the working resolution (150 dpi): drawn coordinates scale with it.
    from zxcli.scan.pages import Limits

    return min(1.0, Limits().dpi / spec["dpi"])


def _nearest(found: list[FoundSeal], mark: dict[str, Any], scale: float) -> FoundSeal | None:
    limit = 0.5 * mark["radius"] * scale
    x, y = mark["x"] * scale, mark["y"] * scale
    best = min(found, key=lambda s: math.hypot(s.x - x, s.y - y), default=None)
    if best is None or math.hypot(best.x - x, best.y - y) > limit:
        return None
    return best


def _summary(
    manifest: dict[str, Any],
    decisions: dict[str, Counter[str]],
    presence: dict[str, Counter[str]],
    times: list[float],
    failures: list[str],
) -> dict[str, Any]:
    rows = {}
    for key, c in decisions.items():
        pages = sum(c.values())
        rows[key] = {
            "pages": pages,
            **{o: c[o] for o in OUTCOMES},
            "accept_rate": round(c["accept"] / pages, 4) if pages else None,
        }
    seal_rows = {}
    for tag, c in presence.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        seal_rows[tag] = {
            "seals": tp + fn,
            "tp": tp,
            "fp": fp,
            "fn": fn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "ring_as_seal": c["ring_as_seal"],
            "logo_as_seal": c["logo_as_seal"],
        }
    cost = {
        "s_per_page_mean": round(statistics.mean(times), 3),
        "s_per_page_p95": round(sorted(times)[int(0.95 * len(times))], 3),
    }
    return {
        "seed": manifest["seed"],
        "pages": len(manifest["pages"]),
        "fonts": manifest["fonts"],
        "decisions": rows,
        "presence": seal_rows,
        "cost": cost,
        "failures": failures,
    }


def evaluate_tables(folder: Path) -> dict[str, Any]:
    """Clean table pages (tools/make_scan_eval.py --tables): every ZX470 is a false one."""
    from decimal import Decimal

    from zxcli.scan.check import to_findings
    from zxcli.scan.text import Expected

    truth = json.loads((folder / "tables.json").read_text("utf-8"))
    counts: Counter[str] = Counter()
    times, failures = [], []
    for page in truth["pages"]:
        wanted = {
            label: Expected(Decimal(value), unit)
            for label, (value, unit) in page["declared"].items()
        }
        started = time.perf_counter()
        result = scan_attachment(
            folder / page["file"], "统计数据确认", [], phrases=(), expected_figures=wanted
        )
        times.append(time.perf_counter() - started)
        codes = [code for code, _, _ in to_findings(result)]
        counts["pages"] += 1
        for code in ("ZX470", "ZX471", "ZX474"):
            counts[code] += codes.count(code)
        failures += [
            f"{code} {page['file']} {params.get('label')} {params.get('found', '')}"
            for code, params, _ in to_findings(result)
            if code != "ZX461"
        ]
    return {
        "pages": counts["pages"],
        "false_ZX470": counts["ZX470"],
        "ZX471_not_found": counts["ZX471"],
        "ZX474_no_text": counts["ZX474"],
        "s_per_page_mean": round(statistics.mean(times), 2) if times else None,
        "failures": failures,
    }


def print_report(result: dict[str, Any]) -> None:
    print(f"pages {result['pages']}  seed {result['seed']}  fonts {len(result['fonts'])}")
    print(
        f"{'category/condition':28s}{'pages':>6s}{'accept':>8s}{'wrong':>7s}{'unread':>8s}"
        f"{'none':>6s}{'error':>6s}{'accept rate':>13s}"
    )
    for key, row in sorted(result["decisions"].items(), key=_order):
        print(
            f"{key:28s}{row['pages']:6d}{row['accept']:8d}{row['wrong']:7d}"
            f"{row['unreadable']:8d}{row['none']:6d}{row['error']:6d}"
            f"{_pct(row['accept_rate']):>13s}"
        )
    print(
        f"{'seals: condition':28s}{'seals':>6s}{'fp':>5s}{'fn':>5s}{'prec':>7s}{'recall':>8s}"
        f"{'ring/logo as seal':>19s}"
    )
    for tag, row in sorted(result["presence"].items(), key=lambda kv: kv[0] != "all"):
        print(
            f"{tag:28s}{row['seals']:6d}{row['fp']:5d}{row['fn']:5d}{_pct(row['precision']):>7s}"
            f"{_pct(row['recall']):>8s}{row['ring_as_seal']:>10d}/{row['logo_as_seal']}"
        )
    print("cost:", ", ".join(f"{k} {v}" for k, v in result["cost"].items()))
    if "tables" in result:
        tables = result["tables"]
        print(
            "clean table pages:",
            ", ".join(f"{k} {v}" for k, v in tables.items() if k != "failures"),
        )
        for line in tables["failures"]:
            print("  " + line)
    print("failures:")
    for line in result["failures"]:
        print("  " + line)


def _order(kv: tuple[str, Any]) -> tuple[bool, str]:
    return (kv[0].startswith("right"), kv[0])


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--json", type=Path, help="also write the figures as JSON here")
    args = parser.parse_args(argv)
    if not (args.folder / "manifest.json").is_file():
        print(f"{args.folder}: no manifest.json; run tools/make_scan_eval.py", file=sys.stderr)
        return 2
    result = evaluate(args.folder)
    if (args.folder / "tables" / "tables.json").is_file():
        result["tables"] = evaluate_tables(args.folder / "tables")
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
