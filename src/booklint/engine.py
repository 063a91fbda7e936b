"""discover → parse → index → rules → suppress: one run of booklint over one book."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import multiprocessing
import os
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .book import load
from .book.discover import BookFiles, discover, find_root
from .book.model import Book
from .config import Config, find_config, load_config, selected_codes
from .context import Context
from .document.model import Document
from .document.source import Source
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


@dataclass
class Options:
    select: list[str] | None = None
    ignore: list[str] | None = None
    extend_select: list[str] | None = None
    config_path: Path | None = None
    isolated: bool = False  # ignore config files
    jobs: int = 1  # processes for the per-file rules (the CLI's default: every core)
    cache: bool = False  # reuse the findings of an earlier run with exactly the same inputs (cache.py)
    progress: Callable[[str, int, int], None] | None = None  # (phase, done, total): "parse", "check"


def load_book(root: Path, cfg: Config, files: BookFiles | None = None,
              progress: Callable[[int, int], None] | None = None) -> Book:
    """The book under ``root`` as ``cfg`` selects its files, dialect and heading ids."""
    return load.load_book(root, include=cfg.include, exclude=cfg.exclude, dialect=cfg.dialect, slugger=cfg.slugger,
                          files=files, parse_timeout=cfg.parse_timeout, progress=progress)


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
    files = discover(root, cfg.include or None, cfg.exclude or [])
    targets = _targets(root, paths, files)
    store = key = None
    if opts.cache and all(getattr(r, "cacheable", True) for r in all_rules() if r.code in codes):
        from . import cache

        store = cache.Cache.for_book(root)
        key = _run_key(root, cfg, codes, targets, files)
        hit = store.get(key)
        if isinstance(hit, tuple) and len(hit) == 3:
            findings, internal, checked = hit
            return RunResult(_sources_only(root, files, cfg), findings, internal, checked)
    progress = opts.progress
    book = load_book(root, cfg, files, (lambda i, n: progress("parse", i, n)) if progress else None)
    result = check_book(book, codes, targets, config=cfg, jobs=opts.jobs, progress=progress)
    if store is not None and key is not None:
        store.put(key, (result.findings, result.internal_errors, result.checked))
    return result


def _run_key(root: Path, cfg: Config, codes: set[str], targets: set[str] | None, files: BookFiles) -> str:
    """Everything a run's findings depend on (cache.py): booklint's code and data, the effective
    configuration, the rules, the files reported on, the book's files and their contents, and
    the source book of a translation when one is configured."""
    from . import cache

    settings = {k: v for k, v in vars(cfg).items() if k != "path"}
    parts: list[object] = [cache.code_digest(), sorted(settings.items()), sorted(codes),
                           None if targets is None else sorted(targets),
                           sorted(files.dirs), sorted(files.outside_links), files.truncated,
                           cache.tree_digest(root, files.markdown, files.others)]
    source = (cfg.families.get("translation") or {}).get("source")
    if isinstance(source, str) and source:
        other = (root / source).resolve()
        if other.is_dir():
            of = discover(other, None, [])
            parts.append(cache.tree_digest(other, of.markdown, of.others))
        else:
            parts.append(("missing", str(other)))
    return cache.run_key(*parts)


class _SourceDocs(dict):
    """The book's Markdown files as bare Documents (their source, nothing parsed), read on
    first use: what the reports and fixes need when the findings come from the cache."""

    def __init__(self, root: Path, rels: list[str]):
        super().__init__()
        self._root = root
        self._rels = list(rels)
        self._known = set(rels)

    def _load(self, rel: str) -> Document:
        doc = dict.get(self, rel)
        if doc is None:
            try:
                p = self._root / rel
                raw = b"" if p.stat().st_size > load.MAX_FILE else p.read_bytes()
            except OSError:
                raw = b""
            doc = Document(source=Source.from_bytes(rel, raw))
            dict.__setitem__(self, rel, doc)
        return doc

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
        return [(r, self._load(r)) for r in self._rels]


def _sources_only(root: Path, files: BookFiles, cfg: Config) -> Book:
    from .book.site import Site

    site = Site(files, "plain", None, {}, {})
    return Book(root, files, site, _SourceDocs(root, files.markdown), slugger=cfg.slugger)


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


def check_book(book: Book, codes: set[str], targets: set[str] | None = None, *, config: Config | None = None,
               jobs: int = 1, progress: Callable[[str, int, int], None] | None = None) -> RunResult:
    """Run the rules ``codes`` over ``book`` (reporting on ``targets``, or every file) with ``config``,
    the per-file rules in ``jobs`` processes."""
    with parsed_objects_frozen():
        return _check_book(book, codes, targets, config or Config(), jobs, progress)


def _check_book(book: Book, codes: set[str], targets: set[str] | None, config: Config, jobs: int = 1,
                progress: Callable[[str, int, int], None] | None = None) -> RunResult:
    rules = [r for r in all_rules() if r.code in codes]
    internal = 0
    doc_rules = [r for r in rules if r.scope == "document"]
    book_rules = [r for r in rules if r.scope == "book"]
    checked = [rel for rel in book.docs if targets is None or rel in targets]
    # book rules first: the shared analyses they build (the vocabulary, the bibliographies)
    # are then inherited by the worker processes instead of being built in each
    book_findings: list[Finding] = []
    for r in book_rules:
        internal += _call(r, book, config, book, book_findings)
    per_file = _per_file(book, config, doc_rules, checked, jobs, progress) if doc_rules else {}
    findings: list[Finding] = []
    for rel in checked:  # the order of a serial run, whatever the scheduling
        got, n = per_file.get(rel, ([], 0))
        findings.extend(got)
        internal += n
    findings.extend(book_findings)
    if targets is not None:
        findings = [f for f in findings if f.path in targets]
    findings = _apply_suppressions(book, config, findings)
    findings = _dedupe(findings)
    findings.sort(key=Finding.sort_key)
    return RunResult(book, findings, internal, checked)


# memo entries about one page worth keeping after its rules ran: small, and read again at the
# end of the run (suppressions) or by other pages' rules (anchors)
_KEEP = frozenset({"book.anchors", "suppress", "book.source"})


def _check_file(book: Book, config: Config, doc_rules: list[Rule], rel: str) -> tuple[list[Finding], int]:
    """The document rules on one page; its own analyses are dropped afterwards (bounded memory)."""
    out: list[Finding] = []
    doc = book.docs[rel]
    n = 0
    for r in doc_rules:
        n += _call(r, book, config, doc, out)
    memo = book._memo
    for k in [k for k in memo if isinstance(k, tuple) and rel in k and k[0] not in _KEEP]:
        del memo[k]
    return out, n


_WORK: tuple | None = None  # (book, config, rules) a forked worker inherits


def _work(rels: list[str]) -> list[tuple[str, list[Finding], int]]:
    assert _WORK is not None
    book, config, doc_rules = _WORK
    return [(rel, *_check_file(book, config, doc_rules, rel)) for rel in rels]


def _batches(book: Book, rels: list[str], jobs: int) -> list[list[str]]:
    """Small batches, biggest pages first, so the workers finish together; each batch a few pages."""
    size = {rel: len(book.docs[rel].text) for rel in rels}
    order = sorted(rels, key=lambda r: (-size[r], r))
    per = max(1, min(16, len(order) // (jobs * 8) or 1))
    return [order[i:i + per] for i in range(0, len(order), per)]


def _per_file(book: Book, config: Config, doc_rules: list[Rule], checked: list[str], jobs: int,
              progress: Callable[[str, int, int], None] | None) -> dict[str, tuple[list[Finding], int]]:
    """Each page's document-rule findings. With ``jobs`` > 1 the pages are shared among forked
    worker processes, which inherit the parsed book and the shared analyses; a worker that dies
    (killed, out of memory) costs time only: its pages are then checked here."""
    out: dict[str, tuple[list[Finding], int]] = {}
    total = len(checked)
    if jobs > 1 and total > 1 and "fork" in multiprocessing.get_all_start_methods():
        from concurrent.futures import ProcessPoolExecutor, as_completed
        from concurrent.futures.process import BrokenProcessPool

        global _WORK
        _WORK = (book, config, doc_rules)
        try:
            with ProcessPoolExecutor(min(jobs, total), mp_context=multiprocessing.get_context("fork")) as pool:
                futures = [pool.submit(_work, batch) for batch in _batches(book, checked, jobs)]
                for fut in as_completed(futures):
                    try:
                        batch = fut.result()
                    except BrokenProcessPool:
                        break
                    for rel, got, n in batch:
                        out[rel] = (got, n)
                    if progress is not None:
                        progress("check", len(out), total)
        except (OSError, BrokenProcessPool):
            pass  # no processes to be had: the rest is checked below, in this process
        finally:
            _WORK = None
    for rel in checked:
        if rel not in out:
            out[rel] = _check_file(book, config, doc_rules, rel)
            if progress is not None:
                progress("check", len(out), total)
    return out


def default_jobs() -> int:
    """Every core this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


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
        if f.path in book.docs and suppressions(book, f.path).covers(f.code, f.line):
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
