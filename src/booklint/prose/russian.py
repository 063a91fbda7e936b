"""Russian words: pymorphy3's dictionary, so every inflected form of a known word is known.

A word is known when pymorphy3's dictionary has it (`word_is_known`: 1.7 % unknown on a
translated chapter, against 40 % for a plain word list). Jargon is given as *lemmas*
(`шардинг`, `квантизовать`): a word is accepted when any of pymorphy3's parses of it has
an accepted lemma as its normal form, so one entry covers every case and tense. The
book's own jargon is grouped the same way: `батча`, `батчу`, `батчей` count as uses of
`батч`.

pymorphy3 has no suggester; candidates are the known words one edit away (and the word
with its reflexive `-ся`/`-сь` added or removed), ranked by the book's use, then by the
frequencies of pyspellchecker's small Russian list.
"""

from __future__ import annotations

import functools
from typing import Any

from ..data import rules_path
from .edits import edits1, typo_edit
from .vocabulary import Vocabulary, book_words, parse_word_list, vocabulary

LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
PREFIXES = ("пере", "пред", "при", "раз", "рас", "без", "бес", "вы", "до", "за", "из", "ис", "на", "над", "об",
            "от", "по", "под", "про", "со", "меж", "между", "не", "анти", "мульти", "микро", "супер", "суб", "пост",
            "пре", "гипер", "мега", "гига", "авто", "псевдо", "квази", "контр", "сверх", "само", "ре", "де", "недо")
MIN_LEN = 3


class Russian:
    def __init__(self) -> None:
        import pymorphy3

        self.morph = pymorphy3.MorphAnalyzer(lang="ru")
        self.lemmas: set[str] = set()
        for p in sorted(rules_path("spelling").glob("ru-*.txt")):
            self.lemmas.update(w.lower() for w in parse_word_list(p.read_text(encoding="utf-8")))
        self._freq: dict[str, int] | None = None
        self._nf: dict[str, frozenset[str]] = {}

    def known(self, low: str) -> bool:
        return self.morph.word_is_known(low)

    def normal_forms(self, low: str) -> frozenset[str]:
        r = self._nf.get(low)
        if r is None:
            r = self._nf[low] = frozenset(p.normal_form for p in self.morph.parse(low))
        return r

    @property
    def freq(self) -> dict[str, int]:
        """Word frequencies for ranking suggestions (pyspellchecker's Russian list, 20k words)."""
        if self._freq is None:
            try:
                from .english import load_frequencies

                self._freq = load_frequencies("ru")
            except Exception:  # the list is only for ranking; a missing one costs nothing else
                self._freq = {}
        return self._freq

    def candidates(self, low: str) -> set[str]:
        cands = {c for c in edits1(low, LETTERS) if self.morph.word_is_known(c, strict=True)}
        for suf in ("ся", "сь"):
            if low.endswith(suf) and self.known(low[:-2]):
                cands.add(low[:-2])
        if self.known(low + "ся"):
            cands.add(low + "ся")
        cands.discard(low)
        return cands


@functools.cache  # shipped data only: pymorphy3's dictionary and booklint's lists, the same every run
def russian() -> Russian:
    return Russian()


class RussianChecker:
    def __init__(self, book: Any, settings: dict):
        cfg = settings
        self.lex = russian()
        self.vocab: Vocabulary = vocabulary(book)
        self.user = book_words(book, settings)
        self.min_count = max(0, int(cfg.get("min-count", 3)))
        self.names_on = bool(cfg.get("names", True))
        self.suggest_on = bool(cfg.get("suggest", True))
        self._accepted: dict[str, bool] = {}
        self._lemma_uses: dict[str, int] | None = None
        self._cands: dict[str, set[str]] = {}
        self._unknown: set[str] | None = None

    def candidates(self, low: str) -> set[str]:
        c = self._cands.get(low)
        if c is None:
            c = self._cands[low] = self.lex.candidates(low)
        return c

    def lemma_ok(self, low: str) -> bool:
        if low in self.user or low in self.lex.lemmas:
            return True
        nfs = self.lex.normal_forms(low)
        return bool(nfs & self.user or nfs & self.lex.lemmas)

    def lemma_uses(self) -> dict[str, int]:
        """Uses of each lemma among the book's unknown Russian words."""
        if self._lemma_uses is None:
            uses: dict[str, int] = {}
            known = self.lex.known
            for low, n in self.vocab.cyrillic.items():
                if known(low):
                    continue
                for nf in self.lex.normal_forms(low):
                    uses[nf] = uses.get(nf, 0) + n
            self._lemma_uses = uses
        return self._lemma_uses

    def jargon(self, low: str) -> bool:
        if not self.min_count:
            return False
        uses = self.lemma_uses()
        n = max((uses.get(nf, 0) for nf in self.lex.normal_forms(low)), default=0)
        if n < self.min_count:
            return False
        own = self.vocab.cyrillic.get(low, 0)
        if n >= 10 or len(low) < 5:
            return True
        return not any(self.vocab.cyrillic.get(c, 0) > own and c[0] == low[0] for c in self.candidates(low))

    def stem_known(self, low: str) -> bool:
        return self.lex.known(low) or self.lemma_ok(low) or self.jargon(low)

    def unknown_words(self) -> set[str]:
        if self._unknown is None:
            self._unknown = {low for low in self.vocab.cyrillic if len(low) >= MIN_LEN and not self.accepted(low)}
        return self._unknown

    def accepted(self, low: str) -> bool:
        r = self._accepted.get(low)
        if r is None:
            r = self._accepted[low] = self._decide(low)
        return r

    def _decide(self, low: str) -> bool:
        if self.stem_known(low):
            return True
        for p in PREFIXES:
            rest = low[len(p):]
            if low.startswith(p) and len(rest) >= 4 and self.stem_known(rest) and not self.typo_of_known(low):
                return True
        return False

    def typo_of_known(self, low: str) -> bool:
        return any(typo_edit(c, low) for c in self.candidates(low))

    def check(self, word: str, sentence_start: bool, where: str, *, in_name: bool = False,
              compound: str | None = None) -> tuple[str, list[str]] | None:
        if len(word) < MIN_LEN:
            return None
        if word.isupper() and len(word) <= 6:
            return None  # an acronym: `ГПУ`, `СССР`
        low = word.lower()
        if compound is not None and self.lex.known(compound.lower()):
            return None  # `из-за`, `когда-нибудь`, `по-разному`
        if self.accepted(low):
            return None
        capital = word[0].isupper()
        if capital and self.names_on and where not in ("heading", "front-matter", "details") and (
                in_name or not sentence_start):
            return None  # a name: `Крижевскому`
        return "unknown", self.suggestions(low) if self.suggest_on else []

    def suggestions(self, low: str) -> list[str]:
        cands = self.candidates(low)
        freq = self.lex.freq if len(cands) > 1 else {}
        cy = self.vocab.cyrillic
        return sorted(cands, key=lambda c: (-cy.get(c, 0), not typo_edit(c, low), -freq.get(c, 0), c))


def checker(book: Any, settings: dict) -> RussianChecker:
    """The Russian spelling checker of this run (``settings``: the spelling family's)."""
    return book.memo("prose.russian", lambda: RussianChecker(book, settings))
