from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M012", "text-mode", kinds={"text-mode"})
def text_mode(doc, ctx):
    """`_`, `^` or a math-only command inside `\\text{...}` where the renderer refuses it.

    ## What it does
    KaTeX reads `\\text{...}` as text and refuses `_`, `^` and math commands there; MathJax
    takes the argument literally and accepts them. So `\\text{num_params}` is reported when
    KaTeX draws the formula (a `$...$` on a kramdown page), and not when MathJax does (a
    `$$...$$`): there it renders fine (`M017` reports it for a book that wants to be portable).

    ## Why is this bad?
    KaTeX shows no formula at all.

    ## Example
    ```markdown
    with $\\text{num_params}$ parameters
    ```

    ## Use instead
    ```markdown
    with $\\text{num\\\\_params}$ parameters
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M012", ()):
        yield ctx.finding(doc, span, message)
