"""`zx form import`: a filled-in workbook back into the YAML files of its dossier.

The YAML folder stays the record. The workbook is read (reader.py), checked against the
folder it is imported into (same campaign, year and dossier; YAML unchanged since the
export unless forced), and written as YAML text that keeps each file's leading comments
(the schema modeline) and key order. `--check` writes it into a temporary copy of the
dossier and runs the whole validation there, pointing each finding back at its cell.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from zxcli.errors import DataError
from zxcli.form import yamlout
from zxcli.form.export import kept_records
from zxcli.form.identity import changed_since
from zxcli.form.layout import JsonPath
from zxcli.form.reader import Read, read_workbook, restore_records
from zxcli.form.target import FormTarget, committee_target, dossier_target, read_documents
from zxcli.load.atomic import write_atomic
from zxcli.load.display import display_path
from zxcli.load.yamlsafe import line_map, parse_text
from zxcli.results import Finding, Options, Report, at
from zxcli.schema.store import schema

_FIELD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*|\[[0-9]+\])*")
# Problems that leave no workbook to validate: unreadable, not this dossier's, not this
# campaign's, a sheet not read because its rows moved. ZX065 (YAML changed since) is no
# obstacle to validating the workbook's content, nor is an extra sheet (ZX072).
BLOCKING = frozenset(
    {"ZX060", "ZX061", "ZX062", "ZX063", "ZX064", "ZX068", "ZX069", "ZX071", "ZX079"}
)


@dataclass(frozen=True)
class Change:
    file: str
    path: JsonPath
    old: Any
    new: Any
    cell: str | None

    @property
    def field(self) -> str:
        return ".".join(str(p) for p in self.path) or "(文件)"


@dataclass
class Imported:
    read: Read
    target: FormTarget | None = None
    texts: dict[str, str] = field(default_factory=dict)  # kind → YAML text
    old: dict[str, Any] = field(default_factory=dict)
    conflict: list[str] = field(default_factory=list)  # files changed since the export

    @property
    def problems(self) -> list[Finding]:
        return self.read.problems

    @property
    def blocked(self) -> bool:
        """Whether the workbook could not be read as a whole: then nothing is validated
        (a value of the wrong type, a formula or a stray cell still let the rest be)."""
        return self.target is None or any(p.code in BLOCKING for p in self.problems)

    def changes(self) -> list[Change]:
        out: list[Change] = []
        for kind, text in self.texts.items():
            new = parse_text(text, Path(kind), kind).data
            for path, old, value in _diff(self.old.get(kind), new, ()):
                out.append(
                    Change(self.file_name(kind), path, old, value, self.read.cell_of(kind, path))
                )
        return out

    def file_name(self, kind: str) -> str:
        assert self.target is not None
        return display_path(self.target.files[kind])


def import_workbook(workbook: Path, folder: Path, force: bool = False) -> Imported:
    """Read `workbook` for `folder` (a dossier, or the campaign for the committee list)."""
    read = read_workbook(workbook, display_path(workbook))
    done = Imported(read)
    identity = read.identity
    if identity is None or read.layout is None:
        return done
    target = committee_target(folder) if identity.form == "committee" else dossier_target(folder)
    done.target = target
    _identity_problems(read, target)
    if done.blocked:
        return done
    old = read_documents(target)
    done.old = old
    # zx freeze's records are never typed: those of the YAML as it is now win (a dossier
    # frozen after the export keeps them, also when the import is forced).
    restore_records(read.documents, read.layout, kept_records(read.layout, old))
    changed = changed_since(identity.source, list(target.files.values()))
    if changed:
        done.conflict = [display_path(p) for p in changed]
        if not force:
            read.problem("ZX065", "zx!B6", files="、".join(done.conflict) or "-")
    _refuse_unwritable(read)
    for kind, path in target.files.items():
        done.texts[kind] = _text(path, kind, read.documents.get(kind, {}), old.get(kind))
    return done


def _refuse_unwritable(read: Read) -> None:
    """Each text YAML would not read back as itself (a control character the loader
    refuses, a line separator) is reported at its cell, with the loader's own code when it
    refused, and left out (last first, so that list indexes hold)."""
    for kind, data in read.documents.items():
        for path, value in reversed(list(_strings(data, ()))):
            cell = read.cell_of(kind, path)
            try:
                same = parse_text(f"v: {yamlout.scalar(value)}\n", Path(kind), kind).data == {
                    "v": value
                }
            except DataError as err:
                read.problems.append(at(err.code, read.display, cell=cell, params=err.params))
                _drop(data, path)
                continue
            if not same:
                read.problem(
                    "ZX070",
                    cell,
                    field=".".join(map(str, path)),
                    expected="文本 text",
                    value=value[:60],
                )
                _drop(data, path)


def _drop(data: Any, path: JsonPath) -> None:
    for part in path[:-1]:
        data = data[part]
    del data[path[-1]]


def _strings(data: Any, path: JsonPath) -> Iterator[tuple[JsonPath, str]]:
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*path, key))
    elif isinstance(data, list):
        for i, value in enumerate(data):
            yield from _strings(value, (*path, i))
    elif isinstance(data, str):
        yield path, data


def _identity_problems(read: Read, target: FormTarget) -> None:
    identity = read.identity
    assert identity is not None
    if identity.form != target.form or identity.dossier != target.name:
        read.problem(
            "ZX063",
            "zx!B5",
            found=identity.dossier or identity.form,
            expected=target.name or target.form,
        )
    if (identity.year, identity.title) != (target.year, target.title):
        read.problem(
            "ZX064", "zx!B3", found=identity.label, expected=f"{target.year}年度 {target.title}"
        )


def _text(path: Path, kind: str, data: dict[str, Any], old: Any) -> str:
    """The file's new text: its own leading comments (else a modeline), data in its order."""
    head = _leading_comments(path)
    if not head:
        from zxcli.scaffold import modeline_for

        head = [
            modeline_for(path.parent, kind),
            f"# {schema(kind).get('title', kind)}：由 zx form import 从填报表格写入",
        ]
    lines = yamlout.dump(yamlout.ordered(data, old))
    text = "\n".join([*head, *lines]) + "\n"
    back = parse_text(text, path, display_path(path)).data
    if back != data:  # the writer's own mistake: never write what would read differently
        raise AssertionError(f"YAML of {path} does not read back as written")
    return text


