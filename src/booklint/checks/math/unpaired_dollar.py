from __future__ import annotations

from ...formulas.analysis import analyze_document
from ...registry import rule


@rule("M009", "unpaired-dollar", kinds={"unpaired-dollar"})
def unpaired_dollar(doc, ctx):
    """A `$` that does not pair the way the author meant.

    ## What it does
    On a kramdown page the `$...$` math is found in the finished HTML by KaTeX's
    auto-render, which pairs dollars within each stretch of text on its own terms: the first
    `$` opens a formula and the next one closes it. booklint rebuilds those stretches (a
    paragraph's text up to the next emphasis, link, code span or HTML tag, with kramdown's
    escapes applied: `\\$` becomes `$`), runs the same pairing, and reports a formula that
    starts at a `$` the author did not open one with, a lone `$$`, and a `$` followed by TeX
    that nothing closes. Prices (`$5`) that pair with nothing are left alone, and so is `\\\\$`,
    which kramdown turns into the `\\$` the auto-render skips. Elsewhere (GitHub) the Markdown
    parser's pairing is the renderer's, and only `$` with nothing to close it are reported.

    ## Why is this bad?
    Text between two stray dollars is drawn as one formula (words run together in italics),
    and every formula after it in the paragraph is paired wrongly, so they break as well.

    ## Example
    ```markdown
    It costs \\$5 per hour, so $x$ hours cost $5x$.
    ```

    ## Use instead
    ```markdown
    It costs \\\\$5 per hour, so $x$ hours cost $5x$.
    ```
    """
    analysis = analyze_document(ctx.book, doc, ctx.settings("math"))
    for span, message in analysis.findings.get("M009", ()):
        yield ctx.finding(doc, span, message)
