"""The book's own citation for ``booklint cite``: where it comes from and how a chapter is cited.

The record comes from the first of (``--from auto``):

1. the README's BibTeX citation block (``readme`` in ``[tool.booklint.bib]``; see
   :mod:`booklint.bibliography.citations` for how the block is found),
2. ``CITATION.cff`` (its ``preferred-citation`` if it has one),
3. ``citation`` in ``[tool.booklint.bib]`` (type, title, authors, year, publisher, url, ...).

A chapter's citation (``--chapter tpus``) is a chapter of that book: title and date from the
chapter's front matter, authors from its ``authors:`` (else the book's), URL from the site's
``url`` + ``baseurl`` + the page's permalink. The landing page (``--chapter index``) is the
book itself.

A translation (``[translation] source`` set) cites itself, not the original its README
usually cites: its own title (``[translation] title``, else the landing page's front-matter
title), the original's authors, its translators (``[translation] translators``, else
CITATION.cff's ``contributors`` or its preferred citation's ``translators``), its language, its
own URL (``[translation] url``, else the site's ``url`` + ``baseurl``), and the original's
title, year and language.
"""

from __future__ import annotations

import datetime
import posixpath
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .atomic import write_bytes_atomic
from .bibliography.book import bibliographies
from .book.model import Book
from .cite import (
    CitationRecord,
    Name,
    chapter_record,
    join_url,
    record_from_bib_entry,
    record_from_cff,
    record_from_mapping,
)
from .cite import write_cff as _write_cff
from .cite.record import protect_acronyms, tex_escape

ORIGINS = ("auto", "readme", "cff", "config")


class CiteError(Exception):
    """Something the user has to fix before booklint can cite the book (exit 2)."""


def book_record(book: Book, settings: dict[str, Any], origin: str = "auto",
                translation: Mapping[str, Any] | None = None) -> tuple[CitationRecord, str]:
    """The book's citation and a phrase saying where it was read. ``settings``: the ``bib``
    family's (``config.family("bib")``); ``translation``: the ``translation`` family's, which
    makes a translation cite itself (see :func:`translation_record`)."""
    record, where = _book_record(book, settings, origin)
    if translation and str(translation.get("source") or "").strip():
        record = translation_record(book, record, settings, translation)
        where += ", as the translation of that work"
    return record, where


def _cff_translators(book: Book, settings: dict[str, Any]) -> tuple[Name, ...]:
    cff = bibliographies(book, settings).citation_cff()
    data = cff.data if cff is not None and isinstance(cff.data, Mapping) else {}
    pref = data.get("preferred-citation")
    people = data.get("contributors") or (pref.get("translators") if isinstance(pref, Mapping) else None) or []
    out = []
    for p in people if isinstance(people, list) else []:
        if isinstance(p, Mapping):
            if p.get("family-names"):
                out.append(Name(str(p["family-names"]), str(p.get("given-names") or ""), str(p.get("name-particle") or "")))
            elif p.get("name") or p.get("alias"):
                out.append(Name(str(p.get("name") or p.get("alias")), literal=True))
        elif isinstance(p, str) and p.strip():
            out.append(Name.parse(p))
    return tuple(out)


def translation_record(book: Book, original: CitationRecord, settings: dict[str, Any],
                       translation: Mapping[str, Any]) -> CitationRecord:
    """The translation's own citation, made from the original's (``original``)."""
    page = landing_page(book)
    fm = book.docs[page].front_matter if page else None
    title = str(translation.get("title") or "").strip()
    if not title and fm is not None and isinstance(fm.get("title"), str):
        title = fm.get("title").strip()
    title = title or original.title
    if title == original.title and original.original_title:
        return original  # the book's citation already is the translation's
    translators = tuple(Name.parse(t) for t in translation.get("translators") or [] if str(t).strip())
    translators = translators or _cff_translators(book, settings)
    url = str(translation.get("url") or "").strip()
    if not url and book.site.url:
        url = join_url(book.site.url, book.site.baseurl or "")
    language = str(translation.get("language") or "").strip()
    year = translation.get("year") or original.year
    return original.with_(
        key=f"{original.key}-{language}" if original.key and language else original.key,
        title=title,
        title_tex=protect_acronyms(tex_escape(title)),
        year=int(year) if year else None,
        month=None,
        day=None,
        publisher="",  # the original's publisher did not publish the translation
        place="",
        url=url,
        doi="",
        language=language,
        translators=translators,
        original_title=original.title,
        original_year=original.year,
        original_language=str(translation.get("source-language") or "en"),
        note="",
        medium="",
    )


def _book_record(book: Book, settings: dict[str, Any], origin: str) -> tuple[CitationRecord, str]:
    shelf = bibliographies(book, settings)
    tried: list[str] = []
    if origin in ("auto", "readme"):
        sec = shelf.book_citation_section()
        if sec is not None and sec.result.entry is not None:
            return record_from_bib_entry(sec.result.entry), f"the BibTeX block in {sec.doc.path}:{sec.first_line}"
        tried.append(f"no BibTeX citation block in {shelf.readme}")
    if origin in ("auto", "cff"):
        cff = shelf.citation_cff()
        if cff is not None and isinstance(cff.data, Mapping) and (
                cff.data.get("title") or isinstance(cff.data.get("preferred-citation"), Mapping)):
            try:
                return record_from_cff(cff.data), cff.rel
            except (ValueError, TypeError) as e:
                tried.append(f"{cff.rel} cannot be read as a citation ({e})")
        elif cff is not None:
            tried.append(f"{cff.rel} is not a valid citation file (see `booklint check --select C007`)")
        else:
            tried.append(f"no {shelf.cff_name}")
    if origin in ("auto", "config"):
        data = settings.get("citation") or {}
        if data:
            try:
                return record_from_mapping(data), "`citation` in [tool.booklint.bib]"
            except (ValueError, TypeError) as e:
                raise CiteError(f"`citation` in [tool.booklint.bib] is not a citation: {e}") from None
        tried.append("no `citation` in [tool.booklint.bib]")
    raise CiteError("booklint found no citation of this book: " + "; ".join(tried) + ". Add a BibTeX block under a "
                    "\"Citation\" heading of the README, a CITATION.cff, or a `[tool.booklint.bib.citation]` table.")


