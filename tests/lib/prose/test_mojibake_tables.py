"""The tables the mojibake scan keeps of ftfy are ftfy's own, and a page without damage never
imports ftfy (its import costs more than a small book's whole scan)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import ftfy.bad_codecs  # noqa: F401
from ftfy.badness import BADNESS_RE

from booklint.prose import mojibake

SRC = Path(__file__).resolve().parents[3] / "src"


def test_kept_tables_are_ftfys():
    kept = mojibake._ftfy_tables()
    assert kept == mojibake._ftfy_tables_built()
    assert mojibake._badness().pattern == BADNESS_RE.pattern and mojibake._badness().flags == BADNESS_RE.flags
    for enc, chars, pair in mojibake._charsets():
        assert chars.fullmatch(bytes(range(256)).decode(enc))
        assert pair.search(bytes([0xC3, 0xA9]).decode(enc))  # é read in that encoding


def _scan_in_child(text: str, tmp_path: Path) -> str:
    code = ("import sys; from booklint.prose import mojibake; r = mojibake.scan(sys.argv[1]); "
            "print(len(r.damages), len(r.lossy), 'ftfy' in sys.modules)")
    env = dict(os.environ, PYTHONPATH=str(SRC), BOOKLINT_CACHE_DIR=str(tmp_path))
    env.pop("BOOKLINT_NO_CACHE", None)
    for _ in range(2):  # the first run derives the tables (importing ftfy), the second reads them
        out = subprocess.run([sys.executable, "-c", code, text], env=env, capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_a_page_without_damage_never_imports_ftfy(tmp_path):
    clean = "Frédéric’s “small” café — a naïve 5 µs – done."
    assert _scan_in_child(clean, tmp_path) == ["0", "0", "False"]
    damaged = "The cafÃ© served crÃ¨me brÃ»lÃ©e."
    assert _scan_in_child(damaged, tmp_path) == ["3", "0", "True"]  # three damaged words, repaired with ftfy


def test_a_kept_copy_of_another_shape_is_rebuilt(tmp_path, monkeypatch):
    from booklint.prose import english

    monkeypatch.setattr(english, "derived_data", lambda name, raw, build: {"charsets": []})
    mojibake._ftfy_tables.cache_clear()
    try:
        assert mojibake._ftfy_tables() == mojibake._ftfy_tables_built()
    finally:
        mojibake._ftfy_tables.cache_clear()
