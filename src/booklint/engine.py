"""discover → parse → index → rules → suppress: one run of booklint over one book."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import re
import traceback
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .book import load
from .book.discover import BookFiles, find_root
from .book.model import Book
from .config import Config, find_config, load_config, selected_codes
from .context import Context
from .document.model import Document
from .findings import Finding
from .registry import Rule, all_rules
from .suppress import suppressions

MAX_PER_RULE_AND_FILE = 1000  # past this a rule's findings in one file stop being useful, and cost time


@dataclass
class RunResult:
    book: Book
    findings: list[Finding]
    internal_errors: int = 0
    checked: list[str] = field(default_factory=list)
    config: Config | None = None


@dataclass
class Options:
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    config_path: Path | None = None
    isolated: bool = False  # ignore config files
    external: bool = False  # `--external`: check external URLs over the network (as `external = true` does)
    offline: bool = False  # `--offline`: no network at all, whatever the configuration says


def load_book(root: Path, cfg: Config) -> Book:
    """The book under ``root`` as ``cfg`` selects its files, dialect and heading ids."""
    return load.load_book(root, include=cfg.include, exclude=cfg.exclude, dialect=cfg.dialect, slugger=cfg.slugger)


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
    extend = list(opts.extend_select or [])
    if opts.external or opts.offline:
        links = cfg.families.setdefault("links", {})
        links.update({"external": True} if opts.external else {})
        links.update({"offline": True} if opts.offline else {})
    if cfg.family("links").get("external"):  # the network rules join the selection (off by default)
        extend += [r.code for r in all_rules() if r.network]
    codes = selected_codes(cfg, opts.select, opts.ignore, extend or None)
    book = load_book(root, cfg)
    targets = _targets(root, paths, book.files)
    return check_book(book, codes, targets, config=cfg)


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


def check_book(book: Book, codes: set[str], targets: set[str] | None = None, *, config: Config | None = None) -> RunResult:
    """Run the rules ``codes`` over ``book`` (reporting on ``targets``, or every file) with ``config``."""
    with parsed_objects_frozen():
        return _check_book(book, codes, targets, config or Config())


def _check_book(book: Book, codes: set[str], targets: set[str] | None, config: Config) -> RunResult:
    rules = [r for r in all_rules() if r.code in codes]
    findings: list[Finding] = []
    internal = 0
    doc_rules = [r for r in rules if r.scope == "document"]
    book_rules = [r for r in rules if r.scope == "book"]
    checked = [rel for rel in book.docs if targets is None or rel in targets]
    for rel in checked:
        doc = book.docs[rel]
        for r in doc_rules:
            internal += _call(r, book, config, doc, findings)
    for r in book_rules:
        internal += _call(r, book, config, book, findings)
    if targets is not None:
        findings = [f for f in findings if f.path in targets]
    findings = _apply_suppressions(book, config, findings)
    findings = _dedupe(findings)
    findings.sort(key=Finding.sort_key)
    _spell_tables(findings, config)
    return RunResult(book, findings, internal, checked, config)


_TABLE = re.compile(r"\[tool\.booklint\.([a-z][a-z.-]*)\]")


def _spell_tables(findings: list[Finding], config: Config) -> None:
    """Rules name settings as pyproject.toml spells them (`[tool.booklint.spelling]`); a book
    configured in booklint.toml reads them as its file spells them (`[spelling]`)."""
    if config.path is None or config.path.name == "pyproject.toml":
        return
    for f in findings:
        if "[tool.booklint." in f.message:
            f.message = _TABLE.sub(lambda m: f"[{m.group(1)}]", f.message)


def _call(r: Rule, book: Book, config: Config, subject: Document | Book, out: list[Finding]) -> int:
    ctx = Context(book, config, r)
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


def _apply_suppressions(book: Book, config: Config, findings: list[Finding]) -> list[Finding]:
    out = []
    pfi = config.per_file_ignores
    for f in findings:
        if f.code == "X001":
            out.append(f)
            continue
        if pfi and any(fnmatch.fnmatch(f.path, pat) and f.code in codes for pat, codes in pfi.items()):
            continue
        if suppressions(book, f.path).covers(f.code, f.line):
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
