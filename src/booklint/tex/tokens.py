"""A linear, iterative tokenizer for TeX math.

The validator never needs TeX's full expansion machinery, only the token stream a renderer
sees before it starts parsing: control words and symbols, braces, the math specials
(``^ _ & # $ ' ~``), comments and white space, each with its character offsets. One
compiled regular expression without nested quantifiers does the work, so the time is linear
in the length of the input whatever it contains.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator

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

_SPECIAL = {"{": OPEN, "}": CLOSE, "^": SUP, "_": SUB, "&": ALIGN, "$": SHIFT}

# MathJax reads a control word as [A-Za-z]+; KaTeX also counts @ as a letter.
_TOKEN_RE = {
    False: re.compile(r"\\(?:[A-Za-z]+|.)|\\\Z|%[^\n]*|[ \t\r\n]+|#[0-9#]?|[A-Za-z0-9]+|.", re.S),
    True: re.compile(r"\\(?:[A-Za-z@]+|.)|\\\Z|%[^\n]*|[ \t\r\n]+|#[0-9#]?|[A-Za-z0-9]+|.", re.S),
}


@dataclass(frozen=True, slots=True)
class Token:
    kind: str
    text: str      # the source text of the token
    start: int
    end: int

    @property
    def name(self) -> str:
        """For a control sequence, its name without the backslash; otherwise the text."""
        if self.kind == CS:
            return self.text[1:]
        return self.text


def iter_tokens(tex: str, *, at_is_letter: bool = False) -> Iterator[Token]:
    """Yield the tokens of ``tex`` in order, with offsets; never fails, never recurses."""
    for m in _TOKEN_RE[at_is_letter].finditer(tex):
        text = m.group()
        start, end = m.span()
        c = text[0]
        if c == "\\":
            kind = CS if len(text) > 1 else BACKSLASH_END
        elif c == "%":
            kind = COMMENT
        elif c in " \t\r\n":
            kind = SPACE
        elif c == "#":
            kind = PARAM
        else:
            kind = _SPECIAL.get(c, CHAR)
        yield Token(kind, text, start, end)


def tokenize(tex: str, *, at_is_letter: bool = False) -> list[Token]:
    """All tokens of ``tex`` (see :func:`iter_tokens`)."""
    return list(iter_tokens(tex, at_is_letter=at_is_letter))
