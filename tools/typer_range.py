"""Run the tests that touch typer at both ends of zx's typer range (pyproject.toml).

    python tools/typer_range.py            # the floor and the newest release in the range
    python tools/typer_range.py 0.27.0     # one version

zx uses typer's public API only (tests/test_coerce.py checks that), and says which
releases it supports in pyproject's `typer>=A,<B`. This installs the floor (A) and the
newest release below B into throwaway folders (`pip install --target`, without
dependencies: the environment already holds those of the newest), puts each first on
PYTHONPATH, and runs the help, usage and option tests against it. .ci/run calls it; it
needs the package index, so it is not part of the test suite.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
TESTS = [
    "tests/test_help.py",
    "tests/test_coerce.py",
    "tests/test_usage_lang.py",
    "tests/test_cli.py",
]


def typer_range() -> tuple[str, str]:
    """(floor, ceiling) of `typer>=floor,<ceiling` in pyproject.toml."""
    text = (REPO / "pyproject.toml").read_text(encoding="utf-8")
    found = re.search(r'"typer>=([\d.]+),<([\d.]+)"', text)
    if found is None:
        raise SystemExit("pyproject.toml: no `typer>=A,<B` dependency")
    return found[1], found[2]


def check(spec: str, folder: Path) -> str:
    """Install `spec` into `folder`, run TESTS with it first on the path; its version."""
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--target",
            str(folder),
            spec,
        ],
        check=True,
    )
    env = dict(
        os.environ,
        PYTHONPATH=os.pathsep.join([str(folder), os.environ.get("PYTHONPATH", "")]).rstrip(
            os.pathsep
        ),
    )
    version = subprocess.run(
        [sys.executable, "-c", "import typer; print(typer.__version__)"],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout.strip()
    print(f"typer {version} ({spec}):", flush=True)
    subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", "-n", "0", *TESTS],
        env=env,
        cwd=REPO,
        check=True,
    )
    return version


def main(argv: list[str]) -> int:
    floor, ceiling = typer_range()
    specs = [f"typer=={v}" for v in argv] or [f"typer=={floor}", f"typer>={floor},<{ceiling}"]
    with tempfile.TemporaryDirectory(prefix="zx-typer-") as tmp:
        tested = [check(spec, Path(tmp) / str(i)) for i, spec in enumerate(specs)]
    print("typer range tested at: " + ", ".join(tested))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
