"""The help pages: text from zxcli/catalog/help.yaml in the chosen language, wrapped by width.

click measures text in characters and breaks lines only at spaces; a Chinese help line
has no spaces and each character takes two terminal columns, so click's own wrapping
leaves lines of 90 to 100 columns on an 80-column terminal. The formatter here measures
display columns, breaks between CJK characters, and keeps closing punctuation off the
start of a line and opening brackets off its end.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator, Sequence
from functools import cache
from typing import TYPE_CHECKING, Any

from zxcli.catalog import help_texts

# Never at the start of a line / never at its end (the usual Chinese line-breaking rules).
_NO_START = frozenset("，。、；：？！）》」』】〉”’…·%,.;:?!)]}")
_NO_END = frozenset("（《「『【〈“‘([{")
# A token: a run of spaces, a run of narrow non-space characters (a word, a path, an
# option), or one wide character.
_TOKEN = re.compile(r"\s+|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff"
                    r"\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|.")


def cell_width(text: str) -> int:
    """Terminal columns: two for wide and full-width characters, none for combining marks."""
    return sum(0 if unicodedata.combining(ch) else
               2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


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
    return sum(cell_width(t) for t in tokens)


def _pieces(text: str, width: int) -> Iterator[str]:
    """The tokens of `text`, a word wider than the whole line cut into pieces that fit."""
    for token in _TOKEN.findall(text):
        while cell_width(token) > width:
            cut = width
            while cell_width(token[:cut]) > width:
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


class _ByWidth:
    """Mixed into click's help formatter: lines measured in display columns (see the
    module's docstring), and click's own English words in the chosen language."""

    width: int
    current_indent: int
    lang: str = "zh"

    if TYPE_CHECKING:  # click's HelpFormatter, which this is mixed into, provides it
        def write(self, string: str) -> None: ...

    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        word = _click_word("Usage:", self.lang)
        # 用法：zx ... (a full-width colon carries its own space)
        word += "" if word.endswith("：") else " "
        super().write_usage(prog, args, prefix or word)  # type: ignore[misc]

    def write_text(self, text: str) -> None:
        indent = " " * self.current_indent
        width = max(self.width - self.current_indent, 20)
        paragraphs = [p for p in re.split(r"\n\s*\n", text.strip()) if p.strip()]
        for i, paragraph in enumerate(paragraphs):
            if i:
                self.write("\n")
            for line in wrap(" ".join(paragraph.split()), width):
                self.write(f"{indent}{line}\n")

    def write_dl(self, rows: Sequence[tuple[str, str]], col_max: int = 30,
                 col_spacing: int = 2) -> None:
        rows = list(rows)
        first_col = min(max((cell_width(first) for first, _ in rows), default=0),
                        col_max) + col_spacing
        for first, second in rows:
            self.write(f"{'':>{self.current_indent}}{first}")
            if not second:
                self.write("\n")
                continue
            if cell_width(first) <= first_col - col_spacing:
                self.write(" " * (first_col - cell_width(first)))
            else:
                self.write("\n" + " " * (first_col + self.current_indent))
            width = max(self.width - first_col - self.current_indent, 10)
            text = _click_word(" ".join(second.split()), self.lang)
            lines = wrap(text, width) or [""]
            self.write(f"{lines[0]}\n")
            for line in lines[1:]:
                self.write(f"{'':>{first_col + self.current_indent}}{line}\n")


# ---------------------------------------------------------------------- the text


def command_help(name: str, lang: str) -> str:
    return str(help_texts()["commands"][name][lang])


def param_help(command: str, param: str, lang: str) -> str | None:
    params = help_texts()["params"]
    entry = params.get(f"{command}.{param}") or params.get(f"*.{param}")
    return str(entry[lang]) if entry else None


def localise(root: Any, lang: str) -> None:
    """Every command's help and every parameter's help in `lang`, and the formatter above."""
    _translate_typer(lang)
    for name, command in [("zx", root), *getattr(root, "commands", {}).items()]:
        text = command_help(name, lang)
        command.help = text
        command.short_help = text.split("\n\n")[0]
        command.context_class = _context_class(command.context_class, lang)
        for param in command.params:
            if param.param_type_name in ("option", "argument"):
                param.help = param_help(name, param.name or "", lang)
            if param.param_type_name == "argument":
                _plain_usage_name(param)


@cache
def _context_class(base: Any, lang: str) -> type:
    # typer vendors click (typer._click): the classes to extend are found on the command.
    formatter = type("ZxHelpFormatter", (_ByWidth, base.formatter_class),
                     {"lang": lang})
    return type("ZxContext", (base,), {"formatter_class": formatter})


def _plain_usage_name(param: Any) -> None:
    """PATHS... in the usage line, as POSIX writes it (typer shows {PATHS}...)."""
    name = (param.metavar or param.name or "").upper()
    shown = name if param.required else f"[{name}]"
    shown += "..." if param.nargs != 1 else ""
    param._usage_display_name = lambda: shown


def _click_word(message: str, lang: str) -> str:
    """One of click's or typer's own English phrases, in `lang` (help.yaml's `click` table)."""
    return str(help_texts()["click"].get(message, message)) if lang == "zh" else message


# typer calls gettext's `_` for its few words in a help page ("Options", "required",
# "default: {default}"); it ships no Chinese catalog, and gettext offers no way to add one
# without a compiled .mo file and the user's locale. So zx hands typer.core a `_` that looks
# up help.yaml's `click` table. (Its vendored click has fixed English words: see _ByWidth.)
def _translate_typer(lang: str) -> None:
    module = sys.modules.get("typer.core")
    if module is not None and hasattr(module, "_"):
        module._ = lambda message: _click_word(message, lang)  # type: ignore[attr-defined]
