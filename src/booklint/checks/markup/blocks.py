"""Block structure: code spans that close early, lists and quotes that lost a line, list numbers."""

from __future__ import annotations

import bisect

from ...document.model import Document, Span
from ..registry import rule
from ._common import kramdown_renders, paused_gc

_CONTENT = frozenset({"paragraph_open", "fence", "code_block", "math_block", "table_open", "blockquote_open",
                      "bullet_list_open"})
_NAMES = {"fence": "code block", "code_block": "code block", "table_open": "table", "bullet_list_open": "list",
          "ordered_list_open": "list", "paragraph_open": "paragraph", "math_block": "equation",
          "blockquote_open": "quote", "html_block": "HTML block"}


@rule("D022", "code-span-unbalanced", severity="warning")
def code_span_unbalanced(doc: Document, ctx):
    """Finds code spans that close at the wrong backtick, or never close.

    ## What it does
    A code span ends at the next run of exactly as many backticks as opened it. A backtick
    left over in the text after that means the span closed earlier than meant (the code
    itself contained a backtick), or a code span never closed. Reported on the code span
    that closed early (where it opens), else on the lone backtick.

    ## Why is this bad?
    The code shows cut in two, with a stray backtick in the text and the rest of the code
    set as prose (where `*` and `_` even turn into emphasis).

    ## Example
    ```markdown
    Run `echo `date`` to print the date.
    ```

    ## Use instead
    ```markdown
    Run ``echo `date` `` to print the date.
    ```
    """
    spans = sorted(doc.code_spans, key=lambda c: c.span.start)
    ends = [c.span.end for c in spans]
    src = doc.source
    seen: set[int] = set()
    for run in doc.prose:
        if "`" not in run.text:
            continue
        i = run.text.find("`")
        while i != -1:
            p = run.span.start + i
            j = i
            while j < len(run.text) and run.text[j] == "`":
                j += 1
            line = src.line_col(p)[0]
            k = bisect.bisect_right(ends, p) - 1
            prev = spans[k] if k >= 0 and src.line_col(spans[k].span.start)[0] == line else None
            if prev is not None:
                if prev.span.start not in seen:
                    seen.add(prev.span.start)
                    yield ctx.finding(doc, prev.span,
                                      f"This code span closes at its second backtick run, but a backtick is left over "
                                      f"later on the line (column {src.line_col(p)[1]}), so the code was probably meant "
                                      f"to run on. If the code contains a backtick, open and close the span with more "
                                      f"backticks than it contains (``` `` a`b `` ```).")
            elif p not in seen:
                seen.add(p)
                yield ctx.finding(doc, Span(p, p + (j - i)),
                                  "This backtick opens a code span that is never closed, so it shows as a literal "
                                  "backtick and the code is set as prose. Close the span with the same number of "
                                  "backticks, or escape it as `\\``.")
            i = run.text.find("`", j)


_blocks_cache: dict[int, tuple[object, list]] = {}


def _top_blocks(doc: Document):
    """(type, start line, end line, token index) of the page's top-level blocks (0-based lines, end exclusive)."""
    hit = _blocks_cache.get(id(doc))
    if hit is not None and hit[0] is doc.tokens:
        return hit[1]
    toks = doc.tokens
    with paused_gc():
        out = [(t.type, t.map[0], t.map[1], i) for i, t in enumerate(toks) if t.level == 0 and t.nesting != -1 and t.map]
    if len(_blocks_cache) > 16:
        _blocks_cache.clear()
    _blocks_cache[id(doc)] = (doc.tokens, out)
    return out


def _items(doc: Document, index: int) -> list:
    """The top-level items of the list that opens at token ``index``."""
    items = []
    depth = 0
    toks = doc.tokens
    for k in range(index, len(toks)):
        t = toks[k]
        depth += t.nesting
        if t.type == "list_item_open" and depth == 2:
            items.append(t)
        if depth == 0:
            break
    return items


def _last_content_line(doc: Document, start: int, end: int) -> int:
    """0-based index of the last non-blank line in [start, end)."""
    src = doc.source
    for ln in range(end - 1, start - 1, -1):
        if src.line_text(ln + 1).strip():
            return ln
    return start


def _lost_marker(doc: Document):
    """Blocks that directly follow a quote or a list without a blank line but are outside it."""
    blocks = _top_blocks(doc)
    for (t1, a1, z1, _i1), (t2, a2, _z2, _i2) in zip(blocks, blocks[1:]):
        if t1 not in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            continue
        last = _last_content_line(doc, a1, z1)
        if a2 != last + 1:
            continue
        if t1 == "blockquote_open" and t2 in ("bullet_list_open", "ordered_list_open", "fence", "table_open"):
            yield a2, "quote", t2
        elif t1 != "blockquote_open" and t2 in ("fence", "table_open", "math_block"):
            yield a2, "list item", t2


