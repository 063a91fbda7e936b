from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.html import html_tree, shown
from ...views.renders import kramdown_renders
from ...views.spans import line_of


@rule("D010", "html-end-tag-mismatch")
def html_end_tag_mismatch(doc: Document, ctx):
    """Finds HTML end tags that close elements out of order, or close nothing.

    ## What it does
    Reports an element still open when the element around it closes (`<b><i>x</b></i>`),
    on the line where the inner element opens, and an end tag with no open element of its
    name (`</div>` twice), on its own line.

    ## Why is this bad?
    Browsers repair such markup each in its own way: formatting leaks into the following
    text, and a stray `</div>` closes one of the layout's own containers, which breaks the
    page's columns from that point on.

    ## Example
    ```markdown
    <b><i>Takeaway</b></i>: rooflines bound runtime.
    ```

    ## Use instead
    ```markdown
    <b><i>Takeaway</i></b>: rooflines bound runtime.
    ```
    """
    for issue in html_tree(ctx.book, doc, kramdown_renders(ctx.book, doc)).issues:
        t = issue.tag
        if issue.kind == "misnested":
            o = issue.other
            yield ctx.finding(doc, t.span,
                              f"`{shown(t)}` is still open when `</{o.name}>` on line {line_of(doc, o.span.start)} closes "
                              f"the element around it; browsers then nest the rest unpredictably. Close `<{t.name}>` "
                              f"before `</{o.name}>`.")
        elif issue.kind == "stray":
            yield ctx.finding(doc, t.span,
                              f"`{shown(t)}` closes no open `<{t.name}>` here; a stray end tag can close one of the "
                              f"layout's own elements. Remove it, or restore the tag that opened it.")
