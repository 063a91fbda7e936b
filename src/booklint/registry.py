"""Rules, findings and fixes: the contract between the engine and every check.

A rule is a function decorated with :func:`rule`. Its docstring is its documentation, in
fixed sections (What it does / Why is this bad? / Example / Use instead), and
``rules/examples/<CODE>/bad.md`` + ``good.md`` are its examples: ``booklint rule CODE``
prints both, and the test suite runs the rule on both, so the doc cannot drift from what
the rule does.

A document rule is called once per Markdown file: ``func(doc, ctx)``. A book rule is
called once per run with every Document: ``func(book, ctx)``. Both yield findings made
with ``ctx.finding(...)``; neither opens nor parses a file itself.
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .findings import Finding

CODE_RE = re.compile(r"^[A-Z][0-9]{3}$")
NAME_RE = re.compile(r"^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$")
SEVERITIES = ("error", "warning", "info")
FAMILIES = {
    "L": "links",
    "I": "images",
    "M": "math",
    "B": "bib",
    "C": "citations",
    "S": "spelling",
    "T": "terminology",
    "D": "markup",
    "E": "encoding",
    "P": "parity",
    "X": "meta",
    "G": "grammar",
}


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
    kinds: frozenset[str] = frozenset()  # the kinds of a library's problems this rule reports
    network: bool = False  # asks the network: selected by `--external` / `external = true`, never by default
    cacheable: bool = True  # False: its findings depend on more than the book, config and booklint (the network)
    # True: a document rule whose findings on a page depend on that page and on the pages it reads
    # (book/reads.py), its analyses keeping no answers read from pages on demand; a later run
    # reuses them when none of those pages changed
    tracked: bool = False

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
         fixable: bool = False, kinds: Iterable[str] = (), network: bool = False, cacheable: bool | None = None,
         tracked: bool = False) -> Callable:
    """Register a rule. ``kinds`` routes a library's problems to it: a library that finds many kinds
    of problem in one pass (the TeX checker, the .bib checker) reports each kind through the rule
    that declares it (:func:`rules_for_kind`), so a rule's module is its whole home."""
    if not CODE_RE.match(code):
        raise ValueError(f"rule code {code!r} must be a capital letter and three digits")
    if not NAME_RE.match(name):
        raise ValueError(f"rule name {name!r} must be kebab-case")
    if scope not in ("document", "book"):
        raise ValueError(f"rule scope must be 'document' or 'book', not {scope!r}")
    if severity not in SEVERITIES:
        raise ValueError(f"severity must be one of {SEVERITIES}")
    if tracked and scope != "document":
        raise ValueError("only a document rule's reads of other pages are tracked")

    def deco(func: Callable) -> Callable:
        if code in RULES and RULES[code].func is not func:
            raise ValueError(f"rule code {code} is registered twice")
        if name in BY_NAME and BY_NAME[name].code != code:
            raise ValueError(f"rule name {name} is registered twice")
        r = Rule(code, name, FAMILIES.get(code[0], "other"), scope, default, severity, func,
                 inspect.cleandoc(func.__doc__ or ""), fixable, frozenset(kinds), network,
                 not network if cacheable is None else cacheable,  # what the network says is not the book's
                 tracked)
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


# family -> a function that loads, before a run forks its worker, what the family's rules would
# load on the first page they read anyway (shipped tables, lazy imports), so that the worker
# inherits it instead of loading it again (engine._warm)
WARMERS: dict[str, Callable[[list[bytes]], None]] = {}


def warmer(family: str) -> Callable:
    """Declare (in the family's ``__init__.py``) ``fn(pages)``, given the raw bytes of the pages
    about to be checked: it loads what the family's rules will load on such pages, and nothing
    a book without their kind of content does not need (no TeX tables for a book without math).
    It only moves work earlier: what the rules find cannot depend on it."""
    def deco(fn: Callable[[list[bytes]], None]) -> Callable[[list[bytes]], None]:
        WARMERS[family] = fn
        return fn

    return deco


def all_rules() -> list[Rule]:
    # The registry hosts the rules; importing the checks package (whose __init__ only walks its
    # modules) is how they register. Nothing else below the engine imports from checks/.
    from .checks import load_all

    load_all()
    return sorted(RULES.values(), key=lambda r: r.code)


def get_rule(code_or_name: str) -> Rule | None:
    all_rules()
    return RULES.get(code_or_name.upper()) or BY_NAME.get(code_or_name.lower())


def resolve_selector(sel: str, *, enabling: bool = False) -> list[str]:
    """Codes matched by a selector: a code (`L001`), a prefix (`L`, `L0`), a family's name
    (`links`, `math`), a rule's name, or `ALL`.

    ``enabling`` (for `select` and `extend-select`): a prefix or a family name turns on only the
    rules that are on by default; naming a rule (its code or name) or `ALL` turns it on whatever
    its default. For `ignore`, severities and suppressions every matched rule counts."""
    all_rules()
    s = sel.strip()
    if s.upper() == "ALL":
        return sorted(RULES)
    if s.lower() in BY_NAME:
        return [BY_NAME[s.lower()].code]
    up = s.upper()
    if up in RULES:
        return [up]
    letters = [k for k, v in FAMILIES.items() if v == s.lower()]
    if letters:
        up = letters[0]
    matched = sorted(c for c in RULES if c.startswith(up)) if up else []
    if enabling:
        matched = [c for c in matched if RULES[c].default]
    return matched


def family_names() -> list[str]:
    """The families' names as selectors (`links`, `math`, ...)."""
    return sorted(FAMILIES.values())


def select(chosen: Iterable[str] | None, extend: Iterable[str] = (), ignore: Iterable[str] = ()) -> set[str]:
    """The codes to run: ``chosen`` (None: every rule that is on by default), plus ``extend``, less
    ``ignore``. X001 (a rule that crashed) is always reported."""
    base = {r.code for r in all_rules() if r.default} if chosen is None else set(chosen)
    return ((base | set(extend)) - set(ignore)) | {"X001"}


def rules_for_kind(kind: str, family: str | None = None) -> list[str]:
    """Codes of the rules (of ``family``'s letter, if given) that declared ``kind`` on ``@rule``."""
    all_rules()
    return sorted(c for c, r in RULES.items() if kind in r.kinds and (family is None or c[0] == family))


def kinds_of(code: str) -> frozenset[str]:
    """The problem kinds rule ``code`` declared on ``@rule``."""
    all_rules()
    r = RULES.get(code)
    return r.kinds if r is not None else frozenset()
