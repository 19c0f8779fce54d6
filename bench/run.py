"""Benchmark zx against its targets (issue 6) and print one table.

    python bench/run.py [--dossiers 1000] [--runs 5] [--seed 1] [--quick] [--fresh]

Generates the synthetic campaigns with bench/make_campaign.py (cached in a temp folder,
keyed by the arguments and the generator's sources), then runs every command as a fresh
process, `--runs` times each after one warm-up run, interleaved round by round so that
each comparison is measured in the same run under the same conditions. Each figure is
the median; each ratio is the quotient of two medians of this run. Wall time is
`time.perf_counter` around the process; peak RSS is that process's own maximum resident set size,
read by GNU time (/usr/bin/time) or, without it, by a small `python -S` launcher calling
`os.wait4`.

Peers of `zx validate` over the big campaign:
- check-jsonschema validating the same YAML files against the same schemas, one call per
  schema (dossier, application, recommendation, ballot, campaign, …), times summed; it
  does only the schema part of what zx checks;
- the floor: bench/floor.py, one Python process that parses the same YAML files with
  libyaml and SHA-256-hashes every declared attachment.

Timings are never asserted anywhere; this prints what it measured. `--quick` is a smoke
run (200 dossiers, 3 runs) that finishes in about a minute on two cores.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

BENCH = Path(__file__).resolve().parent
REPO = BENCH.parent
sys.path.insert(0, str(BENCH))

import make_campaign  # noqa: E402

SMALL = 32  # dossiers for render-forms and tally (a national campaign: one per province)
MB = 1024 * 1024
SCHEMA_KINDS = {  # schema kind -> the campaign's files of that kind (globs)
    "campaign": ("zx.yaml",),
    "sanctions": ("registry/sanctions.yaml",),
    "committee": ("review/committee.yaml",),
    "publicity": ("review/publicity.yaml",),
    "ballot": ("review/ballots/*.yaml",),
    "dossier": ("dossiers/*/dossier.yaml",),
    "application": ("dossiers/*/application.yaml",),
    "recommendation": ("dossiers/*/recommendation.yaml",),
}
FINGERPRINT_FILES = (
    "bench/make_campaign.py",
    "tools/make_samples.py",
    "tools/sample_data.py",
    "tools/sample_media.py",
    "zxcli/tally/sheets.py",
)


# ======================================================================================
# Measuring one process
# ======================================================================================


@dataclass(frozen=True)
class Sample:
    wall: float  # seconds
    rss: int  # bytes
    code: int
    cpu: float = 0.0  # seconds of CPU, user + system, of the process and its children


class Failed(Exception):
    def __init__(self, cmd: Sequence[str], code: int, stderr: str) -> None:
        super().__init__(f"{' '.join(cmd[:3])}… exited {code}: {stderr.strip()[-600:]}")
        self.code = code


# How a child's peak RSS is read. Linux carries a process's peak RSS across exec(), so the
# child of a fork of this (large) Python process would report at least our own size:
# a small launcher forks the measured command instead. GNU time (about 1 MB) if there is
# one, else a `python -S` launcher (about 8 MB, which then is the floor of the column).
GNU_TIME = "/usr/bin/time"
_LAUNCHER = (
    "import os, sys\n"
    "pid = os.posix_spawn(sys.argv[2], sys.argv[2:], os.environ)\n"
    "_, status, usage = os.wait4(pid, 0)\n"
    "with open(sys.argv[1], 'w') as out:\n"
    "    out.write(f'{usage.ru_maxrss} {usage.ru_utime} {usage.ru_stime}')\n"
    "sys.exit(os.waitstatus_to_exitcode(status))\n"
)


def _gnu_time() -> bool:
    try:
        probe = subprocess.run([GNU_TIME, "-f", "%M", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return False
    return probe.returncode == 0 and probe.stderr.strip().isdigit()


USE_GNU_TIME = _gnu_time()


def run_once(cmd: Sequence[str], cwd: Path | None = None, ok: Sequence[int] = (0,)) -> Sample:
    """Run `cmd` as a fresh process; its wall time and its own peak RSS."""
    env = {k: v for k, v in os.environ.items() if k not in ("GITHUB_ACTIONS", "ZX_LANG")}
    env["COLUMNS"] = "120"
    program = shutil.which(cmd[0]) or cmd[0]
    with tempfile.TemporaryDirectory(prefix="zx-bench-") as tmp:
        report = Path(tmp) / "rss"
        if USE_GNU_TIME:
            launched = [GNU_TIME, "-f", "%M %U %S", "-o", str(report), program, *cmd[1:]]
        else:
            launched = [sys.executable, "-S", "-c", _LAUNCHER, str(report), program, *cmd[1:]]
        with (Path(tmp) / "stderr").open("w+b") as err:
            start = time.perf_counter()
            code = subprocess.run(
                launched,
                cwd=cwd,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
            ).returncode
            wall = time.perf_counter() - start
            if code not in ok:
                err.seek(0)
                raise Failed(cmd, code, err.read().decode("utf-8", "replace"))
        fields = report.read_text().split()[-3:]
    unit = 1 if sys.platform == "darwin" and not USE_GNU_TIME else 1024  # macOS: bytes
    return Sample(wall, int(fields[0]) * unit, code, float(fields[1]) + float(fields[2]))


@dataclass
class Measured:
    """One row's samples: several runs of one process, or of a group summed per run."""

    samples: list[Sample] = field(default_factory=list)
    error: str = ""

    @property
    def ok(self) -> bool:
        return bool(self.samples) and not self.error

    def wall(self) -> float:
        return statistics.median(s.wall for s in self.samples)

    def cpu(self) -> float:
        return statistics.median(s.cpu for s in self.samples)

    def rss(self) -> float:
        return statistics.median(s.rss for s in self.samples)

    def spread(self) -> tuple[float, float]:
        walls = [s.wall for s in self.samples]
        return min(walls), max(walls)


