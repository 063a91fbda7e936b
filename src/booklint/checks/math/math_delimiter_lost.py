from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M018", "math-delimiter-lost", kinds={"lost-math-delimiter"})
def math_delimiter_lost(doc, ctx):
    """`\\(...\\)` or `\\[...\\]` in Markdown text, whose backslashes kramdown eats: no formula.

    ## What it does
    To kramdown, `\\(`, `\\)`, `\\[` and `\\]` are Markdown escapes: it prints `(`, `)`, `[`, `]`
    and drops the backslash, so MathJax (which looks for `\\(...\\)` and `\\[...\\]` in the page)
    never finds the formula. Reports such a pair when its content looks like TeX, on a page
    kramdown renders. In raw HTML the same delimiters reach MathJax and are fine.

    ## Why is this bad?
    The reader sees the raw TeX in parentheses, `(x_t = \\alpha x_{t-1})`, instead of a formula.

    ## Example
    ```markdown
    The update is \\(x_{t+1} = x_t - \\eta g_t\\).
    ```

    ## Use instead
    ```markdown
    The update is $$x_{t+1} = x_t - \\eta g_t$$.
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M018", ()):
        yield ctx.finding(doc, span, message)
