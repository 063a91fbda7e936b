from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.spans import heading_marker_span


@rule("D020", "empty-heading", severity="warning")
def empty_heading(doc: Document, ctx):
    """Finds headings with no text (`##` alone on a line).

    ## What it does
    Reports a Markdown heading whose text is empty (an explicit `{#id}` alone counts as
    empty).

    ## Why is this bad?
    The page shows a blank heading-sized gap with an id like `#section`, and the outline
    has a nameless section. Usually text was moved to the next line by mistake.

    ## Example
    ```markdown
    ##
    Worked problems
    ```

    ## Use instead
    ```markdown
    ## Worked problems
    ```
    """
    for h in doc.headings:
        if h.html or h.text.strip():
            continue
        yield ctx.finding(doc, heading_marker_span(doc, h),
                          "This heading has no text, so the page shows an empty heading. Put the heading's text on this "
                          "line, or remove the `#` marks.")
