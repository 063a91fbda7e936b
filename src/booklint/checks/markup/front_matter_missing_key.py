from __future__ import annotations

from ...document.model import Document, Span
from ...registry import rule
from ...views.renders import jekyll_renders


def _defaults_give(book, rel: str, key: str) -> bool:
    """_config.yml `defaults:` set ``key`` for this file."""
    defaults = (book.jekyll_config or {}).get("defaults")
    if not isinstance(defaults, list):
        return False
    for d in defaults:
        if not isinstance(d, dict) or not isinstance(d.get("values"), dict) or key not in d["values"]:
            continue
        scope = d.get("scope") if isinstance(d.get("scope"), dict) else {}
        path = str(scope.get("path") or "").strip("/")
        typ = scope.get("type")
        if typ not in (None, "", "pages"):
            continue
        if path in ("", "*") or rel == path or rel.startswith(path + "/"):
            return True
    return False


@rule("D013", "front-matter-missing-key")
def front_matter_missing_key(doc: Document, ctx):
    """Finds published pages whose front matter lacks a key the layout needs (`layout`, `title`).

    ## What it does
    For each page Jekyll renders, checks that the front matter (or `_config.yml`
    `defaults:`) gives every key of the `required-keys` setting, `layout` and `title` by
    default. Reported on the front matter's first line.

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
    keys = [k for k in ctx.settings().get("required-keys", []) if isinstance(k, str)]
    for key in keys:
        v = fm.data.get(key)
        if v is not None and str(v).strip():
            continue
        if _defaults_give(ctx.book, doc.path, key):
            continue
        why = {"layout": "Jekyll publishes the page without the book's template (no styles, navigation or math)",
               "title": "the page's heading, browser tab and citation are left empty"}.get(key, "the layout reads it")
        state = "is empty" if key in fm.data else "is missing"
        span = fm.key_spans.get((key,)) or Span(fm.span.start, fm.span.start + 3)
        yield ctx.finding(doc, span, f"The front matter's `{key}:` {state}, so {why}. Add `{key}:` with a value.")
