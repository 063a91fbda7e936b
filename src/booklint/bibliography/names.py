"""Author and editor lists: split at ``and``, parse each name, keep where it is.

Splitting is done here (one pass, brace-aware) because the linter needs the offset of every
name inside the field, for a precise line in a 180-line author list. Each name is then parsed
with pybtex's :class:`~pybtex.database.Person`, which implements BibTeX's rules (``First von
Last``, ``von Last, First``, ``von Last, Jr, First``, braces protecting a corporate name) and
is the same object the citation renderer formats, so the checks and the rendered citation
agree on which part is the family name. (bibtexparser's ``SplitNameParts`` middleware gives
the same parts but no offsets and a different object; using one parser for both avoids two
opinions on the same name.)
"""

from __future__ import annotations

import functools
import re
import unicodedata
from typing import NamedTuple

from .latex import latex_to_text

__all__ = ["PersonName", "split_names", "parse_name", "parse_names", "name_key"]

_NON_WORD = re.compile(r"[^\w]+")
_AND = re.compile(r"\s[aA][nN][dD](?=\s|$)")  # " and" (any case) before white space or the end
_LEADING_AND = re.compile(r"[aA][nN][dD](?=\s|$)")


class PersonName(NamedTuple):
    """One name of an author or editor list, with its place in the field value.

    The part tuples hold the LaTeX source of each word as pybtex splits them; ``given``,
    ``family`` and ``text`` are plain Unicode. (A named tuple: a bibliography has tens of
    thousands of names, and tuples are cheap to make.)
    """

    raw: str  # as written (LaTeX), stripped
    start: int  # offset of raw in the field value
    end: int
    first: tuple[str, ...] = ()
    middle: tuple[str, ...] = ()
    prelast: tuple[str, ...] = ()  # "von" part
    last: tuple[str, ...] = ()
    lineage: tuple[str, ...] = ()  # "Jr."
    literal: bool = False  # the whole name is one brace group: an organisation, printed as is
    commas: int = 0
    error: str | None = None
    text: str = ""  # the name as plain text, as written
    given: str = ""
    family: str = ""  # with its particle: "de Jong"
    family_core: str = ""  # without it: "Jong"
    particle: str = ""
    suffix: str = ""

    @property
    def is_others(self) -> bool:
        """BibTeX's ``and others``: the list was truncated (printed as et al.)."""
        return self.raw.lower() == "others"

    @property
    def display(self) -> str:
        """Given name first: ``Jacob Austin``, ``Michiel de Jong``."""
        if self.literal:
            return self.text
        s = " ".join(p for p in (self.given, self.family) if p)
        if self.suffix:
            s += ", " + self.suffix
        return s

    @property
    def words(self) -> int:
        return len(self.first) + len(self.middle) + len(self.prelast) + len(self.last) + len(self.lineage)



def split_names(value: str) -> list[tuple[str, int, int]]:
    """Split a name list at the ``and`` separators that are outside braces.

    Returns ``(name, start, end)`` with offsets into ``value``; an empty name (``and and``, a
    leading or trailing ``and``) is returned as ``("", start, start)`` so it can be reported.
    """
    out: list[tuple[str, int, int]] = []
    depth = 0
    scanned = 0
    seg_start = 0
    lead = _LEADING_AND.match(value.lstrip())
    if lead is not None:  # the list starts with "and": an empty first name
        at = len(value) - len(value.lstrip())
        out.append(("", at, at))
        seg_start = scanned = at + 3
    for m in _AND.finditer(value, seg_start):
        seg = value[scanned : m.start()]
        depth += seg.count("{") - seg.count("}") - seg.count("\\{") + seg.count("\\}")
        scanned = m.start()
        if depth > 0:
            continue
        depth = 0
        out.append(_trim(value, seg_start, m.start()))
        seg_start = m.end()
    out.append(_trim(value, seg_start, len(value)))
    if len(out) == 1 and out[0][0] == "":
        return []
    return out


def _trim(value: str, start: int, end: int) -> tuple[str, int, int]:
    seg = value[start:end]
    stripped = seg.strip()
    if not stripped:
        return "", start, start
    lead = len(seg) - len(seg.lstrip())
    return stripped, start + lead, start + lead + len(stripped)


def _is_literal(raw: str) -> bool:
    """True when the whole name is a single brace group: ``{DeepSeek-AI}``."""
    if len(raw) < 2 or raw[0] != "{" or raw[-1] != "}":
        return False
    depth = 0
    for i, ch in enumerate(raw):
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0 and i != len(raw) - 1:
                return False
    return True


def _top_level_commas(raw: str) -> int:
    depth = 0
    n = 0
    for ch in raw:
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            n += 1
    return n


_SIMPLE = re.compile(r"[^\W\d_][\w.'’-]*")


def _fast_parts(raw: str) -> tuple[tuple[str, ...], ...] | None:
    """pybtex's split for the common shapes, without pybtex: ``Family, Given`` and
    ``Given Family`` where every word starts with a capital and there are no braces, TeX or
    particles. None when the name needs the full rules."""
    if "{" in raw or "\\" in raw or "~" in raw:
        return None
    if raw.count(",") == 1:
        fam, giv = raw.split(",")
        fam_words, giv_words = fam.split(), giv.split()
        if not fam_words or not all(_SIMPLE.fullmatch(w) and w[0].isupper() for w in fam_words + giv_words):
            return None
        return (tuple(giv_words[:1]), tuple(giv_words[1:]), (), tuple(fam_words), ())
    if "," in raw:
        return None
    words = raw.split()
    if len(words) < 2 or not all(_SIMPLE.fullmatch(w) and w[0].isupper() for w in words):
        return None
    return ((words[0],), tuple(words[1:-1]), (), (words[-1],), ())


