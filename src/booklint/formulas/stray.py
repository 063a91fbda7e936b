"""Dollars that do not make the formula the author meant, and scripts that take one character.

Read from the prose groups of :mod:`booklint.views.stray` (a paragraph, heading or table cell
with code, HTML and Liquid masked, math kept) and from the formulas the page analysis sent to
their renderer; nothing is parsed again. Built once a run per page (``book.memo`` keys
``("formulas.stray", ...)``).

Dollar runs of one line are paired by their side, as Pandoc and the auto-render's authors read
them: a `$` with a non-space after it opens, one with a non-space before it and a space,
punctuation or the line's end after it closes. Three slips come out of that walk:

* ``mixed``: a formula opened with `$` and closed with `$$`, or the reverse;
* ``near-miss``: an opening `$` that nothing closes, and a `%` or `#` (the keys beside `$`)
  right after a short TeX-looking run (`$x%`);
* ``no-opener``: a closing `$` that nothing opened, right after TeX-looking text (`x_1 + \\alpha$`).

A formula's content must look like TeX (a command, a script, braces, an `=` or a lone
variable in an operation) before any of these is reported: prices stay prices.
"""

from __future__ import annotations

import bisect
import functools
import re

from ..document.model import Document, Span
from ..slotted import frozen_slots
from ..views.stray import MASK, prose_groups

_RUN = re.compile(r"\$+")
_TEXY = re.compile(r"\\[A-Za-z]+|[\^_{}=]|(?<![A-Za-z])[A-Za-z](?![A-Za-z])\s*[-+*/<>]")
_TEX_BEFORE = re.compile(r"(?:\\[A-Za-z]+|[A-Za-z0-9})\]][_^][{\w]|[_^]\{[^{}]*\})[^$\s]*\s*$")
_WORDS = re.compile(r"[^\W\d_]{3,}(?:\s+[^\W\d_]{3,}){2,}")


@frozen_slots
class StrayDollar:
    kind: str       # "mixed", "near-miss", "no-opener"
    span: Span      # the delimiter (or near-miss character) to point at
    opener: Span | None  # for "mixed": the opening run


def _texy(s: str) -> bool:
    return bool(_TEXY.search(s)) and not _WORDS.search(s) and MASK not in s


def stray_dollars(book, doc: Document) -> list[StrayDollar]:
    """Mixed, near-miss and missing formula delimiters on the page's lines of prose."""
    return book.memo(("formulas.stray", "dollars", doc.path), lambda: _stray_dollars(book, doc))


def _stray_dollars(book, doc: Document) -> list[StrayDollar]:
    out: list[StrayDollar] = []
    for g in prose_groups(book, doc):
        s = g.dollars
        if "$" not in s:
            continue
        pos = 0
        for line in s.split("\n"):
            if "$" in line:  # a line without one has nothing to pair
                _walk(line, g.start + pos, out)
            pos += len(line) + 1
    return out


def _closes(line: str, a: int, z: int) -> bool:
    """A `$` written as a closer: a non-space before it, a space, punctuation or the line's end after."""
    return a > 0 and not line[a - 1].isspace() and (z == len(line) or line[z].isspace() or line[z] in ".,;:!?)]}")


def _walk(line: str, base: int, out: list[StrayDollar]) -> None:
    runs = [(m.start(), m.end()) for m in _RUN.finditer(line)
            if m.end() - m.start() <= 2 and (m.start() == 0 or line[m.start() - 1] != "\\")]
    # the renderers pair dollars in order: the first opens, the next of the same kind closes
    opened: tuple[int, int] | None = None
    for a, z in runs:
        if opened is None:
            opened = (a, z)
            continue
        oa, oz = opened
        if z - a == oz - oa:
            opened = None
            continue
        if _closes(line, a, z) and a - oz <= 2000 and _texy(line[oz:a]):
            out.append(StrayDollar("mixed", Span(base + a, base + z), Span(base + oa, base + oz)))
            opened = None
            continue
        opened = (a, z)
    singles = [(a, z) for a, z in runs if z - a == 1]
    if len(singles) % 2 == 0:
        return
    # an odd count of `$`: one of them has no partner
    last = 0
    for a, z in singles:
        if _closes(line, a, z) and _TEX_BEFORE.search(line[max(last, a - 80):a]):
            out.append(StrayDollar("no-opener", Span(base + a, base + z), None))
            return
        last = z
    if opened is not None and opened[1] - opened[0] == 1:
        oa, oz = opened
        g = re.match(r"([^$%#\s][^$%#\n]{0,40}?)([%#])(?=[\s.,;:!?)]|$)", line[oz:])
        if g and (_texy(g.group(1)) or re.fullmatch(r"[A-Za-z]", g.group(1).strip())) and not re.search(r"[A-Za-z]{4,}\s", g.group(1)):
            k = oz + g.start(2)
            out.append(StrayDollar("near-miss", Span(base + k, base + k + 1), Span(base + oa, base + oz)))


