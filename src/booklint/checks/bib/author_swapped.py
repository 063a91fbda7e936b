from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B020", "author-swapped", scope="book", kinds={"author-swapped"}, severity="warning")
def author_swapped(book, ctx):
    """Finds authors whose given and family names are swapped (`Alan, Turing`).

    ## What it does
    Reads each `author` and `editor` name with one given and one family word as BibTeX does
    (`Family, Given` or `Given Family`) and reports it when a names frequency source is sure
    the two are the wrong way round: the family-slot word is a common given name and
    almost never a surname, and the given-slot word is never a given name. The source is
    the US Census Bureau's 1990 name frequencies (from the `names` package). Names it does
    not know, names that are both given names and surnames (`Lee`, `Kim`, `James`), and a
    word the same .bib uses in the other slot for someone else are never reported.

    ## Why is this bad?
    Styles print the family name first or alone: the reference reads "Alan, T." and
    sorts under A, and a reader searching for the paper by its author does not find it.

    ## Example
    ```bibtex
    author = {Alan, Turing and Shannon, Claude}
    ```

    ## Use instead
    ```bibtex
    author = {Turing, Alan and Shannon, Claude}
    ```
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
