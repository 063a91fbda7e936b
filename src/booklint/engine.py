"""discover → parse → index → rules → suppress: one run of booklint over one book."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import traceback
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable


from .book.discover import BookFiles, discover, find_root
from .book.model import Book
from .book.site import Site
from .checks.registry import Finding, Rule, all_rules
from .config import Config, find_config, load_config, selected_codes
from .context import Context
from .document.frontmatter import parse_front_matter
from .document.model import Document, FrontMatter
from .document.parse import parse
from .document.source import Source
from .suppress import collect

MAX_FILE = 64 << 20  # a Markdown file larger than this is reported, not read
MAX_PER_RULE_AND_FILE = 1000  # past this a rule's findings in one file stop being useful, and cost time


@dataclass
class RunResult:
    book: Book
    findings: list[Finding]
    internal_errors: int = 0
    checked: list[str] = field(default_factory=list)


@dataclass
class Options:
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    config_path: Path | None = None
    isolated: bool = False  # ignore config files


def read_document(root: Path, rel: str) -> Document:
    path = root / rel
    try:
        size = path.stat().st_size
        if size > MAX_FILE:
            src = Source.from_bytes(rel, b"")
            doc = Document(source=src)
            from .document.model import ParseNote, Span

            doc.notes.append(ParseNote("too-large", f"this file is {size >> 20} MiB; booklint reads files up to {MAX_FILE >> 20} MiB", Span(0, 0)))
            return doc
        raw = path.read_bytes()
    except OSError as e:
        from .document.model import ParseNote, Span

        doc = Document(source=Source.from_bytes(rel, b""))
        doc.notes.append(ParseNote("unreadable", f"booklint cannot read this file: {e.strerror or e}", Span(0, 0)))
        return doc
    return parse(Source.from_bytes(rel, raw))


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


def detect_dialect(cfg: Config, jekyll: dict | None) -> str:
    if cfg.dialect != "auto":
        return cfg.dialect
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


def load_book(root: Path, cfg: Config) -> Book:
    files = discover(root, cfg.include or None, cfg.exclude)
    docs = {rel: read_document(root, rel) for rel in files.markdown}
    config_source, site_config = load_jekyll_config(root)
    jekyll = None if site_config is None else (site_config.data or {})
    dialect = detect_dialect(cfg, jekyll)
    fm = {rel: (d.front_matter.data or {}) for rel, d in docs.items() if d.front_matter is not None}
    site = Site(files, dialect, jekyll if dialect == "jekyll" else None, fm)
    book = Book(root, files, cfg, site, docs, jekyll, site_slugger(jekyll), site_config=site_config)
    if config_source is not None:
        book._sources["_config.yml"] = config_source  # rules read it through book.source(), never again from disk
    return book


def _targets(root: Path, paths: Iterable[Path], files: BookFiles) -> set[str] | None:
    """The files to report on; None means the whole book."""
    chosen: set[str] = set()
    everything = set(files.markdown) | files.others
    for p in paths:
        rp = p.resolve()
        if rp == root:
            return None
        try:
            rel = rp.relative_to(root).as_posix()
        except ValueError:
            continue
        if rp.is_dir():
            chosen |= {f for f in everything if f.startswith(rel + "/")}
        else:
            chosen.add(rel)
    return chosen


def run(paths: list[Path], opts: Options | None = None) -> RunResult:
    opts = opts or Options()
    paths = paths or [Path.cwd()]
    root = find_root(paths[0])
    cfg_path = opts.config_path if opts.config_path else (None if opts.isolated else find_config(root))
    cfg = load_config(cfg_path)
    codes = selected_codes(cfg, opts.select, opts.ignore, opts.extend_select)
    book = load_book(root, cfg)
    targets = _targets(root, paths, book.files)
    return check_book(book, codes, targets)


@contextlib.contextmanager
def parsed_objects_frozen():
    """Keep the cyclic garbage collector out of the rules' way while they run.

    A parsed book is millions of small objects that live until the run ends, and the rules
    build large caches of their own (dictionary look-ups, per-page analyses); every collection
    their allocations trigger would walk all of it again (up to 5x slower scans on a 1 MB
    page). ``gc.freeze`` sets the book aside and the collector is paused; both are undone
    afterwards, so a process that checks many books (the tests) frees each one as usual.
    """
    was_enabled = gc.isenabled()
    gc.freeze()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()
        gc.unfreeze()


def check_book(book: Book, codes: set[str], targets: set[str] | None = None) -> RunResult:
    with parsed_objects_frozen():
        return _check_book(book, codes, targets)


def _check_book(book: Book, codes: set[str], targets: set[str] | None = None) -> RunResult:
    rules = [r for r in all_rules() if r.code in codes]
    findings: list[Finding] = []
    internal = 0
    doc_rules = [r for r in rules if r.scope == "document"]
    book_rules = [r for r in rules if r.scope == "book"]
    checked = [rel for rel in book.docs if targets is None or rel in targets]
    for rel in checked:
        doc = book.docs[rel]
        for r in doc_rules:
            n = _call(r, book, (doc, None), findings)
            internal += n
    for r in book_rules:
        internal += _call(r, book, (book, None), findings)
    if targets is not None:
        findings = [f for f in findings if f.path in targets]
    findings = _apply_suppressions(book, findings)
    findings = _dedupe(findings)
    findings.sort(key=Finding.sort_key)
    return RunResult(book, findings, internal, checked)


def _call(r: Rule, book: Book, args: tuple, out: list[Finding]) -> int:
    ctx = Context(book, r, book.config.severity.get(r.code))
    subject = args[0]
    per_file: dict[str, int] = {}
    try:
        for f in r.func(subject, ctx) or ():
            n = per_file.get(f.path, 0) + 1
            per_file[f.path] = n
            if n <= MAX_PER_RULE_AND_FILE:
                out.append(f)
            elif n == MAX_PER_RULE_AND_FILE + 1:
                out.append(Finding(f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.name, f.severity,
                                   f"{r.code} found more than {MAX_PER_RULE_AND_FILE} problems in this file; booklint "
                                   f"stopped listing them here. Fix these first, then run it again.", None, f.start, f.end))
                if isinstance(subject, Document):
                    break  # a document rule has nothing else to say about other files
        return 0
    except Exception as e:  # a rule's bug must not cost the findings of the others
        where = subject.path if isinstance(subject, Document) else "."
        tb = traceback.extract_tb(e.__traceback__)
        last = tb[-1] if tb else None
        at = f" at {os.path.basename(last.filename)}:{last.lineno}" if last else ""
        out.append(
            Finding(where, 1, 1, 1, 1, "X001", "internal-error", "error",
                    f"booklint's rule {r.code} ({r.name}) crashed on this file: {type(e).__name__}: {e}{at}. "
                    f"Please report this bug with the rule code {r.code} and, if you can, the file.")
        )
        return 1


def _apply_suppressions(book: Book, findings: list[Finding]) -> list[Finding]:
    sups: dict[str, Any] = {}
    out = []
    pfi = book.config.per_file_ignores
    for f in findings:
        if f.code == "X001":
            out.append(f)
            continue
        if pfi and any(fnmatch.fnmatch(f.path, pat) and f.code in codes for pat, codes in pfi.items()):
            continue
        doc = book.docs.get(f.path)
        if doc is not None:
            s = sups.get(f.path)
            if s is None:
                s = sups[f.path] = collect(doc)
            if s.covers(f.code, f.line):
                continue
        out.append(f)
    return out


def _dedupe(findings: list[Finding]) -> list[Finding]:
    seen = set()
    out = []
    for f in findings:
        k = (f.path, f.line, f.column, f.code, f.message)
        if k in seen:
            continue
        seen.add(k)
        out.append(f)
    return out
