"""The English verdict on a word, with everything the book itself says about it.

One :class:`EnglishChecker` per book (kept on the Book), so the decisions on a word are
made once however many chapters use it.
"""

from __future__ import annotations

import re
from typing import Any

from .edits import edits1, one_edit, typo_edit, typo_variants
from .english import (
    FUNCTION_WORDS,
    LETTERS,
    PREFIXES,
    american,
    compound_parts,
    english,
    fold_accents,
    morph_known,
    stems,
    typo_neighbours,
    wide_word,
)
from .vocabulary import Vocabulary, book_words, vocabulary, work_vocabulary
from .words import identifier_like

TWO_CAPS = re.compile(r"[A-Z]{2}[a-z]{3,}$")  # `FLoating`, `THe`: the shift key held one letter too long
MIN_LEN = 3  # shorter words are abbreviations, variables and interjections far more often than typos
OWN_WORD = 10  # a word the book uses this many times is the book's word, whatever its neighbours
RARE = 50  # pyspellchecker's floor: words seen this rarely include junk (`neglig`)
COMMON = 1000
SHORT_WIDE = 580  # centibels: a word of three letters from wordfreq must be this common (`url`, `meh`)
LONG_RARE = 9  # pyspellchecker's rarest entries this long are words, unless they are slips
TYPO_OF = 100  # a word this frequent, two letters swapped or one doubled, is a typo, not a derivation  # an English word at least this frequent in pyspellchecker's counts is a common word


