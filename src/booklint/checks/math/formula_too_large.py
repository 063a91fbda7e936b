from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M015", "formula-too-large", kinds={"too-large", "too-many-formulas"})
def formula_too_large(doc, ctx):
    """A formula longer than 100,000 characters, or a file with more than 5,000 formulas.

    ## What it does
    booklint checks the first 100,000 characters of a formula (which keeps any check under a
    fraction of a second) and reports the formula at its opening delimiter. Problems found in
    the part it checked are reported by the other M rules as usual. Likewise it checks the
    first 5,000 formulas of a file and reports where it stopped.

    ## Why is this bad?
    No book formula is this long. A `$$` that never closes swallows the rest of the chapter
    into one formula, which the renderer refuses or draws as a wall of symbols.

    ## Example
    ```markdown
    A generated formula of 20,000 terms: $$x_1 + x_2 + x_3 + \\dots + x_{20000}$$ written out in full.
    ```

    ## Use instead
    ```markdown
    A sum of 20,000 terms: $$x_1 + x_2 + \\dots + x_{20000}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M015", ()):
        yield ctx.finding(doc, span, message)
