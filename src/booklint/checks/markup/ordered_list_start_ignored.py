from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.blocks import resumed_lists, top_blocks
from ...views.renders import kramdown_renders


@rule("D024", "ordered-list-start-ignored", severity="warning")
def ordered_list_start_ignored(doc: Document, ctx):
    """Finds numbered lists that start at a number other than 1 on pages kramdown renders.

    ## What it does
    kramdown numbers every ordered list from 1, whatever number its first item has (GitHub
    and CommonMark keep it). Reports such a list on a page kramdown renders, unless it is
    the continuation of a list cut by unindented blocks (reported by D023 instead).

    ## Why is this bad?
    An answer written as `3. ...` is shown as `1. ...` on the site.

    ## Example
    ```markdown
    3. The third answer.
    ```

    ## Use instead
    ```markdown
    {: start="3"}
    3. The third answer.
    ```
    (or write the number as text: `**3.** The third answer.`)
    """
    if not kramdown_renders(ctx.book, doc):
        return
    resumed = {a for a, _s, _c, _t in resumed_lists(ctx.book, doc)}
    src = doc.source
    for t, a, _z, i in top_blocks(ctx.book, doc):
        if t != "ordered_list_open" or a in resumed:
            continue
        start = doc.tokens[i].attrGet("start")
        if not isinstance(start, int) or start == 1:
            continue
        prev_line = src.line_text(a).strip() if a > 0 else ""
        if prev_line.startswith("{:") and "start" in prev_line:
            continue  # an IAL already sets the start
        ln = a + 1
        s = src.line_start(ln)
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This list starts at {start}, but kramdown numbers every list from 1, so the site shows "
                          f"`1.` here. Put `{{: start=\"{start}\"}}` on the line above the list, or write the number as "
                          f"text (`{start}\\.`).")
