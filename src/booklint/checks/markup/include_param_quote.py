from __future__ import annotations

import re

from ...document.model import Document, Span
from ...registry import rule
from ...views.liquid import liquid_scan
from ...views.renders import jekyll_renders

# Jekyll 4.3's include tag (jekyll/tags/include.rb), restated: a parameter is `name=` and a
# double-quoted, single-quoted (backslash escapes allowed) or bare value; the parameters must be
# nothing but such pairs, each followed by a space or the end; a file name made of Liquid output
# (`{{ page.x }}.liquid`) takes everything up to its last `}}` and what sticks to it.
_PARAM = r"""[\w-]+\s*=\s*(?:"[^"\\]*(?:\\.[^"\\]*)*"|'[^'\\]*(?:\\.[^'\\]*)*'|[\w.-]+)"""
_VALID = re.compile(rf"\s*(?:{_PARAM}(?=\s|\Z)\s*)*", re.S)
_VARIABLE = re.compile(r"(?P<variable>[^{]*(?:\{\{\s*[\w\-.]+\s*(?:\|.*)?\}\}[^\s{}]*)+)(?P<params>.*)", re.S | re.M)
_DQ_VALUE = re.compile(r"""([\w-]+)\s*=\s*"([^"\\]*(?:\\.[^"\\]*)*)"(?=\S)""")


@rule("D032", "include-param-quote")
def include_param_quote(doc: Document, ctx):
    """Finds `{% include %}` parameters Jekyll cannot read, most often a `"` inside a `"..."` value.

    ## What it does
    Jekyll reads the parameters of `{% include %}` and `{% include_relative %}` as `name="value"`,
    `name='value'` or `name=variable` pairs, and stops the build ("Invalid syntax for include
    tag") when the parameters are anything else. The usual cause is HTML with double quotes in a
    double-quoted caption: `caption="see <a href="x">this</a>"` ends the value at `href=`.
    Reports the quote that ends the value early, or the parameters when something else is wrong.

    ## Why is this bad?
    The site does not build; where the rest happens to parse as more parameters, the caption is
    cut short instead.

    ## Example
    ```liquid
    {% include figure.liquid path="a.png" caption="From <a href="https://x.org">x.org</a>" %}
    ```

    ## Use instead
    ```liquid
    {% include figure.liquid path="a.png" caption='From <a href="https://x.org">x.org</a>' %}
    ```
    """
    if not jekyll_renders(ctx.book, doc):
        return
    text = doc.text
    for tok in liquid_scan(ctx.book, doc).tokens:
        if tok.kind != "tag" or tok.name not in ("include", "include_relative"):
            continue
        markup = tok.markup.strip()
        g = _VARIABLE.match(markup)
        params = g.group("params").strip() if g else (markup.split(None, 1) + [""])[1]
        if not params or _VALID.fullmatch(params):
            continue
        at = text.find(params, tok.start, tok.end)
        bad = _DQ_VALUE.search(params)
        if bad is not None and at != -1:
            q = at + bad.end(2)
            yield ctx.finding(doc, Span(q, q + 1),
                              f"This `\"` ends the value of `{bad.group(1)}` (`{bad.group(2)[:40]}`) early, and Jekyll "
                              f"stops the build with \"Invalid syntax for include tag\". Quote the value with single "
                              f"quotes (`{bad.group(1)}='...'`), or write the inner quotes as `&quot;` or `'`.")
            continue
        span = Span(at, at + len(params)) if at != -1 else Span(tok.start, tok.end)
        yield ctx.finding(doc, span,
                          "Jekyll cannot read these include parameters (each must be `name=\"value\"`, "
                          "`name='value'` or `name=variable`), and stops the build with \"Invalid syntax for include "
                          "tag\". Quote each value.")
