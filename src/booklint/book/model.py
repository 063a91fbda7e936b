"""The Book: every parsed Document, the site model, the lazily built anchor index, and the run's memo.

The Book lives for one run. Every analysis that rules share (a page's HTML tree, the book's
vocabulary, a parsed .bib) is built once through :meth:`Book.memo` and dropped with the Book;
no module keeps state of its own between runs. The Book holds no configuration: settings reach
rules through their context, and a library that needs them takes them as an argument.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

from ..document.model import Document, FrontMatter
from ..document.source import Source
from .discover import BookFiles
from .index import PageAnchors, layout_ids, page_anchors
from .site import Site

T = TypeVar("T")

MAX_SIDE_FILE = 32 << 20  # .bib, _config.yml and other non-Markdown inputs


@dataclass
class Book:
    root: Path
    files: BookFiles
    site: Site
    docs: dict[str, Document]
    jekyll_config: dict[str, Any] | None = None
    slugger_for_site: str = "kramdown-gfm"
    site_config: FrontMatter | None = None  # `_config.yml` parsed, with spans and its YAML error if any
    slugger: str = "auto"  # the configured heading-id algorithm, or "auto" (by renderer)
    _memo: dict[Hashable, Any] = field(default_factory=dict)
    _reads: Any = field(default=None, repr=False, compare=False)  # book.reads.Reads, while the engine watches

    @property
    def dialect(self) -> str:
        return self.site.dialect

    def slugger_for(self, rel: str) -> str | None:
        """The heading-id algorithm of the renderer that renders this file."""
        if self.slugger != "auto":
            return self.slugger
        if self.site.renders(rel):
            return self.slugger_for_site
        return "github"

    def memo(self, key: Hashable, build: Callable[[], T]) -> T:
        """The value named ``key``, built once this run by ``build()``.

        Keys name their owner and subject, e.g. ``("views.html", rel, True)`` or
        ``"prose.vocabulary"``; a library exposes a function that wraps its own key, so rules
        never spell keys themselves.
        """
        try:
            value = self._memo[key]
        except KeyError:
            reads = self._reads
            value = self._memo[key] = build() if reads is None else reads.built(key, build)
            return value
        if self._reads is not None:
            self._reads.used(key)
        return value

    def anchors(self, rel: str) -> PageAnchors | None:
        if rel not in self.docs:
            return None

        def build() -> PageAnchors:
            a = page_anchors(self.docs[rel], self.slugger_for(rel))
            if self.site.renders(rel):
                a.layout = layout_ids(self, self.site.values(rel).get("layout"))
            return a

        return self.memo(("book.anchors", rel), build)

    def source(self, rel: str) -> Source | None:
        """A non-Markdown file of the book (a .bib, a CITATION.cff) read once, or None."""
        if rel in self.docs:
            return self.docs[rel].source
        return self.memo(("book.source", rel), lambda: self._read(rel))

    def keep_source(self, src: Source) -> None:
        """A file the loader already read (`_config.yml`): rules get it from :meth:`source`."""
        self._memo[("book.source", src.path)] = src

    def _read(self, rel: str) -> Source | None:
        if rel not in self.files.others:
            return None
        p = self.root / rel
        try:
            if p.stat().st_size <= MAX_SIDE_FILE:
                return Source.from_bytes(rel, p.read_bytes())
        except OSError:
            pass
        return None


class NamedDocs(dict):
    """The book's pages by name, each Document made on demand by :meth:`_load`: a mapping with
    every name from the start (the order of ``rels``) that builds, refuses or watches pages
    lazily (the engine's page maps, book/reads.py's WatchedDocs). A rule reads other pages
    only through this protocol (``[]``, ``get``, ``values``, ``items``; names without pages by
    ``in``, iteration and ``keys``): nothing is stored in the dict itself."""

    def __init__(self, rels: list[str]):
        super().__init__()
        self._rels = list(rels)
        self._known = set(rels)

    def _load(self, rel: str) -> Document:
        raise NotImplementedError

    def __getitem__(self, rel: str) -> Document:
        if rel not in self._known:
            raise KeyError(rel)
        return self._load(rel)

    def get(self, rel, default=None):
        return self._load(rel) if rel in self._known else default

    def __contains__(self, rel) -> bool:
        return rel in self._known

    def __iter__(self):
        return iter(self._rels)

    def __len__(self) -> int:
        return len(self._rels)

    def keys(self):
        return list(self._rels)

    def values(self):
        return [self._load(r) for r in self._rels]

    def items(self):
        return list(zip(self._rels, self.values(), strict=True))
