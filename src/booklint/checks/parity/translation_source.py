import posixpath

from ...document.model import Span
from ...registry import rule
from . import configured


@rule("P011", "translation-source", scope="book")
def translation_source(book, ctx):
    """Finds a `[translation] source` that is not a book booklint can read, and `chapters` entries that name no page.

    ## What it does
    Checks that the folder `[translation] source` names (relative to the book's root) exists and
    is not the book itself, and that each `chapters` entry maps a page of this book to a page of
    the original. The other P rules stay silent while the source is wrong. The finding is on the
    first line of the landing page (`index.md`), or of the book's first page.

    ## Why is this bad?
    Without the original, no parity check runs: a typo in the path would silently turn them off.

    ## Example
    ```toml
    [translation]
    source = "../scaling-book-em"
    ```

    ## Use instead
    ```toml
    [translation]
    source = "../scaling-book-en"
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import SourceError, source_book
    if not book.docs:
        return
    settings = ctx.settings("translation")
    page = book.docs["index.md" if "index.md" in book.docs else sorted(book.docs)[0]]
    where = f" in {ctx.config.path}" if ctx.config.path else ""
    try:
        src = source_book(book, settings)
    except SourceError as e:
        yield ctx.finding(page, Span(0, 0), f"{e}: the parity rules (P) cannot run. Fix `source` in "
                                            f"`[translation]`{where}.")
        return
    if src is None:
        return
    for mine, theirs in sorted((settings.get("chapters") or {}).items()):
        if posixpath.normpath(mine) not in book.docs:
            yield ctx.finding(page, Span(0, 0), f"`chapters` in `[translation]`{where} maps `{mine}`, which is no "
                                                f"page of this book: that chapter is not compared.")
        elif posixpath.normpath(theirs) not in src.docs:
            yield ctx.finding(page, Span(0, 0), f"`chapters` in `[translation]`{where} maps `{mine}` to `{theirs}`, "
                                                f"which is no page of the original: that chapter is not compared.")
