"""zx: checks, forms and tallies for MIIT's 工业稳增长和转型升级成效明显市（州） selection."""

from __future__ import annotations

import json
import re
from functools import cache

__version__ = "0.1.0"

_COMMIT = re.compile(r"^[0-9a-f]{7,64}$")


@cache
def installed_commit() -> str | None:
    """The commit zx was installed from, as pip recorded it (PEP 610 `direct_url.json`,
    `vcs_info.commit_id`); None for a local folder, an editable install or no record."""
    from importlib import metadata

    try:
        raw = metadata.distribution("zxcli").read_text("direct_url.json")
        record = json.loads(raw) if raw else {}
    except (metadata.PackageNotFoundError, ValueError):
        return None
    commit = str((record.get("vcs_info") or {}).get("commit_id") or "")
    return commit if _COMMIT.match(commit) else None


def version() -> str:
    """`0.1.0+<commit>` when installed from git: pyproject's number never changes between
    commits, the commit says which zx it is (SemVer build metadata, PEP 440 local part)."""
    commit = installed_commit()
    return f"{__version__}+{commit}" if commit else __version__
