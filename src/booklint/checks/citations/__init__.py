"""Citations (C): `<d-cite>` keys against the chapter's bibliography, the front matter's
`bibliography:` file, and the book's own citation (the README's BibTeX block, the plain-text
citation line, the chapters' authors, CITATION.cff).

Settings are shared with the bibliography rules: ``[tool.booklint.bib]``.
"""
