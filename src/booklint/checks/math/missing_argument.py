from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M005", "missing-argument", kinds={"missing-argument", "unbraced-argument"})
def missing_argument(doc, ctx):
    """A command, `^` or `_` without the argument it needs, or with one it cannot take unbraced.

    ## What it does
    Knows how many arguments each command of the renderer takes (and those of the book's
    macros and the page's `\\newcommand`s), and reports a command that gets fewer, a `^` or
    `_` with nothing after it, and a command such as `\\sqrt` used as the unbraced argument of
    another (`\\frac\\sqrt2 3`), which the renderers refuse.

    ## Why is this bad?
    The renderer shows an error instead of the formula.

    ## Example
    ```markdown
    $$\\frac{a}$$
    ```

    ## Use instead
    ```markdown
    $$\\frac{a}{2}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M005", ()):
        yield ctx.finding(doc, span, message)
