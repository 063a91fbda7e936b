from ...document.model import Document
from ...registry import rule
from . import configured


@rule("P004", "external-url-mismatch")
def external_url_mismatch(doc: Document, ctx):
    """Finds external links of a translated chapter that the original does not have, and the other way round.

    ## What it does
    Compares the `http(s)://` addresses the translated chapter links to with the original's, as
    multisets: an address only the translation has is reported on its link, one only the original
    has where it belongs in the translation.

    ## Why is this bad?
    The original fixed or replaced a link (a moved paper, a new version) and the translation still
    sends readers to the old one.

    ## Example
    ```markdown
    [статья](https://arxiv.org/abs/2205.14135v1)
    ```

    ## Use instead
    ```markdown
    [статья](https://arxiv.org/abs/2205.14135)
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import differences_of_kind
    for d in differences_of_kind(ctx.book, ctx.settings("translation"), doc.path, "url"):
        yield ctx.finding(doc, d.span, d.message)
