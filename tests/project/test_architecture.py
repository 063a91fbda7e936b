"""The shape of the code, checked: data flows one way and every rule has one obvious home.

* ``checks/`` holds rules only: each module is a family ``__init__`` or defines exactly one ``@rule``.
* Arrows run rule → library, never back, and never upward: libraries (document, book, views,
  prose, formulas, tex, bibliography, cite, suppress) import neither rules nor the engine, the
  configuration, the CLI, the reports or fixes; rules import no other family, nor the engine.
* Every rule's documentation has its four sections, so ``booklint rule CODE`` never drifts.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from booklint.registry import all_rules

SRC = Path(__file__).resolve().parents[2] / "src" / "booklint"
LIBRARIES = ("document", "book", "views", "prose", "formulas", "tex", "bibliography", "cite", "suppress", "translation",
             "external")
ABOVE_LIBRARIES = ("checks", "engine", "config", "cli", "context", "report", "fix", "citation", "server", "adopt",
                   "manual")
SECTIONS = ("## What it does", "## Why is this bad?", "## Example", "## Use instead")


def _module(path: Path) -> str:
    parts = list(path.relative_to(SRC.parent).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _imports(path: Path) -> set[str]:
    """Every booklint module ``path`` imports, at any depth of the file, as absolute names."""
    mod = _module(path)
    package = mod if path.name == "__init__.py" else mod.rsplit(".", 1)[0]
    out: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            out.update(a.name for a in node.names if a.name.startswith("booklint"))
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[: len(base) - (node.level - 1)]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.startswith("booklint"):
                out.add(target)
                out.update(f"{target}.{a.name}" for a in node.names)  # `from . import x` may name a module
    return out


MODULES = {_module(p): p for p in SRC.rglob("*.py")}


def _top(name: str) -> str:
    parts = name.split(".")
    return parts[1] if len(parts) > 1 else ""


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if _top(m) in LIBRARIES or m in (
    "booklint.findings", "booklint.registry", "booklint.data", "booklint.atomic")))
def test_libraries_import_nothing_above_them(mod):
    bad = sorted(i for i in _imports(MODULES[mod]) if _top(i) in ABOVE_LIBRARIES and i in MODULES
                 and not (mod == "booklint.registry" and i == "booklint.checks"))  # the registry loads the rules
    assert not bad, f"{mod} imports {bad}"


def test_findings_are_the_bottom():
    assert not [i for i in _imports(MODULES["booklint.findings"]) if i in MODULES]


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if m.startswith("booklint.checks.")))
def test_rules_import_libraries_only(mod):
    family = mod.split(".")[2]
    bad = []
    for i in _imports(MODULES[mod]):
        if i not in MODULES:
            continue
        if i.startswith("booklint.checks.") and i.split(".")[2] != family:
            bad.append(i)  # another family's module
        elif i.startswith(f"booklint.checks.{family}.") and MODULES[i].name != "__init__.py":
            bad.append(i)  # a sibling rule's module
        elif _top(i) in ABOVE_LIBRARIES and _top(i) not in ("checks", "context"):
            bad.append(i)
    assert not bad, f"{mod} imports {sorted(bad)}"


@pytest.mark.parametrize("mod", sorted(m for m in MODULES if m.startswith("booklint.checks.")))
def test_each_rule_module_defines_exactly_one_rule(mod):
    path = MODULES[mod]
    if path.name == "__init__.py":
        return
    tree = ast.parse(path.read_text(encoding="utf-8"))
    rules = [d for node in ast.walk(tree) if isinstance(node, ast.FunctionDef) for d in node.decorator_list
             if isinstance(d, ast.Call) and getattr(d.func, "id", getattr(d.func, "attr", "")) == "rule"]
    assert len(rules) == 1, f"{mod} defines {len(rules)} rules; checks/ holds one rule a module (libraries live beside it)"


def test_only_the_engine_side_loads_rule_modules():
    for mod, path in MODULES.items():
        if mod.startswith("booklint.checks"):
            continue
        deep = sorted(i for i in _imports(path) if i.startswith("booklint.checks.") and i in MODULES)
        assert not deep, f"{mod} imports rule modules {deep}"


@pytest.mark.parametrize("rule", all_rules(), ids=lambda r: r.code)
def test_every_rule_documents_its_four_sections(rule):
    at = [rule.doc.find(s) for s in SECTIONS]
    assert all(a >= 0 for a in at), f"{rule.code}: missing {[s for s, a in zip(SECTIONS, at, strict=True) if a < 0]}"
    assert at == sorted(at), f"{rule.code}: the sections are out of order"


def test_rule_modules_are_named_after_their_rule():
    for r in all_rules():
        mod = r.func.__module__
        assert mod.startswith(f"booklint.checks.{r.family}."), (r.code, mod, r.family)
        assert mod.rsplit(".", 1)[1] == r.name.replace("-", "_"), (r.code, mod)
