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
