from __future__ import annotations

from ...registry import rule
from .common import bib_findings


@rule("B009", "uncited-entry", scope="book", default=False, severity="warning")
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
    yield from bib_findings(book, ctx, "B009")
