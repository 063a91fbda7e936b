from __future__ import annotations

from ...book.links import link_to, resolve_image, suggest_path, what
from ...document.model import Document
from ...registry import rule


@rule("I001", "missing-image")
def missing_image(doc: Document, ctx):
    """Finds images, figures and embedded pages whose file does not exist.

    ## What it does
    Checks the file behind every `![alt](path)`, `<img src>`, `<iframe src>` of a local
    page, and `{% include figure.liquid path="..." %}`. Markdown and HTML paths are
    resolved as the browser resolves them from the page's URL; a figure's `path` is
    relative to the site root, because the include passes it through `relative_url`.

    ## Why is this bad?
    The reader sees a broken-image icon or an empty frame where a figure should explain
    the text.

    ## Example
    ```markdown
    {% include figure.liquid path="assets/img/rooflines.png" %}
    ```
    when the file is `assets/img/roofline.png`.

    ## Use instead
    ```markdown
    {% include figure.liquid path="assets/img/roofline.png" %}
    ```
    """
    book = ctx.book
    for img in doc.images:
        if not img.src.strip():
            yield ctx.finding(doc, img.src_span if img.src_span.end > img.src_span.start else img.span,
                              f"This {what(img)} has an empty path, so nothing is shown. Give the path of the file.")
            continue
        target = resolve_image(book, doc, img)
        if target.kind != "internal" or target.problem != "missing":
            continue
        if book.site.case_variant(doc.path, target):
            continue  # I002 reports it
        msg = f"The {what(img)} file `{img.src}` does not exist (it resolves to `{target.url}`)."
        near = suggest_path(book, doc.path, img.src, pages_only=False)
        if near:
            msg += f" Did you mean `{near if img.kind in ('figure', 'include') else link_to(book, doc.path, near)}`?"
        yield ctx.finding(doc, img.src_span, msg)
