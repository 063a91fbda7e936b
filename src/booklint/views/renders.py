"""Which renderer reads a page: Jekyll's Liquid, kramdown (each decides what a rule may report)."""

from __future__ import annotations

from ..document.model import Document


def jekyll_renders(book, doc: Document) -> bool:
    """Jekyll runs this file through Liquid: a Jekyll site, front matter, and not excluded."""
    if book.dialect != "jekyll":
        return False
    if doc.front_matter is None and not any(n.kind == "unterminated-front-matter" for n in doc.notes):
        return False  # no front matter: Jekyll copies the file as it is (a broken one is still meant as a page)
    if doc.front_matter is not None and doc.front_matter.get("render_with_liquid") is False:
        return False  # Jekyll 4.1+: the page opts out of Liquid
    return doc.path in book.site.published


def kramdown_site(book) -> bool:
    """A Jekyll site whose Markdown converter is kramdown (Jekyll's default)."""
    if book.dialect != "jekyll":
        return False
    return str((book.jekyll_config or {}).get("markdown") or "kramdown").lower() == "kramdown"


def kramdown_renders(book, doc: Document) -> bool:
    """kramdown turns this file into HTML (a page, post or document the site renders with
    `markdown: kramdown`, as the site model knows them)."""
    return book.slugger_for(doc.path) in ("kramdown", "kramdown-gfm")
