from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M010", "kramdown-damage", kinds={"kramdown-damage"})
def kramdown_damage(doc, ctx):
    """kramdown changes a `$...$` formula before KaTeX sees it, and the reader sees the change.

    ## What it does
    To kramdown, single-dollar math is ordinary Markdown text: `*...*` and `_..._` pairs
    become emphasis, backticks code, `<x>` HTML, two trailing spaces a line break, quotes
    turn curly and `--` into a dash, and backslash escapes lose their backslash (`\\{` becomes
    `{`). booklint computes what KaTeX really receives and reports the changes the reader
    sees: a formula cut into pieces (the reader gets raw TeX), braces, bars, spaces or line
    breaks that vanish, and escapes after which KaTeX refuses the formula. Deliberate
    doubled backslashes (`\\\\{U_X\\\\}`, which kramdown turns into the `\\{U_X\\}` the author
    meant) are fine; `kramdown-strict = true` reports them too.

    ## Why is this bad?
    The formula renders wrong without any error: a set loses its braces, a product turns
    into italics, a matrix loses its rows.

    ## Example
    ```markdown
    The set $\\{x_i\\}$ and the product $a_{ij}*x_{ij}*y$.
    ```

    ## Use instead
    ```markdown
    The set $\\\\{x_i\\\\}$ and the product $a_{ij} \\cdot x_{ij} \\cdot y$.
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M010", ()):
        yield ctx.finding(doc, span, message)
