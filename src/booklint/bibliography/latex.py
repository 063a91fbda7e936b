"""Turn the LaTeX found in BibTeX field values into Unicode text.

BibTeX values are small LaTeX fragments: brace groups (which also protect capitals from case
changes), accents (``{\\"O}``, ``\\'e``), escaped specials (``\\&``), ligature dashes and a few
formatting commands (``\\emph``, ``\\url``, ``\\href``). This module reads them with one
left-to-right pass and an explicit stack, so a value of a megabyte or ten thousand nested
braces costs linear time and no recursion.

:func:`latex_segments` keeps what the citation renderer needs (which runs are protected by
braces, which are italic, which are URLs); :func:`latex_to_text` is the plain string.
"""

from __future__ import annotations

import re
import unicodedata

from ..slotted import frozen_slots

__all__ = ["Segment", "latex_segments", "latex_to_text", "normalize_space"]

# Accent commands and the Unicode combining character each one puts on its argument.
_ACCENTS = {
    "'": "\u0301",
    "`": "\u0300",
    "^": "\u0302",
    '"': "\u0308",
    "~": "\u0303",
    "=": "\u0304",
    ".": "\u0307",
    "u": "\u0306",
    "v": "\u030c",
    "H": "\u030b",
    "c": "\u0327",
    "d": "\u0323",
    "b": "\u0331",
    "r": "\u030a",
    "k": "\u0328",
}
# Commands that stand for a letter or symbol.
_LETTERS = {
    "ss": "ß",
    "o": "ø",
    "O": "Ø",
    "ae": "æ",
    "AE": "Æ",
    "oe": "œ",
    "OE": "Œ",
    "aa": "å",
    "AA": "Å",
    "l": "ł",
    "L": "Ł",
    "i": "ı",
    "j": "ȷ",
    "dh": "ð",
    "DH": "Ð",
    "th": "þ",
    "TH": "Þ",
    "ng": "ŋ",
    "NG": "Ŋ",
    "dag": "†",
    "ddag": "‡",
    "S": "§",
    "P": "¶",
    "copyright": "©",
    "textregistered": "®",
    "texttrademark": "™",
    "pounds": "£",
    "euro": "€",
    "ldots": "…",
    "dots": "…",
    "textendash": "–",
    "textemdash": "—",
    "textquoteleft": "‘",
    "textquoteright": "’",
    "textquotedblleft": "“",
    "textquotedblright": "”",
    "LaTeX": "LaTeX",
    "TeX": "TeX",
    "BibTeX": "BibTeX",
    "textbackslash": "\\",
    "textasciitilde": "~",
    "textunderscore": "_",
    "textbar": "|",
    "textless": "<",
    "textgreater": ">",
    "quad": " ",
    "qquad": " ",
    "space": " ",
}
# Single-character escapes: \& \% \$ \# \_ \{ \} and spacing commands.
_ESCAPES = {
    "&": "&",
    "%": "%",
    "$": "$",
    "#": "#",
    "_": "_",
    "{": "{",
    "}": "}",
    " ": " ",
    ",": "\u2009",
    ";": " ",
    ":": " ",
    "!": "",
    "/": "",
    "-": "",  # discretionary hyphen
    "\\": " ",
    "@": "",
}
_ITALIC = {"emph", "textit", "textsl", "it", "em", "sl", "mkbibemph", "mkbibitalic"}
_KEEP_ARG = {
    "textbf",
    "textsc",
    "textrm",
    "textsf",
    "texttt",
    "textup",
    "textmd",
    "textnormal",
    "mbox",
    "hbox",
    "text",
    "textsuperscript",
    "textsubscript",
    "mathrm",
    "mathit",
    "mathbf",
    "ensuremath",
    "bf",
    "sc",
    "tt",
    "rm",
    "sf",
    "noopsort",
    "MakeUppercase",
    "MakeLowercase",
    "uppercase",
    "lowercase",
    "nolinkurl",
}
_VERBATIM_ARG = {"url", "path", "doi"}

_TOKEN = re.compile(
    r"\\([A-Za-z]+)\s*|\\(.)|---|--|``|''|[{}$~]|[^\\{}$~`'\-]+|[`'\-]", re.DOTALL
)
_NEEDS_LATEX = re.compile(r"[\\{}$~`'-]")


@frozen_slots
class Segment:
    """A run of text with the same presentation."""

    text: str
    protected: bool = False  # inside a brace group: keep its letter case
    italic: bool = False
    url: bool = False  # the argument of \\url (or the target of \\href when it has no text)


def normalize_space(text: str) -> str:
    """Collapse runs of white space (newlines included) into one space and strip the ends."""
    return " ".join(text.split())


class _Frame:
    __slots__ = ("italic", "protected", "kind")

    def __init__(self, italic: bool, protected: bool, kind: str) -> None:
        self.italic = italic
        self.protected = protected
        self.kind = kind


def _apply_accent(mark: str, base: str) -> str:
    if not base:
        return ""
    if base in ("i", "ı"):
        base = "i"  # \'{\i} is the dotless i with an accent: write it as í
    return unicodedata.normalize("NFC", base[0] + mark) + base[1:]


