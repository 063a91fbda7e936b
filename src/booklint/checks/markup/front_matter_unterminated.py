from __future__ import annotations

from ...document.model import Document
from ...registry import rule


@rule("D001", "front-matter-unterminated")
def front_matter_unterminated(doc: Document, ctx):
    """Finds front matter that is opened with `---` and never closed.

    ## What it does
    Reports a file that starts with `---` but has no closing `---` line, on the line
    where the front matter opens.

    ## Why is this bad?
    Jekyll sees no front matter at all: it copies the file to the site unrendered, so the
    chapter appears as raw Markdown with its YAML on top, or not as a page at all.

    ## Example
    ```markdown
    ---
    layout: distill
    title: "All About Rooflines"

    # All About Rooflines
    ```

    ## Use instead
    ```markdown
    ---
    layout: distill
    title: "All About Rooflines"
    ---

    # All About Rooflines
    ```
    """
    for note in doc.notes:
        if note.kind == "unterminated-front-matter":
            yield ctx.finding(doc, note.span, "This front matter is never closed with a `---` line, so Jekyll will not read it and publishes the file unrendered. Add `---` after the last key.")
