"""Load the phrasebook folder: one YAML file per category plus `lexicon.yaml` with shared word sets."""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from coach.phrasebook.lint import lint
from coach.phrasebook.schema import CATEGORY_CONTEXT, CategoryFile, Context, Entry, Lexicon, Severity

LEXICON_FILE = "lexicon.yaml"
_REPO_DIR = Path(__file__).resolve().parents[2] / "phrasebook"
BUNDLED_DIR = _REPO_DIR if _REPO_DIR.is_dir() else Path(__file__).resolve().parents[1] / "bundled_phrasebook"
"""The repository's phrasebook in a checkout; the copy packed into the wheel when installed."""


class _Yaml11SafeLoader(yaml.SafeLoader):
    """YAML without the 1.1 booleans: `on`, `no`, `yes`, `off` are words in a phrasebook, not true/false."""


_Yaml11SafeLoader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag != "tag:yaml.org,2002:bool"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Yaml11SafeLoader.add_implicit_resolver("tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"),
                                        list("tTfF"))


def parse_yaml(text: str) -> Any:
    return yaml.load(text, Loader=_Yaml11SafeLoader)  # noqa: S506 - a SafeLoader subclass


class PhrasebookError(ValueError):
    """A phrasebook file is invalid. The message names the file, the entry id and the field."""


@dataclass(frozen=True)
class ResolvedEntry:
    """An entry with what it inherits from its category."""

    entry: Entry
    category: str
    severity: Severity
    context: Context
    file: str

    @property
    def id(self) -> str:
        return self.entry.id


@dataclass
class Phrasebook:
    categories: dict[str, CategoryFile]
    sets: dict[str, list[str]]
    entries: list[ResolvedEntry]
    version: str
    files: dict[str, str] = field(default_factory=dict)

    @property
    def active(self) -> list[ResolvedEntry]:
        return [e for e in self.entries if e.entry.status == "active"]

    def by_id(self) -> dict[str, ResolvedEntry]:
        return {e.id: e for e in self.entries}


def _format_error(path: str, data: Any, exc: ValidationError) -> str:
    lines = []
    for err in exc.errors():
        loc = list(err["loc"])
        where = ""
        if len(loc) >= 2 and loc[0] == "entries" and isinstance(loc[1], int):
            try:
                entry_id = data["entries"][loc[1]].get("id", f"#{loc[1] + 1}")
            except (KeyError, IndexError, TypeError, AttributeError):
                entry_id = f"#{loc[1] + 1}"
            where = f"entry {entry_id!s}"
            loc = loc[2:]
        msg = err["msg"].removeprefix("Value error, ")
        fld = ".".join(str(part) for part in loc)
        if not fld:  # a whole-entry check: its message starts with the field it is about
            fld, _, msg = msg.partition(": ") if ": " in msg else ("(entry)", "", msg)
        lines.append(f"{path}: {where + ', ' if where else ''}field {fld}: {msg}")
    return "\n".join(lines)


def parse_category(name: str, data: Any) -> CategoryFile:
    """Validate one category document; errors name the file, entry id and field."""
    try:
        return CategoryFile.model_validate(data)
    except ValidationError as exc:
        raise PhrasebookError(_format_error(name, data, exc)) from None


def build(files: dict[str, str]) -> Phrasebook:
    """Build a phrasebook from file name → YAML text (the folder, or a trainer's edited copy)."""
    sets: dict[str, list[str]] = {}
    set_origin: dict[str, str] = {}
    categories: dict[str, CategoryFile] = {}
    entries: list[ResolvedEntry] = []
    errors: list[str] = []

    def add_sets(name: str, new: dict[str, list[str]]) -> None:
        for key, words in new.items():
            if key in sets:
                errors.append(f"{name}: set @{key} is already defined in {set_origin[key]}")
            sets[key] = [w.lower() for w in words]
            set_origin[key] = name

    for name in sorted(files):
        try:
            data = parse_yaml(files[name])
        except yaml.YAMLError as exc:
            errors.append(f"{name}: not valid YAML: {exc}")
            continue
        if name == LEXICON_FILE:
            try:
                add_sets(name, Lexicon.model_validate(data).sets)
            except ValidationError as exc:
                errors.append(_format_error(name, data, exc))
            continue
        try:
            cat = parse_category(name, data)
        except PhrasebookError as exc:
            errors.append(str(exc))
            continue
        if cat.category in categories:
            errors.append(f"{name}: category {cat.category!r} is already defined in another file")
            continue
        categories[cat.category] = cat
        add_sets(name, cat.sets)
        defaults = cat.context.merged(CATEGORY_CONTEXT)
        for entry in cat.entries:
            entries.append(ResolvedEntry(entry=entry, category=cat.category,
                                         severity=entry.severity or cat.severity,
                                         context=entry.context.merged(defaults), file=name))
    seen: dict[str, str] = {}
    for e in entries:
        if e.id in seen:
            errors.append(f"{e.file}: entry {e.id}, field id: duplicate id (also in {seen[e.id]})")
        seen[e.id] = e.file
    if errors:
        raise PhrasebookError("\n".join(errors))
    digest = hashlib.sha256()
    for name in sorted(files):
        digest.update(name.encode() + b"\0" + files[name].encode() + b"\0")
    return Phrasebook(categories=categories, sets=sets, entries=entries,
                      version=digest.hexdigest()[:12], files=dict(files))


def read_folder(folder: Path | str = BUNDLED_DIR) -> dict[str, str]:
    folder = Path(folder)
    if not folder.is_dir():
        raise PhrasebookError(f"{folder}: phrasebook folder not found")
    return {p.name: p.read_text(encoding="utf-8") for p in sorted(folder.glob("*.yaml"))}


def load(folder: Path | str = BUNDLED_DIR) -> Phrasebook:
    """Load and validate a phrasebook folder, with cross-entry lint (duplicate ids, triggers, sets)."""
    book = build(read_folder(folder))
    problems = lint(book)
    if problems:
        raise PhrasebookError("\n".join(problems))
    return book
