"""Numbers with units in prose, and units that are one slip away from a known one.

The known units are data: packs in ``rules/units/*.txt`` (whitespace-separated units, `#`
comments), chosen by name, plus the units a book lists in its configuration. A unit is
written as it should be; a near miss is a different spelling of the same letters' case
(`TB/S`, `Ghz`), or one edit or one swap of neighbours away (`GzH`) from a unit, in a
token that looks like a unit (a capital letter or a slash), never a plural `s`.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from itertools import accumulate, compress
from operator import attrgetter

from ..data import rules_path
from ..document.model import Document, Span, TextRun
from ..slotted import frozen_slots

_LETTER = r"A-Za-zµμΩÅ\u0400-\u04FF"
_NUMBER_UNIT = re.compile(
    r"(?<![\w.,/\-^])(\d+(?:[.,]\d+)*)([ \u00a0\u202f]?)"
    r"([" + _LETTER + r"]+(?:/[" + _LETTER + r"]+)?)(?![\w/\-])"
)
_DIGIT_LETTER = re.compile(r"\d[ \u00a0\u202f]?[" + _LETTER + r"]")  # a cheap test before the full pattern
# _NUMBER_UNIT with its first digit before the look behind: the scan then tries only at digits
_NUMBER_UNIT_AT_DIGIT = re.compile(
    r"(\d(?<![\w.,/\-^]\d)\d*(?:[.,]\d+)*)([ \u00a0\u202f]?)"
    r"([" + _LETTER + r"]+(?:/[" + _LETTER + r"]+)?)(?![\w/\-])"
)
_WHERE = ("paragraph", "table", "heading", "caption", "alt", "link")


@functools.cache  # shipped data only
def shipped_unit_packs() -> dict[str, frozenset[str]]:
    out: dict[str, frozenset[str]] = {}
    folder = rules_path("units")
    if not folder.is_dir():
        return out
    for p in sorted(folder.glob("*.txt")):
        words: set[str] = set()
        for line in p.read_text(encoding="utf-8").splitlines():
            words.update(line.split("#", 1)[0].split())
        out[p.stem] = frozenset(words)
    return out


@dataclass(frozen=True)
class UnitTable:
    units: frozenset[str]

    @functools.cached_property
    def folded(self) -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for u in self.units:
            out.setdefault(u.casefold(), []).append(u)
        return out

    @functools.cached_property
    def by_length(self) -> dict[int, list[str]]:
        out: dict[int, list[str]] = {}
        for u in self.units:
            if len(u) >= 3 and _unit_like(u):
                out.setdefault(len(u), []).append(u)
        return out

    @functools.cached_property
    def _verdicts(self) -> dict[str, str | None]:
        return {}  # token -> near_miss(token): a page writes the same few units again and again

    def near_miss(self, token: str) -> str | None:
        """The known unit `token` is a slip of, or None (known, or not like a unit)."""
        try:
            return self._verdicts[token]
        except KeyError:
            verdict = self._verdicts[token] = self._near_miss(token)
            return verdict

    def _near_miss(self, token: str) -> str | None:
        if token in self.units or len(token) < 2:
            return None
        if token.endswith("s") and token[:-1] in self.units:
            return None  # a plural: `MiBs`
        looks_unit = "/" in token or any(c.isupper() for c in token)
        if not looks_unit:
            return None
        same = self.folded.get(token.casefold())
        if same:
            # the same letters in another case; a capitalised lower-case unit (`Min`) is a word
            # (`Min`, `MS`) is a word or a heading, not a slip
            cands = [u for u in same if not u.islower()]
            if not cands:
                return None
            return max(cands, key=lambda u: sum(x == y for x, y in zip(u, token, strict=True)))
        if len(token) < 3:
            return None
        best = None
        for n in (len(token) - 1, len(token), len(token) + 1):
            for u in self.by_length.get(n, ()):
                if _plural_pair(token, u):
                    continue
                if _osa1(token, u):
                    if best is not None and best != u:
                        return None  # two units one slip away: not confident
                    best = u
        return best


def _unit_like(u: str) -> bool:
    return "/" in u or any(c.isupper() for c in u)


def _plural_pair(a: str, b: str) -> bool:
    a, b = a.casefold(), b.casefold()
    return a + "s" == b or b + "s" == a


def _osa1(a: str, b: str) -> bool:
    """Whether a and b are one edit or one swap of neighbours apart."""
    if a == b:
        return False
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1:] == b[i + 1:]:
            return True
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:]
    if la > lb:
        return a[i + 1:] == b[i:]
    return a[i:] == b[i + 1:]


def unit_table(packs: Iterable[str] | None, extra: Iterable[str]) -> UnitTable:
    shipped = shipped_unit_packs()
    names = list(shipped) if packs is None else [p for p in packs if p in shipped]
    units: set[str] = set()
    for n in names:
        units |= shipped[n]
    for u in extra:
        units.update(str(u).split())
    return UnitTable(frozenset(units))


@frozen_slots
class UnitSlip:
    number: str
    gap: str  # between the number and the unit, as written
    written: str
    meant: str
    span: Span  # the unit as written


def unit_slips(doc: Document, table: UnitTable) -> Iterator[UnitSlip]:
    """Numbers in the prose of ``doc`` followed by a near miss of a known unit."""
    runs = list(compress(doc.prose, map(_WHERE_SET.__contains__, map(_RUN_WHERE, doc.prose))))
    texts = list(map(_RUN_TEXT, runs))
    joined = "\0".join(texts)
    if joined.count("\0") != len(texts) - 1:  # a NUL inside a run: run by run
        for run in runs:
            if _DIGIT_LETTER.search(run.text) is not None:
                yield from _slips(run, _NUMBER_UNIT.finditer(run.text), 0, table)
        return
    # the runs joined by NUL, which no match holds and which the expression's look behind and
    # look ahead take as an end of text: one scan, at C speed, for a page's runs
    starts = list(accumulate(map(len, texts), _after_nul, initial=0))
    for m in _NUMBER_UNIT_AT_DIGIT.finditer(joined):
        k = bisect.bisect_right(starts, m.start()) - 1
        yield from _slips(runs[k], (m,), starts[k], table)


def _slips(run: TextRun, found: Iterable[re.Match], shift: int, table: UnitTable) -> Iterator[UnitSlip]:
    """The slips of ``found``, matches in a text where ``run`` begins at ``shift``."""
    for m in found:
        if m.group(3) in table.units:
            continue
        meant = table.near_miss(m.group(3))
        if meant is None:
            continue
        a = run.span.start + m.start(3) - shift
        yield UnitSlip(m.group(1), m.group(2), m.group(3), meant, Span(a, a + len(m.group(3))))


def _after_nul(start: int, length: int) -> int:
    return start + length + 1


_WHERE_SET = frozenset(_WHERE)
_RUN_WHERE, _RUN_TEXT = attrgetter("where"), attrgetter("text")
