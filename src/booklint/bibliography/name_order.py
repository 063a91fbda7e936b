"""Given and family names swapped (`Alan, Turing` for `Turing, Alan`), judged by how often
each word is a given name and a family name.

Two frequency sources, both public data read from the installed packages (nothing copied):

* the US Census Bureau's 1990 name files (`dist.male.first`, `dist.female.first`,
  `dist.all.last`: the given names and surnames of 90 % of the population, each with its
  share in percent), as the `names` package ships them: whether a word is far more often a
  given name than a surname;
* nomquamgender's table of given names (Van Buskirk et al., 2022: 720,000 given names with
  how often 36 sources, worldwide and from scientific authorship, saw each as a given
  name): whether a word is ever a given name, in any country.

A name is reported only when both are sure: the word in the family slot is a common given
name and almost never a US surname, and the word in the given slot is seen as a given name
less than 1 % as often as it (`Turing`, never; `Mathieu` is, so `Rita, Mathieu` is left
alone). Names the census does not know, names that are both (`Lee`, `Kim`, `James`), and a
word the same .bib writes in the other slot for someone else are never reported.
"""

from __future__ import annotations

import functools
import importlib.util
import mmap
import os
import unicodedata
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import NamedTuple

from .latex import latex_to_text
from .model import Bibliography, BibProblem
from .names import parse_names

ROLES = ("author", "editor")
# how sure the data must be: a share (percent of the 1990 population) and a ratio to the
# other use of the same word
MIN_GIVEN_SHARE = 0.02  # the family-slot word is at least this common as a given name
MIN_RATIO = 20.0  # ... and this many times more common as a given name than as a surname
STRONG_RATIO = 100.0  # when the given-slot word is in no list at all, demand this much more


class NameFrequencies(NamedTuple):
    given: dict[str, float]  # upper-case name -> share in percent (the larger of the two sexes)
    family: Mapping[str, float]  # a CensusTable: 88,799 surnames, looked up one by one


# past this many different surnames asked about, reading the whole file once is cheaper
LOOKUPS_BEFORE_BUILD = 32


class CensusTable(Mapping[str, float]):
    """One census file's shares (upper-case name -> percent), read as text and looked up name
    by name: a .bib asks about a few dozen surnames (only for words that are common given
    names), and finding a line in the 3 MB text costs about a millisecond, while building the
    whole table of 88,799 lines costs 60 ms. Past :data:`LOOKUPS_BEFORE_BUILD` different
    names the whole table is built once. The file is in rank order (largest share first),
    so a name's first line holds its share."""

    __slots__ = ("_text", "_asked", "_whole")

    def __init__(self, text: str):
        self._text = "\n" + text  # every line starts after a newline
        self._asked: dict[str, float | None] = {}
        self._whole: dict[str, float] | None = None

    def _table(self) -> dict[str, float]:
        if self._whole is None:
            self._whole = _read_shares(self._text)
        return self._whole

    def _share(self, name: str) -> float | None:
        if self._whole is not None:
            return self._whole.get(name)
        if name in self._asked:
            return self._asked[name]
        if len(self._asked) >= LOOKUPS_BEFORE_BUILD or not name or not name.isalpha():
            return self._table().get(name)
        at = self._text.find("\n" + name + " ")
        share = None
        if at != -1:
            end = self._text.find("\n", at + 1)
            parts = self._text[at + 1: end if end != -1 else len(self._text)].split()
            try:
                share = float(parts[1])
            except (IndexError, ValueError):
                share = self._table().get(name)
        self._asked[name] = share
        return share

    def get(self, name, default=None):
        share = self._share(name) if isinstance(name, str) else None
        return default if share is None else share

    def __getitem__(self, name: str) -> float:
        share = self._share(name) if isinstance(name, str) else None
        if share is None:
            raise KeyError(name)
        return share

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self._share(name) is not None

    def __iter__(self) -> Iterator[str]:
        return iter(self._table())

    def __len__(self) -> int:
        return len(self._table())


def _read_shares(text: str, table: dict[str, float] | None = None) -> dict[str, float]:
    """Each name's share in a census file's text (the larger when a name has two lines)."""
    table = {} if table is None else table
    for line in text.splitlines():
        parts = line.split()
        if len(parts) >= 2:
            share = float(parts[1])
            if share > table.get(parts[0], -1.0):
                table[parts[0]] = share
    return table


@functools.cache  # shipped data only: read once a process
def frequencies() -> NameFrequencies | None:
    """The census name frequencies, or None when the `names` package is not installed. The
    given names (5,494 lines) are read whole; the surnames are looked up as asked."""
    try:
        folder = _package_folder("names")
        given: dict[str, float] = {}
        for fname in ("dist.male.first", "dist.female.first"):
            _read_shares(folder.joinpath(fname).read_text(encoding="ascii"), given)
        family = CensusTable(folder.joinpath("dist.all.last").read_text(encoding="ascii"))
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return None
    return NameFrequencies(given, family)


@functools.lru_cache(maxsize=65536)  # a pure function of one word: the same names recur in a .bib
def _word(latex: str) -> str | None:
    text = latex_to_text(latex)
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    if len(text) < 2 or not text.isascii() or not text.isalpha() or text.isupper():
        return None  # initials, hyphenated, non-Latin, or an acronym
    return text.upper()


