"""One exception hierarchy; each class carries the process exit code it maps to.

The CLI catches `ZxError` in one place and exits with `exit_code`. Findings about the
user's data are not exceptions: they are collected and reported (exit 1). Exceptions are
for situations where the command cannot do its job at all.
"""

from __future__ import annotations

from typing import Any

EXIT_OK = 0
EXIT_FINDINGS = 1
EXIT_USAGE = 2
EXIT_TIE = 3


class ZxError(Exception):
    """Base of every error zx reports without a traceback.

    An error is a stable code plus parameters; its text lives in the message catalog
    (`zxcli/catalog/codes/*.yaml`) in Chinese and English, like every finding's.
    """

    exit_code = EXIT_USAGE

    def __init__(
        self,
        code: str,
        *,
        path: str | None = None,
        line: int | None = None,
        column: int | None = None,
        **params: object,
    ) -> None:
        super().__init__(code, params)
        self.code = code
        self.path = path
        self.line = line
        self.column = column
        self.params = params

    def __reduce__(self) -> tuple[Any, ...]:
        # Raised in a worker process (validate --jobs, render-forms), an error is pickled to
        # reach the parent. Exception pickles by calling the class with `args`, which the
        # subclasses' own signatures refuse; the state is restored as it is instead.
        return (_restored, (type(self), self.args, self.__dict__.copy()))


def _restored(cls: type[ZxError], args: tuple[Any, ...], state: dict[str, Any]) -> ZxError:
    error = cls.__new__(cls)
    Exception.__init__(error, *args)
    error.__dict__.update(state)
    return error


class UsageError(ZxError):
    """Bad command-line arguments or a path that is not what the command needs."""


class InputError(ZxError):
    """An input cannot be read at all (missing, unreadable, not a campaign)."""


class OutputError(ZxError):
    """An output cannot be written (exists without --force, no permission, disk full)."""


class DataError(ZxError):
    """Data the command depends on is invalid, so the command cannot go on."""

    exit_code = EXIT_FINDINGS


class TieAtCutoffError(ZxError):
    """A tie straddles the cut-off of the shortlist: a human must decide."""

    exit_code = EXIT_TIE
