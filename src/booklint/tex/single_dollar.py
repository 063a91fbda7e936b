"""Check a single-``$`` span the way the page really renders it.

A ``$...$`` span in a kramdown book reaches KaTeX only after kramdown has treated it as
Markdown (see :mod:`booklint.tex.kramdown`). This module chains the two steps for the engine:
compute what the renderer receives, validate that, and give every problem back in offsets of
the raw text between the dollars, so a rule can point at what the author wrote.
"""

from __future__ import annotations

from booklint.tex.checker import check
from booklint.tex.kramdown import KramdownText, kramdown_math_text
from booklint.tex.problems import TexProblem
from booklint.tex.scope import MacroScope

from ..slotted import frozen_slots


@frozen_slots
class SingleDollarResult:
    kramdown: KramdownText        # what kramdown made of the span, with its damage facts
    problems: tuple[TexProblem, ...]  # the renderer's objections, in raw offsets

    @property
    def ok(self) -> bool:
        return not self.problems and not self.kramdown.split


def check_single_dollar(raw: str, *, macros: MacroScope, in_table_row: bool = False) -> SingleDollarResult:
    """Validate the single-``$`` span whose raw text (between the dollars) is ``raw``.

    The renderer is the scope's (KaTeX for a Distill/al-folio book); the formula is inline.
    When kramdown inserts an element into the span (emphasis, a code span, a line break, a
    table cell boundary...), the renderer never receives it as one formula: the result then
    carries only the damage (``result.kramdown.damage``), which is the finding to report.
    """
    k = kramdown_math_text(raw, in_table_row=in_table_row)
    if k.split:
        return SingleDollarResult(k, ())
    problems = []
    for p in check(k.text, renderer=macros.renderer, display=False, macros=macros):
        if p.kind == "too-large":
            problems.append(TexProblem(p.kind, p.message, k.to_raw(p.start), len(raw)))
            continue
        start, end = k.to_raw_span(p.start, p.end)
        problems.append(TexProblem(p.kind, p.message, start, end))
    return SingleDollarResult(k, tuple(problems))