def given_name_count(word: str) -> int | None:
    """How often nomquamgender's sources saw ``word`` (any case) as a given name; 0 if never,
    None when the table is not installed."""
    data = _given_table()
    if data is None:
        return None
    low = word.lower()
    key = ('"' + low + '": [').encode("utf-8", "surrogatepass")
    lo, hi = _narrowed(data, low)
    at = data.find(key, lo, hi + len(key))
    while at > 1 and data[at - 2:at] != b", ":  # the end of a key with a `\"` in it (`o\"brien`)
        at = data.find(key, at + 1, hi + len(key))
    if at == -1:
        return 0
    head = data[at + len(key): at + len(key) + 40].split(b",")
    try:
        return int(head[1])
    except (IndexError, ValueError):
        return 0


def _narrowed(data: mmap.mmap | bytes, word: str) -> tuple[int, int]:
    """Where in the table the entry of ``word`` begins, if it is there: a range of a few kB,
    found by halving. The table is one JSON object written with its keys in order (Python's
    order of the decoded strings) and ``, `` and ``: `` between items; an entry ends with
    ``]`` (its value is a list of numbers) and the next one begins right after ``], ``, which
    no key holds (a key's own `"` is written `\\"`). A key cut off by the window read, or
    anything unexpected, stops the halving: the rest of the range is searched whole."""
    from json.decoder import scanstring

    lo, hi = 0, len(data)
    while hi - lo > 4096:
        mid = (lo + hi) // 2
        b = data.find(b'], "', mid, hi)
        if b == -1:
            hi = min(hi, mid + 3)  # no entry begins in [mid + 3, hi)
            continue
        start = b + 3  # the key's opening quote
        try:
            key, _end = scanstring(data[start + 1:start + 1025].decode("ascii"), 0)
        except ValueError:  # (a key longer than the window, or not ASCII)
            break
        if key == word:
            return start, start + 1
        if key < word:
            lo = start + 1
        else:
            hi = start
    return lo, hi


@functools.cache  # shipped data only: the table, searched for the few candidates
def _given_table() -> mmap.mmap | bytes | None:
    """The table's 22 MB of JSON, mapped rather than read (a run looks up a few words in it;
    reading and decoding it took 30 ms). It is ASCII (JSON escapes the rest), so a word's
    entry is found at the same place as in the text."""
    try:
        with _package_folder("nomquamgender").joinpath("name_data.json").open("rb") as f:
            if os.fstat(f.fileno()).st_size == 0:
                return b""
            return mmap.mmap(f.fileno(), 0, access=mmap.ACCESS_READ)
    except (ModuleNotFoundError, FileNotFoundError, OSError, ValueError):
        return None


def _package_folder(name: str) -> Path:
    """Where an installed package's files are, without importing it (nomquamgender's import
    loads its whole table and pandas)."""
    spec = importlib.util.find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(next(iter(spec.submodule_search_locations)))


def swapped_given_family(given_word: str, family_word: str, data: NameFrequencies) -> bool:
    """Whether the data is sure that `family_word` is a given name and `given_word` a surname."""
    fam_as_given = data.given.get(family_word, 0.0)
    if fam_as_given < MIN_GIVEN_SHARE:
        return False  # (most words stop here, before a surname is looked up)
    fam_as_family = data.family.get(family_word, 0.0)
    if fam_as_family * MIN_RATIO > fam_as_given:
        return False
    if given_word in data.given:
        return False  # the given slot holds a given name too: `David, Paul`
    if fam_as_family * STRONG_RATIO > fam_as_given and given_word not in data.family:
        return False
    # the cheap census test passed; now the worldwide table of given names (loaded only here)
    g_count, f_count = given_name_count(given_word), given_name_count(family_word)
    if g_count is None or f_count is None or f_count == 0:
        return False
    return g_count * 100 < f_count


def swapped_names(bib: Bibliography) -> list[BibProblem]:
    """Names in ``author`` and ``editor`` whose given and family names look swapped."""
    data = frequencies()
    if data is None:
        return []
    found = []  # (entry, field, name, given word, family word)
    as_given: dict[str, set[str]] = {}
    as_family: dict[str, set[str]] = {}
    for e in bib.entries:
        for f in e.fields:
            if f.key not in ROLES:
                continue
            for n in parse_names(f.value):
                if n.error is not None or n.is_others or n.literal:
                    continue
                given_words = n.first + n.middle
                if len(given_words) == 1 and len(n.last) == 1 and not n.prelast and not n.lineage:
                    g, fam = _word(given_words[0]), _word(n.last[0])
                    if g and fam:
                        as_given.setdefault(g, set()).add(fam)
                        as_family.setdefault(fam, set()).add(g)
                        found.append((e, f, n, g, fam))
    out: list[BibProblem] = []
    for e, f, n, g, fam in found:
        if not swapped_given_family(g, fam, data):
            continue
        # the .bib writes the family-slot word as a family name (or the given-slot word as a given
        # name) for someone else, in a name that is not itself a sure swap: a real use, so unsure
        if any(not swapped_given_family(o, fam, data) for o in as_family.get(fam, set()) - {g}) or \
                any(not swapped_given_family(g, o, data) for o in as_given.get(g, set()) - {fam}):
            continue
        given_text, family_text = latex_to_text(n.first[0] if n.first else n.middle[0]), latex_to_text(n.last[0])
        if f.value_offset is None:
            span = f.value_span
        else:
            span = bib.index.span(f.value_offset + n.start, f.value_offset + n.end)
        out.append(BibProblem(
            "author-swapped",
            f"“{n.text}” in `{e.key}` is read as given name {given_text} and family name {family_text}, but "
            f"{family_text} is a common given name and hardly a surname, and {given_text} is hardly ever a given "
            f"name (US census and worldwide given-name frequencies): the parts look swapped. Write "
            f"{given_text}, {family_text}.",
            span.line, span.column, span.end_line, span.end_column, e.key, f.key))
    return out
