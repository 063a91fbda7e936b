"""HTML inside Markdown: unclosed and misnested elements, unquoted attributes, `markdown=1` blocks."""

from __future__ import annotations

import bisect
import re

from ...document.model import Document, HtmlTag
from ..registry import Edit, Fix, rule
from . import _html
from ._common import kramdown_renders, line_of

_WORD = re.compile(r"\w+")


def _shown(tag: HtmlTag, limit: int = 50) -> str:
    s = " ".join(tag.raw.split()) or f"<{tag.name}>"
    return s if len(s) <= limit else s[: limit - 2] + "…>"


@rule("D009", "html-unclosed-element")
def html_unclosed_element(doc: Document, ctx):
    """Finds HTML elements (`<d-footnote>`, `<div>`, `<b>`, ...) that are never closed.

    ## What it does
    Follows the page's raw HTML as one tree and reports each element that opens and never
    closes, on the line where it opens. An element opened inside a paragraph must close in
    that paragraph; one opened by an HTML block may close in a later block. Elements whose
    end tag HTML allows to omit (`<li>`, `<td>`, ...) are not reported, nor is anything in
    code or math; `<p>` is reported only on pages kramdown renders (kramdown, unlike HTML,
    reads an unclosed `<p>` on to the next `</p>`). `markdown=1` blocks have their own rule
    (D012).

    ## Why is this bad?
    An unclosed `<d-footnote>` turns the rest of its paragraph into the footnote; an
    unclosed `<div>` or `<details>` pulls the rest of the chapter into it; an unclosed `<b>`
    makes the rest of the paragraph bold.

    ## Example
    ```markdown
    Rooflines bound the runtime.<d-footnote>Ignoring overlap. The next sentence is body text.
    ```

    ## Use instead
    ```markdown
    Rooflines bound the runtime.<d-footnote>Ignoring overlap.</d-footnote> The next sentence is body text.
    ```
    """
    for issue in _html.analyse(doc, kramdown_renders(ctx.book, doc)).issues:
        if issue.kind != "unclosed":
            continue
        t = issue.tag
        if issue.container == "paragraph":
            where = "before its paragraph ends, so kramdown closes it there and the browser stretches it over the rest of the paragraph"
        elif issue.container == "caption":
            where = "inside this caption, so it spills over the rest of the figure"
        else:
            where = "anywhere after it, so it swallows the rest of the page"
        yield ctx.finding(doc, t.span,
                          f"`{_shown(t)}` is never closed {where}. Add `</{t.name}>` where the element should end.")


@rule("D010", "html-end-tag-mismatch")
def html_end_tag_mismatch(doc: Document, ctx):
    """Finds HTML end tags that close elements out of order, or close nothing.

    ## What it does
    Reports an element still open when the element around it closes (`<b><i>x</b></i>`),
    on the line where the inner element opens, and an end tag with no open element of its
    name (`</div>` twice), on its own line.

    ## Why is this bad?
    Browsers repair such markup each in its own way: formatting leaks into the following
    text, and a stray `</div>` closes one of the layout's own containers, which breaks the
    page's columns from that point on.

    ## Example
    ```markdown
    <b><i>Takeaway</b></i>: rooflines bound runtime.
    ```

    ## Use instead
    ```markdown
    <b><i>Takeaway</i></b>: rooflines bound runtime.
    ```
    """
    for issue in _html.analyse(doc, kramdown_renders(ctx.book, doc)).issues:
        t = issue.tag
        if issue.kind == "misnested":
            o = issue.other
            yield ctx.finding(doc, t.span,
                              f"`{_shown(t)}` is still open when `</{o.name}>` on line {line_of(doc, o.span.start)} closes "
                              f"the element around it; browsers then nest the rest unpredictably. Close `<{t.name}>` "
                              f"before `</{o.name}>`.")
        elif issue.kind == "stray":
            yield ctx.finding(doc, t.span,
                              f"`{_shown(t)}` closes no open `<{t.name}>` here; a stray end tag can close one of the "
                              f"layout's own elements. Remove it, or restore the tag that opened it.")


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
    page, inside = _html.page_tags(doc)
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


