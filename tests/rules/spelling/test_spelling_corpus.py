"""booklint's spelling findings on the real books equal the hand-checked lists, exactly."""

from __future__ import annotations

import pytest

from helpers import REPO, corpus_book, expected_list, lint

CODES = ("S001", "S002", "S003")


@pytest.mark.parametrize("book,listing", [("scaling-book-en", "spelling-en.txt"), ("scaling-book-ru", "spelling-ru.txt")])
def test_spelling_findings_on_the_corpus(book, listing):
    root = corpus_book(book)
    want = expected_list(REPO / "tests" / "corpus_expected" / listing)
    got = {(f.path, f.line, f.code) for f in lint(root, select=list(CODES), isolated=True) if f.code in CODES}
    assert got - want == set(), "new findings, not in the list (check them, add a reason)"
    assert want - got == set(), "listed findings booklint no longer reports"


def test_the_english_book_meets_the_acceptance_bar():
    """At least 15 real typos and at most 10 findings that are not (all of the list is real)."""
    want = expected_list(REPO / "tests" / "corpus_expected" / "spelling-en.txt")
    text = (REPO / "tests" / "corpus_expected" / "spelling-en.txt").read_text(encoding="utf-8")
    real = sum(1 for line in text.splitlines() if "— real typo" in line)
    assert real >= 15 and len(want) - real <= 10
