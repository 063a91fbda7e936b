"""The page's top-level blocks, and numbered lists that blocks without indentation cut in two.

The blocks are listed once per run and page (``book.memo`` key ``("views.blocks", path)``)."""

from __future__ import annotations

from ..document.model import Document

_CONTENT = frozenset({"paragraph_open", "fence", "code_block", "math_block", "table_open", "blockquote_open",
                      "bullet_list_open"})


def top_blocks(book, doc: Document) -> list:
    """(type, start line, end line, token index) of the page's top-level blocks (0-based lines, end exclusive).

    Shared by the rules of one run: do not mutate."""
    return book.memo(("views.blocks", doc.path), lambda: _top_blocks(doc))


def _top_blocks(doc: Document) -> list:
    return [(t.type, t.map[0], t.map[1], i) for i, t in enumerate(doc.tokens)
            if t.level == 0 and t.nesting != -1 and t.map]


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


def resumed_lists(book, doc: Document):
    """(list start line, its start number, the line where the list above was cut) for lists resumed after
    blocks that lost their indentation."""
    blocks = top_blocks(book, doc)
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
