"""`booklint check` at its defaults on the real books reports exactly the hand-checked lists.

``tests/corpus/expected/<book>/<family>.txt`` holds one line a finding, ``path:line CODE — why``,
each checked by hand (blank lines and ``#`` comments are notes). One test a list compares that
family's findings; one test a book compares all findings with the union of its lists, so a new
rule, or a new finding of an old one, cannot slip in without a reason written next to it.
"""

from __future__ import annotations

import functools
from pathlib import Path

import pytest
from helpers import corpus_book, expected_list, lint, needs_corpus

from booklint.registry import FAMILIES

EXPECTED = Path(__file__).resolve().parent / "expected"
LETTER = {name: letter for letter, name in FAMILIES.items()}
LISTS = sorted(EXPECTED.glob("*/*.txt"))


CONFIGS = Path(__file__).resolve().parent / "configs"


@functools.cache
def findings(book: str) -> frozenset[tuple[str, int, str]]:
    """At the defaults; a book with `configs/<book>.toml` (the Russian book: its `[translation]`
    source) is linted with that file instead of none."""
    config = CONFIGS / f"{book}.toml"
    if config.is_file():
        from booklint import engine

        found = engine.run([corpus_book(book)], engine.Options(config_path=config)).findings
    else:
        found = lint(corpus_book(book), isolated=True)
    return frozenset((f.path, f.line, f.code) for f in found)


def test_every_list_names_a_family():
    assert LISTS and all(p.stem in LETTER for p in LISTS), [p.name for p in LISTS if p.stem not in LETTER]


@needs_corpus
@pytest.mark.parametrize("listing", LISTS, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_family_findings_are_the_expected_list(listing):
    letter = LETTER[listing.stem]
    got = {f for f in findings(listing.parent.name) if f[2].startswith(letter)}
    want = expected_list(listing)
    assert got == want, f"unexpected: {sorted(got - want)}\nmissing: {sorted(want - got)}"


@needs_corpus
@pytest.mark.parametrize("book", sorted({p.parent.name for p in LISTS}))
def test_all_findings_are_the_union_of_the_lists(book):
    want: set = set()
    for listing in sorted((EXPECTED / book).glob("*.txt")):
        want |= expected_list(listing)
    got = set(findings(book))
    assert got == want, f"unexpected: {sorted(got - want)}\nmissing: {sorted(want - got)}"
