"""Chicago Manual of Style, author-date: the 18th edition and the 17th."""

from __future__ import annotations

from pybtex.richtext import Text

from ..record import Name
from ..text import rich, segments, title_case
from .base import (
    _MONTHS,
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


class Chicago(CiteStyle):
    """Chicago Manual of Style, 18th edition, author-date reference list.

    * First author inverted (``Family, Given``), the others ``Given Family``; names written
      out as in the source; a suffix after a comma when inverted (``Brown, Samuel, Jr.``).
    * 2 authors: ``A, and B``; 3–6: ``A, B, and C``; 7 or more: the first three, then
      ``et al.`` (17th edition: up to 10 listed, else the first seven and ``et al.``).
    * The year follows the authors: ``Austin, Jacob, … et al. 2025.``
    * Headline-style capitalisation for all titles; articles and chapters in quotation marks
      with the period inside; books, journals and online books in italics.
    * Journal articles: ``*Journal* 12 (3): 101–34.`` Page ranges abbreviated by CMOS's rules.
    * Chapters: ``In *Book*, edited by P. Rossi and S.-J. Kim, 45–78. Publisher.``
    * The 18th edition drops the place of publication; the 17th gives ``Place: Publisher``.
    * DOIs as ``https://doi.org/...``; every element, URLs included, ends with a period.
    """

    name = "chicago"
    label = "Chicago (author-date, 18th edition)"
    max_authors = 6
    shown_when_truncated = 3
    with_place = False

    inverted = staticmethod(_inverted)

    @staticmethod
    def natural(n: Name) -> str:
        return n.display

    def authors(self, names: list[Name], more: bool = False) -> str:
        if not names:
            return ""
        if len(names) > self.max_authors or more:
            shown = names[: self.shown_when_truncated] if len(names) > self.max_authors else names
            ns = [self.inverted(shown[0])] + [self.natural(n) for n in shown[1:]]
            return ", ".join(ns) + ", et al."
        ns = [self.inverted(names[0])] + [self.natural(n) for n in names[1:]]
        if len(ns) == 1:
            return ns[0]
        if len(ns) == 2:
            return ns[0] + ", and " + ns[1]
        return ", ".join(ns[:-1]) + ", and " + ns[-1]

    @staticmethod
    def names_natural(names: list[Name]) -> str:
        ns = [n.display for n in names]
        if len(ns) <= 2:
            return " and ".join(ns)
        return ", ".join(ns[:-1]) + ", and " + ns[-1]

    def head(self, w: _Work) -> Text:
        year = _period(w.year or "n.d.")
        if w.authors:
            return Text(_period(self.authors(w.authors, w.more)), " ", year)
        if w.editors and w.kind == "book":
            eds = self.authors(w.editors) + (", ed." if len(w.editors) == 1 else ", eds.")
            return Text(eds, " ", year)
        return Text()

    def title(self, w: _Work, tex: str | None = None, italic: bool = False) -> Text:
        return rich(title_case(segments(w.tex("title") if tex is None else tex)), italic=italic)

    def lead(self, w: _Work, title: Text) -> Text:
        head = self.head(w)
        if len(head):
            return Text(head, " ", title)
        return Text(title, " ", _period(w.year or "n.d."))

    def link(self, w: _Work) -> Text:
        if w.f.get("doi"):
            return Text(_link(_doi_url(w.f["doi"])), ".")
        if w.f.get("url"):
            return Text(_link(w.f["url"]), ".")
        return Text()

    def publisher(self, w: _Work, name: str | None = None) -> str:
        pub = w.text("publisher") if name is None else name
        place = w.text("address")
        if self.with_place and place and pub:
            return f"{place}: {pub}"
        return pub

    def _article(self, w: _Work) -> Text:
        title = _quoted(self.title(w), ".")
        journal = rich(title_case(segments(w.container)), italic=True)
        vol, issue, pages = w.text("volume"), w.text("number"), w.text("pages")
        src = Text(journal)
        if vol:
            src = Text(src, " ", vol)
        if issue:
            src = Text(src, f" ({issue})" if vol else f", no. {issue}")
        if pages:
            src = Text(src, ": " if vol or issue else ", ", _page_range(pages, "chicago"))
        return _join([self.lead(w, title), _period(src), self.link(w)], " ")

    def _book(self, w: _Work) -> Text:
        title = _period(self.title(w, italic=True))
        parts: list = [self.lead(w, title)]
        if w.text("edition"):
            e = w.text("edition")
            parts.append(f"{_ordinal(e)} ed." if e.isdigit() else _period(e))
        if w.translators:
            parts.append(f"Translated by {self.names_natural(w.translators)}.")
        if w.kind == "report" and w.text("number"):
            parts.append(f"Report {w.text('number')}.")
        pub = self.publisher(w, w.text("publisher") or (w.text("institution") if w.kind in ("report", "thesis") else ""))
        if w.kind == "webpage":
            pub = w.text("organization") or w.text("publisher")
        if pub:
            parts.append(_period(pub))
        parts.append(self.link(w))
        return _join(parts, " ")

    def _thesis(self, w: _Work) -> Text:
        title = _quoted(self.title(w), ".")
        kind = w.text("type") or "Thesis"
        kind = {"phd thesis": "PhD diss.", "master's thesis": "Master's thesis"}.get(kind.lower(), kind)
        return _join([self.lead(w, title), _period(_join([kind, w.text("institution")], ", ")), self.link(w)], " ")

    def _webpage(self, w: _Work) -> Text:
        title = _quoted(self.title(w), ".")
        site = w.text("organization") or w.text("publisher")
        when = ""
        if w.month and w.year:
            when = f"{_MONTHS[w.month - 1]} {w.day}, {w.year}" if w.day else f"{_MONTHS[w.month - 1]} {w.year}"
        return _join([self.lead(w, title), _period(_join([site, when], ", ")) if site or when else "", self.link(w)], " ")

    def _chapter(self, w: _Work) -> Text:
        title = _quoted(self.title(w), ".")
        book = rich(title_case(segments(w.container)), italic=True)
        where = Text("In ", book)
        if w.editors:
            where = Text(where, ", edited by ", self.names_natural(w.editors))
        if w.translators:
            where = Text(where, ", translated by ", self.names_natural(w.translators))
        if w.text("pages"):
            where = Text(where, ", ", _page_range(w.text("pages"), "chicago"))
        pub = self.publisher(w)
        return _join([self.lead(w, title), _period(where), _period(pub) if pub else "", self.link(w)], " ")


class Chicago17(Chicago):
    """Chicago Manual of Style, 17th edition (author-date): as :class:`Chicago`, but up to
    ten authors are listed (more: the first seven and ``et al.``), and the place of
    publication precedes the publisher."""

    name = "chicago-17"
    label = "Chicago (author-date, 17th edition)"
    max_authors = 10
    shown_when_truncated = 7
    with_place = True
