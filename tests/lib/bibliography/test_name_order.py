"""bibliography/name_order.py: swapped given and family names, judged by name frequencies."""

from __future__ import annotations

import pytest

from booklint.bibliography.name_order import frequencies, given_name_count, swapped_given_family, swapped_names
from booklint.bibliography.parse import parse_bib

DATA = frequencies()
pytestmark = pytest.mark.skipif(DATA is None or given_name_count("alan") is None,
                                reason="the `names` and `nomquamgender` packages are not installed")


def test_sources_load():
    assert len(DATA.given) > 5000 and len(DATA.family) > 80000
    assert given_name_count("alan") > 1000 and given_name_count("turing") == 0


def test_given_name_count_halves_its_way_to_the_entry():
    """The table is searched by halving, not read through: every word's count is the one its
    own entry holds (not a key ending in it after an escaped quote, `o\\"brien`), 0 if none."""
    import json
    import random

    from booklint.bibliography import name_order

    data = name_order._given_table()
    table = json.loads(bytes(data))
    words = sorted(k for k in table if k.isascii() and k.isalpha() and k.islower())
    rng = random.Random(13)
    sample = rng.sample(words, 2000) + words[:20] + words[-20:]
    sample += [w + "q" for w in sample[:200]] + ["zzzzzz", "brien", "obrien"]
    for w in sample:
        assert given_name_count(w) == (table[w][1] if w in table else 0), w
    assert given_name_count("Alan") == table["alan"][1]


@pytest.mark.parametrize("given, family", [("TURING", "ALAN"), ("KNUTH", "DONALD"), ("PATTERSON", "DAVID")])
def test_sure_swaps(given, family):
    assert swapped_given_family(given, family, DATA)


@pytest.mark.parametrize("given, family", [
    ("MATHIEU", "RITA"),  # Mathieu is a given name (in France): Rita, Mathieu is right
    ("YOON", "KIM"), ("KENTON", "LEE"), ("WEI", "WANG"),  # both given names and surnames
    ("PAUL", "DAVID"),  # two given names
    ("VASWANI", "ASHISH"),  # not in the US census at all
    ("ALAN", "TURING"),  # the right way round
])
def test_unsure_or_right(given, family):
    assert not swapped_given_family(given, family, DATA)


def test_positions_and_the_files_own_names():
    bib = parse_bib(
        "@article{a,\n  author = {Shannon, Claude and Alan, Turing},\n  title = {T}, year = 1950\n}\n"
        "@article{b,\n  author = {Hinton Geoffrey},\n  title = {T}, year = 1986\n}\n"
        "@article{c,\n  author = {Donald, Knuth and Knuth, Mary},\n  title = {T}, year = 1968\n}\n"
        "@article{d,\n  author = {Donald, Zorbaz and Zorbaz Smith},\n  title = {T}, year = 1968\n}\n")
    got = [(p.line, p.column, p.entry_key) for p in swapped_names(bib)]
    # `Donald, Zorbaz` is left alone: the file writes Zorbaz as someone's given name
    assert got == [(2, 33, "a"), (6, 13, "b"), (10, 13, "c")]