@dataclass
class Job:
    key: str
    commands: Callable[[], list[tuple[list[str], Path | None]]]  # summed when several
    result: Measured = field(default_factory=Measured)
    unavailable: str = ""  # why the row prints n/a
    ok: tuple[int, ...] = (0,)  # exit codes that count as a run

    def run(self, record: bool) -> None:
        if self.unavailable or self.result.error:
            return
        try:
            samples = [run_once(cmd, cwd, self.ok) for cmd, cwd in self.commands()]
        except (Failed, OSError) as exc:
            self.result.error = str(exc)
            return
        if record:
            self.result.samples.append(
                Sample(
                    sum(s.wall for s in samples),
                    max(s.rss for s in samples),
                    0,
                    sum(s.cpu for s in samples),
                )
            )


# ======================================================================================
# Campaigns
# ======================================================================================


def fingerprint() -> str:
    digest = hashlib.sha256()
    for rel in FINGERPRINT_FILES:
        path = REPO / rel
        digest.update(path.read_bytes() if path.is_file() else b"")
    return digest.hexdigest()[:10]


def campaign(cache: Path, n: int, seed: str, ballots: str, fresh: bool) -> Path:
    folder = cache / f"n{n}-seed{seed}-{ballots}-{fingerprint()}"
    if (folder / make_campaign.MARKER).is_file() and not fresh:
        return folder
    started = time.perf_counter()
    print(f"generating {n} dossiers ({ballots} ballots) into {folder} …", file=sys.stderr)
    make_campaign.write_campaign(n, seed, folder, ballots, force=True)
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


# make_campaign.py gives each nomination its own division, and runs out at about 3,170:
# a larger scaling size is this campaign's dossiers copied round by round (replicate.py).
REPLICATE_FROM = 3000


