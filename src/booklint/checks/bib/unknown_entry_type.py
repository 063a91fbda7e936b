from __future__ import annotations

from ...registry import rule
from .common import bib_findings


@rule("B010", "unknown-entry-type", scope="book", severity="warning")
def unknown_entry_type(book, ctx):
    """Finds entry types the data model does not define (`@artcle`, `@webpage`).

    ## What it does
    Reports an entry whose type is not a type of the configured data model (`model` in
    `[tool.booklint.bib]`: `bibtex` or `biblatex`), with the closest real type when there
    is one. biblatex's types (`@online`, `@report`, ...) are accepted under `biblatex`.

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
    yield from bib_findings(book, ctx, "B010")
