"""prose/units.py: the unit table, near misses, and where numbers with units are read."""

from __future__ import annotations

import pytest
from helpers import lint

from booklint.prose.units import shipped_unit_packs, unit_table

TABLE = unit_table(None, ())


def test_shipped_pack_has_the_fields_units():
    units = shipped_unit_packs()["ml-systems"]
    for u in ("GHz", "GB/s", "TFLOP/s", "ms", "µs", "W", "ГБ/с", "мс"):
        assert u in units


@pytest.mark.parametrize("token, meant", [
    ("GzH", "GHz"), ("TB/S", "TB/s"), ("Ghz", "GHz"), ("GHZ", "GHz"), ("Gb/S", "Gb/s"),
    ("MHZ", "MHz"), ("TFLOP/S", "TFLOP/s"), ("ГБ/С", "ГБ/с"),
])
def test_near_misses(token, meant):
    assert TABLE.near_miss(token) == meant


@pytest.mark.parametrize("token", [
    "ns", "ms", "GB/s", "TFLOPs", "ГБ", "мс",  # known
    "GBs", "TBs", "MiBs",  # plurals
    "GPUs", "TPUs", "chips", "x", "Min", "MS", "man",  # words, or not like a unit
])
def test_not_near_misses(token):
    assert TABLE.near_miss(token) is None


def test_a_book_adds_units():
    assert TABLE.near_miss("GzH") == "GHz"
    assert unit_table(None, ("GzH",)).near_miss("GzH") is None
    assert unit_table([], ()).near_miss("GzH") is None  # no pack chosen: nothing is known


def test_rule_reads_prose_only_and_config_extends(make_book):
    md = ("# Units\n\nThe clock is 2.4 GzH, not 2.4 GHz.\n\n`3 GzH` in code, $4 GzH$ in math,"
          " <span title=\"5 GzH\">html</span>.\n\nVersions: v5e, bf16, v2GB/S, x_3GzH.\n")
    root = make_book({"page.md": md})
    got = [(f.line, f.code) for f in lint(root, "page.md", select=["T010"], isolated=True)]
    assert got == [(3, "T010")]
    root = make_book({"page.md": md, "booklint.toml": "[terminology]\nunits = [\"GzH\"]\n"}, name="configured")
    assert [f for f in lint(root, "page.md", select=["T010"]) if f.code == "T010"] == []
    root = make_book({"page.md": md, "booklint.toml": "[terminology]\nunits = [\"THz\"]\n"}, name="other")
    assert [f.line for f in lint(root, "page.md", select=["T010"]) if f.code == "T010"] == [3]  # the config is read
