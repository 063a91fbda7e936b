"""prose/units.py: the unit table, near misses, and where numbers with units are read."""

from __future__ import annotations

import pytest
from helpers import lint
from hypothesis import given, settings
from hypothesis import strategies as st

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


# what decides a number's and a unit's edges: digits, separators, spaces of three kinds, letters
# of the unit alphabet and others, the characters the look behind and look ahead refuse, NUL
UNIT_PIECES = ["2 GzH", "5Ghz", "1.5\u00a0TB/S", " 3 Ghz ", "1", "24", ".", ",", " ", "\u00a0", "\u202f", "GHz", "Ghz", "GzH", "TB/S", "tb", "ns", "µs", "Мб",
               "x", "é", "_", "-", "/", "^", "\0", "\n", "(", "e"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(UNIT_PIECES), max_size=12).map("".join),
                          st.sampled_from(["paragraph", "table", "heading", "code", "alt", "front-matter"])),
                max_size=6))
def test_one_scan_of_the_joined_runs_is_the_scan_run_by_run(runs):
    import re
    from types import SimpleNamespace

    from booklint.document.model import Span, TextRun
    from booklint.prose import units

    prose, at = [], 0
    for text, where in runs:
        prose.append(TextRun(text, Span(at, at + len(text)), where))
        at += len(text) + 3
    # the scan as first written: each run of a prose kind apart, the look behind first
    number_unit = re.compile(r"(?<![\w.,/\-^])(\d+(?:[.,]\d+)*)([ \u00a0\u202f]?)"
                             r"([" + units._LETTER + r"]+(?:/[" + units._LETTER + r"]+)?)(?![\w/\-])")
    want = []
    for run in prose:
        if run.where in units._WHERE:
            for m in number_unit.finditer(run.text):
                meant = TABLE.near_miss(m.group(3))
                if m.group(3) not in TABLE.units and meant is not None:
                    a = run.span.start + m.start(3)
                    want.append((m.group(1), m.group(2), m.group(3), meant, a, a + len(m.group(3))))
    got = [(s.number, s.gap, s.written, s.meant, s.span.start, s.span.end)
           for s in units.unit_slips(SimpleNamespace(prose=prose), TABLE)]
    assert got == want
