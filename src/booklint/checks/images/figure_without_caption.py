from __future__ import annotations

from ...document.model import Document
from ...registry import rule


@rule("I003", "figure-without-caption", default=False, severity="warning")
def figure_without_caption(doc: Document, ctx):
    """Finds figures that have neither a caption nor alt text.

    ## What it does
    Reports `{% include figure.liquid ... %}` tags with no `caption=` and no `alt=`.
    Off by default; turn it on with `extend-select = ["I003"]` for books whose style asks
    every figure to be described.

    ## Why is this bad?
    Readers using a screen reader get nothing from an undescribed figure, and readers of
    a technical book lose the sentence that says what the plot shows.

    ## Example
    ```markdown
    {% include figure.liquid path="assets/img/roofline.png" class="img-fluid" %}
    ```

    ## Use instead
    ```markdown
    {% include figure.liquid path="assets/img/roofline.png" class="img-fluid" caption="<b>Figure:</b> the roofline of a TPU v5e." %}
    ```
    """
    for img in doc.images:
        if img.kind != "figure":
            continue
        if (img.caption or "").strip() or (img.alt or "").strip():
            continue
        yield ctx.finding(doc, img.span, "This figure has no caption and no alt text, so readers who cannot see it get nothing. Add `caption=\"...\"` or `alt=\"...\"`.")
