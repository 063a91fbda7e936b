from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M001", "unknown-command", kinds={"unknown-command", "unsupported-command"})
def unknown_command(doc, ctx):
    """A control sequence the formula's renderer does not know.

    ## What it does
    Looks up every `\\command` of a formula in the vocabulary of the renderer that really
    draws it: MathJax 3 with the packages its `tex-mml-chtml` bundle loads (and those it
    autoloads) for `$$...$$`, KaTeX's supported functions for `$...$` on a kramdown page.
    Commands the book configures (`macros` in `[tool.booklint.math]`) and those an earlier
    formula on the page defined with `\\newcommand` or `\\def` count as known, the way each
    renderer carries them (MathJax for the whole page; KaTeX as the Distill template calls it
    only within the formula). Suggests the closest known command. Also reports a command the
    other renderer has but this one lacks (`\\label` or `\\DeclareMathOperator` in KaTeX).

    ## Why is this bad?
    The renderer refuses the whole formula: MathJax shows the command in red, KaTeX shows no
    formula at all. A typo such as `\\lfoor` for `\\lfloor` survives every proofreading of the
    Markdown source.

    ## Example
    ```markdown
    we have $\\lfoor \\frac{N}{2} \\rfloor$ hops
    ```

    ## Use instead
    ```markdown
    we have $\\lfloor \\frac{N}{2} \\rfloor$ hops
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M001", ()):
        yield ctx.finding(doc, span, message)
