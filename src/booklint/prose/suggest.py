"""How both misspelling rules word a suggestion and offer it as a fix."""

from __future__ import annotations

from ..document.model import Span
from ..findings import Edit, Fix


def match_case(word: str, sugg: str) -> str:
    """A suggestion written with the word's leading capital."""
    if word[:1].isupper() and sugg[:1].islower():
        return sugg[0].upper() + sugg[1:]
    return sugg


def either(items: list[str]) -> str:
    """`a`, `b` or `c`."""
    q = [f"`{x}`" for x in items]
    return q[0] if len(q) == 1 else ", ".join(q[:-1]) + " or " + q[-1]


def replacement(text: str, span: Span, word: str, best: str | None) -> Fix | None:
    """An unsafe fix to the one clear suggestion, when the span still holds the word."""
    if best and text[span.start:span.end] == word:
        return Fix(f"Replace with `{best}`", (Edit(span.start, span.end, best),), safe=False)
    return None


def table_padded(text: str, start: int, end: int, new: str) -> tuple[Edit, ...]:
    """The edits that write ``new`` over ``text[start:end]``, keeping a Markdown table's
    padding: when the cell's closing `|` lines up with a `|` of the row above or below, the
    spaces before it are trimmed or padded by the change in length, so the columns stay
    aligned. Outside a table, or when the row is not aligned (or has too few spaces to give
    up), only the word changes."""
    edit = Edit(start, end, new)
    delta = len(new) - (end - start)
    ls = text.rfind("\n", 0, start) + 1
    le = text.find("\n", end)
    le = len(text) if le == -1 else le
    line = text[ls:le]
    bar = text.find("|", end, le)
    if not delta or bar == -1 or not line.lstrip().startswith("|"):
        return (edit,)
    col = bar - ls
    aligned = False
    for other in (_line_before(text, ls), _line_after(text, le)):
        if other is not None and other.lstrip().startswith("|") and len(other) > col and other[col] == "|":
            aligned = True
    if not aligned:
        return (edit,)
    pad = bar
    while pad > end and text[pad - 1] == " ":
        pad -= 1
    spaces = bar - pad
    if delta > 0:
        if spaces - delta < 1:
            return (edit,)  # no room: the word changes, the row's alignment breaks
        return edit, Edit(bar - delta, bar, "")
    return edit, Edit(bar, bar, " " * -delta)


def _line_before(text: str, ls: int) -> str | None:
    if ls == 0:
        return None
    ps = text.rfind("\n", 0, ls - 1) + 1
    return text[ps:ls - 1]


def _line_after(text: str, le: int) -> str | None:
    if le >= len(text):
        return None
    ne = text.find("\n", le + 1)
    return text[le + 1:ne if ne != -1 else len(text)]
