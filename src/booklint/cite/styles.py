"""Reference-list styles written as pybtex styles: APA 7, Chicago author-date (18th and 17th
editions), MLA 9, IEEE and Harvard (Cite Them Right, 12th edition).

Each style is a :class:`pybtex.style.formatting.BaseStyle`: it formats a pybtex
:class:`~pybtex.database.Entry` into pybtex rich text, which pybtex backends render as plain
text, Markdown or HTML. :func:`to_pybtex` turns a :class:`CitationRecord` into such an entry,
so the styles also work on any ``BibliographyData`` pybtex has read.

The rules each style follows are listed in its class docstring; they are the style guides'
rules as booklint implements them, written in our own words.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, String, Tag, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from booklint.bibliography.latex import latex_to_text

from .record import CitationRecord, Name, tex_escape
from .text import rich, segments, sentence_case, title_case, typographic

__all__ = [
    "APA",
    "Chicago",
    "Chicago17",
    "CiteStyle",
    "Harvard",
    "IEEE",
    "MLA",
    "STYLES",
    "to_pybtex",
]

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
_MLA_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "June", "July", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]
_IEEE_MONTHS = ["Jan.", "Feb.", "Mar.", "Apr.", "May", "Jun.", "Jul.", "Aug.", "Sept.", "Oct.", "Nov.", "Dec."]

# record type <-> pybtex entry type
_TO_ENTRY = {
    "article": "article",
    "book": "book",
    "chapter": "incollection",
    "paper": "inproceedings",
    "webpage": "online",
    "report": "techreport",
    "thesis": "thesis",
    "software": "software",
    "misc": "misc",
}
_FROM_ENTRY = {
    "article": "article",
    "book": "book",
    "booklet": "book",
    "proceedings": "book",
    "incollection": "chapter",
    "inbook": "chapter",
    "inproceedings": "paper",
    "conference": "paper",
    "online": "webpage",
    "www": "webpage",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "thesis": "thesis",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "software": "software",
}


def _person(n: Name) -> Person:
    if n.literal:
        return Person(last="{" + tex_escape(n.family) + "}")
    return Person(
        first=tex_escape(n.given),
        prelast=tex_escape(n.particle),
        last="{" + tex_escape(n.family) + "}" if " " in n.family else tex_escape(n.family),
        lineage=tex_escape(n.suffix),
    )


def to_pybtex(record: CitationRecord) -> Entry:
    """A pybtex entry holding everything the styles need from a record."""
    f: dict[str, str] = {}

    def put(name: str, value: object) -> None:
        if value not in (None, ""):
            f[name] = str(value)

    put("title", record.title_tex)
    container_field = {"article": "journal", "webpage": "organization"}.get(record.type, "booktitle")
    put(container_field, record.container_tex)
    put("publisher", tex_escape(record.publisher))
    put("address", tex_escape(record.place))
    put("year", record.year)
    put("month", record.month)
    put("day", record.day)
    put("volume", tex_escape(record.volume))
    put("number", tex_escape(record.issue or record.number))
    put("pages", record.pages)
    put("edition", tex_escape(record.edition))
    put("series", tex_escape(record.series))
    put("type", tex_escape(record.genre))
    put("institution", tex_escape(record.institution))
    put("doi", record.doi)
    put("url", record.url)
    put("urldate", record.accessed)
    put("isbn", record.isbn)
    put("version", tex_escape(record.version))
    put("note", tex_escape(record.note))
    put("howpublished", tex_escape(record.medium))
    persons: dict[str, list[Person]] = {}
    if record.authors:
        persons["author"] = [_person(n) for n in record.authors]
        if record.more_authors:
            persons["author"].append(Person("others"))
    if record.editors:
        persons["editor"] = [_person(n) for n in record.editors]
    e = Entry(_TO_ENTRY[record.type], fields=f, persons=persons)
    e.key = record.key or "ref"
    return e


# ---------------------------------------------------------------------------------------
# what the styles read
# ---------------------------------------------------------------------------------------


def _name_of(p: Person) -> Name:
    n = _plain_name_of(p)
    return Name(typographic(n.family), typographic(n.given), n.particle, n.suffix, n.literal)


def _plain_name_of(p: Person) -> Name:
    parts = [latex_to_text(x) for x in p.last_names]
    if not p.first_names and not p.middle_names and not p.prelast_names and not p.lineage_names and len(p.last_names) == 1:
        raw = p.last_names[0]
        if raw.startswith("{") and raw.endswith("}") and " " in raw:
            return Name(latex_to_text(raw), literal=True)
        if raw.startswith("{") and raw.endswith("}"):
            return Name(latex_to_text(raw), literal=True)
    return Name(
        " ".join(parts),
        latex_to_text(" ".join(p.first_names + p.middle_names)),
        latex_to_text(" ".join(p.prelast_names)),
        latex_to_text(" ".join(p.lineage_names)),
    )


@dataclass
class _Work:
    kind: str
    f: dict[str, str]
    authors: list[Name]
    more: bool
    editors: list[Name]

    @classmethod
    def of(cls, entry: Entry) -> _Work:
        fields = {k.lower(): str(v) for k, v in entry.fields.items()}
        authors = []
        more = False
        for p in entry.persons.get("author", []):
            if str(p) == "others" or p.last_names == ["others"]:
                more = True
            else:
                authors.append(_name_of(p))
        editors = [_name_of(p) for p in entry.persons.get("editor", []) if p.last_names != ["others"]]
        kind = _FROM_ENTRY.get(entry.type.lower(), "misc")
        if kind == "article" and not fields.get("journal"):
            kind = "book" if fields.get("publisher") else "misc"
        return cls(kind, fields, authors, more, editors)

    def tex(self, name: str) -> str:
        return self.f.get(name, "")

    def text(self, name: str) -> str:
        return latex_to_text(self.f.get(name, ""))

    @property
    def year(self) -> str:
        m = re.search(r"\d{4}", self.f.get("year", ""))
        return m.group(0) if m else ""

    @property
    def month(self) -> int | None:
        v = self.f.get("month", "")
        return int(v) if v.isdigit() and 1 <= int(v) <= 12 else None

    @property
    def day(self) -> int | None:
        v = self.f.get("day", "")
        return int(v) if v.isdigit() else None

    @property
    def container(self) -> str:
        return self.f.get("journal") or self.f.get("booktitle") or self.f.get("organization") or ""


def _initials(given: str, spaced: bool = True) -> str:
    out = []
    for word in given.split():
        pieces = [p for p in word.split("-") if p]
        out.append("-".join(p[0].upper() + "." if not p.endswith(".") or len(p) > 2 else p.upper() for p in pieces))
    return (" " if spaced else "").join(out)


def _ordinal(n: str) -> str:
    if not n.isdigit():
        return n
    i = int(n)
    suffix = "th" if 10 <= i % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(i % 10, "th")
    return f"{i}{suffix}"


def _page_range(pages: str, mode: str = "full") -> str:
    """``full``: 101–134; ``chicago``: CMOS abbreviation (101–34, 101–8); ``mla``: MLA's
    (second number in full up to 99, else its last two digits or more as needed)."""
    m = re.fullmatch(r"(\d+)\s*[–-]\s*(\d+)", pages)
    dash = "–"
    if not m:
        return pages
    a, b = m.group(1), m.group(2)
    if mode == "full" or len(a) != len(b) or int(b) <= int(a):
        return f"{a}{dash}{b}"
    ia = int(a)
    diff = next(i for i in range(len(a)) if a[i] != b[i])
    changed = len(a) - diff
    if mode == "mla":
        if ia < 100:
            return f"{a}{dash}{b}"
        return f"{a}{dash}{b[-max(2, changed):]}"
    # Chicago (CMOS 9.64)
    if ia < 100 or ia % 100 == 0:
        return f"{a}{dash}{b}"
    if 1 <= ia % 100 <= 9:
        return f"{a}{dash}{b[diff:]}"
    if len(a) == 4 and changed >= 3:
        return f"{a}{dash}{b}"
    return f"{a}{dash}{b[-max(2, changed):]}"


def _join(parts: list, sep: str) -> Text:
    items = [p for p in parts if p not in (None, "") and (not isinstance(p, Text) or len(p) > 0)]
    out: list = []
    for i, p in enumerate(items):
        if i:
            out.append(sep)
        out.append(p)
    return Text(*out)


def _period(t: Text | str) -> Text:
    """Add a period unless the text already ends with one (or ? or !)."""
    t = t if isinstance(t, Text) else Text(t)
    plain = t.render_as("text").rstrip()
    if not plain or plain[-1] in ".?!":
        return t
    return Text(t, ".")


def _quoted(title: Text, punct: str, left: str = "“", right: str = "”") -> Text:
    """A title in quotation marks with the following punctuation inside (American style)."""
    plain = title.render_as("text").rstrip()
    inner = "" if plain and plain[-1] in "?!" else punct
    return Text(left, title, inner, right)


def _link(url: str, shown: str | None = None) -> HRef:
    return HRef(url, String(shown if shown is not None else url))


def _doi_url(doi: str) -> str:
    return f"https://doi.org/{doi}"


class CiteStyle(BaseStyle):
    """Base of booklint's styles: dispatches on the work's kind (article, book, chapter,
    paper, webpage, report, thesis, software, misc)."""

    name = ""
    label = ""

    def format_entry(self, label, entry, bib_data=None):  # type: ignore[override]
        w = _Work.of(entry)
        method = getattr(self, f"_{w.kind}", None) or self._misc
        return FormattedEntry(entry.key, method(w), label)

    def format_record(self, record: CitationRecord) -> Text:
        return self.format_entry("", to_pybtex(record)).text

    # defaults: a misc work is formatted like a book
    def _misc(self, w: _Work) -> Text:
        return self._book(w)

    def _software(self, w: _Work) -> Text:
        return self._book(w)

    def _report(self, w: _Work) -> Text:
        return self._book(w)

    def _thesis(self, w: _Work) -> Text:
        return self._book(w)

    def _paper(self, w: _Work) -> Text:
        return self._chapter(w)

    def _webpage(self, w: _Work) -> Text:
        return self._book(w)

    def _book(self, w: _Work) -> Text:  # pragma: no cover - every style defines it
        raise NotImplementedError

    def _chapter(self, w: _Work) -> Text:  # pragma: no cover
        raise NotImplementedError


# ---------------------------------------------------------------------------------------
# APA 7
# ---------------------------------------------------------------------------------------


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

    def _book(self, w: _Work) -> Text:
        title = self.title(w, True)
        bits = []
        if w.text("edition"):
            e = w.text("edition")
            bits.append(f"{_ordinal(e)} ed." if e.isdigit() else e)
        if w.kind == "report" and w.text("number"):
            bits.append(f"Report No. {w.text('number')}")
        if w.kind == "software" and w.text("version"):
            bits.append(f"Version {w.text('version')}")
        title = Text(title, f" ({', '.join(bits)})" if bits else "")
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
        return self._finish([lead, _period(publisher) if publisher else "", self.link(w)])

    def _chapter(self, w: _Work) -> Text:
        title = _period(self.title(w, False))
        lead = self.lead(w, title)
        book = rich(sentence_case(segments(w.container)), italic=True)
        pages = w.text("pages")
        ppart = ""
        if pages:
            ppart = f" ({'pp.' if '–' in pages or '-' in pages else 'p.'} {_page_range(pages)})"
        inner = Text(book, ppart)
        where = Text("In ", self.editors_in(w.editors) + ", " if w.editors else "", inner)
        return self._finish([lead, _period(where), _period(w.text("publisher")) if w.text("publisher") else "", self.link(w)])


# ---------------------------------------------------------------------------------------
# Chicago author-date
# ---------------------------------------------------------------------------------------


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

    @staticmethod
    def inverted(n: Name) -> str:
        if n.literal:
            return n.family
        s = n.full_family
        if n.given:
            s += ", " + n.given
        if n.suffix:
            s += ", " + n.suffix
        return s

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


# ---------------------------------------------------------------------------------------
# MLA 9
# ---------------------------------------------------------------------------------------


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
        first = Chicago.inverted(names[0])
        if len(names) >= 3 or more:
            return first + ", et al."
        if len(names) == 1:
            return first
        return first + ", and " + names[1].display

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
            w.text("publisher"),
            self.date(w),
            (f"pp. {_page_range(pages, 'mla')}" if re.search(r"[–-]", pages) else f"p. {pages}") if pages else "",
        ]
        return self._entry(w, False, book, elements)


# ---------------------------------------------------------------------------------------
# IEEE
# ---------------------------------------------------------------------------------------


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


# ---------------------------------------------------------------------------------------
# Harvard (Cite Them Right)
# ---------------------------------------------------------------------------------------


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
            t = Text("Available at: ", _link(w.f["url"]))
            m = re.match(r"(\d{4})-(\d{2})-(\d{2})", w.f.get("urldate", ""))
            if m:
                t = Text(t, f" (Accessed: {int(m.group(3))} {_MONTHS[int(m.group(2)) - 1]} {m.group(1)})")
            return Text(t, ".")
        return Text()

    def place_pub(self, w: _Work, pub: str) -> str:
        place = w.text("address")
        return f"{place}: {pub}" if place and pub else pub

    def _book(self, w: _Work) -> Text:
        title = _period(self.title(w.tex("title"), True))
        parts: list = [Text(self.head(w), " ", title)]
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
        if len(tail):
            parts.append(_period(tail))
        parts.append(self.available(w))
        return _join(parts, " ")


STYLES: dict[str, type[CiteStyle]] = {
    "apa": APA,
    "chicago": Chicago,
    "chicago-17": Chicago17,
    "mla": MLA,
    "ieee": IEEE,
    "harvard": Harvard,
}
