"""What the citation styles share: a :class:`~booklint.cite.record.CitationRecord` as a pybtex
entry (:func:`to_pybtex`), the work as the styles read it, names, initials, ordinals, page
ranges, punctuation, links, and :class:`CiteStyle`, the base class every style extends.
"""

from __future__ import annotations

import datetime
import os
import re
from dataclasses import dataclass

from pybtex.database import Entry, Person
from pybtex.richtext import HRef, String, Text
from pybtex.style import FormattedEntry
from pybtex.style.formatting import BaseStyle

from booklint.bibliography.latex import latex_to_text

from ..record import CitationRecord, Name, is_english, tex_escape
from ..text import typographic

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

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

    foreign = not is_english(record.language)  # a title keeps its own language's capitalisation
    put("title", "{" + record.title_tex + "}" if foreign and record.title_tex else record.title_tex)
    container_field = {"article": "journal", "webpage": "organization"}.get(record.type, "booktitle")
    put(container_field, "{" + record.container_tex + "}" if foreign and record.container_tex else record.container_tex)
    put("language", record.language)
    put("origtitle", tex_escape(record.original_title))
    put("origyear", record.original_year)
    put("origlanguage", record.original_language)
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
    if record.translators:
        persons["translator"] = [_person(n) for n in record.translators]
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
    translators: list[Name]

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
        translators = [_name_of(p) for p in entry.persons.get("translator", []) if p.last_names != ["others"]]
        kind = _FROM_ENTRY.get(entry.type.lower(), "misc")
        if kind == "article" and not fields.get("journal"):
            kind = "book" if fields.get("publisher") else "misc"
        return cls(kind, fields, authors, more, editors, translators)

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


def today() -> datetime.date:
    """Today's date, or the date of ``$SOURCE_DATE_EPOCH`` (the reproducible-builds convention)
    when it is set: an access date that tests and builds can fix."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch.isdigit():
        return datetime.datetime.fromtimestamp(int(epoch), datetime.UTC).date()
    return datetime.date.today()


def _names_natural(names: list[Name], conj: str = "and") -> str:
    """``A``, ``A and B``, ``A, B, and C`` with names as written (translators, editors)."""
    ns = [n.display for n in names]
    if len(ns) <= 2:
        return f" {conj} ".join(ns)
    return ", ".join(ns[:-1]) + f", {conj} " + ns[-1]


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


def _inverted(n: Name) -> str:
    """``Family, Given, Suffix`` (Chicago's first author, MLA's)."""
    return n.inverted


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
