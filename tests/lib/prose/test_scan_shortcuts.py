"""The shortcuts T001 and S001 take on a big book give what the full scans give.

T001 tries the glossary's variants only at anchors found among the book's distinct tokens
(`Glossary.anchors`); S001 tells most phrase look-ups from the work's distinct tokens
(`Vocabulary.phrase_used`). Both must agree with the scans they stand in for, on any text.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.book.load import load_book
from booklint.prose.glossary import Glossary, shipped_packs
from booklint.prose.vocabulary import vocabulary
from booklint.prose.words import TOKEN

# pieces that meet the glossary's variants at their edges: case, hyphens, `_`, white space of
# several kinds, glue, the two non-ASCII letters that lower to ASCII, NUL (the segment joint)
PIECES = ["all", "All", "ALL", "all gather", "all  gather", "all\ngather", "all\u00a0reduce", "all-gather",
          "All-Gather", "AllGather", "allgathers", "allreduced", "-all", "_all", "small", "overall", "FLOPs",
          "flops", "FLOPS", "FLOPs/s", "x.allgather", "reduce scatter", "reduce", "reduce-scatter", "all to all",
          "alltoall", "AllToAll", "AllToAllToAll", "bf16", "BF16", "Bf16", "bfloat-16", "int8", "INT8", "Int8s",
          "fp8", "\u212aall", "\u0130all", "\u017f", "\0", " ", "\n", "\t", ".", "/", "-", "_", "'", "(", ")", "x", "1",
          "\u00e9", "allgather-x", "all-gatherings", "allreduce.", "e.g.", "all's"]
texts = st.lists(st.sampled_from(PIECES), min_size=1, max_size=30).map("".join)


def _glossary() -> Glossary:
    return Glossary([t for terms in shipped_packs().values() for t in terms], [])


@settings(max_examples=400, deadline=None)
@given(texts, st.lists(st.sampled_from(["AllGather", "all", "FLOPs", "small", "bf16"]), max_size=3))
def test_anchored_matches_are_the_full_scans(text, more):
    g = _glossary()
    toks = {m.group(2) for m in TOKEN.finditer(text)}
    anchors = g.anchors(toks | set(more))  # made from the book's tokens: more than the page's
    assert anchors is not None
    assert list(g.matches(text, anchors, toks)) == list(g.matches(text))


def test_anchored_matches_on_a_page(make_book):
    g = _glossary()
    text = ("We all-gather the shards; an all gather,\nan ALL-GATHER and the AllGather (not `allgathers`).\n"
            "Its FLOPs and its flops, in BF16 or bf16, int8 and INT8; jax.allgather and x_allgather.\n")
    root = make_book({"a.md": "# A\n\n" + text})
    v = vocabulary(load_book(root))
    (dt,) = v.docs.values()
    toks = {m.group(2) for m in TOKEN.finditer(dt.text)}
    found = list(g.matches(dt.text, g.anchors(toks), toks))
    assert found == list(g.matches(dt.text))
    assert {w for _t, w, *_ in found} >= {"all-gather", "all gather", "ALL-GATHER", "flops", "allgather"}


def _scanned(book, phrase: str) -> bool:
    """The full scan: each page's prose in lower case, white space one space, searched for the
    phrase between characters that are not letters or digits."""
    for dt in vocabulary(book).docs.values():
        line = " ".join(dt.text.lower().split())
        i = line.find(phrase)
        while i != -1:
            j = i + len(phrase)
            if (i == 0 or not line[i - 1].isalnum()) and (j == len(line) or not line[j].isalnum()):
                return True
            i = line.find(phrase, i + 1)
    return False


@settings(max_examples=60, deadline=None)
@given(st.lists(texts, min_size=1, max_size=3),
       st.lists(st.tuples(st.sampled_from(["all", "gather", "reduce", "to", "flops", "x", "s", "1", "\u00e9", "all's"]),
                          st.sampled_from(["-", " "]),
                          st.sampled_from(["all", "gather", "reduce", "scatter", "to", "s", "x", "\u00e9"])), max_size=8))
def test_phrase_used_is_the_full_scans(tmp_path_factory, pages, pairs):
    root = tmp_path_factory.mktemp("book")
    for i, body in enumerate(pages):
        (root / f"p{i}.md").write_text("# P\n\n" + body.replace("\0", " ") + "\n", encoding="utf-8")
    book = load_book(root)
    v = vocabulary(book)
    phrases = {a + sep + b for a, sep, b in pairs} | {"all to all", "reduce scatter", "all-gather", "all gather", "all"}
    for p in sorted(phrases):
        assert v.phrase_used(p) == _scanned(book, p), p


# the characters around a word that may start a grammar pattern, and words that make patterns
# match or fail after it: ASCII and other letters and digits, the characters of `_BEFORE`,
# apostrophes, white space, NUL
HEADS = ["its be", "their is", "our are", "of up to 8", "an hour", "can go", "Can", "cannot", "must", "the", "it's", "its", "cat's", "Jane’s", "do", "did not", "of", "up to",
         "for", "to", "8", "an", "a", "hour", "apple", "user", "they", "their", "is", "not", "be", "go", "went",
         "x", "é", "²", "1", " ", " ", "\n", "\0", "'", "’", "-", ".", "/", "_", ",", "("]


@settings(max_examples=400, deadline=None)
@given(st.lists(st.sampled_from(HEADS), max_size=30).map("".join))
def test_grammar_heads_find_what_the_look_behind_scan_finds(s):
    import re

    from booklint.prose import grammar
    from booklint.prose.words import trie_alternation

    index, possessive, heads = grammar._triggers()

    def matches(found, group, shift=0):
        out = []
        for w in found:
            i = w.start(group) + shift
            if i and s[i - 1].isalnum():
                continue  # _find's own test after the scan
            out += [(i, p.id, m.span()) for p in index.get(w.group(group), possessive) if (m := p.regex.match(s, i))]
        return out

    # the scan as first written: every head word after a look behind, whatever follows it
    keys = [k for k in index if grammar._WORDS.fullmatch(k)]
    behind = re.compile(r"(?<![A-Za-z0-9'’\-./_])(?:" + trie_alternation(keys)
                        + r"|[A-Za-z][A-Za-z0-9'’]*+(?<=['’]s))(?![A-Za-z0-9'’])")
    assert matches(grammar._heads(heads, s), 1, -1) == matches(behind.finditer(s), 0)
