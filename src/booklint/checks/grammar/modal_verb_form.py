from __future__ import annotations

from ...document.model import Document
from ...prose.grammar import slips
from ...registry import rule


@rule("G001", "modal-verb-form", severity="warning", fixable=True)
def modal_verb_form(doc: Document, ctx):
    """Finds a modal before a verb that is not in its base form (`can running`, `will failed`).

    ## What it does
    Looks for `can`, `could`, `will`, `would`, `shall`, `should`, `may`, `might`, `must`
    (and their negatives, `don't`, `doesn't`, `didn't`, `does not`) directly before a verb
    form that can only be an -ing form, a past form or a third-person form (`running`,
    `failed`, `computes`), by the lexicon (lemminflect). Questions (`Can sharding help?`),
    a modal used as a noun (`the will`, `a must`) and participles that work as prepositions
    (`as fast as we can given the budget`) are left alone. The fix writes the base form.

    ## Why is this bad?
    A modal takes a bare verb. A form with an ending after it is a slip the eye reads past
    and a spell checker cannot see, since every word is spelled right.

    ## Example
    ```markdown
    If the batch is too small, you can running out of compute.
    A single failed chip will failed the whole job.
    ```

    ## Use instead
    ```markdown
    If the batch is too small, you can run out of compute.
    A single failed chip will fail the whole job.
    ```
    """
    for s in slips(ctx.book, doc, "G001"):
        yield ctx.finding(doc, s.span, s.message, fix=s.as_fix())
