"""Which pages are one work: the scope of the vocabulary, term variants and spelling conventions.

A book's chapters are one work with one voice: a term written two ways across them is drift,
and a word it uses many times is its jargon. A blog is an anthology: each post has its own
authors, so a variant used only in another author's post is not an inconsistency, a post
written wholly in British English is consistent, and a word one post uses three times is not
the other posts' jargon.

Scopes (``[tool.booklint.terminology] scope``):

* ``"book"``: every page is one work;
* ``"page"``: every page is its own work;
* ``"auto"`` (the default): Jekyll posts (``_posts/``, also inside a ``collections_dir``) and
  the documents of a collection that name their own ``author``/``authors`` are each a work
  of their own; every other page (root chapters, ``_pages/``, news items, the README)
  belongs to the site's one work.
"""

from __future__ import annotations

from typing import Any

SCOPES = ("auto", "book", "page")
BOOK = ""  # the work key of the pages that make the book itself


def work_of(book: Any, rel: str, scope: str = "auto") -> str:
    """The work a page belongs to: ``BOOK`` or the page's own path."""
    return works(book, scope).get(rel, BOOK)


def works(book: Any, scope: str = "auto") -> dict[str, str]:
    """Every page → its work key (memoized per run and scope)."""
    scope = _known(scope)
    return book.memo(("prose.works", scope), lambda: _build(book, scope))


def split(book: Any, scope: str = "auto") -> dict[str, list[str]]:
    """Work key → its pages, in the book's order (memoized per run and scope: a document rule
    asks for it on every page; callers only read it)."""
    scope = _known(scope)  # an unknown scope is "auto", as in works(): one memo for both

    def build() -> dict[str, list[str]]:
        out: dict[str, list[str]] = {}
        for rel, w in works(book, scope).items():
            out.setdefault(w, []).append(rel)
        return out

    return book.memo(("prose.works.split", scope), build)


def _known(scope: str) -> str:
    """The scope, or "auto" when it is none of :data:`SCOPES`."""
    return scope if scope in SCOPES else "auto"


def _build(book: Any, scope: str) -> dict[str, str]:
    if scope == "book":
        return dict.fromkeys(book.docs, BOOK)
    if scope == "page":
        return {rel: rel for rel in book.docs}
    cfg = book.jekyll_config if isinstance(getattr(book, "jekyll_config", None), dict) else {}
    cdir = cfg.get("collections_dir")
    cdir = cdir.strip("/") + "/" if isinstance(cdir, str) and cdir.strip("/") else ""
    cols = cfg.get("collections")
    names = set(cols) if isinstance(cols, (dict, list)) else set()
    names = {n for n in names if isinstance(n, str) and n != "posts"}
    out: dict[str, str] = {}
    for rel, doc in book.docs.items():
        out[rel] = rel if _own_work(rel, doc, cdir, names) else BOOK
    return out


def _own_work(rel: str, doc: Any, cdir: str, collections: set[str]) -> bool:
    path = rel[len(cdir):] if cdir and rel.startswith(cdir) else rel
    first, _, rest = path.partition("/")
    if not rest:
        return False
    if first in ("_posts", "_drafts") or (first.endswith("/_posts")):
        return True
    if "/_posts/" in "/" + path:  # `category/_posts/x.md`
        return True
    if first.startswith("_") and first[1:] in collections:
        fm = getattr(doc, "front_matter", None)
        data = getattr(fm, "data", None) if fm is not None else None
        return isinstance(data, dict) and bool(data.get("authors") or data.get("author"))
    return False
