from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...formulas.stray import stray_dollars
from ...registry import rule


@rule("M030", "dollar-mismatch")
def dollar_mismatch(doc, ctx):
    """A formula opened with `$` and closed with `$$` (or the reverse), closed with `%`, or never opened.

    ## What it does
    Pairs the dollars of each line of prose by their side (a `$` before a non-space opens, one
    after a non-space closes) and reports three slips around TeX-looking text: a `$` formula
    closed by `$$` or a `$$` formula closed by `$`; a `$` formula whose closing `$` was typed as
    the key beside it (`$x%`, `$x#`); and a closing `$` after TeX with no opening one
    (`x_1 + \\alpha$`). Prices (`$5 or $10`) and code are left alone; a slip `M009` already
    explains is not reported twice.

    ## Why is this bad?
    The renderer pairs the dollars its own way: the reader sees raw TeX and a stray `$`, or
    the prose after it drawn as a formula.

    ## Example
    ```markdown
    The loss $L = \\sum_i \\ell_i$$ falls, with $x% of the steps and y_1 + \\beta$ left.
    ```

    ## Use instead
    ```markdown
    The loss $L = \\sum_i \\ell_i$ falls, with $x$% of the steps and $y_1 + \\beta$ left.
    ```
    """
    found = stray_dollars(ctx.book, doc)
    if not found:
        return
    explained = {doc.line_col(span.start)[0]
                 for span, _ in analyze_document(ctx.book, doc, ctx.settings("math")).findings.get("M009", ())}
    for d in found:
        if doc.line_col(d.span.start)[0] in explained:
            continue
        written = doc.text[d.span.start:d.span.end]
        if d.kind == "mixed":
            opened = doc.text[d.opener.start:d.opener.end]
            msg = (f"This formula opens with `{opened}` and closes with `{written}`: the renderer pairs neither, so the "
                   f"reader sees the raw TeX and stray dollars. Close it with `{opened}`.")
        elif d.kind == "near-miss":
            msg = (f"This `{written}` stands where the `$` that closes the formula should be: nothing closes the `$` "
                   f"before it, so the reader sees `$` and raw TeX. Write `$` here.")
        else:
            msg = ("This `$` closes a formula nothing opened: the TeX before it is shown raw, and the `$` pairs with "
                   "the next one on the page if any. Add the opening `$` where the formula starts.")
        yield ctx.finding(doc, d.span, msg)
