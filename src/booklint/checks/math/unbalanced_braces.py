from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M002", "unbalanced-braces", kinds={"unbalanced-brace"})
def unbalanced_braces(doc, ctx):
    """A `{` that is never closed, or a `}` that closes nothing.

    ## What it does
    Counts the brace groups of each formula as its renderer reads them (after kramdown, for
    `$...$` on a kramdown page, which removes the backslash of `\\{` and `\\}`), and points at
    the `{` left open or the `}` too many. An optional argument `[` that is never closed is
    reported here too.

    ## Why is this bad?
    Both MathJax and KaTeX refuse a formula whose braces do not balance: the reader gets an
    error message or no formula.

    ## Example
    ```markdown
    $$\\frac{a}{b$$
    ```

    ## Use instead
    ```markdown
    $$\\frac{a}{b}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M002", ()):
        yield ctx.finding(doc, span, message)
