from __future__ import annotations

from ...document.model import Document
from ...registry import rule

NAV_KEYS = ("previous_section_url", "next_section_url")


@rule("L005", "broken-nav-link")
def broken_nav_link(doc: Document, ctx):
    """Finds front-matter navigation links (`previous_section_url`, `next_section_url`) that lead nowhere.

    ## What it does
    The Distill layout turns these front-matter values into the "previous" and "next"
    buttons of a chapter. booklint resolves each one as the browser will, relative to the
    chapter's own URL, and reports those that reach no page of the book.

    ## Why is this bad?
    The navigation buttons are how readers move through a book; a broken one strands them
    at the end of a chapter with a 404.

    ## Example
    ```yaml
    next_section_url: ../tpu
    ```

    ## Use instead
    ```yaml
    next_section_url: ../tpus
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict):
        return
    book = ctx.book
    for key in NAV_KEYS:
        value = fm.data.get(key)
        if not isinstance(value, str) or not value.strip():
            continue
        target = book.site.resolve(doc.path, value.strip())
        if target.kind != "internal" or not target.problem:
            continue
        span = fm.value_spans.get((key,)) or fm.key_spans.get((key,)) or fm.span
        which = "previous" if key.startswith("previous") else "next"
        yield ctx.finding(
            doc, span,
            f"The {which}-chapter button links `{value}`, which resolves to `{target.url}`: no page of this book is served there. "
            f"Point `{key}` at an existing chapter.",
        )
