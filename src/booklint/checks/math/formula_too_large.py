from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M015", "formula-too-large")
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
    yield from report(doc, ctx, "M015")
