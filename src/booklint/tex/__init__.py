"""booklint's TeX math validator: pure Python, judged against MathJax 3 or KaTeX.

``check(tex, renderer=..., display=..., macros=scope)`` returns the :class:`TexProblem`s the
renderer would refuse the formula for. :class:`MacroScope` carries a chapter's definitions
from one formula to the next. :mod:`booklint.tex.kramdown` computes what a single-``$`` span
becomes after kramdown has treated it as Markdown, before KaTeX sees it.
"""

from booklint.tex.checker import check
from booklint.tex.kramdown import Damage, KramdownText, kramdown_math_text, table_cell_text
from booklint.tex.problems import KINDS, TexProblem
from booklint.tex.scope import MacroScope
from booklint.tex.single_dollar import SingleDollarResult, check_single_dollar
from booklint.tex.tokens import Token, tokenize

__all__ = [
    "KINDS", "Damage", "KramdownText", "MacroScope", "SingleDollarResult", "TexProblem", "Token",
    "check", "check_single_dollar", "kramdown_math_text", "table_cell_text", "tokenize",
]
