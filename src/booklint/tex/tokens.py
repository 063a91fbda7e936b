"""A linear, iterative tokenizer for TeX math.

The validator never needs TeX's full expansion machinery, only the token stream a renderer
sees before it starts parsing: control words and symbols, braces, the math specials
(``^ _ & # $ ' ~``), comments and white space, each with its character offsets. One
compiled regular expression without nested quantifiers does the work, so the time is linear
in the length of the input whatever it contains.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import NamedTuple

# Token kinds.
CS = "cs"            # control word or control symbol; ``name`` has no backslash
OPEN = "open"        # {
CLOSE = "close"      # }
SUP = "sup"          # ^
SUB = "sub"          # _
ALIGN = "align"      # &
PARAM = "param"      # #   (``name`` holds the digit that follows, if any)
SHIFT = "shift"      # $
SPACE = "space"      # spaces, tabs, newlines
COMMENT = "comment"  # % to the end of the line
CHAR = "char"        # a run of ASCII letters and digits, or any other single character
BACKSLASH_END = "bs-end"  # a lone backslash at the very end of the input
BEGIN = "begin"      # \begin{name}: the whole construct; ``name`` is the environment name
END = "end"          # \end{name}

# The kind of a token, decided by its first character (CHAR for anything not listed).
_KIND_OF_FIRST = {"{": OPEN, "}": CLOSE, "^": SUP, "_": SUB, "&": ALIGN, "$": SHIFT, "\\": CS,
                  "%": COMMENT, " ": SPACE, "\t": SPACE, "\r": SPACE, "\n": SPACE, "#": PARAM}

# MathJax reads a control word as [A-Za-z]+; KaTeX also counts @ as a letter. The
# alternatives: \begin{name} or \end{name}, a control word or symbol, a backslash ending the
# input, a comment, white space, a parameter, a run of ASCII letters and digits, any other
# character. None nests a quantifier, so matching is linear.
_TOKEN_TAIL = r"|\\\Z|%[^\n]*|[ \t\r\n]+|#[0-9#]?|[A-Za-z0-9]+|."
_BEGIN_END = r"\\(?:begin|end)[ \t\r\n]*\{[^{}]*\}|"
_TOKEN_RE = {
    False: re.compile(_BEGIN_END + r"\\(?:[A-Za-z]+|.)" + _TOKEN_TAIL, re.S),
    True: re.compile(_BEGIN_END + r"\\(?:[A-Za-z@]+|.)" + _TOKEN_TAIL, re.S),
}


class Token(NamedTuple):
    """One token: its kind, its source text and its character offsets.

    A named tuple rather than a dataclass: a megabyte of formula is a million tokens, and
    tuples are the cheapest objects Python makes.
    """

    kind: str
    text: str      # the source text of the token
    start: int
    end: int

    @property
    def name(self) -> str:
        """For a control sequence, its name without the backslash; for \\begin{x} and
        \\end{x}, the environment name x; otherwise the text."""
        if self.kind == CS:
            return self.text[1:]
        if self.kind == BEGIN or self.kind == END:
            return self.text[self.text.index("{") + 1:-1].strip()
        return self.text


def iter_tokens(tex: str, *, at_is_letter: bool = False) -> Iterator[Token]:
    """Yield the tokens of ``tex`` in order, with offsets; never fails, never recurses."""
    kind_of = _KIND_OF_FIRST.get
    new = tuple.__new__  # a Token without the Python-level __new__ of a named tuple
    for m in _TOKEN_RE[at_is_letter].finditer(tex):
        text = m.group()
        kind = kind_of(text[0], CHAR)
        if kind is CS:
            if len(text) == 1:
                kind = BACKSLASH_END
            elif text[-1] == "}" and (text.startswith("\\begin") or text.startswith("\\end")):
                kind = BEGIN if text[1] == "b" else END
        start, end = m.span()
        yield new(Token, (kind, text, start, end))


def tokenize(tex: str, *, at_is_letter: bool = False) -> list[Token]:
    """All tokens of ``tex`` (see :func:`iter_tokens`)."""
    return list(iter_tokens(tex, at_is_letter=at_is_letter))
