from __future__ import annotations

from ...registry import rule
from .common import bib_findings


@rule("B011", "unknown-field", scope="book", severity="warning")
def unknown_field(book, ctx):
    """Finds field names no entry type defines and no tool uses, usually typos (`autor`, `titel`).

    ## What it does
    Reports a field that is not part of the configured data model and is not one of the
    fields reference managers and databases commonly add and styles ignore (`abstract`,
    `keywords`, `archivePrefix`, `primaryClass`, `language`, `file`, DBLP's `biburl`, ADS's
    `adsurl`, BibDesk's `date-added`, JabRef's `groups`, ...), with the closest real field
    name when there is one. Fields your own tools add go in `extra-fields` of
    `[tool.booklint.bib]`.

    ## Why is this bad?
    A misspelt field is silently ignored by every style: `autor = {...}` leaves the entry
    without authors, `yaer` without a year.

    ## Example
    ```bibtex
    @misc{rooflines, title = {Understanding Roofline Charts}, autor = {Ankur Mohan}, year = 2018}
    ```

    ## Use instead
    ```bibtex
    @misc{rooflines, title = {Understanding Roofline Charts}, author = {Mohan, Ankur}, year = 2018}
    ```
    """
    yield from bib_findings(book, ctx, "B011")