# -- scripts of several characters without braces ----------------------------------------------

_SCRIPT = re.compile(r"(?<!\\)([\^_])(\d{2,}|-\d)")


@frozen_slots
class LooseScript:
    span: Span      # the `^`/`_` and the characters meant for the script
    script: str     # what the author wrote after the `^`/`_`
    sign: str


def loose_scripts(formulas) -> list[LooseScript]:
    """`^15`, `_12`, `^-1` in formulas the renderers got: the script takes one character only."""
    out = []
    for f in formulas:
        tex = f.tex
        if "^" not in tex and "_" not in tex:
            continue
        ranges = None
        for m in _SCRIPT.finditer(tex):
            if ranges is None:
                ranges = _text_arguments(tex)
                starts = [a for a, _z in ranges]
            k = bisect.bisect_right(starts, m.start()) - 1
            if k >= 0 and m.start() < ranges[k][1]:
                continue
            out.append(LooseScript(f.to_file(m.start(), m.end()), m.group(2), m.group(1)))
    return out


_TEXT_ARG = re.compile(r"\\(?:text\w*|mbox|hbox|label|tag|href|url)\s*\{")


def _text_arguments(tex: str) -> list[tuple[int, int]]:
    """The spans inside the braces of text-like commands (there `^` is no script), in one pass
    over the formula (nested text commands are inside the outer span already)."""
    out: list[tuple[int, int]] = []
    for m in _TEXT_ARG.finditer(tex):
        if out and m.start() < out[-1][1]:
            continue
        depth = 1
        i = m.end()
        while i < len(tex) and depth:
            if tex[i] == "\\":
                i += 2
                continue
            depth += tex[i] == "{"
            depth -= tex[i] == "}"
            i += 1
        out.append((m.end(), i))
    return out


# -- paragraphs kramdown reads as tables ---------------------------------------------------------

_PIPE = re.compile(r"(?<!\\)\|")
_MATH_RUN = re.compile(r"\$\$.+?\$\$|\$[^$]+\$")


def paragraph_table_pipes(book, doc: Document) -> list[Span]:
    """The first `|` inside math of each paragraph that kramdown turns into a table.

    kramdown needs no delimiter row: a block whose every line holds a `|` outside code spans and
    escapes, up to a blank line, is a table, math or not (kramdown 2.4's table parser; `$...$` is
    text to it, and `$$...$$` is not protected either). markdown-it, which wants the delimiter
    row, keeps such a paragraph a paragraph, so no table rule sees it."""
    from ..views.renders import kramdown_renders

    if not kramdown_renders(book, doc) or "|" not in doc.text:
        return []
    return book.memo(("formulas.stray", "paragraph-tables", doc.path), lambda: _paragraph_table_pipes(book, doc))


def _paragraph_table_pipes(book, doc: Document) -> list[Span]:
    out = []
    for g in prose_groups(book, doc):
        if g.where != "paragraph" or "|" not in g.dollars:
            continue
        lines = g.dollars.split("\n")
        if not all(_PIPE.search(line) for line in lines) or not _own_block(doc.text, g.start, g.start + len(g.dollars)):
            continue
        pos = 0
        for line in lines:
            hit = next((pos + m.start() + p.start() for m in _MATH_RUN.finditer(line)
                        for p in _PIPE.finditer(m.group())), None)
            if hit is not None:
                out.append(Span(g.start + hit, g.start + hit + 1))
                break
            pos += len(line) + 1
    return out


def _own_block(text: str, start: int, end: int) -> bool:
    """The paragraph stands alone as kramdown sees it too: at the start of its line (no list marker
    or quote before it, which kramdown may read differently), with a blank line or the file's
    edge before and after it."""
    line_start = text.rfind("\n", 0, start) + 1
    if text[line_start:start].strip(" "):
        return False
    if line_start:
        prev = text[text.rfind("\n", 0, line_start - 1) + 1:line_start - 1]
        if prev.strip() and prev.strip() != "---":
            return False
    line_end = text.find("\n", end)
    rest = "" if line_end == -1 else text[line_end + 1:]
    return not rest or rest.startswith("\n") or not rest.split("\n", 1)[0].strip()


