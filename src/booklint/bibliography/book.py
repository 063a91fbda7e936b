"""The book's bibliographies for one run: its .bib files, each parsed and checked once, the
citation keys the chapters use, each chapter's bibliography, and the book's own citation.

The bibliography (B) and citation (C) rules and ``booklint cite`` all go through one
:class:`Shelf`, made by :func:`bibliographies` from the Book and the ``bib`` family's
settings. Everything it computes is kept in the Book's memo (keys starting with
``bibliography.``), so the rules together parse each .bib file once and run the library's
checks once, whatever subset of rules is selected.
"""

from __future__ import annotations

import posixpath
from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..document.model import Document, Span
from ..document.source import Source
from .citations import (
    CffFile,
    CitationSection,
    citations,
    find_citation_sections,
    read_cff,
)

if TYPE_CHECKING:
    from ..book.model import Book
    from .model import Bibliography, BibProblem


# Fields that reference managers and bibliography databases add to every entry, which styles
# ignore on purpose; on top of the data models' own `tolerated` lists (B011 accepts them).
EXPORTER_FIELDS = frozenset({
    "adsurl", "adsnote", "eid",  # NASA ADS
    "bdsk-url-1", "bdsk-url-2", "bdsk-file-1", "bdsk-file-2", "date-added", "date-modified",  # BibDesk
    "mendeley-tags", "mendeley-groups",  # Mendeley
    "groups", "ranking", "priority", "readstatus", "qualityassured", "printed", "comment",  # JabRef
    "annotation", "shortjournal",  # Zotero (Better BibTeX)
    "citeulike-article-id", "citeulike-linkout-0", "posted-at", "added-at", "interhash", "intrahash",  # CiteULike, BibSonomy
    "unique-id", "researcherid-numbers", "orcid-numbers", "web-of-science-categories",  # Web of Science
})


def _frozen(value: Any) -> Hashable:
    """The settings as a memo key (lists and tables made hashable)."""
    if isinstance(value, dict):
        return tuple(sorted((str(k), _frozen(v)) for k, v in value.items()))
    if isinstance(value, (list, tuple)):
        return tuple(_frozen(v) for v in value)
    return value


def bibliographies(book: Book, settings: dict[str, Any]) -> Shelf:
    """The book's bibliographies under the ``bib`` family's ``settings`` (``ctx.settings("bib")``
    in a rule, ``config.family("bib")`` elsewhere), one per run."""
    key = _frozen(settings)
    return book.memo(("bibliography.shelf", key), lambda: Shelf(book, settings, key))


