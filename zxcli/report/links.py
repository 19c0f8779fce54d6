"""Links to zx's own documentation that point at something real, or nothing.

zx is not on PyPI and has no fixed home page; it is installed from a git URL at a commit or
from a local folder. pip records which in the installed distribution's `direct_url.json`
(PEP 610). From a GitHub or GitLab URL and its commit we can link to the guide exactly as
installed; for any other source no link is given (a link to a page that does not exist, or to
a folder on the machine that ran zx, helps nobody reading a SARIF log elsewhere).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import metadata

GUIDE = "docs/guide.md"
_HOSTS = {"github.com": "/blob/", "gitlab.com": "/-/blob/"}
_REPO = re.compile(r"^(?:git\+)?(https://(?P<host>[^/@]+)/[^@#?]+?)(?:\.git)?/?$")


@dataclass(frozen=True)
class Source:
    repository: str  # https URL of the repository zx was installed from
    blob: str | None  # prefix of a file's web page at the installed commit, if known


@cache
def installed_source() -> Source | None:
    try:
        raw = metadata.distribution("zxcli").read_text("direct_url.json")
    except metadata.PackageNotFoundError:
        return None
    return source_of(json.loads(raw)) if raw else None


def source_of(direct_url: dict) -> Source | None:
    """The repository of a PEP 610 record, when it is a VCS URL over https."""
    match = _REPO.match(str(direct_url.get("url", "")))
    commit = (direct_url.get("vcs_info") or {}).get("commit_id")
    if not match or not commit:
        return None
    repository, host = match.group(1), match.group("host")
    separator = _HOSTS.get(host)
    blob = f"{repository}{separator}{commit}/" if separator else None
    return Source(repository, blob)


def information_uri() -> str | None:
    source = installed_source()
    return source.repository if source else None


def rule_uri(code: str) -> str | None:
    """The guide's entry for a rule (anchors are the lower-case code)."""
    source = installed_source()
    if source is None or source.blob is None:
        return None
    return f"{source.blob}{GUIDE}#{code.lower()}"
