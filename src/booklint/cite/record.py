"""A citation record: one work, normalised, whatever it was read from.

Records come from a BibTeX entry (the README's block or a .bib), from a ``CITATION.cff``
mapping, or from a plain mapping in booklint's configuration; :func:`chapter_record` makes
the record of one chapter of the book. Every output format is rendered from this one shape.

Text fields are plain Unicode, except ``title_tex`` and ``container_tex``, which keep the
TeX source so that brace-protected words (``{GPU}``) survive case changes in styles that
apply sentence or title case.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from booklint.bibliography.latex import latex_to_text
from booklint.bibliography.model import BibEntry
from booklint.bibliography.names import PersonName, parse_names
from booklint.bibliography.parse import parse_bib

__all__ = [
    "CitationRecord",
    "Name",
    "TYPES",
    "chapter_record",
    "join_url",
    "record_from_bib_entry",
    "record_from_bibtex",
    "record_from_cff",
    "record_from_mapping",
    "protect_acronyms",
    "slug",
    "tex_escape",
    "is_english",
]

# The record types and what they are (CSL names in brackets).
TYPES = {
    "article": "an article in a journal (article-journal)",
    "book": "a whole book, printed or online (book)",
    "chapter": "a chapter or contribution in a book, edited or not (chapter)",
    "paper": "a paper in conference proceedings (paper-conference)",
    "webpage": "a page or site on the web (webpage)",
    "report": "a technical report (report)",
    "thesis": "a thesis (thesis)",
    "software": "software (software)",
    "misc": "anything else (document)",
}


@dataclass(frozen=True)
class Name:
    """A person's name in parts (plain text), or an organisation (``literal``)."""

    family: str
    given: str = ""
    particle: str = ""  # "van der", "de"
    suffix: str = ""  # "Jr."
    literal: bool = False  # an organisation: family holds the whole name

    @property
    def full_family(self) -> str:
        return f"{self.particle} {self.family}".strip() if self.particle else self.family

    @property
    def inverted(self) -> str:
        """``Family, Given, Suffix``: Chicago's and MLA's first author, RIS's every author."""
        if self.literal:
            return self.family
        s = self.full_family
        if self.given:
            s += ", " + self.given
        if self.suffix:
            s += ", " + self.suffix
        return s

    @property
    def display(self) -> str:
        if self.literal:
            return self.family
        s = " ".join(p for p in (self.given, self.full_family) if p)
        return f"{s} {self.suffix}".strip() if self.suffix else s

    @classmethod
    def from_person(cls, n: PersonName) -> Name:
        if n.literal or n.error is not None:
            return cls(n.text, literal=True)
        if not n.given and not n.particle and not n.suffix and len(n.last) == 1:
            return cls(n.family_core)
        return cls(n.family_core, n.given, n.particle, n.suffix)

    @classmethod
    def parse(cls, text: str) -> Name:
        """From ``Family, Given`` or ``Given Family`` (BibTeX's rules)."""
        names = parse_names(text)
        return cls.from_person(names[0]) if names else cls(text.strip(), literal=True)


