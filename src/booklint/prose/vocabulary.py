"""The book's own vocabulary, built once per run and shared by the S and T rules.

Rules never re-read a file: the words come from the parsed Documents (``words.py``),
and the book's word lists from ``book.source()`` (read once) and the config. Everything
is computed on first use and kept on the Book object, so a document rule called for each
chapter pays for it once.

It is built for speed: each chapter's prose segments are joined (by NUL, which no token
crosses) and cut into tokens by one C-level ``findall``; words and counts are worked out
once per *distinct* token, and a token's places are looked up only when a rule has
something to report there.
"""

from __future__ import annotations

import bisect
import sys
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..document.model import Document
from ..document.source import split_lines
from .words import CYRILLIC, GLUE, LATIN, TOKEN, Segment, hidden_ranges, segments, token_words

PACK_DIR = ".booklint"  # the book's own rule pack: .booklint/words/*.txt, .booklint/terms/*.yml
_TOKEN_CHARS = frozenset("-_")




@dataclass
class DocText:
    """One chapter's prose as tokens."""

    doc: Document
    segments: list[Segment]
    text: str  # the segments' texts joined by NUL
    starts: list[int]  # where each segment begins in ``text``
    tokens: list[str]  # in order
    spaced: list[str]  # " " when one space leads from this token to the next
    dotted: list[str]  # "." when the token follows a dot (`.bashrc`)
    counts: Counter  # token → uses (tokens after a dot, or inside `name [at] host`, left out)
    hidden: list[tuple[int, int]]  # obfuscated e-mail addresses, in ``text`` offsets

    def segment_of(self, off: int) -> tuple[int, int]:
        """(segment index, offset inside that segment) of an offset in ``text``."""
        si = bisect.bisect_right(self.starts, off) - 1
        return si, off - self.starts[si]

    def locate(self, wanted: set[str]) -> list[tuple[str, int]]:
        """Every place of the wanted tokens, as (token, offset in ``text``), in order."""
        s = self.text
        n = len(s)
        out: list[tuple[str, int]] = []
        for tok in wanted:
            if tok not in self.counts:
                continue
            k = len(tok)
            i = s.find(tok)
            while i != -1:
                if _starts_token(s, i) and _ends_token(s, i + k, n) and not self._hidden(i):
                    out.append((tok, i))
                i = s.find(tok, i + 1)
        out.sort(key=lambda x: x[1])
        return out

    def _hidden(self, i: int) -> bool:
        return bool(self.hidden) and any(a <= i < b for a, b in self.hidden)


def _starts_token(s: str, i: int) -> bool:
    if i == 0:
        return True
    c = s[i - 1]
    if c.isalnum() or c in _TOKEN_CHARS:
        return False
    j = i - 1
    while j >= 0 and s[j] in GLUE:
        j -= 1
    if j < i - 1 and j >= 0 and s[j].isalnum():
        return False  # `jit` in `jax.jit`, `x` in `https://x.org`
    if c == "." and (i == 1 or not s[i - 2].isalnum()):
        return False  # `.bashrc`
    return True


def _ends_token(s: str, j: int, n: int) -> bool:
    if j >= n:
        return True
    c = s[j]
    if c.isalnum() or c in _TOKEN_CHARS:
        return False
    k = j
    while k < n and s[k] in GLUE:
        k += 1
    return not (k > j and k < n and s[k].isalnum())


@dataclass
class Vocabulary:
    docs: dict[str, DocText] = field(default_factory=dict)
    tokens: Counter = field(default_factory=Counter)  # token → uses in the book
    words: dict[str, tuple] = field(default_factory=dict)  # token → its words (words.token_words)
    latin: Counter = field(default_factory=Counter)  # lower-cased Latin words → uses in the book
    cyrillic: Counter = field(default_factory=Counter)  # lower-cased Cyrillic words → uses
    forms: dict[str, dict[str, int]] = field(default_factory=dict)  # lower → {written form: uses}
    in_tokens: dict[str, set[str]] = field(default_factory=dict)  # lower word → tokens holding it
    _phrases: str | None = None

    def count(self, lower: str) -> int:
        return self.latin.get(lower, 0) or self.cyrillic.get(lower, 0)

    def hits(self, dt: DocText, lows: set[str]) -> Iterator[tuple[str, int, int, int, str | None]]:
        """Each use in one chapter of the words whose lower case is in ``lows``:
        ``(word, segment index, start, end, compound)`` in segment offsets."""
        wanted: set[str] = set()
        for low in lows:
            wanted |= self.in_tokens.get(low, set())
        for tok, off in dt.locate(wanted):
            si, base = dt.segment_of(off)
            ws = self.words.get(tok)
            if ws is None:
                ws = token_words(tok)
            for w, o, _sc, comp in ws:
                if w.lower() in lows:
                    yield w, si, base + o, base + o + len(w), comp

    def phrase_used(self, phrase: str) -> bool:
        """Does the book's prose contain ``phrase`` (lower case, words separated by one space)?"""
        if self._phrases is None:
            self._phrases = "\n".join(" ".join(dt.text.lower().split()) for dt in self.docs.values())
        hay = self._phrases
        i = hay.find(phrase)
        n = len(phrase)
        while i != -1:
            before = hay[i - 1] if i else " "
            after = hay[i + n] if i + n < len(hay) else " "
            if not before.isalnum() and not after.isalnum():
                return True
            i = hay.find(phrase, i + 1)
        return False


