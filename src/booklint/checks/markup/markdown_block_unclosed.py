from __future__ import annotations

import bisect

from ...document.model import Document
from ...registry import rule
from ...views.html import KRAMDOWN_BLOCK_MODEL, VOID, html_tree, markdown_attr, shown
from ...views.renders import kramdown_renders
from ...views.spans import line_of


@rule("D012", "markdown-block-unclosed")
def markdown_block_unclosed(doc: Document, ctx):
    """Finds `markdown=1` HTML blocks (`<p markdown=1>`, `<div markdown=1>`) that are never closed.

    ## What it does
    kramdown reads the inside of a `markdown=1` element as Markdown up to its end tag.
    For span elements (`<p>`, `<h3>`, `<span>`) it takes everything up to the next `</p>`
    in the page, wherever that is; for block elements (`<div>`) up to the matching
    `</div>` at the start of a line. Reports, on the opening line, an element with no end
    tag at all, and a span element whose end tag is really the one of a later element.

    ## Why is this bad?
    Everything up to that distant end tag (or the rest of the chapter) becomes part of the
    takeaway box or heading: headings, figures and paragraphs are mangled into one block.

    ## Example
    ```markdown
    <p markdown=1 class="takeaway">**Takeaway**: rooflines bound runtime.

    ## Next section
    ```

    ## Use instead
    ```markdown
    <p markdown=1 class="takeaway">**Takeaway**: rooflines bound runtime.</p>

    ## Next section
    ```
    """
    if not kramdown_renders(ctx.book, doc):
        return
    tags = html_tree(ctx.book, doc).tags
    unmatched: dict[str, set[int]] = {}
    opens: dict[str, list[int]] = {}
    closes: dict[str, list[int]] = {}
    for t in tags:
        (closes if t.closing else opens).setdefault(t.name, []).append(t.span.start)
    for t in tags:
        if t.closing or t.self_closing or not t.block or t.name in VOID:
            continue
        md = markdown_attr(t)
        if md not in ("1", "span", "block"):
            continue
        name = t.name
        span_model = md == "span" or (md == "1" and name not in KRAMDOWN_BLOCK_MODEL)
        cl = closes.get(name, [])
        op = opens.get(name, [])
        if span_model:
            i = bisect.bisect_left(cl, t.span.end)
            if i == len(cl):
                yield ctx.finding(doc, t.span,
                                  f"`{shown(t)}` is never closed, so kramdown reads the whole rest of the page into this "
                                  f"`<{name}>`. Add `</{name}>` where it should end.")
                continue
            c = cl[i]
            j = bisect.bisect_right(op, t.span.start)
            if j < len(op) and op[j] < c:
                yield ctx.finding(doc, t.span,
                                  f"`{shown(t)}` has no `</{name}>` of its own: kramdown runs it to the `</{name}>` on line "
                                  f"{line_of(doc, c)}, which belongs to the `<{name}>` on line {line_of(doc, op[j])}, and "
                                  f"everything between ends up inside it. Add `</{name}>` where this one should end.")
        else:
            if name not in unmatched:
                unmatched[name] = _unmatched_opens(op, cl)
            if t.span.start not in unmatched[name]:
                continue
            yield ctx.finding(doc, t.span,
                              f"`{shown(t)}` is never closed, so kramdown reads the whole rest of the page into this "
                              f"`<{name}>`. Add `</{name}>` on a line of its own where it should end.")


def _unmatched_opens(opens: list[int], closes: list[int]) -> set[int]:
    """Openings left without an end tag when each end tag closes the latest open element."""
    events = sorted([(p, 1) for p in opens] + [(p, -1) for p in closes])
    stack: list[int] = []
    for p, d in events:
        if d == 1:
            stack.append(p)
        elif stack:
            stack.pop()
    return set(stack)
