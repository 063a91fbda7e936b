"""Mojibake: UTF-8 text that was decoded with a legacy encoding and saved again.

Detection is a strict round trip, word by word (a word is a run without ASCII spaces;
mojibake never contains one): the word must encode in the suspect encoding, those bytes
must be valid UTF-8, and the result must be shorter, consist of ordinary characters (no
controls, unassigned or private-use code points, only common Unicode blocks) and have
each run of letters in a single script. A word whose repair is a single non-ASCII
character, other than a punctuation mark or symbol of three bytes (`â€”` for `—`), is a
weak candidate, kept only if ftfy also finds it bad, if its letters mix scripts and the
repair's do not (`cafГ©`), or if the same file has at least two strong candidates in the
same encoding. Measured on 1.97 million words
of 12 languages' dictionaries in 11 typographic contexts each (21.7 million strings): no
clean string is taken for mojibake; the two corpus books (13,000 lines) give none either.

The repair is ftfy's: ``ftfy.fix_encoding`` where it agrees with the round trip, else the
plan ftfy would apply (encode with the encoding found, decode as UTF-8, a layer at a
time). ftfy alone would miss KOI8-R, which it does not know, and single words of pure
Cyrillic damaged through Mac Roman, which its badness heuristic scores as clean.

:func:`report` scans a page once a run (kept in the Book's memo) for E006 and for the
character rules, which skip what E006 reports through :func:`mojibake_regions` and
:func:`in_mojibake`; :func:`scan` is the same analysis of any text, uncached.
"""

from __future__ import annotations

import bisect
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any

from ..document.model import Document

ENCODINGS = ("sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251", "koi8_r")
LABELS = {
    "sloppy-windows-1252": "Windows-1252 (cp1252)",
    "latin-1": "Latin-1 (ISO 8859-1)",
    "macroman": "Mac Roman",
    "sloppy-windows-1251": "Windows-1251 (cp1251)",
    "koi8_r": "KOI8-R",
}
MAX_LAYERS = 3
_WORD = re.compile(r"[^ \t\n]+")
# the words (as _WORD cuts them) with a character past ASCII: tried at word starts only, so one pass
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_WORD_NON_ASCII = re.compile(r"(?<![^ \t\n])[^ \t\n]*[^\x00-\x7f][^ \t\n]*")
_OK_RANGES = (
    (0x00A0, 0x024F), (0x0250, 0x02FF), (0x0300, 0x036F), (0x0370, 0x03FF), (0x0400, 0x052F),
    (0x0590, 0x06FF), (0x0900, 0x097F), (0x0E00, 0x0E7F), (0x1E00, 0x1EFF), (0x2000, 0x206F),
    (0x2070, 0x209F), (0x20A0, 0x20CF), (0x2100, 0x27BF), (0x2900, 0x2BFF), (0x3000, 0x30FF),
    (0x3400, 0x9FFF), (0xAC00, 0xD7AF), (0xFF00, 0xFFEF), (0x1F300, 0x1FAFF),
)
_BAD_CATEGORIES = frozenset({"Cc", "Cn", "Co", "Cs"})
# a punctuation mark or symbol of three bytes (`—`, `“`, `…`, `№`, `€`): six specific characters, no accident
# (a three-byte letter can be one: Russian `её—` read as Windows-1251 UTF-8 is the CJK `帗`)
_WIDE = re.compile("[\u2000-\u2bff]")


@dataclass(slots=True)
class Damage:
    start: int  # offsets into the text
    end: int
    fixed: str
    layers: tuple[str, ...]  # encodings undone, outermost first
    strong: bool


@dataclass
class Report:
    damages: list[Damage] = field(default_factory=list)  # strict round trip (exact repair)
    lossy: list[tuple[int, int, str]] = field(default_factory=list)  # (line start, line end, ftfy's repair)


