from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B012", "author-single-name", scope="book", kinds={"author-single-name"}, default=False, severity="warning")
def author_single_name(book, ctx):
    """Finds authors written as one word without braces (`Vaswani`, `OpenAI`).

    ## What it does
    Reports an author or editor whose name is a single unbraced word. BibTeX reads it as a
    family name with no given name. Off by default: a one-word organisation (`OpenAI`) or
    a mononym (`Plato`) prints correctly as it is; turn it on to find people whose given
    names were left out. Two one-word authors in a row that are one person split in two
    are B008's.

    ## Why is this bad?
    Styles that print initials print none for the name, so "Vaswani" cannot be told apart
    from other authors of that family name, and APA and IEEE references look unfinished.

    ## Example
    ```bibtex
    author = {Parmar, Niki and Vaswani and OpenAI}
    ```

    ## Use instead
    ```bibtex
    author = {Parmar, Niki and Vaswani, Ashish and {OpenAI}}
    ```
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
