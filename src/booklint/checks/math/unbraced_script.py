from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...formulas.stray import loose_scripts
from ...registry import rule


@rule("M031", "unbraced-script")
def unbraced_script(doc, ctx):
    """A superscript or subscript of several digits (or a sign and a digit) without braces.

    ## What it does
    `^` and `_` take one token as their script, and MathJax and KaTeX alike read a number's
    digits one by one there: `\\mathbb{R}^15` is drawn as R¹5, `2^10` as 2¹0, `10^-3` as 10⁻3.
    Reports such a script in every formula as its renderer gets it (after kramdown), except
    inside text arguments (`\\text{...}`, `\\label{...}`).

    ## Why is this bad?
    The formula says something else: a vector space of dimension 1 times 5, 2¹ followed by 0.

    ## Example
    ```markdown
    An embedding in $\\mathbb{R}^15$ needs $2^10$ entries.
    ```

    ## Use instead
    ```markdown
    An embedding in $\\mathbb{R}^{15}$ needs $2^{10}$ entries.
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for s in loose_scripts(analysis.formulas):
        what = "superscript" if s.sign == "^" else "subscript"
        yield ctx.finding(doc, s.span,
                          f"Only `{s.script[0]}` is the {what} here: the renderer draws the rest of `{s.script}` on the "
                          f"line after it. Write `{s.sign}{{{s.script}}}`.")
