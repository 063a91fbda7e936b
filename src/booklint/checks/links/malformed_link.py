from __future__ import annotations

from ...book.links import href_problem
from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule


@rule("L003", "malformed-link", fixable=True)
def malformed_link(doc: Document, ctx):
    """Finds links whose URL is empty or malformed.

    ## What it does
    Reports links with an empty target (`[text]()`), a target wrapped in an extra pair of
    parentheses (`[text]((https://...))`), a broken scheme (`http//`, `https:/x`,
    `htps://`), a web address without a scheme (`www.example.com`, which the browser
    treats as a file next to the page), a backslash instead of a slash, and a space inside
    an HTML `href`. Where the intent is clear the fix repairs the URL.

    ## Why is this bad?
    Each of these renders as a link that goes nowhere, or somewhere unintended: the
    parentheses become part of the address, `www.x.com` becomes `/book/page/www.x.com`.

    ## Example
    ```markdown
    Read the [Shardy docs]((https://openxla.org/shardy)).
    ```

    ## Use instead
    ```markdown
    Read the [Shardy docs](https://openxla.org/shardy).
    ```
    """
    for link in doc.links:
        if link.kind == "reference":
            continue
        raw = link.raw_href
        href = link.href.strip()
        span = link.href_span
        if not href or href == "#":
            what = "empty" if not href else "just `#`"
            yield ctx.finding(doc, link.span, f"This link's target is {what}, so it leads nowhere. Put the page or URL it should open between the parentheses.")
            continue
        p = href_problem(href)
        if p is not None:
            what, good, safe = p
            fix = None
            if good is not None and raw == link.href:
                fix = Fix(f"Write `{good}`", (Edit(span.start, span.end, good),), safe=safe)
            yield ctx.finding(doc, span, f"The link target `{raw}` {what}", fix=fix)
            continue
        if link.kind == "html" and " " in href and "{{" not in href and "{%" not in href:
            yield ctx.finding(doc, span, f"The URL `{raw}` contains a space, which browsers may cut or encode unpredictably. Write `%20` instead.")
