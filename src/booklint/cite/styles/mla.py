"""MLA Handbook, 9th edition."""

from __future__ import annotations

import re

from pybtex.richtext import Text

from ..record import Name
from ..text import rich, segments, title_case
from .base import (
    CiteStyle,
    _doi_url,
    _inverted,
    _join,
    _link,
    _ordinal,
    _page_range,
    _period,
    _quoted,
    _Work,
)

_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


class MLA(CiteStyle):
    """MLA Handbook, 9th edition, works-cited entries.

    * 1 author: ``Family, Given.``; 2: ``Family, Given, and Given Family.``; 3 or more:
      ``Family, Given, et al.``
    * Title-case titles; a work inside a container in quotation marks (period inside), a
      standalone work and the container in italics.
    * Container elements separated by commas, in MLA's order: container, ``edited by``,
      edition, ``vol.``, ``no.``, publisher, date, ``pp.``, location; the entry ends with a
      period.
    * Dates day-month-year with abbreviated months (``4 Feb. 2025``).
    * Page ranges with the second number shortened to two digits when the first is over 99
      (``pp. 101–34``).
    * DOIs with ``https://doi.org/``; other URLs without ``http://`` or ``https://``.
    """

    name = "mla"
    label = "MLA (9th edition)"

    @staticmethod
    def authors(names: list[Name], more: bool = False) -> str:
        if not names:
            return ""
        first = _inverted(names[0])
        if len(names) >= 3 or more:
            return first + ", et al."
        if len(names) == 1:
            return first
        return first + ", and " + names[1].display

    @staticmethod
    def people(names: list[Name]) -> str:
        """Contributors (translators) as MLA writes them: ``A``, ``A and B``, ``A et al.``"""
        if len(names) >= 3:
            return names[0].display + " et al."
        return " and ".join(n.display for n in names)

    @staticmethod
    def editors(names: list[Name]) -> str:
        if len(names) >= 3:
            return "edited by " + names[0].display + " et al."
        return "edited by " + " and ".join(n.display for n in names)

    def date(self, w: _Work) -> str:
        if not w.year:
            return ""
        if w.month:
            d = f"{_MLA_MONTHS[w.month - 1]} {w.year}"
            return f"{w.day} {d}" if w.day else d
        return w.year

    @staticmethod
    def location(w: _Work) -> Text:
        if w.f.get("doi"):
            return Text(_link(_doi_url(w.f["doi"])))
        if w.f.get("url"):
            url = w.f["url"]
            return Text(_link(url, re.sub(r"^https?://", "", url)))
        return Text()

    def head(self, w: _Work) -> Text:
        return Text(_period(self.authors(w.authors, w.more))) if w.authors else Text()

    def title(self, w: _Work, italic: bool) -> Text:
        t = rich(title_case(segments(w.tex("title"))), italic=italic)
        return _period(t) if italic else _quoted(t, ".")

    def _entry(self, w: _Work, standalone: bool, container: Text | None, elements: list) -> Text:
        parts: list = []
        head = self.head(w)
        if len(head):
            parts.append(head)
        parts.append(self.title(w, italic=standalone))
        tail = _join(([container] if container is not None and len(container) else []) + elements + [self.location(w)], ", ")
        if len(tail):
            parts.append(_period(tail))
        return _join(parts, " ")

    def _article(self, w: _Work) -> Text:
        journal = rich(title_case(segments(w.container)), italic=True)
        pages = w.text("pages")
        elements = [
            f"vol. {w.text('volume')}" if w.text("volume") else "",
            f"no. {w.text('number')}" if w.text("number") else "",
            self.date(w),
            (f"pp. {_page_range(pages, 'mla')}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else "",
        ]
        return self._entry(w, False, journal, elements)

    def _book(self, w: _Work) -> Text:
        e = w.text("edition")
        publisher = w.text("publisher") or w.text("institution")
        if w.kind == "webpage":
            site = w.text("organization")
            publisher = w.text("publisher") if w.text("publisher") != site else ""
            return self._entry(w, False, rich(title_case(segments(w.tex("organization"))), italic=True) if site else None, [publisher, self.date(w)])
        elements = [
            "Translated by " + self.people(w.translators) if w.translators else "",
            (f"{_ordinal(e)} ed." if e.isdigit() else e) if e else "",
            f"version {w.text('version')}" if w.kind == "software" and w.text("version") else "",
            publisher,
            self.date(w),
        ]
        if w.kind == "thesis":
            kind = w.text("type") or "Thesis"
            kind = {"phd thesis": "PhD dissertation", "master's thesis": "MA thesis"}.get(kind.lower(), kind)
            elements = [w.text("institution"), self.date(w), kind]
        return self._entry(w, True, None, elements)

    def _chapter(self, w: _Work) -> Text:
        book = rich(title_case(segments(w.container)), italic=True)
        pages = w.text("pages")
        elements = [
            self.editors(w.editors) if w.editors else "",
            "translated by " + self.people(w.translators) if w.translators else "",
            w.text("publisher"),
            self.date(w),
            (f"pp. {_page_range(pages, 'mla')}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else "",
        ]
        return self._entry(w, False, book, elements)
