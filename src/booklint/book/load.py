"""Loading a book: discover its files, read `_config.yml`, parse every Markdown file once."""

from __future__ import annotations

import re
import signal
import threading
from collections.abc import Callable
from pathlib import Path

import yaml

from ..document.frontmatter import construct, parse_front_matter
from ..document.model import Document, FrontMatter
from ..document.parse import parse
from ..document.source import Source
from .discover import BookFiles, discover
from .model import Book
from .site import Site

try:  # the C loader is 10x faster; both are safe loaders
    _SafeLoader = yaml.CSafeLoader  # type: ignore[attr-defined]
except AttributeError:  # pragma: no cover
    _SafeLoader = yaml.SafeLoader

MAX_FILE = 64 << 20  # a Markdown file larger than this is reported, not read


class _OverBudget(BaseException):  # not an Exception: no `except Exception` in the parser may swallow it
    pass


def _on_alarm(signum, frame):
    raise _OverBudget


def parse_within(src: Source, budget: float | None) -> Document:
    """``parse(src)``, given up after ``budget`` seconds of CPU time: the Document then holds
    only its source and a ``parse-timeout`` note (X003 reports it), so one pathological file
    cannot stall the run. CPU time (``ITIMER_PROF``), not wall time, so a busy machine does
    not change the result. The timer needs the main thread; elsewhere the parse is unbounded."""
    if not budget or threading.current_thread() is not threading.main_thread() or not hasattr(signal, "setitimer"):
        return parse(src)
    old = signal.signal(signal.SIGPROF, _on_alarm)
    try:
        signal.setitimer(signal.ITIMER_PROF, budget)
        try:
            return parse(src)
        finally:
            signal.setitimer(signal.ITIMER_PROF, 0)
    except _OverBudget:
        from ..document.model import ParseNote, Span

        doc = Document(source=src)
        doc.notes.append(ParseNote("parse-timeout", f"booklint gave up parsing this file after {budget:g} s of CPU "
                                   f"time (the `parse-timeout` setting); it was not checked", Span(0, 0)))
        return doc
    finally:
        signal.signal(signal.SIGPROF, old)


def read_document(root: Path, rel: str, budget: float | None = None) -> Document:
    path = root / rel
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            src = Source.from_bytes(rel, b"")
            doc = Document(source=src)
            from ..document.model import ParseNote, Span

            doc.notes.append(ParseNote("too-large", f"this file is {size >> 20} MiB; booklint reads files up to {MAX_FILE >> 20} MiB", Span(0, 0)))
            return doc
        raw = path.read_bytes()
    except OSError as e:
        from ..document.model import ParseNote, Span

        doc = Document(source=Source.from_bytes(rel, b""))
        doc.notes.append(ParseNote("unreadable", f"booklint cannot read this file: {e.strerror or e}", Span(0, 0)))
        return doc
    return parse_within(Source.from_bytes(rel, raw), budget)


def load_jekyll_config(root: Path) -> tuple[Source | None, FrontMatter | None]:
    """`_config.yml` read once, parsed like front matter (safe loader, spans, errors kept)."""
    p = root / "_config.yml"
    if not p.is_file():
        return None, None
    try:
        src = Source.from_bytes("_config.yml", p.read_bytes())
    except OSError:
        return None, None
    n = len(src.text)
    starts = [src.line_start(i) for i in range(1, src.line_count + 1)]
    return src, parse_front_matter(src.text, 0, 0, n, n, starts, what="_config.yml")


def detect_dialect(dialect: str, jekyll: dict | None) -> str:
    if dialect != "auto":
        return dialect
    return "jekyll" if jekyll is not None else "plain"


def site_slugger(jekyll: dict | None) -> str:
    """The heading-id algorithm the site's Markdown converter uses."""
    if not jekyll:
        return "kramdown-gfm"
    conv = str(jekyll.get("markdown") or "kramdown").lower()
    if conv != "kramdown":
        return "github"  # jekyll-commonmark(-ghpages) makes GitHub-style ids
    kd = jekyll.get("kramdown") or {}
    inp = str(kd.get("input") or "GFM") if isinstance(kd, dict) else "GFM"
    return "kramdown-gfm" if inp.upper() == "GFM" else "kramdown"


_YAML_HEADER = re.compile(rb"---[ \t]*\r?\n")


