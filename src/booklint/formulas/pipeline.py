"""Which program turns each kind of formula of a file into what the reader sees."""

from __future__ import annotations

from typing import Any

from ..slotted import frozen_slots
from ..views.renders import kramdown_site

#: The Distill template's KaTeX auto-render delimiters, in the order al-folio's distill layout
#: gives them (its `d-front-matter` lists `$` before `$$`): each is searched in every text
#: node in turn, so a `$$` that reaches it is read as two `$`.
DISTILL_DELIMITERS = ("$", "$$")


@frozen_slots
class Pipeline:
    kramdown: bool              # kramdown reads the file first (a page of a Jekyll site)
    inline: str | None          # renderer of `$...$` ("katex", "mathjax"), None when it is not math
    display: str                # renderer of `$$...$$`
    autorender: tuple[str, ...] = ()  # KaTeX auto-render delimiters, when it finds `$` math in text

    @property
    def where(self) -> str:
        return "kramdown" if self.kramdown else "GitHub"


def pipeline_for(book, rel: str, settings: dict[str, Any]) -> Pipeline:
    """The renderers of ``rel``: configured ones win over what the site layout implies."""
    site_page = kramdown_site(book) and (book.site.serves_as_site(rel) or book.site.renders(rel))
    inline = settings.get("inline-renderer", "auto")
    display = settings.get("display-renderer", "auto")
    if site_page:
        inline = "katex" if inline == "auto" else inline
        display = "mathjax" if display == "auto" else display
        return Pipeline(True, None if inline == "none" else inline, display,
                        DISTILL_DELIMITERS if inline == "katex" else ())
    if book.dialect == "jekyll":
        # a file the site does not build (a README): GitHub shows it, whatever the layout does
        return Pipeline(False, "mathjax", "mathjax")
    inline = "mathjax" if inline == "auto" else inline
    display = "mathjax" if display == "auto" else display
    return Pipeline(False, None if inline == "none" else inline, display)
