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
import re
from collections.abc import Hashable, Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..document.model import Document, Span
from ..document.source import Source
from ..keys import frozen as _frozen
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


# problems about how an entry is printed: under Distill, only for the entries a page cites
_PRINTING = frozenset({"required-field-missing", "unknown-field", "field-not-for-type"})
# CSL variables that jekyll-scholar (bibtex-ruby's CSL conversion) passes on by name and that
# its styles print, beyond the BibTeX model
_CSL_FIELDS = frozenset({"issue", "number-of-pages", "collection-title", "container-title", "event", "genre"})
_ENTRY_FIELD = re.compile(r"\bentry\.([A-Za-z_][A-Za-z0-9_]*)")
_BIB_QUERY = re.compile(r"\{%-?\s*bibliography\b[^%]*%\}")
_QUERY_FIELD = re.compile(r"\[\s*([A-Za-z_][A-Za-z0-9_]*)\s*[!~^$*]?=")



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
        # "auto": each .bib by what renders it (see renderer()); else one model for every file
        self.model_setting: str = settings.get("model") or "auto"
        # the README's citation block is for LaTeX users: BibTeX unless biblatex is asked for
        self.model: str = self.model_setting if self.model_setting in ("bibtex", "biblatex") else "bibtex"
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

    def renderer(self, rel: str) -> tuple[str, str]:
        """What renders the .bib file ``rel``, and the data model it is judged by:
        ("distill", "distill") for a file a page loads through its front matter's
        ``bibliography:`` (the Distill layout prints it), ("jekyll-scholar", "bibtex") for a file
        in jekyll-scholar's source folder, else ("bibtex", "bibtex"). A ``model`` other than
        ``auto`` in the settings judges every file by that model."""
        def build() -> tuple[str, str]:
            if self.model_setting != "auto":
                return ("distill" if self.model_setting == "distill" else "bibtex"), self.model_setting
            if rel in self.in_use():
                return "distill", "distill"
            folder = self._scholar_folder()
            if folder is not None and (folder == "" or rel.startswith(folder + "/")):
                return "jekyll-scholar", "bibtex"
            return "bibtex", "bibtex"

        return self._memo(("bibliography.renderer", rel), build)

    def _scholar_folder(self) -> str | None:
        """jekyll-scholar's source folder when the site uses it (``scholar:`` in _config.yml, or
        the plugin), else None."""
        cfg = self.book.jekyll_config or {}
        scholar = cfg.get("scholar")
        plugins = [str(p) for p in (cfg.get("plugins") or cfg.get("gems") or []) if isinstance(p, str)]
        if not isinstance(scholar, dict) and "jekyll/scholar" not in plugins and "jekyll-scholar" not in plugins:
            return None
        source = (scholar or {}).get("source") if isinstance(scholar, dict) else None
        folder = posixpath.normpath(str(source or "./_bibliography").strip().lstrip("/") or ".")
        return "" if folder == "." else folder

    def template_fields(self) -> frozenset[str]:
        """Fields the site's own bibliography templates read (``entry.abbr`` in al-folio's
        ``_layouts/bib.liquid``) or query (``[selected=true]``): printed by the site, not typos."""
        def build() -> frozenset[str]:
            found: set[str] = set()
            for rel in self.book.files.others:
                if not rel.startswith(("_layouts/", "_includes/")) or not rel.endswith((".html", ".liquid")):
                    continue
                src = self.book.source(rel)
                if src is None or "entry" not in src.text and "bibliography" not in src.text:
                    continue
                found.update(m.lower() for m in _ENTRY_FIELD.findall(src.text))
                for tag in _BIB_QUERY.findall(src.text):
                    found.update(m.lower() for m in _QUERY_FIELD.findall(tag))
            return frozenset(found)

        return self.book.memo("bibliography.template-fields", build)

    def cited_in(self, rel: str) -> frozenset[str]:
        """The keys that the pages loading ``rel`` cite (every page's keys for a file no page
        names: jekyll-scholar and LaTeX files are shared)."""
        pages = self.in_use().get(rel)
        if not pages:
            return self.cited_keys()

        def build() -> frozenset[str]:
            keys: set[str] = set()
            for page in pages:
                doc = self.book.docs.get(page)
                if doc is not None:
                    keys.update(c.key for c in citations(doc) if c.key)
            return frozenset(keys)

        return self._memo(("bibliography.cited-in", rel), build)

    def problems(self, rel: str) -> list[BibProblem]:
        """Every problem of every kind in ``rel`` under its data model, computed once."""
        renderer, model = self.renderer(rel)

        def build() -> list[BibProblem]:
            from . import KINDS, check_bibliography
            from .distill import reader_problems

            bib = self.bibliography(rel)
            if bib is None:
                return []
            out = check_bibliography(bib, model, kinds=KINDS.keys(), cited_keys=self.cited_keys(),
                                     shown_keys=self.cited_in(rel))
            if renderer == "distill":
                # what Distill prints wrong is about the references it lists: the cited entries
                cited = self.cited_in(rel)
                out = [p for p in out if p.kind not in _PRINTING or not p.entry_key or p.entry_key in cited]
                src = self.book.source(rel)
                extra = reader_problems(src.text, bib) if src is not None else []
                if extra:
                    out = sorted(out + extra, key=lambda p: (p.line, p.column, p.kind))
            return out

        return self.book.memo(("bibliography.problems", rel, renderer, model), build)

    def accepted_field(self, p: BibProblem, rel: str | None = None) -> bool:
        """An unknown-field problem for a field the book's tools add on purpose, or that the
        site's jekyll-scholar templates print."""
        if p.kind != "unknown-field" or not p.field:
            return False
        name = p.field.lower()
        if name in self._extra_fields:
            return True
        return (rel is not None and self.renderer(rel)[0] == "jekyll-scholar"
                and (name in _CSL_FIELDS or name in self.template_fields()))

    def shown(self, rel: str, p: BibProblem) -> bool:
        """Whether the entry of ``p`` is printed: under Distill only cited entries are listed."""
        if self.renderer(rel)[0] != "distill" or not p.entry_key:
            return True
        return p.entry_key in self.cited_in(rel)

    def reported(self, kinds: Iterable[str]) -> Iterator[tuple[Source, BibProblem]]:
        """The problems of ``kinds`` in every checked .bib file, with the file they are in."""
        for src, p, _shown in self.reported_shown(kinds):
            yield src, p

    def reported_shown(self, kinds: Iterable[str]) -> Iterator[tuple[Source, BibProblem, bool]]:
        """Like :meth:`reported`, with whether the problem's entry is shown on a page (a rule
        reports a problem of an entry no page shows as a warning at most)."""
        kinds = frozenset(kinds)
        for rel in self.files:
            src = self.book.source(rel)
            if src is None:
                continue
            for p in self.problems(rel):
                if p.kind in kinds and not self.accepted_field(p, rel):
                    yield src, p, self.shown(rel, p)

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
