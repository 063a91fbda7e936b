"""Glossary packs: YAML files of terms, like Vale's substitution rules.

A pack is a mapping with a ``terms`` list. Each term::

    - term: AllGather                 # the preferred form, as the book writes it
      variants: [all-gather, all gather, allgather]   # rejected forms
      case: insensitive               # how variants match: insensitive (default) or sensitive
      fix: safe                       # safe: `--fix` replaces a variant; unsafe: `--unsafe-fixes`; none
      note: the collective's name     # why, shown in the message (optional)
      distinct: [all-to-all]          # look-alikes that are another word (T002 leaves them alone)
      ru: AllGather                   # the required rendering in a Russian translation (T004)
      ru_variants: [бэтч]             # rejected Russian renderings, as lemmas (T001)

Variants match whole words, with an English plural or verb ending kept (`all-gathers` →
`AllGathers`), and never the preferred form itself. Spaces in a variant match any run of
whitespace, so a variant broken across lines is still found.

booklint ships packs in ``rules/terms/``; ``[tool.booklint.terminology] glossaries``
chooses which apply (default: all shipped packs). A book adds its own in
``.booklint/terms/*.yml``; its entries win over shipped ones for the same term.
:func:`glossary` gives the run's glossary and :func:`rendering_uses` how often the book
writes each term's Russian rendering, both kept in the Book's memo.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from itertools import repeat
from typing import Any

import yaml

from ..data import rules_path
from .vocabulary import PACK_DIR, vocabulary
from .words import trie_alternation

_SUFFIX = r"(s|es|ed|d|ing)?"


@dataclass
class Term:
    term: str
    variants: list[str] = field(default_factory=list)
    case_sensitive: bool = False
    fix: str = "unsafe"  # "safe", "unsafe", "none"
    note: str = ""
    distinct: list[str] = field(default_factory=list)
    ru: str | None = None
    ru_variants: list[str] = field(default_factory=list)
    pack: str = ""
    _re: re.Pattern | None = None
    _src_re: re.Pattern | None = None

    def pattern(self) -> re.Pattern | None:
        """Matches a rejected variant (group 1) with its ending (group 2)."""
        if self._re is None and self.variants:
            self._re = _alternation(self.variants, self.case_sensitive)
        return self._re

    def source_pattern(self) -> re.Pattern:
        """Matches the English term or any variant, any case (for T004)."""
        if self._src_re is None:
            self._src_re = _alternation([self.term] + self.variants, False)
        return self._src_re

    def is_preferred(self, written: str) -> bool:
        return written == self.term

    def keys(self) -> set[str]:
        """Normalised forms (lower case, no spaces or hyphens) this term covers."""
        out = {_norm(self.term)}
        out.update(_norm(v) for v in self.variants)
        return out


def _norm(s: str) -> str:
    return re.sub(r"[\s\-]+", "", s.lower())


def _alternation(forms: list[str], case_sensitive: bool) -> re.Pattern:
    flags = 0 if case_sensitive else re.I
    if all(v.isascii() and v == " ".join(v.split()) for v in forms):
        # as a trie (several times faster to scan): the same matches, since of two forms that
        # match at one place one is the other's prefix, and the trie tries the longer first as
        # the longest-first list does (case folded: ASCII letters match as their lower case does)
        low = {v if case_sensitive else v.lower() for v in forms}
        body = trie_alternation(low).replace(r"\ ", r"[\s\u00a0]+")
    else:
        alts = []
        for v in sorted(set(forms), key=len, reverse=True):
            parts = [re.escape(p) for p in v.split()]
            alts.append(r"[\s\u00a0]+".join(parts))
        body = "|".join(alts)
    return re.compile(r"(?<![\w\-])(" + body + r")" + _SUFFIX + r"(?![\w\-])", flags)


class GlossaryError(Exception):
    def __init__(self, path: str, message: str):
        super().__init__(message)
        self.path = path
        self.message = message


def parse_pack(text: str, name: str) -> list[Term]:
    """Terms of one pack; a GlossaryError names what is wrong."""
    try:
        data = yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except yaml.YAMLError as e:
        raise GlossaryError(name, f"not valid YAML: {e}") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get("terms", []), list):
        raise GlossaryError(name, "a glossary pack is a mapping with a `terms:` list")
    out = []
    for i, item in enumerate(data.get("terms") or []):
        where = f"terms[{i}]"
        if not isinstance(item, dict) or not isinstance(item.get("term"), str) or not item["term"].strip():
            raise GlossaryError(name, f"{where} needs a `term:` (the preferred form)")
        unknown = set(item) - {"term", "variants", "case", "fix", "note", "distinct", "ru", "ru_variants"}
        if unknown:
            raise GlossaryError(name, f"{where} has unknown keys: {', '.join(sorted(unknown))}")

        def strings(key: str, item: dict = item, where: str = where) -> list[str]:
            v = item.get(key, [])
            if isinstance(v, str):
                v = [v]
            if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v):
                raise GlossaryError(name, f"{where}.{key} must be a list of strings")
            return [x.strip() for x in v]

        case = item.get("case", "insensitive")
        if case not in ("insensitive", "sensitive"):
            raise GlossaryError(name, f"{where}.case must be `insensitive` or `sensitive`")
        fix = item.get("fix", "unsafe")
        if fix not in ("safe", "unsafe", "none"):
            raise GlossaryError(name, f"{where}.fix must be `safe`, `unsafe` or `none`")
        ru = item.get("ru")
        if ru is not None and not isinstance(ru, str):
            raise GlossaryError(name, f"{where}.ru must be a string")
        out.append(Term(item["term"].strip(), strings("variants"), case == "sensitive", fix,
                        str(item.get("note") or ""), strings("distinct"), ru.strip() if ru else None,
                        [x.lower() for x in strings("ru_variants")], name))
    return out


@functools.cache  # shipped data only: the packs in rules/terms, the same every run
def shipped_packs() -> dict[str, list[Term]]:
    out = {}
    for p in sorted(rules_path("terms").glob("*.yml")):
        out[p.stem] = parse_pack(p.read_text(encoding="utf-8"), f"rules/terms/{p.name}")
    return out


@dataclass
class Glossary:
    terms: list[Term]
    errors: list[GlossaryError]

    _keys: set[str] | None = None
    _matcher: tuple | None = None
    _anchor_re: tuple | bool | None = None

    def covers(self, key: str) -> bool:
        if self._keys is None:
            self._keys = set()
            for t in self.terms:  # terms T001 handles (a rendering alone is T004's)
                if t.variants or t.distinct:
                    self._keys |= t.keys() | {_norm(d) for d in t.distinct}
        return key in self._keys

    def anchors(self, tokens: Iterable[str]) -> Anchors | None:
        """Where in a text made of ``tokens`` (a page's prose, cut by ``words.TOKEN``) a
        rejected variant may stand, for :meth:`matches`; None when a variant does not begin
        with a letter or digit (then only a scan of the whole text finds it).

        A variant begins with a run of letters, digits, `_` and `-`; where it stands in the
        prose (after a character that is none of those), that run lies inside one token (a
        token takes every such character next to it), at the token's start or after such a
        character in it. When the run is the variant's whole first word and another word
        follows, the token ends with it (white space ends a token).

        A token whose every such place gives no finding whatever follows it (the preferred
        form `AllGather`, which the variant `allgather` matches) is left out: what matches
        there stays inside the token, and so hides no other place from the scan.
        """
        pat, exact, folded = self._compiled()
        if self._anchor_re is None:
            self._anchor_re = False
            alts, ends, wordy = [], [], True
            for t in self.terms:
                for v in t.variants:
                    words = v.split()
                    lead = _LEAD.match(words[0]).group()
                    if not lead or not lead[0].isalnum():
                        return None
                    if lead == words[0] and len(words) > 1:
                        ends.append(re.escape(lead))
                    else:
                        alts.append(re.escape(lead))
                    wordy = wordy and all(map(_LEAD.fullmatch, words))
            if alts or ends:
                self._anchor_re = (re.compile(r"(?<![\w\-])(?=" + "|".join(sorted(set(alts + ends))) + ")", re.I),
                                   re.compile("(?:" + "|".join(sorted(set(ends))) + r")\Z", re.I) if ends else None,
                                   wordy)
        if self._anchor_re is False:
            return None
        starts, ends, wordy = self._anchor_re
        offsets = {}
        for tok in tokens:
            offs = tuple(m.start() for m in starts.finditer(tok))
            if not offs:
                continue
            if wordy and not any(ends is not None and ends.match(tok, o) for o in offs):
                # every match here ends inside the token, as on the token alone
                alone = tok + "\0"
                if all(m is None or _found(m, exact, folded) is None for m in map(pat.match, repeat(alone), offs)):
                    continue
            offsets[tok] = offs
        return Anchors({tok: _token_finder(tok, offs) for tok, offs in offsets.items()}, offsets)

    def _compiled(self) -> tuple:
        if self._matcher is None:
            exact: dict[str, Term] = {}
            folded: dict[str, Term] = {}
            forms = []
            for t in self.terms:
                for v in t.variants:
                    forms.append(v)
                    k = " ".join(v.split())
                    if t.case_sensitive:
                        exact[k] = t
                    else:
                        folded[k.lower()] = t
            self._matcher = (_alternation(forms, False) if forms else None, exact, folded)
        return self._matcher

    def matches(self, text: str, anchors: Anchors | None = None, tokens: Iterable[str] = ()):
        """(term, written variant, ending, start, end) for each rejected variant in ``text``.

        ``anchors`` (from :meth:`anchors`, for tokens that include ``text``'s own, which are
        ``tokens``): the variants are tried only there, found with a search for each of the
        text's tokens among them; the same findings, in the same order, as a scan of the
        whole text."""
        pat, exact, folded = self._compiled()
        if pat is None:
            return
        for m in pat.finditer(text) if anchors is None else _anchored(pat, text, anchors, tokens):
            found = _found(m, exact, folded)
            if found is not None:
                yield found


def _found(m: re.Match, exact: dict, folded: dict) -> tuple | None:
    written = m.group(1)
    k = " ".join(written.split())
    t = exact.get(k) or folded.get(k.lower())
    if t is None or t.is_preferred(written):
        return None
    return t, written, m.group(2) or "", m.start(), m.end()


_LEAD = re.compile(r"[\w\-]*")


@dataclass
class Anchors:
    """The tokens a variant may stand in: ``offsets``, each with the offsets where it may
    begin; ``finders``, each with a pattern that finds the token where the text holds it."""

    finders: dict[str, re.Pattern]
    offsets: dict[str, tuple[int, ...]]


def _token_finder(tok: str, offs: tuple[int, ...]) -> re.Pattern:
    """Finds ``tok`` where it may be a token of a text and a variant may begin in it: followed
    by a character that no token goes on with; preceded by one, when the variant can begin only
    at the token's start (then a variant there needs it). A literal first, so the search runs
    as fast as ``str.find``."""
    before = rf"(?<![\w\-]{re.escape(tok)})" if offs == (0,) else ""
    return re.compile(re.escape(tok) + before + r"(?![\w\-])")


def _anchored(pat: re.Pattern, text: str, anchors: Anchors, tokens: Iterable[str]):
    """``pat.finditer(text)`` less the matches that give no finding, when every match that gives
    one begins at an anchor: tried in order, each from where the last match ended, as
    ``finditer`` does. ``tokens``: the text's own.

    A search for one token cannot miss a place where the text holds it as a token: a place
    where the search matched earlier and which overlapped this one would lie in a token that
    took this one in."""
    finders, offsets = anchors.finders, anchors.offsets
    starts = set()
    for tok in finders.keys() & set(tokens):
        offs = offsets[tok]
        for m in finders[tok].finditer(text):
            i = m.start()
            starts.update(i + o for o in offs)
    end = 0
    match = pat.match
    for p in sorted(starts):
        if p < end:
            continue
        m = match(text, p)
        if m is not None:
            end = m.end()
            yield m


def glossary(book: Any, settings: dict) -> Glossary:
    """The glossary of this run (``settings``: the terminology family's)."""
    def build() -> Glossary:
        cfg = settings
        chosen = cfg.get("glossaries")
        packs = shipped_packs()
        names = list(packs) if chosen is None else [n for n in chosen if isinstance(n, str)]
        errors: list[GlossaryError] = []
        terms: dict[str, Term] = {}
        for n in names:
            if n not in packs:
                errors.append(GlossaryError(".", f"no shipped glossary pack `{n}` (there are: {', '.join(packs)})"))
                continue
            for t in packs[n]:
                terms[t.term] = t
        for rel in sorted(r for r in book.files.others if r.startswith(PACK_DIR + "/terms/")
                          and r.endswith((".yml", ".yaml"))):
            src = book.source(rel)
            if src is None:
                continue
            try:
                for t in parse_pack(src.text, rel):
                    terms[t.term] = t
            except GlossaryError as e:
                errors.append(e)
        return Glossary(list(terms.values()), errors)

    return book.memo("prose.glossary", build)


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def rendering_uses(book: Any, terms: list[Term]) -> dict[str, int]:
    """How often the book writes each term's Russian rendering (by lemma)."""

    def build() -> dict[str, int]:
        from .russian import russian

        lex = russian()
        wanted = {t.term: [_lemmas(lex, w) for w in t.ru.split()] for t in terms}
        firsts = {w.lower()[:3] for t in terms for w in t.ru.split()}
        out = {t.term: 0 for t in terms}
        v = vocabulary(book)
        for dt in v.docs.values():
            toks, spaced = dt.tokens, dt.spaced
            n = len(toks)
            for i, tok in enumerate(toks):
                low = tok.lower()
                if low[:3] not in firsts or not _CYRILLIC.search(tok):
                    continue
                nfs = lex.normal_forms(low) | {low}
                for term, pat in wanted.items():
                    k = len(pat)
                    if not pat[0] & nfs or i + k > n:
                        continue
                    ok = True
                    for j in range(1, k):
                        low2 = toks[i + j].lower()
                        if spaced[i + j - 1] != " " or not pat[j] & (lex.normal_forms(low2) | {low2}):
                            ok = False
                            break
                    if ok:
                        out[term] += 1
        return out

    return book.memo(("prose.renderings", tuple(sorted(t.term for t in terms))), build)


def _lemmas(lex, w: str) -> frozenset[str]:
    low = w.lower()
    return lex.normal_forms(low) | {low}