@rule("D012", "markdown-block-unclosed")
def markdown_block_unclosed(doc: Document, ctx):
    """Finds `markdown=1` HTML blocks (`<p markdown=1>`, `<div markdown=1>`) that are never closed.

    ## What it does
    kramdown reads the inside of a `markdown=1` element as Markdown up to its end tag.
    For span elements (`<p>`, `<h3>`, `<span>`) it takes everything up to the next `</p>`
    in the page, wherever that is; for block elements (`<div>`) up to the matching
    `</div>` at the start of a line. Reports, on the opening line, an element with no end
    tag at all, and a span element whose end tag is really the one of a later element.

    ## Why is this bad?
    Everything up to that distant end tag (or the rest of the chapter) becomes part of the
    takeaway box or heading: headings, figures and paragraphs are mangled into one block.

    ## Example
    ```markdown
    <p markdown=1 class="takeaway">**Takeaway**: rooflines bound runtime.

    ## Next section
    ```

    ## Use instead
    ```markdown
    <p markdown=1 class="takeaway">**Takeaway**: rooflines bound runtime.</p>

    ## Next section
    ```
    """
    if not kramdown_renders(ctx.book, doc):
        return
    tags = _html.analyse(doc).tags
    unmatched: dict[str, set[int]] = {}
    opens: dict[str, list[int]] = {}
    closes: dict[str, list[int]] = {}
    for t in tags:
        (closes if t.closing else opens).setdefault(t.name, []).append(t.span.start)
    for t in tags:
        if t.closing or t.self_closing or not t.block or t.name in _html.VOID:
            continue
        md = _html.markdown_attr(t)
        if md not in ("1", "span", "block"):
            continue
        name = t.name
        span_model = md == "span" or (md == "1" and name not in _html.KRAMDOWN_BLOCK_MODEL)
        cl = closes.get(name, [])
        op = opens.get(name, [])
        if span_model:
            i = bisect.bisect_left(cl, t.span.end)
            if i == len(cl):
                yield ctx.finding(doc, t.span,
                                  f"`{_shown(t)}` is never closed, so kramdown reads the whole rest of the page into this "
                                  f"`<{name}>`. Add `</{name}>` where it should end.")
                continue
            c = cl[i]
            j = bisect.bisect_right(op, t.span.start)
            if j < len(op) and op[j] < c:
                yield ctx.finding(doc, t.span,
                                  f"`{_shown(t)}` has no `</{name}>` of its own: kramdown runs it to the `</{name}>` on line "
                                  f"{line_of(doc, c)}, which belongs to the `<{name}>` on line {line_of(doc, op[j])}, and "
                                  f"everything between ends up inside it. Add `</{name}>` where this one should end.")
        else:
            if name not in unmatched:
                unmatched[name] = _unmatched_opens(op, cl)
            if t.span.start not in unmatched[name]:
                continue
            yield ctx.finding(doc, t.span,
                              f"`{_shown(t)}` is never closed, so kramdown reads the whole rest of the page into this "
                              f"`<{name}>`. Add `</{name}>` on a line of its own where it should end.")


def _unmatched_opens(opens: list[int], closes: list[int]) -> set[int]:
    """Openings left without an end tag when each end tag closes the latest open element."""
    events = sorted([(p, 1) for p in opens] + [(p, -1) for p in closes])
    stack: list[int] = []
    for p, d in events:
        if d == 1:
            stack.append(p)
        elif stack:
            stack.pop()
    return set(stack)


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
    page, inside = _html.page_tags(doc)
    for tags in [page] + [inside[k] for k in sorted(inside)]:
        for t in tags:
            if t.closing or _html.known_element(t.name):
                continue
            near = {"it": "i", "bold": "b", "italic": "i", "strikethrough": "s", "underline": "u", "emph": "em",
                    "break": "br", "bf": "b"}.get(t.name)
            hint = f" Did you mean `<{near}>`?" if near else " Escape the `<` as `&lt;` if it is meant as text."
            yield ctx.finding(doc, t.span,
                              f"`<{t.name}>` is not an HTML element, so browsers render its content unformatted (or hide "
                              f"it).{hint}")