def replica(cache: Path, n: int, seed: str, fresh: bool) -> Path:
    """A campaign of `n` dossiers grown from the REPLICATE_FROM one by bench/replicate.py."""
    import replicate

    folder = cache / f"n{n}-seed{seed}-yaml-replica-{fingerprint()}"
    if (folder / replicate.MARKER).is_file() and not fresh:
        return folder
    if folder.exists():
        shutil.rmtree(folder)
    source = campaign(cache, REPLICATE_FROM, seed, "yaml", fresh)
    started = time.perf_counter()
    print(f"copying {source.name} up to {n} dossiers into {folder} …", file=sys.stderr)
    replicate.replicate(source, n, folder)
    print(f"  done in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


def kind_files(root: Path) -> dict[str, list[str]]:
    """Schema kind -> its files, relative to `root`, in a stable order."""
    found = {}
    for kind, patterns in SCHEMA_KINDS.items():
        files = sorted(str(p.relative_to(root)) for pattern in patterns for p in root.glob(pattern))
        if files:
            found[kind] = files
    return found


# ======================================================================================
# The machine
# ======================================================================================


def machine() -> list[tuple[str, str]]:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        from zxcli import __version__ as zx_version
    except ImportError:
        zx_version = "?"
    return [
        ("CPU", cpu),
        ("cores", str(os.cpu_count())),
        ("Python", f"{platform.python_version()} ({platform.python_implementation()})"),
        ("zx", zx_version),
        ("OS", f"{platform.system()} {platform.release()}"),
    ]


def tool(name: str) -> str | None:
    """A console script of this interpreter's environment, else one on PATH."""
    here = Path(sys.executable).parent / name
    return str(here) if here.is_file() else shutil.which(name)


# ======================================================================================
# The table
# ======================================================================================


@dataclass(frozen=True)
class Row:
    """One line of the table. A peer's row also shows `zx ÷ peer` (`over` is the zx job)."""

    label: str
    job: Job
    target: str = "—"
    check: Callable[[Measured, float | None], bool] | None = None  # (this row, ratio) → met?
    over: Job | None = None


def seconds(value: float) -> str:
    return f"{value:.3f} s" if value < 10 else f"{value:.2f} s"


def cells(row: Row) -> list[str]:
    result = row.job.result
    if row.job.unavailable:
        return [row.label, "n/a", "", "", "", "", row.target, "—"]
    if not result.ok:
        return [row.label, "failed", "", "", "", "", row.target, "✗"]
    low, high = result.spread()
    ratio: float | None = None  # of CPU times: what counts on a shared machine
    shown = ""
    if row.over is not None:
        over = row.over.result
        if over.ok and result.cpu() > 0:
            ratio = over.cpu() / result.cpu()
            shown = f"CPU {ratio:.2f} · wall {over.wall() / result.wall():.2f}"
        else:
            shown = "n/a"
    verdict = "—"
    if row.check is not None:
        verdict = "n/a" if shown == "n/a" else ("✓" if row.check(result, ratio) else "✗")
    return [
        row.label,
        seconds(result.wall()),
        f"{seconds(low)} – {seconds(high)}",
        seconds(result.cpu()),
        f"{result.rss() / MB:.0f} MB",
        shown,
        row.target,
        verdict,
    ]


def table(rows: Sequence[Row]) -> str:
    head = [
        "测量 Measurement",
        "墙钟 Wall (median)",
        "范围 Range",
        "CPU (median)",
        "峰值内存 Peak RSS",
        "比值 Ratio (row's zx ÷ this)",
        "目标 Target",
        "达成 Met",
    ]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    lines += ["| " + " | ".join(cells(row)) + " |" for row in rows]
    return "\n".join(lines)


# ======================================================================================
# Main
# ======================================================================================


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--dossiers",
        type=int,
        default=None,
        help="dossiers in the big campaign (default 1000, --quick 200)",
    )
    parser.add_argument(
        "--runs", type=int, default=None, help="measured runs per command (default 5, --quick 3)"
    )
    parser.add_argument("--seed", default="1", help="campaign seed (make_campaign.py)")
    parser.add_argument("--quick", action="store_true", help="smoke run: fewer dossiers and runs")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "zx-bench",
        help="where generated campaigns are kept (default: %(default)s)",
    )
    parser.add_argument("--fresh", action="store_true", help="regenerate the campaigns")
    parser.add_argument(
        "--scaling",
        default="",
        help="also time `zx validate --jobs 1` at these sizes, e.g. "
        "100,1000,3000,10000 (a second table)",
    )
    args = parser.parse_args(argv)
    n = args.dossiers or (200 if args.quick else 1000)
    runs = args.runs or (3 if args.quick else 5)
    if n < 1 or runs < 1:
        parser.error("--dossiers and --runs must be at least 1")

    zx = tool("zx")
    if zx is None:
        parser.error("zx is not installed in this environment (pip install -e .)")
    if importlib.util.find_spec("_ruamel_yaml") is None:
        # Without its C parser check-jsonschema takes twice as long: the peer row would
        # flatter zx (issue 18 compares against the peer at its best).
        parser.error(
            "ruamel.yaml.clib is missing, so check-jsonschema would not be at its "
            "best: pip install -e '.[bench]'"
        )
    compile_bytecode()
    big = campaign(args.cache, n, args.seed, "yaml", args.fresh)
    small = campaign(args.cache, SMALL, args.seed, "xlsx", args.fresh)
    one = sorted((big / "dossiers").iterdir())[0]
    by_kind = kind_files(big)
    render_out = Path(tempfile.mkdtemp(prefix="zx-bench-render-"))
    schemas = REPO / "schemas"
    cjs = tool("check-jsonschema")

    # zx's own cache goes to a private folder: filled by the warm-up round, then every
    # `cached` run finds nothing changed; all other zx runs bypass it.
    cache_dir = Path(tempfile.mkdtemp(prefix="zx-bench-cache-"))
    os.environ["ZX_CACHE_DIR"] = str(cache_dir)
    findings_ok = (0, 1)  # a run that reports findings is still a run (see the doc)
    jobs = {
        "validate": Job(
            "validate", lambda: [([zx, "validate", str(big), "--no-cache"], None)], ok=findings_ok
        ),
        "validate1": Job(
            "validate1",
            lambda: [([zx, "validate", str(big), "--jobs", "1", "--no-cache"], None)],
            ok=findings_ok,
        ),
        "cached": Job(
            "cached", lambda: [([zx, "validate", str(big), "--jobs", "1"], None)], ok=findings_ok
        ),
        "cjs": Job(
            "cjs",
            lambda: [
                ([str(cjs), "--schemafile", str(schemas / f"{kind}.schema.json"), *files], big)
                for kind, files in by_kind.items()
            ],
        ),
        "floor": Job(
            "floor", lambda: [([sys.executable, str(BENCH / "floor.py"), str(big)], None)]
        ),
        "one": Job(
            "one", lambda: [([zx, "validate", str(one), "--no-cache"], None)], ok=findings_ok
        ),
        "version": Job("version", lambda: [([zx, "--version"], None)]),
        "help": Job("help", lambda: [([zx, "--help"], None)]),
        "render": Job(
            "render",
            lambda: [
                (
                    [
                        zx,
                        "render-forms",
                        *map(str, sorted((small / "dossiers").iterdir())),
                        "--out",
                        str(render_out),
                        "--force",
                    ],
                    None,
                )
            ],
        ),
        "tally": Job("tally", lambda: [([zx, "tally", str(small)], None)]),
    }
    if cjs is None:
        jobs["cjs"].unavailable = "check-jsonschema is not installed (pip install '.[bench]')"
    try:
        run_once([zx, "render-forms", "--help"])
    except Failed:
        jobs["render"].unavailable = "zx has no render-forms command"

    print(f"measuring: {runs} runs after 1 warm-up, interleaved …", file=sys.stderr)
    try:
        for round_ in range(runs + 1):
            for job in jobs.values():
                job.run(record=round_ > 0)
            print(f"  round {round_}/{runs}", file=sys.stderr)
    finally:
        shutil.rmtree(render_out, ignore_errors=True)
        shutil.rmtree(cache_dir, ignore_errors=True)

    j = jobs
    rows = [
        Row(
            f"`zx validate`, {n} 份申报 dossiers, --jobs 0 ({default_jobs()} processes)",
            j["validate"],
            "峰值内存 RSS ≤ 150 MB" + ("" if n == 1000 else "（1000 份时 at 1000）"),
            (lambda m, _: m.rss() <= 150 * MB) if n == 1000 else None,
        ),
        Row(f"`zx validate --jobs 1`, {n} 份 dossiers (one process)", j["validate1"]),
        Row(
            "floor: libyaml load of the YAML + SHA-256 of every attachment "
            "(zx = validate --jobs 1)",
            j["floor"],
            "≤ 1.5",
            lambda _, ratio: ratio is not None and ratio <= 1.5,
            over=j["validate1"],
        ),
        Row(
            "check-jsonschema at its best (ruamel.yaml.clib), same YAML & schemas, Σ of 8 runs "
            "(zx = validate --jobs 1)",
            j["cjs"],
            "≤ 0.35",
            lambda _, ratio: ratio is not None and ratio <= 0.35,
            over=j["validate1"],
        ),
        Row("`zx validate --jobs 1`, nothing changed since the last run (cache)", j["cached"]),
        Row(
            "floor again (zx = the cached run)",
            j["floor"],
            "≤ 0.5",
            lambda _, ratio: ratio is not None and ratio <= 0.5,
            over=j["cached"],
        ),
        Row(
            "`zx validate`, 1 份申报 dossier (in its campaign)",
            j["one"],
            "≤ 0.30 s",
            lambda m, _: m.wall() <= 0.30,
        ),
        Row("`zx --version`", j["version"], "≤ 0.10 s", lambda m, _: m.wall() <= 0.10),
        Row("`zx --help`", j["help"], "≤ 0.15 s", lambda m, _: m.wall() <= 0.15),
        Row(
            f"`zx render-forms`, {SMALL} 份 dossiers (its default formats: docx+xlsx, no "
            "LibreOffice)",
            j["render"],
            "≤ 3 s",
            lambda m, _: m.wall() <= 3,
        ),
        Row(
            f"`zx tally`, 15 委员 × {SMALL} 市 from .xlsx",
            j["tally"],
            "≤ 0.7 s",
            lambda m, _: m.wall() <= 0.7,
        ),
    ]
    print()
    print(" · ".join(f"{k}: {v}" for k, v in machine()))
    print(
        f"python bench/run.py --dossiers {n} --runs {runs} --seed {args.seed}"
        f"   ({runs} runs + 1 warm-up, medians; ratios from this run; peak RSS by "
        f"{'GNU time' if USE_GNU_TIME else 'a python -S launcher, ~8 MB of it its own'})"
    )
    print()
    print(table(rows))
    print(
        "\n比值：括号中注明的 zx 命令的 CPU（及墙钟）中位数 ÷ 本行的中位数，"
        "同一次运行中交替测得。"
        "\nRatio: the CPU (and wall) median of the zx command named in the row over this "
        "row's median, measured interleaved in this run."
    )
    if args.scaling:
        print()
        print(scaling(zx, args, [int(x) for x in args.scaling.split(",") if x.strip()], runs))
    problems = [
        f"- {job.key}: {job.unavailable or job.result.error}"
        for job in jobs.values()
        if job.unavailable or job.result.error
    ]
    if problems:
        print("\n" + "\n".join(problems))
    return 1 if any(job.result.error for job in jobs.values()) else 0


