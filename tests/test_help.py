"""Help pages: every command and parameter described in both languages (catalog/help.yaml),
wrapped by display width at 80 and 120 columns, in the chosen language throughout."""

from __future__ import annotations

import random
import re

import pytest
from inproc import run_main
from rich.cells import cell_len

from zxcli.catalog import help_texts
from zxcli.commands.helptext import _NO_END, _NO_START, wrap

COMMANDS = [
    "validate",
    "rules",
    "init",
    "schema",
    "form",
    "freeze",
    "render-forms",
    "ballots",
    "tally",
    "overview",
]


def _built():
    from zxcli import cli

    saved = cli.sys.argv
    cli.sys.argv = ["zx", "--help"]  # register every command
    try:
        return cli.command(cli._build_app(), "zh")
    finally:
        cli.sys.argv = saved


def test_every_command_and_parameter_has_help_in_both_languages_and_nothing_is_left_over():
    root = _built()
    texts = help_texts()
    used = set()
    for name, command in [("zx", root), *root.commands.items()]:
        assert set(texts["commands"][name]) == {"zh", "en"}, name
        for param in command.params:
            if param.name == "help":
                continue
            key = next(
                k for k in (f"{name}.{param.name}", f"*.{param.name}") if k in texts["params"]
            )
            used.add(key)
            assert set(texts["params"][key]) == {"zh", "en"}, key
    assert sorted(root.commands) == sorted(COMMANDS)
    assert set(texts["params"]) == used  # no help for a parameter that no longer exists


def _help(*args: str, columns: int, lang: str | None = None) -> str:
    argv = [*args, "--help"] + (["--lang", lang] if lang else [])
    code, out, err = run_main(argv, env={"COLUMNS": str(columns)}, drop=("ZX_LANG",))
    assert code == 0, err
    return out


@pytest.mark.parametrize("columns", [80, 120])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_fits_the_terminal_in_the_chosen_language(command, lang, columns):
    out = _help(*([command] if command else []), columns=columns, lang=lang)
    lines = out.splitlines()
    assert max(cell_len(line) for line in lines) <= min(columns, 80)
    assert "<list[" not in out and "<bool>" not in out and "{" not in out.splitlines()[0]
    assert "…" not in out  # wrapped, never cut
    name = command or "zx"
    first = help_texts()["commands"][name][lang].split("\n\n")[0]
    assert re.sub(r"\s", "", first) in re.sub(r"\s", "", out)  # wrapped, nothing lost
    english = (
        "Usage:",
        "Options:",
        "Arguments:",
        "[required]",
        "Show this message",
        "default:",
        "env var:",
    )
    if lang == "zh":
        assert not any(word in out for word in english), out
        assert out.startswith("用法：zx")
    else:
        assert out.startswith("Usage:")
        assert not re.search(r"[选参用]项?[:：]", out)


@pytest.mark.parametrize("env", ["zh", "en", None])
def test_root_lang_is_the_commands_default_and_beats_the_environment(env):
    environment = {"ZX_LANG": env} if env else {}
    code, _, err = run_main(
        ["--lang", "en", "validate", "/no/such/place"], env=environment, drop=("ZX_LANG",)
    )
    assert code == 2 and "no such path" in err
    code, _, err = run_main(
        ["--lang", "zh", "validate", "/no/such/place"], env=environment, drop=("ZX_LANG",)
    )
    assert code == 2 and "路径不存在" in err, err


def test_freeze_help_says_it_rewrites_its_input():
    assert "就地改写 dossier.yaml" in _help("freeze", columns=80)
    assert "rewrites dossier.yaml in place" in _help("freeze", columns=80, lang="en")


# ---------------------------------------------------------------------- wrapping


_LETTERS = "申报材料的检查年度目录问题清单abcdef-/."
_MARKS = ["，", "。", "、", "）", "”", "》", "：", "；", "）。", "”，", "》）"]


def _text(rng: random.Random) -> str:
    """Words of CJK and Latin letters, each with at most one mark or bracket around it."""
    words = []
    for _ in range(rng.randint(1, 60)):
        word = "".join(rng.choice(_LETTERS) for _ in range(rng.randint(1, 6)))
        if rng.random() < 0.2:
            word = rng.choice("（“《") + word
        words.append(word + (rng.choice(_MARKS) if rng.random() < 0.3 else ""))
        words.append(" " if rng.random() < 0.3 else "")
    return "".join(words).strip()


@pytest.mark.parametrize("seed", range(40))
def test_wrap_keeps_every_character_within_the_width_and_the_breaking_rules(seed):
    rng = random.Random(seed)
    text = " ".join(_text(rng).split())
    width = rng.randint(10, 60)
    lines = wrap(text, width)
    assert all(cell_len(line) <= width for line in lines)
    # Nothing lost or reordered: only spaces at the breaks differ.
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    for line in lines[1:]:
        assert line[0] not in _NO_START, lines
    for line in lines[:-1]:
        assert line[-1] not in _NO_END, lines


def test_wrap_breaks_between_chinese_characters_and_at_spaces_only_in_latin_text():
    assert wrap("校验申报材料，输出问题清单。", 10) == ["校验申报材", "料，输出问", "题清单。"]
    assert wrap("校验申报材料，输出问题清单。", 12) == ["校验申报材", "料，输出问题", "清单。"]
    assert wrap("check only these codes", 11) == ["check only", "these codes"]
    assert wrap("公文格式（GB/T 9704）。", 20) == ["公文格式（GB/T", "9704）。"]
    assert wrap("路径 docs/performance.md 见", 12) == ["路径", "docs/perform", "ance.md 见"]
