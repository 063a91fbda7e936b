from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B010", "unknown-entry-type", scope="book", kinds={"unknown-entry-type"}, severity="warning")
def unknown_entry_type(book, ctx):
    """Finds entry types the data model does not define (`@artcle`, `@webpage`).

    ## What it does
    Reports an entry whose type is not a type of the data model its file is judged by
    (`model` in `[tool.booklint.bib]`: `bibtex` or `biblatex`), with the closest real type
    when there is one. biblatex's types (`@online`, `@report`, ...) are accepted under
    `biblatex`. Never for a file Distill prints (a page's `bibliography:`): Distill prints
    every type the same way.

    ## Why is this bad?
    BibTeX styles print an unknown type as `@misc`, or skip it with a warning; a typo in
    the type hides all the fields that type would have printed.

    ## Example
    ```bibtex
    @artcle{zero, title = {ZeRO}, author = {Rajbhandari, Samyam}, journal = {SC20}, year = 2020}
    ```

    ## Use instead
    ```bibtex
    @article{zero, title = {ZeRO}, author = {Rajbhandari, Samyam}, journal = {SC20}, year = 2020}
    ```
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
