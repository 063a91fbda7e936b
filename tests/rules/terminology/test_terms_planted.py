"""A minority variant planted in one chapter of a real book is found, at its place."""

from __future__ import annotations

from pathlib import Path

from helpers import lint

from booklint.book.load import read_document
from booklint.prose.vocabulary import _doc_text


def _plant(root: Path, rel: str, old: str, new: str) -> tuple[int, int]:
    """Replace the first prose use of the token ``old`` in ``rel``; return (line, column)."""
    doc = read_document(root, rel)
    dt = _doc_text(doc)
    (tok, off), *_ = dt.locate({old})
    si, a = dt.segment_of(off)
    sp = dt.segments[si].span(a, a + len(tok))
    assert doc.text[sp.start:sp.end] == old
    text = doc.text[:sp.start] + new + doc.text[sp.end:]
    (root / rel).write_text(text, encoding="utf-8")
    line, col = doc.source.line_col(sp.start)
    return line, col


def test_planted_english_variants_are_found(copy_book):
    root = copy_book("scaling-book-en")
    at1 = _plant(root, "tpus.md", "MXU", "Mxu")
    at2 = _plant(root, "training.md", "roofline", "roof-line")
    got = {(f.path, f.line, f.column): f.message for f in lint(root, select=["T002"], isolated=True)}
    assert "`MXU`" in got[("tpus.md", *at1)]
    assert "`roofline`" in got[("training.md", *at2)]


def test_a_planted_russian_rendering_is_found_by_lemma_and_inflection_is_no_variant(copy_book):
    root = copy_book("scaling-book-ru")
    at = _plant(root, "roofline.md", "батча", "бэтча")
    _plant(root, "index.md", "инференса", "инференсом")  # another case of the same word: not a variant
    found = lint(root, select=["T001", "T002"], isolated=True)
    t001 = {(f.path, f.line, f.column): f.message for f in found if f.code == "T001"}
    assert "`батч`" in t001[("roofline.md", *at)]
    assert not [f for f in found if f.code == "T002" and "инференс" in f.message]
