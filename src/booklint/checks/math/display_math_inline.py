from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M008", "display-math-inline", kinds={"display-env-inline", "display-math-inline"})
def display_math_inline(doc, ctx):
    """Display math that ends up inline: a `$$` block kramdown keeps in a paragraph.

    ## What it does
    On a kramdown page, `$$...$$` is a display block only when blank lines (or the start or
    end of a container) surround it; otherwise kramdown makes it inline math inside the
    paragraph, and MathJax draws it in the line of text. Reports a `$$` formula standing on its
    own lines with paragraph text right before or after it, a `$$` block without a blank line
    after it, and a display-only environment (`equation`, `align`, `gather`...) inside an
    inline formula, which KaTeX refuses outright.

    ## Why is this bad?
    The equation the author laid out as a centred, numbered display is squeezed into the
    line of text, number and all. It is easy to miss in the Markdown, where the formula does
    stand on its own line.

    ## Example
    ```markdown
    and write $2$ bytes back into HBM
    $$\\begin{equation}
    \\text{Intensity} = \\frac{\\text{FLOPs}}{\\text{Bytes}}
    \\end{equation}$$
    ```

    ## Use instead
    ```markdown
    and write $2$ bytes back into HBM

    $$\\begin{equation}
    \\text{Intensity} = \\frac{\\text{FLOPs}}{\\text{Bytes}}
    \\end{equation}$$
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M008", ()):
        yield ctx.finding(doc, span, message)
