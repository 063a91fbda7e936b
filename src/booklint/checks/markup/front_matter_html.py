from __future__ import annotations

from ...document.html import scan_html
from ...document.model import Document, HtmlTag
from ...findings import Edit, Fix
from ...registry import rule
from ...views.html import VOID


def _printed(path: tuple) -> bool:
    """Front-matter values a layout prints as HTML: the title, the description, author names
    and affiliations (al-folio's Distill byline)."""
    if path in (("title",), ("description",), ("author",), ("subtitle",)):
        return True
    if len(path) >= 3 and path[0] == "authors" and isinstance(path[1], int):
        rest = tuple(p for p in path[2:] if not isinstance(p, int))
        return rest in (("name",), ("affiliations",), ("affiliations", "name"))
    return False


def _value(data, path: tuple):
    for k in path:
        if isinstance(k, int):
            if not isinstance(data, list) or k >= len(data):
                return None
            data = data[k]
        elif isinstance(data, dict):
            data = data.get(k)
        else:
            return None
    return data


def _problem(tags: list[HtmlTag]) -> tuple[HtmlTag, str, Fix | None] | None:
    stack: list[HtmlTag] = []
    for t in tags:
        if t.name in VOID or t.self_closing:
            continue
        if not t.closing:
            stack.append(t)
            continue
        if stack and stack[-1].name == t.name:
            stack.pop()
            continue
        opened = [o for o in stack if o.name == t.name]
        if not opened:
            return t, f"`</{t.name}>` closes nothing that this value opened", None
        inner = stack[-1]
        return t, (f"`</{t.name}>` closes `<{t.name}>` while `<{inner.name}>` inside it is still open, so the "
                   f"browser repairs the nesting and the formatting spills over"), None
    if not stack:
        return None
    first = stack[0]
    same = [o for o in stack if o.name == first.name]
    if len(same) >= 2 and not same[-1].attrs:
        last = same[-1]
        fix = Fix(f"Write `</{last.name}>`", (Edit(last.span.start, last.span.end, f"</{last.name}>"),), safe=False)
        return last, (f"`<{first.name}>` is opened twice and never closed; the second `<{last.name}>` was "
                      f"probably meant as `</{last.name}>`"), fix
    return first, f"`<{first.name}>` is never closed", None


@rule("D050", "front-matter-html", fixable=True)
def front_matter_html(doc: Document, ctx):
    """Finds unclosed or mis-closed HTML tags in front-matter values the layout prints.

    ## What it does
    Reads the HTML tags in the front-matter `title`, `subtitle`, `description`, `author`,
    and each author's `name` and `affiliations` (al-folio's Distill byline), and reports a
    tag that is never closed (`<em>title<em>`), a closing tag that closes nothing, or tags
    closed in the wrong order. Void elements (`<br>`) need no end tag. When an element is
    opened twice and never closed, the unsafe fix turns the second one into its end tag.

    ## Why is this bad?
    The layout pastes these values into the page header as HTML. An element left open
    there runs on: the browser reopens an unclosed `<em>` in every block after it, so the
    description, the byline and the rest of the header come out in italics.

    ## Example
    ```yaml
    description: How <em>data parallelism<em> scales
    ```

    ## Use instead
    ```yaml
    description: How <em>data parallelism</em> scales
    ```
    """
    fm = doc.front_matter
    if fm is None or not isinstance(fm.data, dict) or "<" not in fm.raw:
        return
    text = doc.text
    for path, span in sorted(fm.value_spans.items(), key=lambda kv: kv[1].start):
        if not _printed(path) or not isinstance(_value(fm.data, path), str):
            continue
        if "<" not in text[span.start:span.end]:
            continue
        tags = [t for t in scan_html(text, span.start, span.end, block=False) if isinstance(t, HtmlTag)]
        found = _problem(tags)
        if found is None:
            continue
        tag, what, fix = found
        key = ".".join(str(p) for p in path)
        yield ctx.finding(doc, tag.span, f"In the front-matter `{key}`, {what}. The layout prints this value as "
                                         "HTML, so the rest of the page header is formatted wrongly. Close each "
                                         "tag in the order it was opened.", fix=fix)
