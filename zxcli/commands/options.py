"""Option types every command shares: one definition of --lang and of the output formats."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer


class Lang(str, Enum):
    zh = "zh"
    en = "en"


LangOption = Annotated[Lang, typer.Option("--lang", envvar="ZX_LANG")]


class TextOrJson(str, Enum):
    text = "text"
    json = "json"


class ReportFormat(str, Enum):
    """The reporters of zxcli.report (a test keeps the two lists equal)."""

    text = "text"
    json = "json"
    github = "github"
    junit = "junit"
    sarif = "sarif"
    codequality = "codequality"


ReportFormats = Annotated[
    list[ReportFormat] | None, typer.Option("--format", "-f", show_default=False)
]
Outputs = Annotated[list[Path] | None, typer.Option("--output", "-o", show_default=False)]
# ballots and tally: -o is their --out folder, so --output has no short name there.
LongOutputs = Annotated[list[Path] | None, typer.Option("--output", show_default=False)]
Quiet = Annotated[bool, typer.Option("--quiet", "-q")]
Force = Annotated[bool, typer.Option("--force")]

_FORMAT_NAMES = ("--format", "-f")
_OUTPUT_NAMES = ("--output", "-o")
# The commands whose -o is --output (elsewhere it is --out, a folder).
SHORT_OUTPUT = frozenset({"validate", "freeze"})


def destinations(
    argv: Sequence[str], formats: Sequence[str], outputs: Sequence[Path]
) -> list[tuple[str | None, Path | None]]:
    """Each format with its file (None: standard output), paired as written on the command
    line: an --output belongs to the --format before it (`-f sarif -o zx.sarif -f text`).

    click hands the two options over as separate lists; their order together is read from
    `argv` (as cli.py reads --lang and --format before click). When argv does not hold the
    same values (a caller other than the command line), the n-th output is the n-th
    format's. At most one format goes to standard output; no file is named twice.
    """
    order = written_order(argv)
    written = ([v for k, v in order if k == "f"], [v for k, v in order if k == "o"])
    if written != (list(formats), [str(o) for o in outputs]):
        order = _in_turn(formats, outputs)
    pairs = _pair(order)
    _check(pairs)
    return pairs or [(None, None)]


def written_order(argv: Sequence[str]) -> list[tuple[str, str]]:
    """("f", format) and ("o", file) in the order written, up to `--`; `-o` counts only for
    the commands where it means --output."""
    events: list[tuple[str, str]] = []
    args = list(argv)
    command = next((a for a in args if not a.startswith("-")), "")
    outputs = _OUTPUT_NAMES if command in SHORT_OUTPUT else ("--output", "--output")
    for i, arg in enumerate(args):
        if arg == "--":
            break
        for kind, names in (("f", _FORMAT_NAMES), ("o", outputs)):
            if arg in names and i + 1 < len(args):
                events.append((kind, args[i + 1]))
            elif arg.startswith(f"{names[0]}="):
                events.append((kind, arg.partition("=")[2]))
            elif arg.startswith(names[1]) and len(arg) > 2 and not arg.startswith("--"):
                events.append((kind, arg[2:].removeprefix("=")))
    return events


def _in_turn(formats: Sequence[str], outputs: Sequence[Path]) -> list[tuple[str, str]]:
    order: list[tuple[str, str]] = []
    for i, fmt in enumerate(formats):
        order.append(("f", fmt))
        if i < len(outputs):
            order.append(("o", str(outputs[i])))
    return order + [("o", str(o)) for o in outputs[len(formats) :]]


def _pair(order: list[tuple[str, str]]) -> list[tuple[str | None, Path | None]]:
    from zxcli.errors import UsageError

    pairs: list[tuple[str | None, Path | None]] = []
    count = 0
    for kind, value in order:
        if kind == "f":
            pairs.append((value, None))
            continue
        count += 1
        if not pairs or pairs[-1][1] is not None:
            raise UsageError("ZX920", n=count, target=value)
        pairs[-1] = (pairs[-1][0], Path(value))
    return pairs


def _check(pairs: list[tuple[str | None, Path | None]]) -> None:
    from zxcli.errors import UsageError

    to_stdout = [fmt for fmt, path in pairs if path is None]
    if len(to_stdout) > 1:
        raise UsageError("ZX921", formats=", ".join(str(f) for f in to_stdout))
    seen: set[Path] = set()
    for _, path in pairs:
        if path is not None:
            if path.resolve() in seen:
                raise UsageError("ZX922", target=str(path))
            seen.add(path.resolve())


class RulesFormat(str, Enum):
    table = "table"
    markdown = "markdown"


def date_option(option: str, value: str | None) -> date | None:
    """An option's YYYY-MM-DD value (tally's --publicity-start and --as-of, overview's
    --as-of); anything else is a usage error."""
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        from zxcli.errors import UsageError

        raise UsageError("ZX905", option=option, value=value, reason="YYYY-MM-DD") from None
