from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M006", "double-script", kinds={"double-script", "misplaced-limits"})
def double_script(doc, ctx):
    """Two superscripts or two subscripts on one base, or `\\limits` where nothing takes limits.

    ## What it does
    Follows the scripts attached to each base: `x^a^b`, `x_1_2` and `x^2'` (a prime is a
    superscript) are reported, and so is `\\limits` after something that is not an operator.

    ## Why is this bad?
    TeX, MathJax and KaTeX all refuse a double script: the reader sees an error. The author
    usually meant one script inside the other (`x^{a^b}`).

    ## Example
    ```markdown
    $$x^a^b$$
    ```

    ## Use instead
    ```markdown
    $$x^{a^b}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M006", ()):
        yield ctx.finding(doc, span, message)
