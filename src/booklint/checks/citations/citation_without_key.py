from __future__ import annotations

from ...bibliography.citations import citations
from ...document.model import Document
from ...registry import rule


@rule("C006", "citation-without-key")
def citation_without_key(doc: Document, ctx):
    """Finds `<d-cite>` tags with no key, an empty key, or an empty item in the key list.

    ## What it does
    Reports a `<d-cite>` without a `key` (or `bibtex-key`) attribute, with `key=""`, and
    lists such as `key="a,,b"` or `key="a,"` that contain an empty key.

    ## Why is this bad?
    Distill reads the attribute and splits it: with no attribute its script fails on the
    page (no citation on it is numbered, no bibliography is shown); an empty key shows “?”.

    ## Example
    ```markdown
    Multi-query attention<d-cite key="mqa,"></d-cite> shares keys and values across heads<d-cite></d-cite>.
    ```

    ## Use instead
    ```markdown
    Multi-query attention<d-cite key="mqa"></d-cite> shares keys and values across heads<d-cite key="gmqa"></d-cite>.
    ```
    """
    for c in citations(doc):
        if c.key:
            continue
        if not c.attr:
            msg = ("This `<d-cite>` has no `key`, and Distill's script stops on it: no citation on the page gets "
                   "its number and the bibliography is not shown. Add `key=\"...\"` with the entry's key.")
        elif not c.value.strip():
            msg = "This `<d-cite>` has an empty key, which Distill shows as “?”. Write the entry's key, or remove the tag."
        else:
            msg = ("The key list of this `<d-cite>` has an empty item (a doubled or trailing comma), which Distill "
                   "shows as “?”. Remove the extra comma.")
        yield ctx.finding(doc, c.span, msg)