def _renumbered(doc: Document):
    """(list start line, its start number, the line where the list above was cut) for lists resumed after
    blocks that lost their indentation."""
    blocks = _top_blocks(doc)
    for k, (t, a, _z, i) in enumerate(blocks):
        if t != "ordered_list_open":
            continue
        start = doc.tokens[i].attrGet("start")
        if not isinstance(start, int) or start <= 1:
            continue
        j = k - 1
        while j >= 0 and blocks[j][0] in _CONTENT:
            j -= 1
        if j < 0 or j == k - 1 or blocks[j][0] != "ordered_list_open":
            continue
        items = _items(doc, blocks[j][3])
        try:
            last = int(items[-1].info) if items else None
        except ValueError:
            last = None
        if last == start - 1:
            yield a, start, blocks[j + 1][1], blocks[j + 1][0]


@rule("D023", "continuation-lost-marker", severity="warning")
def continuation_lost_marker(doc: Document, ctx):
    """Finds lines meant to continue a list item or a quote that fell out of it.

    ## What it does
    Reports (1) a list, code block or table right after a quote, with no blank line, whose
    lines lost their `>`; (2) a code block, table or equation right after a list item,
    with no blank line, that is not indented under it; (3) paragraphs or code between two
    parts of one numbered list (`2.` ... `3.`) that are not indented, so they end the list.

    ## Why is this bad?
    The block is not part of the item or quote it continues: it loses the quote's styling,
    or splits the list in two, and kramdown numbers the second half from 1 again.

    ## Example
    ```markdown
    1. Install the package:

    pip install booklint

    2. Run it.
    ```

    ## Use instead
    ```markdown
    1. Install the package:

       pip install booklint

    2. Run it.
    ```
    """
    src = doc.source
    for line0, what, t2 in _lost_marker(doc):
        ln = line0 + 1
        s = src.line_start(ln)
        marker = "`>`" if what == "quote" else "indentation"
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This {_NAMES.get(t2, 'block')} follows the {what} above on the next line but has no {marker}, "
                          f"so it is not part of the {what}. Indent it under the {what}"
                          f"{' (prefix each line with `>`)' if what == 'quote' else ''}, or separate it with a blank line "
                          f"if it is meant to stand alone.")
    for list_line0, start, cut0, cut_type in _renumbered(doc):
        ln = cut0 + 1
        s = src.line_start(ln)
        how = ("kramdown numbers the rest from 1 again" if kramdown_renders(ctx.book, doc)
               else "the list is split in two")
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This {_NAMES.get(cut_type, 'block')} sits between items {start - 1} and {start} (line "
                          f"{list_line0 + 1}) of a numbered list but is not indented, so it ends the list and {how}. "
                          f"Indent it to the item's text.")


@rule("D024", "ordered-list-start-ignored", severity="warning")
def ordered_list_start_ignored(doc: Document, ctx):
    """Finds numbered lists that start at a number other than 1 on pages kramdown renders.

    ## What it does
    kramdown numbers every ordered list from 1, whatever number its first item has (GitHub
    and CommonMark keep it). Reports such a list on a page kramdown renders, unless it is
    the continuation of a list cut by unindented blocks (reported by D023 instead).

    ## Why is this bad?
    An answer written as `3. ...` is shown as `1. ...` on the site.

    ## Example
    ```markdown
    3. The third answer.
    ```

    ## Use instead
    ```markdown
    {: start="3"}
    3. The third answer.
    ```
    (or write the number as text: `**3.** The third answer.`)
    """
    if not kramdown_renders(ctx.book, doc):
        return
    resumed = {a for a, _s, _c, _t in _renumbered(doc)}
    src = doc.source
    for t, a, _z, i in _top_blocks(doc):
        if t != "ordered_list_open" or a in resumed:
            continue
        start = doc.tokens[i].attrGet("start")
        if not isinstance(start, int) or start == 1:
            continue
        prev_line = src.line_text(a).strip() if a > 0 else ""
        if prev_line.startswith("{:") and "start" in prev_line:
            continue  # an IAL already sets the start
        ln = a + 1
        s = src.line_start(ln)
        yield ctx.finding(doc, Span(s, src.line_end(ln)),
                          f"This list starts at {start}, but kramdown numbers every list from 1, so the site shows "
                          f"`1.` here. Put `{{: start=\"{start}\"}}` on the line above the list, or write the number as "
                          f"text (`{start}\\.`).")
