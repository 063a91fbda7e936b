from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M003", "environment-mismatch", kinds={"unknown-env", "env-mismatch"})
def environment_mismatch(doc, ctx):
    """`\\begin{a}` closed by `\\end{b}`, left open, or an environment the renderer lacks.

    ## What it does
    Pairs every `\\begin{...}` with its `\\end{...}` and checks that the environment exists
    in the renderer of the formula (`multline` is MathJax's but not KaTeX's, say), suggesting
    the closest name for a typo.

    ## Why is this bad?
    The renderer refuses the formula: the equation the text refers to is missing from the
    page.

    ## Example
    ```markdown
    $$\\begin{align*} a &= b \\\\ c &= d \\end{align}$$
    ```

    ## Use instead
    ```markdown
    $$\\begin{align*} a &= b \\\\ c &= d \\end{align*}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M003", ()):
        yield ctx.finding(doc, span, message)
