"""第5条's levels, restricted in zx.yaml: only a dossier of a level not listed is refused.

A mutant that refused the listed levels instead survived the rule tests, which only
looked at the refused dossier.
"""

from __future__ import annotations

from pathlib import Path

from conftest import Check, edit

SUZHOU = "江苏省-苏州市"


def test_listed_levels_pass_and_only_the_unlisted_one_is_refused(
    campaign: Path, findings: Check
) -> None:
    edit(campaign / "zx.yaml", "# eligible_levels:", "eligible_levels:")
    assert findings(campaign, "ZX108") == []  # 地级 and 直辖市辖区 are listed
    dossier = campaign / "dossiers" / SUZHOU / "dossier.yaml"
    edit(dossier, "name: 苏州市", "name: 常熟市")
    edit(dossier, 'code: "320500"', 'code: "320581"')
    edit(dossier, "level: 地级", "level: 县级")
    assert [(f.code, f.dossier) for f in findings(campaign, "ZX108")] == [("ZX108", SUZHOU)]
