"""The book's own vocabulary, built once per run and shared by the S and T rules.

Rules never re-read a file: the words come from the parsed Documents (``words.py``),
and the book's word lists from ``book.source()`` (read once) and the config. Everything
is computed on first use and kept on the Book object, so a document rule called for each
chapter pays for it once.

It is built for speed: each chapter's prose segments are joined (by NUL, which no token
crosses) and cut into tokens by one C-level ``split`` (``words.TOKEN_SPLIT``, which also
gives each token's place); words and counts are worked out once per *distinct* token, and
a token's places are looked up only when a rule has something to report there.
"""

from __future__ import annotations

import bisect
import re
import sys
from array import array
from collections import Counter
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from itertools import accumulate, chain, compress, count, islice, repeat
from operator import add, attrgetter, itemgetter, sub
from typing import Any

from ..document.model import Document
from ..document.source import split_lines
from .words import CYRILLIC, GLUE, LATIN, TOKEN, TOKEN_SPLIT, Segment, hidden_ranges, segments, token_words

PACK_DIR = ".booklint"  # the book's own rule pack: .booklint/words/*.txt, .booklint/terms/*.yml
_TOKEN_CHARS = frozenset("-_")




class DocText:
    """One chapter's prose as tokens, kept compact: a big book keeps one of these a page until
    the end of the run, for the book-wide rules.

    ``text`` is the segments' texts joined by NUL; the segments themselves are made on demand
    from flat arrays (:attr:`segments`), and the token stream is one small integer a token into
    the page's table of distinct tokens (:attr:`tokens`, :attr:`spaced` make the lists when a rule
    asks), with each token's place in ``text`` (so a token's uses are found without searching the
    text: :meth:`places`). ``counts`` is token → uses (tokens after a dot, or inside
    `name [at] host`, left out).
    While the page's own rules run, its Segment objects are kept as well; setting ``doc`` to None
    (the engine keeps only the page's summary from then on) drops them.
    """

    __slots__ = ("_doc", "_segs", "_view", "_text", "_bstarts", "starts", "counts", "hidden", "_where", "_wnames", "_pidx", "_pstart",
                 "_psrc", "_table", "_ids", "_spaced", "_offs", "_last", "_inside")

    def __init__(self, doc: Document, segs: list[Segment], text: str, found_tokens: list[str],
                 offsets: Iterable[int], spaced: bytes, counts: Counter, hidden: list[tuple[int, int]],
                 distinct=None):
        self._doc = doc
        self._segs: list[Segment] | None = segs
        self._view: _Segments | None = None
        self.counts = counts
        self.hidden = hidden
        texts = list(map(_TEXT, segs))
        # where each segment begins in ``text``
        self.starts = array("I", map(add, accumulate(map(len, texts[:-1]), initial=0), count()) if segs else ())
        self._text: str | bytes = text
        self._bstarts = self.starts
        if not text.isascii():  # a str takes 2 or 4 bytes a character for all if one needs them
            utf8 = text.encode("utf-8", _SURR)
            if len(utf8) + 64 < (sys.getsizeof(text) - sys.getsizeof("")) * 2 // 3:  # not Russian, say
                self._text = utf8  # and each segment's place in it:
                sizes = map(len, map(_encode, texts[:-1]))
                self._bstarts = array("I", map(add, accumulate(sizes, initial=0), count()))
        # segment i's pieces are _pstart/_psrc[_pidx[i]:_pidx[i + 1]]
        self._pidx = array("I", accumulate(map(len, map(_STARTS, segs)), initial=0))
        self._pstart = array("I", chain.from_iterable(map(_STARTS, segs)))
        self._psrc = array("I", chain.from_iterable(map(_SRC, segs)))
        wheres = list(map(_WHERE, segs))
        wnames = dict.fromkeys(wheres)
        for i, w in enumerate(wnames):
            wnames[w] = i
        self._where = bytes(map(wnames.__getitem__, wheres))
        self._wnames = tuple(wnames)
        self._spaced = spaced  # 1 when one space leads from this token to the next
        self._offs = array("H" if len(text) <= 0xFFFF else "I", offsets)  # where each token begins in text
        self._set_tokens(found_tokens, distinct)
        self._last: tuple[int, Segment] | None = None
        self._inside: bool | None = None

    def _set_tokens(self, toks, distinct=None) -> None:
        """The token stream ``toks`` as ids into a table of its distinct tokens (``distinct``: a
        list of those tokens, each already the one interned str, when the caller has one)."""
        table = self._table = list(map(sys.intern, dict.fromkeys(toks))) if distinct is None else distinct
        index = dict(zip(table, count()))
        self._ids = array("H" if len(table) < 1 << 16 else "I", map(index.__getitem__, toks))

    @property
    def text(self) -> str:
        """The segments' texts joined by NUL."""
        t = self._text
        return t if type(t) is str else t.decode("utf-8", _SURR)

    @property
    def tokens(self) -> list[str]:
        """The page's tokens, in order (a new list each time)."""
        return list(map(self._table.__getitem__, self._ids))

    @property
    def distinct(self) -> list[str]:
        """The page's distinct tokens, every one, in order of first use (the page's own table:
        not to be changed). :attr:`counts` leaves out the tokens written after a dot."""
        return self._table

    @property
    def spaced(self) -> list[str]:
        """" " when one space leads from a token to the next, else "" (a new list each time)."""
        return list(map(_SPACED.__getitem__, self._spaced))

    @property
    def doc(self) -> Document:
        return self._doc

    @doc.setter
    def doc(self, doc: Document) -> None:
        self._doc = doc
        if doc is None:
            self._segs = None  # detached: the compact form only (segments made when asked for)

    @property
    def segments(self) -> list[Segment] | _Segments:
        if self._segs is not None:
            return self._segs
        if self._view is None:
            self._view = _Segments(self)
        return self._view

    def segment(self, si: int) -> Segment:
        """Segment ``si`` (0 <= si < len(starts)), made from the arrays unless it was the last one made."""
        last = self._last
        if last is not None and last[0] == si:
            return last[1]
        t, starts = self._text, self._bstarts
        a = starts[si]
        b = starts[si + 1] - 1 if si + 1 < len(starts) else len(t)
        p, q = self._pidx[si], self._pidx[si + 1]
        seg = Segment(t[a:b] if type(t) is str else t[a:b].decode("utf-8", _SURR), self._wnames[self._where[si]],
                      self._pstart[p:q].tolist(),
                      self._psrc[p:q].tolist())
        self._last = (si, seg)
        return seg

    # The pickled state (a page goes from a worker to the main process, and into the page cache,
    # this way): a tuple, the token table as one str (no token holds a NUL) and ``counts`` as
    # arrays, so that a page is restored with one split, one intern a distinct token and a dict
    # made at C speed. (The page cache's keys change with booklint's code: no entry pickled by
    # another version of this method is ever read.)
    def __getstate__(self):
        table, counts = self._table, self.counts
        if len(counts) == len(table) and list(counts) == table:  # the common case: no token after a dot
            keys = None
        else:
            index = dict(zip(table, count()))
            keys = array("H" if len(table) < 1 << 16 else "I", map(index.__getitem__, counts))
        return (self._doc, self._segs, self._text, self._bstarts, self.starts, self.hidden, self._where, self._wnames,
                self._pidx, self._pstart, self._psrc, "\0".join(table), self._ids, self._spaced, self._offs,
                keys, array("I", counts.values()))

    def __setstate__(self, state) -> None:
        self._last = None
        self._view = None
        self._inside = None
        (self._doc, self._segs, self._text, self._bstarts, self.starts, self.hidden, self._where, self._wnames,
         self._pidx, self._pstart, self._psrc, joined, self._ids, self._spaced, self._offs, keys, values) = state
        # the table's strs as the one interned object of each: shared with the other pages' again
        table = self._table = list(map(sys.intern, joined.split("\0"))) if joined else []
        counts = self.counts = Counter()
        dict.update(counts, zip(table if keys is None else map(table.__getitem__, keys), values, strict=True))

    def segment_of(self, off: int) -> tuple[int, int]:
        """(segment index, offset inside that segment) of an offset in ``text``."""
        si = bisect.bisect_right(self.starts, off) - 1
        return si, off - self.starts[si]

    def segments_at(self, offsets: Iterable[int], text: str | None = None) -> list[tuple[int, int, int, str]]:
        """For each offset in ``text`` (in order), its segment without making it: ``(index,
        where it begins and ends in text, its kind)``. ``text``: the page's, when the caller has it."""
        starts = self.starts.tolist()  # a list: bisect and indexing make no int objects
        ends = list(map(sub, islice(starts, 1, None), repeat(1)))  # one NUL between two segments
        ends.append(len(self.text if text is None else text))
        kinds = list(map(self._wnames.__getitem__, self._where))
        # C-level maps, nothing per offset in Python: a big book has some 100,000 of them
        sis = list(map(sub, map(bisect.bisect_right, repeat(starts), offsets), repeat(1)))
        return list(zip(sis, map(starts.__getitem__, sis), map(ends.__getitem__, sis), map(kinds.__getitem__, sis),
                        strict=True))

    def locate(self, wanted: set[str]) -> list[tuple[str, int]]:
        """Every place of the wanted tokens, as (token, offset in ``text``), in order: where a
        wanted token stands whole, neither glued to nor part of a longer token, outside the
        hidden ranges."""
        places = self.places(wanted)
        if places is not None:
            return [(tok, off) for _k, tok, off in places]
        return self._search(wanted)

    def places(self, wanted: set[str], text: str | None = None) -> list[tuple[int, str, int]] | None:
        """What :meth:`locate` finds, each with its index in the token stream: ``(index,
        token, offset in text)``, in order; None on a page where a place may lie inside a
        token of the stream (:meth:`starts_inside`), which only a search of the text finds.

        The places are the stream's uses of the wanted tokens that pass locate's tests. A place
        is a whole token at its end (nothing of a token follows); at its start, what precedes is
        no letter, digit, ``-`` or ``_``, nor glue after one of those. The stream's tokens are the
        longest matches from left to right, so an offset where none of them begins lies inside
        one, after a ``-`` and glue; and a place where one begins is that token, whole. The
        tests are still needed: the stream also holds tokens after a dot, in hidden ranges, or
        after a ``-`` or ``_`` (`--flag`), which locate leaves out. ``text``: the page's, when
        the caller has it (a page kept as UTF-8 is not decoded again)."""
        if self.starts_inside(text):
            return None
        counts = self.counts
        look = counts.keys() & wanted
        if not look:
            return []
        table, ids = self._table, self._ids
        # the stream as a str of one character a token (its id): each wanted token's uses by
        # str.find, at C speed
        stream = (ids.tobytes().decode(_UTF16) if ids.typecode == "H" and len(table) <= 0xD800
                  else "".join(map(chr, ids)))
        find = stream.find
        uses: list[int] = []
        for t in compress(range(len(table)), map(look.__contains__, table)):
            c = chr(t)
            k = find(c)
            while k != -1:
                uses.append(k)
                k = find(c, k + 1)
        uses.sort()
        s = self.text if text is None else text
        n = len(s)
        hidden = self.hidden
        offs = self._offs
        plain = _PLAIN
        out: list[tuple[int, str, int]] = []
        for k in uses:
            tok = table[ids[k]]
            i = offs[k]
            j = i + len(tok)
            if _whole_at(s, i, j, n, hidden, plain):  # locate's tests
                out.append((k, tok, i))
        return out

    def place_offsets(self, ks: Iterable[int], text: str | None = None) -> list[int | None]:
        """For each stream index of ``ks``, the token's offset in ``text`` when :meth:`places`
        would give it (it passes locate's tests; whether the token is in ``counts`` is the
        caller's to check), else None. ``text``: the page's, when the caller has it."""
        s = self.text if text is None else text
        n = len(s)
        table, ids, offs, hidden = self._table, self._ids, self._offs, self.hidden
        plain = _PLAIN
        out: list[int | None] = []
        for k in ks:
            i = offs[k]
            j = i + len(table[ids[k]])
            out.append(i if _whole_at(s, i, j, n, hidden, plain) else None)
        return out

    def spaced_pairs(self, heads: set[str], tails: set[str]) -> list[tuple[int, str, str]]:
        """``(index, head, tail)`` for each token of ``heads`` in the stream that one space
        leads from to a token of ``tails``, in order: every adjacent pair of :attr:`tokens` that
        :attr:`spaced` joins, tokens after a dot or hidden too, without making those lists."""
        table = self._table
        if heads.isdisjoint(table) or tails.isdisjoint(table):
            return []
        n = len(self._ids)
        # each token's roles, 1 for a head and 2 for a tail (the bytes are 0 or 1: a shift moves
        # no bit across a byte)
        roles = (int.from_bytes(bytes(map(heads.__contains__, table)), "little")
                 | int.from_bytes(bytes(map(tails.__contains__, table)), "little") << 1)
        marked = self.marks(roles.to_bytes(len(table), "little"))
        heads_at = int.from_bytes(marked.translate(_HEAD_BIT), "little")
        tails_at = int.from_bytes(marked.translate(_TAIL_BIT), "little")
        # a head, one space, a tail: byte k + 1 moves to byte k with a shift of 8
        hits = (heads_at & int.from_bytes(self._spaced, "little") & tails_at >> 8).to_bytes(n, "little")
        ids = self._ids
        out = []
        find = hits.find
        k = find(1)
        while k != -1:
            out.append((k, table[ids[k]], table[ids[k + 1]]))
            k = find(1, k + 1)
        return out

    def marks(self, flags: bytes) -> bytes:
        """``flags[i]`` for each token of the stream, ``i`` its index in the page's table: one
        byte a token, in order (``flags``: one byte an entry of the table).

        A gather at C speed, as no loop in Python could do it for every token of a big book on
        each run: ``bytes.translate`` maps one byte to one byte, so the ids' low bytes are
        translated once for each high byte whose block of the table has a flag set, and each
        result is kept where the high byte is that one."""
        ids = self._ids
        n = len(ids)
        if ids.typecode != "H" or sys.byteorder != "little" or not n:
            return bytes(map(flags.__getitem__, ids))
        raw = ids.tobytes()
        lo = raw[0::2]
        if len(flags) <= 256:  # every high byte is 0
            return lo.translate(flags.ljust(256, b"\0"))
        hi = raw[1::2]
        out = 0
        for h in range((len(flags) + 255) >> 8):
            block = flags[h << 8:(h + 1) << 8]
            if block.count(0) == len(block):
                continue
            got = int.from_bytes(lo.translate(block.ljust(256, b"\0")), "little")
            here = int.from_bytes(hi.translate(bytes(h) + b"\xff" + bytes(255 - h)), "little")
            out |= got & here
        return out.to_bytes(n, "little")

    def starts_inside(self, text: str | None = None) -> bool:
        """Can a place of :meth:`locate` lie inside a token of the stream? Only after a hyphen
        and glue: in `x-/foo` the stream has the one token, and locate finds `foo` as well.
        When not, the stream holds every place of locate, and :meth:`places` gives them."""
        r = self._inside
        if r is None:
            r = self._inside = _HYPHEN_GLUE.search(self.text if text is None else text) is not None
        return r

    def _search(self, wanted: set[str]) -> list[tuple[str, int]]:
        """:meth:`locate` by searching the text for each wanted token."""
        s = self.text
        n = len(s)
        out: list[tuple[str, int]] = []
        counts = self.counts
        hidden = self.hidden
        find = s.find
        plain = _PLAIN
        for tok in wanted:
            if tok not in counts:
                continue
            k = len(tok)
            i = find(tok)
            while i != -1:
                if _whole_at(s, i, i + k, n, hidden, plain):
                    out.append((tok, i))
                i = find(tok, i + 1)
        out.sort(key=_second)
        return out


