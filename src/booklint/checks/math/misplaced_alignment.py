from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M007", "misplaced-alignment")
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
    yield from report(doc, ctx, "M007")
