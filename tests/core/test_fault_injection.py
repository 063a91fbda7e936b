"""Break one thing at a time in a copy of a real book: each break is exactly one new finding,
on the right line, and nothing else changes."""

from __future__ import annotations

import re

import pytest
from helpers import lint, needs_corpus


def _break(path, pattern: str, replacement: str) -> int:
    """Replace the first match of ``pattern``; return its 1-based line."""
    text = path.read_text(encoding="utf-8")
    m = re.search(pattern, text, re.M)
    assert m, f"{pattern!r} not found in {path.name}"
    path.write_text(text[: m.start()] + m.expand(replacement) + text[m.end():], encoding="utf-8")
    return text.count("\n", 0, m.start()) + 1


CASES = [
    # (file, pattern, replacement, expected code)
    ("index.md", r"\]\(roofline\)", "](roofline-typo)", "L001"),
    ("index.md", r"conclusion#further-reading", "conclusion#further-readings", "L002"),
    ("tpus.md", r'path="assets/img/([\w-]+)\.png"', r'path="assets/img/\1-missing.png"', "I001"),
    ("tpus.md", r"^next_section_url: \.\./sharding", "next_section_url: ../shardin", "L005"),
    ("sharding.md", r"\]\(#some-problems-to-work\)", "](#some-problem-to-work)", "L002"),
    ("roofline.md", r'path="assets/img/([\w-]+)\.png"', r'path="assets/IMG/\1.png"', "I002"),
]


@needs_corpus
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_each_break_is_one_new_finding(copy_book, lang):
    book = copy_book(f"scaling-book-{lang}")
    before = {(f.path, f.line, f.code, f.message) for f in lint(book)}
    for file, pattern, repl, code in CASES:
        line = _break(book / file, pattern, repl)
        after = {(f.path, f.line, f.code, f.message) for f in lint(book)}
        new = after - before
        assert [(p, ln, c) for p, ln, c, _ in new] == [(file, line, code)], f"{file}:{line} {code}: {sorted(new)}"
        assert before <= after, f"findings disappeared: {sorted(before - after)}"
        before = after