@dataclass(frozen=True)
class CitationRecord:
    type: str  # one of TYPES
    title: str
    key: str = ""
    title_tex: str = ""  # TeX source of the title (braces protect case); defaults to the escaped title
    authors: tuple[Name, ...] = ()
    more_authors: bool = False  # the source list ended with "and others"
    editors: tuple[Name, ...] = ()
    year: int | None = None
    month: int | None = None
    day: int | None = None
    container: str = ""  # journal, book, proceedings or web site the work is part of
    container_tex: str = ""
    publisher: str = ""
    place: str = ""
    volume: str = ""
    issue: str = ""
    pages: str = ""  # "101–134" (en dash) or a single page
    edition: str = ""  # "2" or a phrase such as "Expanded"
    series: str = ""
    number: str = ""  # report number
    genre: str = ""  # thesis or report type: "PhD thesis"
    institution: str = ""  # of a report or thesis
    doi: str = ""  # bare: 10.xxxx/...
    url: str = ""
    accessed: str = ""  # ISO date
    isbn: str = ""
    version: str = ""
    note: str = ""
    medium: str = ""  # "Online"
    language: str = ""
    abstract: str = ""
    extra: Mapping[str, str] = field(default_factory=dict)  # other BibTeX fields, for round trips
    # a translation: who translated it, and the original work
    translators: tuple[Name, ...] = ()
    original_title: str = ""
    original_year: int | None = None
    original_language: str = ""  # ISO 639-1, like ``language``

    def __post_init__(self) -> None:
        if self.type not in TYPES:
            raise ValueError(f"unknown record type {self.type!r}; one of {', '.join(TYPES)}")
        if not self.title_tex:
            object.__setattr__(self, "title_tex", tex_escape(self.title))
        if self.container and not self.container_tex:
            object.__setattr__(self, "container_tex", tex_escape(self.container))

    @property
    def date_iso(self) -> str:
        """``2025``, ``2025-02`` or ``2025-02-04``, as far as known."""
        if self.year is None:
            return ""
        s = f"{self.year:04d}"
        if self.month:
            s += f"-{self.month:02d}"
            if self.day:
                s += f"-{self.day:02d}"
        return s

    def with_(self, **changes: object) -> CitationRecord:
        return replace(self, **changes)


_TEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def tex_escape(text: str) -> str:
    """Plain text as TeX source for a BibTeX value."""
    return "".join(_TEX_SPECIAL.get(c, c) for c in text)


# ---------------------------------------------------------------------------------------
# from BibTeX
# ---------------------------------------------------------------------------------------

_MONTHS = {
    m: i + 1
    for i, m in enumerate(["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"])
}
_URL_IN_TEXT = re.compile(r"https?://[^\s{}<>\"]+[^\s{}<>\".,;:)\]]")
_DOI_PREFIX = re.compile(r"^(?:https?://(?:dx\.)?doi\.org/|doi:\s*)", re.IGNORECASE)
_BIB_TYPE = {
    "article": "article",
    "book": "book",
    "booklet": "book",
    "mvbook": "book",
    "collection": "book",
    "mvcollection": "book",
    "proceedings": "book",
    "reference": "book",
    "inbook": "chapter",
    "incollection": "chapter",
    "inreference": "chapter",
    "bookinbook": "chapter",
    "suppbook": "chapter",
    "suppcollection": "chapter",
    "inproceedings": "paper",
    "conference": "paper",
    "online": "webpage",
    "www": "webpage",
    "electronic": "webpage",
    "techreport": "report",
    "report": "report",
    "manual": "report",
    "phdthesis": "thesis",
    "mastersthesis": "thesis",
    "thesis": "thesis",
    "software": "software",
    "misc": "misc",
    "unpublished": "misc",
    "dataset": "misc",
}
_THESIS_GENRE = {"phdthesis": "PhD thesis", "mastersthesis": "Master's thesis"}
_KNOWN_FIELDS = {
    "author", "editor", "title", "journal", "journaltitle", "booktitle", "publisher", "organization",
    "address", "location", "year", "month", "day", "date", "volume", "number", "issue", "pages",
    "edition", "series", "type", "institution", "school", "doi", "url", "urldate", "isbn", "issn",
    "version", "note", "howpublished", "language", "abstract", "chapter", "eprint", "archiveprefix",
    "eprinttype", "primaryclass", "eprintclass",
}  # fmt: skip


def _month(value: str) -> int | None:
    v = value.strip().rstrip(".").lower()
    if v.isdigit() and 1 <= int(v) <= 12:
        return int(v)
    for name, num in _MONTHS.items():
        if v.startswith(name):
            return num
    return None


def _pages(value: str) -> str:
    v = latex_to_text(value) if "\\" in value or "{" in value else " ".join(value.split())
    return re.sub(r"\s*(?:-{1,3}|–|—)\s*", "–", v)


def _edition(value: str) -> str:
    v = value.strip()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)?(?:\s*(?:ed\.?|edition))?", v, re.IGNORECASE)
    if m:
        return m.group(1)
    words = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10}
    w = v.lower().split()[0] if v else ""
    return str(words[w]) if w in words else v


