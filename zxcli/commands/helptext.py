"""The help pages: text from zxcli/catalog/help.yaml in the chosen language, wrapped by width.

click measures text in characters and breaks lines only at spaces; a Chinese help line
has no spaces and each character takes two terminal columns, so click's own wrapping
leaves lines of 90 to 100 columns on an 80-column terminal. The formatter here measures
display columns with rich's `cell_len` (the measure rich uses when it prints), breaks
between CJK characters, and keeps closing punctuation off the start of a line and opening
brackets off its end.

Only typer's and click's public API is used: the app is a `typer.Typer` subclass whose
commands are `typer.core.TyperCommand`/`TyperGroup` subclasses (typer's `cls=`), their
context a `typer.Context` subclass with its own `formatter_class` (click's documented
hook), and the texts are click's documented attributes (`help`, `short_help`, `metavar`).
typer's and click's few English words ("Options", "[required]", "default: …") are put in
the chosen language by the formatter, which is where they are written.
"""

from __future__ import annotations

import inspect
import re
import types
import typing
from collections.abc import Iterator, Sequence
from enum import Enum
from pathlib import Path
from typing import Any

import typer
import typer.core
from rich.cells import cell_len

from zxcli.catalog import help_texts

# Never at the start of a line / never at its end (the usual Chinese line-breaking rules).
_NO_START = frozenset("，。、；：？！）》」』】〉”’…·%,.;:?!)]}")
_NO_END = frozenset("（《「『【〈“‘([{")
# A token: a run of spaces, a run of narrow non-space characters (a word, a path, an
# option), or one wide character.
_TOKEN = re.compile(
    r"\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
    r"\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6\U00020000-\U0003fffd]+|."
)


def wrap(text: str, width: int) -> list[str]:
    """`text` (one paragraph) in lines of at most `width` columns."""
    lines: list[list[str]] = [[]]
    space = False
    for token in _pieces(text, width):
        if token.isspace():
            space = bool(lines[-1])
            continue
        line = lines[-1]
        gap = [" "] if space and line else []
        space = False
        if line and _width([*line, *gap, token]) > width:
            carried = _carry(line, token, width)
            lines.append(carried)
            gap = gap if carried else []
        lines[-1].extend([*gap, token])
    return ["".join(line) for line in lines if line]


def _width(tokens: list[str]) -> int:
    return sum(cell_len(t) for t in tokens)


def _pieces(text: str, width: int) -> Iterator[str]:
    """The tokens of `text`, a word wider than the whole line cut into pieces that fit."""
    for token in _TOKEN.findall(text):
        while cell_len(token) > width:
            cut = width
            while cut > 1 and cell_len(token[:cut]) > width:
                cut -= 1
            yield token[:cut]
            token = token[cut:]
        yield token


def _carry(line: list[str], token: str, width: int) -> list[str]:
    """What moves from the end of a full line to the next one, before `token`: the
    character before closing punctuation, and opening brackets (when they still fit)."""
    carried: list[str] = []
    if token[0] in _NO_START:  # back to the character before a run of closing marks
        while len(line) > 1 and line[-1] != " ":
            carried.insert(0, line.pop())
            if carried[0][0] not in _NO_START:
                break
    while len(line) > 1 and line[-1] != " " and line[-1][-1] in _NO_END:
        carried.insert(0, line.pop())
    if carried and _width([*carried, token]) > width:
        line.extend(carried)  # nothing to gain: break where the line is full
        carried = []
    while line and line[-1] == " ":
        line.pop()
    return carried


# ---------------------------------------------------------------------- the formatter

# click's HelpFormatter, as typer ships it (its own click, or the installed one).
_BaseFormatter: Any = typer.Context.formatter_class


