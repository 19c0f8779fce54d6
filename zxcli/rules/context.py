"""What a policy rule sees: one dossier (or the campaign), its settings, the gazetteer.

Policy rules only get the data of files that loaded and passed their schema, so a rule
can trust the shapes the schema promises and never crashes on a malformed file; the
schema findings already tell the user what to mend first.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from zxcli.load.yamlsafe import Document, PackedDocument
from zxcli.model.campaign import CampaignFolder, DossierFolder
from zxcli.model.gazetteer import Gazetteer
from zxcli.model.settings import Settings
from zxcli.results import Finding


def touches(broken: str, needed: str) -> bool:
    """A schema error at `broken` (a dotted field) spoils the field `needed` when one
    contains the other: `city` spoils `city.name`, `city.level` does not."""
    if broken in ("$", "", needed):
        return True
    return any(
        a.startswith(b + sep) for a, b in ((broken, needed), (needed, broken)) for sep in (".", "[")
    )


@dataclass(frozen=True)
class Nominee:
    """What checks across dossiers need of one: its key and its schema-clean dossier.yaml.

    Small and picklable, so dossiers checked in worker processes can hand it back.
    """

    key: str
    doc: Document

    @property
    def data(self) -> dict[str, Any]:
        if isinstance(self.doc, PackedDocument):
            return self.doc.unpacked()
        return self.doc.data

    def at(self, json_path: Sequence[str | int], code: str, /, **params: Any) -> Finding:
        loc = self.doc.locate(json_path)
        return Finding(code, self.doc.display, loc.line, loc.column, params, self.key)


@dataclass
class CampaignContext:
    campaign: CampaignFolder
    settings: Settings
    gazetteer: Gazetteer
    clean: set[tuple[str | None, str]] = field(default_factory=set)  # (dossier key, kind)
    # (dossier key, kind) -> dotted fields with schema errors, for files that did load
    broken: dict[tuple[str | None, str], frozenset[str]] = field(default_factory=dict)
    nominees: list[Nominee] = field(default_factory=list)  # filled once dossiers are checked
    # Campaign files (as shown) that are required or present but broken: no dossier is
    # judged while one is (rules/runner.BLOCKING_KINDS).
    blocked: list[str] = field(default_factory=list)

    def data(self, kind: str) -> dict[str, Any] | None:
        """Campaign-level file data (zx.yaml, sanctions…), when schema-clean."""
        if (None, kind) not in self.clean:
            return None
        return self.campaign.data(kind)

    def at(self, kind: str, json_path: Sequence[str | int], code: str, /, **params: Any) -> Finding:
        loaded = self.campaign.files[kind]
        loc = loaded.doc.locate(json_path) if loaded.doc else None
        return Finding(
            code, loaded.display, loc.line if loc else 1, loc.column if loc else 1, params, None
        )

    def dossier(self, folder: DossierFolder) -> DossierContext:
        return DossierContext(self, folder)


@dataclass
class DossierContext:
    parent: CampaignContext
    folder: DossierFolder
    # What the family now running reads (families.Family.needs); empty: whole files only.
    needs: Mapping[str, tuple[str, ...] | None] = field(default_factory=dict)

    @property
    def settings(self) -> Settings:
        return self.parent.settings

    @property
    def gazetteer(self) -> Gazetteer:
        return self.parent.gazetteer

    @property
    def key(self) -> str:
        return self.folder.key

    def nominee(self) -> Nominee | None:
        doc = self.folder.files["dossier"].doc
        return Nominee(self.key, doc) if doc and self.data("dossier") is not None else None

    def data(self, kind: str) -> dict[str, Any] | None:
        """This dossier's data of `kind`, or None when that file is missing or not clean
        in the fields the running family reads."""
        if (self.key, kind) in self.parent.clean:
            return self.folder.data(kind)
        fields = self.needs.get(kind)
        broken = self.parent.broken.get((self.key, kind))
        data = self.folder.data(kind)
        if fields is None or broken is None or not isinstance(data, dict):
            return None
        return data if not any(touches(b, f) for b in broken for f in fields) else None

    def readable(self, kind: str) -> bool:
        return self.data(kind) is not None

    def at(self, kind: str, json_path: Sequence[str | int], code: str, /, **params: Any) -> Finding:
        """A finding pointing at `json_path` in this dossier's file of `kind`."""
        loaded = self.folder.files[kind]
        loc = loaded.doc.locate(json_path) if loaded.doc else None
        return Finding(
            code, loaded.display, loc.line if loc else 1, loc.column if loc else 1, params, self.key
        )

    def at_path(self, display: str, code: str, /, **params: Any) -> Finding:
        """A finding about a file or folder that is not YAML (an attachment, say)."""
        return Finding(code, display, 1, 1, params, self.key)
