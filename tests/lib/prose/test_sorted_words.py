"""SortedWords (prose/english.py): wordfreq's list kept as sorted words and an array answers
every question a dict of the same words would."""

from __future__ import annotations

from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.prose.english import SortedWords, english


def _table(d: dict[str, int]) -> SortedWords:
    words = sorted(d)
    return SortedWords(words, array("H", map(d.__getitem__, words)))


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(st.text(max_size=6), st.integers(0, 770), max_size=40), st.lists(st.text(max_size=6), max_size=20))
def test_it_answers_as_the_dict_would(d, asked):
    t = _table(d)
    assert len(t) == len(d) and bool(t) == bool(d) and set(t) == set(d)
    for w in [*asked, *d]:
        assert t.get(w) == d.get(w)
        assert t.get(w, 999) == d.get(w, 999)
        assert (w in t) == (w in d)
        if w in d:
            assert t[w] == d[w]
        else:
            with pytest.raises(KeyError):
                t[w]


def test_a_word_that_is_no_str_is_not_in_it():
    assert 3 not in _table({"three": 1})


def test_the_installed_list_is_one():
    wide = english().wide
    if not wide:
        pytest.skip("wordfreq is not installed")
    assert isinstance(wide, SortedWords)
    assert "quantile" in wide and wide.get("quantile") is not None and "qzxqzx" not in wide
