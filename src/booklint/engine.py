"""discover → parse → index → rules → suppress: one run of booklint over one book."""

from __future__ import annotations

import contextlib
import fnmatch
import gc
import os
import re
import sys
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from .book import load
from .book.discover import BookFiles, discover, find_root
from .book.model import Book, NamedDocs
from .config import Config, find_config, load_config, selected_codes
from .context import Context
from .document.model import Document
from .document.source import Source
from .findings import Finding
from .registry import Rule, all_rules
from .suppress import suppressions

PARALLEL_MIN_BYTES = 1 << 20  # below this much Markdown, a pool of worker processes costs more than it saves
# from this much Markdown on, the pages are parsed and checked in this process and forked children
# (_fork_share), after what the rules' families load on such pages is loaded here (_warm); where Linux's
# fork and memfd are missing, a pool from PARALLEL_MIN_BYTES on
PAGES_MIN_BYTES = 256 << 10
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
    jobs: int = 1  # processes for the per-file rules (the CLI's default: every core)
    cache: bool = False  # reuse the findings of an earlier run with exactly the same inputs (cache.py)
    progress: Callable[[str, int, int], None] | None = None  # (phase, done, total): "parse", "check"
    pages_apart: bool = True  # parse and check each page in turn, keeping only its summary (_run_pages_apart)


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
    extend = list(opts.extend_select or [])
    if opts.external or opts.offline:
        links = cfg.families.setdefault("links", {})
        links.update({"external": True} if opts.external else {})
        links.update({"offline": True} if opts.offline else {})
    if cfg.family("links").get("external"):  # the network rules join the selection (off by default)
        extend += [r.code for r in all_rules() if r.network]
    codes = selected_codes(cfg, opts.select, opts.ignore, extend or None)
    files = discover(root, cfg.include or None, cfg.exclude or [])
    targets = _targets(root, paths, files)
    store = key = None
    pages_cache: tuple | None = None
    if opts.cache and all(r.cacheable for r in all_rules() if r.code in codes):
        from . import cache

        store = cache.Cache.for_book(root)
        digests = {rel: cache.file_digest(root / rel) for rel in files.markdown}
        base = _base_key(root, cfg, codes, files)
        key = cache.run_key(base, None if targets is None else sorted(targets), sorted(digests.items()))
        hit = store.get(key)
        if isinstance(hit, tuple) and len(hit) == 3:
            findings, internal, checked = hit
            return RunResult(_sources_only(root, files, cfg), findings, internal, checked, cfg)
        # two versions of every page and some (a branch and its base; a setting tried and undone):
        # a 15-page book keeps 94 entries, about 11 MB, not 1,000, and a CI cache stays small to restore
        pages_cache = (store.sub("pages", 2 * len(files.markdown) + 64), base, digests)
    progress = opts.progress
    result = None
    if opts.pages_apart:
        result = _run_pages_apart(root, cfg, codes, targets, files, opts.jobs, progress, pages_cache)
    if result is None:
        book = load_book(root, cfg, files, (lambda i, n: progress("parse", i, n)) if progress else None)
        result = check_book(book, codes, targets, config=cfg, jobs=opts.jobs, progress=progress)
    if store is not None and key is not None:
        store.put(key, (result.findings, result.internal_errors, result.checked))
    return result


def _base_key(root: Path, cfg: Config, codes: set[str], files: BookFiles) -> str:
    """What every finding of a run depends on besides the Markdown files' contents and the
    files reported on (cache.py): booklint's code and data, the effective configuration, the
    rules, the book's list of files, its other files' contents, and the source book of a
    translation when one is configured."""
    from . import cache

    settings = {k: v for k, v in vars(cfg).items() if k != "path"}
    parts: list[object] = [cache.code_digest(), sorted(settings.items()), sorted(codes),
                           sorted(files.markdown), sorted(files.dirs), sorted(files.outside_links), files.truncated,
                           cache.others_digest(root, files.others)]
    source = (cfg.families.get("translation") or {}).get("source")
    if isinstance(source, str) and source:
        other = (root / source).resolve()
        if other.is_dir():
            of = discover(other, None, [])
            parts.append(cache.tree_digest(other, of.markdown, of.others))
            parts.append((_git_head(root), _git_head(other)))  # P009 reads both histories
        else:
            parts.append(("missing", str(other)))
    return cache.run_key(*parts)


def _git_head(folder: Path) -> str | None:
    """The commit checked out in ``folder``'s repository, or None outside git."""
    import subprocess

    try:
        p = subprocess.run(["git", "-C", str(folder), "rev-parse", "HEAD"], capture_output=True, text=True, timeout=10)
    except (OSError, subprocess.SubprocessError):
        return None
    return p.stdout.strip() if p.returncode == 0 else None


