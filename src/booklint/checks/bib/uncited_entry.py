from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B009", "uncited-entry", scope="book", kinds={"entry-not-cited"}, default=False, severity="warning")
def uncited_entry(book, ctx):
    """Finds bibliography entries that no page of the book cites.

    ## What it does
    Collects every key cited anywhere in the book (`<d-cite key="...">`, and
    jekyll-scholar's `{% cite ... %}`) and reports the entries of the checked .bib files
    that none of them names. Off by default: many books keep a shared bibliography, or
    entries for chapters still to be written.

    ## Why is this bad?
    An entry nobody cites is either a citation the author forgot to add, or dead weight
    that still has to be kept correct (and that booklint's other B rules keep reporting).

    ## Example
    ```bibtex
    @article{zero, title = {ZeRO: Memory Optimizations Toward Training Trillion Parameter Models}, ...}
    ```
    with no `<d-cite key="zero">` in any chapter.

    ## Use instead
    Cite it where the text uses it (`<d-cite key="zero"></d-cite>`), or delete the entry.
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