_ALLOWED = re.compile("[\t\x20-\x7e" + "".join(f"{chr(a)}-{chr(b)}" for a, b in _OK_RANGES) + "]*")
_LETTER_RUN = re.compile(r"[^\W\d_]+")
_SCRIPTS = frozenset({"LATIN", "CYRILLIC", "GREEK", "ARMENIAN", "HEBREW", "ARABIC", "DEVANAGARI", "THAI",
                      "HANGUL", "CJK", "HIRAGANA", "KATAKANA", "GEORGIAN", "COPTIC", "SYRIAC", "THAANA", "NKO"})


@functools.lru_cache(maxsize=4096)  # bounded, on one character: a pure function of its argument
def _script(c: str) -> str | None:
    """The script of a letter (None for non-letters and script-neutral letters such as `µ` or `ª`)."""
    if not c.isalpha():
        return None
    if c.isascii():
        return "LATIN"
    name = unicodedata.name(c, "")
    first = name.split(" ", 1)[0] if name else ""
    return first if first in _SCRIPTS else None


# the usual results, settled by one regex: Latin text, or Cyrillic text without Latin letters
_PLAIN_LATIN = re.compile("[\t\x20-\x7e\u00a0-\u024f\u2010-\u2027\u2030-\u205e\u20ac]*")
_PLAIN_CYRILLIC = re.compile("[\t\x20-\x40\x5b-\x60\x7b-\x7e\u00a0-\u00bf\u00d7\u00f7\u0400-\u04ff"
                             "\u2010-\u2027\u2030-\u205e\u20ac\u2116]*")


def _plausible(fixed: str) -> bool:
    """Ordinary characters only (common blocks, no controls, nothing unassigned), one script per run of letters."""
    if _PLAIN_LATIN.fullmatch(fixed) is not None or _PLAIN_CYRILLIC.fullmatch(fixed) is not None:
        return True
    if _ALLOWED.fullmatch(fixed) is None:
        return False
    for ch in set(fixed):
        if ord(ch) > 0x7E and unicodedata.category(ch) in _BAD_CATEGORIES:
            return False
    for m in _LETTER_RUN.finditer(fixed):
        run = m.group(0)
        if run.isascii():
            continue
        scripts = {_script(c) for c in set(run)}
        scripts.discard(None)
        if len(scripts) > 1:
            return False
    return True


def load_tables() -> None:
    """Load what the scan of the first page past ASCII loads: the tables made of ftfy's codecs
    and badness expression (for a run that forks after this: engine._warm). ftfy itself is
    imported only where a word or a line may be damaged."""
    _charsets()
    _badness_chars()
    _badness()


_TABLES_FORMAT = 1
_TABLES_KEYS = {"charsets", "badness", "flags", "maybe_bad"}


@functools.cache  # fixed tables of ftfy, the same every run
def _ftfy_tables() -> dict:
    """What the scan reads of ftfy (its codecs' character tables, its badness expression), kept
    as data derived from the installed ftfy (english.derived_data, named by the checksum of the
    ftfy files they come from): importing ftfy costs more than a whole small book's scan, and a
    book without damage never needs it."""
    from importlib.util import find_spec
    from pathlib import Path

    from .english import derived_data

    try:
        spec = find_spec("ftfy")
        folder = Path(next(iter(spec.submodule_search_locations or ()))) if spec is not None else None
        raw = None if folder is None else b"".join(
            (folder / name).read_bytes() for name in ("badness.py", "chardata.py", "bad_codecs/sloppy.py"))
    except (OSError, ValueError, ImportError, StopIteration):
        raw = None
    if raw is None:
        return _ftfy_tables_built()
    # (the name's number changes with what _ftfy_tables_built keeps, so another booklint's copy is not read)
    kept = derived_data(f"ftfy-tables-{_TABLES_FORMAT}", raw + repr(ENCODINGS).encode(), _ftfy_tables_built)
    return kept if set(kept) == _TABLES_KEYS else _ftfy_tables_built()