def formula_regions(book, doc: Document, settings: dict):
    """Where the page's renderers really find formulas (the analysis' pairing: KaTeX's auto-render
    reads `$\\text{the $\\alpha$ value}$` as one formula, whatever the Markdown parser paired)."""
    from ..views.regions import Regions
    from .analysis import analyze_document

    def build():
        # (a Span's end is never before its start)
        return Regions.from_pairs([(f.at, f.end if f.end >= f.at else f.at)
                                  for f in analyze_document(book, doc, settings).formulas])

    return book.memo(("formulas.stray", "regions", doc.path), build)


# -- literal text in MathJax's text-mode arguments ------------------------------------------------

# What MathJax 3 (without the textmacros extension, as the tex-mml-chtml bundle loads it) makes of
# a text-mode argument, measured with tests/oracle/mathml.js: `$...$` and `\(...\)` inside are
# math, `\$`, `\{`, `\}` print their character, and every other backslash prints as typed.
_MJ_TEXT_OK = frozenset("${}\\")


@frozen_slots
class TextLiteral:
    span: Span
    written: str    # `^`, or the control sequence as typed
    command: str    # the text-mode command around it


def mathjax_text_literals(formulas) -> list[TextLiteral]:
    """`^` and control sequences inside MathJax text-mode arguments (`\\text{a^2}`,
    `\\textbf{\\alpha}`, `\\text{50\\%}`), which MathJax prints as typed. `_` is left alone:
    `\\text{num_params}` shows the underscore the author meant."""
    if not formulas:
        return []  # a page without math loads no renderer table (lean startup)
    from ..tex.tables import TEXT

    infos, pattern = _mathjax_text_commands()
    out = []
    for f in formulas:
        if f.renderer != "mathjax" or "\\" not in f.tex:
            continue
        tex = f.tex
        for m in pattern.finditer(tex):
            modes = infos[m.group(1)].arg_modes
            i = m.end()
            for mode in modes:
                while i < len(tex) and tex[i] in " \t\n":
                    i += 1
                if i >= len(tex) or tex[i] != "{":
                    break
                end = _group_end(tex, i)
                if mode == TEXT:
                    out.extend(_literals(tex, i + 1, end - 1, f, m.group(1)))
                i = end
    return out


@functools.cache
def _mathjax_text_commands() -> tuple[dict, re.Pattern]:
    """MathJax's commands with a text-mode argument, and a pattern that finds them (made once:
    a loader of the shipped table)."""
    from ..tex.tables import TEXT, load_table

    table = load_table("mathjax")
    infos = {n: c for n, c in table.commands.items() if TEXT in c.arg_modes}
    for pkg in table.package_commands.values():
        for n, c in pkg.items():
            if TEXT in c.arg_modes:
                infos.setdefault(n, c)
    pattern = re.compile(r"\\(" + "|".join(sorted(map(re.escape, set(infos)), key=len, reverse=True)) + r")(?![A-Za-z])\s*")
    return infos, pattern


def _group_end(tex: str, i: int) -> int:
    depth = 0
    while i < len(tex):
        c = tex[i]
        if c == "\\":
            i += 2
            continue
        depth += c == "{"
        depth -= c == "}"
        i += 1
        if depth == 0:
            return i
    return len(tex)


def _literals(tex: str, a: int, z: int, f, command: str):
    i = a
    while i < z:
        c = tex[i]
        if c == "$":  # nested math: MathJax typesets it
            k = tex.find("$", i + 1, z)
            i = z if k == -1 else k + 1
            continue
        if c == "\\":
            if i + 1 < z and tex[i + 1] == "(":
                k = tex.find("\\)", i + 2, z)
                i = z if k == -1 else k + 2
                continue
            g = re.match(r"\\(?:[A-Za-z]+|.)", tex[i:z])
            written = g.group() if g else "\\"
            if written[1:] and written[1] not in _MJ_TEXT_OK:
                yield TextLiteral(f.to_file(i, i + len(written)), written, command)
            i += len(written)
            continue
        if c == "^":
            yield TextLiteral(f.to_file(i, i + 1), "^", command)
        i += 1
