"""A page's token places from its token stream (DocText.places, spaced_pairs, marks) are what
searching its text finds (DocText._search) and what TOKEN.findall lists."""

from __future__ import annotations

import random
from array import array
from collections import Counter

from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.document.parse import parse
from booklint.document.source import Source
from booklint.prose.vocabulary import _doc_text
from booklint.prose.words import TOKEN, TOKEN_SPLIT, hidden_ranges

# glue, hyphens, underscores, dots, quotes, hidden ranges (`[at]`), Cyrillic, digits: what
# decides where a token begins and ends
PIECES = st.sampled_from(["data", "Data", "set", "dataset", "data-set", "x", "v5e", "TPU", "слово", "ё", " ", " ",
                          "\n", "\n\n", "-", "--", "_", ".", "..", "/", "'", "’", "`", "@", ":", "=", "+", "#", "~",
                          ",", "(", ")", "\"", "*", "**", "e.g.", "jax.jit", "a-/b", "x-'y", "x_.y", "name [at] host",
                          "[dot] com", "1", "2.5", "GB/s", "# ", "| ", "- ", "<b>", "</b>", "$y$"])


def doc_text_of(text: str):
    return _doc_text(parse(Source.from_bytes("p.md", text.encode("utf-8"))))


@settings(max_examples=400, deadline=None)
@given(st.lists(PIECES, max_size=60), st.randoms(use_true_random=False))
def test_places_are_what_a_search_of_the_text_finds(pieces, rnd):
    dt = doc_text_of("".join(pieces))
    s = dt.text
    found = TOKEN.findall(s)
    assert TOKEN_SPLIT.split(s)[1::2] == [t for _d, t, _s in found]
    hidden = hidden_ranges(s)
    assert dt.counts == Counter(m.group(2) for m in TOKEN.finditer(s)
                                if not m.group(1) and not any(a <= m.start(2) < b for a, b in hidden))
    assert dt.tokens == [t for _d, t, _s in found]
    assert dt.spaced == [sp for _d, _t, sp in found]
    assert list(dt._offs) == [m.start(2) for m in TOKEN.finditer(s)]
    every = sorted(dt.counts) + ["nothing"]
    for wanted in (set(every), set(rnd.sample(every, rnd.randint(0, len(every))))):
        expected = dt._search(wanted)
        assert dt.locate(wanted) == expected
        places = dt.places(wanted)
        if places is None:  # a hyphen and glue: only the search is sure
            assert dt.starts_inside()
            continue
        assert [(tok, off) for _k, tok, off in places] == expected
        for k, tok, off in places:
            assert dt.tokens[k] == tok and dt._offs[k] == off
        # each stream token is a place where locate finds it, whatever its counts
        ks = list(range(len(dt.tokens)))
        at = dict(zip(ks, dt.place_offsets(ks), strict=True))
        assert {(dt.tokens[k], off) for k, off in at.items() if off is not None and dt.tokens[k] in dt.counts} \
            == set(dt._search(set(dt.counts)))
    toks = dt.tokens
    heads = set(rnd.sample(sorted(set(toks)), rnd.randint(0, len(set(toks)))))
    tails = set(rnd.sample(sorted(set(toks)), rnd.randint(0, len(set(toks)))))
    pairs = [(k, toks[k], toks[k + 1]) for k in range(len(toks) - 1)
             if dt.spaced[k] and toks[k] in heads and toks[k + 1] in tails]
    assert dt.spaced_pairs(heads, tails) == pairs


