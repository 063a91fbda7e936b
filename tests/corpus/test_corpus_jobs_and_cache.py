"""On the real books, `--jobs`, checking the pages apart and the run cache leave the findings
exactly as one process finds them with every page kept: same findings, same order, same
messages and fixes."""

from __future__ import annotations

import pytest
from helpers import corpus_book, needs_corpus

from booklint import engine


@pytest.fixture(autouse=True)
def _workers_even_for_small_books(monkeypatch):
    """The real books are below the size where --jobs starts workers: make it start them."""
    monkeypatch.setattr(engine, "PARALLEL_MIN_BYTES", 0)


def _key(f):
    return (f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.severity, f.message, repr(f.fix))


def _run(root, **kw):
    res = engine.run([root], engine.Options(isolated=True, **kw))
    return [_key(f) for f in res.findings], res.internal_errors


@needs_corpus
@pytest.mark.parametrize("book", ["scaling-book-en", "scaling-book-ru", "iclr-blogposts-2023"])
def test_same_findings_with_jobs_and_cache(book, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the corpus is read-only: the user cache
    from booklint.book.load import PageSummary

    root = corpus_book(book)
    base = _run(root, jobs=1, pages_apart=False)  # every page parsed and kept, then the rules
    assert base[0]
    before = PageSummary.reparsed
    assert _run(root, jobs=1) == base
    assert _run(root, jobs=2) == base
    assert PageSummary.reparsed == before  # no rule read what a page summary leaves out
    assert _run(root, jobs=2, cache=True) == base  # cold
    assert list(tmp_path.rglob("*.pickle"))
    assert _run(root, jobs=1, cache=True) == base  # warm