def _ftfy_tables_built() -> dict:
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-*" codecs)
    from ftfy.badness import BADNESS_RE

    charsets = []
    for enc in ENCODINGS:
        chars = bytes(range(256)).decode(enc)
        lead = bytes(range(0xC2, 0xF5)).decode(enc)
        cont = bytes(range(0x80, 0xC0)).decode(enc)
        charsets.append([enc, "[" + re.escape(chars) + "]*", "[" + re.escape(lead) + "][" + re.escape(cont) + "]"])
    return {"charsets": charsets, "badness": BADNESS_RE.pattern, "flags": int(BADNESS_RE.flags),
            "maybe_bad": _badness_chars_of(BADNESS_RE) or ""}


@functools.cache
def _charsets() -> tuple[tuple[str, re.Pattern, re.Pattern], ...]:
    """Per encoding, in the order they are tried: (name, the text it can produce, a UTF-8 lead byte followed
    by a continuation byte as it shows them). Text without such a pair cannot be UTF-8 read in that encoding."""
    return tuple((enc, re.compile(chars), re.compile(pair)) for enc, chars, pair in _ftfy_tables()["charsets"])


@functools.cache
def _codecs() -> None:
    import ftfy.bad_codecs  # noqa: F401  (registers the "sloppy-windows-*" codecs)


@functools.cache
def _badness() -> re.Pattern:
    """ftfy's badness expression (``ftfy.badness.is_bad`` is its search): ``ftfy.fix_encoding``
    returns a text it finds nothing in unchanged."""
    t = _ftfy_tables()
    return re.compile(t["badness"], t["flags"])


@functools.lru_cache(maxsize=65536)  # bounded, on one word: a pure function of its argument
def undo_once(word: str) -> tuple[str, str, bool] | None:
    """(encoding, repaired word, strong) for one layer of mojibake, or None."""
    if word.isascii():
        return None
    weak = None
    for enc, charset, pair in _charsets():
        if pair.search(word) is None or charset.fullmatch(word) is None:
            continue  # no multi-byte character could be hidden here, or a character this encoding never produces
        _codecs()
        fixed = word.encode(enc).decode("utf-8", "replace")
        if "\ufffd" in fixed:
            continue  # the bytes are not UTF-8
        if fixed == word or len(fixed) >= len(word) or not _plausible(fixed):
            continue
        if len(fixed) - len(fixed.encode("ascii", "ignore")) >= 2 or _WIDE.search(fixed):
            return enc, fixed, True
        if weak is None:
            weak = (enc, fixed)
    if weak is None:
        return None
    return weak[0], weak[1], _badness().search(word) is not None or _resolves_scripts(word, weak[1])


def _scripts(text: str) -> set[str]:
    out = {_script(c) for c in set(text)}
    out.discard(None)
    return out


def _resolves_scripts(word: str, fixed: str) -> bool:
    """The word mixes scripts (`cafГ©`) and its repair does not (`café`): damage, not a clean word."""
    return len(_scripts(word)) > 1 and len(_scripts(fixed)) == 1


@functools.lru_cache(maxsize=65536)  # bounded, on one word: a pure function of its argument
def chain(word: str) -> tuple[tuple[str, str, bool], ...]:
    """The layers of mojibake on ``word``, outermost first: (encoding, repaired, strong); stops after a weak one."""
    got = undo_once(word)
    if got is None:
        return ()
    out = [got]
    cur = got[1]
    while got[2] and len(out) < MAX_LAYERS:
        got = undo_once(cur)
        if got is None:
            break
        out.append(got)
        cur = got[1]
    return tuple(out)


def undo(word: str) -> tuple[str, tuple[str, ...], bool] | None:
    """Undo the layers that stand on their own; (repaired, encodings, strong) or None."""
    layers = chain(word)
    if not layers:
        return None
    keep = [layers[0]] + [x for x in layers[1:] if x[2]]
    return keep[-1][1], tuple(x[0] for x in keep), layers[0][2]


