from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P006", "front-matter-mismatch")
def front_matter_mismatch(doc: Document, ctx):
    """Finds front-matter navigation, `section_number` or `bibliography` that differ from the original's.

    ## What it does
    Compares `previous_section_url`, `next_section_url`, `section_number` and `bibliography` of the
    translated chapter's front matter with the original's.

    ## Why is this bad?
    The chapter links to the wrong neighbour, is numbered out of order, or reads another
    bibliography than the original.

    ## Example
    ```yaml
    next_section_url: ../sharding
    ```

    ## Use instead
    ```yaml
    next_section_url: ../tpus
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "front-matter"):
        yield ctx.finding(doc, d.span, d.message)
