"""Markup (D) and encoding (E) on the real books: exactly the expected, hand-checked findings."""

from __future__ import annotations

import pytest

from helpers import REPO, corpus_book, expected_list, lint, needs_corpus

HERE = REPO / "tests" / "corpus_expected"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("family,prefix", [("markup", "D"), ("encoding", "E")])
def test_corpus_findings_are_the_expected_ones(lang, family, prefix):
    book = corpus_book(f"scaling-book-{lang}")
    got = {(f.path, f.line, f.code) for f in lint(book, isolated=True) if f.code.startswith(prefix)}
    want = expected_list(HERE / f"{family}-{lang}.txt")
    assert got == want, f"unexpected: {sorted(got - want)}\nmissing: {sorted(want - got)}"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_rules_off_by_default_stay_quiet_where_they_should(lang):
    """The opt-in rules find only what they are documented to find on the real books."""
    book = corpus_book(f"scaling-book-{lang}")
    found = [f for f in lint(book, select=["D016", "D018"], isolated=True)]
    # every detached `- subsections:` entry of the books' TOCs (the al-folio idiom), and README's # → ###
    assert {f.code for f in found} == {"D016", "D018"}
    assert all(f.fix is not None for f in found if f.code == "D016")
    assert [(f.path, f.code) for f in found if f.code == "D018"] == [("README.md", "D018")]
