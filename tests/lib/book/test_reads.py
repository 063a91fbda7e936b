"""book/reads.py: the pages a watched rule call read, directly or through the memo's entries."""

from __future__ import annotations

from pathlib import Path

from booklint.book.discover import BookFiles
from booklint.book.model import Book
from booklint.book.reads import EVERY, Reads, WatchedDocs
from booklint.book.site import Site


def _book(reads: Reads) -> Book:
    pages = {"a.md": "A", "b.md": "B", "c.md": "C"}
    files = BookFiles(Path("."), markdown=list(pages))
    book = Book(Path("."), files, Site(files, "plain", None, {}), pages)
    book.docs = WatchedDocs(pages, reads)
    book._reads = reads
    return book


def test_a_call_depends_on_the_pages_it_takes_and_on_every_page_when_it_asks_for_all():
    reads = Reads()
    book = _book(reads)
    with reads.call("one"):
        assert book.docs["b.md"] == "B"
        assert "c.md" in book.docs and list(book.docs) == ["a.md", "b.md", "c.md"]  # names are no read
    with reads.call("all"):
        assert sorted(book.docs.values()) == ["A", "B", "C"]
    book.docs["a.md"]  # outside any call: nobody's
    assert reads.depends() == {"one": {"b.md"}, "all": {EVERY}}


def test_an_entry_hands_the_pages_its_build_read_to_every_call_that_uses_it():
    reads = Reads()
    book = _book(reads)
    anchors = lambda rel: book.memo(("anchors", rel), lambda: book.docs[rel].lower())  # noqa: E731
    with reads.call("first"):
        assert anchors("c.md") == "c"
    with reads.call("second"):  # found in the memo, read of no page now
        assert anchors("c.md") == "c"
    with reads.call("nested"):  # an entry built of another
        assert book.memo("both", lambda: anchors("c.md") + book.docs["a.md"]) == "cA"
    with reads.call("later"):
        assert book.memo("both", lambda: "never built again") == "cA"
    deps = reads.depends()
    assert deps["first"] == deps["second"] == {"c.md"}
    assert deps["nested"] == deps["later"] == {"a.md", "c.md"}


def test_an_entry_made_before_the_watching_reads_every_page_unless_known():
    reads = Reads()
    book = _book(reads)
    book._memo["vocabulary"] = "all the words"
    book._memo[("text", "b.md")] = "b's words"
    reads.known(("text", "b.md"), ["b.md"])
    with reads.call("words"):
        book.memo(("text", "b.md"), lambda: None)
    with reads.call("vocabulary"):
        book.memo("vocabulary", lambda: None)
    assert reads.depends() == {"words": {"b.md"}, "vocabulary": {EVERY}}
