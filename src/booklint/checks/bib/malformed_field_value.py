from __future__ import annotations

from ...bibliography import VALUE_KINDS
from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B006", "malformed-field-value", scope="book", kinds=VALUE_KINDS, severity="warning")
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
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
