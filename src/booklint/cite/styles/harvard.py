"""Harvard, as defined by *Cite Them Right* (12th edition)."""

from __future__ import annotations

import re

from pybtex.richtext import Text

from ..record import Name
from ..text import rich, segments, sentence_case
from .base import (
    _MONTHS,
    CiteStyle,
    _doi_url,
    _initials,
    _join,
    _link,
    _ordinal,
    _page_range,
    _period,
    _quoted,
    _Work,
    today,
)


class Harvard(CiteStyle):
    """Harvard as defined by *Cite Them Right* (12th edition), the most common UK variant.

    * Names ``Family, I.I.`` (initials without spaces, ``Moreau, J.-L.``).
    * 1 author: ``A``; 2: ``A and B``; 3: ``A, B and C``; 4 or more: the first author and
      ``et al.``
    * The year in parentheses, no period: ``Okafor, C.N. (2019)``.
    * Titles in sentence case, with the word after a colon in lower case too; books and web
      pages in italics; articles and chapters in single quotation marks followed by a comma.
    * Editions ``2nd edn.``; ``Place: Publisher.``; chapters
      ``in P. Rossi and S.-J. Kim (eds) *Book*. Place: Publisher, pp. 45–78.``
    * Online: ``Available at: https://doi.org/...`` or the URL, then ``(Accessed: 4 February
      2025)`` when an access date is known.
    """

    name = "harvard"
    label = "Harvard (Cite Them Right, 12th edition)"

    @staticmethod
    def name_str(n: Name) -> str:
        if n.literal:
            return n.family
        s = n.full_family
        if n.given:
            s += ", " + _initials(n.given, spaced=False)
        return s + (", " + n.suffix if n.suffix else "")

    def authors(self, names: list[Name], more: bool = False) -> str:
        ns = [self.name_str(n) for n in names]
        if not ns:
            return ""
        if len(ns) >= 4 or more:
            return ns[0] + " et al."
        if len(ns) == 1:
            return ns[0]
        return ", ".join(ns[:-1]) + " and " + ns[-1]

    def editors(self, names: list[Name]) -> str:
        """Editors of a collection, initials first: ``P. Rossi and S.-J. Kim (eds)``."""
        ns = [n.family if n.literal else " ".join(p for p in (_initials(n.given, spaced=False), n.full_family) if p) for n in names]
        s = ns[0] if len(ns) == 1 else ", ".join(ns[:-1]) + " and " + ns[-1]
        return s + (" (ed.)" if len(names) == 1 else " (eds)")

    def translated(self, w: _Work) -> str:
        """``Translated by A. Bell.`` (initials first, as editors are written)."""
        return "Translated by " + self.editors(w.translators).rsplit(" (", 1)[0] + "."

    def title(self, tex: str, italic: bool) -> Text:
        return rich(sentence_case(segments(tex), capitalize_after_colon=False), italic=italic)

    def head(self, w: _Work) -> Text:
        who = self.authors(w.authors, w.more) if w.authors else (
            self.authors(w.editors) + (" (ed.)" if len(w.editors) == 1 else " (eds)") if w.editors and w.kind == "book" else ""
        )
        year = f"({w.year})" if w.year else "(no date)"
        return Text(who, " ", year) if who else Text(year)

    def available(self, w: _Work) -> Text:
        if w.f.get("doi"):
            return Text("Available at: ", _link(_doi_url(w.f["doi"])), ".")
        if w.f.get("url"):
            # an online work always gives the date it was read: the record's, else today's
            t = Text("Available at: ", _link(w.f["url"]))
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", w.f.get("urldate", ""))
            day, month, year = (int(m.group(3)), int(m.group(2)), m.group(1)) if m else (today().day, today().month, str(today().year))
            t = Text(t, f" (Accessed: {day} {_MONTHS[month - 1]} {year})")
            return Text(t, ".")
        return Text()

    def place_pub(self, w: _Work, pub: str) -> str:
        place = w.text("address")
        return f"{place}: {pub}" if place and pub else pub

    def _book(self, w: _Work) -> Text:
        title = _period(self.title(w.tex("title"), True))
        parts: list = [Text(self.head(w), " ", title)]
        if w.translators:
            parts.append(self.translated(w))
        e = w.text("edition")
        if e:
            parts.append(f"{_ordinal(e)} edn." if e.isdigit() else _period(e))
        if w.kind == "thesis":
            kind = w.text("type") or "Thesis"
            kind = {"phd thesis": "PhD thesis", "master's thesis": "MA thesis"}.get(kind.lower(), kind)
            parts.append(_period(_join([kind, w.text("institution")], ". ")))
        elif w.kind == "webpage":
            site = w.text("organization") or w.text("publisher")
            if site:
                parts.append(_period(site))
        else:
            pub = self.place_pub(w, w.text("publisher") or w.text("institution"))
            if pub:
                parts.append(_period(pub))
        parts.append(self.available(w))
        return _join(parts, " ")

    def _article(self, w: _Work) -> Text:
        title = _quoted(self.title(w.tex("title"), False), "", "‘", "’")
        src: list = [rich(segments(w.container), italic=True)]
        vol, issue, pages = w.text("volume"), w.text("number"), w.text("pages")
        if vol:
            src.append(f"{vol}({issue})" if issue else vol)
        if pages:
            src.append(f"pp. {_page_range(pages)}" if re.search(r"[–-]", pages) else f"p. {pages}")
        body = Text(self.head(w), " ", title, ", ", _period(_join(src, ", ")))
        return _join([body, self.available(w)], " ")

    def _chapter(self, w: _Work) -> Text:
        title = _quoted(self.title(w.tex("title"), False), "", "‘", "’")
        book = _period(self.title(w.container, True))
        where = Text("in ", self.editors(w.editors), " ", book) if w.editors else Text("in ", book)
        tail = _join([self.place_pub(w, w.text("publisher")), f"pp. {_page_range(w.text('pages'))}" if w.text("pages") else ""], ", ")
        parts: list = [Text(self.head(w), " ", title, ", ", where)]
        if w.translators:
            parts.append(self.translated(w))
        if len(tail):
            parts.append(_period(tail))
        parts.append(self.available(w))
        return _join(parts, " ")
