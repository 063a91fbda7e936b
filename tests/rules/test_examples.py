"""Every rule's examples, `rules/examples/<CODE>/bad.md` and `good.md`, are its tests.

A line of bad.md that must be flagged carries `expect: CODE` (in an HTML or YAML comment),
or the fixture has a `bad.expect` file listing such line numbers. good.md must be clean
for that rule. The fixture folder is the book: other files in it (a `_config.yml`, images,
other chapters) are part of it. `booklint rule CODE` prints these same files.
"""

from __future__ import annotations

import re
import shutil

import pytest
from helpers import lint

from booklint.data import examples_dir
from booklint.registry import all_rules

FIX = examples_dir()
RULES = [r for r in all_rules() if r.code not in ("X001",)]
_EXPECT = re.compile(r"expect:\s*([A-Z]\d{3}(?:[\s,]+[A-Z]\d{3})*)")


def test_every_rule_has_fixtures():
    missing = [r.code for r in RULES if not (FIX / r.code / "bad.md").is_file() or not (FIX / r.code / "good.md").is_file()]
    assert not missing, f"rules without rules/examples/<CODE>/bad.md and good.md: {missing}"


def _expected(folder, code):
    """{(path, line)} that must be flagged."""
    exp = set()
    side = folder / "bad.expect"
    if side.is_file():
        for tok in side.read_text().split():
            path, _, line = tok.rpartition(":")
            exp.add((path or "bad.md", int(line)))
    for i, line in enumerate((folder / "bad.md").read_text(encoding="utf-8").splitlines(), 1):
        m = _EXPECT.search(line)
        if m and code in re.split(r"[\s,]+", m.group(1)):
            exp.add(("bad.md", i))
    return exp


def _book(folder, tmp_path, name, with_setup):
    book = tmp_path / name
    shutil.copytree(folder, book)
    extra = folder / "setup.py"
    if with_setup and extra.is_file():  # what a text file cannot hold (a symlink, raw bytes)
        ns: dict = {}
        exec(extra.read_text(), ns)
        ns["setup"](book)
    return book


def _lint(rule, book, *paths):
    if not rule.network:
        # a fixture with its own booklint.toml (a translation naming its original) is linted with it
        return lint(book, *paths, select=[rule.code], isolated=not (book / "booklint.toml").is_file())
    # a rule that asks the network runs as `--external` does, with the fixture's own booklint.toml;
    # its setup.py serves the example's pages from 127.0.0.1, and nothing may leave this machine
    from localhttp import loopback_only

    from booklint import engine

    with loopback_only() as escapes:
        found = engine.run([book / p for p in paths], engine.Options(select=[rule.code], external=True)).findings
    assert not escapes, f"the example tried to leave 127.0.0.1: {escapes}"
    return found


@pytest.mark.parametrize("rule", RULES, ids=lambda r: r.code)
def test_fixture(rule, tmp_path):
    folder = FIX / rule.code
    if not folder.is_dir():
        pytest.skip("no fixtures")
    want = sorted(_expected(folder, rule.code))
    assert want, "bad.md marks no line with `expect: CODE` and there is no bad.expect"
    whole_book = any(p != "bad.md" for p, _ in want)
    book = _book(folder, tmp_path, "bad", True)
    bad = _lint(rule, book, *(() if whole_book else ("bad.md",)))
    got = sorted({(f.path, f.line) for f in bad if f.code == rule.code})
    assert got == want, "\n".join(f"{f.path}:{f.line}:{f.column} {f.code} {f.message}" for f in bad)
    book = _book(folder, tmp_path, "good", rule.network)
    good = _lint(rule, book, "good.md")
    assert not [f for f in good if f.code == rule.code], "\n".join(f"{f.line}: {f.message}" for f in good)
