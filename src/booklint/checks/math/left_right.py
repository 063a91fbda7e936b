from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M004", "left-right", kinds={"left-right"})
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
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M004", ()):
        yield ctx.finding(doc, span, message)
