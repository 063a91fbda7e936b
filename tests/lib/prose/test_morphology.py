"""English word formation: derived words are words, and random slips of common words are not.

The morphology (`morph_known`, `compound_parts` behind `EnglishChecker.accepted`) accepts a
prefix on a known word, a suffix on a known stem and two words run together. Each of those
can also spell a typo (`gob+al` for `global`, `pace+craft` for `spacecraft`), so a few
thousand random one-letter edits of common words (a letter left out, added, replaced, or two
swapped, keeping only edits that are in no word list) are checked: at most ``MAX_SHARE`` of
them may be accepted. (Before derivations had to keep clear of common words, about 5.7 % were.)
"""

from __future__ import annotations

import random
from types import SimpleNamespace

import pytest

from booklint.prose.english import english
from booklint.prose.english_checker import EnglishChecker
from booklint.prose.vocabulary import Vocabulary

MAX_SHARE = 0.025
N = 1500


class _Book:
    def __init__(self):
        self._memo = {}
        self.files = SimpleNamespace(others=set())

    def memo(self, key, build):
        if key not in self._memo:
            self._memo[key] = build()
        return self._memo[key]

    def source(self, rel):
        return None


@pytest.fixture(scope="module")
def checker():
    return EnglishChecker(_Book(), {}, Vocabulary())


needs_wordfreq = pytest.mark.skipif(not english().wide, reason="wordfreq is not installed")


@needs_wordfreq
@pytest.mark.parametrize("word", ["approximators", "contrastiveness", "elaboratively", "overparametrized",
                                  "underfit", "autodiff", "unsharded", "rasterizes", "codebase"])
def test_derived_words_are_words(checker, word):
    assert checker.accepted(word)


@pytest.mark.parametrize("typo", ["gobal", "witing", "nubered", "fondations", "pacecraft", "hearteat",
                                  "speclate", "threshhold", "forseeable"])
def test_slips_are_not_derivations(checker, typo):
    assert not checker.accepted(typo)


@needs_wordfreq
@pytest.mark.parametrize("seed", [7, 11])
def test_random_slips_of_common_words_are_rarely_accepted(checker, seed):
    lex = checker.lex
    rng = random.Random(seed)
    common = sorted(w for w, f in lex.freq.items() if f >= 2000 and len(w) >= 5 and w.isascii() and w.isalpha())
    letters = "abcdefghijklmnopqrstuvwxyz"
    tried = accepted = 0
    while tried < N:
        w = rng.choice(common)
        i, kind = rng.randrange(len(w) - 1), rng.randrange(4)
        t = (w[:i] + w[i + 1:], w[:i] + rng.choice(letters) + w[i:], w[:i] + rng.choice(letters) + w[i + 1:],
             w[:i] + w[i + 1] + w[i] + w[i + 2:])[kind]
        if t == w or t in lex.freq or t in lex.wide or t in lex.extra:
            continue
        tried += 1
        accepted += checker.accepted(t)
    assert accepted / tried <= MAX_SHARE, f"{accepted} of {tried} slips accepted"


@needs_wordfreq
def test_a_technical_plural_gets_no_absurd_suggestion(checker):
    assert checker.suggestions("dicts") == []
    assert "developed" in checker.suggestions("developped")