def _run_key(root: Path, cfg: Config, codes: set[str], targets: set[str] | None, files: BookFiles) -> str:
    """The key of a whole run: :func:`_base_key`, the files reported on, every Markdown file's content."""
    from . import cache

    digests = sorted((rel, cache.file_digest(root / rel)) for rel in files.markdown)
    return cache.run_key(_base_key(root, cfg, codes, files), None if targets is None else sorted(targets), digests)


class _SourceDocs(NamedDocs):
    """The book's Markdown files as bare Documents (their source, nothing parsed), read on
    first use: what the reports and fixes need when the findings come from the cache."""

    def __init__(self, root: Path, rels: list[str]):
        super().__init__(rels)
        self._root = root

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
    per_file = _per_file(book, config, dict.fromkeys(checked, doc_rules), checked, jobs, progress) if doc_rules else {}
    findings: list[Finding] = []
    for rel in checked:  # the order of a serial run, whatever the scheduling
        got, n = per_file.get(rel, ([], 0))
        for _code, fs in got:
            findings.extend(fs)
        internal += n
    findings.extend(book_findings)
    return _finished(book, config, findings, targets, internal, checked)


def _finished(book: Book, config: Config, findings: list[Finding], targets: set[str] | None, internal: int,
              checked: list[str]) -> RunResult:
    """The run's findings as reported: on the targets, suppressions applied, once each, in order,
    config tables spelt as the user's file spells them."""
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


# memo entries about one page worth keeping after its rules ran: small, and read again at the
# end of the run (suppressions) or by other pages' rules (anchors)
_KEEP = frozenset({"book.anchors", "suppress", "book.source"})


def _check_file(book: Book, config: Config, doc_rules: list[Rule], rel: str,
                call: Callable[[Rule, Book, Config, Document, list[Finding]], int] | None = None
                ) -> tuple[list[tuple[str, list[Finding]]], int]:
    """The document rules on one page (each by ``call``, :func:`_call` by default), each rule's
    findings apart; the page's own analyses are dropped afterwards (bounded memory)."""
    call = call or _call
    out: list[tuple[str, list[Finding]]] = []
    doc = book.docs[rel]
    n = 0
    for r in doc_rules:
        got: list[Finding] = []
        n += call(r, book, config, doc, got)
        out.append((r.code, got))
    memo = book._memo
    for k in [k for k in memo if isinstance(k, tuple) and rel in k and k[0] not in _KEEP]:
        del memo[k]
    return out, n


_WORK: tuple | None = None  # (book, config, rules of each page) a forked worker inherits


def _work(rels: list[str]) -> list[tuple[str, list[tuple[str, list[Finding]]], int]]:
    assert _WORK is not None
    book, config, rules_of = _WORK
    return [(rel, *_check_file(book, config, rules_of[rel], rel)) for rel in rels]


