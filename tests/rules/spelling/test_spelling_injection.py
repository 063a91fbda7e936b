"""Typos planted in the real books are found: two neighbouring letters swapped in 20
random prose words, English and Russian, found at least 19 times in 20.

A swap that makes another real word (`form` → `from`) is not a misspelling any spell
checker can see, so such words are not chosen; everything else is random (fixed seeds,
so a failure can be replayed).
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from helpers import lint

from booklint.book.discover import discover
from booklint.book.load import read_document
from booklint.prose.words import iter_words, segments

N = 20
SEEDS = (1, 2, 3)


def _candidates(root: Path, script: str, known, chapters=None) -> list[tuple[str, int, str]]:
    """(path, offset, word) of dictionary words of prose (four letters or more, lower case or
    capitalised: sentence starts, headings, table headers, link text), written without
    markup inside."""
    out = []
    for rel in discover(root).markdown:
        if chapters and rel not in chapters:
            continue
        doc = read_document(root, rel)
        for seg in segments(doc):
            for w, a, b, sc, comp in iter_words(seg):
                if sc != script or comp or len(w) < 4 or not w.isalpha():
                    continue
                if not (w.islower() or (w[0].isupper() and w[1:].islower())):
                    continue  # acronyms and CamelCase names are not dictionary words
                sp = seg.span(a, b)
                if doc.text[sp.start:sp.end] == w and known(w.lower()):
                    out.append((rel, sp.start, w))
    return out


def _swap(w: str, rng: random.Random, known) -> str | None:
    spots = [i for i in range(1, len(w) - 1) if w[i] != w[i + 1]]
    rng.shuffle(spots)
    for i in spots:
        typo = w[:i] + w[i + 1] + w[i] + w[i + 2:]
        if not known(typo.lower()):
            return typo
    return None


def _plant(root: Path, cands, rng: random.Random, known) -> list[tuple[str, int, int]]:
    """Write N typos into the book; return where they are (path, line, column)."""
    chosen: list[tuple[str, int, str, str]] = []
    used: set[tuple[str, int]] = set()
    for rel, off, w in rng.sample(cands, len(cands)):
        if len(chosen) == N:
            break
        if (rel, off) in used:
            continue
        typo = _swap(w, rng, known)
        if typo is None:
            continue
        chosen.append((rel, off, w, typo))
        used.add((rel, off))
    assert len(chosen) == N
    where = []
    for rel in {c[0] for c in chosen}:
        p = root / rel
        text = p.read_text(encoding="utf-8")
        for _rel, off, w, typo in sorted((c for c in chosen if c[0] == rel), key=lambda c: -c[1]):
            assert text[off:off + len(w)] == w
            text = text[:off] + typo + text[off + len(w):]
        p.write_text(text, encoding="utf-8")
        lines = text.split("\n")
        starts = [0]
        for ln in lines:
            starts.append(starts[-1] + len(ln) + 1)
        for _rel, off, _w, _t in (c for c in chosen if c[0] == rel):
            line = max(i for i, s in enumerate(starts) if s <= off)
            where.append((rel, line + 1, off - starts[line] + 1))
    return where


def _english_known():
    from booklint.prose.english import english

    freq = english().freq
    return lambda w: freq.get(w, 0) > 50


def _russian_known():
    from booklint.prose.russian import russian

    morph = russian().morph
    return lambda w: morph.word_is_known(w)


@pytest.mark.parametrize("seed", SEEDS)
def test_swapped_letters_in_english_prose_are_found(copy_book, seed):
    root = copy_book("scaling-book-en")
    known = _english_known()
    where = _plant(root, _candidates(root, "latin", known), random.Random(seed), known)
    found = {(f.path, f.line, f.column) for f in lint(root, select=["S001"], isolated=True)}
    hits = sum(1 for w in where if w in found)
    assert hits >= N - 1, f"found {hits} of {N}: missed {[w for w in where if w not in found]}"


@pytest.mark.parametrize("seed", SEEDS)
def test_swapped_letters_in_russian_prose_are_found(copy_book, seed):
    root = copy_book("scaling-book-ru")
    known = _russian_known()
    cands = _candidates(root, "cyrillic", known, chapters={"index.md", "roofline.md", "README.md"})
    where = _plant(root, cands, random.Random(seed), known)
    found = {(f.path, f.line, f.column) for f in lint(root, select=["S002"], isolated=True)}
    hits = sum(1 for w in where if w in found)
    assert hits >= N - 1, f"found {hits} of {N}: missed {[w for w in where if w not in found]}"