_SPACED = ("", " ")
_ONE_SPACE = frozenset((" ",)).__contains__  # is a str one space? (C-level, faster than " ".__eq__)
_SURR = "surrogatepass"
_UTF16 = "utf-16-le" if sys.byteorder == "little" else "utf-16-be"  # an array("H") as bytes
_HYPHEN_GLUE = re.compile("-[" + re.escape(GLUE) + "]")
_HEAD_BIT = bytes(v & 1 for v in range(256))
_TAIL_BIT = bytes(v >> 1 & 1 for v in range(256))


def _encode(t: str) -> bytes:
    return t.encode("utf-8", _SURR)


_TEXT, _WHERE, _STARTS, _SRC = attrgetter("text"), attrgetter("where"), attrgetter("_starts"), attrgetter("_src")


_second = itemgetter(1)
# characters that end a token on either side whatever is around them: not a letter or digit, not
# `-` or `_`, not glue (words.GLUE)
_PLAIN = frozenset(" \0\t\n,;!?()[]{}<>\"*|") - set(GLUE)


class _Segments(Sequence):
    """A page's segments, each made when asked for (:meth:`DocText.segment`)."""

    __slots__ = ("_dt",)

    def __init__(self, dt: DocText):
        self._dt = dt

    def __len__(self) -> int:
        return len(self._dt.starts)

    def __getitem__(self, si):
        dt = self._dt
        last = dt._last
        if last is not None and last[0] == si:  # the common case: the segment asked for just before
            return last[1]
        if isinstance(si, slice):
            return [self[i] for i in range(*si.indices(len(self)))]
        n = len(dt.starts)
        if si < 0:
            si += n
        if not 0 <= si < n:
            raise IndexError("segment index out of range")
        return dt.segment(si)

    def __iter__(self):
        for si in range(len(self._dt.starts)):
            yield self._dt.segment(si)


