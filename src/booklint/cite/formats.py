"""The machine formats: normalised BibTeX, biblatex, RIS, CSL-JSON and CITATION.cff."""

from __future__ import annotations

import json
from collections.abc import Mapping

import yaml

from .record import CitationRecord, Name, tex_escape

__all__ = ["to_bibtex", "to_biblatex", "to_ris", "to_csl_json", "to_cff", "write_cff"]

# ISO 639-1 codes as biblatex's `language` fields name languages (babel's names)
_BABEL = {"en": "english", "ru": "russian", "uk": "ukrainian", "de": "german", "fr": "french", "es": "spanish",
          "it": "italian", "pt": "portuguese", "nl": "dutch", "pl": "polish", "cs": "czech", "ja": "japanese",
          "zh": "chinese", "ko": "korean", "el": "greek", "tr": "turkish", "sv": "swedish", "fi": "finnish"}


def _babel(code: str) -> str:
    c = code.strip()
    return _BABEL.get(c.lower().split("-")[0], c)


_MONTH_MACROS = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]


def _bib_name(n: Name) -> str:
    if n.literal:
        return "{" + tex_escape(n.family) + "}"
    fam = tex_escape(n.family)
    if " " in n.family:
        fam = "{" + fam + "}"  # a family name of several words stays one name
    if n.particle:
        fam = tex_escape(n.particle) + " " + fam
    if n.suffix and n.given:
        return f"{fam}, {tex_escape(n.suffix)}, {tex_escape(n.given)}"
    if n.given:
        return f"{fam}, {tex_escape(n.given)}"
    return fam


def _bib_names(names: tuple[Name, ...], more: bool = False) -> str:
    s = " and ".join(_bib_name(n) for n in names)
    return s + " and others" if more and s else s


def _entry(kind: str, key: str, fields: list[tuple[str, str]]) -> str:
    fields = [(k, v) for k, v in fields if v]
    width = max((len(k) for k, _ in fields), default=0)
    body = ",\n".join(f"  {k.ljust(width)} = {v if v.isdigit() or v in _MONTH_MACROS else '{' + v + '}'}" for k, v in fields)
    return f"@{kind}{{{key or 'ref'},\n{body}\n}}\n"


def to_bibtex(r: CitationRecord) -> str:
    """A BibTeX entry valid for the classic data model (fields other types do not have
    are left out; ``url`` and ``doi`` are kept, as every modern style prints them)."""
    kind = {
        "article": "article",
        "book": "book" if r.publisher else "misc",
        "chapter": "incollection" if r.publisher else "inbook" if r.pages else "misc",
        "paper": "inproceedings",
        "webpage": "misc",
        "report": "techreport",
        "thesis": "phdthesis" if "phd" in r.genre.lower() or "doctor" in r.genre.lower() else "mastersthesis",
        "software": "misc",
        "misc": "misc",
    }[r.type]
    if kind == "mastersthesis" and not r.genre:
        kind = "phdthesis"
    month = _MONTH_MACROS[r.month - 1] if r.month else ""
    container = r.container_tex
    f: list[tuple[str, str]] = [
        ("author", _bib_names(r.authors, r.more_authors)),
        ("editor", _bib_names(r.editors) if kind in ("book", "incollection", "inproceedings", "inbook") else ""),
        ("title", r.title_tex),
        ("journal", container if kind == "article" else ""),
        ("booktitle", container if kind in ("incollection", "inproceedings") else ""),
        ("edition", tex_escape(r.edition) if kind in ("book", "incollection", "inbook") else ""),
        ("volume", tex_escape(r.volume) if kind in ("article", "book", "incollection", "inproceedings", "inbook") else ""),
        ("number", tex_escape(r.issue) if kind == "article" else tex_escape(r.number) if kind == "techreport" else ""),
        ("series", tex_escape(r.series) if kind in ("book", "incollection", "inproceedings", "inbook") else ""),
        ("pages", r.pages.replace("–", "--") if kind in ("article", "incollection", "inproceedings", "inbook") else ""),
        ("publisher", tex_escape(r.publisher) if kind in ("book", "incollection", "inproceedings", "inbook") else ""),
        ("organization", ""),
        ("institution", tex_escape(r.institution) if kind == "techreport" else ""),
        ("school", tex_escape(r.institution) if kind.endswith("thesis") else ""),
        ("type", tex_escape(r.genre) if kind == "techreport" and r.genre and r.genre != "Technical report" else ""),
        ("address", tex_escape(r.place) if kind not in ("article", "misc") else ""),
        ("howpublished", tex_escape(r.container or r.publisher) if kind == "misc" and (r.container or r.publisher) else ""),
        ("year", str(r.year) if r.year else ""),
        ("month", month),
        ("doi", r.doi),
        ("url", r.url),
        ("isbn", r.isbn),
        ("note", tex_escape(r.note) or (f"Accessed: {r.accessed}" if r.accessed else "")),
        # a translation: biblatex's fields (classic styles ignore them; biber and biblatex read them)
        ("translator", _bib_names(r.translators)),
        ("language", _babel(r.language) if r.translators or r.original_title else ""),
        ("langid", _babel(r.language) if r.translators or r.original_title else ""),  # hyphenation, and case
        ("origtitle", tex_escape(r.original_title)),
        ("origlanguage", _babel(r.original_language) if r.original_title else ""),
    ]
    if kind == "inbook" and not r.publisher:
        kind = "misc"
    return _entry(kind, r.key, f)


