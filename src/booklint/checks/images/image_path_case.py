from __future__ import annotations

from ...book.links import resolve_image, what
from ...document.model import Document
from ...registry import rule


@rule("I002", "image-path-case")
def image_path_case(doc: Document, ctx):
    """Finds image paths that match a file only when letter case is ignored.

    ## What it does
    Reports an image, figure or embedded page whose path names an existing file with
    different capitalisation (`Roofline.PNG` for `roofline.png`).

    ## Why is this bad?
    macOS and Windows disks ignore case, so the image shows while the author previews the
    book; GitHub Pages and Linux servers do not, so readers get a broken image.

    ## Example
    ```markdown
    ![A roofline plot](../assets/img/Roofline.png)
    ```

    ## Use instead
    ```markdown
    ![A roofline plot](../assets/img/roofline.png)
    ```
    """
    book = ctx.book
    for img in doc.images:
        if not img.src.strip():
            continue
        target = resolve_image(book, doc, img)
        if target.kind != "internal" or target.problem != "missing":
            continue
        real = book.site.case_variant(doc.path, target)
        if real:
            yield ctx.finding(
                doc, img.src_span,
                f"The {what(img)} `{img.src}` exists only as `{real}`: letter case differs, so it shows on macOS "
                f"and Windows but not on GitHub Pages or Linux. Match the file's case exactly.",
            )
