"""Words of a book's prose, each with its exact place in the source.

Prose comes only from ``doc.prose`` (paragraphs, headings, table cells, link text,
captions, alt text: code, math, HTML tags and Liquid are already cut out by the parser),
plus the front-matter ``title`` and ``description`` and the summary of a
``{% details ... %}`` tag, which the reader sees as the clickable line of the answer box.

Runs that only inline formatting separates (``neg**lig**ible``, ``the *the*``, a link's
``[`` and ``](url)``, a soft line break) are joined into one *segment* as the reader sees
it, so a word split by markup is still one word and is reported at its exact span. A
code span, math, a footnote or a citation breaks the segment.

This module is pure Python (no dictionaries): both the spelling and the terminology
rules read words through it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass
from typing import Iterator

from ...document.model import Document, Span, TextRun

# A gap between two prose runs that renders as nothing (or as one space): whitespace,
# emphasis markers, a link's `[` / `](dest)` / `][ref]`, formatting HTML tags.
_GAP_OK = re.compile(
    r"(?:\s|\*{1,3}|_{1,3}|~~|\[|\]\([^()\s]*(?:\s+\"[^\"]*\")?\)|\]\[[^\]]*\]|\]"
    r"|</?(?:a|b|i|em|strong|u|span|mark|font)\b[^<>]*>)*"
)
_NEW_BLOCK = re.compile(r"\n[ \t]*\n|\n[ \t]*(?:[*+\->#|]|\d{1,9}[.)])[ \t]")
_JOINABLE = {"paragraph": "p", "link": "p", "heading": "h", "table": "t", "caption": "c", "alt": "a",
             "front-matter": "f", "html": "p", "details": "d"}

LATIN = "latin"
CYRILLIC = "cyrillic"

# chunks: everything between spaces and hard punctuation (identifiers, URLs and file names
# stay whole so they can be recognised and skipped)
_CHUNK = re.compile(r"[^\s,;!?()\[\]{}\"“”„«»‹›—–…<>|*·•]+")
_EDGE = "'’‘.:-/`´"
_SKIP_CHARS = re.compile(r"[0-9_@/\\=+#%&$^~`:.\u00b2\u00b3\u00b9\u2070-\u209f]")
_APOS = "'’"
_EN_SUFFIXES = ("n't", "'s", "'ll", "'re", "'ve", "'d", "'m")


@dataclass(slots=True)
class Segment:
    """Prose as the reader sees it, with a map back to source offsets."""

    text: str
    where: str
    _starts: list[int]  # segment offset where each piece begins
    _src: list[int]  # source offset of that piece's first character

    def src(self, i: int) -> int:
        k = bisect.bisect_right(self._starts, i) - 1
        if k < 0:
            k = 0
        return self._src[k] + (i - self._starts[k])

    def span(self, a: int, b: int) -> Span:
        """Source span of segment text ``[a, b)`` (markup inside a word is included)."""
        if b <= a:
            s = self.src(a)
            return Span(s, s)
        return Span(self.src(a), self.src(b - 1) + 1)


def extra_runs(doc: Document) -> list[TextRun]:
    """Prose outside doc.prose: front-matter title/description, `{% details %}` summaries."""
    out: list[TextRun] = []
    text = doc.text
    fm = doc.front_matter
    if fm is not None and fm.data:
        for key in ("title", "description"):
            sp = fm.value_spans.get((key,))
            if sp is None or not isinstance(fm.data.get(key), str):
                continue
            a, b = sp.start, sp.end
            if b > a and text[a] in "\"'" and text[b - 1] == text[a]:
                a, b = a + 1, b - 1
            if b > a:
                out.append(TextRun(text[a:b], Span(a, b), "front-matter"))
    for tag in doc.liquid:
        if tag.name != "details" or not tag.markup.strip():
            continue
        raw = text[tag.span.start : tag.span.end]
        m = re.match(r"\{%-?\s*details", raw)
        if not m:
            continue
        a = tag.span.start + m.end()
        b = a + len(tag.markup)
        if text[a:b] == tag.markup:
            out.append(TextRun(tag.markup, Span(a, b), "details"))
    return out


def segments(doc: Document) -> list[Segment]:
    runs = sorted(list(doc.prose) + extra_runs(doc), key=lambda r: r.span.start)
    text = doc.text
    out: list[Segment] = []
    parts: list[str] = []
    starts: list[int] = []
    srcs: list[int] = []
    where = ""
    length = 0
    prev: TextRun | None = None

    def flush() -> None:
        nonlocal parts, starts, srcs, length
        if parts:
            out.append(Segment("".join(parts), where, starts, srcs))
        parts, starts, srcs, length = [], [], [], 0

    for r in runs:
        if _in_sub_sup(text, r):
            continue  # `d<sub>qkv</sub>`: an index, not a word
        if prev is not None:
            gap = text[prev.span.end : r.span.start] if r.span.start >= prev.span.end else None
            same = _JOINABLE.get(prev.where, prev.where) == _JOINABLE.get(r.where, r.where)
            if gap is not None and same and _GAP_OK.fullmatch(gap) and not _NEW_BLOCK.search(gap):
                if any(c.isspace() for c in gap):
                    starts.append(length)
                    srcs.append(prev.span.end)
                    parts.append(" ")
                    length += 1
            else:
                flush()
        if not parts:
            where = r.where
        starts.append(length)
        srcs.append(r.span.start)
        parts.append(r.text)
        length += len(r.text)
        prev = r
    flush()
    return out


def _in_sub_sup(text: str, r: TextRun) -> bool:
    a = r.span.start
    if a < 5 or text[a - 1] != ">":
        return False
    before = text[max(0, a - 5):a].lower()
    return before in ("<sub>", "<sup>") and text[r.span.end:r.span.end + 2] == "</"


def identifier_like(w: str) -> bool:
    """camelCase, ALLCAPS, `FLOPs`, `iPhone`: not a dictionary word whatever it looks like."""
    if w.islower():
        return False
    upper = sum(1 for c in w if c.isupper())
    if upper > 1:
        return True
    return upper == 1 and not w[0].isupper()


_CYR_WORD = re.compile(r"[\u0400-\u04ff]+")
_LAT_WORD = re.compile(r"[A-Za-z\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u024f]+")


def word_script(w: str) -> str | None:
    """LATIN or CYRILLIC for a word of letters of one script, else None."""
    if w.isascii():
        return LATIN if w.isalpha() else None
    if _CYR_WORD.fullmatch(w):
        return CYRILLIC
    if _LAT_WORD.fullmatch(w):
        return LATIN
    return None


def iter_words(seg: Segment) -> Iterator[tuple[str, int, int, str, str | None]]:
    """Dictionary-checkable words of a segment: ``(word, start, end, script, compound)``.

    Offsets are into ``seg.text`` (``seg.span(start, end)`` gives the source span). A word
    is letters of one script: chunks with digits, `_`, `/`, `.`, `@`, `:` and the like
    (identifiers, units, URLs, file names, `e.g.`) are skipped whole. A hyphenated
    compound yields each part with ``compound`` set to the whole (`из-за` is looked up
    whole first). English possessives and contractions lose their suffix (`model's`).
    Identifier shapes (camelCase, ALLCAPS) are *not* filtered here: see
    :func:`identifier_like`.
    """
    s = seg.text
    hidden = _hidden_ranges(s)
    for m in _CHUNK.finditer(s):
        c = m.group()
        a = m.start()
        if hidden and any(x <= a < y for x, y in hidden):
            continue
        if c.isalpha():  # the fast path: a plain word
            sc = word_script(c)
            if sc is not None:
                yield c, a, a + len(c), sc, None
            continue
        yield from chunk_words(c, a)


def chunk_words(c: str, a: int) -> Iterator[tuple[str, int, int, str, str | None]]:
    """The words of one chunk that is not a plain word (see :func:`iter_words`)."""
    if c[0] == "." and c[1:2].isalpha():
        return  # a dotfile or an extension: `.bashrc`, `.md`
    if c[0] in _EDGE or c[-1] in _EDGE:
        ls = c.lstrip(_EDGE)
        a += len(c) - len(ls)
        c = ls.rstrip(_EDGE)
        if not c:
            return
        if c.isalpha():
            sc = word_script(c)
            if sc is not None:
                yield c, a, a + len(c), sc, None
            return
    if _SKIP_CHARS.search(c) or "www" in c.lower():
        return
    if "-" in c:
        off = a
        for p in c.split("-"):
            pa = off
            off += len(p) + 1
            if p:
                yield from _piece(p, pa, c)
    else:
        yield from _piece(c, a, None)


_OBFUSCATED_EMAIL = re.compile(r"\S+\s*[\[(]\s*at\s*[\])]\s*\S+(?:\s*[\[(]\s*dot\s*[\])]\s*\S+)*", re.I)


def _hidden_ranges(s: str) -> list[tuple[int, int]]:
    """Stretches of prose that are not words: `name [at] host [dot] com`."""
    if "at]" not in s and "at)" not in s:
        return []
    return [(m.start(), m.end()) for m in _OBFUSCATED_EMAIL.finditer(s)]


def _piece(p: str, a: int, compound: str | None) -> Iterator[tuple[str, int, int, str, str | None]]:
    """A chunk part with apostrophes: `model's` → `model`, `doesn't` stays whole."""
    ls = p.lstrip(_APOS)
    a += len(p) - len(ls)
    p = ls.rstrip(_APOS)
    if not p:
        return
    if p.isalpha():
        sc = word_script(p)
        if sc is not None:
            yield p, a, a + len(p), sc, compound
        return
    n = p.replace("’", "'")
    low = n.lower()
    for suf in _EN_SUFFIXES:
        if low.endswith(suf) and len(n) > len(suf):
            if suf != "n't":
                n = n[: -len(suf)]
            break
    if "'" in n:
        if n.endswith("n't") and n.count("'") == 1 and n.replace("'", "").isalpha() and n.isascii():
            yield n, a, a + len(n), LATIN, compound
        return
    sc = word_script(n)
    if sc == LATIN:
        yield n, a, a + len(n), sc, compound


def sentence_start(seg: Segment, a: int) -> bool:
    """Is the word at ``a`` the first of a sentence (or of its segment)?"""
    s = seg.text
    i = a - 1
    while i >= 0 and (s[i].isspace() or s[i] in "\"'“”‘’«»(*_[—–-"):
        i -= 1
    return i < 0 or s[i] in ".!?:;"


_CAP_WORD_AFTER = re.compile(r" [A-Z\u00c0-\u00de\u0410-\u042f\u0401][^\W\d_]*(?:[-'’][^\W\d_]+)?(?![\w])")


def in_name(seg: Segment, a: int, b: int) -> bool:
    """Does a capitalised word stand next to the word at ``[a, b)``, as in `Stas Bekman`?"""
    s = seg.text
    if _CAP_WORD_AFTER.match(s, b):
        return True
    j = a - 1
    if j < 0 or s[j] != " ":
        return False
    j -= 1
    k = j
    while k >= 0 and (s[k].isalpha() or s[k] in "'’-"):
        k -= 1
    prev = s[k + 1 : j + 1]
    return len(prev) > 1 and prev[0].isupper() and not sentence_start(seg, k + 1)
