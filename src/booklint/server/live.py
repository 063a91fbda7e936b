"""A book kept in memory across changes: the model the language server and `--watch` share.

A run of `booklint check` loads a book, checks it and forgets it. An editor changes one page
at a time, many times a minute, so :class:`LiveBook` keeps the loaded Book and, on a change,
parses only the changed page and builds a new Book around it (``book.load.replace_documents``):
the other pages' per-page analyses are carried over, the book-wide indexes (anchors, the
vocabulary, bibliographies) are rebuilt from them. What a check of the live book reports is
exactly what a fresh `booklint check` of the same text reports (a test holds it to that).
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from ..book.discover import find_root
from ..book.load import read_document, replace_documents
from ..config import Config, find_config, load_config, selected_codes
from ..document.parse import parse
from ..document.source import Source
from ..engine import Options, check_book, load_book
from ..findings import Finding
from ..registry import all_rules

#: Families whose rules read book-wide statistics of the prose (the vocabulary, variant
#: clusters, term counts): after a keystroke they cost a pass over every page's words, so the
#: server reports the other rules first and these right after (see server/lsp.py).
BOOK_WIDE_PROSE = frozenset({"spelling", "terminology"})

#: Families whose findings are all on .bib files (their subject): a check of pages alone skips them.
SIDE_FILE_FAMILIES = frozenset({"bib"})

#: Files besides the pages that rules report on and an editor may have open. (A change to
#: `_config.yml` changes the site model: it counts once saved, when the book is read again.)
SIDE_FILES = (".bib", ".cff")


def _read_side(root: Path, rel: str) -> Source:
    try:
        return Source.from_bytes(rel, (root / rel).read_bytes())
    except OSError:
        return Source.from_bytes(rel, b"")


class LiveBook:
    """One book under edit: its Book, the editor's unsaved texts, the configuration and the rules."""

    def __init__(self, root: Path, opts: Options | None = None):
        opts = opts or Options()
        self.root = root.resolve()
        cfg_path = opts.config_path if opts.config_path else (None if opts.isolated else find_config(self.root))
        self.config: Config = load_config(cfg_path)
        # an editor never waits on the network: external links (L020-L022) come from the cache only
        self.config.families.setdefault("links", {})["offline"] = True
        self.codes: set[str] = selected_codes(self.config, opts.select, opts.ignore, opts.extend_select)
        self.book = load_book(self.root, self.config)
        self.unsaved: dict[str, str] = {}  # rel -> the editor's text, where it differs from the file

    @classmethod
    def for_path(cls, path: Path, opts: Options | None = None) -> LiveBook:
        return cls(find_root(path), opts)

    # -- what is in the book -----------------------------------------------------------------
    def rel(self, path: Path) -> str | None:
        """``path`` as the book names it, or None when it is outside the book."""
        try:
            return path.resolve().relative_to(self.root).as_posix()
        except ValueError:
            return None

    def holds(self, rel: str) -> bool:
        """A page booklint checks, or a side file its rules read and report on (a .bib, CITATION.cff)."""
        return rel in self.book.docs or self.side_file(rel)

    def side_file(self, rel: str) -> bool:
        return rel in self.book.files.others and rel.lower().endswith(SIDE_FILES)

    def text(self, rel: str) -> str | None:
        src = self.book.source(rel)
        return None if src is None else src.text

    # -- changes ------------------------------------------------------------------------------
    def set_text(self, rel: str, text: str) -> bool:
        """The editor holds ``text`` for ``rel``; False when booklint does not check that file."""
        if not self.holds(rel):
            return False
        src = Source.from_bytes(rel, text.encode("utf-8", "replace"))  # an editor may hold a lone surrogate
        old = self.book.source(rel)
        if old is not None and old.raw == src.raw and rel not in self.unsaved:
            return True
        self.unsaved[rel] = text
        if rel in self.book.docs:
            self.book = replace_documents(self.book, {rel: parse(src)})
        else:
            self.book = replace_documents(self.book, {}, {rel: src})
        return True

    def revert(self, rel: str) -> None:
        """The editor closed ``rel`` without saving: the file on disk is the page again."""
        if self.unsaved.pop(rel, None) is None:
            return
        if rel in self.book.docs:
            self.book = replace_documents(self.book, {rel: read_document(self.root, rel)})
        elif self.side_file(rel):
            self.book = replace_documents(self.book, {}, {rel: _read_side(self.root, rel)})

    def reread(self, rels: Iterable[str]) -> None:
        """Files changed on disk: Markdown pages are parsed again; any other change (a new or
        deleted file, a .bib, `_config.yml`, a layout) reloads the whole book."""
        rels = list(rels)
        pages = [r for r in rels if r in self.book.docs and (self.root / r).is_file()]
        if len(pages) < len(rels):
            self.book = load_book(self.root, self.config)
            unsaved, self.unsaved = self.unsaved, {}
            for rel, text in unsaved.items():  # the editor's texts stay what the book holds
                self.set_text(rel, text)
            return
        changed = {r: read_document(self.root, r) for r in pages if r not in self.unsaved}
        if changed:
            self.book = replace_documents(self.book, changed)

    # -- checking ------------------------------------------------------------------------------
    def rule_codes(self, *, book_wide_prose: bool | None = None, targets: set[str] | None = None) -> set[str]:
        """The selected rules; with ``book_wide_prose`` True or False, only those of
        :data:`BOOK_WIDE_PROSE` or only the others; with ``targets``, none of the families whose
        findings are all on files of another kind (:data:`SIDE_FILE_FAMILIES`)."""
        side = targets is None or any(t.lower().endswith(SIDE_FILES) for t in targets)
        return {r.code for r in all_rules() if r.code in self.codes
                and (book_wide_prose is None or (r.family in BOOK_WIDE_PROSE) == book_wide_prose)
                and (side or r.family not in SIDE_FILE_FAMILIES)}

    def check(self, targets: set[str] | None = None, codes: set[str] | None = None) -> list[Finding]:
        """The findings on ``targets`` (every file when None) of the rules ``codes`` (default: the
        selected ones), exactly as `booklint check` would report them on the book's current text."""
        return check_book(self.book, self.codes if codes is None else codes, targets, config=self.config).findings
