"""English words: pyspellchecker's dictionary, booklint's shipped lists, light morphology.

pyspellchecker (160k words with frequencies) is loaded on first use only. It has no
morphology and few technical words, so a word it does not know is still accepted when

* booklint's shipped lists have it (``rules/spelling/en-*.txt``), or the book's lists;
* it is a known word plus a regular suffix (`bottleneck+ed`, `rasterize+s`,
  `matmul+led`, `inspect+able`), a known prefix plus a known word (`un+viable`,
  `sub+partition`), or two known content words written as one (`code+base`);
* it is the British spelling of a known American one (`utilisation`): mixing the two is
  the terminology rule T003's business, not a misspelling.

A word pyspellchecker lacks is looked up, lazily, in wordfreq's large English list (about
300k words ranked by frequency in centibels: `quantile`, `supremum`, `equivariant`,
`hippocampal`), read straight from the package's data file (its own import is slow) and cached
like pyspellchecker's. A frequency list holds common misspellings too (`independant`,
`accomodating`): :func:`wide_word` takes a rare entry only when no typo of it is a far more
frequent word.

Suggestions are pyspellchecker's edit-distance-1 candidates (distance 2 costs 70–400 ms a
word), ranked by the book's own use of them, then by English frequency.
"""

from __future__ import annotations

import functools
from array import array
from bisect import bisect_left
from collections.abc import Callable, Iterator, Mapping

from ..data import derived_dir, rules_path
from .edits import edits1
from .vocabulary import parse_word_list

# words a closed compound may not be made of: `eachother`, `alot`, `infact` are typos
FUNCTION_WORDS = frozenset(
    "a an the and or nor but if of to in on at by for from with as is are was were be been it its this that "
    "these those there their they them we us our you your he she his her him not no so do does did has have "
    "had can could will would shall should may might must each other any some every all both either neither "
    "one ones more most less least much many such than then too very also just only even vice per via into "
    "onto upon out off over under about above below again what which who whom whose when where why how".split()
)
PREFIXES = ("un", "re", "sub", "pre", "non", "multi", "micro", "hyper", "inter", "intra", "de", "bi", "semi",
            "super", "over", "under", "co", "auto", "pseudo", "meta", "mega", "giga", "tera", "peta", "exa",
            "zetta", "yotta", "kilo", "mis", "anti", "post", "mid", "out", "up", "down", "counter", "trans",
            "tri", "uni", "poly", "mono", "dis", "in", "im", "ir", "il", "en", "fore", "mini", "nano", "ultra")


LETTERS = "abcdefghijklmnopqrstuvwxyz'"


class English:
    def __init__(self) -> None:
        self.freq = load_frequencies("en")  # lower-cased word → count
        self.extra: set[str] = set()
        self.names: dict[str, str] = {}  # lower → the name as written (`pascal` → `Pascal`)
        folder = rules_path("spelling")
        for p in sorted(folder.glob("en-*.txt")):
            for w in parse_word_list(p.read_text(encoding="utf-8")):
                if w[:1].isupper():
                    self.names[w.lower()] = w
                self.extra.add(w.lower())

    @functools.cached_property
    def wide(self) -> Mapping[str, int]:
        """wordfreq's large English list: word → centibels below 1 (smaller is more frequent)."""
        return load_wordfreq("en")

    @functools.cached_property
    def never_suggest(self) -> frozenset[str]:
        return frozenset(w.lower() for w in parse_word_list(
            (rules_path("spelling") / "never-suggest.txt").read_text(encoding="utf-8")))

    def in_dictionary(self, low: str) -> bool:
        return low in self.freq or low in self.extra

    def candidates(self, low: str) -> set[str]:
        """Known words one edit (insert, delete, replace, transpose) away."""
        freq, extra = self.freq, self.extra
        return {c for c in edits1(low, LETTERS) if c in freq or c in extra}


