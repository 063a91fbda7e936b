from __future__ import annotations

from ...bibliography import NAME_KINDS
from ...bibliography.book import bibliographies
from ...registry import rule


@rule("B008", "author-name", scope="book", kinds=NAME_KINDS, severity="warning")
def author_name(book, ctx):
    """Finds author and editor names that are broken: stray quotes, handles, one person split in two.

    ## What it does
    Reads `author` and `editor` lists the way BibTeX does (`and` between names, `Family,
    Given` or `Given Family`, braces for organisations) and reports names that look broken:
    a stray quotation mark (`Dao, Tri”`); brackets, digits or other punctuation in a name
    (`Wang, Zian (andy)`); a user name instead of a person (`ankur6ue`); one person split
    into two one-word authors (`{Guangyi} and {Zhang}`); given and family name swapped
    (`Smith JA`, or the same person written the other way round elsewhere in the file); an
    empty name (`and and`). One-word names (`Plato`, `OpenAI`) are B012's, off by default.

    ## Why is this bad?
    The name is printed as written: the quote appears in the reference, Distill abbreviates
    `Zian (andy)` to `Z.(.`, and a split name becomes two authors, one of them called
    "Guangyi" with no given name. Styles that invert or abbreviate names get them wrong.

    ## Example
    ```bibtex
    author = {Cai, Tianle and Dao, Tri” and ankur6ue and {Guangyi} and {Zhang}}
    ```

    ## Use instead
    ```bibtex
    author = {Cai, Tianle and Dao, Tri and {ankur6ue} and Zhang, Guangyi}
    ```
    (a handle in braces is printed as written; better, the person's name).
    """
    for src, p in bibliographies(book, ctx.settings()).reported(ctx.rule.kinds):
        yield ctx.finding_at(src, p.line, p.column, p.message, end_line=p.end_line, end_column=p.end_column)
