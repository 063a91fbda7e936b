from ...findings import Finding
from ...registry import rule
from ...translation import SourceError, source_book


@rule("P011", "translation-source", scope="book")
def translation_source(book, ctx):
    """Finds a `[translation] source` that is not a book booklint can read.

    ## What it does
    Checks that the folder `[translation] source` names (relative to the book's root) exists and
    is not the book itself. The other P rules stay silent while it does not.

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
        where = str(ctx.config.path) if ctx.config.path else "."
        yield Finding(where, 1, 1, 1, 1, ctx.rule.code, ctx.rule.name, ctx.severity,
                      f"{e}: the parity rules (P) cannot run. Fix `source` in `[translation]`.")