def _leading_comments(path: Path) -> list[str]:
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError):
        return []
    head = []
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        head.append(line)
    return head


def _diff(old: Any, new: Any, path: JsonPath) -> Iterator[tuple[JsonPath, Any, Any]]:
    """Each leaf that differs, with its old and new value (None: absent)."""
    maps = (dict, type(None))
    if (
        (isinstance(old, dict) or isinstance(new, dict))
        and isinstance(old, maps)
        and isinstance(new, maps)
    ):
        before, after = old or {}, new or {}
        for key in dict.fromkeys([*before, *after]):
            yield from _diff(before.get(key), after.get(key), (*path, key))
        return
    if (
        isinstance(old, list)
        and isinstance(new, list)
        and any(isinstance(v, dict) for v in (*old, *new))
    ):
        for i in range(max(len(old), len(new))):
            yield from _diff(
                old[i] if i < len(old) else None, new[i] if i < len(new) else None, (*path, i)
            )
        return
    if old != new or type(old) is not type(new):
        yield path, old, new


def write(done: Imported) -> list[Path]:
    """Each YAML file whose text changed, written atomically."""
    assert done.target is not None
    written = []
    for kind, text in done.texts.items():
        path = done.target.files[kind]
        data = text.encode("utf-8")
        if path.exists() and _same_data(done.old.get(kind), text, path):
            continue  # left as it is, with every comment of its own
        path.parent.mkdir(parents=True, exist_ok=True)
        write_atomic(path, data, force=True)
        written.append(path)
    return written


def _same_data(old: Any, text: str, path: Path) -> bool:
    new = parse_text(text, path, display_path(path)).data
    return bool(old == new and _types(old) == _types(new))


def _types(data: Any) -> Any:
    """The shape of `data` with each leaf's type (10850 and 10850.0 are not the same text)."""
    if isinstance(data, dict):
        return {k: _types(v) for k, v in data.items()}
    if isinstance(data, list):
        return [_types(v) for v in data]
    return type(data).__name__


# --------------------------------------------------------------------------- --check


def check(done: Imported, options: Options) -> Report:
    """The imported files validated in a temporary copy, findings at their cells."""
    from zxcli.pipeline import validate_paths

    assert done.target is not None
    report = Report(strict=options.strict)
    with tempfile.TemporaryDirectory(prefix="zx-form-") as tmp:
        copy = _copy(done, Path(tmp))
        if done.target.form == "committee":
            checked, extra = _committee_checked(copy, done.target.year, options)
        else:
            checked, extra = validate_paths([copy], options, jobs=1, cache=False), []
        moved = _Moved(
            display_path(Path(tmp) / done.target.campaign.name), display_path(done.target.campaign)
        )
        findings = [_pointed(done, f, moved) for f in (*checked.findings, *checked.hidden, *extra)]
    # A value refused at its cell is missing from the copy: its own problem says why.
    refused = {p.cell for p in done.problems if p.cell}
    findings = [f for f in findings if not f.cell or f.cell.split("（")[0] not in refused]
    report.files.extend(moved(f) for f in checked.files)
    report.dossiers.extend(checked.dossiers)
    report.add(findings, checked.overrides, options)
    return report


