from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M014", "duplicate-label")
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
    yield from report(doc, ctx, "M014")