def _batches(book: Book, rels: list[str], jobs: int) -> list[list[str]]:
    """Small batches, biggest pages first, so the workers finish together; each batch a few pages."""
    size = {rel: len(book.docs[rel].text) for rel in rels}
    order = sorted(rels, key=lambda r: (-size[r], r))
    per = max(1, min(16, len(order) // (jobs * 8) or 1))
    return [order[i:i + per] for i in range(0, len(order), per)]


def _per_file(book: Book, config: Config, rules_of: dict[str, list[Rule]], checked: list[str], jobs: int,
              progress: Callable[[str, int, int], None] | None, call: Callable | None = None
              ) -> dict[str, tuple[list[tuple[str, list[Finding]]], int]]:
    """Each page's document-rule findings. With ``jobs`` > 1 the pages are shared among forked
    worker processes, which inherit the parsed book and the shared analyses; a worker that dies
    (killed, out of memory) costs time only: its pages are then checked here. ``call``: how a
    rule is called in this process (:func:`_check_file`)."""
    out: dict[str, tuple[list[tuple[str, list[Finding]]], int]] = {}
    total = len(checked)
    if jobs > 1 and sum(len(book.docs[rel].text) for rel in checked) < PARALLEL_MIN_BYTES:
        jobs = 1
    if jobs > 1 and total > 1:
        def take(batch: list[tuple[str, list[tuple[str, list[Finding]]], int]]) -> None:
            for rel, got, n in batch:
                out[rel] = (got, n)
            if progress is not None:
                progress("check", len(out), total)

        global _WORK
        _WORK = (book, config, rules_of)
        try:
            _in_workers(min(jobs, total), _work, [(b,) for b in _batches(book, checked, jobs)], take)
        finally:
            _WORK = None
    for rel in checked:
        if rel not in out:
            out[rel] = _check_file(book, config, rules_of[rel], rel, call)
            if progress is not None:
                progress("check", len(out), total)
    return out


# -- pages apart ---------------------------------------------------------------------------
#
# A run over a big book need not hold every parsed page at once. Each page is parsed and its
# own rules run on it right away (in worker processes with --jobs); what a rule would read of
# *other* pages (their anchors, the book's vocabulary, the bibliographies' citations) is not
# there yet, so such a rule stops with `_Deferred` and runs again once every page is parsed,
# on the pages' summaries (load.PageSummary: the page without its token streams) and the
# merged vocabulary. The site model needs every page's front matter before any rule runs:
# it is guessed from the YAML block at the top of each file, and checked against the parse;
# when a guess was wrong the run starts again the ordinary way. Nothing here changes what a
# rule sees, only when it runs, so the findings are those of a plain run.


class _Deferred(BaseException):  # not an Exception: no `except Exception` in a rule may swallow it
    pass


class _OnePage(NamedDocs):
    """The book's pages as a worker sees them: every name, but only the page being checked."""

    def __init__(self, rels: list[str]):
        super().__init__(rels)
        self.current: tuple[str, Document] | None = None

    def _load(self, rel: str) -> Document:
        if self.current is not None and self.current[0] == rel:
            return self.current[1]
        raise _Deferred(rel)

    def values(self):
        if len(self._rels) > 1:
            raise _Deferred("*")
        return super().values()


@dataclass
class _Page:
    rel: str
    site_fm: dict | None  # what the parse says the site model should take (load.site_front_matter)
    unterminated: bool  # the front matter block has no end (the site model lists such pages last)
    found: dict[str, list[Finding]]  # rule code → findings, for the rules that ran
    deferred: list[str]  # codes of the rules that need the other pages
    internal: int
    summary: Document
    text: object | None  # prose.vocabulary.DocText without its Document, when a prose rule is on


# memo entries about one side file that hold plain data (no reference to the Book): what the
# checks of the pages built of them stays good for the rules that run after
_SIDE_FILE_KEYS = frozenset({"book.source", "bibliography.parsed"})

_PAGES: tuple | None = None  # (book, config, rules, checked, want_text) a forked worker inherits


def _one_page(book: Book, config: Config, doc_rules: list[Rule], checked: set[str], want_text: bool,
              rel: str, budget: float | None) -> _Page:
    from .prose.vocabulary import page_text

    doc = load.read_document(book.root, rel, budget)
    found: dict[str, list[Finding]] = {}
    deferred: list[str] = []
    internal = 0
    text = None
    if rel in checked:
        pages = book.docs
        assert isinstance(pages, _OnePage)
        pages.current = (rel, doc)
        try:
            for r in doc_rules:
                out: list[Finding] = []
                try:
                    internal += _call(r, book, config, doc, out)
                except _Deferred:
                    deferred.append(r.code)
                    continue
                found[r.code] = out
        finally:
            pages.current = None
            memo = book._memo
            text = memo.get(("prose.doc_text", rel)) if want_text else None  # a rule made it already
            for k in [k for k in memo if isinstance(k, tuple) and rel in k]:
                del memo[k]
    if want_text:
        if text is None:
            text = page_text(doc)
        text.doc = None  # type: ignore[assignment]
    data, open_end = load.site_front_matter(doc)
    return _Page(rel, data, open_end, found, deferred, internal, load.summarize(doc), text)


def _pages_work(rels: list[str], ship: bool = False) -> list[_Page | bytes]:
    """Each page parsed and checked (:func:`_one_page`), and stored in the page cache if there
    is one. With ``ship`` (a worker's batch) and a cache, a page comes back as the bytes the
    cache stored: pickled once, for the cache and for the trip to the main process."""
    assert _PAGES is not None
    book, config, doc_rules, checked, want_text, budget, pstore, keys = _PAGES
    if pstore is not None:
        from . import cache
    out: list[_Page | bytes] = []
    for rel in rels:
        pg = _one_page(book, config, doc_rules, checked, want_text, rel, budget)
        body = None if pstore is None else cache.dumps(pg)
        if body is None:  # no cache, or a page it cannot hold: sent as it is
            out.append(pg)
            continue
        pstore.put_pickled(keys[rel], body, trim=False)
        out.append(body if ship else pg)
    return out


def _markdown_bytes(root: Path, rels: list[str], limit: int) -> int:
    n = 0
    for rel in rels:
        try:
            n += (root / rel).stat().st_size
        except OSError:
            pass
        if n >= limit:
            break
    return n


def _page_order(root: Path, rels: list[str]) -> list[str]:
    """The pages, biggest first."""
    size = {}
    for rel in rels:
        try:
            size[rel] = (root / rel).stat().st_size
        except OSError:
            size[rel] = 0
    return sorted(rels, key=lambda r: (-size[r], r))


def _page_batches(root: Path, rels: list[str], jobs: int) -> list[list[str]]:
    order = _page_order(root, rels)
    per = max(1, min(8, len(order) // (jobs * 8) or 1))
    return [order[i:i + per] for i in range(0, len(order), per)]


def _run_pages_apart(root: Path, cfg: Config, codes: set[str], targets: set[str] | None, files: BookFiles,
                     jobs: int, progress: Callable[[str, int, int], None] | None,
                     pages_cache: tuple | None = None) -> RunResult | None:
    """A run with the pages apart (above); None when the front matter guess was wrong.

    With ``pages_cache`` (a cache folder, the run's base key, each Markdown file's digest) a
    page's result (its summary, its text, the findings of the rules that read only the page)
    is kept under a key of the base, the guessed front matter of every page (the site model),
    the page's name and content; a later run takes it from there instead of parsing the page.
    The rules that read other pages run again every time, but for the tracked ones (Rule.tracked)
    on pages none of whose reads changed (:func:`_tracked`)."""

    rules = [r for r in all_rules() if r.code in codes]
    doc_rules = [r for r in rules if r.scope == "document"]
    book_rules = [r for r in rules if r.scope == "book"]
    rels = list(files.markdown)
    checked = [rel for rel in rels if targets is None or rel in targets]
    guessed = _site_fm(rels, _guesses(root, rels, pages_cache, jobs))
    shell = load.book_from(root, files, _OnePage(rels), guessed, dialect=cfg.dialect, slugger=cfg.slugger)
    want_text = any(r.code[0] in "ST" for r in rules)  # the spelling and terminology rules read the vocabulary
    pages: dict[str, _Page] = {}
    total = len(rels)
    keys: dict[str, str] = {}
    pstore = None
    stored: list[str] = []  # the pages the cache may hold
    if pages_cache is not None:
        from . import cache

        pstore, base, digests = pages_cache
        site_key = cache.run_key(base, sorted(guessed), [repr(v) for v in guessed.values()], want_text, cfg.parse_timeout)
        checked_set = set(checked)
        for rel in rels:
            keys[rel] = cache.run_key(site_key, rel, digests.get(rel), rel in checked_set)
            if rel not in checked_set and not pstore.has(keys[rel]):
                # a page not reported on needs its summary and text alone: the entry of a run
                # that reported on it holds them too (a run on a few files after a run on the
                # whole book parses only the pages that changed)
                whole = cache.run_key(site_key, rel, digests.get(rel), True)
                if pstore.has(whole):
                    keys[rel] = whole
        stored = [rel for rel in rels if pstore.has(keys[rel])]

    def done(batch: list[_Page | bytes]) -> None:
        for pg in batch:
            if isinstance(pg, bytes):
                import pickle

                pg = pickle.loads(pg)
            pages[pg.rel] = pg
        gc.freeze()  # the pages kept so far live to the end: the collector need not walk them again and again
        if progress is not None:
            progress("parse", len(pages), total)

    global _PAGES
    _PAGES = (shell, cfg, doc_rules, set(checked), want_text, cfg.parse_timeout, pstore, keys)
    ahead = None
    try:
        in_store = set(stored)
        fresh = [rel for rel in rels if rel not in in_store]
        if (jobs > 1 and fresh and _markdown_bytes(root, stored, PARALLEL_MIN_BYTES) >= PARALLEL_MIN_BYTES
                and _markdown_bytes(root, fresh, PARALLEL_MIN_BYTES) < PARALLEL_MIN_BYTES):
            # a few pages changed in a big book: a worker parses and checks them while this
            # process restores the others from the cache
            ahead = _Workers(1, _pages_work, [(b, True) for b in _page_batches(root, fresh, 1)])
        if stored:
            _restore(pstore, keys, stored, pages)
        if ahead is not None:
            ahead.finish(done)
        todo = [rel for rel in rels if rel not in pages]
        shared = jobs > 1 and len(todo) > 2
        size = _markdown_bytes(root, todo, PARALLEL_MIN_BYTES) if shared else 0  # the pages to parse
        if shared and size >= PAGES_MIN_BYTES and _FORK_SHARE:
            _warm(root, todo, rules)
            # a page a task (a few past _MAX_TASKS pages), biggest first, shared between this
            # process and forked children: this process's own pages are never sent, so never
            # unpickled (and pickled only for the cache, if there is one); on the 50x book, 0.5 s
            # less CPU of 18.4 than a pool of two, whose pages all come here pickled
            order = _page_order(root, todo)
            per = -(-len(order) // _MAX_TASKS)  # (the queue must fit in a pipe)
            forked = _fork_share(min(jobs, len(todo)), _pages_work,
                                 [(order[i:i + per], True) for i in range(0, len(order), per)],
                                 done, lambda rels, _ship: _pages_work(rels))
        else:
            forked = False
        if not forked and shared and size >= PARALLEL_MIN_BYTES:  # (no fork or memfd to be had: a pool)
            batches = _page_batches(root, todo, jobs)
            # the biggest page here first: the rules' shipped data (TeX tables, word lists) and
            # lazy imports are then loaded once, and the workers inherit them
            first, batches[0] = batches[0][0], batches[0][1:]
            done(_pages_work([first]))
            _in_workers(min(jobs, len(todo)), _pages_work, [(b, True) for b in batches if b], done)
        for rel in rels:
            if rel not in pages:
                done(_pages_work([rel]))
    finally:
        if ahead is not None:
            ahead.close()
        _PAGES = None
        gc.unfreeze()  # (parsed_objects_frozen below sets everything aside again for the rules)
    if pstore is not None:
        pstore.trim()
    fm = _site_fm(rels, {rel: (pg.site_fm, pg.unterminated) for rel, pg in pages.items()})
    if fm != guessed or list(fm) != list(guessed):
        return None  # the site model was built on a wrong guess: start again the ordinary way
    with parsed_objects_frozen():
        reuse = _Reuse(pstore, site_key, digests) if pstore is not None else None
        return _pages_checked(shell, cfg, pages, rels, checked, targets, doc_rules, book_rules, want_text, progress,
                              reuse)


def _restore(pstore, keys: dict[str, str], rels: list[str], pages: dict[str, _Page]) -> None:
    """The cache's entries of the pages ``rels`` into ``pages`` (a missing or foreign entry is left out)."""
    was_enabled = gc.isenabled()
    gc.disable()  # the pages restored live to the end of the run: a collection would only walk them (2x the time)
    try:
        for rel in rels:
            hit = pstore.get(keys[rel])
            if isinstance(hit, _Page) and hit.rel == rel:
                pages[rel] = hit
                pstore.touch(keys[rel])
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _warm(root: Path, rels: list[str], rules: list[Rule]) -> None:
    """Before the fork: what the selected rules' families load on such pages anyway
    (registry.warmer), loaded once here for both processes instead of once in each."""
    from .registry import WARMERS

    families = sorted({r.family for r in rules if r.family in WARMERS})
    if not families:
        return
    pages = []
    for rel in rels:
        try:
            pages.append((root / rel).read_bytes())
        except OSError:
            pass
    for family in families:
        try:
            WARMERS[family](pages)
        except Exception:  # a table that cannot load here fails as it always did, in the rule that reads it
            pass


def _guesses(root: Path, rels: list[str], pages_cache: tuple | None, jobs: int = 1) -> dict[str, tuple[dict | None, bool]]:
    """Each page's guessed front matter (load.guess_front_matter); with the cache, a page whose
    content was seen before is not read and its YAML not parsed again (one entry for the book,
    keyed by each page's name and content digest). A big book's guesses are shared between
    ``jobs`` processes: nothing else can start before the site model they make."""
    known: dict = {}
    pstore = key = None
    digests: dict[str, str] = {}
    if pages_cache is not None:
        from . import cache

        pstore, base, digests = pages_cache
        key = cache.run_key(base, "front matter guesses")
        hit = pstore.get(key)
        known = hit if isinstance(hit, dict) else {}
    out: dict[str, tuple[dict | None, bool]] = {}
    fresh: list[str] = []
    for rel in rels:
        d = digests.get(rel)
        g = known.get((rel, d)) if d not in (None, "-") else None
        if isinstance(g, tuple) and len(g) == 2 and isinstance(g[0], (dict, type(None))):
            out[rel] = g
        else:  # absent or foreign
            fresh.append(rel)
    if (_FORK_SHARE and jobs > 1 and len(fresh) > 2
            and _markdown_bytes(root, fresh, PARALLEL_MIN_BYTES) >= PARALLEL_MIN_BYTES):
        per = max(1, len(fresh) // (jobs * 8))
        chunks = [(fresh[i:i + per], root) for i in range(0, len(fresh), per)]
        _fork_share(min(jobs, len(chunks)), _guess_all, chunks, out.update)
    for rel in fresh:
        if rel not in out:  # one process, or what a worker left undone
            out[rel] = load.guess_front_matter(root, rel)
    out = {rel: out[rel] for rel in rels}
    if pstore is not None and key is not None and (fresh or len(known) != len(rels)):
        pstore.put(key, {(rel, digests.get(rel)): g for rel, g in out.items()}, trim=False)
    elif pstore is not None and key is not None:
        pstore.touch(key)  # the trim at the end of the run keeps the newest entries
    return out


def _guess_all(rels: list[str], root: Path) -> dict[str, tuple[dict | None, bool]]:
    return {rel: load.guess_front_matter(root, rel) for rel in rels}


def _site_fm(rels: list[str], kinds: dict[str, tuple[dict | None, bool]]) -> dict[str, dict]:
    """The site model's front matter in the loader's order: pages with a front matter block,
    then those whose block is unterminated."""
    fm = {rel: kinds[rel][0] for rel in rels if kinds[rel][0] is not None and not kinds[rel][1]}
    fm.update({rel: kinds[rel][0] for rel in rels if kinds[rel][0] is not None and kinds[rel][1]})
    return fm  # type: ignore[return-value]


def _pages_checked(shell: Book, cfg: Config, pages: dict[str, _Page], rels: list[str], checked: list[str],
                   targets: set[str] | None, doc_rules: list[Rule], book_rules: list[Rule], want_text: bool,
                   progress: Callable[[str, int, int], None] | None, reuse: _Reuse | None = None) -> RunResult:
    from dataclasses import replace

    from .prose.vocabulary import seed_vocabulary

    docs = {rel: pages[rel].summary for rel in rels}
    book = replace(shell, docs=docs, _memo={})
    for k, v in shell._memo.items():  # side files read while the pages were checked: not read (or parsed) twice
        if isinstance(k, tuple) and len(k) == 2 and k[0] in _SIDE_FILE_KEYS and k[1] in shell.files.others:
            book._memo[k] = v
    config_source = shell._memo.get(("book.source", "_config.yml"))
    if config_source is not None:
        book.keep_source(config_source)
    if want_text:
        texts = {}
        for rel in rels:
            dt = pages[rel].text
            dt.doc = docs[rel]  # type: ignore[union-attr]
            texts[rel] = dt
        seed_vocabulary(book, texts)
    by_code = {r.code: r for r in doc_rules}
    later = {rel: [by_code[c] for c in pages[rel].deferred] for rel in checked if pages[rel].deferred}
    internal, book_findings, again = _book_wide(book, cfg, book_rules, later, progress, reuse)
    findings: list[Finding] = []
    for rel in checked:  # a plain run's order: page by page, rule by rule
        pg = pages[rel]
        internal += pg.internal
        redo: dict[str, list[Finding]] = {}
        if rel in again:
            got, n = again[rel]
            internal += n
            redo = dict(got)
        for r in doc_rules:
            findings.extend(pg.found[r.code] if r.code in pg.found else redo.get(r.code, ()))
    findings.extend(book_findings)
    return _finished(book, cfg, findings, targets, internal, checked)


def _book_wide(book: Book, config: Config, book_rules: list[Rule], later: dict[str, list[Rule]],
               progress: Callable[[str, int, int], None] | None, reuse: _Reuse | None = None
               ) -> tuple[int, list[Finding], dict[str, tuple[list[tuple[str, list[Finding]]], int]]]:
    """The rules that read the whole book: the book rules, then the document rules that had to
    wait for every page (``later``), all in this process. A forked child would read every
    page's summary, and each object it reads copies the page of memory its reference count is
    on: on the 50x book that was 80 MB more at the run's peak (400 MB instead of 340) to save
    0.16 s of 11 (the book-wide work took 0.66 s in two processes, 0.82 s in one).

    With ``reuse`` (the run cache), a tracked rule's findings on a page (Rule.tracked) are taken
    from the last run that found them when neither the page nor any page they were read from
    has changed: a renamed heading checks again the links that point at its page, no others.
    What every rule here reads is then watched (book/reads.py), the book rules' too: an entry
    they build may serve a tracked rule."""
    reads = None
    docs = book.docs
    if reuse is not None and any(r.tracked for rules in later.values() for r in rules):
        from .book.reads import Reads, WatchedDocs

        reads = Reads()
        for key in book._memo:  # what the engine put there before: a page's text, a side file
            if isinstance(key, tuple) and len(key) == 2 and isinstance(key[1], str):
                if key[0] == "prose.doc_text":
                    reads.known(key, (key[1],))
                elif key[0] in _SIDE_FILE_KEYS and key[1] not in docs:
                    reads.known(key, ())  # (its content is in the run's base key)
        book.docs = WatchedDocs(docs, reads)
        book._reads = reads
    try:
        internal = 0
        book_findings: list[Finding] = []
        for r in book_rules:
            with reads.call(("", r.code)) if reads is not None else contextlib.nullcontext():
                internal += _call(r, book, config, book, book_findings)
        if reads is None or reuse is None:
            return internal, book_findings, _per_file(book, config, later, list(later), 1, progress) if later else {}
        ran: dict[tuple[str, str], list[Finding]] = {}  # (page, code) → the findings of a tracked call that ran whole

        def call(r: Rule, book: Book, config: Config, doc: Document, got: list[Finding]) -> int:
            if not r.tracked:
                return _call(r, book, config, doc, got)
            kept = reuse.findings(r.code, doc.path)
            if kept is not None:
                got.extend(kept)
                return 0
            with reads.call((doc.path, r.code)):
                n = _call(r, book, config, doc, got)
            if not n:
                ran[(doc.path, r.code)] = got
            return n

        again = _per_file(book, config, later, list(later), 1, progress, call)
    finally:
        book.docs = docs
        book._reads = None
    reuse.keep({name: (ran[name], pages) for name, pages in reads.depends().items() if name in ran})
    return internal, book_findings, again


class _Reuse:
    """The tracked rules' findings of the last runs, by page, each with the pages it read
    (their contents' digests): one cache entry a rule, under the key of the site model."""

    def __init__(self, store, site_key: str, digests: dict[str, str]) -> None:
        self.store = store
        self.site_key = site_key
        self.digests = digests
        self._entries: dict[str, dict] = {}

    def _key(self, code: str) -> str:
        from . import cache

        return cache.run_key(self.site_key, "tracked reads", code)

    def _entry(self, code: str) -> dict:
        e = self._entries.get(code)
        if e is None:
            hit = self.store.get(self._key(code))
            e = self._entries[code] = hit if isinstance(hit, dict) else {}
        return e

    def findings(self, code: str, rel: str) -> list[Finding] | None:
        """The findings of rule ``code`` on page ``rel`` from a run that read what this one would."""
        rec = self._entry(code).get(rel)
        if not (isinstance(rec, tuple) and len(rec) == 3 and isinstance(rec[1], dict) and isinstance(rec[2], list)
                and rec[0] == self.digests.get(rel)):
            return None  # none, or of another shape
        digests = self.digests
        if all(digests.get(d) == v for d, v in rec[1].items()):
            return rec[2]
        return None

    def keep(self, fresh: dict[tuple[str, str], tuple[list[Finding], frozenset[str]]]) -> None:
        """Keep what the calls that ran found (those that read every page are not kept)."""
        from .book.reads import EVERY

        digests = self.digests
        changed: set[str] = set()
        for (rel, code), (found, pages) in fresh.items():
            if EVERY in pages or any(digests.get(p) is None for p in pages):
                continue
            self._entry(code)[rel] = (digests.get(rel), {p: digests[p] for p in pages}, found)
            changed.add(code)
        for code in sorted(changed):
            e = {rel: rec for rel, rec in self._entries[code].items() if rel in digests}
            self.store.put(self._key(code), e, trim=False)
        for code in self._entries:
            if code not in changed:
                self.store.touch(self._key(code))


def _in_workers(workers: int, work: Callable, tasks: list[tuple], take: Callable) -> None:
    """``work(*task)`` for each task in ``workers`` forked processes, which inherit what the
    caller set aside for them (the parsed book), each result handed to ``take`` as it comes. A
    worker that dies (killed, out of memory), or no processes to be had, ends this early: the
    caller then does what is left in its own process."""
    _Workers(workers, work, tasks).finish(take)


class _Workers:
    """Tasks started in forked worker processes now, their results taken later
    (:meth:`finish`): the caller may do other work of its own in between. Imported here: a
    small book never needs multiprocessing."""

    def __init__(self, workers: int, work: Callable, tasks: list[tuple]):
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        self.pool = None
        self.futures: list = []
        if "fork" not in multiprocessing.get_all_start_methods():
            return
        try:
            self.pool = ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
            self.futures = [self.pool.submit(work, *t) for t in tasks]
        except (OSError, ValueError):
            self.close()

    def finish(self, take: Callable) -> None:
        from concurrent.futures import as_completed
        from concurrent.futures.process import BrokenProcessPool

        # no list of the futures kept here: each holds its result (a page's bytes) until dropped,
        # and as_completed lets go of each once it has handed it out
        done, self.futures = as_completed(self.futures), []
        try:
            for fut in done:
                try:
                    result = fut.result()
                except BrokenProcessPool:
                    break
                take(result)
        except (OSError, ValueError, BrokenProcessPool):
            pass
        finally:
            self.close()

    def close(self) -> None:
        if self.pool is not None:
            try:
                self.pool.shutdown(wait=True, cancel_futures=True)
            except (OSError, ValueError):
                pass
            self.pool = None


_FORK_SHARE = sys.platform.startswith("linux") and hasattr(os, "fork") and hasattr(os, "memfd_create")
_TASK = 4  # bytes of a task's number in the queue pipe
_MAX_TASKS = 4096  # tasks a queue may hold: 16 KB, a quarter of a pipe's usual 64 KB


def _fork_share(workers: int, work: Callable, tasks: list[tuple], take: Callable, here: Callable | None = None) -> bool:
    """:func:`_in_workers` with this process as one of the workers and ``workers - 1`` forked
    children: no pool, no manager thread, and this process's own results (``here(*task)``,
    by default ``work(*task)``) are never pickled.

    The queue is a pipe filled with the tasks' numbers before the fork and closed for writing,
    from which every process reads one number at a time (Linux reads a pipe under its lock, so
    no number is read twice or torn); an empty pipe is the end. A child pickles its results
    into an anonymous file, each behind its length; this process takes the ones written so far
    after each task of its own (so their unpickling overlaps the child's work, not the end of
    the run) and the rest once the child has exited. A child that dies loses only the tasks it
    had not written: they are left for the caller, as a dead pool's are. False (nothing done)
    when the pipe cannot hold the queue or no process can be forked."""
    import pickle

    n = len(tasks)
    try:
        r, w = os.pipe()
    except OSError:
        return False
    kids: list[list[int]] = []  # [pid, results file, how far it has been read]
    try:
        queue = b"".join(i.to_bytes(_TASK, "little") for i in range(n))
        os.set_blocking(w, False)
        try:
            if os.write(w, queue) != len(queue):
                return False
        except BlockingIOError:
            return False  # the queue must fit in the pipe before anyone reads it
        os.close(w)
        w = -1
        for _ in range(max(1, workers - 1)):
            try:
                fd = os.memfd_create("booklint-results")
            except OSError:
                break
            try:
                pid = os.fork()
            except OSError:
                os.close(fd)
                break
            if pid == 0:  # the child: never returns, never runs the parent's exit handlers or flushes its buffers
                code = 1
                try:
                    with open(fd, "wb") as out:
                        while got := os.read(r, _TASK):
                            i = int.from_bytes(got, "little")
                            body = pickle.dumps((i, work(*tasks[i])), protocol=pickle.HIGHEST_PROTOCOL)
                            out.write(len(body).to_bytes(8, "little"))
                            out.write(body)
                            out.flush()
                    code = 0
                finally:
                    os._exit(code)
            kids.append([pid, fd, 0])
        if not kids:
            return False
        mine = here or work
        while got := os.read(r, _TASK):
            take(mine(*tasks[int.from_bytes(got, "little")]))
            for kid in kids:
                kid[2] = _written(kid[1], kid[2], take)
        os.close(r)
        r = -1
        while kids:
            pid, fd, at = kids.pop()
            try:
                os.waitpid(pid, 0)
                _written(fd, at, take)  # (a child killed while writing leaves its unfinished task to the caller)
            finally:
                os.close(fd)
        return True
    finally:
        for fd in (r, w):
            if fd >= 0:
                os.close(fd)
        for pid, fd, _at in kids:  # an exception here (a rule's bug, ^C): no child outlives the run
            with contextlib.suppress(OSError):
                os.kill(pid, 9)
                os.waitpid(pid, 0)
            os.close(fd)


def _written(fd: int, at: int, take: Callable) -> int:
    """The whole results a child has written to ``fd`` from offset ``at`` on, each handed to
    ``take``; the offset after the last whole one. The kernel makes a file's new size visible
    after the bytes below it, so a result whose end is within the size is all there."""
    import pickle

    size = os.fstat(fd).st_size
    start = at
    while at + 8 <= size:
        n = int.from_bytes(os.pread(fd, 8, at), "little")
        if at + 8 + n > size:
            break
        _i, result = pickle.loads(os.pread(fd, n, at + 8))
        at += 8 + n
        take(result)
    if at >> 20 > start >> 20:  # another MB read
        _let_go(fd, at)
    return at


_PUNCH = None  # libc's fallocate, once looked up (False: not to be had)


def _let_go(fd: int, end: int) -> None:
    """Give the memory of a results file's whole pages before ``end`` back (fallocate's
    PUNCH_HOLE; Python's os module has no mode argument): the results already taken are
    not read again, and a big book's would otherwise stay in memory until the child exits
    (on the 50x book, 43 MB)."""
    global _PUNCH
    if _PUNCH is None:
        try:
            import ctypes

            f = ctypes.CDLL(None, use_errno=True).fallocate
            f.argtypes = (ctypes.c_int, ctypes.c_int, ctypes.c_int64, ctypes.c_int64)
            _PUNCH = f
        except (OSError, AttributeError):
            _PUNCH = False
    if _PUNCH:
        page = os.sysconf("SC_PAGE_SIZE")
        _PUNCH(fd, 3, 0, end - end % page)  # FALLOC_FL_KEEP_SIZE | FALLOC_FL_PUNCH_HOLE; a failure frees nothing


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
