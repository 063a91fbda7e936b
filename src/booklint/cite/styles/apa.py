"""APA 7th edition."""

from __future__ import annotations

from pybtex.richtext import Tag, Text

from ..record import Name, is_english
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
    _Work,
)


class APA(CiteStyle):
    """APA 7th edition reference list entries.

    * Authors: ``Family, I. I.``; hyphenated given names keep the hyphen (``J.-L.``); a
      suffix follows the initials (``Brown, S., Jr.``); organisations as written.
    * 1 author: ``A``; 2: ``A, & B``; 3–20: ``A, B, & C``; 21 or more: the first 19, an
      ellipsis and the last author (no ampersand): ``A, … S, . . . Z``.
    * Date in parentheses after the authors: ``(2025).``; web pages with month and day:
      ``(2025, February 4).``; no date: ``(n.d.).``
    * Titles of articles, chapters, books and pages in sentence case (first word, first word
      after a colon, and brace-protected words capitalised); works that stand alone
      (books, reports, web pages) in italics; journal names as published, in italics
      together with the volume: ``*Journal, 12*(3), 101–134.``
    * Editors in a chapter: ``In P. Rossi & S.-J. Kim (Eds.), *Book* (pp. 45–78).``
    * Book editions: ``*Title* (2nd ed.).``; no place of publication.
    * DOIs as ``https://doi.org/...``; no period after a DOI or URL.
    """

    name = "apa"
    label = "APA (7th edition)"

    @staticmethod
    def name_str(n: Name) -> str:
        if n.literal:
            return n.family
        s = n.full_family
        if n.given:
            s += ", " + _initials(n.given)
        if n.suffix:
            s += ", " + n.suffix
        return s

    def authors(self, names: list[Name], more: bool = False) -> str:
        ns = [self.name_str(n) for n in names]
        if not ns:
            return ""
        if more:
            return ", ".join(ns) + ", et al."
        if len(ns) == 1:
            return ns[0]
        if len(ns) <= 20:
            return ", ".join(ns[:-1]) + ", & " + ns[-1]
        return ", ".join(ns[:19]) + ", . . . " + ns[-1]

    @staticmethod
    def editors_in(names: list[Name]) -> str:
        ns = [n.family if n.literal else " ".join(p for p in (_initials(n.given), n.full_family) if p) for n in names]
        if len(ns) == 1:
            s = ns[0]
        elif len(ns) == 2:
            s = ns[0] + " & " + ns[1]
        else:
            s = ", ".join(ns[:-1]) + ", & " + ns[-1]
        return s + (" (Ed.)" if len(ns) == 1 else " (Eds.)")

    def date(self, w: _Work, full: bool = False) -> str:
        if not w.year:
            return "(n.d.)."
        s = w.year
        if full and w.month:
            s += ", " + _MONTHS[w.month - 1]
            if w.day:
                s += f" {w.day}"
        return f"({s})."

    def head(self, w: _Work, full_date: bool = False) -> Text:
        """Authors and date; without authors, the editors; without either, the title leads."""
        if w.authors:
            a = self.authors(w.authors, w.more)
            return Text(_period(a), " ", self.date(w, full_date))
        if w.editors and w.kind == "book":
            a = self.authors(w.editors) + (" (Ed.)" if len(w.editors) == 1 else " (Eds.)")
            return Text(_period(a), " ", self.date(w, full_date))
        return Text()

    def title(self, w: _Work, italic: bool) -> Text:
        return rich(sentence_case(segments(w.tex("title"))), italic=italic)

    def link(self, w: _Work) -> Text:
        if w.f.get("doi"):
            return Text(_link(_doi_url(w.f["doi"])))
        if w.f.get("url"):
            return Text(_link(w.f["url"]))
        return Text()

    def lead(self, w: _Work, title: Text, full_date: bool = False) -> Text:
        """``Head. Title`` or, with no author, ``Title. (Date).``"""
        head = self.head(w, full_date)
        if len(head):
            return Text(head, " ", title)
        return Text(_period(title), " ", self.date(w, full_date))

    def _finish(self, parts: list) -> Text:
        """Join sentence-like parts with spaces, each ending in a period, then the link."""
        return _join(parts, " ")

    def _article(self, w: _Work) -> Text:
        title = _period(self.title(w, False))
        lead = self.lead(w, title)
        journal = rich(segments(w.container))
        vol = w.text("volume")
        issue = w.text("number")
        pages = _page_range(w.text("pages"))
        src = Tag("i", Text(journal, ", ", vol)) if vol else Tag("i", journal)
        src = Text(src, f"({issue})" if vol and issue else "")
        src = _join([src, pages], ", ")
        return self._finish([lead if len(self.head(w)) else lead, _period(src), self.link(w)])

    def translated(self, w: _Work) -> str:
        """``T. Name, Trans.`` (names as editors are written), or ""."""
        if not w.translators:
            return ""
        return self.editors_in(w.translators).rsplit(" (", 1)[0] + ", Trans."

    def original_title(self, w: _Work) -> Text:
        """A title in another language than English gets the English title in brackets (APA 10.2);
        for a translation of an English work, that is the original's title."""
        if not w.f.get("origtitle") or is_english(w.f.get("language", "")) or not is_english(w.f.get("origlanguage", "")):
            return Text()
        return Text(" [", rich(sentence_case(segments(w.tex("origtitle")))), "]")

    def original(self, w: _Work, body: Text) -> Text:
        """``(Original work published 2025)`` after the entry of a translation."""
        if not w.f.get("origyear"):
            return body
        return Text(body, f" (Original work published {w.f['origyear']})")

    def _book(self, w: _Work) -> Text:
        title = Text(self.title(w, True), self.original_title(w))
        bits = []
        if w.text("edition"):
            e = w.text("edition")
            bits.append(f"{_ordinal(e)} ed." if e.isdigit() else e)
        if w.kind == "report" and w.text("number"):
            bits.append(f"Report No. {w.text('number')}")
        if w.kind == "software" and w.text("version"):
            bits.append(f"Version {w.text('version')}")
        inner = "; ".join(x for x in (self.translated(w), ", ".join(bits)) if x)
        title = Text(title, f" ({inner})" if inner else "")
        if w.kind == "thesis":
            kind = w.text("type") or "Thesis"
            kind = {"phd thesis": "Doctoral dissertation", "master's thesis": "Master's thesis"}.get(kind.lower(), kind)
            title = Text(title, f" [{_join([kind, w.text('institution')], ', ').render_as('text')}]")
        if w.kind == "software":
            title = Text(title, " [Computer software]")
        lead = self.lead(w, _period(title), full_date=w.kind == "webpage")
        publisher = w.text("publisher") or (w.text("institution") if w.kind == "report" else "")
        if w.kind == "webpage":
            publisher = w.text("organization") or w.text("publisher")
        if w.authors and len(w.authors) == 1 and w.authors[0].literal and publisher == w.authors[0].family:
            publisher = ""  # the author is the publisher: APA leaves it out
        return self.original(w, self._finish([lead, _period(publisher) if publisher else "", self.link(w)]))

    def _chapter(self, w: _Work) -> Text:
        title = _period(Text(self.title(w, False), self.original_title(w)))
        lead = self.lead(w, title)
        book = rich(sentence_case(segments(w.container)), italic=True)
        pages = w.text("pages")
        ppart = ""
        if pages:
            ppart = f"{'pp.' if '–' in pages or '-' in pages else 'p.'} {_page_range(pages)}"
        ppart = "; ".join(x for x in (self.translated(w), ppart) if x)
        ppart = f" ({ppart})" if ppart else ""
        inner = Text(book, ppart)
        where = Text("In ", self.editors_in(w.editors) + ", " if w.editors else "", inner)
        return self.original(w, self._finish([lead, _period(where), _period(w.text("publisher")) if w.text("publisher") else "", self.link(w)]))