class Shelf:
    """What the B and C rules and ``booklint cite`` read about the book's bibliographies."""

    def __init__(self, book: Book, settings: dict[str, Any], key: Hashable = None) -> None:
        self.book = book
        self.settings = settings
        self._key = key if key is not None else _frozen(settings)
        self.model: str = settings.get("model") or "bibtex"
        self.folder: str = str(settings.get("folder") or "").strip("/")
        self.readme: str = settings.get("readme") or "README.md"
        self.cff_name: str = settings.get("citation-cff") or "CITATION.cff"
        self._extra_fields = {str(f).lower() for f in settings.get("extra-fields") or []}

    def _memo(self, name: str, build, *, settings: bool = True):
        return self.book.memo((name, self._key) if settings else name, build)

    # -----------------------------------------------------------------------------------
    # .bib files
    # -----------------------------------------------------------------------------------

    @property
    def files(self) -> list[str]:
        """The .bib files the B rules check: ``files`` from the settings, or every .bib of the book."""
        def build() -> list[str]:
            wanted = self.settings.get("files") or []
            if wanted:
                return [posixpath.normpath(str(p)).lstrip("/") for p in wanted]
            return sorted(rel for rel in self.book.files.others if rel.lower().endswith(".bib"))

        return self._memo("bibliography.files", build)

    def bibliography(self, rel: str) -> Bibliography | None:
        """The parsed .bib file ``rel`` (parsed once per run), or None if the book has no such file."""
        def build() -> Bibliography | None:
            from . import parse_bib

            src = self.book.source(rel)
            return parse_bib(src.text, source=rel) if src is not None else None

        return self.book.memo(("bibliography.parsed", rel), build)

    def unreadable(self, rel: str) -> bool:
        """A .bib that exists but that booklint could not read (too large, or an I/O error)."""
        return rel in self.book.files.others and self.book.source(rel) is None

    def problems(self, rel: str) -> list[BibProblem]:
        """Every problem of every kind in ``rel`` under the configured data model, computed once."""
        def build() -> list[BibProblem]:
            from . import KINDS, check_bibliography

            bib = self.bibliography(rel)
            return [] if bib is None else check_bibliography(bib, self.model, kinds=KINDS.keys(),
                                                             cited_keys=self.cited_keys())

        return self.book.memo(("bibliography.problems", rel, self.model), build)

    def accepted_field(self, p: BibProblem) -> bool:
        """An unknown-field problem for a field the book's tools add on purpose."""
        if p.kind != "unknown-field" or not p.field:
            return False
        return p.field.lower() in EXPORTER_FIELDS or p.field.lower() in self._extra_fields

    def reported(self, kinds: Iterable[str]) -> Iterator[tuple[Source, BibProblem]]:
        """The problems of ``kinds`` in every checked .bib file, with the file they are in."""
        kinds = frozenset(kinds)
        for rel in self.files:
            src = self.book.source(rel)
            if src is None:
                continue
            for p in self.problems(rel):
                if p.kind in kinds and not self.accepted_field(p):
                    yield src, p

    # -----------------------------------------------------------------------------------
    # citations in the chapters
    # -----------------------------------------------------------------------------------

    def cited_keys(self) -> frozenset[str]:
        """Every key any page of the book cites: ``<d-cite>`` and jekyll-scholar's ``{% cite %}``."""
        def build() -> frozenset[str]:
            keys: set[str] = set()
            for doc in self.book.docs.values():
                keys.update(c.key for c in citations(doc) if c.key)
                for tag in doc.liquid:
                    if tag.name in ("cite", "cite_details", "nocite", "reference", "quote") and tag.kind == "tag":
                        for word in tag.markup.split():
                            if word.startswith("-") or "=" in word or word.startswith(("'", '"')):
                                break  # options such as --file, -l 42
                            keys.add(word)
            return frozenset(keys)

        return self.book.memo("bibliography.cited", build)

    def chapter_bibliography(self, doc: Document) -> tuple[str | None, Any, Span | None]:
        """The .bib file a chapter's front matter names, as the site serves it:
        (path in the book or None, the value as written, the span of the value)."""
        fm = doc.front_matter
        if fm is None or not isinstance(fm.data, dict) or "bibliography" not in fm.data:
            return None, None, None
        value = fm.data.get("bibliography")
        if isinstance(value, (int, float)) and not isinstance(value, bool):
            value = str(value)  # Liquid prepends the folder to it like any name
        span = fm.value_spans.get(("bibliography",)) or fm.key_spans.get(("bibliography",))
        if not isinstance(value, str) or not value.strip():
            return None, value, span
        path = posixpath.normpath(posixpath.join(self.folder, value.strip().lstrip("/")))
        return path, value, span

    def in_use(self) -> dict[str, list[str]]:
        """Each .bib file some page names, with the pages that name it."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            for rel in sorted(self.book.docs):
                path, _v, _s = self.chapter_bibliography(self.book.docs[rel])
                if path is not None:
                    out.setdefault(path, []).append(rel)
            return out

        return self._memo("bibliography.in-use", build)

    def key_index(self) -> dict[str, list[str]]:
        """key -> the .bib files of the book (that exist) defining it."""
        def build() -> dict[str, list[str]]:
            out: dict[str, list[str]] = {}
            files = set(self.files) | {p for p in self.in_use() if p in self.book.files.others}
            for rel in sorted(files):
                bib = self.bibliography(rel)
                if bib is None:
                    continue
                for k in bib.keys():
                    out.setdefault(k, []).append(rel)
            return out

        return self._memo("bibliography.keys", build)

    # -----------------------------------------------------------------------------------
    # the book's own citation
    # -----------------------------------------------------------------------------------

    def is_readme(self, rel: str) -> bool:
        return rel == self.readme

    def citation_sections(self, doc: Document) -> list[CitationSection]:
        """The page's citation blocks (see :mod:`booklint.bibliography.citations`), found once."""
        return self.book.memo(("bibliography.sections", doc.path, self.readme, self.model),
                              lambda: find_citation_sections(doc, readme=self.is_readme(doc.path), model=self.model))

    def book_citation_section(self) -> CitationSection | None:
        """The block that is the book's citation: the README's first, else the first elsewhere."""
        def build() -> CitationSection | None:
            docs = self.book.docs
            readme = self.readme
            order = ([readme] if readme in docs else []) + sorted(
                (r for r in docs if r != readme),
                key=lambda r: (r.count("/"), r.rsplit("/", 1)[-1] != "index.md", r))
            for rel in order:
                secs = [s for s in self.citation_sections(docs[rel]) if s.result.entry is not None]
                if secs:
                    return secs[0]
            return None

        return self.book.memo(("bibliography.book-section", self.readme, self.model), build)

    def citation_cff(self) -> CffFile | None:
        """The book's CITATION.cff, parsed once (None when there is none)."""
        def build() -> CffFile | None:
            rel = self.cff_name
            src = self.book.source(rel) if rel in self.book.files.others else None
            return read_cff(rel, src.text) if src is not None else None

        return self.book.memo(("bibliography.cff", self.cff_name), build)