def vocabulary(book: Any) -> Vocabulary:
    return book.memo("prose.vocabulary", lambda: _build(book))


def doc_text(book: Any, doc: Document) -> DocText:
    """One page's prose as tokens, once a run. It reads that page alone (the vocabulary is built
    from these), so a rule that needs only its page's words reads no other page."""
    if book.docs.get(doc.path) is not doc:  # a Document the book does not hold
        return _doc_text(doc)
    return book.memo(("prose.doc_text", doc.path), lambda: _doc_text(doc))


def page_text(doc: Document) -> DocText:
    """One page's prose as tokens, without the book: for an engine that parses the pages in
    other processes and hands the texts to :func:`seed_vocabulary`."""
    return _doc_text(doc)


def seed_vocabulary(book: Any, texts: dict[str, DocText]) -> None:
    """Build this run's vocabulary from pages' texts made by :func:`page_text` (one for each
    of ``book.docs``, in its order; each ``dt.doc`` the Document the book holds)."""
    for rel, dt in texts.items():
        book.memo(("prose.doc_text", rel), lambda dt=dt: dt)
    book.memo("prose.vocabulary", lambda: _aggregate(texts))


def _doc_text(doc: Document) -> DocText:
    segs = segments(doc)
    starts = []
    pos = 0
    for seg in segs:
        starts.append(pos)
        pos += len(seg.text) + 1
    text = "\0".join(seg.text for seg in segs)
    found = TOKEN.findall(text)
    # one str object a distinct token (findall makes one an occurrence): 150 MB less on a 50x book
    tokens = list(map(sys.intern, [t for _d, t, _s in found]))
    dotted = [d for d, _t, _s in found]
    spaced = [sp for _d, _t, sp in found]
    hidden = hidden_ranges(text)
    if hidden:  # rare: count token by token, leaving the hidden ones out
        counts: Counter = Counter()
        for m in TOKEN.finditer(text):
            if not m.group(1) and not any(a <= m.start(2) < b for a, b in hidden):
                counts[m.group(2)] += 1
    else:
        counts = Counter(tokens)
        if any(dotted):
            counts.subtract(t for d, t, _s in found if d)
            counts = +counts
    return DocText(doc, segs, text, starts, tokens, spaced, dotted, counts, hidden)


def work_vocabulary(book: Any, scope: str, work: str) -> Vocabulary:
    """The vocabulary of one work (``works.py``): the book's own when every page is in it."""
    from .works import split

    parts = split(book, scope)
    rels = parts.get(work, [])
    if len(parts) <= 1 or len(rels) == len(book.docs):
        return vocabulary(book)
    full = vocabulary(book)
    return book.memo(("prose.vocabulary", scope, work), lambda: _aggregate({r: full.docs[r] for r in rels}))


def _build(book: Any) -> Vocabulary:
    # each page's words are an analysis of that page alone, memoised on their own so that a Book
    # with one page replaced (the language server's) reuses the other pages' (book.load.PAGE_ANALYSES)
    return _aggregate({rel: book.memo(("prose.doc_text", rel), lambda d=doc: _doc_text(d))
                       for rel, doc in book.docs.items()})


def _aggregate(docs: dict[str, DocText]) -> Vocabulary:
    v = Vocabulary()
    for rel, dt in docs.items():
        v.docs[rel] = dt
        v.tokens.update(dt.counts)
    latin, cyr, forms, words, in_tokens = v.latin, v.cyrillic, v.forms, v.words, v.in_tokens
    for tok, n in v.tokens.items():  # distinct tokens only from here on
        ws = words[tok] = token_words(tok)
        for w, _o, sc, _c in ws:
            low = w.lower()
            if sc == LATIN:
                latin[low] += n
            elif sc == CYRILLIC:
                cyr[low] += n
            f = forms.get(low)
            if f is None:
                forms[low] = {w: n}
                in_tokens[low] = {tok}
            else:
                f[w] = f.get(w, 0) + n
                in_tokens[low].add(tok)
    return v


# -- word lists ------------------------------------------------------------------------------

def parse_word_list(text: str) -> list[str]:
    """One word a line; `#` starts a comment; blank lines ignored."""
    out = []
    for line in split_lines(text):
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def book_words(book: Any, settings: dict) -> set[str]:
    """Words the book accepts: config `spelling.words`, `spelling.word-lists` files and
    every `.booklint/words/*.txt` (lower-cased; Russian entries may be lemmas)."""

    def build() -> set[str]:
        cfg = settings
        words = {w.strip().lower() for w in cfg.get("words", []) if isinstance(w, str) and w.strip()}
        rels = sorted(r for r in book.files.others
                      if r.startswith(PACK_DIR + "/words/") and r.endswith(".txt"))
        rels += [r.strip("/") for r in cfg.get("word-lists", []) if isinstance(r, str)]
        for rel in rels:
            src = book.source(rel)
            if src is not None:
                words.update(w.lower() for w in parse_word_list(src.text))
        return words

    return book.memo("prose.book_words", build)
