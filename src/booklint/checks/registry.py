"""Rules, findings and fixes: the contract between the engine and every check.

A rule is a function decorated with :func:`rule`. Its docstring is its documentation, in
fixed sections (What it does / Why is this bad? / Example / Use instead), and
``tests/fixtures/<CODE>/bad.md`` + ``good.md`` are its examples: ``booklint rule CODE``
prints both, and the test suite runs the rule on both, so the doc cannot drift from what
the rule does.

A document rule is called once per Markdown file: ``func(doc, ctx)``. A book rule is
called once per run with every Document: ``func(book, ctx)``. Both yield findings made
with ``ctx.finding(...)``; neither opens nor parses a file itself.
"""

from __future__ import annotations

import inspect
import re
from dataclasses import dataclass
from typing import Any, Callable, Iterator

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
FAMILIES = {
    "L": "links",
    "I": "images",
    "M": "math",
    "B": "bibliography",
    "C": "citations",
    "S": "spelling",
    "T": "terminology",
    "D": "markup",
    "E": "encoding",
    "P": "parity",
    "X": "booklint",
}


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of one file with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    drop_bom: bool = False  # also remove the file's byte-order mark (which is not part of its text)


@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    fix: Fix | None = None
    start: int = 0  # offsets into the file's text (for suppressions and fixes)
    end: int = 0
    edit_positions: tuple[tuple[int, int, int, int], ...] = ()  # (line, col, end_line, end_col) per fix edit

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fix": None,
        }
        if self.fix is not None:
            d["fix"] = {
                "description": self.fix.description,
                "safe": self.fix.safe,
                "edits": [
                    {"content": e.new, "start": e.start, "end": e.end,
                     **({"line": p[0], "column": p[1], "end_line": p[2], "end_column": p[3]} if p else {})}
                    for e, p in zip(self.fix.edits, self.edit_positions or [None] * len(self.fix.edits))
                ],
            }
        return d


@dataclass(frozen=True)
class Rule:
    code: str
    name: str
    family: str
    scope: str  # "document" or "book"
    default: bool
    severity: str
    func: Callable[..., Iterator[Finding]]
    doc: str
    fixable: bool = False

    @property
    def summary(self) -> str:
        for line in self.doc.splitlines():
            line = line.strip()
            if line and not line.lower().startswith("## what it does") and not line.startswith("#"):
                return line
        return self.name.replace("-", " ")


RULES: dict[str, Rule] = {}
BY_NAME: dict[str, Rule] = {}
# settings a family accepts in config: family -> key -> (type or tuple of types, default, help)
# and, optionally, a fourth item: the allowed values
SETTINGS: dict[str, dict[str, tuple]] = {}


def rule(code: str, name: str, *, scope: str = "document", default: bool = True, severity: str = "error",
         fixable: bool = False) -> Callable:
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be a capital letter and three digits")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if scope not in ("document", "book"):
        raise ValueError(f"rule scope must be 'document' or 'book', not {scope!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")

    def deco(func: Callable) -> Callable:
        if code in RULES and RULES[code].func is not func:
            raise ValueError(f"rule code {code} is registered twice")
        if name in BY_NAME and BY_NAME[name].code != code:
            raise ValueError(f"rule name {name} is registered twice")
        r = Rule(code, name, FAMILIES.get(code[0], "other"), scope, default, severity, func,
                 inspect.cleandoc(func.__doc__ or ""), fixable)
        RULES[code] = r
        BY_NAME[name] = r
        return func

    return deco


# family -> a function that gets the family's configured values and returns what is wrong
# with them (a message naming the key), or None; for checks a type alone cannot express
SETTING_CHECKS: dict[str, Callable[[dict[str, Any]], str | None]] = {}


def settings(family: str, spec: dict[str, tuple],
             check: Callable[[dict[str, Any]], str | None] | None = None) -> None:
    """Declare the config keys a family reads from ``[tool.booklint.<family>]``:
    ``{key: (type, default, help)}``, or ``(type, default, help, allowed_values)``.

    ``check`` (optional) validates the values once their types are right: it returns a
    message such as "`inline-renderer` must be one of auto, katex, mathjax, none", or None.
    """
    SETTINGS.setdefault(family, {}).update(spec)
    if check is not None:
        SETTING_CHECKS[family] = check


def all_rules() -> list[Rule]:
    from . import load_all

    load_all()
    return sorted(RULES.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    all_rules()
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())
