from __future__ import annotations

from ...document.model import Document
from ...registry import rule
from ...views.html import known_element, page_tags


@rule("D025", "html-unknown-element", severity="warning")
def html_unknown_element(doc: Document, ctx):
    """Finds HTML tags whose name is no HTML, SVG or MathML element (`<it>`, `<T>`).

    ## What it does
    Reports an opening tag whose name is not an element of HTML (current or obsolete), SVG
    or MathML and has no hyphen (custom elements such as `<d-cite>` have one). Tags in
    code and math are not read.

    ## Why is this bad?
    The browser shows the text inside without any formatting (`<it>` is not italics), or,
    for a generic type written in prose (`List<T>`), hides `<T>` and whatever follows it.

    ## Example
    ```markdown
    The activations <it>are not sharded</it> along this dimension.
    ```

    ## Use instead
    ```markdown
    The activations <i>are not sharded</i> along this dimension.
    ```
    """
    page, inside = page_tags(ctx.book, doc)
    for tags in [page] + [inside[k] for k in sorted(inside)]:
        for t in tags:
            if t.closing or known_element(t.name):
                continue
            near = {"it": "i", "bold": "b", "italic": "i", "strikethrough": "s", "underline": "u", "emph": "em",
                    "break": "br", "bf": "b"}.get(t.name)
            hint = f" Did you mean `<{near}>`?" if near else " Escape the `<` as `&lt;` if it is meant as text."
            yield ctx.finding(doc, t.span,
                              f"`<{t.name}>` is not an HTML element, so browsers render its content unformatted (or hide "
                              f"it).{hint}")
