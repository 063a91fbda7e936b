"""The original book and the chapter pairs: which translated page renders which original page.

``settings`` is the ``[translation]`` table (``config.family("translation")``). The original is
loaded once a run, through :func:`source_book` only (its memo key is the one place a second
book enters a run: a cache of findings must hash the original's files too).
"""

from __future__ import annotations

import posixpath
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..book.load import load_book
from ..book.model import Book


class SourceError(Exception):
    """The configured original cannot be read (no such folder, not a book)."""


def source_root(book: Book, settings: Mapping[str, Any]) -> Path | None:
    """The original's folder (``source`` resolved against this book's root), or None when unset."""
    src = str(settings.get("source") or "").strip()
    if not src:
        return None
    return (book.root / src).resolve()


def source_book(book: Book, settings: Mapping[str, Any]) -> Book | None:
    """The original book, loaded once a run; None when no source is configured.

    Raises :class:`SourceError` when the folder is missing or is this book itself."""
    root = source_root(book, settings)
    if root is None:
        return None

    def build() -> Book | SourceError:
        if not root.is_dir():
            return SourceError(f"the original `{settings.get('source')}` is not a folder ({root})")
        if root == book.root.resolve():
            return SourceError("`[translation] source` names this book itself")
        return load_book(root)

    value = book.memo(("translation.source_book", str(root)), build)
    if isinstance(value, SourceError):
        raise value
    return value


@dataclass(frozen=True)
class Pair:
    rel: str  # the translated chapter
    source_rel: str  # the original chapter
    identical: bool  # byte for byte the same text: not started


UNREAD = frozenset({"binary", "too-large", "unreadable"})  # parse notes of a file booklint did not read


def _is_chapter(b: Book, rel: str) -> bool:
    if any(n.kind in UNREAD for n in b.docs[rel].notes):
        return False  # the encoding rules report it; comparing nothing with the original says nothing
    return b.site.renders(rel) if b.dialect == "jekyll" else True


def chapter_pairs(book: Book, settings: Mapping[str, Any]) -> list[Pair]:
    """Pages of the translation with their original: by ``chapters`` mapping, else by path.

    Only pages the site renders take part (a README is not a chapter)."""
    src = source_book(book, settings)
    if src is None:
        return []

    def build() -> list[Pair]:
        mapping = {posixpath.normpath(k): posixpath.normpath(v) for k, v in (settings.get("chapters") or {}).items()}
        out = []
        for rel in sorted(book.docs):
            if not _is_chapter(book, rel):
                continue
            srel = mapping.get(rel, rel)
            if srel not in src.docs or not _is_chapter(src, srel):
                continue
            out.append(Pair(rel, srel, book.docs[rel].source.text == src.docs[srel].source.text))
        return out

    return book.memo(("translation.pairs", str(source_root(book, settings)), tuple(sorted((settings.get("chapters") or {}).items()))), build)


def pair_of(book: Book, settings: Mapping[str, Any], rel: str) -> Pair | None:
    for p in chapter_pairs(book, settings):
        if p.rel == rel:
            return p
    return None


def untranslated_chapters(book: Book, settings: Mapping[str, Any]) -> list[str]:
    """Original chapters with no page in the translation at all."""
    src = source_book(book, settings)
    if src is None:
        return []
    have = {p.source_rel for p in chapter_pairs(book, settings)}
    return sorted(r for r in src.docs if _is_chapter(src, r) and r not in have)
