"""What a rule read of the book's other pages: the dependencies that let a later run reuse what
a document rule found on a page when none of the pages it read has changed.

A document rule that reads other pages (L002 reads the anchors of the pages a link points at,
D014 the front matter of the chapters next to it) runs after every page is parsed (the engine's
book-wide phase). There it can reach another page only through ``book.docs`` and the analyses
kept in ``book.memo``, and both are watched here:

* :class:`WatchedDocs` stands for ``book.docs``: taking a page records its name; asking for
  every page (``values``, ``items``) records *every page*.
* ``Book.memo`` tells :meth:`Reads.built` and :meth:`Reads.used`: an entry remembers the pages
  its build read (and the entries it used), and a call that uses it depends on them.

An entry made before the watching began (the vocabulary, a side file) counts as reading every
page, unless the engine says what it read (:meth:`Reads.known`). That is sound for a rule whose
analyses keep no answers they read from pages later, on demand: an object that did would hand
one call an answer read in another, which no watching of this call sees. The rules that may be
reused declare it (``@rule(..., tracked=True)``), and each says in its module why it may.
"""

from __future__ import annotations

import contextlib
from collections.abc import Hashable, Iterable, Iterator
from typing import Any

from .model import NamedDocs

EVERY = "*"  # in a set of pages: every page (not a page's name: names are relative file paths)


class Reads:
    """The pages read in each watched rule call, and by each memo entry (one run's book-wide phase)."""

    def __init__(self) -> None:
        self._frames: list[tuple[set[str], set[Hashable]]] = []  # open calls and builds: pages read, entries used
        self._built: dict[Hashable, tuple[set[str], set[Hashable]]] = {}  # entry → what its builds read and used
        self._calls: dict[Hashable, tuple[set[str], set[Hashable]]] = {}  # a call's name → what it read and used
        self._known: dict[Hashable, frozenset[str]] = {}

    def known(self, key: Hashable, pages: Iterable[str]) -> None:
        """Entry ``key``, made before the watching began, read only ``pages``."""
        self._known[key] = frozenset(pages)

    # -- while rules run -------------------------------------------------------------------

    def page(self, rel: str) -> None:
        if self._frames:
            self._frames[-1][0].add(rel)

    def every_page(self) -> None:
        self.page(EVERY)

    def used(self, key: Hashable) -> None:
        """``book.memo`` found entry ``key``."""
        if self._frames:
            self._frames[-1][1].add(key)

    def built(self, key: Hashable, build: Any) -> Any:
        """``book.memo`` builds entry ``key`` with ``build()``: the caller uses the entry, and
        the entry remembers what the build read and used (:meth:`depends` follows it)."""
        if not self._frames:  # built outside any watched call: what it read is not known
            return build()
        self.used(key)
        with self._frame(self._built, key):
            return build()

    def call(self, name: Hashable) -> contextlib.AbstractContextManager[None]:
        """Watch one rule call (``with reads.call((rel, code)):``)."""
        return self._frame(self._calls, name)

    @contextlib.contextmanager
    def _frame(self, into: dict[Hashable, tuple[set[str], set[Hashable]]], name: Hashable) -> Iterator[None]:
        """What is read and used in the block, added to ``into[name]`` (an entry dropped and
        built again, or a call made twice, keeps both)."""
        frame: tuple[set[str], set[Hashable]] = (set(), set())
        self._frames.append(frame)
        try:
            yield
        finally:
            self._frames.pop()
            pages, keys = into.setdefault(name, (set(), set()))
            pages |= frame[0]
            keys |= frame[1]

    # -- once every call has run -----------------------------------------------------------

    def depends(self) -> dict[Hashable, frozenset[str]]:
        """Each watched call's pages: what it read, and what the entries it used read, through
        the entries they used in turn. A set holding :data:`EVERY` means every page."""
        cache: dict[Hashable, frozenset[str]] = {}

        def of(key: Hashable, seen: set[Hashable]) -> frozenset[str]:
            if key in cache:
                return cache[key]
            if key in self._known:
                return self._known[key]
            if key not in self._built:
                return frozenset((EVERY,))  # made before the watching, from what is not known
            pages, keys = self._built[key]
            seen.add(key)
            out = set(pages)
            for k in keys:
                if k not in seen:  # (an entry whose build used itself again: no more to add)
                    out |= of(k, seen)
            cache[key] = frozen = frozenset(out)
            return frozen

        out: dict[Hashable, frozenset[str]] = {}
        for name, (pages, keys) in self._calls.items():
            deps = set(pages)
            for key in keys:
                deps |= of(key, set())
            out[name] = frozenset(deps)
        return out


class WatchedDocs(NamedDocs):
    """``book.docs`` for the book-wide phase: the pages' summaries, every read recorded in
    ``reads`` (a page taken: its name; every page asked for: :data:`EVERY`)."""

    def __init__(self, docs: dict[str, Any], reads: Reads) -> None:
        super().__init__(list(docs))
        self._docs = docs
        self._reads = reads

    def _load(self, rel: str) -> Any:
        self._reads.page(rel)
        return self._docs[rel]

    def values(self):
        self._reads.every_page()
        return list(self._docs.values())

    def items(self):
        self._reads.every_page()
        return list(self._docs.items())
