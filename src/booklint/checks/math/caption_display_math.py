from __future__ import annotations

from ...registry import rule
from .analysis import report


@rule("M016", "caption-display-math")
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
    yield from report(doc, ctx, "M016")
