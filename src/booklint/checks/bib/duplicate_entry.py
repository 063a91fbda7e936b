from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B003", "duplicate-entry", scope="book", kinds={"duplicate-entry"}, severity="warning")
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
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
