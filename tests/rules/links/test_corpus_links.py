"""Links and images on the real books: exactly the expected, hand-checked findings."""

from __future__ import annotations

import pytest

from helpers import REPO, corpus_book, expected_list, lint, needs_corpus

HERE = REPO / "tests" / "corpus_expected"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("family,prefix", [("links", "L"), ("images", "I")])
def test_corpus_findings_are_the_expected_ones(lang, family, prefix):
    book = corpus_book(f"scaling-book-{lang}")
    got = {(f.path, f.line, f.code) for f in lint(book) if f.code.startswith(prefix)}
    want = expected_list(HERE / f"{family}-{lang}.txt")
    assert got == want, f"unexpected: {sorted(got - want)}\nmissing: {sorted(want - got)}"
