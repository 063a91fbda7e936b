from ...document.model import Span
from ...registry import rule
from ...translation import SourceError, source_book


@rule("P011", "translation-source", scope="book")
def translation_source(book, ctx):
    """Finds a `[translation] source` that is not a book booklint can read.

    ## What it does
    Checks that the folder `[translation] source` names (relative to the book's root) exists and
    is not the book itself. The other P rules stay silent while it does not. The finding is on the
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
    try:
        source_book(book, ctx.settings("translation"))
    except SourceError as e:
        if not book.docs:
            return
        page = "index.md" if "index.md" in book.docs else sorted(book.docs)[0]
        where = f" in {ctx.config.path}" if ctx.config.path else ""
        yield ctx.finding(book.docs[page], Span(0, 0), f"{e}: the parity rules (P) cannot run. Fix `source` in "
                                                        f"`[translation]`{where}.")