_TEX_SPACE = re.compile(r"[\s~]+")  # what separates the words of a name with no backslash (pybtex's BIBTEX_SPACE_RE)


def _words(s: str) -> list[str]:
    return [w for w in _TEX_SPACE.split(s) if w]


def _is_von(word: str) -> bool:
    """A word of the `von` part: its first letter is lower case (a word with no braces or
    backslash)."""
    c = word[0]
    if c.isupper():
        return False
    if c.islower():
        return True
    for ch in word:
        if ch.isalpha():
            return ch.islower()
    return False


def _plain_parts(raw: str) -> tuple[tuple[str, ...], ...] | None:
    """BibTeX's split of a name into first, middle, von, last and Jr parts, as pybtex's
    ``Person`` makes it, for a name with no backslash and no braces but around the whole
    name (`{DeepSeek-AI}`), and at most two commas; None for the others, which pybtex
    splits. Written here because importing pybtex (its version read from the installed
    package's metadata) costs a bigger book's bibliography check a third of its time, and
    most names that miss :func:`_fast_parts` are only a particle (`de Jong, Michiel`), a
    lower-case or one-word name, or a braced corporate name; test_bib_parse checks the two
    splits agree."""
    name = raw.strip()
    if not name or "\\" in name:
        return None
    if "{" in name or "}" in name:
        if name[0] == "{" and name[-1] == "}" and name.count("{") == 1 and name.count("}") == 1:
            return (), (), (), (name,), ()  # one word, whatever it holds
        return None
    parts = [p.strip() for p in name.split(",")]
    if len(parts) > 3:
        return None  # pybtex reports these
    first: list[str] = []
    middle: list[str] = []
    von: list[str] = []
    last: list[str] = []
    lineage: list[str] = []

    def first_middle(ws: list[str]) -> None:
        if ws:
            first.append(ws[0])
            middle.extend(ws[1:])

    def von_last(ws: list[str]) -> None:
        head = ws[:-1]  # the last word is never von
        if head:
            pos = len(head)  # the von part runs to the last von word of head
            while pos and not _is_von(head[pos - 1]):
                pos -= 1
            von.extend(head[:pos])
            last.extend(head[pos:])
        last.extend(ws[-1:])

    if len(parts) == 3:  # von Last, Jr, First
        von_last(_words(parts[0]))
        lineage.extend(_words(parts[1]))
        first_middle(_words(parts[2]))
    elif len(parts) == 2:  # von Last, First
        von_last(_words(parts[0]))
        first_middle(_words(parts[1]))
    else:  # First von Last: the von part starts at the first von word
        ws = _words(name)
        at = next((i for i, w in enumerate(ws) if _is_von(w)), len(ws))
        fm, vl = ws[:at], ws[at:]
        if not vl and fm:
            vl.append(fm.pop())
        first_middle(fm)
        von_last(vl)
    return tuple(first), tuple(middle), tuple(von), tuple(last), tuple(lineage)


def _parse_uncached(raw: str) -> PersonName:
    literal = _is_literal(raw)
    commas = _top_level_commas(raw)
    if not raw:
        return PersonName(raw, 0, 0, error="empty")
    parts = _fast_parts(raw)
    if parts is None:
        parts = _plain_parts(raw)
    if parts is None:
        from pybtex.database import Person

        try:
            p = Person(raw)
        except Exception as exc:  # pybtex: too many commas and the like
            return PersonName(raw, 0, len(raw), literal=literal, commas=commas, error=str(exc), text=latex_to_text(raw))
        parts = (
            tuple(p.first_names),
            tuple(p.middle_names),
            tuple(p.prelast_names),
            tuple(p.last_names),
            tuple(p.lineage_names),
        )
    first, middle, prelast, last, lineage = parts
    return PersonName(
        raw,
        0,
        len(raw),
        first,
        middle,
        prelast,
        last,
        lineage,
        literal,
        commas,
        None,
        text=latex_to_text(raw),
        given=latex_to_text(" ".join(first + middle)),
        family=latex_to_text(" ".join(prelast + last)),
        family_core=latex_to_text(" ".join(last)),
        particle=latex_to_text(" ".join(prelast)),
        suffix=latex_to_text(" ".join(lineage)),
    )


@functools.lru_cache(maxsize=65536)
def _parse_cached(raw: str) -> tuple:
    """Everything but the raw text and the position, for cheap re-use."""
    return tuple(_parse_uncached(raw))[3:]


def parse_name(raw: str, start: int = 0, end: int | None = None) -> PersonName:
    """Parse one name with BibTeX's rules (pybtex's Person); never raises."""
    end = start + len(raw) if end is None else end
    return PersonName(raw, start, end, *_parse_cached(raw))


def parse_names(value: str) -> list[PersonName]:
    """All names of an author/editor field value (offsets relative to the value)."""
    return [parse_name(raw, s, e) for raw, s, e in split_names(value)]


@functools.lru_cache(maxsize=65536)
def name_key(text: str) -> str:
    """Compare names ignoring case, accents, punctuation and spacing: ``Lebrón`` = ``lebron``."""
    if text.isascii():
        return " ".join(_NON_WORD.sub(" ", text.lower()).split())
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return re.sub(r"[^\w]+", " ", stripped.casefold()).strip()