def to_biblatex(r: CitationRecord) -> str:
    """A biblatex entry (``date``, ``journaltitle``, ``location``, ``urldate``, ``@online``)."""
    kind = {
        "article": "article",
        "book": "book",
        "chapter": "incollection",
        "paper": "inproceedings",
        "webpage": "online",
        "report": "report",
        "thesis": "thesis",
        "software": "software",
        "misc": "misc",
    }[r.type]
    genre = r.genre
    if kind == "report" and (not genre or genre == "Technical report"):
        genre = "techreport"
    if kind == "thesis":
        genre = "phdthesis" if not genre or "phd" in genre.lower() or "doctor" in genre.lower() else "mathesis" if "master" in genre.lower() else genre
    f: list[tuple[str, str]] = [
        ("author", _bib_names(r.authors, r.more_authors)),
        ("editor", _bib_names(r.editors)),
        ("translator", _bib_names(r.translators)),
        ("title", r.title_tex),
        ("journaltitle", r.container_tex if kind == "article" else ""),
        ("booktitle", r.container_tex if kind in ("incollection", "inproceedings") else ""),
        ("organization", tex_escape(r.container) if kind == "online" and r.container else ""),
        ("edition", tex_escape(r.edition)),
        ("volume", tex_escape(r.volume)),
        ("number", tex_escape(r.issue if kind == "article" else r.number)),
        ("series", tex_escape(r.series)),
        ("pages", r.pages.replace("–", "--")),
        ("publisher", tex_escape(r.publisher) if kind not in ("online", "report", "thesis") or not r.container else ""),
        ("institution", tex_escape(r.institution) if kind in ("report", "thesis") else ""),
        ("type", tex_escape(genre) if kind in ("report", "thesis") else ""),
        ("location", tex_escape(r.place)),
        ("date", r.date_iso),
        ("language", _babel(r.language) if r.translators or r.original_title else ""),
        ("langid", _babel(r.language) if r.translators or r.original_title else ""),
        ("origtitle", tex_escape(r.original_title)),
        ("origlanguage", _babel(r.original_language) if r.original_title else ""),
        ("origdate", str(r.original_year) if r.original_year else ""),
        ("version", tex_escape(r.version)),
        ("doi", r.doi),
        ("url", r.url),
        ("urldate", r.accessed),
        ("isbn", r.isbn),
        ("note", tex_escape(r.note)),
    ]
    return _entry(kind, r.key, f)


# ---------------------------------------------------------------------------------------
# RIS
# ---------------------------------------------------------------------------------------

_RIS_TYPE = {
    "article": "JOUR",
    "book": "BOOK",
    "chapter": "CHAP",
    "paper": "CPAPER",
    "webpage": "ELEC",
    "report": "RPRT",
    "thesis": "THES",
    "software": "COMP",
    "misc": "GEN",
}


