"""Tables whose rows have a different number of cells than their header."""

from __future__ import annotations

import bisect
import re

from ...document.model import Document, Span
from ...registry import rule
from ...views.renders import kramdown_renders

_TICKS = re.compile(r"`+")
ESCAPE_HINT = "Escape a `|` inside a value as `\\|`, or "


def code_spans(s: str) -> list[tuple[int, int]]:
    """(start, end) of each code span in ``s``: a backtick run up to the next run of the same length."""
    runs = [(m.start(), m.end() - m.start()) for m in _TICKS.finditer(s)]
    by_len: dict[int, list[int]] = {}
    for p, n in runs:
        by_len.setdefault(n, []).append(p)
    out: list[tuple[int, int]] = []
    covered = 0
    for p, n in runs:
        if p < covered:
            continue
        starts = by_len[n]
        k = bisect.bisect_right(starts, p)
        if k < len(starts):
            q = starts[k]
            out.append((p, q + n))
            covered = q + n
    return out


def split_cells(line: str, code_protects: bool) -> list[str]:
    """A table row's cells, as kramdown (code spans protect `|`) or GFM (they do not) splits them."""
    s = line.strip()
    spans = code_spans(s) if code_protects and "`" in s else []
    cells: list[str] = []
    cur_start = 0
    i, n, k = 0, len(s), 0
    while i < n:
        if k < len(spans) and i == spans[k][0]:
            i = spans[k][1]
            k += 1
            continue
        c = s[i]
        if c == "\\":
            i += 2
            continue
        if c == "|":
            cells.append(s[cur_start:i])
            cur_start = i + 1
        i += 1
    cells.append(s[cur_start:])
    if s.startswith("|") and cells and not cells[0].strip():
        cells.pop(0)
    if cells and not cells[-1].strip():
        cells.pop()
    return cells


@rule("D021", "table-column-count", severity="warning")
def table_column_count(doc: Document, ctx):
    """Finds table rows with more or fewer cells than the table's header.

    ## What it does
    Splits each row of a pipe table the way the page's renderer does (kramdown does not
    split at a `|` inside a code span; GitHub does, unless it is escaped as `\\|`) and
    reports rows whose cell count differs from the header's.

    ## Why is this bad?
    A short row leaves empty cells at its end and the values sit under the wrong headings;
    a long row adds a column with no heading (kramdown) or loses the extra cells (GitHub).
    Usually a `|` inside a value split it, or a cell was forgotten.

    ## Example
    ```markdown
    | chip | HBM bandwidth | FLOPs/s |
    |------|---------------|---------|
    | v5e  | 8.1e11        |
    ```

    ## Use instead
    ```markdown
    | chip | HBM bandwidth | FLOPs/s |
    |------|---------------|---------|
    | v5e  | 8.1e11        | 1.97e14 |
    ```
    """
    protects = kramdown_renders(ctx.book, doc)
    src = doc.source
    for tok in doc.tokens:
        if tok.type != "table_open" or not tok.map or tok.level != 0:
            continue
        a, z = tok.map
        header = split_cells(src.line_text(a + 1), protects)
        want = len(header)
        for ln in range(a + 3, z + 1):
            line = src.line_text(ln)
            if not line.strip():
                continue
            got = len(split_cells(line, protects))
            if got == want:
                continue
            start = src.line_start(ln)
            lead = len(line) - len(line.lstrip())
            more = got > want
            effect = ("kramdown adds a column with no heading for the extra cell" if protects
                      else "the extra cells are dropped") if more else "the missing cells are left empty at the end of the row"
            yield ctx.finding(doc, Span(start + lead, start + len(line.rstrip())),
                              f"This row has {got} cell{'s' if got != 1 else ''} but the header has {want}; {effect}. "
                              f"{ESCAPE_HINT if more else ''}Make the row match the header.")
