from __future__ import annotations

from ...document.model import Document
from ...formulas.stray import formula_regions
from ...registry import rule
from ...views.stray import open_emphasis


@rule("D030", "emphasis-unclosed")
def emphasis_unclosed(doc: Document, ctx):
    """Finds a `*`, `**`, `_` or `__` that opens emphasis nothing closes in its paragraph.

    ## What it does
    Reports an emphasis marker at the start of a word, followed by a phrase, that the page's
    Markdown engine (kramdown on a Jekyll page, CommonMark elsewhere) leaves unpaired in its
    paragraph, heading or table cell. Code, math, HTML, Liquid, URLs, footnote markers and list
    bullets are not read; a `*` inside a word or between numbers (`2*3`, `a * b`) is not an
    opener, nor is a `_` after a letter (`snake_case`) or one that starts a file or folder name
    of the site (`_config.yml`, `_data`).

    ## Why is this bad?
    The reader sees a literal `*` or `_` in front of the sentence, and the words meant to
    stand out do not.

    ## Example
    ```markdown
    That is a factor of two. *Remember that this only works for large batches.
    ```

    ## Use instead
    ```markdown
    That is a factor of two. *Remember that this only works for large batches.*
    ```
    """
    found = open_emphasis(ctx.book, doc)
    inside = formula_regions(ctx.book, doc, ctx.settings("math")) if found and doc.math else None
    for e in found:
        if inside is not None and e.span.start in inside:
            continue  # inside a formula as the renderer pairs it
        what = "bold" if len(e.marker) == 2 else "italics"
        yield ctx.finding(doc, e.span,
                          f"This `{e.marker}` opens {what} that nothing closes in the paragraph, so the reader sees a "
                          f"literal `{e.marker}` and plain words after it. Add the closing `{e.marker}` where the "
                          f"emphasis ends, or write `\\{e.marker[0]}` for the character.")
