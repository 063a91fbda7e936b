from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P003", "citation-key-mismatch")
def citation_key_mismatch(doc: Document, ctx):
    """Finds `<d-cite>` citations whose keys differ from the original's, or that one side lacks.

    ## What it does
    Aligns the chapter's blocks with the original's and compares the keys of each `<d-cite key=...>`
    with its counterpart's.

    ## Why is this bad?
    A dropped or changed key cites another work than the author did, or none.

    ## Example
    ```markdown
    <!-- the original: <d-cite key="transformers,pope2022"></d-cite> -->
    трансформер<d-cite key="transformers"></d-cite>
    ```

    ## Use instead
    ```markdown
    трансформер<d-cite key="transformers,pope2022"></d-cite>
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "cite"):
        yield ctx.finding(doc, d.span, d.message)
