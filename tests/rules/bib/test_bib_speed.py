"""The 5,000-entry .bib of bench/bib_5000.py goes through booklint's rules; how long that
takes is measured by `python bench/bib_5000.py` (speed targets live in bench/)."""

from __future__ import annotations

import importlib.util

from helpers import REPO

from booklint import engine


def _bench():
    spec = importlib.util.spec_from_file_location("bib_5000", REPO / "bench" / "bib_5000.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def test_five_thousand_entries_through_the_rules(tmp_path):
    """The benchmark's book goes through every B rule (its time is measured by
    `bench/bib_5000.py`, not asserted here: speed targets live in bench/)."""
    bench = _bench()
    book = bench.write_book(tmp_path / "book", bench.generate(5000))
    result = engine.run([book], engine.Options(isolated=True))
    codes = {f.code for f in result.findings}
    assert {"B002", "B004", "B006", "B008"} <= codes  # the checks did their work
