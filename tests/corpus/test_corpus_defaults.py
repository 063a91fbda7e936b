"""`booklint check` at its defaults on the real books reports exactly the union of the
hand-checked per-family lists in tests/corpus_expected/ — so a new rule, or a new finding
of an old one, cannot slip in without a reason written next to it."""

from __future__ import annotations

from pathlib import Path

import pytest

from helpers import corpus_book, expected_list, lint, needs_corpus

HERE = Path(__file__).resolve().parents[1] / "corpus_expected"


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_default_findings_are_exactly_the_expected_union(lang):
    want: set = set()
    for f in sorted(HERE.glob(f"*-{lang}.txt")):
        want |= expected_list(f)
    got = {(f.path, f.line, f.code) for f in lint(corpus_book(f"scaling-book-{lang}"))}
    assert got == want, f"unexpected: {sorted(got - want)}\nmissing: {sorted(want - got)}"
