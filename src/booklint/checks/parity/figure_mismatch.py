from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P002", "figure-mismatch")
def figure_mismatch(doc: Document, ctx):
    """Finds figures, images and iframes of a translation that the original replaced, moved or does not have.

    ## What it does
    Aligns the chapter's blocks with the original's and compares each figure (`figure.liquid`,
    Markdown and HTML images, iframes, videos) with its counterpart by path: another path means the
    original replaced the figure after it was translated; a figure on one side only is reported
    where it belongs in the translation.

    ## Why is this bad?
    The translation shows an outdated or missing diagram, and no other check can tell, since the old
    file still exists.

    ## Example
    ```markdown
    {% include figure.liquid path="assets/img/roofline-old.png" %}
    ```

    ## Use instead
    ```markdown
    {% include figure.liquid path="assets/img/roofline-improved.png" %}
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "figure"):
        yield ctx.finding(doc, d.span, d.message)
