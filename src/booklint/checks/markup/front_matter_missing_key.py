from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.renders import jekyll_renders


def _given(book, rel: str, key: str) -> bool:
    """The page's front matter, or a `_config.yml` `defaults:` scope that applies to it, gives ``key``
    (Jekyll also titles every post and collection document after its file name)."""
    v = book.site.values(rel).get(key)
    if v is not None and str(v).strip():
        return True
    served = book.site.served.get(rel)
    return key == "title" and served is not None and served.kind == "document"


@rule("D013", "front-matter-missing-key")
def front_matter_missing_key(doc: Document, ctx):
    """Finds published pages whose front matter lacks a key the layout needs (`layout`, `title`).

    ## What it does
    For each page Jekyll renders, checks that the front matter (or a `_config.yml`
    `defaults:` scope that applies to the page) gives every key of the `required-keys`
    setting, `layout` and `title` by default. Posts and collection documents are titled
    after their file name by Jekyll, and `redirect_to:` pages are written by
    jekyll-redirect-from, so they need neither. Reported on the front matter's first line.

    ## Why is this bad?
    Without `layout` the page is published without the book's template: no styles, no
    navigation, no math. Without `title` the chapter heading, the browser tab and the
    citation are empty.

    ## Example
    ```yaml
    ---
    layout: distill
    description: "How TPUs work."
    ---
    ```

    ## Use instead
    ```yaml
    ---
    layout: distill
    title: "All About TPUs"
    description: "How TPUs work."
    ---
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or not jekyll_renders(ctx.book, doc):
        return
    if ctx.book.site.values(doc.path).get("redirect_to"):
        return  # jekyll-redirect-from writes its own redirect page: no layout or title is used
    keys = [k for k in ctx.settings().get("required-keys", []) if isinstance(k, str)]
    for key in keys:
        if _given(ctx.book, doc.path, key):
            continue
        why = {"layout": "Jekyll publishes the page without the book's template (no styles, navigation or math)",
               "title": "the page's heading, browser tab and citation are left empty"}.get(key, "the layout reads it")
        state = "is empty" if key in fm.data else "is missing"
        span = fm.key_spans.get((key,)) or Span(fm.span.start, fm.span.start + 3)
        yield ctx.finding(doc, span, f"The front matter's `{key}:` {state}, so {why}. Add `{key}:` with a value.")
