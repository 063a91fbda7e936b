"""Spelling (S): misspelled English and Russian words, doubled words."""

from ...registry import settings

settings("spelling", {
    "words": (list, [], "words the book accepts (any case); for Russian, a lemma accepts every form"),
    "word-lists": (list, [], "more word-list files, relative to the book root (one word a line, `#` comments); "
                             "files in `.booklint/words/*.txt` are always read"),
    "min-count": (int, 3, "an unknown word the book uses at least this many times is taken as its jargon "
                          "(0 turns this off)"),
    "names": (bool, True, "take a capitalised unknown word inside a sentence as a name, unless it is one "
                          "letter away from a known name"),
    "suggest": (bool, True, "suggest corrections"),
})
