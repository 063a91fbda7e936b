from __future__ import annotations

from ...document.model import Span
from ...document.source import Source
from ...registry import rule


@rule("D003", "symlink-outside-book", scope="book", severity="warning")
def symlink_outside_book(book, ctx):
    """Finds symbolic links inside the book that point outside its folder.

    ## What it does
    Reports each symlink (file or folder) whose target lies outside the book's root.
    booklint never follows such links, so nothing behind them is checked.

    ## Why is this bad?
    The published site or a fresh clone does not have the target: the page or asset
    behind the link is missing for everyone but the author. It can also make tools read
    files they were never meant to read.

    ## Example
    `assets/img -> /home/me/Pictures/book`

    ## Use instead
    Copy the files into the book, or reference them by URL.
    """
    for rel in book.files.outside_links:
        src = Source.from_text(rel, "")
        yield ctx.finding(src, Span(0, 0), f"`{rel}` is a symbolic link to somewhere outside the book, so booklint did not follow it and readers of the published book will not have it. Copy the files into the book.")
