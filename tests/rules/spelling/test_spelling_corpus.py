"""The English book's hand-checked spelling list meets the acceptance bar (tests/corpus compares the findings)."""

from __future__ import annotations

from helpers import REPO, expected_list

CODES = ("S001", "S002", "S003")


def test_the_english_book_meets_the_acceptance_bar():
    """At least 15 real typos and at most 10 findings that are not (all of the list is real)."""
    want = expected_list(REPO / "tests" / "corpus" / "expected" / "scaling-book-en" / "spelling.txt")
    text = (REPO / "tests" / "corpus" / "expected" / "scaling-book-en" / "spelling.txt").read_text(encoding="utf-8")
    real = sum(1 for line in text.splitlines() if "— real typo" in line)
    assert real >= 15 and len(want) - real <= 10
