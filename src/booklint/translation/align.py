"""Aligning a translated chapter's skeleton with the original's.

A global sequence alignment (Needleman–Wunsch): blocks pair only with blocks of their own
kind, an equal pair scores 3, a pair that differs (an edited equation, a replaced figure)
between 1 and 2 by how alike the two are (the Jaccard index of their keys' character
trigrams, so that of two candidates the closer one pairs), and a block left unpaired -1. One equation dropped by the translator is then one unpaired
block, and every block after it still pairs with its own counterpart. We write the dynamic
programme ourselves: difflib's matcher finds longest equal runs, not the best alignment of
blocks that may differ, and the blocks' kinds must never cross.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from ..book.model import Book
from .pairs import Pair, source_book
from .skeleton import Block, skeleton

EQUAL, DIFFERENT, GAP = 3, 1, -1
MAX_CELLS = 1_000_000  # past this (two chapters of 1,000 differing blocks) the table costs too much: _greedy


def _grams(b: Block) -> frozenset[str]:
    x = ",".join(b.key) if isinstance(b.key, tuple) else str(b.key)
    return frozenset(x[k : k + 3] for k in range(max(1, len(x) - 2)))


def _score(a: Block, b: Block, ga: frozenset[str], gb: frozenset[str]) -> float | None:
    if a.kind != b.kind:
        return None
    if a.key == b.key:
        return EQUAL
    union = len(ga | gb)
    return DIFFERENT + (len(ga & gb) / union if union else 0.0)


def align(src: Sequence[Block], tr: Sequence[Block]) -> list[tuple[int | None, int | None]]:
    """Index pairs (source, translation) in order; None marks a block with no counterpart."""
    n, m = len(src), len(tr)
    head = 0
    while head < n and head < m and src[head].kind == tr[head].kind and src[head].key == tr[head].key:
        head += 1
    tail = 0
    while tail < n - head and tail < m - head and src[n - 1 - tail].kind == tr[m - 1 - tail].kind \
            and src[n - 1 - tail].key == tr[m - 1 - tail].key:
        tail += 1
    a, b = src[head : n - tail], tr[head : m - tail]
    middle = _nw(a, b) if len(a) * len(b) <= MAX_CELLS else _greedy(a, b)
    out: list[tuple[int | None, int | None]] = [(i, i) for i in range(head)]
    out += [(None if i is None else i + head, None if j is None else j + head) for i, j in middle]
    out += [(n - tail + k, m - tail + k) for k in range(tail)]
    return out


def _nw(a: Sequence[Block], b: Sequence[Block]) -> list[tuple[int | None, int | None]]:
    n, m = len(a), len(b)
    if not n or not m:
        return [(i, None) for i in range(n)] + [(None, j) for j in range(m)]
    neg = -1e18
    score = [[0.0] * (m + 1) for _ in range(n + 1)]
    move = [[0] * (m + 1) for _ in range(n + 1)]  # 0 diagonal, 1 up (source alone), 2 left (translation alone)
    for i in range(1, n + 1):
        score[i][0] = i * GAP
        move[i][0] = 1
    for j in range(1, m + 1):
        score[0][j] = j * GAP
        move[0][j] = 2
    ga = [_grams(x) for x in a]
    gb = [_grams(y) for y in b]
    for i in range(1, n + 1):
        ai, gai = a[i - 1], ga[i - 1]
        row, prev, mrow = score[i], score[i - 1], move[i]
        for j in range(1, m + 1):
            s = _score(ai, b[j - 1], gai, gb[j - 1])
            diag = prev[j - 1] + s if s is not None else neg
            up = prev[j] + GAP
            left = row[j - 1] + GAP
            if diag >= up and diag >= left:
                row[j], mrow[j] = diag, 0
            elif up >= left:
                row[j], mrow[j] = up, 1
            else:
                row[j], mrow[j] = left, 2
    out: list[tuple[int | None, int | None]] = []
    i, j = n, m
    while i or j:
        mv = move[i][j]
        if mv == 0:
            out.append((i - 1, j - 1))
            i, j = i - 1, j - 1
        elif mv == 1:
            out.append((i - 1, None))
            i -= 1
        else:
            out.append((None, j - 1))
            j -= 1
    out.reverse()
    return out


def _greedy(a: Sequence[Block], b: Sequence[Block]) -> list[tuple[int | None, int | None]]:
    """A cheaper alignment for huge chapters: difflib's matching runs of equal blocks, and inside
    each replaced stretch, blocks of one kind paired in order."""
    sm = difflib.SequenceMatcher(None, [(x.kind, x.key) for x in a], [(y.kind, y.key) for y in b], autojunk=False)
    out: list[tuple[int | None, int | None]] = []
    for op, i1, i2, j1, j2 in sm.get_opcodes():
        if op == "equal":
            out += [(i1 + k, j1 + k) for k in range(i2 - i1)]
            continue
        j = j1
        for i in range(i1, i2):
            k = next((k for k in range(j, j2) if b[k].kind == a[i].kind), None)
            if k is None:
                out.append((i, None))
                continue
            out += [(None, x) for x in range(j, k)]
            out.append((i, k))
            j = k + 1
        out += [(None, x) for x in range(j, j2)]
    return out


@dataclass
class Alignment:
    pair: Pair
    source: list[Block]
    translation: list[Block]
    pairs: list[tuple[int | None, int | None]]

    def matched(self):
        """(source block, translated block) for every paired block."""
        for i, j in self.pairs:
            if i is not None and j is not None:
                yield self.source[i], self.translation[j]

    def counterpart_of_source(self, i: int) -> Block | None:
        for a, b in self.pairs:
            if a == i:
                return None if b is None else self.translation[b]
        return None

    def place_of(self, k: int) -> Block | None:
        """For the ``k``-th alignment step whose translation side is empty: the translated block
        that follows the gap (or, at the end, the one before it): where the finding goes."""
        for _, j in self.pairs[k + 1 :]:
            if j is not None:
                return self.translation[j]
        for _, j in reversed(self.pairs[:k]):
            if j is not None:
                return self.translation[j]
        return None

    @property
    def counts(self) -> tuple[int, int, int]:
        """(source blocks, paired blocks, blocks paired and equal)."""
        paired = sum(1 for i, j in self.pairs if i is not None and j is not None)
        equal = sum(1 for a, b in self.matched() if a.key == b.key)
        return len(self.source), paired, equal


def chapter_alignment(book: Book, settings: Mapping[str, Any], pair: Pair) -> Alignment:
    """The alignment of one chapter pair, built once a run."""

    def build() -> Alignment:
        src = source_book(book, settings)
        assert src is not None
        s = skeleton(src, src.docs[pair.source_rel])
        t = skeleton(book, book.docs[pair.rel])
        return Alignment(pair, s, t, align(s, t))

    return book.memo(("translation.alignment", pair), build)
