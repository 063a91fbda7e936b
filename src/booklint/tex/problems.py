"""What the TeX validator reports: one :class:`TexProblem` per defect in a formula.

``kind`` is a stable short id that rules and tests can match on; ``message`` is written for
a book author (what is wrong, then what to do), and ``start``/``end`` are character offsets
into the exact string that was checked, so a rule can point at the right line and column.
"""

from __future__ import annotations

from ..slotted import frozen_slots

#: Every kind the validator can report, with what it means. Rules select on these ids.
KINDS: dict[str, str] = {
    "unknown-command": "a control sequence the renderer does not define (nor the book, nor the chapter)",
    "unknown-env": "\\begin{name} with an environment the renderer does not define",
    "unbalanced-brace": "a { without its } or a } without its {",
    "env-mismatch": "\\end{b} closing \\begin{a}, a \\begin without \\end, or an \\end without \\begin",
    "left-right": "\\left without \\right, \\right without \\left, \\middle outside them, or a bad delimiter",
    "missing-argument": "a command, environment, ^ or _ that lacks an argument it needs",
    "double-script": "two superscripts or two subscripts on one base (x^a^b, x_a_b, x^2')",
    "misplaced-alignment": "& outside an environment with columns, or \\hline/\\cr outside an array",
    "display-env-inline": "an environment (or \\tag) the renderer allows only in display math, used inline",
    "unbraced-argument": "a command that cannot stand as the unbraced argument of another command or script",
    "misplaced-limits": "\\limits or \\nolimits after something that is not an operator",
    "double-infix": "two \\over-style fractions (\\over, \\choose, \\atop ...) in one group",
    "parameter-char": "# outside a macro definition",
    "text-mode": "a math-only command or ^/_ inside \\text{...} where the renderer rejects it",
    "duplicate-label": "the same \\label twice on one page",
    "unsupported-command": "a command the other renderer has but this one lacks (\\label in KaTeX), "
                           "or a KaTeX \\newcommand/\\renewcommand name clash",
    "too-large": "a formula longer than MAX_TEX_LENGTH characters, checked only up to there",
}


@frozen_slots
class TexProblem:
    """One defect in a formula, located by character offsets into the checked string."""

    kind: str
    message: str
    start: int
    end: int

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"unknown TeX problem kind {self.kind!r}")
        if not 0 <= self.start <= self.end:
            raise ValueError(f"bad span {self.start}..{self.end}")
