"""Encoding (E): files that are not text, invalid UTF-8, and encoding damage."""

from __future__ import annotations

from ...registry import warmer


@warmer("encoding")
def _warm(pages: list[bytes]) -> None:
    if not all(p.isascii() for p in pages):  # the mojibake scan reads every page past ASCII with the tables kept of ftfy
        from ...prose.mojibake import load_tables

        load_tables()
