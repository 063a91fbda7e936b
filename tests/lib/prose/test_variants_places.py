"""T002's clusters from the pages' token streams (DocText.places, spaced_pairs) are the ones a
search of every page's text finds (DocText.locate by str.find, the tail of a pair by TOKEN),
use for use."""

from __future__ import annotations

import pytest
from helpers import corpus_book, needs_corpus

from booklint.book.load import load_book
from booklint.config import Config
from booklint.prose import variants
from booklint.prose.vocabulary import DocText
from booklint.registry import all_rules

PAGES = {
    "_config.yml": "title: x\n",
    "a.md": "# TPU v5e pods\n\nA TPU v5e pod has chips. Each TPUv5e chip, and TPUv5e again, and TPUv5e.\n\n"
            "We use data parallel training, data-parallel code, dataparallel loops and DataParallel.\n\n"
            "An eval here, an ev al there, an e val too, and eval again. Nowhere, no where.\n",
    "b.md": "Data parallel is fine. The term \"TPUv5e\" means the chip. TPU v5e — a name.\n\n"
            "See .TPUv5e and name [at] host [dot] com, the TPUv5e chips, --TPUv5e, x_TPUv5e, TPU v5e.\n\n"
            "On line or online, inline and in line. AllGather, All-Gather, all-gathers, AllGathers.\n",
    # a hyphen and glue: locate finds `TPUv5e` inside `x-/TPUv5e`, which the stream holds whole
    "c.md": "Here x-/TPUv5e and y-'data parallel, then TPU v5e and TPUv5e and AllGather.\n",
}


def clusters_of(root, monkeypatch=None):
    all_rules()  # the families' settings
    book = load_book(root)
    got = variants.clusters(book, Config().family("spelling"))
    return [(c.key, {var: [(u.path, u.segment, u.start, u.end, u.written, u.where) for u in us]
                     for var, us in c.variants.items()}) for c in got]


def searched(monkeypatch):
    """Every page as one whose places only a search of its text finds."""
    monkeypatch.setattr(DocText, "starts_inside", lambda self, text=None: True)


def test_the_stream_finds_what_the_search_finds(make_book, monkeypatch):
    root = make_book(PAGES)
    got = clusters_of(root)
    keys = {k for k, _v in got}
    assert {"tpuv5e", "dataparallel", "allgather"} <= keys
    tpu = dict(got)["tpuv5e"]
    written = [u[4] for us in tpu.values() for u in us]
    assert "TPU v5e" in written and "TPUv5e" in written
    assert sum(1 for u in tpu["tPUv5e"] if u[0] == "c.md") == 2  # `x-/TPUv5e` too
    searched(monkeypatch)
    assert clusters_of(root) == got


def test_a_pair_with_a_weak_head_is_a_use(make_book, monkeypatch):
    """`e val` (a single letter for head) joins `eval` once `ev al` makes the pair wanted."""
    root = make_book({"_config.yml": "title: x\n",
                      "a.md": "An eval, an eval, an eval, an ev al, and an e val here.\n"})
    got = dict(clusters_of(root))
    assert {u[4] for us in got["eval"].values() for u in us} == {"eval", "ev al", "e val"}
    searched(monkeypatch)
    assert dict(clusters_of(root)) == got


@needs_corpus
@pytest.mark.parametrize("name", ["scaling-book-en", "scaling-book-ru", "iclr-blogposts-2023"])
def test_the_stream_finds_what_the_search_finds_on_real_books(name, monkeypatch):
    root = corpus_book(name)
    got = clusters_of(root)
    assert got
    searched(monkeypatch)
    assert clusters_of(root) == got