def _whole_at(s: str, i: int, j: int, n: int, hidden: list[tuple[int, int]], plain: frozenset = _PLAIN) -> bool:
    """Does the token at ``s[i:j]`` (``n`` = len(s)) stand whole, neither glued to nor part of a
    longer token, and outside the ``hidden`` ranges? :meth:`DocText.locate`'s tests."""
    # the common case first: a space, NUL or punctuation that is no glue on both sides
    if ((s[i - 1] in plain if i else True) and (s[j] in plain if j < n else True)
            or _starts_token(s, i) and _ends_token(s, j, n)):
        return not hidden or not any(a <= i < b for a, b in hidden)
    return False


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
    _lines: dict[str, str] = field(default_factory=dict)  # page → its prose for phrase_used (made when asked)
    _token_text: str | None = None
    _distinct: set[str] | None = None

    @property
    def distinct(self) -> set[str]:
        """Every distinct token of the pages' prose (:attr:`DocText.distinct`), tokens after a
        dot too; made on first use (not to be changed)."""
        if self._distinct is None:
            self._distinct = set().union(*(dt.distinct for dt in self.docs.values()))
        return self._distinct

    def count(self, lower: str) -> int:
        return self.latin.get(lower, 0) or self.cyrillic.get(lower, 0)

    def hits(self, dt: DocText, lows: set[str], tokens: set[str] | None = None
             ) -> Iterator[tuple[str, int, int, int, str | None]]:
        """Each use in one chapter of the words whose lower case is in ``lows``:
        ``(word, segment index, start, end, compound)`` in segment offsets. ``tokens``: the
        tokens that hold those words (the union of their :attr:`in_tokens`), when the caller
        has it already (a rule called for each page builds it once)."""
        wanted = tokens
        if wanted is None:
            wanted = set()
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
        """Does the book's prose contain ``phrase`` (lower case, words separated by one space),
        with no letter or digit just before or after it? Most phrases are told from the
        distinct tokens, without scanning the prose."""
        # A word of ASCII letters, digits and inner hyphens, found in the prose's lower case
        # between characters that are not letters or digits, lies inside one token (a token
        # takes every letter, digit, `_` and `-` next to it; only `İ` and the Kelvin sign lower
        # to ASCII, and both are letters), and a token's edges are such characters. So a phrase
        # of one such word is in the prose exactly when it is in a token's lower case, between
        # characters that are not letters or digits or at an edge. Words separated by spaces
        # stand in tokens separated by white space: the first ends a token, the last begins
        # one, the middle ones are whole tokens; when the tokens allow that, the prose decides.
        parts = phrase.split(" ")
        docs = self.docs
        order: Iterable[str] = docs
        if phrase.isascii() and all(map(_PLAIN_WORD.fullmatch, parts)):
            toks = self._tokens_text()
            if len(parts) == 1:
                return _bounded(toks, phrase)
            if not (_bounded(toks, parts[0] + "\n", after=False) and _bounded(toks, "\n" + parts[-1], before=False)
                    and all(f"\n{p}\n" in toks for p in parts[1:-1])):
                return False
            # the prose decides, the pages that use the first and last words as tokens first: a
            # phrase in use is found there at once, one that is not needs every page
            first, last = parts[0], parts[-1]
            likely = {rel: None for rel, dt in docs.items() if first in dt.counts and last in dt.counts}
            order = chain(likely, (r for r in docs if r not in likely))
        # page by page: a phrase holds no line break, so no use of it crosses two pages
        return any(_bounded(self._line(rel), phrase) for rel in order)

    def _line(self, rel: str) -> str:
        """One page's prose as phrase_used reads it: lower case, one space between words (a
        str a page: one page's emoji makes only that page's str four bytes a character)."""
        line = self._lines.get(rel)
        if line is None:
            line = self._lines[rel] = " ".join(self.docs[rel].text.lower().split())
        return line

    def _tokens_text(self) -> str:
        """The distinct tokens in lower case, one a line (a line break before the first)."""
        if self._token_text is None:
            self._token_text = "\n" + "\n".join({t.lower() for t in self.distinct}) + "\n"
        return self._token_text


