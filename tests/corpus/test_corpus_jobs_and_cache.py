"""On the real books, `--jobs` and the run cache leave the findings exactly as one process
finds them without a cache: same findings, same order, same messages and fixes."""

from __future__ import annotations

import pytest
from helpers import corpus_book, needs_corpus

from booklint import engine


def _key(f):
    return (f.path, f.line, f.column, f.end_line, f.end_column, f.code, f.severity, f.message, repr(f.fix))


def _run(root, **kw):
    res = engine.run([root], engine.Options(isolated=True, **kw))
    return [_key(f) for f in res.findings], res.internal_errors


@needs_corpus
@pytest.mark.parametrize("book", ["scaling-book-en", "scaling-book-ru", "iclr-blogposts-2023"])
def test_same_findings_with_jobs_and_cache(book, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))  # the corpus is read-only: the user cache
    root = corpus_book(book)
    base = _run(root, jobs=1)
    assert base[0]
    assert _run(root, jobs=2) == base
    assert _run(root, jobs=2, cache=True) == base  # cold
    assert list(tmp_path.rglob("*.pickle"))
    assert _run(root, jobs=1, cache=True) == base  # warm
