from __future__ import annotations

from ...book.links import address_fix, dot_segment_url, judged_addresses
from ...document.model import Document
from ...registry import rule


@rule("L010", "dot-segment-url", fixable=True)
def dot_segment_url_rule(doc: Document, ctx):
    """Finds absolute URLs with `/../` or `/./` in their path.

    ## What it does
    Reports a link to another site (`https://...`) whose path has a `..` or `.` segment, the
    mark of a relative path pasted after an address (`https://github.com/org/repo/blob/main/../x.md`).
    The browser resolves the segments before it asks the server (`..` drops the folder before
    it), so the link opens another page than the one the path spells; the message names it.
    The unsafe fix writes the address the browser really opens, to check against the intent.

    ## Why is this bad?
    The page the reader lands on is rarely the one meant: usually a 404 on the other site,
    which no check of the book's own files can see.

    ## Example
    ```markdown
    See [the kernel](https://github.com/org/repo/blob/main/docs/../kernels/attention.py).
    ```

    ## Use instead
    ```markdown
    See [the kernel](https://github.com/org/repo/blob/main/kernels/attention.py).
    ```
    """
    for link, found in judged_addresses(doc, dot_segment_url):
        seg, opens = found
        fix = address_fix(link, opens)
        yield ctx.finding(doc, link.href_span, (
            f"The address `{link.href}` has a `{seg}` segment in its path: the browser resolves it and "
            f"opens `{opens}`, which is probably not the page meant. Write the full address of the page."),
            fix=fix)
