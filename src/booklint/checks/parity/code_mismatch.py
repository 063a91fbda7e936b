from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P005", "code-mismatch")
def code_mismatch(doc: Document, ctx):
    """Finds code blocks of a translation that differ from the original's, or that one side lacks.

    ## What it does
    Aligns the chapter's blocks with the original's and compares each code block's text (trailing
    spaces aside) with its counterpart's.

    ## Why is this bad?
    Code is not translated: a difference is a fix of the original the translation missed, or a
    mistake made while translating around it.

    ## Example
    ~~~markdown
    ```python
    x = jnp.zeros((8, 128))  # the original: (8, 256)
    ```
    ~~~

    ## Use instead
    ~~~markdown
    ```python
    x = jnp.zeros((8, 256))
    ```
    ~~~
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "code"):
        yield ctx.finding(doc, d.span, d.message)
