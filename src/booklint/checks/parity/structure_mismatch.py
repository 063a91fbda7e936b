from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P010", "structure-mismatch")
def structure_mismatch(doc: Document, ctx):
    """Finds headings, tables, details blocks and footnotes of the original that the translation lacks, and headings at another level.

    ## What it does
    Aligns the chapter's blocks with the original's. A heading, table, details block or footnote
    the original has and the translation lacks is reported where it belongs in the translation; a
    paired heading at another level, on its line. What a translator may add (a note as a footnote,
    a section of their own) is not reported.

    ## Why is this bad?
    A dropped section, table or answer block is content the reader of the translation never sees,
    and a heading at another level changes the table of contents.

    ## Example
    ```markdown
    ### Матричное умножение   <!-- the original: ## Matrix multiplication -->
    ```

    ## Use instead
    ```markdown
    ## Матричное умножение
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "structure"):
        yield ctx.finding(doc, d.span, d.message)
