"""Startup stays lean: `booklint --version` loads no linting code, and a run on a book without
math, bibliography or Russian loads none of those libraries or their tables (issue 13).

Each case runs booklint in a fresh interpreter and reads its ``sys.modules`` at the end, so a
new top-level import anywhere on the path fails here rather than slowing every run.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import booklint

SRC = str(Path(booklint.__file__).resolve().parents[1])

RUN = """
import json, sys
from booklint.cli import main
sys.argv = ["booklint", *sys.argv[1:]]
try:
    main()
except SystemExit:
    pass
sys.stderr.write("\\nMODULES " + json.dumps(sorted(sys.modules)) + "\\n")
"""

# what a plain-Markdown book must not load: the TeX checker and its tables, the formula
# pipeline past its entry point, the .bib parser and checker, bibtexparser, the Russian speller
# and pymorphy3, citation snippets; a book that is no translation loads no translation library,
# a run without --external no network library, a run without --fix no fixer
NOT_FOR_PLAIN = (
    "booklint.tex",
    "booklint.formulas.autorender",
    "booklint.formulas.damage",
    "booklint.bibliography.parse",
    "booklint.bibliography.checker",
    "booklint.bibliography.readme",
    "booklint.bibliography.model",
    "booklint.bibliography.datamodel",
    "booklint.bibliography.names",
    "booklint.bibliography.latex",
    "bibtexparser",
    "booklint.prose.russian",
    "pymorphy3",
    "booklint.cite",
    "ftfy",
    "booklint.translation",
    "booklint.external",
    "booklint.fix",
)


def _modules(args: list[str], cwd: Path) -> tuple[list[str], str]:
    p = subprocess.run([sys.executable, "-c", RUN, *args], cwd=cwd, capture_output=True, text=True,
                       env={"PYTHONPATH": SRC, "PATH": "/usr/bin:/bin"}, timeout=120)
    line = [ln for ln in p.stderr.splitlines() if ln.startswith("MODULES ")]
    assert line, p.stderr
    return json.loads(line[-1][len("MODULES "):]), p.stdout


def _loaded(mods: list[str], prefixes) -> list[str]:
    return [m for m in mods if any(m == p or m.startswith(p + ".") for p in prefixes)]


def test_version_loads_no_linting_code(tmp_path):
    mods, out = _modules(["--version"], tmp_path)
    assert "booklint" in out
    assert _loaded(mods, ("booklint.engine", "booklint.checks", "booklint.document.parse", "booklint.book",
                          "markdown_it", "yaml")) == []


def test_plain_book_loads_no_math_bibliography_or_russian(tmp_path):
    (tmp_path / "index.md").write_text("# A plain book\n\nSome prose with a [link](other.md) and *emphasis*.\n\n"
                                       "## Part\n\nNo formulas, no citations, no Russian.\n", encoding="utf-8")
    (tmp_path / "other.md").write_text("# Other\n\nBack to [the start](index.md#a-plain-book).\n", encoding="utf-8")
    mods, out = _modules(["check", "--no-color", "."], tmp_path)
    assert "booklint.engine" in mods and "booklint.checks.math.unknown_command" in mods  # it did run the rules
    assert "all checks passed" in out.lower()
    assert _loaded(mods, NOT_FOR_PLAIN) == []


def test_book_with_math_loads_the_tex_checker(tmp_path):
    """The counter-test: the lazy imports do load when a page has math (the test above can fail)."""
    (tmp_path / "index.md").write_text("# Math\n\nAn equation $$\\frac{a}{b}$$ here.\n", encoding="utf-8")
    mods, _ = _modules(["check", "--no-color", "."], tmp_path)
    assert "booklint.tex.checker" in mods
    assert _loaded(mods, ("bibtexparser", "booklint.prose.russian")) == []


def test_translation_loads_the_translation_library(tmp_path):
    """The counter-test for the parity rules: with `[translation] source` set they do load it."""
    (tmp_path / "orig").mkdir()
    (tmp_path / "orig" / "index.md").write_text("# Original\n\nSome prose.\n", encoding="utf-8")
    (tmp_path / "tr").mkdir()
    (tmp_path / "tr" / "index.md").write_text("# Перевод\n\nНемного текста.\n", encoding="utf-8")
    (tmp_path / "tr" / "booklint.toml").write_text('[translation]\nsource = "../orig"\n', encoding="utf-8")
    mods, _ = _modules(["check", "--no-color", "."], tmp_path / "tr")
    assert "booklint.translation.parity" in mods
    assert _loaded(mods, ("booklint.external", "booklint.fix")) == []


def test_plain_book_checked_with_a_fork_loads_no_math_bibliography_or_russian(tmp_path):
    """A book big enough for its pages to be shared with a forked child (engine.PAGES_MIN_BYTES):
    what the families load before the fork (registry.warmer) follows the pages' content too."""
    para = "Some prose about the model, with a [link](other.md) and *emphasis*, read by the checker.\n\n"
    for name in ("index", "one", "two", "other"):
        (tmp_path / f"{name}.md").write_text(f"# Page {name}\n\n" + para * 1000, encoding="utf-8")
    mods, _out = _modules(["check", "--no-color", "--jobs", "2", "."], tmp_path)
    assert "booklint.checks.math.unknown_command" in mods
    assert _loaded(mods, NOT_FOR_PLAIN) == []