def other_front_matter(root: Path, files) -> dict[str, dict]:
    """The front matter of the book's other files that have one (HTML, SCSS, XML, text pages):
    Jekyll renders every file that starts with a `---` line and copies the rest as they are."""
    out: dict[str, dict] = {}
    for rel in files.others:
        path = root / rel
        try:
            with path.open("rb") as f:
                head = f.read(5)
                if not head.startswith(b"---") or not _YAML_HEADER.match(head + f.read(64)):
                    continue
                if path.stat().st_size > MAX_FILE:
                    continue
                f.seek(0)
                raw = f.read()
        except OSError:
            continue
        src = Source.from_bytes(rel, raw)
        m = re.match(r"---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|$)", src.text, re.S)
        data: object = {}
        if m and m.group(1):
            try:
                data = yaml.load(m.group(1), Loader=_SafeLoader)
            except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError):
                data = {}
        out[rel] = data if isinstance(data, dict) else {}
    return out


def site_front_matter(doc: Document) -> tuple[dict | None, bool]:
    """What the site model takes from a page: its front matter (``{}`` when it is not a
    mapping, or is unterminated, which still makes the file a page for Jekyll) or None, and
    whether it is unterminated."""
    if doc.front_matter is not None:
        return (doc.front_matter.data if isinstance(doc.front_matter.data, dict) else {}), False
    if any(n.kind == "unterminated-front-matter" for n in doc.notes):
        return {}, True
    return None, False


_FM = re.compile(r"---[ \t]*\r?\n(.*?\r?\n)?---[ \t]*(?:\r?\n|$)", re.S)


def guess_front_matter(root: Path, rel: str) -> tuple[dict | None, bool]:
    """:func:`site_front_matter` of a page, guessed without parsing it (the YAML block at the
    top, read with the safe loader). A guess only: whoever uses it compares it with the
    parse's answer and must not rely on it when they differ."""
    try:
        path = root / rel
        if path.stat().st_size > MAX_FILE:
            return None, False
        raw = path.read_bytes()
    except OSError:
        return None, False
    if not raw.lstrip(b"\xef\xbb\xbf").startswith(b"---") or b"\0" in raw:
        return None, False
    text = Source.text_of(raw)
    m = _FM.match(text)
    if m is None:
        return {}, True
    try:
        loader = _SafeLoader(m.group(1) or "")  # yaml.load, with the front matter's constructor
        try:
            node = loader.get_single_node()
            data = construct(loader, node) if node is not None else None
        finally:
            loader.dispose()
    except (yaml.YAMLError, ValueError, TypeError, RecursionError, OverflowError):
        return {}, False
    return (data if isinstance(data, dict) else {}), False


def book_from(root: Path, files: BookFiles, docs: dict[str, Document], fm: dict[str, dict], *,
              dialect: str = "auto", slugger: str = "auto") -> Book:
    """The Book of these parsed pages, whose front matter for the site model is ``fm``."""
    config_source, site_config = load_jekyll_config(root)
    jekyll = None if site_config is None else (site_config.data or {})
    dialect = detect_dialect(dialect, jekyll)
    other_fm = other_front_matter(root, files) if dialect == "jekyll" else {}
    site = Site(files, dialect, jekyll if dialect == "jekyll" else None, fm, other_fm)
    book = Book(root, files, site, docs, jekyll, site_slugger(jekyll), site_config=site_config, slugger=slugger)
    if config_source is not None:
        book.keep_source(config_source)  # rules read it through book.source(), never again from disk
    return book


def load_book(root: Path, *, include: list[str] | None = None, exclude: list[str] | None = None,
              dialect: str = "auto", slugger: str = "auto", files: BookFiles | None = None,
              parse_timeout: float | None = None, progress: Callable[[int, int], None] | None = None) -> Book:
    """Discover the book under ``root`` (unless ``files`` says what it holds) and parse each
    Markdown file once, each within ``parse_timeout`` CPU seconds; ``progress(done, total)``
    hears of each file parsed."""
    if files is None:
        files = discover(root, include or None, exclude or [])
    docs = {}
    total = len(files.markdown)
    for i, rel in enumerate(files.markdown, 1):
        docs[rel] = read_document(root, rel, parse_timeout)
        if progress is not None:
            progress(i, total)
    fm = {rel: (d.front_matter.data if isinstance(d.front_matter.data, dict) else {})
          for rel, d in docs.items() if d.front_matter is not None}
    for rel, d in docs.items():  # an unterminated front matter still makes the file a page for Jekyll
        if rel not in fm and any(n.kind == "unterminated-front-matter" for n in d.notes):
            fm[rel] = {}
    return book_from(root, files, docs, fm, dialect=dialect, slugger=slugger)


