"""The typed errors of the scan library; each carries a code of catalog/scan.yaml."""

from __future__ import annotations

from zxcli.errors import InputError, UsageError

# zx is not on PyPI: a hint naming a bare package would install whatever PyPI has under that
# name (dependency confusion). The extra comes from the same source as zx itself.
INSTALL_HINT = "pip install '/path/to/zx[scan]'"


class ScanUnavailable(UsageError):
    """The optional extra is not installed: `zx validate --scan` cannot run."""

    def __init__(self, missing: str) -> None:
        super().__init__("ZX489", missing=missing, install=INSTALL_HINT)
        self.missing = missing

    def __str__(self) -> str:
        return (
            f"扫描件检查需要可选组件：{INSTALL_HINT}（缺少 {self.missing}） / "
            f"scanning needs the optional extra: {INSTALL_HINT} (missing {self.missing})"
        )


class PageError(InputError):
    """A file that cannot be turned into page images within the limits.

    `reason` is one of: unsupported, unreadable, too_many_pages, too_large, timeout, memory.
    The check turns it into an observation; nothing about a hostile file ever escapes as a crash.
    """

    def __init__(self, reason: str, path: str, detail: str = "", page: int | None = None) -> None:
        code = "ZX480" if reason in ("unsupported", "unreadable") else "ZX481"
        super().__init__(code, path=path, reason=reason, detail=detail, page=page)
        self.reason = reason
        self.detail = detail
        self.page = page

    def __str__(self) -> str:
        where = f" (page {self.page})" if self.page else ""
        return f"{self.path}: {self.reason}{where}: {self.detail}"
