from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M004", "left-right")
def left_right(doc, ctx):
    """`\\left` without its `\\right` (or the reverse), or a `\\left` with no delimiter.

    ## What it does
    Pairs `\\left` and `\\right` within each brace group and environment, checks that
    `\\middle` stands between them, and that each (and `\\big` and friends) is followed by a
    delimiter the renderer accepts.

    ## Why is this bad?
    The renderer refuses the formula, so the reader sees an error or nothing where it should
    be.

    ## Example
    ```markdown
    $$\\left( \\frac{a}{b} $$
    ```

    ## Use instead
    ```markdown
    $$\\left( \\frac{a}{b} \\right)$$
    ```
    """
    yield from report(doc, ctx, "M004")