#: what a page summary leaves out: the token streams, and what no rule reads of another page
#: (at 50x the math alone is 22 MB); tests/core/test_jobs_and_cache.py holds the rules to it
HEAVY = ("tokens", "inline", "prose", "math", "comments")


class PageSummary(Document):
    """A parsed page without its token streams and the like (``HEAVY``): what the book keeps of
    a page whose own rules already ran, for the rules and reports that still read it. Reading a
    left-out field parses the page again (counted in ``PageSummary.reparsed``), so a reader
    gets the same answer either way, only slower."""

    reparsed = 0

    def __getattr__(self, name: str):
        if name not in HEAVY:
            raise AttributeError(name)
        full = parse(self.source)
        for h in HEAVY:
            self.__dict__[h] = getattr(full, h)
        PageSummary.reparsed += 1
        return self.__dict__[name]


def summarize(doc: Document) -> Document:
    """``doc`` as a :class:`PageSummary` (a page whose parse was given up stays as it is)."""
    if any(n.kind == "parse-timeout" for n in doc.notes):
        return doc
    out = PageSummary.__new__(PageSummary)
    out.__dict__.update({k: v for k, v in doc.__dict__.items() if k not in HEAVY})
    return out


#: Per-run analyses that read one page and nothing else of the book but the site model (its
#: layouts, `_config.yml`, its own front matter): an editor's change to another page leaves them
#: true, as long as no front matter changed. Keys are ``(family, ..., rel, ...)``.
PAGE_ANALYSES = frozenset({"views.liquid", "views.blocks", "views.html", "views.stray", "prose.mojibake",
                           "prose.doc_text", "prose.grammar", "suppress", "formulas.analysis", "formulas.stray",
                           "book.anchors", "translation.skeleton", "translation.units", "translation.source-texts"})
#: Analyses of one side file (a .bib, `_config.yml`), which no page's text changes: ``(family, rel, ...)``.
SIDE_FILE_ANALYSES = frozenset({"book.source", "bibliography.parsed"})
#: What is read from outside the book (a translation's original), which no page's text changes.
OUTSIDE_ANALYSES = frozenset({"translation.source_book"})


def replace_documents(book: Book, changed: dict[str, Document], side: dict[str, Source] | None = None) -> Book:
    """``book`` with some of its Documents replaced (an editor's unsaved text), the rest shared.

    The new Book has a memo of its own. When no front matter changed, the site model is shared
    and the per-page analyses (:data:`PAGE_ANALYSES`) of the unchanged pages are carried over,
    so a re-check costs the changed pages and the book-wide indexes, not every page again. A
    changed front matter (a permalink, a layout, a title) rebuilds the site and everything else.
    ``side`` replaces the text of side files (a .bib, CITATION.cff) the same way.
    """
    side = side or {}
    docs = dict(book.docs)
    docs.update(changed)
    same_site = all(rel in book.docs and site_front_matter(book.docs[rel]) == site_front_matter(doc)
                    for rel, doc in changed.items())
    if same_site:
        site = book.site
    else:
        seen = {rel: site_front_matter(d) for rel, d in docs.items()}
        fm = {rel: v for rel, (v, unterminated) in seen.items() if v is not None and not unterminated}
        fm.update({rel: v for rel, (v, unterminated) in seen.items() if v is not None and unterminated})
        other = {rel: v for rel, v in book.site._front_matter.items() if rel not in book.docs}
        site = Site(book.files, book.site.dialect, book.jekyll_config if book.site.dialect == "jekyll" else None,
                    fm, other)
    new = Book(book.root, book.files, site, docs, book.jekyll_config, book.slugger_for_site,
               site_config=book.site_config, slugger=book.slugger)
    for key, value in book._memo.items():
        if not isinstance(key, tuple):
            continue
        if key[0] in OUTSIDE_ANALYSES:
            new._memo[key] = value
        elif key[0] in SIDE_FILE_ANALYSES:
            if key[1] not in docs and key[1] not in side:
                new._memo[key] = value
        elif same_site and key[0] in PAGE_ANALYSES:
            pages = [k for k in key[1:] if isinstance(k, str) and k in docs]
            if pages and not any(p in changed for p in pages):
                new._memo[key] = value
    for src in side.values():
        new.keep_source(src)
    return new