class EnglishChecker:
    def __init__(self, book: Any, settings: dict, vocab: Vocabulary | None = None):
        cfg = settings
        self.lex = english()
        self.vocab: Vocabulary = vocab if vocab is not None else vocabulary(book)
        self.user = book_words(book, settings)
        self.min_count = max(0, int(cfg.get("min-count", 3)))
        self.names_on = bool(cfg.get("names", True))
        self.suggest_on = bool(cfg.get("suggest", True))
        self._accepted: dict[str, bool] = {}
        self._cands: dict[str, set[str]] = {}
        self._unknown: set[str] | None = None
        self._caps: set[str] | None = None
        self._suspects: tuple[set[str], set[str]] | None = None
        self._rare: dict[str, bool] = {}
        self._wide: dict[str, bool] = {}
        self._phrases: dict[str, bool] = {}

    # -- what counts as a word --------------------------------------------------------------
    def base_known(self, low: str) -> bool:
        if low in self.user or low in self.lex.extra:
            return True
        f = self.lex.freq.get(low)
        if f is None:
            if len(low) < 4 and self.lex.wide.get(low, 999) > SHORT_WIDE:
                return False  # wordfreq's rarer short entries are often fragments (`tes`, `plo`)
            return self.wide_known(low)
        if f > RARE:
            return True
        # pyspellchecker's rarest entries include common misspellings (`siez`): a word seen
        # that rarely which is a frequent word with two letters swapped is not a word
        r = self._rare.get(low)
        if r is None:
            freq = self.lex.freq
            r = self._rare[low] = not any(freq.get(c, 0) >= COMMON for c in typo_variants(low))
        return r or self.wide_known(low)  # wordfreq's counts tell `salvia` from a slip for `saliva`

    def common(self, low: str) -> bool:
        """A word of ordinary English prose (a frequent dictionary word) or a listed one."""
        return (self.lex.freq.get(low, 0) >= TYPO_OF or self.lex.wide.get(low, 999) <= 600 or low in self.lex.extra
                or low in self.user)

    def wide_known(self, low: str) -> bool:
        """Known to wordfreq's larger list (loaded on the first word pyspellchecker lacks),
        unless it is two words run together that are written apart (`eachother`, and
        `viceversa` where the book writes `vice-versa`)."""
        r = self._wide.get(low)
        if r is None:
            r = self._wide[low] = wide_word(low, self.lex.wide) and not self._run_together(low)
        return r

    def slip_of_common(self, low: str) -> bool:
        """Is ``low`` a classic slip (letters swapped, doubled, undoubled, a vowel for
        another) or, from seven letters on, a letter short of a far more frequent word? Then no prefix
        or suffix makes it a word (`forseeable` is not `forsee` + `able`)."""
        wide = self.lex.wide
        cb = wide.get(low, 999)
        classic, short = typo_neighbours(low)
        if len(low) >= 7 and not any(low.startswith(p) and self.lex.freq.get(low[len(p):], 0) >= COMMON
                                     for p in PREFIXES):  # `retuned` is `re` + `tuned`, not `returned`
            cands = classic | short
        else:
            cands = classic
        return any(wide.get(c, 999) + 100 <= cb for c in cands)

    def _run_together(self, low: str) -> bool:
        freq = self.lex.freq
        for i in range(2, len(low) - 1):
            a, b = low[:i], low[i:]
            if not (freq.get(a, 0) > RARE or a in self.lex.extra) or not (freq.get(b, 0) > RARE or b in self.lex.extra):
                continue
            if (a in FUNCTION_WORDS and b in FUNCTION_WORDS) or self.phrase_used(f"{a}-{b}"):
                return True
        return False

    def phrase_used(self, phrase: str) -> bool:
        """Does the work's prose contain ``phrase`` (lower case, words separated by one space)?
        The vocabulary's answer (:meth:`Vocabulary.phrase_used`), once a phrase."""
        r = self._phrases.get(phrase)
        if r is None:
            r = self._phrases[phrase] = self.vocab.phrase_used(phrase)
        return r

    def candidates(self, low: str) -> set[str]:
        c = self._cands.get(low)
        if c is None:
            c = self._cands[low] = self.lex.candidates(low) | {
                u for u in self.user if abs(len(u) - len(low)) <= 1 and one_edit(u, low)}
        return c

    def jargon(self, low: str) -> bool:
        """Used consistently many times: at least `min-count` uses, and no known word one
        letter away that the book uses more (then this is a repeated typo of that word)."""
        n = self.vocab.latin.get(low, 0)
        if not self.min_count or n < self.min_count:
            return False
        if n >= OWN_WORD:
            return True
        latin = self.vocab.latin
        if len(low) < 5:  # short words: only a swapped or doubled letter makes a repeated typo
            return not any(latin.get(c, 0) > n for c in typo_variants(low))
        return not any(latin.get(c, 0) > n for c in self.candidates(low) if c[0] == low[0])

    def stem_known(self, low: str) -> bool:
        return self.base_known(low) or self.jargon(low)

    def stem_ok(self, low: str) -> bool:
        """A stem for a derived word: a word of some real use, not one of the dictionary's
        rarest entries (`neglig`, which would excuse `negligable`)."""
        f = self.lex.freq.get(low)
        if f is not None and f > RARE:
            return True
        if low in self.lex.extra or low in self.user or self.jargon(low):
            return True
        if len(low) < 6:
            return False  # short rare entries are often junk (`plo`, `neglig`)
        if self.wide_known(low):
            return True  # wordfreq confirms it (`contrastive`, `parametrized`: pyspellchecker's rarest)
        # a long entry of pyspellchecker's rarest that is no slip of a common word (`parametrize`)
        return f is not None and len(low) >= LONG_RARE and self.base_known(low) and not self.slip_of_common(low)

    def short_stem(self, low: str) -> bool:
        """A short word that may follow a long prefix (`under+fit`, `auto+diff`): a common one,
        by either list (wordfreq's short rare entries are fragments: `tes`, `plo`)."""
        return self.lex.freq.get(low, 0) >= COMMON or self.lex.wide.get(low, 999) <= SHORT_WIDE

    def unknown_words(self) -> set[str]:
        """The book's lower-cased Latin words that are not accepted (decided once per book)."""
        if self._unknown is None:
            self._unknown = {low for low in self.vocab.latin if len(low) >= MIN_LEN and not self.accepted(low)}
        return self._unknown

    def caps_words(self) -> set[str]:
        """Lower case of the book's words written with two capitals (`FLoating`)."""
        if self._caps is None:
            self._caps = {low for low, f in self.vocab.forms.items()
                          if any(w[1:2].isupper() and TWO_CAPS.match(w) for w in f)}
        return self._caps

    def suspects(self) -> tuple[set[str], set[str]]:
        """(the unknown and two-capital words, the tokens that hold one of them): a page
        whose tokens hold none has nothing to check."""
        if self._suspects is None:
            lows = self.unknown_words() | self.caps_words()
            toks: set[str] = set()
            in_tokens = self.vocab.in_tokens
            for low in lows:
                toks |= in_tokens.get(low, set())
            self._suspects = (lows, toks)
        return self._suspects

    def accepted(self, low: str) -> bool:
        r = self._accepted.get(low)
        if r is None:
            r = self._accepted[low] = self._decide(low)
        return r

    def _decide(self, low: str) -> bool:
        if self.stem_known(low):
            return True
        if not low.isascii():
            plain = fold_accents(low)  # `naïve`, `moiré`, `Schrödinger`: the word without its marks
            if plain != low and plain.isascii():
                return self.accepted(plain) or self.wide_known(low)
        us = american(low)
        if us and (self.stem_known(us) or morph_known(us, self.stem_ok, short=self.short_stem)):
            return True
        if low in self.lex.wide and low not in self.lex.freq and not self.wide_known(low) and self.slip_of_common(low):
            return False  # wordfreq has it, as a rare slip for a far more frequent word (`forseeable`)
        if morph_known(low, self.stem_ok, short=self.short_stem) and not self.typo_of_common(low) and not self.short_of_common(low):
            return True
        parts = compound_parts(low, self.compound_part)
        if (parts and not (set(parts) & FUNCTION_WORDS) and not self.phrase_used(" ".join(parts))
                and not self.typo_of_common(low) and not self.near_common(low)):
            return True
        return False

    def compound_part(self, low: str) -> bool:
        """A word that may make half of a closed compound: a stem, and a common word when it
        has three letters (`pun` + `che`, `hoc` + `ting` are slips, not compounds)."""
        return self.stem_ok(low) and (len(low) > 3 or self.lex.freq.get(low, 0) >= COMMON)

    def short_of_common(self, low: str) -> bool:
        """Is ``low`` a common word with a letter left out (`witing`, `gobal`, `nubered`,
        `fondations`), which a short stem plus a suffix happens to spell (`wit+ing`,
        `gob+al`)? Not when it is a prefix plus a common word (`re+tile`, not `reptile`)."""
        freq = self.lex.freq
        if any(low.startswith(p) and freq.get(low[len(p):], 0) >= COMMON for p in PREFIXES):
            return False
        n = len(low)
        for i in range(n + 1):
            for ch in LETTERS[:-1]:
                c = low[:i] + ch + low[i:]
                if freq.get(c, 0) >= COMMON and not c.startswith(low):
                    return True
        return False

    def near_common(self, low: str) -> bool:
        """Is ``low`` one edit (a letter left out, added, replaced or swapped) from a common
        word that is not one of its own inflections? Two words run together rarely land one
        letter from a third (`pace+craft` for `spacecraft`, `hear+teat` for `heartbeat`)."""
        freq = self.lex.freq
        return any(freq.get(c, 0) >= COMMON and not (c.startswith(low) or low.startswith(c))
                   for c in self.lex.candidates(low))

    def typo_of_common(self, low: str) -> bool:
        """Is ``low`` a common word (or one the book uses) with two letters swapped or a
        letter doubled or undoubled? Then `threshhold` is a typo of `threshold`, not
        `thresh` + `hold`; `unifrom` is not `uni` + `from`, nor `thier` `thy` + `er`."""
        freq = self.lex.freq
        for c in self.candidates(low):
            if (freq.get(c, 0) >= TYPO_OF or self.vocab.latin.get(c, 0) or c in self.lex.names) and typo_edit(c, low):
                return True
        return False

    # -- a word as written --------------------------------------------------------------------
    def check(self, word: str, sentence_start: bool, where: str, *, in_name: bool = False,
              prefix: bool = False, author: bool = False) -> tuple[str, list[str]] | None:
        """None when the word is fine, else (reason, suggestions).

        ``in_name``: the word stands next to another capitalised word (`Stas Bekman`);
        ``prefix``: it is the first part of a hyphenated word (`pre-training`);
        ``author``: it stands before `et al.` or in a list of names.
        """
        if len(word) < MIN_LEN:
            return None
        if TWO_CAPS.match(word):
            low = word.lower()
            if self.base_known(low) and self.vocab.forms.get(low, {}).get(word, 0) < max(self.min_count, 2):
                return "caps", [word[0] + word[1:].lower()]
        if identifier_like(word):
            return None
        low = word.lower()
        if prefix and low in PREFIXES:
            return None
        if self.accepted(low):
            return None
        capital = word[0].isupper()
        name_like = not word.isascii() or (
            where not in ("heading", "front-matter", "details") and (in_name or not sentence_start))
        if capital and self.names_on and author:
            return None  # `Meuris et al.`, `Bos and Chug`, `Phan-Thien`: names, however close to words
        if capital and self.names_on and name_like:
            near = self.near_name(low)
            if near:
                return "name", [near]
            common = self.typo_of(low)
            if not common:
                return None  # a name: `Krizhevsky`, `Sholto`
            return "unknown", [common]  # `Netowrk Interface Card`: a common word, letters swapped
        return "unknown", self.suggestions(low) if self.suggest_on else []

    def typo_of(self, low: str) -> str | None:
        """The common word ``low`` is a typo of by a swap or a doubled letter, if any
        (`netowrk` → `network`): a name is almost never that."""
        freq, book = self.lex.freq, self.vocab.latin
        cands = [c for c in typo_variants(low) if c[0] == low[0] and self.base_known(c)
                 and (freq.get(c, 0) >= COMMON or book.get(c, 0) >= 2)]
        return max(cands, key=lambda c: (book.get(c, 0), freq.get(c, 0)), default=None)

    def near_name(self, low: str) -> str | None:
        """A known name (booklint's list, or a capitalised word the book uses often) one letter away."""
        for c in sorted(self.candidates(low) | self._book_names_near(low)):
            name = self.lex.names.get(c)
            if name:
                return name
            forms = self.vocab.forms.get(c)
            if forms and self.vocab.latin.get(c, 0) >= max(self.min_count, 1):
                top = max(forms, key=forms.__getitem__)
                if top[:1].isupper():
                    return top
        return None

    def _book_names_near(self, low: str) -> set[str]:
        forms = self.vocab.forms
        return {c for c in edits1(low, LETTERS) if c in forms}

    def inflects_known(self, low: str) -> bool:
        """Is ``low`` a regular inflection (`-s`, `-ed`, `-ing`, `-er`) of a technical word:
        one that wordfreq lists (however rarely) and the ordinary dictionary lacks (`dicts` of
        `dict`)? Not of an ordinary word: `developped` is a slip for `developed`."""
        wide, freq = self.lex.wide, self.lex.freq
        return any(s in wide and s not in freq for s in stems(low) if len(low) - len(s) <= 3)

    def suggestions(self, low: str) -> list[str]:
        """Likely corrections, best first: words one edit away (the book's own words first,
        then by English frequency), or the word split in two (`eachother` → `each other`)."""
        out: list[str] = []
        for i in range(2, len(low) - 1):
            a, b = low[:i], low[i:]
            phrase = f"{a} {b}"
            if self.base_known(a) and self.base_known(b) and (
                    self.phrase_used(phrase) or {a, b} & FUNCTION_WORDS and min(len(a), len(b)) >= 3):
                out.append(phrase)
        cands = self.candidates(low) - self.lex.never_suggest
        if self.inflects_known(low):
            # `dicts`: the plural of a word wordfreq knows (`dict`), too short or rare to be
            # taken as a stem; `ducts` or `diets` would be absurd, unless the book uses them
            cands = {c for c in cands if self.vocab.latin.get(c, 0)}
        ranked = sorted(cands, key=lambda c: (-self.vocab.latin.get(c, 0), -self.lex.freq.get(c, 0), c))
        out += ranked
        return out


def checker(book: Any, settings: dict, scope: str = "book", work: str = "") -> EnglishChecker:
    """The English spelling checker of this run for one work (``settings``: the spelling
    family's; ``scope`` and ``work``: see ``works.py``). The book's jargon is the work's."""
    v = work_vocabulary(book, scope, work)
    if v is vocabulary(book):
        return book.memo("prose.english", lambda: EnglishChecker(book, settings))
    return book.memo(("prose.english", scope, work), lambda: EnglishChecker(book, settings, v))


def pick(suggestions: list[str], lex_freq: dict[str, int], book_count: Any) -> tuple[str | None, list[str]]:
    """(the clear correction or None, up to three to show)."""
    if not suggestions:
        return None, []
    show = suggestions[:3]
    if len(suggestions) == 1:
        return suggestions[0], show
    a, b = suggestions[0], suggestions[1]
    if " " in a:
        return a, show
    fa, fb = book_count(a), book_count(b)
    if fa and not fb:
        return a, show
    ea, eb = lex_freq.get(a, 0), lex_freq.get(b, 0)
    if not fa and not fb and ea >= 20 * max(eb, 1):
        return a, show
    return None, show
