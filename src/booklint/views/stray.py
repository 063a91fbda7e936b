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
from itertools import groupby
from operator import attrgetter

from ..document.model import Document, Span
from ..slotted import frozen_slots
from .renders import kramdown_renders

MASK = "\x00"
_PROSE = frozenset({"text", "text_special", "softbreak", "hardbreak"})
# (an address starts where a run of its characters starts: tried inside a run, it would scan
# the rest of the run again from every position, quadratic in a long word)
_URL = re.compile(r"(?:https?|ftp)://[^\s<>\x00]+|www\.[^\s<>\x00]+|(?<![\w.+-])[\w.+-]+@[\w-]+\.[\w.-]+")
_FOOTNOTE = re.compile(r"\[\^[^\]\s]*\]")
_GROUP = attrgetter("group")
_START = attrgetter("start")


@frozen_slots
class ProseGroup:
    start: int          # source offset of ``text[0]``
    text: str           # the source from ``start``, non-prose characters replaced by MASK
    where: str          # "paragraph", "heading", "table"
    dollars: str        # the same stretch with math kept (for the pairing of `$`)


def prose_groups(book, doc: Document) -> list[ProseGroup]:
    """Every paragraph, heading and table cell of ``doc`` as masked prose (shared: do not mutate)."""
    return book.memo(("views.stray", "groups", doc.path), lambda: _groups(doc))


def _groups(doc: Document) -> list[ProseGroup]:
    # one pass over the inline items, whose groups come one after the other (the parser walks a
    # token's children at once); a group met again after another falls back to gathering
    # (itertools.groupby makes the runs in C: a page has five inline items a group)
    runs: list[list] = []
    seen: set[int] = set()
    for g, run in groupby(doc.inline, _GROUP):
        if g in seen:
            return _groups_gathered(doc)
        seen.add(g)
        runs.append(list(run))
    return _build(doc, runs)


def _groups_gathered(doc: Document) -> list[ProseGroup]:
    by_group: dict[int, list] = {}
    for it in doc.inline:
        items = by_group.get(it.group)
        if items is None:
            by_group[it.group] = [it]
        else:
            items.append(it)
    return _build(doc, list(by_group.values()))


def _build(doc: Document, groups: list[list]) -> list[ProseGroup]:
    text = doc.text
    n_text = len(text)
    math = sorted((m.span.start, m.span.end) for m in doc.math)
    math_starts = [a for a, _z in math]
    n_math = len(math)
    out = []
    for items in groups:
        # the prose and the `$` view are the text where their items are, MASK elsewhere: built from
        # the merged item intervals (a join of slices), not a list of characters a group; a group
        # without math items has one view of both (the prose before its addresses are masked)
        prose_at = []
        math_at = None
        sp = items[0].span
        start = sp.start
        end = sp.end
        for t, sp, _g, _w in items:
            a = sp.start
            z = sp.end
            if a < start:
                start = a
            if z > end:
                end = z
            if t in _PROSE:
                prose_at.append((a, z))
            elif t == "math_inline" or t == "math_inline_double":
                if math_at is None:
                    math_at = [(a, z)]
                else:
                    math_at.append((a, z))
        if end <= start:
            continue
        if end > n_text:  # a span past the text (never on a sound parse): the character-wise way
            out.append(_group_by_chars(items, text, start, end, math, math_starts))
            continue
        # math markdown-it found in text (MathJax environments) is not prose
        cut = None
        if n_math:
            k = bisect.bisect_left(math_starts, start)
            if k:
                k -= 1
            while k < n_math and math[k][0] < end:
                ma, mz = math[k]
                if mz > start:
                    if cut is None:
                        cut = []
                    cut.append((max(ma, start), min(mz, end)))
                k += 1
        dollars_at = prose_at if math_at is None else prose_at + math_at
        if len(prose_at) == 1:
            a, z = prose_at[0]
            keep = [[a, z]] if z > a else []
        else:
            keep = _merged(prose_at)
        if cut is None and math_at is None:
            if len(keep) == 1 and keep[0][0] == start and keep[0][1] == end:
                s = dollars = text[start:end]  # all prose (a table cell, a heading): nothing to mask
            else:
                s = dollars = _fill(text, start, end, keep)
        else:
            dollars = _fill(text, start, end, _merged(dollars_at))
            if cut is not None:
                keep = _minus(keep, _merged(cut))
            s = _fill(text, start, end, keep)
        if "://" in s or "www." in s or "@" in s:
            s = _URL.sub(lambda g: MASK * len(g.group()), s)
        if "[^" in s:
            s = _FOOTNOTE.sub(lambda g: MASK * len(g.group()), s)
        out.append(ProseGroup(start, s, items[0].where, dollars))
    out.sort(key=_START)
    return out


def _merged(spans: list[tuple[int, int]]) -> list[list[int]]:
    """The union of ``spans`` as sorted, disjoint, non-empty intervals."""
    spans.sort()
    out: list[list[int]] = []
    for a, z in spans:
        if z <= a:
            continue
        if out and a <= out[-1][1]:
            if z > out[-1][1]:
                out[-1][1] = z
        else:
            out.append([a, z])
    return out


