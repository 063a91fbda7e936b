from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...suppress import suppressions


@rule("X002", "unknown-suppression", severity="warning")
def unknown_suppression(doc: Document, ctx):
    """Finds `booklint-disable` comments that name no rule.

    ## What it does
    Reports codes or names in `<!-- booklint-disable ... -->` comments (and in the
    front-matter `booklint: {disable: [...]}`) that match no rule.

    ## Why is this bad?
    A typo in a suppression comment suppresses nothing, so the finding the author meant
    to silence keeps coming back, or a misspelt code hides that a rule was renamed.

    ## Example
    ```markdown
    <!-- booklint-disable-next-line L0002 -->
    ```

    ## Use instead
    ```markdown
    <!-- booklint-disable-next-line L002 -->
    ```
    """
    for word, span in suppressions(ctx.book, doc.path).unknown:
        yield ctx.finding(doc, span, f"`{word}` is not a booklint rule code, prefix or name, so this comment suppresses nothing. Run `booklint rules` for the list.")
