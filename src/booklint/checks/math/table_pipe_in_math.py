from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M011", "table-pipe-in-math", kinds={"table-pipe"})
def table_pipe_in_math(doc, ctx):
    """A `|` or `\\|` inside math in a table row.

    ## What it does
    A GFM table row is split into cells at every `|` before anything else is read, math
    included, and the backslash of each `\\|` is dropped. A bare `|` in a formula therefore
    cuts it across two cells, and `\\|` (the double bar ‖ in TeX) reaches the renderer as `|`.
    Applies to `$...$` and `$$...$$` alike.

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
