from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.html import html_tree, shown
from ...views.renders import kramdown_renders


@rule("D009", "html-unclosed-element")
def html_unclosed_element(doc: Document, ctx):
    """Finds HTML elements (`<d-footnote>`, `<div>`, `<b>`, ...) that are never closed.

    ## What it does
    Follows the page's raw HTML as one tree and reports each element that opens and never
    closes, on the line where it opens. An element opened inside a paragraph must close in
    that paragraph; one opened by an HTML block may close in a later block. Elements whose
    end tag HTML allows to omit (`<li>`, `<td>`, ...) are not reported, nor is anything in
    code or math; `<p>` is reported only on pages kramdown renders (kramdown, unlike HTML,
    reads an unclosed `<p>` on to the next `</p>`). `markdown=1` blocks have their own rule
    (D012).

    ## Why is this bad?
    An unclosed `<d-footnote>` turns the rest of its paragraph into the footnote; an
    unclosed `<div>` or `<details>` pulls the rest of the chapter into it; an unclosed `<b>`
    makes the rest of the paragraph bold.

    ## Example
    ```markdown
    Rooflines bound the runtime.<d-footnote>Ignoring overlap. The next sentence is body text.
    ```

    ## Use instead
    ```markdown
    Rooflines bound the runtime.<d-footnote>Ignoring overlap.</d-footnote> The next sentence is body text.
    ```
    """
    for issue in html_tree(ctx.book, doc, kramdown_renders(ctx.book, doc)).issues:
        if issue.kind != "unclosed":
            continue
        t = issue.tag
        if issue.container == "paragraph":
            where = "before its paragraph ends, so kramdown closes it there and the browser stretches it over the rest of the paragraph"
        elif issue.container == "caption":
            where = "inside this caption, so it spills over the rest of the figure"
        else:
            where = "anywhere after it, so it swallows the rest of the page"
        yield ctx.finding(doc, t.span,
                          f"`{shown(t)}` is never closed {where}. Add `</{t.name}>` where the element should end.")
