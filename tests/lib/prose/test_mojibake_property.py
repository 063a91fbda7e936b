"""Properties of the mojibake detector on random text of Russian, English and typographic words.

* Clean text is never touched.
* Damaged once through any of the five encodings, no word is ever "repaired" into anything but
  the word it was (the repair is exact or absent).
* When the text has two or more words whose damage stands on its own (two non-ASCII characters,
  or one punctuation mark or symbol of three bytes), every damaged word is repaired.
"""

from __future__ import annotations

import re

import ftfy
import ftfy.bad_codecs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from booklint.prose import mojibake

WORDS = ["свет", "Крыша", "модель", "ёжик", "«кавычки»", "—", "…", "café", "naïve", "résumé", "µs", "±3",
         "°C", "TPU-чипы", "v5e", "Hello", "x", "2025", "Ёлки-палки", "“quoted”", "über", "Straße", "№5", "é",
         "и", "в", "Её"]
ENCODINGS = ["sloppy-windows-1252", "latin-1", "macroman", "sloppy-windows-1251", "koi8_r"]
lines = st.lists(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join), min_size=1, max_size=8)
_SPLIT = re.compile(r"[^ \n]+")


def _strong(word: str) -> bool:
    wide = [c for c in word if ord(c) > 0x7F]
    return len(wide) >= 2 or any(0x2000 <= ord(c) <= 0x2BFF for c in wide)


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(lines, st.sampled_from(ENCODINGS))
def test_repairs_are_exact_or_absent(ls, encoding):
    text = "\n".join(ls) + "\n"
    clean = mojibake.scan(text)
    assert not clean.damages and not clean.lossy
    bad = text.encode("utf-8").decode(encoding)
    originals = {m.start(): m.group(0) for m in _SPLIT.finditer(text)}
    damaged = {m.start(): m.group(0) for m in _SPLIT.finditer(bad)}
    word_of = dict(zip(damaged, originals.values(), strict=False))
    rep = mojibake.scan(bad)
    for d in rep.damages:
        assert d.fixed == word_of[d.start], (bad[d.start : d.end], d.fixed, word_of[d.start])
    if sum(_strong(w) for w in originals.values()) >= 2:
        repaired = {d.start for d in rep.damages}
        missed = [word_of[p] for p, w in damaged.items() if w != word_of[p] and p not in repaired]
        assert not missed, missed


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=10).map(" ".join), st.sampled_from(ENCODINGS),
       st.booleans())
def test_lines_left_unasked_are_lines_ftfy_keeps(line, encoding, damage):
    """The scan asks ftfy only about lines holding one of the characters every match of ftfy's
    badness expression needs: any other line, ftfy returns as it is."""
    chars = mojibake._badness_chars()
    assert chars is not None  # the ftfy this project pins has a plain list of branches
    if damage:
        line = line.encode("utf-8").decode(encoding, "replace")
    if chars.search(line) is None:
        assert ftfy.fix_encoding(line) == line
