"""Markup that reaches the reader as literal characters: the prose of each paragraph, heading
and table cell with everything that is not prose masked out, and the stray marks found in it.

A *prose group* is one paragraph, heading or table cell as the Document's inline items give
it (markdown-it's parse, with the positions the parser recorded). Its text is the source from
the group's first item to its last, with every character that is not prose replaced by NUL:
code spans, math, inline HTML (attribute values included), Liquid, images, link destinations,
bare URLs and footnote markers. List markers, block quotes' `>`, fences and front matter are
not in any group. Rules read the masked text, never the file again.

Each analysis is built once a run per page (``book.memo`` keys ``("views.stray", ...)``).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..document.model import Document, Span
from .renders import kramdown_renders

MASK = "\x00"
_PROSE = frozenset({"text", "text_special", "softbreak", "hardbreak"})
# (an address starts where a run of its characters starts: tried inside a run, it would scan
# the rest of the run again from every position, quadratic in a long word)
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\x00]+|www\.[^\s<>\x00]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]*\]")


@dataclass(frozen=True, slots=True)
class ProseGroup:
    start: int          # source offset of ``text[0]``
    text: str           # the source from ``start``, non-prose characters replaced by MASK
    where: str          # "paragraph", "heading", "table"
    dollars: str        # the same stretch with math kept (for the pairing of `$`)


def prose_groups(book, doc: Document) -> list[ProseGroup]:
    """Every paragraph, heading and table cell of ``doc`` as masked prose (shared: do not mutate)."""
    return book.memo(("views.stray", "groups", doc.path), lambda: _groups(doc))


def _groups(doc: Document) -> list[ProseGroup]:
    by_group: dict[int, list] = {}
    for it in doc.inline:
        by_group.setdefault(it.group, []).append(it)
    text = doc.text
    math = sorted((m.span.start, m.span.end) for m in doc.math)
    math_starts = [a for a, _z in math]
    out = []
    for items in by_group.values():
        start = min(i.span.start for i in items)
        end = max(i.span.end for i in items)
        if end <= start:
            continue
        prose = [MASK] * (end - start)
        dollars = [MASK] * (end - start)
        for it in items:
            a, z = it.span.start - start, it.span.end - start
            if it.type in _PROSE:
                prose[a:z] = text[it.span.start:it.span.end]
                dollars[a:z] = text[it.span.start:it.span.end]
            elif it.type in ("math_inline", "math_inline_double"):
                dollars[a:z] = text[it.span.start:it.span.end]
        # math markdown-it found in text (MathJax environments) is not prose
        k = max(0, bisect.bisect_left(math_starts, start) - 1)
        while k < len(math) and math[k][0] < end:
            ma, mz = math[k]
            if mz > start:
                a, z = max(ma, start) - start, min(mz, end) - start
                prose[a:z] = MASK * (z - a)
            k += 1
        s = "".join(prose)
        s = _URL.sub(lambda g: MASK * len(g.group()), s)
        s = _FOOTNOTE.sub(lambda g: MASK * len(g.group()), s)
        out.append(ProseGroup(start, s, items[0].where, "".join(dollars)))
    out.sort(key=lambda g: g.start)
    return out


# -- emphasis nobody closes ------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class OpenEmphasis:
    span: Span      # the `*`, `**`, `_` or `__`
    marker: str


# An opener followed by a phrase: a word of letters, then more words (two at least).
_PHRASE = re.compile(r"[^\W\d_][\w'’-]*[,;:]?[ \t\n]+[(\"'“‘]?[^\W\d_]")
_FIRST_WORD = re.compile(r"[^\s\x00]*")
_SENTENCE = re.compile(r"[^.!?\x00]*")
_BEFORE = frozenset(" \t\n([{\"'“‘«—–/")


def open_emphasis(book, doc: Document) -> list[OpenEmphasis]:
    """`*`/`_` runs that open emphasis in the author's eyes and that the page's Markdown engine
    leaves as literal characters, because nothing closes them in the paragraph."""
    return book.memo(("views.stray", "emphasis", doc.path), lambda: _open_emphasis(book, doc))


def _open_emphasis(book, doc: Document) -> list[OpenEmphasis]:
    kramdown = kramdown_renders(book, doc)
    if kramdown:
        from ..tex.kramdown import emphasis_pairs  # loaded with the first kramdown page (lean startup)
    names = {p.split("/", 1)[0] for p in book.files.dirs | set(book.files.all_files)}
    out = []
    for g in prose_groups(book, doc):
        s = g.text
        if "*" not in s and "_" not in s:
            continue
        taken: set[int] = set()
        if kramdown:
            for a, z, w, _kind in emphasis_pairs(s.replace(MASK, "x")):
                taken.update(range(a, a + w))
                taken.update(range(z, z + w))
        i = 0
        n = len(s)
        while i < n:
            c = s[i]
            if c not in "*_":
                i += 1
                continue
            j = i
            while j < n and s[j] == c:
                j += 1
            run = s[i:j]
            at, i = i, j
            if len(run) > 2 or at in taken or (at > 0 and s[at - 1] not in _BEFORE):
                continue
            rest = s[j:j + 200]
            if not _PHRASE.match(rest):
                continue
            word = _FIRST_WORD.match(rest).group()
            if c == "_" and ("/" in word or re.search(r"\.\w", word) or run + word.rstrip(".,;:") in names
                             or len(_SENTENCE.match(rest).group().split()) < 3):
                continue  # a file, folder or identifier (`_config.yml`, `_data`, `the _styles block`): meant
            out.append(OpenEmphasis(Span(g.start + at, g.start + j), run))
    return out


# -- TeX written outside math -------------------------------------------------------------------

#: LaTeX document commands that no math renderer knows and that authors bring along from a paper.
LATEX_TEXT_COMMANDS = frozenset({
    "emph", "cite", "citep", "citet", "citealp", "citeauthor", "citeyear", "autoref", "cref", "Cref",
    "label", "footnote", "textbf", "textit", "texttt", "textsc", "textrm", "textsf", "underline", "url", "href",
    "section", "subsection", "subsubsection", "paragraph", "item", "ldots", "dots", "cdots", "LaTeX", "TeX",
    "newline", "vspace", "hspace", "noindent", "todo", "includegraphics", "caption",
})
#: Commands a renderer reads in prose itself: MathJax 3 turns `\ref`/`\eqref` outside math into
#: links (its processRefs option, on by default), and finds `\begin{...}` environments in text.
_RENDERED_IN_TEXT = frozenset({"ref", "eqref", "begin", "end"})

_COMMAND = re.compile(r"(?<![\\\w:./])\\([A-Za-z]{2,})(?![A-Za-z])")


@dataclass(frozen=True, slots=True)
class ProseTex:
    span: Span      # the command, with its braced argument when it has one
    name: str
    argument: str | None


def tex_in_prose(book, doc: Document) -> list[ProseTex]:
    """TeX commands written in prose, outside every formula: the reader sees them as typed."""
    return book.memo(("views.stray", "tex", doc.path), lambda: _tex_in_prose(book, doc))


def _known() -> frozenset[str]:
    from ..tex.tables import load_table  # the renderer tables load only when prose has a backslash

    mj, kx = load_table("mathjax"), load_table("katex")
    known = frozenset(mj.commands) | frozenset(mj.autoload_triggers) | frozenset(kx.commands) | LATEX_TEXT_COMMANDS
    return known - _RENDERED_IN_TEXT


def _tex_in_prose(book, doc: Document) -> list[ProseTex]:
    known = None
    out = []
    for g in prose_groups(book, doc):
        s = g.text
        if "\\" not in s:
            continue
        starts, odd = _dollar_lines(g.dollars) if "$" in g.dollars else ([], [])
        for m in _COMMAND.finditer(s):
            if known is None:
                known = _known()
            name = m.group(1)
            if name not in known or (odd and odd[bisect.bisect_right(starts, m.start()) - 1]):
                continue
            if m.start() and g.dollars[m.start() - 1] == "$":
                continue  # `$\alpha`: a formula the author opened, paired otherwise by the Markdown parser
            end = m.end()
            arg = None
            while end < len(s) and s[end] == "{":  # its braced arguments, as far as they are written
                close = s.find("}", end, end + 200)
                if close == -1 or "\n" in s[end:close]:
                    break
                if arg is None:
                    arg = s[end + 1:close]
                end = close + 1
            out.append(ProseTex(Span(g.start + m.start(), g.start + end), name, arg))
    return out


def _dollar_lines(s: str) -> tuple[list[int], list[bool]]:
    """Each line's start offset in ``s``, and whether it has an odd count of lone `$`: TeX on such a
    line is a formula with a delimiter missing, which the math rules (M009, M030) report as such."""
    starts, odd = [], []
    pos = 0
    for line in s.split("\n"):
        starts.append(pos)
        odd.append(len(_LONE_DOLLAR.findall(line)) % 2 == 1)
        pos += len(line) + 1
    return starts, odd


_LONE_DOLLAR = re.compile(r"(?<![\\$])\$(?!\$)")


# -- placeholders -------------------------------------------------------------------------------

_PLACEHOLDER = re.compile(
    r"(?<![\w-])(?P<marker>TODO|FIXME)(?![\w-])"
    r"|(?<![\w-])(?:TBD|XXX+)(?![\w-])"
    r"|\[(?:ADD|INSERT|PUT|TODO|CITE|CITATION|FIGURE|REF)\b[^\]\x00\n]{0,80}\]"
    r"|\b[Ll]orem ipsum\b")


def placeholders(book, doc: Document) -> list[Span]:
    """`TODO`, `TBD`, `FIXME`, `XXX`, `[ADD ... HERE]` and lorem ipsum in the page's prose.

    `TODO` and `FIXME` count as placeholders where they stand as a note, not as a word of the
    sentence ("remove the TODO comments"): before a colon, inside brackets or parentheses, or
    alone in their paragraph, heading or cell. `TBD` and `XXX` (a value still to fill in: "a
    speedup of XXX"), bracketed instructions and lorem ipsum always count."""
    return book.memo(("views.stray", "placeholders", doc.path), lambda: [
        Span(g.start + m.start(), g.start + m.end())
        for g in prose_groups(book, doc) for m in _PLACEHOLDER.finditer(g.text)
        if m.group("marker") is None or _as_note(g.text, m.start(), m.end())])


def _as_note(s: str, a: int, z: int) -> bool:
    after = s[z:z + 80].lstrip(" \t")
    before = s[max(0, a - 80):a].rstrip(" \t")
    if after[:1] in (":", "!") or after.startswith(("- ", "\u2014 ", "\u2013 ")):
        return True
    if before and after and before[-1] in "([" and after[0] in ")]":
        return True
    return a <= 80 and len(s) - z <= 80 and not before.strip(" \t\n\x00") and not after.strip(" \t\n.\x00")