_PLAIN_WORD = re.compile(r"[a-z0-9](?:[a-z0-9-]*[a-z0-9])?")


def _bounded(hay: str, want: str, before: bool = True, after: bool = True) -> bool:
    """Is ``want`` in ``hay`` with no letter or digit just before it (``before``) and just after
    it (``after``)?"""
    n = len(want)
    i = hay.find(want)
    while i != -1:
        if (not before or i == 0 or not hay[i - 1].isalnum()) and (
                not after or i + n >= len(hay) or not hay[i + n].isalnum()):
            return True
        i = hay.find(want, i + 1)
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
    text = "\0".join(map(_TEXT, segs))
    # what TOKEN.findall finds, and where: [between, token, between, token, ..., between]
    parts = TOKEN_SPLIT.split(text)
    tokens = parts[1::2]
    n = len(tokens)
    offsets = list(islice(accumulate(map(len, parts)), 0, len(parts) - 1, 2))
    # TOKEN's one space after a token: the text between it and the next is one space
    spaced = bytes(map(_ONE_SPACE, islice(parts, 2, len(parts) - 1, 2))) + b"\0" if n else b""
    del parts
    hidden = hidden_ranges(text)
    every = Counter(tokens)  # every distinct token, in order of first use
    # the distinct tokens as the one str object of each (split makes one a use): shared by every
    # page, as the keys of ``counts`` and the page's token table
    table = list(map(sys.intern, every))
    if hidden:  # rare: count token by token, leaving the hidden ones out
        counts: Counter = Counter()
        for m in TOKEN.finditer(text):
            if not m.group(1) and not any(a <= m.start(2) < b for a, b in hidden):
                counts[m.group(2)] += 1
        counts = Counter(dict(zip(map(sys.intern, counts), counts.values(), strict=True)))
    else:
        counts = Counter()
        dict.update(counts, zip(table, every.values(), strict=True))
        # TOKEN's `.` before a token: a `.` just before where a token begins (any other `.`
        # before a letter or digit is glue inside a token); far fewer than the tokens
        dotted = []
        for m in _DOT_BEFORE.finditer(text):
            k = bisect.bisect_left(offsets, m.end())
            if k < n and offsets[k] == m.end():
                dotted.append(tokens[k])
        if dotted:
            counts.subtract(dotted)
            counts = +counts
    return DocText(doc, segs, text, tokens, offsets, spaced, counts, hidden, table)


_DOT_BEFORE = re.compile(r"\.(?=[^\W_])")


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
