"""Input built to hurt each markup (D) and encoding (E) rule (tests/adversarial_inputs.py), at 64 KB:
no rule crashes or recurses, and each stops where the engine caps one rule's findings in one file.
The time targets (each rule under a second of CPU on 1 MB of each input) are measured by
``bench/adversarial.py``: a timed test fails on a busy machine, not on slow code."""

from __future__ import annotations

import dataclasses

import pytest
from adversarial_inputs import markup_inputs, toc_page

from booklint import engine
from booklint.book.model import Book
from booklint.config import Config
from booklint.context import Context
from booklint.registry import all_rules

pytestmark = pytest.mark.slow
SIZE = 64 << 10
CAP = 1000  # the engine's cap on findings per rule and file


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for name, text in list(markup_inputs(SIZE).items()) + [("toc", None)]:
        root = tmp_path_factory.mktemp(name)
        (root / "_config.yml").write_text("markdown: kramdown\nbaseurl: /b\n")
        body = toc_page(600) if text is None else "---\nlayout: distill\ntitle: x\n---\n" + text
        (root / "a.md").write_text(body, encoding="utf-8")
        out[name] = engine.load_book(root, Config())
    return out


def _fresh(book: Book) -> Book:
    """The same parsed pages in a new Book, so each rule builds the shared analyses it needs itself
    (every one lives in the Book's memo; the Documents hold no caches)."""
    return Book(**{f.name: getattr(book, f.name) for f in dataclasses.fields(Book) if f.init and not f.name.startswith("_")})


MINE = [r for r in all_rules() if r.code[0] in "DE"]


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_each_markup_and_encoding_rule_survives(books, rule):
    for book in books.values():
        book = _fresh(book)
        ctx = Context(book, Config(), rule)
        subject = book.docs["a.md"] if rule.scope == "document" else book
        with engine.parsed_objects_frozen():  # as the engine runs rules
            n = 0
            for n, f in enumerate(rule.func(subject, ctx) or (), 1):
                assert 1 <= f.line and f.start <= f.end
                if n >= CAP:
                    break
