"""The live book (what the language server and `--watch` keep between changes) reports exactly
what a fresh `booklint check` reports on the same text, edit after edit."""

from __future__ import annotations

import random
import re
import threading
import time

import pytest
from helpers import lint

from booklint.server.live import LiveBook


def _same(live: LiveBook, root) -> None:
    """Write the live book's texts to disk and compare with a fresh run there."""
    for rel, text in live.unsaved.items():
        (root / rel).write_text(text, encoding="utf-8")
    got = [f.to_dict() for f in live.check()]
    fresh = [f.to_dict() for f in lint(root)]
    assert got == fresh


def _edits(text: str, rng: random.Random) -> list[str]:
    """A few edits an author makes: rename a heading, add a sentence with a typo, delete a line,
    change the front matter's title."""
    lines = text.split("\n")
    out = []
    heads = [i for i, ln in enumerate(lines) if re.match(r"#{1,4} \S", ln)]
    if heads:
        i = rng.choice(heads)
        out.append("\n".join(lines[:i] + [lines[i] + " renamed"] + lines[i + 1:]))
    i = rng.randrange(len(lines))
    out.append("\n".join(lines[:i] + ["", "Teh modle is trained on the the data.", ""] + lines[i:]))
    if len(lines) > 10:
        i = rng.randrange(len(lines))
        out.append("\n".join(lines[:i] + lines[i + 1:]))
    if text.startswith("---\n") and "\ntitle:" in text:
        out.append(re.sub(r"\ntitle:[^\n]*", "\ntitle: A new title", text, count=1))
    return out


@pytest.mark.parametrize("name", ["scaling-book-en", "iclr-blogposts-2023"])
def test_edits_to_a_corpus_book_give_a_fresh_runs_findings(copy_book, name):
    root = copy_book(name)
    live = LiveBook(root)
    rng = random.Random(7)
    pages = sorted(live.book.docs)
    for rel in rng.sample(pages, 3):
        for text in _edits(live.text(rel) or "", rng):
            assert live.set_text(rel, text)
            _same(live, root)


def test_revert_and_reread(make_book):
    root = make_book({"booklint.toml": "", "a.md": "# A\n\n## Setup\n", "b.md": "# B\n\n[s](a.md#setup)\n"})
    live = LiveBook(root)
    assert [f.code for f in live.check()] == []
    live.set_text("a.md", "# A\n\n## Set up\n")
    assert [f.code for f in live.check()] == ["L002"]
    live.revert("a.md")  # closed without saving
    assert [f.code for f in live.check()] == []
    (root / "c.md").write_text("# C\n\n[x](a.md#nope)\n")  # a new file: the book is read again
    live.reread(["c.md"])
    assert [(f.path, f.code) for f in live.check()] == [("c.md", "L002")]
    assert not live.set_text("notes.txt", "not a page")


def test_watch_prints_only_what_changed(make_book):
    from booklint.engine import Options
    from booklint.server.watch import watch

    root = make_book({"booklint.toml": "", "a.md": "# A\n\n## Setup\n", "b.md": "# B\n\n[s](a.md#setup)\n"})
    shown: list[list[str]] = []
    said: list[str] = []
    stop = threading.Event()
    t = threading.Thread(target=watch, args=([root], Options(), lambda fs, _live: shown.append([f.code for f in fs]),
                                              said.append), kwargs={"targets": lambda _live: None, "stop": stop})
    t.start()
    try:
        deadline = time.monotonic() + 20
        while not said and time.monotonic() < deadline:
            time.sleep(0.05)
        assert said and "Watching" in said[0]
        time.sleep(0.3)  # let the watcher start
        (root / "a.md").write_text("# A\n\n## Set up\n")
        while len(said) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(said) >= 2 and "a.md changed: 1 new, 0 fixed, 1 in all" in said[1]
        assert shown[-1] == ["L002"]
        (root / "a.md").write_text("# A\n\n## Setup\n")
        while len(said) < 3 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert "0 new, 1 fixed, 0 in all" in said[2]
    finally:
        stop.set()
        t.join(10)
    assert not t.is_alive()


def test_an_open_bib_file_is_checked_as_edited(make_book):
    bib = "@article{smith2020,\n  title = {A title},\n  author = {Smith, Jane},\n  journal = {J},\n  year = {2020}\n}\n"
    root = make_book({"booklint.toml": "", "assets/bibliography/refs.bib": bib,
                      "a.md": "---\nbibliography: refs.bib\n---\n\n# A\n\nAs shown <d-cite key=\"smith2020\"></d-cite>.\n"})
    live = LiveBook(root)
    before = [f.to_dict() for f in live.check()]
    broken = bib.replace("smith2020", "smyth2020")  # the page now cites a key the .bib lacks
    rel = "assets/bibliography/refs.bib"
    assert before == []
    assert live.set_text(rel, broken)
    got = [f.to_dict() for f in live.check()]
    assert [f["code"] for f in got] == ["C001"]
    (root / rel).write_text(broken)
    assert got == [f.to_dict() for f in lint(root)]
    live.revert(rel)  # closed unsaved: the file on disk (now the broken one)
    assert [f.to_dict() for f in live.check()] == got
    (root / rel).write_text(bib)
    live.reread([rel])
    assert live.check() == []