def compile_bytecode() -> None:
    """Write zx's .pyc files first, as `pip install` does: an editable checkout run with
    PYTHONDONTWRITEBYTECODE set would compile every zx module again at every start (about
    0.1 s), which no installed zx does. (The first run of an install without bytecode is
    measured apart: docs/performance.md.)"""
    import compileall

    import zxcli

    compileall.compile_dir(str(Path(zxcli.__file__).parent), quiet=1)


def default_jobs() -> int:
    return (
        len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)
    )


def scaling(zx: str, args: argparse.Namespace, sizes: list[int], runs: int) -> str:
    """`zx validate --jobs 1 --no-cache` at each size: time per dossier and peak RSS."""
    lines = [
        "| 份数 Dossiers | 墙钟 Wall | CPU | CPU / 1000 份 | 峰值内存 Peak RSS |",
        "|---|---|---|---|---|",
    ]
    for size in sizes:
        replicated = size > REPLICATE_FROM
        root = (
            replica(args.cache, size, args.seed, args.fresh)
            if replicated
            else campaign(args.cache, size, args.seed, "yaml", args.fresh)
        )
        cmd = [zx, "validate", str(root), "--jobs", "1", "--no-cache"]
        run_once(cmd, ok=(0, 1))  # warm-up
        samples = Measured([run_once(cmd, ok=(0, 1)) for _ in range(max(1, runs // 2))])
        label = f"{size}（复制，重复市）" if replicated else str(size)
        lines.append(
            f"| {label} | {seconds(samples.wall())} | {seconds(samples.cpu())} | "
            f"{seconds(samples.cpu() * 1000 / size)} | {samples.rss() / MB:.0f} MB |"
        )
        print(f"  scaling {size} done", file=sys.stderr)
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
