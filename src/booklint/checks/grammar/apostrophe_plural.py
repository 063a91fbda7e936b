from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G005", "apostrophe-plural", severity="warning")
def apostrophe_plural(doc: Document, ctx):
    """Finds a plural written with an apostrophe before its verb (`GPU's often share`).

    ## What it does
    Looks for a word with `'s` followed by a plural verb (`are`, `were`, `have`, `do`, `don't`)
    or by a frequency adverb and a base-form verb (`GPU's often share`, `TPU's usually have`).
    Contractions (`it's`, `that's`, `let's`, `what's`) are not possessives and are left alone.

    ## Why is this bad?
    A plural takes no apostrophe: `GPU's` reads as 'of the GPU', and the sentence stumbles.

    ## Example
    ```markdown
    Modern GPU's often share one memory pool.
    The model's are trained on the same data.
    ```

    ## Use instead
    ```markdown
    Modern GPUs often share one memory pool.
    The models are trained on the same data.
    ```
    """
    for s in slips(ctx.book, doc, "G005"):
        yield ctx.finding(doc, s.span, s.message)
