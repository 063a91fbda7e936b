"""Citations (C): `<d-cite>` keys against the chapter's bibliography, the front matter's
`bibliography:` file, and the book's own citation (the README's BibTeX block, the plain-text
citation line, the chapters' authors, CITATION.cff).

Settings are shared with the bibliography rules: ``[tool.booklint.bib]``.
"""

from __future__ import annotations

from ...registry import warmer


@warmer("citations")
def _warm(pages: list[bytes]) -> None:
    if any(b"\nbibliography:" in p[:4096] for p in pages):  # a chapter's .bib, read with the .bib parser
        from ...bibliography import parse  # noqa: F401  (and bibtexparser)