MAX_FTFY_LINE = 20_000  # longer stretches are repaired by the plan alone (ftfy's guess would cost seconds)


def repair_line(text: str, damages: list[Damage]) -> list[tuple[int, int, str]]:
    """ftfy's repair of one line's damaged words, as (start, end, new) edits.

    ``ftfy.fix_encoding`` on the stretch from the first damaged word to the last, when its result is exactly
    what the round trip found; otherwise ``ftfy.apply_plan`` word by word with the encodings found."""
    import ftfy

    start, end = damages[0].start, damages[-1].end
    expected_parts, pos = [], start
    for d in damages:
        expected_parts.append(text[pos : d.start])
        expected_parts.append(d.fixed)
        pos = d.end
    expected_parts.append(text[pos:end])
    expected = "".join(expected_parts)
    if end - start <= MAX_FTFY_LINE and ftfy.fix_encoding(text[start:end]) == expected:
        return [(start, end, expected)]
    # ftfy's plan is one `encode(enc)` and one `decode("utf-8")` a layer: the round trip's own result
    return [(d.start, d.end, d.fixed) for d in damages]


def scan(text: str) -> Report:
    return _scan(text)


def _scan(text: str) -> Report:
    out = Report()
    if text.isascii():
        return out
    chains: list[tuple[int, int, tuple[tuple[str, str, bool], ...]]] = []
    strong: dict[tuple[int, str], int] = {}  # (layer depth, encoding) -> words where that layer stands on its own
    for start, end in _non_ascii_words(text):  # an ASCII word has no mojibake: most words are skipped in C
        w = text[start:end]
        if len(w) - len(w.encode("ascii", "ignore")) < 2:
            continue  # mojibake of any character is at least two characters
        layers = chain(w)
        if not layers:
            continue
        chains.append((start, end, layers))
        for depth, (enc, _fixed, ok) in enumerate(layers):
            if ok:
                strong[depth, enc] = strong.get((depth, enc), 0) + 1
    # a weak layer counts when the same file has at least two words where that layer is strong
    add = out.damages.append
    for start, end, layers in chains:
        last = layers[-1]
        if last[2]:  # every layer stands on its own (the usual case)
            add(Damage(start, end, last[1], tuple(x[0] for x in layers) if len(layers) > 1 else (last[0],), True))
            continue
        n = len(layers) - 1  # the last layer is weak: kept if the file backs it up
        if strong.get((n, last[0]), 0) >= 2:
            n += 1
        if n:
            add(Damage(start, end, layers[n - 1][1], tuple(x[0] for x in layers[:n]), layers[0][2]))
    damaged_lines = {text.rfind("\n", 0, d.start) + 1 for d in out.damages}  # their starts
    out.lossy = _lossy(text, damaged_lines)
    return out


def _non_ascii_words(text: str) -> list[tuple[int, int]]:
    """(start, end) of each word (as ``_WORD`` cuts it) with a character past ASCII. Mostly-ASCII
    text is skipped at C speed to its next non-ASCII character; text that is mostly non-ASCII
    (Russian) is cut by ``_WORD_NON_ASCII`` in one pass, which is faster there."""
    n = len(text)
    if n - len(text.encode("ascii", "ignore")) > n // 8:
        return [m.span() for m in _WORD_NON_ASCII.finditer(text)]
    out = []
    search, word, rfind = _NON_ASCII.search, _WORD.match, text.rfind
    pos = 0
    while (m := search(text, pos)) is not None:
        i = m.start()
        # after the previous word ``pos`` is a space (or 0), so the word starts at or after it
        a = max(rfind(" ", pos, i), rfind("\t", pos, i), rfind("\n", pos, i)) + 1
        pos = word(text, i).end()
        out.append((a, pos))
    return out