def load_frequencies(lang: str) -> dict[str, int]:
    """pyspellchecker's word list for ``lang`` ({word: count}).

    Read straight from the package's data file (its JSON is all we use: 2–3 times faster
    than building a SpellChecker), and kept in booklint's cache folder as a marshal dump,
    which loads 3 times faster again (see :func:`booklint.data.derived_dir`). Through the SpellChecker API
    if the data file is not where this pyspellchecker version keeps it.
    """
    import gzip
    import json
    from importlib import resources

    try:
        res = resources.files("spellchecker") / "resources" / f"{lang}.json.gz"
        raw = res.read_bytes()
    except (OSError, ModuleNotFoundError, TypeError):
        raw = None
    if raw is not None:
        def build() -> dict:
            try:
                data = json.loads(gzip.decompress(raw))
            except (OSError, ValueError):
                return {}
            return data if isinstance(data, dict) else {}

        data = derived_data(f"pyspellchecker-{lang}", raw, build)
        if data:
            return data
    from spellchecker import SpellChecker

    return dict(SpellChecker(language=lang, distance=1).word_frequency.dictionary)


def fold_accents(w: str) -> str:
    """`naïve` → `naive`, `moiré` → `moire`: the letters without their combining marks."""
    import unicodedata

    return "".join(c for c in unicodedata.normalize("NFKD", w) if not unicodedata.combining(c))


WIDE_FLOOR = 770  # centibels: entries rarer than about 2 in 10^8 words are mostly noise
TYPO_GAP = 200  # a typo-neighbour 100 times more frequent makes a rare entry a misspelling
_VOWELS = "aeiouy"


