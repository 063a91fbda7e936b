"""What several link and image rules share: which links to judge, and near-miss suggestions."""

from __future__ import annotations

import difflib
import posixpath

from ...book.model import Book
from ...book.site import Target


def describe(target: Target) -> str:
    return f"`{target.url}`" if target.url else "the target"


def suggest_path(book: Book, page: str, wanted: str, pages_only: bool) -> str | None:
    """A close existing target for a broken link, written as the link should be."""
    name = posixpath.basename(wanted.rstrip("/")).lower()
    if not name:
        return None
    candidates: dict[str, str] = {}
    pool = book.files.markdown if pages_only else sorted(book.files.all_files)
    for rel in pool:
        base = posixpath.basename(rel)
        stem = base.rsplit(".", 1)[0] if pages_only else base
        candidates.setdefault(stem.lower(), rel)
    match = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.75)
    if not match:
        return None
    return candidates[match[0]]


def suggest_anchor(wanted: str, ids: list[str]) -> str | None:
    w = wanted.lower()
    for i in ids:
        if i.lower() == w:
            return i
    m = difflib.get_close_matches(wanted, ids, n=1, cutoff=0.8)
    return m[0] if m else None


def link_to(book: Book, page: str, target_rel: str) -> str:
    """How `page` would link to the file `target_rel` (a URL on a site, a path otherwise)."""
    site = book.site
    if site.serves_as_site(page):
        url = site.url_of(target_rel)
        here = site.url_of(page) or "/"
        if url is None:
            return target_rel
        here_dir = here if here.endswith("/") else posixpath.dirname(here) + "/"
        return posixpath.relpath(url, here_dir)  # pretty URLs work without their trailing slash
    return posixpath.relpath(target_rel, posixpath.dirname(page) or ".")


def is_malformed(href: str) -> bool:
    """Hrefs that L003 (malformed-link) reports; other link rules leave them alone."""
    from .malformed_link import problem

    return problem(href) is not None