def test_marks_gather_over_a_big_table():
    """A page with thousands of distinct tokens: ids above 255 take the low/high byte path."""
    rnd = random.Random(7)
    words = [f"w{i}" for i in range(3000)]
    text = " ".join(rnd.choice(words) for _ in range(20000)) + "\n"
    dt = doc_text_of(text)
    assert len(dt._table) > 2000
    flags = bytes(rnd.choice((0, 0, 0, 1, 2, 3)) for _ in dt._table)
    assert dt.marks(flags) == bytes(flags[i] for i in dt._ids)
    sparse = bytearray(len(dt._table))
    sparse[1500] = 1
    assert dt.marks(bytes(sparse)) == bytes(sparse[i] for i in dt._ids)
    wanted = {dt._table[3], dt._table[700], dt._table[2100]}
    assert dt.locate(wanted) == dt._search(wanted) != []
    assert dt._offs.typecode == "I"  # a page over 65,535 characters
    dt._ids = array("I", dt._ids)  # as for a table of 65,536 tokens or more: the plain gather
    assert dt.marks(flags) == bytes(flags[i] for i in dt._ids)
    assert dt.locate(wanted) == dt._search(wanted)


def test_a_token_inside_another_is_found_by_searching():
    """`foo` in `x-/foo` is a place for locate though the stream holds `x-/foo` whole."""
    dt = doc_text_of("Say x-/foo and foo here.\n")
    assert dt.places({"foo"}) is None
    assert [tok for tok, _off in dt.locate({"foo"})] == ["foo", "foo"]


MENTION_CHARS = st.sampled_from(list(" \t\n\u00a0*_-—–:(\"'“”‘’«»`ab\0"))


@settings(max_examples=500, deadline=None)
@given(st.text(MENTION_CHARS, max_size=8), st.text(MENTION_CHARS, max_size=3), st.text(MENTION_CHARS, max_size=3),
       st.data())
def test_is_mention_on_the_joined_text_is_is_mention_on_the_segment(seg, before, after, data):
    """T002 asks is_mention of a segment's bounds in the page's joined text (no Segment made);
    both are the plain definition: quoted, or only spaces and emphasis before and a dash, colon
    or parenthesis after."""
    from booklint.prose.words import _BARE_HEAD, _CLOSE_Q, _DEFINES, _OPEN_Q, is_mention

    a = data.draw(st.integers(0, len(seg)))
    b = data.draw(st.integers(a, len(seg)))
    lo = len(before)
    plain = (0 < a and b < len(seg) and seg[a - 1] in _OPEN_Q and seg[b] in _CLOSE_Q
             or _BARE_HEAD.fullmatch(seg, 0, a) is not None and bool(_DEFINES.match(seg, b)))
    assert is_mention(before + seg + after, lo + a, lo + b, lo, lo + len(seg)) == is_mention(seg, a, b) == plain


def _state(dt) -> dict:
    """Every attribute of a DocText that a pickle carries, as plain values."""
    return {k: (v.typecode, v.tolist()) if isinstance(v, array) else v
            for k in dt.__slots__ if k not in ("_last", "_view", "_inside", "_doc", "_segs")
            for v in [getattr(dt, k)]} | {"counts order": list(dt.counts.items())}


@settings(max_examples=200, deadline=None)
@given(st.lists(PIECES, max_size=60))
def test_a_pickled_page_comes_back_the_same(pieces):
    """A page sent from a worker (or read from the cache) is the page that was made: every
    attribute equal, ``counts`` in the same order (tokens after a dot or hidden left out), and
    the table's and the counts' strs the interned ones."""
    import pickle
    import sys

    dt = doc_text_of("".join(pieces))
    dt.doc = None
    for proto in (2, pickle.HIGHEST_PROTOCOL):
        back = pickle.loads(pickle.dumps(dt, protocol=proto))
        assert type(back.counts) is Counter
        assert _state(back) == _state(dt)
        assert back.tokens == dt.tokens and back.spaced == dt.spaced and back.text == dt.text
        assert (back._bstarts is back.starts) == (dt._bstarts is dt.starts)
        assert all(t is sys.intern(t) for t in back.distinct)
        assert all(t is sys.intern(t) for t in back.counts)
        assert back.segments[:] == dt.segments[:]