def to_ris(r: CitationRecord) -> str:
    """An RIS record (``TAG  - value`` lines, ending with ``ER  - ``)."""
    lines: list[tuple[str, str]] = [("TY", _RIS_TYPE[r.type])]
    lines += [("AU", n.inverted) for n in r.authors]
    lines += [("ED", n.inverted) for n in r.editors]
    lines += [("A4", n.inverted) for n in r.translators]  # translator, as Zotero writes it
    lines.append(("TI", r.title))
    if r.original_title:
        lines.append(("OP", r.original_title))
    if r.container:
        lines.append(("T2", r.container))
    if r.year:
        lines.append(("PY", str(r.year)))
        if r.month:
            lines.append(("DA", f"{r.year:04d}/{r.month:02d}/{r.day:02d}/" if r.day else f"{r.year:04d}/{r.month:02d}//"))
    for tag, value in (
        ("VL", r.volume),
        ("IS", r.issue),
        ("ET", r.edition),
        ("PB", r.publisher or r.institution),
        ("CY", r.place),
        ("M3", r.genre),
        ("SN", r.isbn),
        ("DO", r.doi),
        ("UR", r.url or (f"https://doi.org/{r.doi}" if r.doi else "")),
        ("Y2", r.accessed),
        ("N1", r.note),
        ("LA", r.language),
        ("AB", r.abstract),
    ):
        if value:
            lines.append((tag, value))
    if r.pages:
        first, _, last = r.pages.partition("–")
        lines.append(("SP", first))
        if last:
            lines.append(("EP", last))
    if r.key:
        lines.append(("ID", r.key))
    out = "".join(f"{tag}  - {' '.join(str(v).split())}\n" for tag, v in lines)
    return out + "ER  - \n"


# ---------------------------------------------------------------------------------------
# CSL-JSON
# ---------------------------------------------------------------------------------------

_CSL_TYPE = {
    "article": "article-journal",
    "book": "book",
    "chapter": "chapter",
    "paper": "paper-conference",
    "webpage": "webpage",
    "report": "report",
    "thesis": "thesis",
    "software": "software",
    "misc": "document",
}


def _csl_name(n: Name) -> dict[str, str]:
    if n.literal:
        return {"literal": n.family}
    d = {"family": n.family}
    if n.given:
        d["given"] = n.given
    if n.particle:
        d["non-dropping-particle"] = n.particle
    if n.suffix:
        d["suffix"] = n.suffix
    return d


def csl_item(r: CitationRecord) -> dict:
    """The record as one CSL-JSON item (a dict)."""
    item: dict = {"id": r.key or "ref", "type": _CSL_TYPE[r.type], "title": r.title}
    if r.authors:
        item["author"] = [_csl_name(n) for n in r.authors]
    if r.editors:
        item["editor"] = [_csl_name(n) for n in r.editors]
    if r.translators:
        item["translator"] = [_csl_name(n) for n in r.translators]
    if r.original_title:
        item["original-title"] = r.original_title
    if r.original_year:
        item["original-date"] = {"date-parts": [[r.original_year]]}
    if r.year:
        parts = [r.year] + ([r.month] if r.month else []) + ([r.day] if r.month and r.day else [])
        item["issued"] = {"date-parts": [parts]}
    if r.accessed:
        acc = [int(x) for x in r.accessed.split("-") if x.isdigit()]
        if acc:
            item["accessed"] = {"date-parts": [acc]}
    for key, value in (
        ("container-title", r.container),
        ("publisher", r.publisher or (r.institution if r.type in ("report", "thesis") else "")),
        ("publisher-place", r.place),
        ("volume", r.volume),
        ("issue", r.issue),
        ("page", r.pages.replace("–", "-")),
        ("edition", r.edition),
        ("collection-title", r.series),
        ("number", r.number),
        ("genre", r.genre),
        ("version", r.version),
        ("DOI", r.doi),
        ("URL", r.url),
        ("ISBN", r.isbn),
        ("note", r.note),
        ("language", r.language),
        ("abstract", r.abstract),
    ):
        if value:
            item[key] = value
    return item


def to_csl_json(r: CitationRecord) -> str:
    """CSL-JSON: a list with one item, as pandoc, Zotero and citeproc read it."""
    return json.dumps([csl_item(r)], ensure_ascii=False, indent=2) + "\n"


# ---------------------------------------------------------------------------------------
# CITATION.cff
# ---------------------------------------------------------------------------------------