def latex_segments(value: str) -> list[Segment]:
    """Split a field value into :class:`Segment` runs (braces removed, LaTeX decoded).

    White space is not normalised here (the caller decides); newlines become spaces.
    """
    out: list[Segment] = []
    stack: list[_Frame] = [_Frame(False, False, "group")]
    pending_italic = False
    pending_skip = 0  # \href: the next group is the URL, then the text
    pending_href_url: str | None = None
    pending_verbatim = False
    pending_accent: str | None = None
    math = False
    n = len(value)

    run: list[str] = []  # pieces of the current segment, joined when its flags change
    run_flags: list[tuple[bool, bool, bool]] = [(False, False, False)]

    def flush() -> None:
        if run:
            protected, italic, url = run_flags[0]
            out.append(Segment("".join(run), protected, italic, url))
            run.clear()

    def emit(text: str, url: bool = False) -> None:
        if not text:
            return
        top = stack[-1]
        # every frame above the root is a brace group, and brace groups protect case
        flags = (len(stack) > 1, top.italic, url)
        if flags != run_flags[0]:
            flush()
            run_flags[0] = flags
        run.append(text)

    pos = 0
    while pos < n:
        m = _TOKEN.match(value, pos)
        if m is None:  # cannot happen with the catch-all alternatives; stay safe anyway
            emit(value[pos])
            pos += 1
            continue
        tok = m.group(0)
        pos = m.end()
        cmd = m.group(1)
        esc = m.group(2)

        if pending_accent is not None and tok not in ("{",):
            # accent applied to the next single character of plain text (\'e) or a letter command
            mark = pending_accent
            pending_accent = None
            if cmd is not None:
                base = _LETTERS.get(cmd, "")
                emit(_apply_accent(mark, base))
                continue
            if esc is not None:
                emit(_apply_accent(mark, _ESCAPES.get(esc, esc)))
                continue
            if tok and tok not in ("}", "$", "~"):
                emit(_apply_accent(mark, tok[0]))
                emit(tok[1:].replace("\n", " "))
                continue
            emit(_apply_accent(mark, ""))
            # fall through to handle tok normally

        if cmd is not None:
            if cmd in _ITALIC:
                pending_italic = True
            elif cmd in _VERBATIM_ARG:
                pending_verbatim = True
            elif cmd == "href":
                pending_skip = 2
            elif cmd in _LETTERS:
                emit(_LETTERS[cmd])
                # "\ss " ate the following space; keep a space when text follows on the same word
            elif len(cmd) == 1 and cmd in _ACCENTS:
                pending_accent = _ACCENTS[cmd]
            elif cmd in _KEEP_ARG:
                pass
            # unknown commands: drop the name, keep any argument text
            continue
        if esc is not None:
            if esc in _ACCENTS:
                pending_accent = _ACCENTS[esc]
            else:
                emit(_ESCAPES.get(esc, esc))
            continue
        if tok == "{":
            top = stack[-1]
            if pending_verbatim:
                pending_verbatim = False
                # read the verbatim argument up to its matching brace (braces inside still nest)
                arg, pos = _group(value, pos)
                emit(arg.strip(), url=True)
                continue
            if pending_skip == 2:
                pending_skip = 1
                pending_href_url, pos = _group(value, pos)
                continue
            if pending_skip == 1:
                pending_skip = 0
                pending_href_url = None
            if pending_accent is not None:
                # \'{e}: the group holds the letter(s) to accent
                mark = pending_accent
                pending_accent = None
                inner, pos = _group(value, pos)
                emit(_apply_accent(mark, latex_to_text(inner) if "\\" in inner else inner))
                continue
            italic = top.italic or pending_italic
            pending_italic = False
            stack.append(_Frame(italic, True, "group"))
            continue
        if pending_href_url is not None and pending_skip == 1:
            # \href{url} without a text group: show the url
            emit(pending_href_url, url=True)
            pending_href_url = None
            pending_skip = 0
        if tok == "}":
            if len(stack) > 1:
                stack.pop()
            # an unmatched closing brace is ignored here; the parser reports it
            continue
        if tok == "$":
            math = not math
            continue
        if tok == "~":
            emit(" ")
            continue
        if tok == "---":
            emit("—")
            continue
        if tok == "--":
            emit("–")
            continue
        if tok == "``":
            emit("“")
            continue
        if tok == "''":
            emit("”")
            continue
        if pending_italic:
            # "{\em text}" style: the declaration applies to the rest of the group
            stack[-1] = _Frame(True, stack[-1].protected, stack[-1].kind)
            pending_italic = False
        emit(tok.replace("\n", " ").replace("\r", " ").replace("\t", " "))
    if pending_accent is not None:
        emit(_apply_accent(pending_accent, ""))
    if pending_href_url is not None:
        emit(pending_href_url, url=True)
    flush()
    return out


def latex_to_text(value: str) -> str:
    """The plain Unicode text of a field value, white space collapsed."""
    if _NEEDS_LATEX.search(value) is None:
        return " ".join(value.split())
    return normalize_space("".join(s.text for s in latex_segments(value)))


def _group(value: str, pos: int) -> tuple[str, int]:
    """The text of a brace group whose `{` was just read (nested braces kept), and the offset
    after its `}` (the end of ``value`` when it never closes)."""
    depth = 1
    start = pos
    n = len(value)
    while pos < n and depth:
        ch = value[pos]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        pos += 1
    return (value[start : pos - 1] if depth == 0 else value[start:pos]), pos
