"""IEEE reference style."""

from __future__ import annotations

import re

from pybtex.richtext import Text

from ..record import Name
from ..text import rich, segments, sentence_case, title_case
from .base import (
    CiteStyle,
    _initials,
    _join,
    _link,
    _ordinal,
    _page_range,
    _period,
    _quoted,
    _Work,
)

_IEEE_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]


class IEEE(CiteStyle):
    """IEEE Reference Guide.

    * Names with initials first (``J. Austin``, ``J.-L. Moreau``, ``S. Brown, Jr.``).
    * 1 author: ``A``; 2: ``A and B``; 3–6: ``A, B, and C``; more than six: the first author
      and ``et al.``
    * Article, chapter, paper and page titles in quotation marks with a comma inside, in
      sentence case; book and journal titles in italics (books in title case).
    * Articles: ``*Journal*, vol. 12, no. 3, pp. 101–134, Mar. 2023, doi: 10....``
    * Books: ``*Title*, 2nd ed. Place: Publisher, 2019. doi: 10....``; chapters:
      ``in *Book*, P. Rossi and S.-J. Kim, Eds. Place: Publisher, 2021, pp. 45–78. doi: ...``
      (books and chapters give the year only).
    * Online works without a DOI end with ``[Online]. Available: URL`` and no period.
    * No reference number is printed: number the list yourself (``[1]``).
    """

    name = "ieee"
    label = "IEEE"

    @staticmethod
    def name_str(n: Name) -> str:
        if n.literal:
            return n.family
        s = " ".join(p for p in (_initials(n.given), n.full_family) if p)
        return s + (", " + n.suffix if n.suffix else "")

    def authors(self, names: list[Name], more: bool = False) -> str:
        ns = [self.name_str(n) for n in names]
        if not ns:
            return ""
        if len(ns) > 6 or more:
            return ns[0] + " et al."
        if len(ns) == 1:
            return ns[0]
        if len(ns) == 2:
            return ns[0] + " and " + ns[1]
        return ", ".join(ns[:-1]) + ", and " + ns[-1]

    def editors(self, names: list[Name]) -> str:
        s = self.authors(names)
        return s + (", Ed." if len(names) == 1 else ", Eds.")

    def date(self, w: _Work) -> str:
        if not w.year:
            return ""
        return f"{_IEEE_MONTHS[w.month - 1]} {w.year}" if w.month else w.year

    def quoted_title(self, w: _Work) -> Text:
        return _quoted(rich(sentence_case(segments(w.tex("title")))), ",")

    def online(self, w: _Work, parts: list, *, book: bool = False) -> Text:
        """The elements, then the DOI (``, doi: ...`` for articles, a sentence of its own
        for books and chapters) or ``[Online]. Available: URL``."""
        body = _join(parts, ", ")
        if w.f.get("doi"):
            if book:
                return Text(_period(body), " doi: ", w.f["doi"], ".")
            return _period(Text(body, ", doi: ", w.f["doi"]))
        if w.f.get("url"):
            return Text(_period(body), " [Online]. Available: ", _link(w.f["url"]))
        return _period(body)

    def head(self, w: _Work) -> str:
        return self.authors(w.authors, w.more)

    def _article(self, w: _Work) -> Text:
        t = Text(self.quoted_title(w), " ", rich(segments(w.container), italic=True))
        head = self.head(w)
        first = Text(head, ", ", t) if head else t
        pages = w.text("pages")
        return self.online(
            w,
            [
                first,
                f"vol. {w.text('volume')}" if w.text("volume") else "",
                f"no. {w.text('number')}" if w.text("number") else "",
                (f"pp. {_page_range(pages)}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else "",
                self.date(w),
            ],
        )

    def _place_pub(self, w: _Work, pub: str) -> str:
        place = w.text("address")
        return f"{place}: {pub}" if place and pub else pub or place

    def _book(self, w: _Work) -> Text:
        if w.kind == "webpage":
            return self._webpage(w)
        title = rich(title_case(segments(w.tex("title"))), italic=True)
        head = self.head(w)
        if not head and w.editors:
            head = self.editors(w.editors)
        e = w.text("edition")
        lead = Text(head, ", ", title) if head else Text(title)
        if w.translators:
            lead = Text(lead, ", ", self.authors(w.translators), ", Trans.")
        if e:
            lead = Text(lead, ", ", f"{_ordinal(e)} ed." if e.isdigit() else e)
        pub = self._place_pub(w, w.text("publisher") or w.text("institution"))
        rest = _join([pub, w.year], ", ")
        if len(rest):
            return self.online(w, [Text(_period(lead), " ", rest)], book=True)
        return self.online(w, [lead], book=True)

    def _chapter(self, w: _Work) -> Text:
        book = rich(title_case(segments(w.container)), italic=True)
        head = self.head(w)
        first = Text(head, ", ", self.quoted_title(w)) if head else self.quoted_title(w)
        where = Text(first, " in ", book)
        pub = self._place_pub(w, w.text("publisher"))
        pages = w.text("pages")
        pp = (f"pp. {_page_range(pages)}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else ""
        if w.editors:
            where = Text(where, ", ", self.editors(w.editors))
        if w.translators:
            where = Text(where, ", ", self.authors(w.translators), ", Trans.")
        tail = _join([pub, w.year, pp], ", ")
        if len(tail):
            return self.online(w, [Text(_period(where), " ", tail)], book=True)
        return self.online(w, [where], book=True)

    def _paper(self, w: _Work) -> Text:
        book = rich(segments(w.container), italic=True)
        head = self.head(w)
        first = Text(head, ", ", self.quoted_title(w)) if head else self.quoted_title(w)
        pages = w.text("pages")
        return self.online(
            w,
            [
                Text(first, " in ", book),
                w.text("address"),
                self.date(w),
                (f"pp. {_page_range(pages)}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else "",
            ],
        )

    def _webpage(self, w: _Work) -> Text:
        title = _quoted(rich(sentence_case(segments(w.tex("title")))), ".")
        site = w.text("organization") or w.text("publisher")
        parts: list = [_period(self.head(w))] if w.authors else []
        parts.append(title)
        if site:
            parts.append(_period(site))
        if w.f.get("urldate"):
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", w.f["urldate"])
            if m:
                parts.append(f"Accessed: {_IEEE_MONTHS[int(m.group(2)) - 1]} {int(m.group(3))}, {m.group(1)}.")
        if w.f.get("url"):
            parts.append(Text("[Online]. Available: ", _link(w.f["url"])))
        return _join(parts, " ")

    def _report(self, w: _Work) -> Text:
        head = self.head(w)
        first = Text(head, ", ", self.quoted_title(w)) if head else self.quoted_title(w)
        number = w.text("number")
        return self.online(w, [Text(first, " ", w.text("institution")), w.text("address"), f"Rep. {number}" if number else "", self.date(w)])

    def _thesis(self, w: _Work) -> Text:
        head = self.head(w)
        first = Text(head, ", ", self.quoted_title(w)) if head else self.quoted_title(w)
        kind = w.text("type") or "Thesis"
        kind = {"phd thesis": "Ph.D. dissertation", "master's thesis": "M.S. thesis"}.get(kind.lower(), kind)
        return self.online(w, [Text(first, " ", kind), w.text("institution"), w.text("address"), self.date(w)])
