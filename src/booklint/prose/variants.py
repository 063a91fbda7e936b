"""Book-wide term variants: one term written in several ways across the chapters.

Two uses are variants of one term when they differ only in case, hyphens, spaces or a
plural ending (`AllGather` / `All-Gather` / `all-gather`, `TPU v5e` / `TPUv5e`,
`Infiniband` / `InfiniBand`); a Russian word counts by its lemma, so inflected forms are
one variant. The first letter of each word does not count (sentence starts and title-case
headings), nor does a plural ending.

To stay quiet about what is not a term, a cluster is left alone when

* its variants differ only by a hyphen between ordinary English words (`compute-bound`
  before a noun, `compute bound` after a verb: grammar, not terminology) — unless the
  last part is a version number (`LLaMA-3` / `LLaMA 3`);
* the spaced form is two words that happen to make a dictionary word (`a long` /
  `along`, `may be` / `maybe`), or has a function word or a single letter;
* a variant is an ALL-CAPS dictionary word (`BATCHING` for emphasis, `PATH`) or a
  lower-case dictionary word next to an acronym (`sharp` / `SHARP`);
* it is a number, a unit (`GB/s`, `Gbps`, `GBps` mean different things) or a
  glossary term (T001 handles those).
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from itertools import chain, filterfalse
from typing import Any

from .english import FUNCTION_WORDS
from .vocabulary import work_vocabulary
from .words import TOKEN, is_mention

_UNIT = re.compile(r"(?:[kKMGTPE]i?[bB](?:ps|it|yte)?s?|[kMGT]Hz|[kMGTP]?FLOPs?|ms|ns|us|µs)")
_CYR = re.compile(r"[\u0400-\u04ff]")


@dataclass(slots=True)
class Use:
    path: str
    segment: int
    start: int  # segment offsets
    end: int
    written: str
    where: str = ""  # the segment's kind: paragraph, heading, front-matter, ...


@dataclass
class Cluster:
    key: str
    variants: dict[str, list[Use]] = field(default_factory=dict)  # variant form → uses

    def counts(self) -> dict[str, int]:
        return {v: len(u) for v, u in self.variants.items()}


_TWO_CAPS = re.compile(r"[A-Z]{2}[a-z]{3,}")


def _fold(t: str) -> str:
    """Lower-case the first letter of each word (sentence starts, title case), and the
    whole of a word with a shift-key slip (`FLoating`: S001 reports that one)."""
    parts = re.split(r"([\s\-])", t)
    return "".join(p.lower() if _TWO_CAPS.fullmatch(p) else p[:1].lower() + p[1:] for p in parts)


def _key(t: str) -> str:
    return re.sub(r"[\s\-]+", "", t.lower())


_GLUED = re.compile(r"[._/@:\\=+#%&$^~`'’]|_|-$")


def clusters(book: Any, spelling: dict, scope: str = "book", work: str = "") -> list[Cluster]:
    """Variant clusters of one work (``spelling``: the spelling family's settings; ``scope``
    and ``work``: see ``works.py``)."""
    return book.memo(("prose.clusters", scope, work), lambda: _build(book, spelling, scope, work))


_UNIT_START = frozenset("kKMGTPEmnuµ")


def _skip(w: str) -> bool:
    return w[0].isdigit() or (len(w) <= 5 and w[0] in _UNIT_START and bool(_UNIT.fullmatch(w)))


def _build(book: Any, spelling: dict, scope: str, work: str) -> list[Cluster]:
    from .english import english
    from .english_checker import checker

    v = work_vocabulary(book, scope, work)
    dictionary = english().freq
    spell = checker(book, spelling, scope, work)
    lemma = _Lemmatizer(book)
    exact = {w for w in v.tokens if not _GLUED.search(w)}
    keyof: dict[str, str] = {}  # token → its key: lower case, no hyphens, Russian by lemma
    raw: dict[str, str] = {}  # token → lower case, no hyphens
    weak: set[str] = set()  # function words and single letters: never half of a spaced term
    tails: dict[str, str] = {}  # a version number may end a spaced term: `LLaMA 3`
    forms: dict[str, set[str]] = {}
    lows: set[str] = set()
    for w in exact:
        if _skip(w):
            if w[0].isdigit() and len(w) <= 4:
                tails[w] = w.lower()
            continue
        low = w.lower()
        lows.add(low)
        raw[w] = r = low.replace("-", "")
        k = lemma.key(w) if not w.isascii() and _CYR.search(w) else r
        keyof[w] = k
        if low in FUNCTION_WORDS or len(w) < 2:
            weak.add(w)
        forms.setdefault(k, set()).add(w[0].lower() + w[1:])
    interesting: set[str] = set()
    for k, f in forms.items():
        if len(f) > 1:
            interesting.add(k)
        if len(k) > 3 and k.endswith("s") and k[:-1] in forms:
            sing = forms[k[:-1]]
            if len(sing) > 1 or {x[:-1] for x in f if x.endswith("s")} - sing or f - {x + "s" for x in sing}:
                interesting.add(k)
                interesting.add(k[:-1])
    pairs_wanted: set[str] = set()
    def pair_key(w1: str, w2: str) -> str | None:
        k1 = raw.get(w1)
        if k1 is None:
            return None
        k2 = keyof.get(w2) or tails.get(w2)
        return None if k2 is None else k1 + k2

    # pass 1: the places of spaced pairs of tokens (`data parallel`) that may join into a closed
    # form's key (`dataparallel`), from the pages' token streams. A pair is wanted for a head
    # that is no function word or single letter and a tail that is no function word, and a use
    # of a pair needs such a tail: looking first only for those pairs spares the function words'
    # many places.
    firsts: dict[str, list[str]] = defaultdict(list)  # a head's key part → the tokens with it
    seconds: dict[str, list[str]] = defaultdict(list)  # a tail's key part → the tokens with it
    for w, r in raw.items():
        firsts[r].append(w)
    for w in chain(keyof, tails):
        k2 = keyof.get(w) or tails.get(w)
        if k2:
            seconds[k2].append(w)

    def tail_ok(w: str) -> bool:  # a tail that a wanted pair or a use can have
        return w not in weak or w.lower() not in FUNCTION_WORDS  # no function word holds a digit

    def heads_and_tails(cuts: Iterable[tuple[list[str], list[str]]], pick: Callable) -> tuple[set[str], set[str]]:
        """The heads and tails to look for, from cuts of keys: in each cut, the heads that
        ``pick`` (filter or filterfalse) keeps by ``weak`` and the tails tail_ok passes, when
        there are both."""
        heads: set[str] = set()
        tails_: set[str] = set()
        for a, b in cuts:
            hs = list(pick(weak.__contains__, a))
            if hs:
                ok = list(filter(tail_ok, b))
                if ok:
                    heads.update(hs)
                    tails_.update(ok)
        return heads, tails_

    found = _spaced_pairs(v, *heads_and_tails(_cuts((k for k in forms if len(k) >= 4), firsts, seconds), filterfalse))
    pairs = {(w1, w2) for here in found.values() for _k, w1, w2 in here}
    for w1, w2 in pairs:
        k = pair_key(w1, w2)
        if k is not None and k in forms and len(k) >= 4 and w1 not in weak and (w2 not in weak or w2.isdigit()):
            pairs_wanted.add(k)
    if pairs_wanted and _CYR.search("".join(pairs_wanted)):
        pairs_wanted = {k for k in pairs_wanted if not (_CYR.search(k) and lemma.known(k))}
    interesting |= pairs_wanted
    if not interesting:
        return []
    wanted_tokens = {w for w, k in keyof.items() if k in interesting}
    # the places of the spaced pairs of a wanted key, page by page (index, head, tail, key): with
    # a weak head too (`e val` when `eval` is wanted), looked for apart when a cut of a wanted key
    # makes one
    cuts = list(_cuts(pairs_wanted, firsts, seconds))
    for rel, here in _spaced_pairs(v, *heads_and_tails(cuts, filter)).items():
        more = [p for p in here if p[1] in weak and tail_ok(p[2])]
        if more:
            found[rel] = sorted(found.get(rel, []) + more)
            pairs.update((w1, w2) for _k, w1, w2 in more)
    joins = {p: pk for p in pairs if (pk := pair_key(*p)) in pairs_wanted}  # a wanted pair → its key
    searched: set[str] | None = None

    def pair_heads() -> set[str]:
        """The heads of every spaced pair of a wanted key in the streams, with a function word
        for tail too (`no where` when `nowhere` is wanted): what a search of a page's text
        looks for besides the wanted tokens (made once, for the first page searched)."""
        nonlocal searched
        if searched is None:
            out = {w1 for w1, _w2 in joins}  # every pair of joins has places in the streams (found)
            late_heads = {w for a, b in cuts if not all(map(tail_ok, b)) for w in a}
            late_tails = {w for _a, b in cuts for w in b if not tail_ok(w)}
            for here in _spaced_pairs(v, late_heads, late_tails).values():
                out.update(w1 for _k, w1, w2 in here if not tail_ok(w2) and pair_key(w1, w2) in pairs_wanted)
            searched = out
        return searched
    # A cluster needs two variants, and a use's variant depends on its written form alone: a key
    # whose tokens all fold to one variant (`Take` / `take`, `GPU` / `GPUs`) can make no cluster,
    # with or without the plural keys that may join it, unless a spaced pair may add a form.
    variant_of: dict[str, str | None] = {}  # written → its variant; None: a misspelling, left out

    def variant(w: str) -> str | None:
        r = variant_of.get(w, "")
        if r == "":
            misspelt = w.isalpha() and w.isascii() and w[1:].islower() and not spell.accepted(w.lower())
            r = variant_of[w] = None if misspelt else _variant(w, lows, lemma)
        return r

    reachable: dict[str, set[str | None]] = {}  # a key stripped of plural endings → its variants
    for w in wanted_tokens:
        reachable.setdefault(_plural_root(keyof[w]), set()).add(variant(w))
    for k in pairs_wanted:
        reachable.setdefault(_plural_root(k), set()).add("  pair")  # forms not known before pass 2
    wanted_tokens = {w for w in wanted_tokens if len(reachable[_plural_root(keyof[w])] - {None}) > 1}
    # Nor can a key whose every possible variant (its tokens', and each spaced pair's that can
    # join into it) differs from the others only by hyphens and spaces between words
    # (`data parallelism` / `data-parallelism`): _filter's last test drops every cluster whose
    # variants are some of those. Its uses are not looked for.
    live_pairs = pairs_wanted
    doomed = _grammar_only_roots(wanted_tokens, keyof, pairs_wanted, firsts, seconds, variant)
    if doomed:
        wanted_tokens = {w for w in wanted_tokens if _plural_root(keyof[w]) not in doomed}
        live_pairs = {k for k in pairs_wanted if _plural_root(k) not in doomed}
    # the places of the pairs still wanted, page by page: (index, head, tail, key)
    live_joins = {p: pk for p, pk in joins.items() if pk in live_pairs}
    live_places: dict[str, list[tuple[int, str, str, str]]] = {}
    if live_joins:
        for rel, here in found.items():
            wanted_here = [(k, w1, w2, pk) for k, w1, w2 in here if (pk := live_joins.get((w1, w2))) is not None]
            if wanted_here:
                live_places[rel] = wanted_here
    # pass 2: the uses of those keys, in page order and on each page in text order (a token's own
    # use before the pair it starts), each checked on the page's text (the segment's bounds in
    # it: no Segment is made)
    singles: dict[str, list[Use]] = defaultdict(list)
    for rel, dt in v.docs.items():
        if rel not in live_places and dt.counts.keys().isdisjoint(wanted_tokens) and not dt.starts_inside():
            continue  # no uses here
        s = dt.text
        uses = _uses(dt, s, wanted_tokens, live_places.get(rel, ()), pair_heads, pair_key, live_pairs)
        for (a, e, written, k), (si, lo, hi, where) in zip(uses, dt.segments_at([u[0] for u in uses], s), strict=True):
            if not is_mention(s, a, e, lo, hi):
                singles[k if k is not None else keyof[written]].append(Use(rel, si, a - lo, e - lo, written, where))
    for k in list(singles):  # a plural key joins its singular: `AllGathers` with `AllGather`
        if len(k) > 3 and k.endswith("s") and k[:-1] in singles:
            singles[k[:-1]].extend(singles.pop(k))
    out: list[Cluster] = []
    for k, uses in singles.items():
        if len({u.written for u in uses}) < 2 or sum(ch.isalpha() for ch in k) < 3:
            continue
        c = Cluster(k)
        for u in uses:
            var = variant(u.written)
            if var is None:
                continue  # a misspelling (`viceversa`): S001 reports it
            c.variants.setdefault(var, []).append(u)
        c = _filter(c, dictionary, spell.accepted)
        if c is not None and len(c.variants) > 1:
            out.append(c)
    return out


def _grammar_only_roots(tokens: set[str], keyof: dict[str, str], pair_keys: set[str], firsts: dict[str, list[str]],
                        seconds: dict[str, list[str]], variant: Callable[[str], str | None]) -> set[str]:
    """The plural roots (:func:`_plural_root`) whose clusters _filter's last test is sure to
    drop: every variant that a use of the root's keys can have (one of ``tokens``, or a spaced
    pair of a key of ``pair_keys``, each cut of it into two tokens' parts) has a space or a
    hyphen, no two differ only in case, and none is versioned. A cluster's variants are some of
    those, so the test finds no closed form, no case difference, and no version in it."""
    possible: dict[str, set[str]] = {}
    for w in tokens:
        var = variant(w)
        if var is not None:
            possible.setdefault(_plural_root(keyof[w]), set()).add(var)
    for k in pair_keys:
        got = possible.setdefault(_plural_root(k), set())
        for a, b in _cuts((k,), firsts, seconds):
            for w1 in a:
                for w2 in b:
                    var = variant(f"{w1} {w2}")
                    if var is not None:
                        got.add(var)
    return {root for root, vs in possible.items()
            if vs and not any(" " not in x and "-" not in x for x in vs)
            and len({x.lower() for x in vs}) == len(vs) and not any(map(versioned, vs))}


def _cuts(keys: Iterable[str], firsts: dict[str, list[str]],
          seconds: dict[str, list[str]]) -> Iterator[tuple[list[str], list[str]]]:
    """Each way to cut a key of ``keys`` in two parts that tokens have: the tokens whose key
    part is the first (``firsts``: part → tokens) and those whose part is the second
    (``seconds``). Only a pair of such tokens can join into the key."""
    for k in keys:
        for i in range(1, len(k)):
            a = firsts.get(k[:i])
            if a is not None:
                b = seconds.get(k[i:])
                if b is not None:
                    yield a, b


def _spaced_pairs(v: Any, heads: set[str], tails: set[str]) -> dict[str, list[tuple[int, str, str]]]:
    """Page → ``(index, head, tail)`` for each token of ``heads`` that one space leads to a token
    of ``tails`` in the page's token stream (DocText.spaced_pairs): looking only for those
    tokens spares making every pair of a big book. Pairs whose tokens come from two different
    cuts are kept too; the caller checks each pair."""
    out: dict[str, list[tuple[int, str, str]]] = {}
    if heads and tails:
        for rel, dt in v.docs.items():
            found = dt.spaced_pairs(heads, tails)
            if found:
                out[rel] = found
    return out


def _uses(dt: Any, s: str, wanted: set[str], pair_places: Iterable[tuple[int, str, str, str]],
          pair_heads: Callable[[], set[str]], pair_key: Any, pairs_wanted: set[str]) -> list[tuple[int, int, str, str | None]]:
    """A page's candidate uses, in text order: ``(start, end, written, key)`` in text offsets,
    for each place of a wanted token (key None: the token's own) and each place of a wanted
    spaced pair whose tail is no function word (``pair_places``: the pairs in its token stream,
    every tail one that tail_ok passes).

    A pair's place is its head's (DocText.places), with the tail one space after it. Where the
    stream cannot be sure of the places (a token inside another, after a hyphen and glue), the
    text is searched for the wanted tokens and the heads of wanted pairs, and the tail read with
    TOKEN."""
    places = dt.places(wanted, s)
    if places is None:
        return _searched_uses(dt, s, wanted, pair_heads(), pair_key, pairs_wanted)
    counts = dt.counts
    pair_places = [p for p in pair_places if p[1] in counts]  # their tails passed tail_ok already
    pairs = [(k, a, a + len(w1) + 1 + len(w2), f"{w1} {w2}", pk)
             for (k, w1, w2, pk), a in zip(pair_places, dt.place_offsets([p[0] for p in pair_places], s), strict=True)
             if a is not None]
    if not pairs:
        return [(a, a + len(w), w, None) for _k, w, a in places]
    # the two lists merged by stream index, a token's own use first
    return [(a, e, w, pk) for _k, _kind, a, e, w, pk in sorted(
        [(k, 0, a, a + len(w), w, None) for k, w, a in places] + [(k, 1, a, e, w, pk) for k, a, e, w, pk in pairs])]


def _searched_uses(dt: Any, s: str, wanted: set[str], pair_heads: set[str], pair_key: Any,
                   pairs_wanted: set[str]) -> list[tuple[int, int, str, str | None]]:
    """:func:`_uses` from a search of the page's text ``s`` (DocText.locate) and TOKEN."""
    out: list[tuple[int, int, str, str | None]] = []
    for w, a in dt.locate(wanted | pair_heads):
        b = a + len(w)
        if w in wanted:
            out.append((a, b, w, None))
        if w in pair_heads and s.startswith(" ", b):
            m = TOKEN.match(s, b + 1)
            if m is None or m.group(1):
                continue
            w2 = m.group(2)
            pk = pair_key(w, w2)
            if pk in pairs_wanted and w2.lower() not in FUNCTION_WORDS:
                out.append((a, m.end(2), f"{w} {w2}", pk))
    return out


def _plural_root(k: str) -> str:
    """A key without the plural endings by which keys join (`allgatherss` → `allgather`)."""
    while len(k) > 3 and k.endswith("s"):
        k = k[:-1]
    return k


def _variant(written: str, token_lows: set[str], lemma: _Lemmatizer) -> str:
    """The variant a use belongs to: first letters folded, a plural `s` dropped, Russian
    words by lemma."""
    f = _fold(written)
    if _CYR.search(f):
        return lemma.phrase(f)
    parts = re.split(r"([\s\-])", f)
    last = parts[-1]
    if len(last) > 3 and last.endswith("s") and last[:-1].lower() in token_lows:
        parts[-1] = last[:-1]
    return "".join(parts)


def _filter(c: Cluster, dictionary: dict[str, int], known: Any = None) -> Cluster | None:
    vs = c.variants
    # ALL-CAPS words next to plain words: emphasis or constants (`BATCHING`, `PATH`)
    for var in list(vs):
        written = vs[var][0].written
        bare = written.replace("-", "").replace(" ", "")
        others_plain = all(not _ident(o) for o in vs if o != var)
        word = bare.lower() in dictionary or (known is not None and bare.isalpha() and known(bare.lower()))
        if bare.isupper() and len(bare) >= 4 and word and others_plain:
            del vs[var]
    if len(vs) < 2:
        return None
    # an acronym and a lower-case word or identifier of the same letters are two things
    # (`STR` / `str`, `URL` / `url`)
    if any(_all_caps(us) for us in vs.values()):
        for var in list(vs):
            if " " not in var and "-" not in var and all(u.written[1:].islower() for u in vs[var]):
                del vs[var]
    # an ordinary lower-case phrase next to a name in camel case (`an open review` / `OpenReview`)
    named = [len(vs[v]) for v in vs if " " not in v and "-" not in v and any(ch.isupper() for ch in v[1:])]
    if named:
        for var in list(vs):
            if " " in var and var.islower() and len(vs[var]) < max(named):
                del vs[var]
    # a title-case heading next to the same words in prose: case is the heading's style
    lower_forms: dict[str, int] = {}
    for var in vs:
        lower_forms[var.lower()] = lower_forms.get(var.lower(), 0) + 1
    for var in list(vs):
        if lower_forms[var.lower()] > 1:
            kept = [u for u in vs[var] if u.where not in _TITLE_PLACES]
            if kept:
                vs[var] = kept
            else:
                del vs[var]
    if len(vs) < 2:
        return None
    has_ident = any(_ident(var) for var in vs)
    # a lower-case dictionary word next to an acronym or CamelCase name (`sharp` / `SHARP`)
    if has_ident:
        for var in list(vs):
            if var.islower() and " " not in var and "-" not in var and var in dictionary:
                del vs[var]
    if len(vs) < 2:
        return None
    spaced = [var for var in vs if " " in var]
    if spaced and c.key in dictionary:
        for var in spaced:  # `a long` / `along`
            del vs[var]
        if len(vs) < 2:
            return None
    closed = [var for var in vs if " " not in var and "-" not in var]
    case_differs = len({var.lower() for var in vs}) < len(vs)
    if not closed and not case_differs and not versioned(next(iter(vs))):
        return None  # only hyphens and spaces differ between words: grammar (_grammar_only_roots foresees this test)
    return c


_TITLE_PLACES = ("heading", "front-matter", "details")


def _all_caps(uses: list[Use]) -> bool:
    return all(u.written.replace("-", "").replace(" ", "").isupper() for u in uses)


def versioned(var: str) -> bool:
    """`LLaMA 3`, `DeepSeek-V3`: a name and a version, where a hyphen or space is a choice."""
    parts = re.split(r"[\s\-]+", var)
    return len(parts) >= 2 and any(ch.isdigit() for ch in parts[-1]) and not parts[0][:1].isdigit()


def hyphenation_only(a: str, b: str) -> bool:
    """Do two variants differ only by hyphens and spaces between ordinary words?"""
    sa, sb = re.sub(r"[\s\-]+", " ", a), re.sub(r"[\s\-]+", " ", b)
    return sa == sb and (" " in sa) and not versioned(a)


def _ident(var: str) -> bool:
    return any(ch.isupper() for ch in var) or any(ch.isdigit() for ch in var)


class _Lemmatizer:
    """Russian words by lemma (pymorphy3, loaded only when the book has Cyrillic terms)."""

    def __init__(self, book: Any):
        self._lex = None

    def known(self, w: str) -> bool:
        if self._lex is None:
            from .russian import russian

            self._lex = russian()
        return self._lex.known(w)

    def key(self, w: str) -> str:
        """Lower case, no hyphens, the last part by its lemma (`мини-батчей` → `минибатч`)."""
        parts = w.lower().split("-")
        last = parts[-1]
        if last.isalpha() and _CYR.search(last) and ("-" in w or not self.known(w.lower())):
            parts[-1] = self.lemma(last)
        return "".join(parts)

    def lemma(self, word: str) -> str:
        if self._lex is None:
            from .russian import russian

            self._lex = russian()
        nfs = self._lex.normal_forms(word.lower())  # the shortest lemma: `шардинга` → `шардинг`
        return min(nfs, key=lambda x: (len(x), x)) if nfs else word

    def phrase(self, f: str) -> str:
        """A Russian variant: as written, but its last word by lemma (`мини-батча` → `мини-батч`)."""
        parts = re.split(r"([\s\-])", f)
        last = parts[-1]
        if last.isalpha() and _CYR.search(last) and (len(parts) > 1 or not self.known(last.lower())):
            parts[-1] = self.lemma(last)
        return "".join(parts)
