"""BibTeX and biblatex data models, read from ``rules/bib/<name>.yml``.

A model says, per entry type, which fields are required (with either-or groups such as
author/editor or year/date) and which are printed when present, plus the aliases the model
resolves and the fields every tool tolerates. See ``rules/bib/bibtex.yml`` for the schema.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from booklint.data import rules_path

__all__ = ["DataModel", "TypeSpec", "available_models", "exporter_fields", "load_model"]


@dataclass(frozen=True)
class TypeSpec:
    name: str
    note: str
    required: tuple[tuple[str, ...], ...]  # each item: one field, or an either-or group
    optional: frozenset[str]

    @functools.cached_property
    def allowed(self) -> frozenset[str]:
        return frozenset(f for group in self.required for f in group) | self.optional


@dataclass(frozen=True)
class DataModel:
    name: str
    label: str
    title: str
    types: dict[str, TypeSpec]
    type_aliases: dict[str, tuple[str, dict[str, str]]]
    field_aliases: dict[str, str]
    common: frozenset[str]
    tolerated: frozenset[str]
    misc_like: frozenset[str] = field(default_factory=frozenset)
    # Distill's model: types are never looked at; what is printed, and where else a venue or
    # a year is written by other models (see rules/bib/distill.yml)
    any_type: bool = False
    printed: tuple[tuple[str, ...], ...] = ()
    hover: frozenset[str] = field(default_factory=frozenset)
    venue_elsewhere: tuple[str, ...] = ()
    year_elsewhere: tuple[str, ...] = ()

    @functools.cached_property
    def known_fields(self) -> frozenset[str]:
        """Every field the model defines for some type, or for all of them."""
        out = set(self.common)
        for spec in self.types.values():
            out |= spec.allowed
        return frozenset(out)

    def resolve_type(self, entry_type: str) -> tuple[TypeSpec | None, dict[str, str]]:
        """The spec for an entry type (following aliases) and the fields the alias implies."""
        t = entry_type.lower()
        implied: dict[str, str] = {}
        if self.any_type:
            return self.types.get("*"), implied
        if t in self.type_aliases:
            t, implied = self.type_aliases[t]
        if t in self.misc_like:
            t = "misc"
        return self.types.get(t), implied

    def canonical_field(self, name: str) -> str:
        low = name.lower()
        return self.field_aliases.get(low, low)

    def is_known_type(self, entry_type: str) -> bool:
        t = entry_type.lower()
        return self.any_type or t in self.types or t in self.type_aliases or t in self.misc_like


def _as_group(item: object) -> tuple[str, ...]:
    if isinstance(item, list):
        return tuple(str(x).lower() for x in item)
    return (str(item).lower(),)


def _build(data: dict) -> DataModel:
    groups = {k: [str(x).lower() for x in v] for k, v in (data.get("groups") or {}).items()}
    types: dict[str, TypeSpec] = {}
    for tname, spec in (data.get("types") or {}).items():
        spec = spec or {}
        required = tuple(_as_group(item) for item in spec.get("required") or [])
        optional: set[str] = set()
        for item in spec.get("optional") or []:
            optional.update(_as_group(item))
        for gname in spec.get("include") or []:
            if gname not in groups:
                raise ValueError(f"type {tname} includes unknown group {gname}")
            optional.update(groups[gname])
        types[str(tname).lower()] = TypeSpec(str(tname).lower(), str(spec.get("note", "")), required, frozenset(optional))
    aliases: dict[str, tuple[str, dict[str, str]]] = {}
    for alias, target in (data.get("type_aliases") or {}).items():
        if isinstance(target, dict):
            aliases[str(alias).lower()] = (
                str(target["to"]).lower(),
                {str(k).lower(): str(v) for k, v in (target.get("implies") or {}).items()},
            )
        else:
            aliases[str(alias).lower()] = (str(target).lower(), {})
    return DataModel(
        name=str(data["name"]),
        label=str(data.get("label", data["name"])),
        title=str(data.get("title", data["name"])),
        types=types,
        type_aliases=aliases,
        field_aliases={str(k).lower(): str(v).lower() for k, v in (data.get("field_aliases") or {}).items()},
        common=frozenset(str(x).lower() for x in data.get("common") or []),
        tolerated=frozenset(str(x).lower() for x in data.get("tolerated") or []),
        misc_like=frozenset(str(x).lower() for x in data.get("misc_like") or []),
        any_type=bool(data.get("any_type", False)),
        printed=tuple(_as_group(item) for item in data.get("printed") or []),
        hover=frozenset(str(x).lower() for x in data.get("hover") or []),
        venue_elsewhere=tuple(str(x).lower() for x in data.get("venue_elsewhere") or []),
        year_elsewhere=tuple(str(x).lower() for x in data.get("year_elsewhere") or []),
    )


@functools.cache
def load_model(name: str = "bibtex") -> DataModel:
    """Load a data model by name (``bibtex``, ``biblatex``) or from a path to a .yml file."""
    if name.endswith((".yml", ".yaml")) or "/" in name:
        with Path(name).open(encoding="utf-8") as fh:
            return _build(yaml.safe_load(fh))
    path = rules_path("bib", f"{name}.yml")
    if not path.is_file():
        raise ValueError(f"unknown bibliography data model {name!r}; available: {', '.join(available_models())}")
    return _build(_shipped_yaml(path))


def _shipped_yaml(path: Path) -> Any:
    """One of booklint's own YAML files, read with libyaml when PyYAML has it (4 times faster
    than the pure-Python loader; the same data: same resolver and constructors)."""
    return yaml.load(path.read_text(encoding="utf-8"), Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))


@functools.cache
def exporter_fields() -> frozenset[str]:
    """Fields that reference managers and databases write on their own (``rules/bib/lists/
    exporter-fields.yml``): not typos under any model."""
    data = _shipped_yaml(rules_path("bib", "lists", "exporter-fields.yml")) or {}
    return frozenset(str(f).lower() for fields in data.values() for f in fields or [])


def available_models() -> list[str]:
    return sorted(p.stem for p in rules_path("bib").glob("*.yml"))
