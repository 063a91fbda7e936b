"""Bibliography (B) and citation (C) rules on the real books beyond the defaults (tests/corpus compares
those with the hand-checked lists): the opt-in rules, and exact positions in the .bib and README."""

from __future__ import annotations

import pytest
from helpers import corpus_book, lint, needs_corpus


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_the_rules_that_are_off_find_only_what_the_expected_lists_say(lang):
    """B009 (entries no chapter cites); B005 (fields BibTeX drops for the type) finds nothing: main.bib
    is printed by Distill, which never looks at the type and shows booktitle and publisher on the
    @misc blog entries (lines 47, 437, 467; BibTeX would drop them, see test_bib_rules)."""
    book = corpus_book(f"scaling-book-{lang}")
    got = sorted((f.line, f.code) for f in lint(book, select=["B005", "B009"]))
    assert got == [(44, "B009"), (68, "B009"), (157, "B009"), (434, "B009"), (465, "B009")]


@needs_corpus
def test_corpus_findings_carry_the_bib_and_readme_positions():
    book = corpus_book("scaling-book-en")
    by_line = {(f.path, f.line): f for f in lint(book, select=["B008", "C004"])}
    quote = by_line[("assets/bibliography/main.bib", 3)]
    assert (quote.column, quote.end_column) == (120, 129)  # `Dao, Tri”` exactly
    assert "Dao, Tri" in quote.message and "Remove it" in quote.message
    journal = by_line[("README.md", 57)]
    assert journal.column == 1 and "journal" in journal.message
