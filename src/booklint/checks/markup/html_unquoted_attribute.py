from __future__ import annotations

import re

from ...document.model import Document
from ...findings import Edit, Fix
from ...registry import rule
from ...views.html import page_tags
from ...views.renders import kramdown_renders

_WORD = re.compile(r"\w+")


@rule("D011", "html-unquoted-attribute", fixable=True)
def html_unquoted_attribute(doc: Document, ctx):
    """Finds HTML attribute values without quotes that kramdown cannot read.

    ## What it does
    kramdown accepts an unquoted attribute value only if it is a single word (letters,
    digits, `_`). For a page kramdown renders, reports each other unquoted value
    (`width=100%`, `src=img/a.png`, `class=l-page`). The fix adds double quotes.

    ## Why is this bad?
    kramdown does not recognise the tag at all: it prints it as text (`<img src=a.png>`
    appears literally on the page) and the element is lost.

    ## Example
    ```html
    <iframe src="plot.html" width=100% height=400px></iframe>
    ```

    ## Use instead
    ```html
    <iframe src="plot.html" width="100%" height="400px"></iframe>
    ```
    """
    if not kramdown_renders(ctx.book, doc):
        return
    page, inside = page_tags(ctx.book, doc)
    for tags in [page] + [inside[k] for k in sorted(inside)]:
        for t in tags:
            if t.closing:
                continue
            for a in t.attrs:
                if a.quote or a.value is None or a.value_span is None or _WORD.fullmatch(a.value):
                    continue
                q = "'" if '"' in a.value else '"'
                fix = Fix(f"Quote the value: `{a.name}={q}{a.value}{q}`",
                          (Edit(a.value_span.start, a.value_span.end, q + a.value + q),))
                yield ctx.finding(doc, a.span,
                                  f"`{a.name}={a.value}` has no quotes and is not a single word, so kramdown does not "
                                  f"recognise `<{t.name}>` as a tag and prints it as text. Quote the value.", fix=fix)