def _lossy(text: str, skip: set[int]) -> list[tuple[int, int, str]]:
    """Lines ftfy repairs although the strict round trip does not (bytes lost, or half-damaged);
    ``skip``: the starts of lines left out."""
    maybe_bad = _badness_chars()
    bad = _badness()
    out = []
    pos = 0
    n = len(text)
    while (m := _NON_ASCII.search(text, pos)) is not None:  # the lines with a character past ASCII
        i = m.start()
        a = max(pos, text.rfind("\n", pos, i) + 1)
        b = text.find("\n", i)
        if b == -1:
            b = n
        pos = b + 1
        if a in skip or (maybe_bad is not None and maybe_bad.search(text, a, b) is None):
            continue  # (ftfy leaves a line alone when its badness expression finds nothing there)
        line = text[a:b]
        if bad.search(line) is None:
            continue  # the same test, whole: ftfy is not imported for a line it would leave alone
        import ftfy

        fixed = ftfy.fix_encoding(line)
        if fixed != line and len(fixed) < len(line):
            out.append((a, b, fixed))
    return out


@functools.cache
def _badness_chars() -> re.Pattern | None:
    """A quick first test of a line before :func:`_badness` (:func:`_badness_chars_of`)."""
    chars = _ftfy_tables()["maybe_bad"]
    return re.compile(chars) if chars else None


def _badness_chars_of(badness: re.Pattern) -> str | None:
    """Characters of which every match of ftfy's badness expression holds one (for each of its
    branches, the characters of one single-character step it must take, past ASCII where it
    can), as an expression, or None when the expression is not a plain list of such branches.
    A line with none of them is one ftfy's ``fix_encoding`` returns unchanged, so it need not
    be asked."""
    try:
        from re import _constants as sre
        from re import _parser

        if badness.flags & (re.IGNORECASE | re.LOCALE):
            return None
        tree = _parser.parse(badness.pattern, badness.flags)
        if len(tree.data) != 1 or tree.data[0][0] is not sre.BRANCH:
            return None
        wanted: set[int] = set()
        for branch in tree.data[0][1][1]:
            best: set[int] | None = None
            for op, av in branch.data:  # the branch's own steps: each takes one character of the match
                chars = _step_chars(sre, op, av)
                if chars and (best is None or (min(chars) < 0x80, len(chars)) < (min(best) < 0x80, len(best))):
                    best = chars
            if best is None:
                return None
            wanted |= best
        return "[" + "".join(re.escape(chr(c)) for c in sorted(wanted)) + "]"
    except Exception:  # another ftfy or Python: ask ftfy about every line
        return None


def _step_chars(sre: Any, op: Any, av: Any) -> set[int] | None:
    """The characters one step of a parsed expression matches, when it is one character of a
    small set (a literal or a class without negation or categories)."""
    if op is sre.LITERAL:
        return {av}
    if op is not sre.IN:
        return None
    out: set[int] = set()
    for iop, iav in av:
        if iop is sre.LITERAL:
            out.add(iav)
        elif iop is sre.RANGE:
            out.update(range(iav[0], iav[1] + 1))
        else:
            return None
    return out


def report(book: Any, doc: Document) -> Report:
    """The mojibake of page ``doc``, scanned once a run (E006 and the character rules share it)."""
    if book.docs.get(doc.path) is not doc:  # a Document the book does not hold
        return scan(doc.text)
    return book.memo(("prose.mojibake", doc.path), lambda: scan(doc.text))


def damaged_spans(book: Any, doc: Document) -> list[tuple[int, int]]:
    rep = report(book, doc)
    return [(d.start, d.end) for d in rep.damages] + [(a, b) for a, b, _ in rep.lossy]


def mojibake_regions(book: Any, doc: Document) -> tuple[list[int], list[int]]:
    """Starts and ends of the stretches E006 reports (other rules leave them alone)."""
    spans = sorted(damaged_spans(book, doc))
    return [a for a, _ in spans], [b for _, b in spans]


def in_mojibake(regions: tuple[list[int], list[int]], offset: int) -> bool:
    starts, ends = regions
    i = bisect.bisect_right(starts, offset) - 1
    return i >= 0 and offset < ends[i]
