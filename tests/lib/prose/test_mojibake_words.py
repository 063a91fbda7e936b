"""The mojibake library on dictionary words: clean words are never taken for mojibake, damaged ones are found."""

from __future__ import annotations

import gzip
import json
import os

import ftfy.bad_codecs  # noqa: F401  (the "sloppy" Windows codecs, as real Windows tools decode)
import pytest

from booklint.prose import mojibake


def damage(text: str, encoding: str) -> str:
    return text.encode("utf-8").decode(encoding)


def _dictionary_words(lang: str, step: int):
    import spellchecker

    path = os.path.join(os.path.dirname(spellchecker.__file__), "resources", f"{lang}.json.gz")
    if not os.path.exists(path):
        pytest.skip(f"pyspellchecker has no {lang} word list here")
    with gzip.open(path) as f:
        words = sorted(json.load(f))
    return words[::step]


@pytest.mark.parametrize("lang", ["en", "ru", "de", "fr", "es", "pt"])
def test_clean_words_are_not_mojibake(lang):
    """No clean dictionary word, in any typographic context, is taken for mojibake."""
    for w in _dictionary_words(lang, 7):
        for v in (w, w.capitalize(), w.upper(), f"«{w}»", f"„{w}“", f"“{w}”", f"{w}—", f"—{w}", f"{w}…", f"‘{w}’"):
            got = mojibake.undo(v)
            assert got is None or not got[2], (v, got)
    # one weak candidate alone never makes a finding: the file-level scan needs a strong one
    assert not mojibake.scan("—à la mode, —é, Её\n").damages


@pytest.mark.parametrize("lang,encodings", [
    ("ru", ["sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251", "koi8_r"]),
    ("fr", ["sloppy-windows-1252", "latin-1"]),
    ("de", ["sloppy-windows-1252", "latin-1"]),
])
def test_damaged_words_are_found(lang, encodings):
    words = [w for w in _dictionary_words(lang, 11) if not w.isascii() and len(w) > 1]
    for enc in encodings:
        missed = []
        for w in words:
            try:
                bad = damage(w, enc)
            except UnicodeError:
                continue
            got = mojibake.undo(bad)
            if got is None or got[0] != w or not got[2]:
                missed.append(w)
        assert len(missed) <= len(words) // 200, (enc, missed[:10])
