from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M014", "duplicate-label", kinds={"duplicate-label"})
def duplicate_label(doc, ctx):
    """The same `\\label{...}` twice on one page.

    ## What it does
    MathJax keeps the labels of a page in one table (with `tags: "ams"`); booklint follows
    the page's formulas in order and reports a label used a second time.

    ## Why is this bad?
    MathJax refuses the second formula ("Label multiply defined"), and a `\\eqref` to the
    label can point at only one of them.

    ## Example
    ```markdown
    $$\\begin{equation} a = b \\label{eq:main} \\end{equation}$$

    $$\\begin{equation} c = d \\label{eq:main} \\end{equation}$$
    ```

    ## Use instead
    ```markdown
    $$\\begin{equation} a = b \\label{eq:main} \\end{equation}$$

    $$\\begin{equation} c = d \\label{eq:second} \\end{equation}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M014", ()):
        yield ctx.finding(doc, span, message)
