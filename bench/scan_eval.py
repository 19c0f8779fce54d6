"""Measure seal finding and seal reading on the set made by tools/make_scan_eval.py.

    python tools/make_scan_eval.py OUT && python bench/scan_eval.py OUT [--json FILE]

Presence: a found seal is a true positive when its centre lies within half a radius of a drawn
seal's centre; precision and recall are over seals (a page with two seals counts twice). Reading:
each true positive is read against all the set's authorities as candidates (harder than in a
dossier, where a handful are plausible) and scored correct, wrong (another authority: the
dangerous error) or unreadable (印章文字无法识别: the honest one). Cost: wall-clock seconds per
page for loading + finding, and per seal for reading, on whatever machine runs it.
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

from zxcli.scan.pages import load_pages
from zxcli.scan.reading import engine, read_seal
from zxcli.scan.seals import Seal, find_seals


def conditions(page: dict[str, Any], truth: dict[str, Any] | None) -> list[str]:
    """The damage classes a page (and one of its seals) falls in, for the breakdown."""
    tags = ["all"]
    tags += ["grayscale"] if page["grayscale"] else ["colour"]
    tags += ["jpeg_noise"] if page["jpeg_quality"] < 70 else []
    tags += ["two_seals"] if len(page["seals"]) == 2 else []
    tags += ["red_header"] if page["red_header"] else []
    tags += ["pen_mark"] if page.get("pen_mark") else []
    if truth is not None:
        tags += ["faded"] if truth["fade"] >= 0.4 else []
        tags += ["rotated_>25°"] if abs(truth["rotation"]) > 25 else []
        tags += ["over_text"] if truth["over_text"] else []
    return tags


def evaluate(folder: Path) -> dict[str, Any]:
    manifest = json.loads((folder / "manifest.json").read_text("utf-8"))
    candidates = manifest["candidates"]
    engine()  # load the model before timing anything
    counts: dict[str, Counter[str]] = defaultdict(Counter)
    find_times, read_times, failures = [], [], []
    for spec in manifest["pages"]:
        started = time.perf_counter()
        page = load_pages(folder / spec["file"])[0]
        found = find_seals(page)
        find_times.append(time.perf_counter() - started)
        scale = page.dpi / spec["dpi"]
        unmatched = list(found)
        for truth in spec["seals"]:
            tags = conditions(spec, truth)
            hit = _nearest(unmatched, truth, scale)
            if hit is None:
                _count(counts, tags, "fn")
                failures.append(f"missed   {spec['file']} {truth['authority']} {tags[1:]}")
                continue
            unmatched.remove(hit)
            _count(counts, tags, "tp")
            started = time.perf_counter()
            reading = read_seal(page, hit, candidates)
            read_times.append(time.perf_counter() - started)
            outcome = _outcome(reading.authority, truth["authority"])
            _count(counts, tags, outcome)
            if outcome != "correct":
                failures.append(f"{outcome:9s}{spec['file']} {truth['authority']} read "
                                f"{reading.text!r} -> {reading.authority} {tags[1:]}")
        for extra in unmatched:
            _count(counts, conditions(spec, None), "fp")
            failures.append(f"false+   {spec['file']} r={extra.radius:.0f} {extra.mode}")
    return _summary(manifest, counts, find_times, read_times, failures)


def _nearest(found: list[Seal], truth: dict[str, Any], scale: float) -> Seal | None:
    limit = 0.5 * truth["radius"] * scale
    best = min(found, key=lambda s: math.hypot(s.x - truth["x"] * scale, s.y - truth["y"] * scale),
               default=None)
    if best is None or math.hypot(best.x - truth["x"] * scale, best.y - truth["y"] * scale) > limit:
        return None
    return best


def _outcome(read: str | None, true: str) -> str:
    if read is None:
        return "unreadable"
    return "correct" if read == true else "wrong"


def _count(counts: dict[str, Counter[str]], tags: list[str], what: str) -> None:
    for tag in tags:
        counts[tag][what] += 1


def _summary(manifest: dict[str, Any], counts: dict[str, Counter[str]], find_times: list[float],
             read_times: list[float], failures: list[str]) -> dict[str, Any]:
    rows = {}
    for tag, c in counts.items():
        tp, fp, fn = c["tp"], c["fp"], c["fn"]
        rows[tag] = {
            "seals": tp + fn, "tp": tp, "fp": fp, "fn": fn,
            "precision": round(tp / (tp + fp), 4) if tp + fp else None,
            "recall": round(tp / (tp + fn), 4) if tp + fn else None,
            "read_correct": c["correct"], "read_wrong": c["wrong"],
            "read_unreadable": c["unreadable"],
            "read_accuracy": round(c["correct"] / tp, 4) if tp else None,
        }
    seals_per_page = sum(len(p["seals"]) for p in manifest["pages"]) / len(manifest["pages"])
    cost = {
        "find_s_per_page_mean": round(statistics.mean(find_times), 3),
        "find_s_per_page_p95": round(sorted(find_times)[int(0.95 * len(find_times))], 3),
        "read_s_per_seal_mean": round(statistics.mean(read_times), 3) if read_times else None,
        "total_s_per_page_mean": round(statistics.mean(find_times)
                                       + seals_per_page * statistics.mean(read_times or [0]), 3),
    }
    return {"seed": manifest["seed"], "pages": len(manifest["pages"]),
            "candidates": len(manifest["candidates"]), "rows": rows, "cost": cost,
            "failures": failures}


def print_report(result: dict[str, Any]) -> None:
    print(f"pages {result['pages']}  seed {result['seed']}  candidates {result['candidates']}")
    head = f"{'condition':14s}{'seals':>6s}{'fp':>4s}{'fn':>4s}{'prec':>7s}{'recall':>7s}"
    print(head + f"{'read ok':>8s}{'wrong':>6s}{'unread':>7s}{'acc':>7s}")
    for tag, row in sorted(result["rows"].items(), key=lambda kv: kv[0] != "all"):
        print(f"{tag:14s}{row['seals']:6d}{row['fp']:4d}{row['fn']:4d}"
              f"{_pct(row['precision']):>7s}{_pct(row['recall']):>7s}{row['read_correct']:8d}"
              f"{row['read_wrong']:6d}{row['read_unreadable']:7d}{_pct(row['read_accuracy']):>7s}")
    print("cost:", ", ".join(f"{k} {v}" for k, v in result["cost"].items()))
    print("failures:")
    for line in result["failures"]:
        print("  " + line)


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
    print_report(result)
    if args.json:
        args.json.write_text(json.dumps(result, ensure_ascii=False, indent=1), "utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