_CFF_TYPE = {
    "article": "article",
    "book": "book",
    "chapter": "generic",
    "paper": "conference-paper",
    "webpage": "website",
    "report": "report",
    "thesis": "thesis",
    "software": "software",
    "misc": "generic",
}


def _cff_person(n: Name) -> dict[str, str]:
    if n.literal:
        return {"name": n.family}
    d = {"family-names": n.family}
    if n.given:
        d["given-names"] = n.given
    if n.particle:
        d["name-particle"] = n.particle
    if n.suffix:
        d["name-suffix"] = n.suffix
    return d


def cff_reference(r: CitationRecord) -> dict:
    """The record as a CFF reference (the shape of ``preferred-citation``)."""
    ref: dict = {"type": _CFF_TYPE[r.type], "title": r.title}
    ref["authors"] = [_cff_person(n) for n in r.authors] or [{"name": "anonymous"}]
    if r.editors:
        ref["editors"] = [_cff_person(n) for n in r.editors]
    if r.translators:
        ref["translators"] = [_cff_person(n) for n in r.translators]
    if r.language and (r.translators or r.original_title):
        ref["languages"] = [r.language]
    if r.year:
        ref["year"] = r.year
        if r.month:
            ref["month"] = r.month
    container_key = {"article": "journal", "chapter": "collection-title", "paper": "collection-title"}.get(r.type)
    if r.container and container_key:
        ref[container_key] = r.container
    if r.publisher:
        ref["publisher"] = {"name": r.publisher}
        if r.place:
            ref["publisher"]["city"] = r.place
    if r.institution:
        ref["institution"] = {"name": r.institution}
    for key, value in (("volume", r.volume), ("issue", r.issue), ("edition", r.edition), ("version", r.version), ("isbn", r.isbn), ("thesis-type", r.genre if r.type == "thesis" else ""), ("doi", r.doi), ("url", r.url)):
        if value:
            ref[key] = int(value) if key in ("volume",) and str(value).isdigit() else value
    if r.pages:
        first, _, last = r.pages.partition("–")
        ref["start"] = int(first) if first.isdigit() else first
        if last:
            ref["end"] = int(last) if last.isdigit() else last
    if r.accessed:
        ref["date-accessed"] = r.accessed
    return ref


def write_cff(
    r: CitationRecord,
    *,
    message: str | None = None,
    repository_code: str | None = None,
    date_released: str | None = None,
    version: str | None = None,
    license: str | None = None,
    abstract: str | None = None,
    keywords: list[str] | None = None,
) -> str:
    """A ``CITATION.cff`` (format 1.2.0) that GitHub's "Cite this repository" accepts.

    The top level describes the repository (CFF allows only ``software`` or ``dataset`` there,
    so a book's repository is ``software``) with the record's title, authors and URL. When the
    record is not software (the README's BibTeX is an article, a book, a misc...),
    ``preferred-citation`` carries it, and GitHub shows that citation instead.
    ``date_released`` must be ``YYYY-MM-DD`` (e.g. the front matter's ``date``).
    """
    work = {"book": "book", "software": "software", "article": "article", "chapter": "chapter"}.get(r.type, "work")
    data: dict = {
        "cff-version": "1.2.0",
        "message": message or f"If you use this {work}, please cite it as below.",
        "title": r.title,
        "type": "software",
        "authors": [_cff_person(n) for n in r.authors] or [{"name": "anonymous"}],
    }
    if r.doi:
        data["doi"] = r.doi
    if r.url:
        data["url"] = r.url
    if repository_code:
        data["repository-code"] = repository_code
    if abstract:
        data["abstract"] = abstract
    if keywords:
        data["keywords"] = list(keywords)
    if license:
        data["license"] = license
    if version or r.version:
        data["version"] = version or r.version
    if date_released:
        data["date-released"] = str(date_released)
    elif r.year and r.month and r.day and r.type == "software":
        data["date-released"] = r.date_iso
    if r.type != "software":
        data["preferred-citation"] = cff_reference(r)
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True, width=10_000, default_flow_style=False)


def to_cff(r: CitationRecord) -> str:
    return write_cff(r)


def load_cff(text: str) -> Mapping:
    """Parse a CITATION.cff text (YAML) into a mapping; never executes tags."""
    data = yaml.safe_load(text)
    if not isinstance(data, Mapping):
        raise ValueError("CITATION.cff is not a YAML mapping")
    return data
