from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M007", "misplaced-alignment", kinds={"misplaced-alignment"})
def misplaced_alignment(doc, ctx):
    """`&` (or `\\hline`, `\\cr`) outside an environment with columns.

    ## What it does
    Reports an `&` that is not directly inside an environment with columns (`align`,
    `aligned`, `matrix`, `cases`, `array`...), or inside one with a single column
    (`equation`), and row commands used outside an array.

    ## Why is this bad?
    The renderer refuses the formula. An `&` meant as an ampersand must be written `\\&`.

    ## Example
    ```markdown
    $$a &= b + c$$
    ```

    ## Use instead
    ```markdown
    $$\\begin{aligned} a &= b + c \\end{aligned}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M007", ()):
        yield ctx.finding(doc, span, message)