def _minus(keep: list[list[int]], cut: list[list[int]]) -> list[list[int]]:
    """``keep`` without ``cut`` (both merged)."""
    out: list[list[int]] = []
    j = 0
    m = len(cut)
    for a, z in keep:
        while j < m and cut[j][1] <= a:
            j += 1
        pos = a
        k = j
        while k < m and cut[k][0] < z:
            ca, cz = cut[k]
            if ca > pos:
                out.append([pos, ca])
            if cz > pos:
                pos = cz
            k += 1
        if pos < z:
            out.append([pos, z])
    return out


def _fill(text: str, start: int, end: int, keep: list[list[int]]) -> str:
    """``text[start:end]`` with every character outside ``keep`` replaced by MASK."""
    pieces = []
    pos = start
    for a, z in keep:
        if a > pos:
            pieces.append(MASK * (a - pos))
        pieces.append(text[a:z])
        pos = z
    if end > pos:
        pieces.append(MASK * (end - pos))
    return "".join(pieces)


def _group_by_chars(items: list, text: str, start: int, end: int, math: list, math_starts: list) -> ProseGroup:
    prose = [MASK] * (end - start)
    dollars = [MASK] * (end - start)
    for it in items:
        a, z = it.span.start - start, it.span.end - start
        if it.type in _PROSE:
            prose[a:z] = text[it.span.start:it.span.end]
            dollars[a:z] = text[it.span.start:it.span.end]
        elif it.type in ("math_inline", "math_inline_double"):
            dollars[a:z] = text[it.span.start:it.span.end]
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
    return ProseGroup(start, s, items[0].where, "".join(dollars))


# -- emphasis nobody closes ------------------------------------------------------------------

@frozen_slots
class OpenEmphasis:
    span: Span      # the `*`, `**`, `_` or `__`
    marker: str


# An opener followed by a phrase: a word of letters, then more words (two at least).
_PHRASE = re.compile(r"[^\W\d_][\w'’-]*[,;:]?[ \t\n]+[(\"'“‘]?[^\W\d_]")
_FIRST_WORD = re.compile(r"[^\s\x00]*")
_SENTENCE = re.compile(r"[^.!?\x00]*")
_BEFORE = frozenset(" \t\n([{\"'“‘«—–/")
_MARK_RUN = re.compile(r"\*+|_+")


def open_emphasis(book, doc: Document) -> list[OpenEmphasis]:
    """`*`/`_` runs that open emphasis in the author's eyes and that the page's Markdown engine
    leaves as literal characters, because nothing closes them in the paragraph."""
    return book.memo(("views.stray", "emphasis", doc.path), lambda: _open_emphasis(book, doc))


def _top_names(book) -> set[str]:
    """The book's top-level files and folders (`_config.yml`, `_data`): built once a run."""
    return book.memo(("views.stray", "top-names"),
                     lambda: {p.split("/", 1)[0] for p in book.files.dirs | set(book.files.all_files)})


def _open_emphasis(book, doc: Document) -> list[OpenEmphasis]:
    kramdown = kramdown_renders(book, doc)
    if kramdown:
        from ..tex.kramdown import emphasis_pairs  # loaded with the first kramdown page (lean startup)
    names = None
    out = []
    for g in prose_groups(book, doc):
        s = g.text
        if "*" not in s and "_" not in s:
            continue
        taken: set[int] | None = None  # kramdown's pairs: found once a candidate is met (the tests are pure)
        for mr in _MARK_RUN.finditer(s):
            run = mr.group()
            at, j = mr.span()
            c = run[0]
            if len(run) > 2 or (at > 0 and s[at - 1] not in _BEFORE):
                continue
            rest = s[j:j + 200]
            if not _PHRASE.match(rest):
                continue
            if taken is None:
                taken = set()
                if kramdown:
                    for a, z, w, _kind in emphasis_pairs(s.replace(MASK, "x")):
                        taken.update(range(a, a + w))
                        taken.update(range(z, z + w))
            if at in taken:
                continue
            word = _FIRST_WORD.match(rest).group()
            if names is None:
                names = _top_names(book)
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


@frozen_slots
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
    return book.memo(("views.stray", "placeholders", doc.path), lambda: _placeholders(book, doc))


# every match of _PLACEHOLDER holds one of these: a group (or a page) without any has none
_PLACEHOLDER_HINTS = ("TODO", "FIXME", "TBD", "XXX", "[ADD", "[INSERT", "[PUT", "[CITE", "[FIGURE", "[REF",
                      "orem ipsum")


def _placeholders(book, doc: Document) -> list[Span]:
    groups = prose_groups(book, doc)
    hints = [h for h in _PLACEHOLDER_HINTS if h in doc.text]
    if not hints:
        return []
    return [
        Span(g.start + m.start(), g.start + m.end())
        for g in groups if any(h in g.text for h in hints) for m in _PLACEHOLDER.finditer(g.text)
        if m.group("marker") is None or _as_note(g.text, m.start(), m.end())]


def _as_note(s: str, a: int, z: int) -> bool:
    after = s[z:z + 80].lstrip(" \t")
    before = s[max(0, a - 80):a].rstrip(" \t")
    if after[:1] in (":", "!") or after.startswith(("- ", "\u2014 ", "\u2013 ")):
        return True
    if before and after and before[-1] in "([" and after[0] in ")]":
        return True
    return a <= 80 and len(s) - z <= 80 and not before.strip(" \t\n\x00") and not after.strip(" \t\n.\x00")


