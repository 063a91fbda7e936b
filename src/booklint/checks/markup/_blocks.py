"""The page's top-level blocks, and numbered lists that blocks without indentation cut in two."""

from __future__ import annotations

from ...document.model import Document

_CONTENT = frozenset({"paragraph_open", "fence", "code_block", "math_block", "table_open", "blockquote_open",
                      "bullet_list_open"})

_cache: dict[int, tuple[object, list]] = {}


def top_blocks(doc: Document):
    """(type, start line, end line, token index) of the page's top-level blocks (0-based lines, end exclusive)."""
    hit = _cache.get(id(doc))
    if hit is not None and hit[0] is doc.tokens:
        return hit[1]
    toks = doc.tokens
    out = [(t.type, t.map[0], t.map[1], i) for i, t in enumerate(toks) if t.level == 0 and t.nesting != -1 and t.map]
    if len(_cache) > 16:
        _cache.clear()
    _cache[id(doc)] = (doc.tokens, out)
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


def resumed_lists(doc: Document):
    """(list start line, its start number, the line where the list above was cut) for lists resumed after
    blocks that lost their indentation."""
    blocks = top_blocks(doc)
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
