"""Markup (D) and encoding (E) rules that are off by default, on the real books (tests/corpus compares the defaults)."""

from __future__ import annotations

import pytest
from helpers import corpus_book, lint, needs_corpus


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