def wide_word(low: str, wide: Mapping[str, int]) -> bool:
    """Is ``low`` a real word by wordfreq: in the list, not too rare, and not a common
    misspelling of a far more frequent word (a letter swapped, doubled, undoubled, dropped
    or added, or one vowel for another: `independant`, `traning`, `accomodating`)?"""
    cb = wide.get(low)
    if cb is None or cb > WIDE_FLOOR:
        return False
    classic, other_edits = typo_neighbours(low)
    if len(low) < 6:
        other_edits = set()  # `meh` / `me`, `carb` / `car`: short words are a letter apart by nature
    wide_gap = TYPO_GAP if len(low) < 8 else 130  # long words have few real neighbours: 20 times is enough
    for cands, gap in ((classic, TYPO_GAP // 2), (other_edits, wide_gap)):
        for c in cands:
            f = wide.get(c)
            if f is not None and f + gap <= cb:
                return False
    return True


def typo_neighbours(w: str) -> tuple[set[str], set[str]]:
    """What ``w`` may be a typo of: the classic slips (neighbours swapped, a letter doubled or
    undoubled, a vowel for another: `accomodating`, `independant`), and a letter left out
    (`traning`), which also makes real words (`gifs`, `gifts`) and so needs a wider gap. A
    letter too many is not looked for: it is how suffixes look (`profiler`, `runtimes`)."""
    from .edits import typo_variants

    classic = typo_variants(w)
    other: set[str] = set()
    n = len(w)
    for i in range(n):
        if w[i] in _VOWELS:
            classic.update(w[:i] + v + w[i + 1:] for v in _VOWELS if v != w[i])
    for i in range(n + 1):
        other.update(w[:i] + c + w[i:] for c in "abcdefghijklmnopqrstuvwxyz")
    classic.discard(w)
    other -= classic
    other.discard(w)
    return classic, other


def load_wordfreq(lang: str) -> Mapping[str, int]:
    """wordfreq's large list for ``lang`` (word → centibels, as a :class:`SortedWords`),
    alphabetic entries only, read from the package's data file with msgpack (wordfreq's own
    import pulls in its tokenizers) and cached as a marshal dump like :func:`load_frequencies`.
    Empty when wordfreq is absent."""
    import gzip
    from importlib.util import find_spec
    from pathlib import Path

    try:  # the package's folder, without importing it
        spec = find_spec("wordfreq")
        where = list(spec.submodule_search_locations or []) if spec is not None else []
        raw = (Path(where[0]) / "data" / f"large_{lang}.msgpack.gz").read_bytes() if where else None
    except (OSError, ImportError, ValueError):
        raw = None
    if raw is None:
        return SortedWords([], array("H"))

    def build() -> dict:
        try:
            import msgpack

            packed = msgpack.unpackb(gzip.decompress(raw), raw=False)
        except Exception:  # an unreadable data file only means a smaller dictionary
            return {}
        if not isinstance(packed, list) or not packed or not isinstance(packed[0], dict):
            return {}
        data: dict[str, int] = {}
        for cb, words in enumerate(packed[1:]):
            if cb > WIDE_FLOOR:
                break
            for w in words:
                if isinstance(w, str) and w.isalpha() and w not in data:
                    data[w] = cb
        if not data:
            return {}
        words = sorted(data)
        return {"words": "\n".join(words), "centibels": array("H", map(data.__getitem__, words)).tobytes()}

    kept = derived_data(f"wordfreq-sorted-{lang}", raw, build)
    try:
        words, values = kept["words"].split("\n"), array("H", kept["centibels"])
    except (KeyError, AttributeError, TypeError, ValueError):  # a dump of another shape: none
        return SortedWords([], array("H"))
    return SortedWords(words, values) if len(words) == len(values) else SortedWords([], array("H"))


class SortedWords(Mapping):
    """A read-only table of words → small numbers, kept as the words in sorted order and an
    array of their numbers. It is made five times faster than a dict of the same 200,000 words
    (a run makes it once and asks it some thousands of words: no hashing of every entry, no
    hash table) and looks a word up by bisection, in C."""

    __slots__ = ("_words", "_values", "_n")

    def __init__(self, words: list[str], values: array) -> None:
        self._words = words  # sorted, distinct
        self._values = values
        self._n = len(words)

    def _at(self, word: str) -> int:
        """Where ``word`` stands in the sorted words, or -1."""
        i = bisect_left(self._words, word)
        return i if i < self._n and self._words[i] == word else -1

    def get(self, word: str, default=None):
        i = self._at(word)
        return self._values[i] if i >= 0 else default

    def __contains__(self, word: object) -> bool:
        return isinstance(word, str) and self._at(word) >= 0

    def __getitem__(self, word: str) -> int:
        i = self._at(word)
        if i < 0:
            raise KeyError(word)
        return self._values[i]

    def __len__(self) -> int:
        return self._n

    def __iter__(self) -> Iterator[str]:
        return iter(self._words)


def derived_data(name: str, raw: bytes, build) -> dict:
    """``build()``'s dictionary made from an installed package's data file ``raw``, kept in
    :func:`booklint.data.derived_dir` as a marshal dump named by ``name``, the source's size and checksum and
    Python's version (marshal's format follows it), so a changed source is never read stale."""
    import marshal
    import sys

    folder = derived_dir()
    cache = None
    if folder is not None:
        py = f"py{sys.version_info[0]}{sys.version_info[1]}"
        cache = folder / f"{name}-{len(raw)}-{_crc(raw)}-{py}.marshal"
        try:
            data = marshal.loads(cache.read_bytes())
            if isinstance(data, dict) and data:
                return data
        except (OSError, ValueError, EOFError, TypeError):
            pass
    data = build()
    if cache is not None and data:
        from ..atomic import keep_bytes

        keep_bytes(cache, marshal.dumps(data))  # (one that cannot be written is only slower)
    return data


def _crc(raw: bytes) -> str:
    import zlib

    return f"{zlib.crc32(raw):08x}"


@functools.cache  # shipped data only: the installed dictionary and booklint's lists, the same every run
def english() -> English:
    return English()


# -- morphology ---------------------------------------------------------------------------------

def stems(w: str) -> list[str]:
    """Stems a regular English suffix could have been added to."""
    out: list[str] = []
    n = len(w)

    def add(s: str) -> None:
        if len(s) >= 3:
            out.append(s)

    if w.endswith("ies") and n > 4:
        add(w[:-3] + "y")
    if w.endswith("es") and n > 4 and (w[-3] in "sxz" or w[-4:-2] in ("ch", "sh")):
        add(w[:-2])
    if w.endswith("s") and not w.endswith("ss") and n > 3:
        add(w[:-1])
    if w.endswith("'"):
        add(w[:-1])
    for suf in ("ed", "ing", "er", "ers", "est"):
        if w.endswith(suf) and n > len(suf) + 2:
            s = w[: -len(suf)]
            add(s)
            add(s + "e")
            if len(s) > 2 and s[-1] == s[-2] and s[-1] not in "aeiouls":
                add(s[:-1])
            if len(s) > 2 and s[-1] == s[-2] == "l":
                add(s[:-1])  # British doubling, and `matmulled`
            if s.endswith("i"):
                add(s[:-1] + "y")
    if w.endswith("ly") and n > 5:
        add(w[:-2])
        if w.endswith("ily"):
            add(w[:-3] + "y")
        if w.endswith("ally"):
            add(w[:-4])
        if w.endswith("bly"):
            add(w[:-1] + "e")
    if w.endswith("or") and n > 6:  # an agent noun: `approximat+or` (`approximate`), `extract+or`
        add(w[:-2] + "e")
        add(w[:-2])
    for suf, repl in (("ization", "ize"), ("isation", "ise"), ("ation", "ate"), ("ation", ""), ("ation", "e"),
                      ("ability", "able"), ("ibility", "ible"), ("ity", ""), ("ness", ""), ("ment", ""),
                      ("able", ""), ("able", "e"), ("ible", ""), ("ize", ""), ("ize", "e"), ("ise", ""),
                      ("ism", ""), ("ist", ""), ("ful", ""), ("less", ""), ("wise", ""), ("like", ""),
                      ("al", ""), ("ally", "")):
        if w.endswith(suf) and n > len(suf) + 2:
            add(w[: -len(suf)] + repl)
    return out


# British → American: `utilisation` → `utilization`, `colour` → `color`, `modelling` → `modeling`
_BRITISH = (
    ("isation", "ization"), ("isations", "izations"), ("ise", "ize"), ("ised", "ized"), ("ises", "izes"),
    ("ising", "izing"), ("iser", "izer"), ("isers", "izers"), ("yse", "yze"), ("ysed", "yzed"), ("ysing", "yzing"),
    ("our", "or"), ("ours", "ors"), ("oured", "ored"), ("ouring", "oring"), ("ourable", "orable"),
    ("tre", "ter"), ("tres", "ters"), ("ogue", "og"), ("ogues", "ogs"), ("elled", "eled"), ("elling", "eling"),
    ("eller", "eler"), ("ence", "ense"),
)


_BRITISH_LONGEST_FIRST = tuple(sorted(_BRITISH, key=lambda x: -len(x[0])))
_BRITISH_ENDINGS = tuple(gb for gb, _us in _BRITISH)


def american(low: str) -> str | None:
    """The American spelling of a British-looking word, or None."""
    if not low.endswith(_BRITISH_ENDINGS):
        return None
    for gb, us in _BRITISH_LONGEST_FIRST:
        if low.endswith(gb) and len(low) > len(gb) + 2:
            return low[: -len(gb)] + us
    return None


def morph_known(low: str, known: Callable[[str], bool], depth: int = 2,
                short: Callable[[str], bool] | None = None) -> str | None:
    """How ``low`` is made of known words: "suffix" (`bottleneck+ed`), "prefix"
    (`un+viable`), or None. ``known`` decides what a known stem is; ``short``, when given,
    what a word of three or four letters must be to follow a prefix of four letters or more
    (`under+fit`, `auto+diff`: a common word, so that no slip hides behind a long prefix)."""
    if depth <= 0 or len(low) < 5:
        return None
    for s in stems(low):
        if known(s) or morph_known(s, known, depth - 1, short):
            return "suffix"
    for p in PREFIXES:
        if not low.startswith(p):
            continue
        rest = low[len(p):]
        if len(rest) >= 4 and (known(rest) or morph_known(rest, known, depth - 1, short)):
            return "prefix"
        if 3 <= len(rest) <= 4 and len(p) >= 4 and short is not None and short(rest):
            return "prefix"
    return None


def compound_parts(low: str, known: Callable[[str], bool]) -> tuple[str, str] | None:
    """Two known words run together (`codebase`), each at least three letters."""
    for i in range(3, len(low) - 2):
        a, b = low[:i], low[i:]
        if known(a) and known(b):
            return a, b
    return None