def find_chapter(book: Book, name: str) -> str:
    """The page ``name`` means: a path, a file name without .md, a URL path, or a title."""
    wanted = name.strip().strip("/")
    if wanted in book.docs:
        return wanted
    matches: list[str] = []
    for rel in sorted(book.docs):
        stem = posixpath.splitext(rel)[0]
        url = book.site.url_of(rel) or ""
        tail = url.rstrip("/").rsplit("/", 1)[-1] if url else ""
        tail = posixpath.splitext(tail)[0]
        if wanted in (stem, posixpath.basename(stem), tail) or (url and url.strip("/") == wanted):
            matches.append(rel)
    if not matches:
        for rel in sorted(book.docs):
            fm = book.docs[rel].front_matter
            title = fm.get("title") if fm is not None else None
            if isinstance(title, str) and title.strip().casefold() == wanted.casefold():
                matches.append(rel)
    if len(matches) == 1:
        return matches[0]
    if not matches:
        pages = ", ".join(posixpath.splitext(r)[0] for r in sorted(book.docs) if book.docs[r].front_matter is not None)
        raise CiteError(f"no chapter `{name}` in this book. Chapters: {pages or 'none'}.")
    raise CiteError(f"`{name}` could be {', '.join(matches)}; give the file name.")


def _date(value: object) -> str | None:
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, str) and value[:4].isdigit():
        return value.strip()[:10]
    return None


def chapter_url(book: Book, rel: str, record: CitationRecord) -> str:
    url = book.site.url_of(rel)
    if url is None:
        return ""
    if book.site.url:
        return join_url(book.site.url, "", url)
    if record.url:  # no `url` in _config.yml: the book's own address stands for the site
        base = book.site.baseurl or ""
        return join_url(record.url, "", url[len(base):] if base and url.startswith(base) else url)
    return ""


def chapter_citation(book: Book, rel: str, record: CitationRecord,
                     translation: Mapping[str, Any] | None = None) -> CitationRecord:
    """The citation of page ``rel``; the landing page is the book itself. ``translation`` (the
    ``translation`` family's settings) gives a translated chapter its original's title."""
    from .bibliography.readme import strip_markup

    if rel == landing_page(book):
        return record
    doc = book.docs[rel]
    fm = doc.front_matter
    title = fm.get("title") if fm is not None else None
    if not isinstance(title, str) or not title.strip():
        title = doc.headings[0].text if doc.headings else posixpath.splitext(posixpath.basename(rel))[0]
    names: list[str] = []
    authors = fm.get("authors") if fm is not None else None
    if isinstance(authors, list):
        for a in authors:
            n = a.get("name") if isinstance(a, dict) else a if isinstance(a, str) else None
            if n and strip_markup(str(n)):
                names.append(strip_markup(str(n)))
    original = _original_chapter_title(book, rel, translation) if record.original_title else ""
    rec = chapter_record(record, title.strip(), chapter_url(book, rel, record),
                         date=_date(fm.get("date")) if fm is not None else None, authors=names or None,
                         original_title=original)
    if original and original == rec.title:  # a chapter not translated yet: its title is in the original's language
        rec = rec.with_(language=record.original_language, original_title="")
    return rec


def _original_chapter_title(book: Book, rel: str, translation: Mapping[str, Any] | None) -> str:
    if not translation:
        return ""
    from .translation import SourceError, pair_of, source_book

    try:
        pair = pair_of(book, translation, rel)
        src = source_book(book, translation)
    except SourceError:
        return ""
    if pair is None or src is None:
        return ""
    fm = src.docs[pair.source_rel].front_matter
    title = fm.get("title") if fm is not None else None
    return title.strip() if isinstance(title, str) else ""


def landing_page(book: Book) -> str | None:
    """The page served at the site's root (index.md), if any."""
    for rel in book.docs:
        u = book.site.url_of(rel)
        if u is not None and u.rstrip("/") == (book.site.baseurl or "").rstrip("/"):
            return rel
    return "index.md" if "index.md" in book.docs else None


def cff_text(book: Book, record: CitationRecord, *, date_released: str | None = None,
             repository_code: str | None = None) -> str:
    """The CITATION.cff booklint writes: ``date-released`` from the option or the landing page's
    front-matter ``date``; ``repository-code`` from the option or `repository` in _config.yml."""
    if date_released is None:
        page = landing_page(book)
        fm = book.docs[page].front_matter if page else None
        d = _date(fm.get("date")) if fm is not None else None
        date_released = d if d and len(d) == 10 else None
    if repository_code is None:
        repo = (book.jekyll_config or {}).get("repository")
        if isinstance(repo, str) and repo.count("/") == 1 and " " not in repo:
            repository_code = f"https://github.com/{repo}"
    return _write_cff(record, date_released=date_released, repository_code=repository_code)


def write_file_atomically(path: Path, text: str) -> None:
    """Write ``text`` (UTF-8, ``\n`` line ends) to ``path`` through a temporary file and a rename."""
    write_bytes_atomic(path, text.encode("utf-8"))
