"""Generated documentation stays in step with the code."""

from __future__ import annotations

import importlib.util
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def _tool():
    spec = importlib.util.spec_from_file_location("update_docs", REPO / "tools" / "update_docs.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_guide_rule_list_is_generated_from_the_catalog() -> None:
    tool = _tool()
    text = tool.GUIDE.read_text(encoding="utf-8")
    assert "<!-- rules:start -->" in text
    assert tool.updated_guide(text) == text, "run: python tools/update_docs.py"


def test_every_rule_renders_in_both_languages() -> None:
    import re

    from zxcli.catalog import LANGS, catalog

    for rule in catalog().values():
        params = {name: "x" for name in rule.placeholders()}
        for lang in LANGS:
            assert not re.search(r"\{[a-z_]+\}", rule.render(lang, params)), rule.code
            assert rule.title[lang] and rule.hint[lang], rule.code
