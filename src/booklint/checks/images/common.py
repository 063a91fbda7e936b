"""Where an image, figure or embedded page really points."""

from __future__ import annotations

from ...book.site import Target
from ...document.model import Document, Image


def resolve_image(book, doc: Document, img: Image) -> Target:
    if img.kind in ("figure", "include"):
        # figure.liquid passes `path` through `relative_url`: it is relative to the site root
        src = img.src.strip()
        if "://" in src or src.startswith("//"):
            return book.site.resolve(doc.path, src)
        if book.site.serves_as_site(doc.path):
            return book.site.resolve(doc.path, book.site.baseurl + "/" + src.lstrip("/"))
        return book.site.resolve(doc.path, "/" + src.lstrip("/"))
    return book.site.resolve(doc.path, img.src.strip())


def what(img: Image) -> str:
    return {
        "figure": "figure",
        "include": "included file",
        "iframe": "embedded page",
        "video": "video",
        "audio": "audio",
        "source": "media source",
        "embed": "embedded file",
    }.get(img.kind, "image")
