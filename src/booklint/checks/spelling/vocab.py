"""The book's own vocabulary, built once per run and shared by the S and T rules.

Rules never re-read a file: the words come from the parsed Documents (``words.py``),
and the book's word lists from ``book.source()`` (read once) and the config. Everything
is computed on first use and kept on the Book object, so a document rule called for each
chapter pays for it once.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Callable

from ...document.model import Document
from .words import _CHUNK, CYRILLIC, LATIN, Segment, chunk_words, iter_words, segments, word_script

PACK_DIR = ".booklint"  # the book's own rule pack: .booklint/words/*.txt, .booklint/terms/*.yml


def book_cache(book: Any, key: str, build: Callable[[], Any]) -> Any:
    """A value computed once per Book (kept in the Book's ``__dict__``)."""
    store = book.__dict__.setdefault("_booklint_memo", {})
    if key not in store:
        store[key] = build()
    return store[key]


@dataclass
class DocWords:
    doc: Document
    segments: list[Segment]
    # (word, segment index, start, end, script, compound) in segment offsets
    words: list[tuple[str, int, int, int, str, str | None]]


@dataclass
class Vocabulary:
    docs: dict[str, DocWords] = field(default_factory=dict)
    latin: Counter = field(default_factory=Counter)  # lower-cased Latin words → uses in the book
    cyrillic: Counter = field(default_factory=Counter)  # lower-cased Cyrillic words → uses
    forms: dict[str, Counter] = field(default_factory=dict)  # lower → Counter of written forms
    _phrases: str | None = None

    def count(self, lower: str) -> int:
        return self.latin.get(lower, 0) or self.cyrillic.get(lower, 0)

    def phrase_used(self, phrase: str) -> bool:
        """Does the book's prose contain ``phrase`` (lower case, words separated by one space)?"""
        if self._phrases is None:
            parts = []
            for dw in self.docs.values():
                for seg in dw.segments:
                    parts.append(re.sub(r"\s+", " ", seg.text.lower()))
            self._phrases = "\n".join(parts)
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
    return book_cache(book, "spelling.vocabulary", lambda: _build(book))


def doc_words(book: Any, doc: Document) -> DocWords:
    v = vocabulary(book)
    dw = v.docs.get(doc.path)
    if dw is None or dw.doc is not doc:  # a Document the book does not hold (tests)
        dw = _doc_words(doc)
    return dw


def _doc_words(doc: Document) -> DocWords:
    """All words of a document. The loop of :func:`words.iter_words`, inlined for its
    fast path (a plain word of ASCII letters), which is nine words in ten."""
    segs = segments(doc)
    out: list[tuple[str, int, int, int, str, str | None]] = []
    append = out.append
    finditer = _CHUNK.finditer
    for i, seg in enumerate(segs):
        s = seg.text
        if "at]" in s or "at)" in s:  # rare: an obfuscated e-mail address inside
            out.extend((w, i, a, b, sc, comp) for w, a, b, sc, comp in iter_words(seg))
            continue
        for m in finditer(s):
            c = m.group()
            if c.isalpha():
                if c.isascii():
                    a = m.start()
                    append((c, i, a, a + len(c), LATIN, None))
                else:
                    sc = word_script(c)
                    if sc is not None:
                        a = m.start()
                        append((c, i, a, a + len(c), sc, None))
            else:
                out.extend((w, i, a, b, sc, comp) for w, a, b, sc, comp in chunk_words(c, m.start()))
    return DocWords(doc, segs, out)


def _build(book: Any) -> Vocabulary:
    v = Vocabulary()
    exact: Counter = Counter()
    for rel, doc in book.docs.items():
        dw = _doc_words(doc)
        v.docs[rel] = dw
        exact.update(map(_first, dw.words))
    latin, cyr, forms = v.latin, v.cyrillic, v.forms
    for w, n in exact.items():  # distinct words only from here on
        low = w.lower()
        sc = word_script(w)
        if sc == LATIN:
            latin[low] += n
        elif sc == CYRILLIC:
            cyr[low] += n
        f = forms.get(low)
        if f is None:
            f = forms[low] = Counter()
        f[w] += n
    return v


def _first(t: tuple) -> str:
    return t[0]


# -- word lists ------------------------------------------------------------------------------

def parse_word_list(text: str) -> list[str]:
    """One word a line; `#` starts a comment; blank lines ignored."""
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(line)
    return out


def book_words(book: Any) -> set[str]:
    """Words the book accepts: config `spelling.words`, `spelling.word-lists` files and
    every `.booklint/words/*.txt` (lower-cased; Russian entries may be lemmas)."""

    def build() -> set[str]:
        cfg = book.config.family("spelling")
        words = {w.strip().lower() for w in cfg.get("words", []) if isinstance(w, str) and w.strip()}
        rels = sorted(r for r in book.files.others
                      if r.startswith(PACK_DIR + "/words/") and r.endswith(".txt"))
        rels += [r.strip("/") for r in cfg.get("word-lists", []) if isinstance(r, str)]
        for rel in rels:
            src = book.source(rel)
            if src is not None:
                words.update(w.lower() for w in parse_word_list(src.text))
        return words

    return book_cache(book, "spelling.book_words", build)
