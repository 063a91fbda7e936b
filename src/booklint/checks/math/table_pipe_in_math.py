from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M011", "table-pipe-in-math")
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
    yield from report(doc, ctx, "M011")
