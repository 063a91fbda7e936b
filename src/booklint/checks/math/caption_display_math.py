from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M016", "caption-display-math", kinds={"caption-double-dollar"})
def caption_display_math(doc, ctx):
    """`$$...$$` in a figure caption, which KaTeX's auto-render reads as two empty formulas.

    ## What it does
    A Liquid `caption="..."` is raw HTML to kramdown, so its math is found only by the
    layout's KaTeX auto-render, whose delimiters (in al-folio's Distill layout) list `$`
    before `$$`. It therefore reads `$$x$$` as `$` `$` (empty), `x` as text, then `$` `$`.

    ## Why is this bad?
    The formula never appears: the caption shows its raw TeX as text.

    ## Example
    ```markdown
    {% include figure.liquid path="assets/img/a.png" caption="The cost is $$O(n^2)$$." %}
    ```

    ## Use instead
    ```markdown
    {% include figure.liquid path="assets/img/a.png" caption="The cost is $O(n^2)$." %}
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M016", ()):
        yield ctx.finding(doc, span, message)
