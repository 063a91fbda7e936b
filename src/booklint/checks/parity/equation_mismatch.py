from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P001", "equation-mismatch")
def equation_mismatch(doc: Document, ctx):
    """Finds display equations of a translation that differ from the original's, or that one side lacks.

    ## What it does
    Pairs the translated chapter's blocks with the original's (a sequence alignment of headings,
    display math, figures, code, tables, details blocks, footnotes and citations) and compares each
    display equation with its counterpart after blanking the arguments of `\\text{...}` (the words a
    translator translates) and white space. An equation the original has and the translation lacks
    is reported where it belongs; one only the translation has, on its line. Runs only when
    `[translation] source` names the original.

    ## Why is this bad?
    A translated equation that changed is a wrong equation: readers of the translation cannot
    tell, and the translator rarely meant to touch the math. A dropped equation leaves the
    paragraph around it pointing at nothing.

    ## Example
    ```markdown
    <!-- the original has $$T = \\frac{\\text{FLOPs}}{\\text{FLOPs/s}}$$ -->
    $$T = \\frac{\\text{FLOPs}}{\\text{Bytes/s}}$$
    ```

    ## Use instead
    ```markdown
    $$T = \\frac{\\text{операции}}{\\text{операций/с}}$$
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "math"):
        yield ctx.finding(doc, d.span, d.message)
