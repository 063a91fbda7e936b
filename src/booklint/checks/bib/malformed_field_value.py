from __future__ import annotations

from ...registry import rule
from .common import bib_findings


@rule("B006", "malformed-field-value", scope="book", severity="warning")
def malformed_field_value(book, ctx):
    """Finds years, dates, months, pages, DOIs, URLs and arXiv ids that are not what they should be.

    ## What it does
    Checks the values of `year` (four digits), `date` (ISO 8601), `month` (a month name,
    abbreviation, number or BibTeX's `jan`...`dec` macros), `pages` (a page, a range, a
    list), `doi` (a bare `10.xxxx/...`), `url` (an absolute http(s) or ftp address) and the
    `eprint` of an arXiv entry (`2401.10774` or `cs/0112017`).

    ## Why is this bad?
    Styles sort by year and print `n.d.` for a year they cannot read; a DOI written as a
    full address becomes `https://doi.org/https://doi.org/...`; a URL without `https://`
    is a relative link on the site and leads nowhere.

    ## Example
    ```bibtex
    @article{dao2022,
      title  = {FlashAttention},
      author = {Dao, Tri},
      year   = {in press},
      pages  = {16344-16359-},
      doi    = {https://doi.org/10.5555/3600270.3601459}
    }
    ```

    ## Use instead
    ```bibtex
    @article{dao2022,
      title  = {FlashAttention},
      author = {Dao, Tri},
      year   = 2022,
      pages  = {16344--16359},
      doi    = {10.5555/3600270.3601459}
    }
    ```
    """
    yield from bib_findings(book, ctx, "B006")
