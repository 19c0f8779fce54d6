"""Where a finding's file is, for tools that resolve paths against the repository root.

Findings carry paths as the user sees them (relative to the working folder). Code scanning,
GitLab Code Quality, GitHub annotations and JUnit's `file` resolve paths against the root of
the checkout, which differs as soon as zx runs in a sub-folder (a job's `working-directory`).
The root is the CI's workspace (`GITHUB_WORKSPACE`, `CI_PROJECT_DIR`) when the working folder
is inside it, else the nearest folder upwards holding `.git`, else the working folder.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import replace
from functools import cache
from pathlib import Path, PurePath

from zxcli.results import Finding, Report

_WORKSPACE_VARIABLES = ("GITHUB_WORKSPACE", "CI_PROJECT_DIR")


def repo_root(cwd: Path | None = None) -> Path:
    here = (cwd or Path.cwd()).resolve()
    for name in _WORKSPACE_VARIABLES:
        value = os.environ.get(name)
        if value and _inside(here, Path(value).resolve()):
            return Path(value).resolve()
    return _git_root(here) or here


@cache
def _git_root(here: Path) -> Path | None:
    for folder in (here, *here.parents):
        if (folder / ".git").exists():  # a folder, or a file in a worktree or submodule
            return folder
    return None


def _inside(path: Path, root: Path) -> bool:
    return path == root or root in path.parents


def from_root(path: str, root: Path | None = None, cwd: Path | None = None) -> str:
    """`path` (relative to the working folder) as a POSIX path relative to the root.

    A path outside the root stays as it was given (absolute or not): there is no honest
    relative form for it.
    """
    here = (cwd or Path.cwd()).resolve()
    base = root or repo_root(here)
    full = Path(os.path.normpath(here / path))
    try:
        return full.relative_to(base).as_posix()
    except ValueError:
        return PurePath(path).as_posix()


def rebase() -> Callable[[str], str]:
    """A function turning finding paths into root-relative ones (root looked up once)."""
    here = Path.cwd().resolve()
    root = repo_root(here)
    done: dict[str, str] = {}

    def convert(path: str) -> str:
        if path not in done:
            done[path] = from_root(path, root, here)
        return done[path]

    return convert


def rooted(report: Report, to_root: Callable[[str], str]) -> Report:
    """The report with every path inside a message made root-relative, as the findings'
    own paths are in the formats CI compares from run to run: ZX252 names its file, and a
    message (or a fingerprint) that changed with the working folder would make GitLab and
    code scanning see a "new" finding and a "fixed" one."""
    known = {*report.files, *(f.path for f in report.findings), *(f.path for f in report.hidden)}

    def fix(finding: Finding) -> Finding:
        moved = {
            key: to_root(value)
            for key, value in finding.params.items()
            if isinstance(value, str) and value in known
        }
        return replace(finding, params={**finding.params, **moved}) if moved else finding

    return replace(
        report, findings=[fix(f) for f in report.findings], hidden=[fix(f) for f in report.hidden]
    )
