from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...formulas.stray import paragraph_table_pipes
from ...registry import rule


@rule("M011", "table-pipe-in-math", kinds={"table-pipe"})
def table_pipe_in_math(doc, ctx):
    """A `|` or `\\|` inside math in a table row.

    ## What it does
    A GFM table row is split into cells at every `|` before anything else is read, math
    included, and the backslash of each `\\|` is dropped. A bare `|` in a formula therefore
    cuts it across two cells, and `\\|` (the double bar ‖ in TeX) reaches the renderer as `|`.
    Applies to `$...$` and `$$...$$` alike. On a page kramdown renders, a paragraph whose every
    line holds a `|` is a table too (kramdown needs no delimiter row), so a formula with a `|`
    in such a paragraph is cut the same way.

    ## Why is this bad?
    The formula is shown in pieces, or a norm `\\|x\\|` silently becomes an absolute value
    `|x|`.

    ## Example
    ```markdown
    | quantity | value |
    |---|---|
    | norm | $\\|W\\|_2$ |
    ```

    ## Use instead
    ```markdown
    | quantity | value |
    |---|---|
    | norm | $\\Vert W \\Vert_2$ |
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M011", ()):
        yield ctx.finding(doc, span, message)
    for span in paragraph_table_pipes(ctx.book, doc):
        yield ctx.finding(doc, span,
                          "kramdown reads this paragraph as a table (every line of it has a `|`, and kramdown needs no "
                          "delimiter row), so this `|` splits the formula across two cells. Write `\\vert` (or "
                          "`\\mid`) for the bar.")