def _names(entry: BibEntry, fld: str) -> tuple[tuple[Name, ...], bool]:
    f = entry.get(fld)
    if f is None:
        return (), False
    names = parse_names(f.value)
    more = any(n.is_others for n in names)
    return tuple(Name.from_person(n) for n in names if not n.is_others and n.raw), more


def record_from_bib_entry(entry: BibEntry) -> CitationRecord:
    """The record of one parsed BibTeX entry.

    An ``@article`` without a journal is not a journal article: it is rendered as what its
    other fields say it is, a book when it has a publisher, else a web page when it has a URL
    (booklint's linter reports the missing journal separately). A URL that sits only in
    ``howpublished = {\\url{...}}`` or in a note such as "Retrieved from https://..." becomes
    the record's URL, and such a note is dropped.
    """
    t = entry.entry_type
    fields = {f.key: f for f in entry.fields}

    def text(name: str) -> str:
        f = fields.get(name)
        return f.text if f is not None else ""

    def tex(name: str) -> str:
        f = fields.get(name)
        return " ".join(f.value.split()) if f is not None else ""

    rtype = _BIB_TYPE.get(t, "misc")
    container_field = {"article": "journal", "chapter": "booktitle", "paper": "booktitle"}.get(rtype, "")
    if rtype == "article" and not (text("journal") or text("journaltitle")):
        rtype = "book" if text("publisher") else "webpage" if _find_url(fields) else "misc"
        container_field = ""
    if rtype == "article" and not text("journal"):
        container_field = "journaltitle"
    container = text(container_field) if container_field else ""
    container_tex = tex(container_field) if container_field else ""
    if rtype == "misc" and not text("publisher") and _find_url(fields) and not (text("type") or text("institution")):
        rtype = "webpage"  # a @misc with nothing but a web address is a web page
    if rtype == "webpage" and not container:
        container = text("booktitle") or text("organization") or text("publisher")

    url = text("url") or _find_url(fields)
    note = text("note")
    if note and url and url in note and re.fullmatch(
        r"(?:retrieved from|available (?:at|from)|online at|url)?:?\s*" + re.escape(url) + r"\.?", note, re.IGNORECASE
    ):
        note = ""
    howpublished = text("howpublished")
    medium = ""
    if howpublished and (url and url in howpublished or "\\url" in tex("howpublished")):
        howpublished = ""
    if howpublished.lower() in ("online", "[online]", "web", "internet"):
        medium, howpublished = "Online", ""

    year = month = day = None
    date = text("date")
    if date:
        m = re.match(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", date)
        if m:
            year = int(m.group(1))
            month = int(m.group(2)) if m.group(2) else None
            day = int(m.group(3)) if m.group(3) else None
    y = re.search(r"\d{4}", text("year"))
    if y:
        year = int(y.group(0))
    if text("month"):
        month = _month(text("month")) or month
    if text("day").isdigit():
        day = int(text("day"))

    authors, more = _names(entry, "author")
    editors, _ = _names(entry, "editor")
    publisher = text("publisher")
    institution = text("institution") or text("school")
    if rtype in ("report", "thesis") and not institution:
        institution = text("organization") or publisher
    if rtype == "paper" and not publisher:
        publisher = text("organization")
    if rtype in ("book", "misc", "software") and not publisher:
        publisher = text("organization")

    genre = text("type") or _THESIS_GENRE.get(t, "")
    if rtype == "report" and not genre and t == "techreport":
        genre = "Technical report"
    if rtype == "thesis" and genre.lower() in ("phdthesis", "mathesis"):
        genre = {"phdthesis": "PhD thesis", "mathesis": "Master's thesis"}[genre.lower()]

    extra = {k: f.value for k, f in fields.items() if k not in _KNOWN_FIELDS}
    if howpublished:
        extra = {**extra, "howpublished": howpublished}
    for k in ("eprint", "archiveprefix", "eprinttype", "primaryclass", "eprintclass"):
        if k in fields:
            extra = {**extra, k: fields[k].text}
    if not url and text("eprint") and (
        text("archiveprefix").lower() == "arxiv" or text("eprinttype").lower() == "arxiv"
    ):
        url = f"https://arxiv.org/abs/{text('eprint')}"

    return CitationRecord(
        type=rtype,
        key=entry.key,
        title=text("title"),
        title_tex=tex("title"),
        authors=authors,
        more_authors=more,
        editors=editors,
        year=year,
        month=month,
        day=day,
        container=container,
        container_tex=container_tex,
        publisher=publisher,
        place=text("address") or text("location"),
        volume=text("volume"),
        issue=text("number") if rtype in ("article",) else text("issue"),
        pages=_pages(tex("pages")) if "pages" in fields else "",
        edition=_edition(text("edition")) if text("edition") else "",
        series=text("series"),
        number=text("number") if rtype in ("report",) else "",
        genre=genre if rtype in ("thesis", "report") else "",
        institution=institution if rtype in ("thesis", "report") else "",
        doi=_DOI_PREFIX.sub("", text("doi")),
        url=url,
        accessed=text("urldate"),
        isbn=text("isbn"),
        version=text("version"),
        note=note,
        medium=medium,
        language=text("language"),
        abstract=text("abstract"),
        extra=extra,
    )


def _find_url(fields: Mapping) -> str:
    for name in ("url", "howpublished", "note"):
        f = fields.get(name)
        if f is None:
            continue
        m = re.search(r"\\url\s*\{([^{}]+)\}", f.value)
        if m:
            return m.group(1).strip()
        m = _URL_IN_TEXT.search(f.text)
        if m:
            return m.group(0)
    return ""


def record_from_bibtex(text: str, key: str | None = None) -> CitationRecord:
    """The record of the entry ``key`` (default: the first) in a BibTeX text."""
    bib = parse_bib(text)
    if not bib.entries:
        raise ValueError("no BibTeX entry in the text")
    if key is None:
        return record_from_bib_entry(bib.entries[0])
    entry = bib.get(key)
    if entry is None:
        raise KeyError(key)
    return record_from_bib_entry(entry)


# ---------------------------------------------------------------------------------------
# from CITATION.cff and from configuration
# ---------------------------------------------------------------------------------------

_CFF_TYPES = {
    "article": "article",
    "magazine-article": "article",
    "newspaper-article": "article",
    "book": "book",
    "edited-work": "book",
    "pamphlet": "book",
    "manual": "report",
    "conference-paper": "paper",
    "report": "report",
    "thesis": "thesis",
    "website": "webpage",
    "blog": "webpage",
    "software": "software",
    "software-code": "software",
    "generic": "misc",
}


def _cff_name(d: object) -> Name | None:
    if isinstance(d, str):
        return Name.parse(d)
    if not isinstance(d, Mapping):
        return None
    if d.get("name"):
        return Name(str(d["name"]), literal=True)
    fam = str(d.get("family-names") or "")
    if not fam:
        return Name(str(d.get("given-names") or d.get("alias") or ""), literal=True) if (d.get("given-names") or d.get("alias")) else None
    return Name(fam, str(d.get("given-names") or ""), str(d.get("name-particle") or ""), str(d.get("name-suffix") or ""))


def _date_parts(value: object) -> tuple[int | None, int | None, int | None]:
    s = str(value or "")
    m = re.match(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?", s)
    if not m:
        return None, None, None
    return int(m.group(1)), int(m.group(2)) if m.group(2) else None, int(m.group(3)) if m.group(3) else None


def record_from_cff(cff: Mapping, key: str = "") -> CitationRecord:
    """The record of a parsed CITATION.cff: its ``preferred-citation`` if it has one."""
    top = cff
    src = cff.get("preferred-citation") if isinstance(cff.get("preferred-citation"), Mapping) else cff
    ctype = str(src.get("type") or ("software" if src is top else "generic"))
    rtype = _CFF_TYPES.get(ctype, "misc")
    year, month, day = _date_parts(src.get("date-published") or src.get("date-released") or top.get("date-released"))
    if src.get("year"):
        year = int(str(src["year"])[:4]) if str(src["year"])[:4].isdigit() else year
        month = int(src["month"]) if str(src.get("month") or "").isdigit() else month
    authors = tuple(n for n in (_cff_name(a) for a in (src.get("authors") or [])) if n)
    editors = tuple(n for n in (_cff_name(a) for a in (src.get("editors") or [])) if n)
    translators = tuple(n for n in (_cff_name(a) for a in (src.get("translators") or [])) if n)

    def entity(v: object) -> str:
        if isinstance(v, Mapping):
            return str(v.get("name") or "")
        return str(v or "")

    container = ""
    for k in ("journal", "collection-title", "conference", "database"):
        v = src.get(k)
        if v:
            container = entity(v)
            break
    start, end = src.get("start"), src.get("end")
    pages = f"{start}–{end}" if start and end else str(start or src.get("pages") or "")
    if ctype == "conference-paper" and not container and isinstance(src.get("conference"), Mapping):
        container = entity(src["conference"])
    return CitationRecord(
        type=rtype,
        key=key,
        title=str(src.get("title") or top.get("title") or ""),
        authors=authors,
        editors=editors,
        year=year,
        month=month,
        day=day,
        container=container,
        publisher=entity(src.get("publisher")) or entity(src.get("institution")) if rtype not in ("report", "thesis") else entity(src.get("publisher")),
        place=entity(src.get("location")),
        volume=str(src.get("volume") or ""),
        issue=str(src.get("issue") or ""),
        pages=pages,
        edition=_edition(str(src.get("edition"))) if src.get("edition") else "",
        number=str(src.get("number") or ""),
        genre=str(src.get("thesis-type") or ""),
        institution=entity(src.get("institution")) if rtype in ("report", "thesis") else "",
        doi=_DOI_PREFIX.sub("", str(src.get("doi") or top.get("doi") or "")),
        url=str(src.get("url") or top.get("url") or top.get("repository-code") or ""),
        version=str(src.get("version") or ""),
        abstract=str(src.get("abstract") or ""),
        isbn=str(src.get("isbn") or ""),
        accessed=str(src.get("date-accessed") or ""),
        translators=translators,
        language=str((src.get("languages") or [""])[0] or "") if isinstance(src.get("languages"), list) else "",
    )


def record_from_mapping(data: Mapping) -> CitationRecord:
    """A record from configuration, e.g. ``[citation]`` in booklint.toml::

        type = "book"            # one of TYPES (default "book")
        title = "How to Scale Your Model"
        authors = ["Austin, Jacob", "Sholto Douglas", {family = "Pope", given = "Reiner"}]
        year = 2025              # or date = "2025-02-04"
        publisher = "Google DeepMind"
        url = "https://jax-ml.github.io/scaling-book/"

    Other keys match the record's fields (container, volume, issue, pages, edition, doi, ...).
    """

    def person(v: object) -> Name | None:
        if isinstance(v, str):
            return Name.parse(v)
        if isinstance(v, Mapping):
            if v.get("literal") or v.get("name"):
                return Name(str(v.get("literal") or v.get("name")), literal=True)
            return Name(str(v.get("family", "")), str(v.get("given", "")), str(v.get("particle", "")), str(v.get("suffix", "")))
        return None

    def people(key: str) -> tuple[Name, ...]:
        vals = data.get(key) or []
        if isinstance(vals, str):
            vals = [vals]
        return tuple(n for n in (person(v) for v in vals) if n)

    year, month, day = _date_parts(data.get("date"))
    if data.get("year") is not None:
        year = int(str(data["year"])[:4])
    simple = {
        k: str(data[k])
        for k in (
            "key", "container", "publisher", "place", "volume", "issue", "pages", "series", "number",
            "genre", "institution", "doi", "url", "accessed", "isbn", "version", "note", "medium",
            "language", "abstract",
        )
        if data.get(k) is not None
    }  # fmt: skip
    if "pages" in simple:
        simple["pages"] = _pages(simple["pages"])
    if "doi" in simple:
        simple["doi"] = _DOI_PREFIX.sub("", simple["doi"])
    return CitationRecord(
        type=str(data.get("type") or "book"),
        title=str(data.get("title") or ""),
        authors=people("authors"),
        editors=people("editors"),
        year=year,
        month=int(data["month"]) if str(data.get("month") or "").isdigit() else month,
        day=day,
        edition=_edition(str(data["edition"])) if data.get("edition") else "",
        **simple,  # type: ignore[arg-type]
    )


def join_url(site_url: str, baseurl: str = "", path: str = "") -> str:
    """``join_url("https://jax-ml.github.io", "/scaling-book", "tpus/")`` →
    ``https://jax-ml.github.io/scaling-book/tpus/``."""
    parts = [site_url.rstrip("/")]
    for p in (baseurl, path):
        p = p.strip("/")
        if p:
            parts.append(p)
    url = "/".join(parts)
    if not path or path.endswith("/"):
        url += "/"
    return url


def is_english(language: str) -> bool:
    """True for ``""`` (unknown, taken as English: the styles' own language) and ``en``/``en-GB``/``english``."""
    lang = language.strip().lower()
    return not lang or lang.split("-")[0].split("_")[0] in ("en", "eng", "english", "american", "british")


def slug(text: str) -> str:
    """A citation-key part: ASCII letters and digits joined by hyphens, lower case; other scripts
    transliterated first (anyascii: Cyrillic by its usual romanisation, ``Все о`` → ``vse-o``)."""
    from anyascii import anyascii

    return re.sub(r"[^A-Za-z0-9]+", "-", anyascii(text)).strip("-").lower()


_TOKEN = re.compile(r"(?<![\\\w])[^\W_][\w'’-]*")


def protect_acronyms(tex: str) -> str:
    """Brace words with capitals after the first letter (``TPUs``, ``JAX``, ``DeepSeek``), so
    that BibTeX styles that lower-case titles (plain, IEEEtran, ACM) keep them."""
    if "{" in tex:
        return tex  # the author braced what they meant

    def brace(m: re.Match) -> str:
        w = m.group(0)
        inner_caps = any(c.isupper() for c in w[1:])
        caps_and_digits = any(c.isupper() for c in w) and any(c.isdigit() for c in w)
        return "{" + w + "}" if inner_caps or caps_and_digits else w

    return _TOKEN.sub(brace, tex)


def chapter_record(
    book: CitationRecord,
    title: str,
    url: str,
    *,
    date: str | None = None,
    authors: Sequence[str | Name] | None = None,
    key: str = "",
    original_title: str = "",
) -> CitationRecord:
    """The citation of one chapter of the book: a chapter record whose container is the book.

    ``title`` and ``date`` come from the chapter's front matter, ``url`` from the site's URL
    and the chapter's permalink (see :func:`join_url`); ``authors`` (front-matter names)
    default to the book's authors. Chapters of an online book have no editors and no pages.
    The key is the book's and the title's words (transliterated when they are not Latin); in
    the TeX title, acronyms are brace-protected. A chapter of a translation keeps the book's
    translators and languages; ``original_title`` is the chapter's title in the original.
    """
    names = book.authors
    if authors:
        names = tuple(a if isinstance(a, Name) else Name.parse(a) for a in authors)
    year, month, day = _date_parts(date) if date else (book.year, None, None)
    if book.original_title and book.year:
        year, month, day = book.year, None, None  # the translation's year, not the original chapter's date
    return CitationRecord(
        type="chapter",
        key=key or (f"{book.key}-{slug(title)}" if book.key else ""),
        title=title,
        title_tex=protect_acronyms(tex_escape(title)),
        authors=names,
        year=year or book.year,
        month=month,
        day=day,
        container=book.title,
        container_tex=book.title_tex,
        publisher=book.publisher,
        place=book.place,
        url=url,
        medium=book.medium,
        language=book.language,
        translators=book.translators,
        original_title=original_title,
        original_year=book.original_year,
        original_language=book.original_language,
    )
