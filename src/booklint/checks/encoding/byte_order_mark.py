from __future__ import annotations

from ...document.model import Document, Span
from ...findings import Fix
from ...registry import rule


@rule("E003", "byte-order-mark", fixable=True)
def byte_order_mark(doc: Document, ctx):
    """Finds files that start with a UTF-8 byte-order mark.

    ## What it does
    Reports a file whose first bytes are `EF BB BF`. The fix removes them.

    ## Why is this bad?
    Jekyll looks for front matter in the very first bytes: behind a byte-order mark it
    sees none, and publishes the chapter unrendered, YAML and all. Other tools show the
    mark as a stray character or choke on it.

    ## Example
    A file saved by an editor's "UTF-8 with BOM" option.

    ## Use instead
    Save it as plain UTF-8.
    """
    src = doc.source
    if not src.bom:
        return
    fm = src.text.startswith("---")
    why = ("Jekyll then does not see the front matter and publishes the page unrendered" if fm
           else "some tools show it as a stray character")
    yield ctx.finding(doc, Span(0, 0),
                      f"This file starts with a UTF-8 byte-order mark (bytes EF BB BF); {why}. Save it as UTF-8 "
                      f"without the mark.", fix=Fix("Remove the byte-order mark", (), drop_bom=True))
