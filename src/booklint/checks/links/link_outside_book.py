from __future__ import annotations

from ...book.links import is_malformed
from ...document.model import Document
from ...registry import rule


@rule("L004", "link-outside-book")
def link_outside_book(doc: Document, ctx):
    """Finds links that leave the book's folder.

    ## What it does
    Reports relative links that climb above the book's root (`../../notes.md`) and
    `file://` URLs. booklint never follows them.

    ## Why is this bad?
    On the published site such a link points outside the book (or to the reader's own
    disk, for `file://`), so it breaks for everyone but the author.

    ## Example
    ```markdown
    See [my notes](../../drafts/notes.md).
    ```

    ## Use instead
    ```markdown
    See [the notes chapter](notes.md), kept inside the book.
    ```
    """
    book = ctx.book
    for link in doc.links:
        if not link.href.strip():
            continue
        if is_malformed(link.href):
            continue  # L003 reports it
        target = book.site.resolve(doc.path, link.href)
        if target.kind == "internal" and target.problem == "outside":
            if link.href.lower().startswith("file:"):
                msg = f"`{link.raw_href}` points to a file on the author's own disk, which readers do not have. Link to a page or file inside the book."
            elif book.site.renders(doc.path):
                here = book.site.url_of(doc.path)
                msg = (f"Link `{link.raw_href}` from this page (served at `{here}`) climbs above the site's root "
                       f"`{book.site.baseurl or '/'}`, so it leaves the book. Remove one `../`.")
            else:
                msg = f"Link `{link.raw_href}` climbs out of the book's folder, so it is broken wherever the book is published. Keep link targets inside the book."
            yield ctx.finding(doc, link.href_span, msg)
