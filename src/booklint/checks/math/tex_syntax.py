from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M013", "tex-syntax", kinds={"parameter-char", "double-infix"})
def tex_syntax(doc, ctx):
    """Other TeX the renderer refuses: `#` outside a definition, two `\\over` in one group.

    ## What it does
    Reports a `#` outside a macro definition (TeX reads it as a parameter; a literal # is
    `\\#`), and a second `\\over`, `\\choose` or `\\atop` in the same brace group, which is
    ambiguous. Any other problem kind the validator finds and no other M rule covers is
    reported here too, so no refused formula goes unreported.

    ## Why is this bad?
    The renderer refuses the formula.

    ## Example
    ```markdown
    $$\\#\\text{chips} = 2^k, \\quad a \\over b \\over c$$
    ```

    ## Use instead
    ```markdown
    $$\\#\\text{chips} = 2^k, \\quad {a \\over b} \\over c$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M013", ()):
        yield ctx.finding(doc, span, message)
