from __future__ import annotations

from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B011", "unknown-field", scope="book", kinds={"unknown-field"}, severity="warning")
def unknown_field(book, ctx):
    """Finds field names no entry type defines and no tool uses, usually typos (`autor`, `titel`).

    ## What it does
    Reports a field that is not part of the configured data model and is not one of the
    fields reference managers and databases commonly add and styles ignore (`abstract`,
    `keywords`, `archivePrefix`, `primaryClass`, `language`, `file`, DBLP's `biburl`, ADS's
    `adsurl`, BibDesk's `date-added`, JabRef's `groups`, ACM's `numpages`, HAL's `hal_id`;
    the list is `rules/bib/lists/exporter-fields.yml`), with the closest real field name
    when there is one. A jekyll-scholar file also accepts the fields the site's templates
    read (`entry.abbr` in al-folio's `_layouts/bib.liquid`). Distill ignores every field it
    does not print, so in a file Distill prints only a near-miss of a printed field
    (`autor`, `jounral`) is reported. Fields your own tools add go in `extra-fields` of
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
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
