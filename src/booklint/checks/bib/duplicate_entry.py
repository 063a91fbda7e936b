from __future__ import annotations

from ...registry import rule
from .common import bib_findings


@rule("B003", "duplicate-entry", scope="book", severity="warning")
def duplicate_entry(book, ctx):
    """Finds the same work entered twice under different keys.

    ## What it does
    Reports an entry with the same DOI as an earlier one, or with the same title once case,
    accents, punctuation and braces are ignored (titles of at least four words or 24
    letters; two entries with the same title and different DOIs are left alone).

    ## Why is this bad?
    The bibliography lists the work twice, often once as the preprint and once as the
    published paper, and chapters cite it under two keys, so the numbering and the hover
    cards disagree across the book.

    ## Example
    ```bibtex
    @article{attention, title = {Attention is all you need}, ...}
    @inproceedings{vaswani2017, title = {Attention Is All You Need}, ...}
    ```

    ## Use instead
    ```bibtex
    @inproceedings{vaswani2017, title = {Attention Is All You Need}, ...}
    ```
    and cite `vaswani2017` everywhere.
    """
    yield from bib_findings(book, ctx, "B003")
