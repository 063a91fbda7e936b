from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.spans import heading_marker_span, line_of


@rule("D018", "heading-level-jump", default=False, severity="warning")
def heading_level_jump(doc: Document, ctx):
    """Finds headings more than one level deeper than the heading before them (`##` then `####`).

    ## What it does
    Walks the page's headings (Markdown and HTML) in order and reports one whose level is
    more than one below the previous heading's. Off by default: some books use deeper
    levels for their smaller type on purpose.

    ## Why is this bad?
    The page outline (screen readers, the browser's and search engines' view of the
    structure) has a hole: the `####` section belongs to no `###`.

    ## Example
    ```markdown
    ## Rooflines
    #### Matrix multiplication
    ```

    ## Use instead
    ```markdown
    ## Rooflines
    ### Matrix multiplication
    ```
    """
    prev = None
    for h in doc.headings:
        if prev is not None and h.level > prev.level + 1:
            yield ctx.finding(doc, heading_marker_span(doc, h),
                              f"This heading is level {h.level} right after a level-{prev.level} heading (line "
                              f"{line_of(doc, prev.span.start)}), which skips level {prev.level + 1}. Use level "
                              f"{prev.level + 1}, or add the missing heading.")
        prev = h