def _committee_checked(campaign: Path, year: int, options: Options) -> tuple[Report, list[Finding]]:
    """The campaign's own files validated, and the committee list held to 第8条 as
    `zx tally` holds it (size, odd number, kinds of member, ids, chair)."""
    from zxcli.pipeline import open_campaign
    from zxcli.tally.committee import read_committee

    validated = open_campaign(campaign, options)
    settings = validated.settings
    _committee, problems = read_committee(
        validated.folder.files.get("committee"),
        year,
        settings.committee_min_size,
        settings.committee_size_odd,
    )
    return validated.report, problems


@dataclass(frozen=True)
class _Moved:
    """Paths of the temporary copy as the real campaign's."""

    temp: str
    real: str

    def __call__(self, text: str) -> str:
        return text.replace(self.temp, self.real)


def _copy(done: Imported, tmp: Path) -> Path:
    """The campaign's own files, the dossier's attachments, and the imported YAML."""
    assert done.target is not None
    target = done.target
    campaign = tmp / target.campaign.name
    _copy_tree(target.campaign, campaign, skip={"dossiers", ".git"})
    if target.form == "committee":
        place = campaign
    else:
        place = campaign / target.folder.parent.name / target.folder.name
        if target.folder.is_dir() and not target.folder.is_symlink():
            _copy_tree(target.folder, place, skip=set())
        place.mkdir(parents=True, exist_ok=True)
    for kind, text in done.texts.items():
        rel = target.files[kind].relative_to(
            target.folder if target.form == "dossier" else target.campaign
        )
        (place / rel).parent.mkdir(parents=True, exist_ok=True)
        (place / rel).write_text(text, encoding="utf-8")
    return place


def _copy_tree(source: Path, dest: Path, skip: set[str]) -> None:
    """A copy the validation sees as it would see the original, made without ever opening
    anything but a regular file: links stay links (not followed), a FIFO is made again as
    a FIFO (never read: opening one blocks), devices and sockets are left out."""
    dest.mkdir(parents=True, exist_ok=True)
    with os.scandir(source) as entries:
        for entry in entries:
            if entry.name in skip:
                continue
            there = dest / entry.name
            mode = entry.stat(follow_symlinks=False).st_mode
            if stat.S_ISLNK(mode):
                os.symlink(os.readlink(entry.path), there)
            elif stat.S_ISDIR(mode):
                _copy_tree(Path(entry.path), there, set())
            elif stat.S_ISFIFO(mode):
                os.mkfifo(there)
            elif stat.S_ISREG(mode):
                _copy_regular(Path(entry.path), there)


def _copy_regular(source: Path, dest: Path) -> None:
    # Opened without following a link and without blocking, and checked again once open:
    # the file may have been swapped for a FIFO since it was listed.
    flags = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0)
    try:
        fd = os.open(source, flags)
    except OSError:
        return  # unreadable: the validation of the copy says it is missing
    with os.fdopen(fd, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return
        with dest.open("wb") as out:
            shutil.copyfileobj(handle, out)


def _pointed(done: Imported, finding: Finding, moved: _Moved) -> Finding:
    """A finding of the temporary copy, at the real file's line and the workbook's cell."""
    assert done.target is not None
    params = {k: moved(v) if isinstance(v, str) else v for k, v in finding.params.items()}
    real = replace(finding, path=moved(finding.path), params=params)
    kind = next((k for k, p in done.target.files.items() if display_path(p) == real.path), None)
    if kind is None:
        return real
    named = _field_path(finding.params.get("field"))
    found = done.read.cell_of(kind, named) if named else None
    if found is None:
        at_line = _path_at_line(done.texts[kind], finding.line)
        found = done.read.cell_of(kind, at_line) if at_line else None
    if found is None:
        return real
    name = done.target.files[kind].name
    return replace(real, path=done.read.display, cell=f"{found}（{name}:{finding.line}）")


def _field_path(field: object) -> JsonPath | None:
    """The JSON path a schema finding names (`c1_strategy.annual_plan`,
    `contacts[0].phone`)."""
    if not isinstance(field, str) or not _FIELD.fullmatch(field):
        return None
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"\.|\[|\]\.?", field) if p)


def _path_at_line(text: str, line: int) -> JsonPath | None:
    best: JsonPath | None = None
    for path, loc in line_map(text).items():
        if loc.line == line and (best is None or len(path) > len(best)):
            best = path
    return best


def form_findings(done: Imported) -> list[Finding]:
    """The import's own problems (a conflict is an error unless --force)."""
    dossier = done.target.name or None if done.target is not None else None
    return [
        at(p.code, p.path, cell=p.cell, params=p.params, dossier=dossier) for p in done.problems
    ]