class ZxHelpFormatter(_BaseFormatter):
    """click's help formatter with lines measured in display columns (see the module's
    docstring), and typer's and click's English words in the chosen language."""

    width: int
    current_indent: int

    def __init__(self, *args: Any, lang: str = "zh", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.lang = lang

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        word = _click_word("Usage:", self.lang)
        # 用法：zx ... (a full-width colon carries its own space)
        word += "" if word.endswith("：") else " "
        super().write_usage(prog, args, prefix or word)

    def write_heading(self, heading: str) -> None:
        super().write_heading(_click_word(heading, self.lang))

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            for line in wrap(" ".join(paragraph.split()), width):
                self.write(f"{indent}{line}\n")

    def write_dl(
        self, rows: Sequence[tuple[str, str]], col_max: int = 30, col_spacing: int = 2
    ) -> None:
        rows = [(_plain_name(first), _described(second, self.lang)) for first, second in rows]
        first_col = (
            min(max((cell_len(first) for first, _ in rows), default=0), col_max) + col_spacing
        )
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_len(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_len(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - self.current_indent, 10)
            lines = wrap(second, width) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


def _plain_name(first: str) -> str:
    """An argument's row shows its name: typer ≥ 0.29 appends its type (`<list[Path]>`)."""
    return re.sub(r"\s+<[^<>]*>$", "", first)


def _described(second: str, lang: str) -> str:
    """A parameter's help with typer's trailing `[env var: …; default: …; required]`
    in `lang`."""
    second = " ".join(second.split())
    match = re.search(r"\[([^\[\]]*)\]$", second)
    if lang != "zh" or match is None:
        return _click_word(second, lang)
    extras = "; ".join(_extra_word(piece, lang) for piece in match[1].split("; "))
    return f"{second[: match.start()]}[{extras}]"


def _extra_word(piece: str, lang: str) -> str:
    for english, chinese in help_texts()["click"].items():
        name = re.search(r"\{(\w+)\}", english)
        if name is None:
            if piece == english:
                return str(chinese)
            continue
        head = english[: name.start()]
        if piece.startswith(head):
            return str(chinese).replace(name[0], piece[len(head) :])
    return piece


class ZxContext(typer.Context):
    """typer's context with zx's formatter, in the language of the command's help."""

    formatter_class = ZxHelpFormatter

    def make_formatter(self) -> Any:
        return self.formatter_class(
            width=self.terminal_width,
            max_width=self.max_content_width,
            lang=getattr(self.command, "lang", "zh"),
        )


class ZxCommand(typer.core.TyperCommand):
    context_class = ZxContext
    lang = "zh"

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        """The usage line as POSIX writes it: PATHS..., [PATHS]... (typer 0.29 writes
        {PATHS}..., earlier releases PATHS without the dots once a metavar is set)."""
        pieces = [self.options_metavar] if self.options_metavar else []
        for param in self.get_params(ctx):
            if param.param_type_name == "argument":
                pieces.append(_usage_name(param))
            else:
                pieces.extend(param.get_usage_pieces(ctx))
        return pieces


def _usage_name(param: Any) -> str:
    name = (param.metavar or param.name or "").upper()
    shown = name if param.required else f"[{name}]"
    return shown + ("..." if param.nargs != 1 else "")


class ZxGroup(typer.core.TyperGroup):
    context_class = ZxContext
    lang = "zh"


class ZxTyper(typer.Typer):
    """A `typer.Typer` whose commands (and itself) format their help as zx does."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(cls=ZxGroup, **kwargs)

    def command(self, name: str | None = None, *, cls: Any = None, **kwargs: Any) -> Any:
        return super().command(name, cls=cls or ZxCommand, **kwargs)


# ---------------------------------------------------------------------- the text


def command_help(name: str, lang: str) -> str:
    return str(help_texts()["commands"][name][lang])


def param_help(command: str, param: str, lang: str) -> str | None:
    params = help_texts()["params"]
    entry = params.get(f"{command}.{param}") or params.get(f"*.{param}")
    return str(entry[lang]) if entry else None


def localise(root: Any, lang: str) -> None:
    """Every command's help and every parameter's help in `lang`, plain metavars (PATH, N,
    zh|en), and the language of the formatter."""
    for name, command in [("zx", root), *getattr(root, "commands", {}).items()]:
        text = command_help(name, lang)
        command.help = text
        command.short_help = text.split("\n\n")[0]
        command.lang = lang
        hints = hints_of(command)
        for param in command.params:
            if param.param_type_name not in ("option", "argument"):
                continue
            param.help = param_help(name, param.name or "", lang)
            if param.param_type_name == "argument":
                param.metavar = (param.name or "").upper()
            elif not getattr(param, "is_flag", False) and param.name in hints:
                param.metavar = metavar(hints[param.name])


def hints_of(command: Any) -> dict[str, Any]:
    """The annotations (with typer's Option/Argument metadata) of a command's function."""
    callback = getattr(command, "callback", None)
    if callback is None:
        return {}
    return typing.get_type_hints(inspect.unwrap(callback), include_extras=True)


def base_type(annotation: Any) -> tuple[Any, list[Any]]:
    """`annotation` without Annotated, Optional and list around it; and the metadata
    (typer's OptionInfo/ArgumentInfo) Annotated carried."""
    metadata: list[Any] = []
    while True:
        origin = typing.get_origin(annotation)
        args = typing.get_args(annotation)
        if origin is typing.Annotated:
            annotation, metadata = args[0], [*metadata, *args[1:]]
        elif origin in (typing.Union, types.UnionType):
            kept = [a for a in args if a is not type(None)]
            if len(kept) != 1:
                return annotation, metadata
            annotation = kept[0]
        elif origin is list and args:
            annotation = args[0]
        else:
            return annotation, metadata


def choices(annotation: Any) -> list[str]:
    """The values an Enum-typed parameter takes; none for any other."""
    base, _ = base_type(annotation)
    if isinstance(base, type) and issubclass(base, Enum):
        return [str(member.value) for member in base]
    return []


def bounds(annotation: Any) -> tuple[Any, Any]:
    """(min, max) given to typer.Option/Argument, None where not given."""
    _, metadata = base_type(annotation)
    info = next((m for m in metadata if hasattr(m, "min")), None)
    return getattr(info, "min", None), getattr(info, "max", None)


def metavar(annotation: Any) -> str:
    """What a person reads for a value: PATH, N, zh|en (typer shows `<list[Path]>`,
    `<int range>`)."""
    base, _ = base_type(annotation)
    if choices(annotation):
        return "|".join(choices(annotation))
    if isinstance(base, type) and issubclass(base, Path):
        return "PATH"
    return {int: "N", float: "NUMBER"}.get(base, "TEXT")


def _click_word(message: str, lang: str) -> str:
    """One of click's or typer's own English phrases, in `lang` (help.yaml's `click` table)."""
    return str(help_texts()["click"].get(message, message)) if lang == "zh" else message
