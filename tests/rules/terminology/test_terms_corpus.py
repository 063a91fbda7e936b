"""booklint's terminology findings on the real books equal the hand-checked lists, exactly."""

from __future__ import annotations

import pytest

from helpers import REPO, corpus_book, expected_list, lint

CODES = ("T001", "T002", "T003", "T004")


@pytest.mark.parametrize("book,listing", [("scaling-book-en", "terms-en.txt"), ("scaling-book-ru", "terms-ru.txt")])
def test_terminology_findings_on_the_corpus(book, listing):
    root = corpus_book(book)
    want = expected_list(REPO / "tests" / "corpus_expected" / listing)
    got = {(f.path, f.line, f.code) for f in lint(root, select=list(CODES), isolated=True) if f.code in CODES}
    assert got - want == set(), "new findings, not in the list (check them, add a reason)"
    assert want - got == set(), "listed findings booklint no longer reports"
