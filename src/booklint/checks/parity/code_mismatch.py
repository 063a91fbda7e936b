from ...document.model import Document
from ...registry import rule
from ...translation import SourceError, differences


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
    try:
        found = differences(ctx.book, ctx.settings("translation"), doc.path)
    except SourceError:
        return  # P011 reports it
    for d in found:
        if d.kind == "code":
            yield ctx.finding(doc, d.span, d.message)
