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
from dataclasses import dataclass, field
from typing import Any

from ..spelling.english import FUNCTION_WORDS
from ..spelling.vocab import book_cache, vocabulary
from ..spelling.words import _CHUNK, _EDGE

_TOKEN = re.compile(r"[^\W_](?:[\w\-]*[^\W_])?")
_UNIT = re.compile(r"(?:[kKMGTPE]i?[bB](?:ps|it|yte)?s?|[kMGT]Hz|[kMGTP]?FLOPs?|ms|ns|us|µs)")
_CYR = re.compile(r"[\u0400-\u04ff]")


@dataclass
class Use:
    path: str
    segment: int
    start: int  # segment offsets
    end: int
    written: str


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


def term_tokens(seg_text: str) -> list[tuple[str, int, int] | None]:
    """Term-like tokens of a segment (letters, digits, inner hyphens); None marks a break."""
    out: list[tuple[str, int, int] | None] = []
    last_end = 0
    for m in _CHUNK.finditer(seg_text):
        c = m.group()
        a = m.start()
        if a > last_end and not seg_text[last_end:a].isspace():
            out.append(None)  # punctuation between: not one phrase
        last_end = m.end()
        ls = c.lstrip(_EDGE)
        a += len(c) - len(ls)
        c = ls.rstrip(_EDGE)
        trailing = len(ls) != len(c)
        if c and _TOKEN.fullmatch(c):
            out.append((c, a, a + len(c)))
        else:
            out.append(None)
        if trailing:
            out.append(None)
    return out


def clusters(book: Any) -> list[Cluster]:
    return book_cache(book, "terms.clusters", lambda: _build(book))


def _build(book: Any) -> list[Cluster]:
    from ..spelling.english import english

    from ..spelling.check_en import checker

    v = vocabulary(book)
    dictionary = english().freq
    spell = checker(book)
    lemma = _Lemmatizer(book)
    singles: dict[str, list[Use]] = defaultdict(list)
    token_lows: set[str] = set()
    pairs: list[tuple[tuple[str, int, int], tuple[str, int, int], str, int]] = []
    for rel, dw in v.docs.items():
        for si, seg in enumerate(dw.segments):
            toks = term_tokens(seg.text)
            prev = None
            for t in toks:
                if t is None:
                    prev = None
                    continue
                w, a, b = t
                if w[0].isdigit() or _UNIT.fullmatch(w):
                    prev = None
                    continue
                singles[_key(w)].append(Use(rel, si, a, b, w))
                token_lows.add(w.lower())
                if prev is not None and seg.text[prev[2]:a] == " ":
                    pairs.append((prev, t, rel, si))
                prev = t
    # spaced forms of a closed or hyphenated term the book also writes as one token
    for p, q, rel, si in pairs:
        k = _key(p[0] + q[0])
        if k not in singles or len(k) < 4:
            continue
        pw, qw = p[0].lower(), q[0].lower()
        if len(pw) < 2 or len(qw) < 2 or pw in FUNCTION_WORDS or qw in FUNCTION_WORDS:
            continue
        if _CYR.search(k) and lemma.known(k):
            continue  # `то же` / `тоже`: two words that happen to make a third
        singles[k].append(Use(rel, si, p[1], q[2], f"{p[0]} {q[0]}"))

    for k in list(singles):  # a plural key joins its singular: `AllGathers` with `AllGather`
        if len(k) > 3 and k.endswith("s") and k[:-1] in singles:
            singles[k[:-1]].extend(singles.pop(k))
    out: list[Cluster] = []
    for k, uses in singles.items():
        forms = {u.written for u in uses}
        if len(forms) < 2 or sum(ch.isalpha() for ch in k) < 3:
            continue
        c = Cluster(k)
        for u in uses:
            w = u.written
            if w.isalpha() and w.isascii() and w[1:].islower() and not spell.accepted(w.lower()):
                continue  # a misspelling (`viceversa`): S001 reports it
            c.variants.setdefault(_variant(w, token_lows, lemma), []).append(u)
        c = _filter(c, dictionary)
        if c is not None and len(c.variants) > 1:
            out.append(c)
    return out


def _variant(written: str, token_lows: set[str], lemma: "_Lemmatizer") -> str:
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


def _filter(c: Cluster, dictionary: dict[str, int]) -> Cluster | None:
    vs = c.variants
    # ALL-CAPS dictionary words next to plain words: emphasis or constants (`BATCHING`, `PATH`)
    for var in list(vs):
        written = vs[var][0].written
        bare = written.replace("-", "").replace(" ", "")
        others_plain = all(not _ident(o) for o in vs if o != var)
        if bare.isupper() and len(bare) >= 4 and bare.lower() in dictionary and others_plain:
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
        return None  # only hyphens and spaces differ between words: grammar
    return c


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
            from ..spelling.russian import russian

            self._lex = russian()
        return self._lex.known(w)

    def phrase(self, f: str) -> str:
        if self._lex is None:
            from ..spelling.russian import russian

            self._lex = russian()
        parts = re.split(r"([\s\-])", f)
        out = []
        for p in parts:
            if _CYR.search(p) and p.isalpha():
                nfs = sorted(self._lex.normal_forms(p.lower()))
                out.append(nfs[0] if nfs else p)
            else:
                out.append(p)
        return "".join(out)
