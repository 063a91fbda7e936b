"""One pass over a Document's math, shared by every M rule.

Each formula is sent, in source order, to the renderer that owns it (see pipeline.py), after
the steps that stand between the author and that renderer: a table row's cell split, and for
`$...$` on a kramdown page kramdown's span parsers. The TeX problems come back from
booklint.tex in offsets of what the renderer got; they are mapped to the file through the
kramdown offset map and the span's ``content_span``, so a finding points at the line and
column inside the formula. Layout defects (display math kramdown renders inline, dollars that
do not pair, `$$` in a caption) come from the Document's structure.

The result is computed once per document and kept in the Book's memo; each rule reads the
findings of its own code.
"""

from __future__ import annotations

import html as _html
import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from itertools import compress, groupby
from operator import attrgetter
from typing import TYPE_CHECKING

from ..document.model import Document, MathSpan, Span
from ..registry import rules_for_kind
from .pipeline import Pipeline, pipeline_for

if TYPE_CHECKING:  # the TeX checker and its tables load with the first page that has math
    from ..tex import MacroScope
    from ..tex.problems import TexProblem
    from .autorender import Piece

#: The rule that reports a kind of TeX problem no M rule declares: a kind a newer booklint.tex
#: may add still reaches the author.
FALLBACK_CODE = "M013"

#: The problems this analysis finds itself, beside booklint.tex's KINDS, with what they mean. Each
#: reaches the author through the M rule that declares it on ``@rule`` (``kinds=``), as TeX kinds do.
FORMULA_KINDS: dict[str, str] = {
    "display-math-inline": "a `$$` formula kramdown keeps in a paragraph, so it is drawn in the line of text",
    "unpaired-dollar": "a `$` that pairs with another than the author meant, or with none",
    "kramdown-damage": "a change kramdown makes to a `$...$` formula that the reader sees",
    "table-pipe": "a `|` or `\\|` in the math of a table row, which the row's cell split changes",
    "too-many-formulas": "more formulas in a file than MAX_FORMULAS: the rest are not checked",
    "lost-math-delimiter": "`\\(` or `\\[` in Markdown text, whose backslash kramdown eats, so MathJax finds no formula",
    "caption-double-dollar": "`$$` in a caption, which KaTeX's auto-render reads as two empty formulas",
}

_RENDERER = {"mathjax": "MathJax", "katex": "KaTeX"}
_DEFINES = re.compile(r"\\[gex]?def\s*\\([A-Za-z]+)|\\(?:re|provide)?(?:newcommand|DeclareMathOperator)\*?\s*\{?\s*\\([A-Za-z]+)")
_BEGIN = re.compile(r"\\begin\s*\{([^{}]*)\}")
_QUOTES = re.compile(r"^[ \t>]*")
_LIST_ITEM = re.compile(r"^[ \t>]*(?:[*+-]|\d{1,9}[.)])(?:[ \t]|$)")
_MD1_LINE = re.compile(r"""<[A-Za-z][\w-]*\b[^>]*\bmarkdown\s*=\s*(?:"1"|'1'|1)[^>]*>\s*$""")
_DETAILS = re.compile(r"^\s*\{%-?\s*(?:end)?details\b")
# `$...$` / `$$...$$` as a paragraph would pair them (the engine's own caption pattern), for
# finding formulas a table row split before markdown-it could pair them
_ROW_MATH = re.compile(r"\$\$(.+?)\$\$|(?<![\\$])\$(?!\$)([^$\n]+?)(?<![\\\s])\$(?!\d)")
_BARE_PIPE = re.compile(r"(?<!\\)\|")
_GROUP = attrgetter("group")
_TYPE = attrgetter("type")
_WHERE = attrgetter("where")
_IS_DOUBLE = "math_inline_double".__eq__
_IS_TABLE = "table".__eq__


def _doubles(inline: list) -> Iterator:
    """The `$$` items of a page's inline items (picked out in C: a page has hundreds of items)."""
    return compress(inline, map(_IS_DOUBLE, map(_TYPE, inline)))


@dataclass
class Formula:
    """A formula as its renderer gets it: what booklint checked, for rules and tests that
    judge it again (M017, the renderer oracle)."""

    at: int                     # source offset of its opening delimiter
    end: int                    # source offset just after its closing delimiter
    tex: str
    display: bool
    renderer: str
    problems: list              # the TeX problems booklint found (before M010 explained any)
    to_file: Callable[[int, int], Span]
    origin: str                 # "$$", "$", "caption", or "autorender" (a pairing the author did not write)


@dataclass
class MathAnalysis:
    pipeline: Pipeline
    findings: dict[str, list[tuple[Span, str]]] = field(default_factory=lambda: defaultdict(list))  # by rule code
    formulas: list[Formula] = field(default_factory=list)
    split: list[MathSpan] = field(default_factory=list)  # `$...$` kramdown cuts into pieces
    codes: dict[str, str] = field(default_factory=dict)  # kind -> rule code, the run's (see _kind_codes)

    def add(self, kind: str, span: Span, message: str) -> None:
        """A problem of ``kind`` (booklint.tex's or FORMULA_KINDS), filed under the rule that reports it."""
        code = self.codes.get(kind)
        if code is None:
            code = self.codes[kind] = code_for_kind(kind)
        self.findings[code].append((span, message))


def analyze_document(book, doc: Document, settings: dict) -> MathAnalysis:
    """The math of ``doc`` as ``book``'s renderers see it (computed once per run)."""
    return book.memo(("formulas.analysis", doc.path), lambda: _analyze(doc, book, settings))


def code_for_kind(kind: str) -> str:
    """The M rule that reports problems of ``kind``: the one that declares the kind on its
    ``@rule`` (``kinds=``), or :data:`FALLBACK_CODE` when none does."""
    codes = rules_for_kind(kind, "M")
    return codes[0] if codes else FALLBACK_CODE


def load_tables() -> None:
    """Load what the first page with math loads: booklint.tex, the formula pipeline's modules
    and both renderers' tables (for a run that forks after this: engine._warm)."""
    from ..tex.tables import load_table
    from . import autorender, damage  # noqa: F401

    load_table("mathjax")
    load_table("katex")


def _kind_codes(book) -> dict[str, str]:
    """The run's kind -> code table, filled as kinds turn up (the registry is asked once a kind)."""
    return book.memo("formulas.kind_codes", dict)


def macro_scopes(settings: dict) -> dict[str, MacroScope]:
    from ..tex import MacroScope
    shared = dict(settings.get("macros") or {})
    return {
        "mathjax": MacroScope("mathjax", {**shared, **(settings.get("mathjax-macros") or {})}),
        "katex": MacroScope("katex", {**shared, **(settings.get("katex-macros") or {})},
                            carry=bool(settings.get("katex-shares-macros"))),
    }


def _span_mapper(doc: Document, m: MathSpan) -> Callable[[int, int], Span]:
    """Offsets into ``m.tex`` to a file Span."""
    base = m.content_span.start
    limit = m.content_span.end
    if doc.text[base:limit] != m.tex:  # a caption with `\"` inside: point at the whole formula
        return lambda a, b: Span(base, limit)
    return lambda a, b: Span(min(base + a, limit), min(base + b, limit))


MAX_FORMULAS = 5_000  # per file: the corpus's largest chapter has about 250


def _analyze(doc: Document, book, settings: dict) -> MathAnalysis:
    pipe = pipeline_for(book, doc.path, settings)
    res = MathAnalysis(pipe, codes=_kind_codes(book))
    if not doc.math and "$" not in doc.text:
        return res
    ctx = _Run(doc, pipe, res, settings, _shared(book))
    work: list[tuple[int, str, object]] = []
    for m in doc.math:
        if m.context == "caption":
            work.append((m.span.start, "caption", m))
        elif m.context == "html":
            if pipe.kramdown:  # GitHub typesets no math in raw HTML
                work.append((m.span.start, "html", m))
        elif m.context == "text":
            if pipe.kramdown:
                work.append((m.span.start, "text", m))
        elif m.delimiter == "$$":
            work.append((m.span.start, "$$", m))
        elif not pipe.autorender:
            work.append((m.span.start, "$", m))
    split_rows = _split_table_math(res, doc, pipe)
    if pipe.autorender:
        work.extend(ctx.autorender(split_rows))
    else:
        _dollars(res, doc, pipe, split_rows)
    work.sort(key=lambda w: w[0])
    if len(work) > MAX_FORMULAS:  # no chapter has this many; a generated or hostile file might
        at = work[MAX_FORMULAS][0]
        res.add("too-many-formulas", Span(at, at + 1),
                f"This file has {len(work):,} formulas; booklint checked the first {MAX_FORMULAS:,} and "
                f"stopped here. Split the file, or look for dollars that pair up by accident.")
        del work[MAX_FORMULAS:]
    for _, kind, item in work:
        if kind == "caption":
            ctx.caption(item)
        elif kind == "html":
            ctx.html(item)
        elif kind == "text":
            ctx.text_tex(item)
        elif kind == "$$":
            ctx.double(item)
        elif kind == "$":
            ctx.single(item)
        else:
            ctx.piece(item)
    return res


def _shared(book):
    """The run's memos of pure functions of a formula, shared by all its pages (books repeat
    `$x$` and `$n$` from chapter to chapter): booklint.tex's check() results, keyed by the
    scope's state (MacroScope.state), the formula and display; kramdown's span model, keyed
    by the span's text and whether it is in a table row."""
    from ..tex.scope import SharedResults
    return book.memo("formulas.shared", lambda: (SharedResults(), SharedResults(2_000_000)))


class _Run:
    def __init__(self, doc: Document, pipe: Pipeline, res: MathAnalysis, settings: dict, shared: tuple) -> None:
        self.doc = doc
        self.pipe = pipe
        self.res = res
        self.scopes = macro_scopes(settings)
        # booklint.tex loads with the first page that has math; bound here once, not imported per formula
        from ..tex import check, kramdown_math_text, table_cell_text
        from ..tex.checker import MAX_TEX_LENGTH
        from .damage import classify
        self._check, self._kmt, self._cell, self._max, self._classify = (
            check, kramdown_math_text, table_cell_text, MAX_TEX_LENGTH, classify)
        checks, self._kram = shared  # (_shared)
        for scope in self.scopes.values():
            scope.shared = checks
        self.strict = bool(settings.get("kramdown-strict"))
        self.layout = _Layout(doc) if pipe.kramdown else None
        self.defs: dict[str, tuple[str, int, str]] = {}  # macro -> (renderer, offset, origin) of its definition

    def kram(self, raw: str, in_table_row: bool = False):
        """kramdown's span model of ``raw``, once per span (a formula too large to check is
        modelled up to the size limit only: it is reported as too large anyway)."""
        key = (raw, in_table_row)
        k = self._kram.get(key)
        if k is None:
            k = self._kmt(raw[:self._max], in_table_row=in_table_row)
            self._kram.keep(key, k, len(raw))
        return k

    def _learn(self, tex: str, renderer: str, at: int, origin: str) -> None:
        if "\\" not in tex or ("def" not in tex and "command" not in tex and "Operator" not in tex):
            return
        for g in _DEFINES.finditer(tex):
            self.defs.setdefault(g.group(1) or g.group(2), (renderer, at, origin))

    def _hint(self, tex: str, renderer: str):
        """For an unknown command: say where the page defines it for another formula."""
        def hint(p) -> str:
            if p.kind != "unknown-command":
                return ""
            name = tex[p.start:p.end].lstrip("\\")
            got = self.defs.get(name)
            if got is None:
                return ""
            where_r, where_at, origin = got
            line = self.doc.line_col(where_at)[0]
            mine = _RENDERER.get(renderer, renderer)
            if where_r != renderer:
                return (f" It is defined at line {line} in a `{origin}` formula, which {_RENDERER.get(where_r, where_r)} "
                        f"draws; {mine}, which draws this one, never sees that definition: define it here too.")
            return (f" It is defined at line {line} in another formula, but {mine} as this page calls it starts "
                    f"every formula afresh (see `katex-shares-macros`): define it in this formula too.")
        return hint

    def caption(self, m: MathSpan) -> None:
        check = self._check
        pipe, res = self.pipe, self.res
        if pipe.inline is None:
            return
        if m.delimiter == "$$" and pipe.autorender[:1] == ("$",):
            res.add("caption-double-dollar", Span(m.span.start, m.span.start + 2),
                    "KaTeX's auto-render looks for `$` before `$$`, so this `$$...$$` becomes two empty "
                    "formulas with the TeX between them shown as plain text. Use single dollars in a caption.")
            return
        renderer = pipe.inline
        at = _span_mapper(self.doc, m)
        display = m.delimiter == "$$"
        problems = check(m.tex, renderer=renderer, display=display, macros=self.scopes[renderer])
        res.formulas.append(Formula(m.span.start, m.span.end, m.tex, display, renderer, problems, at, "caption"))
        _report_problems(res, m.span.start, m.delimiter, problems, at, kramdown=False, hint=self._hint(m.tex, renderer))
        self._learn(m.tex, renderer, m.span.start, "$")

    def html(self, m: MathSpan) -> None:
        """A formula MathJax finds in raw HTML (or in text kramdown passes through): the browser has
        decoded its entities; its macro definitions hold for the rest of the page."""
        check = self._check
        renderer = self.pipe.display
        at = _span_mapper(self.doc, m)
        tex = m.tex
        if "&" in tex:
            plain = _html.unescape(tex)
            if plain != tex:
                tex = plain
                whole = Span(m.span.start, m.span.end)
                at = lambda a, b: whole  # noqa: E731 - offsets of the decoded text do not map back
        delim = m.delimiter if m.delimiter != "env" else "\\begin"
        problems = check(tex, renderer=renderer, display=m.display, macros=self.scopes[renderer])
        self.res.formulas.append(Formula(m.span.start, m.span.end, tex, m.display, renderer, problems, at, "html"))
        _report_problems(self.res, m.span.start, delim, problems, at, kramdown=False, hint=self._hint(tex, renderer))
        self._learn(tex, renderer, m.span.start, m.delimiter)

    def text_tex(self, m: MathSpan) -> None:
        """TeX in Markdown text on a kramdown page: a bare environment or `\\\\(...\\\\)` reaches MathJax
        after kramdown's span parsers; `\\(...\\)` loses its backslashes and never does."""
        check = self._check
        if m.delimiter.startswith("lost"):
            d = m.delimiter[4:]
            close = ")" if d == "\\(" else "]"
            self.res.add("lost-math-delimiter", Span(m.span.start, m.span.start + 2),
                         f"kramdown reads `{d}` and `\\{close}` as Markdown escapes and drops their backslashes, so "
                         f"MathJax finds no formula here and the reader sees the raw TeX in brackets. Write "
                         f"`$$...$$`, or `\\{d}...\\\\{close}` (kramdown makes it `{d}...\\{close}`).")
            return
        renderer = self.pipe.display
        at = _span_mapper(self.doc, m)
        k = self.kram(m.tex)
        if k.split:
            return  # kramdown cuts it into pieces: MathJax finds no whole formula
        problems = [_moved(p, k.to_raw_span) for p in
                    check(k.text, renderer=renderer, display=m.display, macros=self.scopes[renderer])]
        self.res.formulas.append(Formula(m.span.start, m.span.end, k.text, m.display, renderer, problems,
                                         _through(k.to_raw_span, at), "text"))
        _report_problems(self.res, m.span.start, m.delimiter, problems, at, kramdown=True,
                         hint=self._hint(k.text, renderer))
        self._learn(k.text, renderer, m.span.start, "text")

    def double(self, m: MathSpan) -> None:
        check, table_cell_text = self._check, self._cell
        res = self.res
        renderer = self.pipe.display
        at = _span_mapper(self.doc, m)
        tex = m.tex
        if m.context == "table":
            cell = table_cell_text(m.tex)
            if cell.damage:
                _table_pipes(res, cell.damage, at, renderer)
                at = _through(cell.to_raw_span, at)
            tex = cell.text
        display = m.display
        if self.layout is not None:
            display = self.layout.check(res, m, tex) and display
        problems = check(tex, renderer=renderer, display=display, macros=self.scopes[renderer])
        res.formulas.append(Formula(m.span.start, m.span.end, tex, display, renderer, problems, at, "$$"))
        if problems:  # (most formulas have none: no hint made for them)
            _report_problems(res, m.span.start, "$$", problems, at, kramdown=False, hint=self._hint(tex, renderer))
        self._learn(tex, renderer, m.span.start, "$$")

    def single(self, m: MathSpan) -> None:
        """A `$...$` the Markdown parser paired, and the renderer gets as it was paired."""
        check, table_cell_text, classify, MAX_TEX_LENGTH = self._check, self._cell, self._classify, self._max
        pipe, res = self.pipe, self.res
        renderer = pipe.inline
        if renderer is None:
            return
        at = _span_mapper(self.doc, m)
        table = m.context == "table"
        if pipe.kramdown:
            k = self.kram(m.tex, table)
            if k.split:  # reported when the text nodes were built
                return
            raw_problems = check(k.text, renderer=renderer, display=False, macros=self.scopes[renderer])
            if raw_problems:  # (a fresh list; most formulas have none to move)
                raw_problems = [_moved(p, k.to_raw_span) for p in raw_problems]
            if len(m.tex) > MAX_TEX_LENGTH:
                raw_problems.insert(0, _too_large(len(m.tex), "$"))
            swallowed: set[int] | None = None
            if k.damage:  # kramdown changed nothing in most formulas: nothing to explain
                swallowed = set()
                _table_pipes(res, k.damage, at, renderer)
                for rep in classify(k, tuple(raw_problems), strict=self.strict):
                    res.add("kramdown-damage", at(rep.start, rep.end), rep.message)
                    swallowed.update(rep.swallows)
            res.formulas.append(Formula(m.span.start, m.span.end, k.text, False, renderer, raw_problems,
                                        _through(k.to_raw_span, at), "$"))
            problems = [p for i, p in enumerate(raw_problems) if i not in swallowed] if swallowed else raw_problems
            if problems:
                _report_problems(res, m.span.start, "$", problems, at, kramdown=True, hint=self._hint(m.tex, renderer))
            self._learn(k.text, renderer, m.span.start, "$")
            return
        tex = m.tex
        if table:
            cell = table_cell_text(tex)
            if cell.damage:
                _table_pipes(res, cell.damage, at, renderer)
                at = _through(cell.to_raw_span, at)
            tex = cell.text
        problems = check(tex, renderer=renderer, display=False, macros=self.scopes[renderer])
        res.formulas.append(Formula(m.span.start, m.span.end, tex, False, renderer, problems, at, "$"))
        if problems:
            _report_problems(res, m.span.start, "$", problems, at, kramdown=False, hint=self._hint(tex, renderer))
        self._learn(tex, renderer, m.span.start, "$")

    def piece(self, f: Piece) -> None:
        """A formula the auto-render pairs where the Markdown parser did not: check what KaTeX gets."""
        check = self._check
        renderer = self.pipe.inline
        offs = f.offsets

        def at(a: int, b: int) -> Span:
            s = offs[a] if a < len(offs) else f.close_at
            e = offs[b - 1] + 1 if b > a and b - 1 < len(offs) else s
            return Span(s, max(s, e))

        display = f.delimiter == "$$"
        problems = check(f.math, renderer=renderer, display=display, macros=self.scopes[renderer])
        self.res.formulas.append(Formula(f.open_at, f.close_at + len(f.delimiter), f.math, display, renderer,
                                         problems, at, "autorender"))
        if problems:
            _report_problems(self.res, f.open_at, f.delimiter, problems, at, kramdown=True,
                             hint=self._hint(f.math, renderer))
        self._learn(f.math, renderer, f.open_at, "$")

    def autorender(self, skip: list[tuple[int, int]]) -> list[tuple[int, str, object]]:
        """The `$` formulas of a kramdown page, as the layout's KaTeX auto-render pairs them.

        Returns the work items (formulas to check) and reports M009 (pairings the author did
        not mean) and M010 for the formulas kramdown cuts into pieces.
        """
        from .autorender import Lone, formulas, looks_like_tex
        classify, MAX_TEX_LENGTH = self._classify, self._max
        doc, res, pipe = self.doc, self.res, self.pipe
        text = doc.text
        spans = {m.span.start: m for m in doc.math if m.delimiter == "$" and m.context != "caption"}
        damaged: set[int] = set()
        work: list[tuple[int, str, object]] = []
        big = frozenset(a for a, m in spans.items() if len(m.tex) > MAX_TEX_LENGTH)
        for a in big:  # too large to pair faithfully: judged as written (and reported as too large)
            work.append((a, "$", spans[a]))
        for m in spans.values():
            if m.span.start in big:
                continue
            k = self.kram(m.tex, m.context == "table")
            if k.split:
                res.split.append(m)
                at = _span_mapper(doc, m)
                _table_pipes(res, k.damage, at, pipe.inline)
                for rep in classify(k, (), strict=self.strict):
                    res.add("kramdown-damage", at(rep.start, rep.end), rep.message)
                damaged.update((m.span.start, m.span.end - 1))

        # a `$` inside `$$...$$` math: MathJax's, whatever the auto-render makes of it (the two
        # race on the page); not the author's `$...$`
        doubles = [(i.span.start, i.span.end) for i in _doubles(doc.inline)]
        inside = _Ranges(skip + doubles)

        def skipped(at: int) -> bool:
            return at in damaged or inside.covers(at)

        surprised: set[int] = set()  # text nodes with a reported surprise: later pairings are shifted
        for f in formulas(doc, pipe.autorender, self.kram, big):
            if f.node in surprised:
                continue
            if isinstance(f, Lone):
                if f.at in spans and not skipped(f.at):
                    # the author's formula, whose closing `$` the auto-render skips (inside an
                    # unclosed brace): judge it as written, where the brace problem shows
                    work.append((f.at, "$", spans[f.at]))
                    surprised.add(f.node)
                elif not skipped(f.at) and looks_like_tex(f.after):
                    _lone(res, f.at, "$")
                    surprised.add(f.node)
                continue
            if skipped(f.open_at) or skipped(f.close_at):
                continue
            m = spans.get(f.open_at)
            if m is not None:
                words = prose_run(f.math)
                if words:
                    _prose(res, f.open_at, words, pipe)
                    surprised.add(f.node)
                else:  # read to another `$` when its braces do not balance: judged as written
                    work.append((f.open_at, "$", m))
                    if m.span.end - 1 != f.close_at:
                        surprised.add(f.node)
                continue
            why = _unintended(text, f)
            if why is None:
                work.append((f.open_at, "piece", f))
                continue
            surprised.add(f.node)
            if why == "prose":
                _prose(res, f.open_at, prose_run(f.math) or "", pipe)
            else:
                _stray(res, doc, f)
        return work


class _Ranges:
    """Is an offset inside one of some (start, end) ranges? (merged, then bisect)"""

    def __init__(self, ranges: list[tuple[int, int]]) -> None:
        merged: list[tuple[int, int]] = []
        for a, z in sorted(ranges):
            if merged and a <= merged[-1][1]:
                merged[-1] = (merged[-1][0], max(merged[-1][1], z))
            else:
                merged.append((a, z))
        self.ranges = merged
        self.starts = [a for a, _ in merged]

    def covers(self, at: int) -> bool:
        k = bisect_right(self.starts, at) - 1
        return k >= 0 and at < self.ranges[k][1]


def _through(to_raw, at):
    return lambda a, b: at(*to_raw(a, b))


def _unintended(text: str, f: Piece) -> str | None:
    """Why the author cannot have meant this pairing as a formula, or None."""
    if f.open_at > 0 and text[f.open_at - 1] == "\\":
        return "escaped"               # `\$` or `\\$`: a dollar sign
    if f.close_at + 1 < len(text) and text[f.close_at + 1].isdigit():
        return "price"                 # `$5 and $10`: the closing `$` starts a price
    if not f.math and f.delimiter == "$":
        return "empty"                 # a `$$` kramdown did not take for math
    if prose_run(f.math):
        return "prose"
    return None


def _moved(p, to_raw):
    from ..tex.problems import TexProblem
    if p.kind == "too-large":
        return p
    a, b = to_raw(p.start, p.end)
    return TexProblem(p.kind, p.message, a, b)


def _too_large(length: int, delimiter: str) -> TexProblem:
    from ..tex.checker import MAX_TEX_LENGTH
    from ..tex.problems import TexProblem
    return TexProblem("too-large",
                      f"This formula is {length:,} characters long; booklint checks only the first "
                      f"{MAX_TEX_LENGTH:,}. No book formula should be this large: split it or look for a "
                      f"missing closing `{delimiter}`.", 0, 0)


#: At most this many findings of one kind for one formula (10,000 unclosed braces are one defect).
PER_KIND = 3


_GFM_ADVICE = re.compile(r"`\\([_#$*{}|!:>])`")


def _report_problems(res: MathAnalysis, open_at: int, delimiter: str, problems, at, *, kramdown: bool,
                     hint: Callable[[object], str] | None = None) -> None:
    if not problems:  # most formulas: nothing to count
        return
    per_kind: dict[str, int] = defaultdict(int)
    for p in problems:
        per_kind[p.kind] += 1
    seen: dict[str, int] = defaultdict(int)
    for p in problems:
        seen[p.kind] += 1
        if seen[p.kind] > PER_KIND:
            continue
        msg = p.message
        if seen[p.kind] == PER_KIND and per_kind[p.kind] > PER_KIND:
            more = per_kind[p.kind] - PER_KIND
            msg += (" (This formula has more like it.)" if len(problems) >= 50
                    else f" (This formula has {more} more like it.)")
        if hint is not None:
            msg += hint(p)
        if p.kind == "unsupported-command" and msg.endswith("which renders this formula."):
            msg += (" Drop it, or make the formula a `$$...$$` one, which MathJax draws."
                    if kramdown else " Drop it, or write the formula so that the other renderer draws it.")
        if kramdown:
            # kramdown eats the backslash of `\_`, `\#` ...: the advice must survive it
            msg = _GFM_ADVICE.sub(lambda g: f"`\\\\{g.group(1)}`", msg)
        if p.kind == "too-large":
            res.add(p.kind, Span(open_at, open_at + len(delimiter)), msg)
            continue
        res.add(p.kind, at(p.start, p.end), msg)


def _table_pipes(res: MathAnalysis, damage, at, renderer: str | None) -> None:
    name = _RENDERER.get(renderer or "", "the renderer")
    for d in damage:
        if d.kind != "table-pipe":
            continue
        if d.splits:
            res.add("table-pipe", at(d.start, d.end),
                    "This `|` ends the table cell: the table splits the row at every `|` before the formula is "
                    "read, so the reader sees the formula in pieces. Write `\\vert` (or `\\mid`) for the bar.")
        else:
            res.add("table-pipe", at(d.start, d.end),
                    f"In a table row `\\|` is an escaped cell separator: the row is split first, and {name} gets "
                    f"`|`, a single bar, not the double bar ‖ that `\\|` means in TeX. Write `\\Vert` for ‖ or "
                    f"`\\vert` for |, which mean the same in and out of tables.")


class _Layout:
    """Where kramdown puts a `$$` formula: in a block of its own (display) or in a paragraph."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self._lines: list[str] | None = None  # split when a `$$` block is judged (see lines)
        fm = doc.front_matter
        self.fm_end = doc.line_col(fm.span.end)[0] if fm is not None else 0
        # for each `$$` inside a paragraph: is there paragraph content before it, and after it?
        self.around: dict[int, tuple[bool, bool]] = {}
        text = doc.text
        inline = doc.inline
        doubles = {i.group for i in _doubles(inline)}
        groups: dict[int, list] = defaultdict(list)
        if doubles:
            for g, run in groupby(inline, _GROUP):  # (the runs of other groups skipped in C)
                if g in doubles:
                    groups[g].extend(run)
        for seq in groups.values():
            # content before item k: the first item with content comes before it; after it: the
            # last comes after it (found from each end: most paragraphs start and end with text)
            n = len(seq)
            first = next((k for k in range(n) if _content(text, seq[k])), n)
            last = next((k for k in range(n - 1, -1, -1) if _content(text, seq[k])), -1)
            for k, i in enumerate(seq):
                if i.type == "math_inline_double":
                    self.around[i.span.start] = (first < k, last > k)

    @property
    def lines(self) -> list[str]:
        if self._lines is None:
            self._lines = self.doc.text.split("\n")
        return self._lines

    def _quotes(self, line: str) -> int:
        return _QUOTES.match(line).group().count(">")

    def _blank(self, line: str) -> bool:
        return not line.strip(" \t>")

    def check(self, res: MathAnalysis, m: MathSpan, tex: str) -> bool:
        """Report a display formula kramdown renders inline; True when it renders as display."""
        if m.context == "block":
            return self._block(res, m, tex)
        self._inline(res, m, tex)
        return False

    def _display_env(self, tex: str) -> str | None:
        if "\\begin" not in tex:
            return None
        from ..tex.tables import load_table
        envs = load_table("katex").environments
        for g in _BEGIN.finditer(tex):
            info = envs.get(g.group(1).strip())
            if info is not None and not info.inline:
                return g.group(1).strip()
        return None

    def _inline(self, res: MathAnalysis, m: MathSpan, tex: str) -> None:
        text = self.doc.text
        starts_line = _only_space_back(text, m.span.start, " \t>")
        ends_line = _only_space_forward(text, m.span.end, " \t\r")
        env = self._display_env(tex)
        before, after = self.around.get(m.span.start, (False, False))
        if starts_line and ends_line and (before or after):
            where = "before" if before else "after"
            numbered = f" (with its `{env}` environment)" if env else ""
            fix = ("Put a blank line before the opening `$$`" + (" and after the closing `$$`" if after else "")
                   if before else "Put a blank line after the closing `$$`")
            res.add("display-math-inline", Span(m.span.start, m.span.start + 2),
                    f"This `$$` formula stands on its own line but has no blank line {where} it, so kramdown keeps "
                    f"it in the paragraph and MathJax draws it inline, in the line of text{numbered}. {fix}.")
        elif env:
            res.add("display-math-inline", Span(m.span.start, m.span.start + 2),
                    f"`{{{env}}}` is a display environment, but this `$$` formula is inside a paragraph, so "
                    f"kramdown makes it inline math and MathJax draws it in the line of text. Give the formula a "
                    f"paragraph of its own, with blank lines before and after.")

    def _block(self, res: MathAnalysis, m: MathSpan, tex: str) -> bool:
        doc = self.doc
        l0 = doc.line_col(m.span.start)[0]
        l1 = doc.line_col(max(m.span.start, m.span.end - 1))[0]
        lines = self.lines
        own0, own1 = lines[l0 - 1], lines[l1 - 1]
        prev = lines[l0 - 2] if l0 >= 2 else None
        nxt = lines[l1] if l1 < len(lines) else None
        before_ok = (prev is None or l0 - 1 <= self.fm_end or self._blank(prev) or bool(_MD1_LINE.search(prev))
                     or bool(_DETAILS.match(prev)) or self._quotes(own0) > self._quotes(prev)
                     or bool(_LIST_ITEM.match(own0)))
        after_ok = (nxt is None or self._blank(nxt) or bool(_DETAILS.match(nxt))
                    or self._quotes(nxt) < self._quotes(own1) or bool(_LIST_ITEM.match(nxt)))
        if before_ok and after_ok:
            return True
        where = " and ".join(w for w, ok in (("before", before_ok), ("after", after_ok)) if not ok)
        fix = " and ".join(f for f, ok in (("before the opening `$$`", before_ok), ("after the closing `$$`", after_ok))
                           if not ok)
        res.add("display-math-inline", Span(m.span.start, m.span.start + 2),
                f"This `$$` block has no blank line {where} it, so kramdown reads it as part of a paragraph and "
                f"MathJax draws it inline, in the line of text. Put a blank line {fix}.")
        return False


def _only_space_back(text: str, at: int, allowed: str) -> bool:
    """Only `allowed` characters between the start of the line and ``at`` (stops at the first
    other character, so a long line costs nothing)."""
    i = at - 1
    while i >= 0 and text[i] != "\n":
        if text[i] not in allowed:
            return False
        i -= 1
    return True


def _only_space_forward(text: str, at: int, allowed: str) -> bool:
    n = len(text)
    i = at
    while i < n and text[i] != "\n":
        if text[i] not in allowed:
            return False
        i += 1
    return True


def _content(text: str, item) -> bool:
    if item.type in ("softbreak", "hardbreak"):
        return False
    return bool(text[item.span.start:item.span.end].strip())


def _split_table_math(res: MathAnalysis, doc: Document, pipe: Pipeline) -> list[tuple[int, int]]:
    """Formulas with a bare `|` in a table row: the row was split before they could pair."""
    src = doc.source
    inline = doc.inline
    # the lines of the table items, each found once: the items sorted by offset, a row's items
    # come together, and only the first item past a line's end asks where the next line is
    rows: list[int] = []
    past = -1  # the offset where the current row's line ends (after its newline)
    for at in sorted([i.span.start for i in compress(inline, map(_IS_TABLE, map(_WHERE, inline)))]):
        if at < past:
            continue
        ln = src.line_col(at)[0]
        if not rows or ln != rows[-1]:
            rows.append(ln)
        past = src.line_end(ln) + 1
    if not rows:
        return []
    text = doc.text
    code = [(c.span.start, c.span.end) for c in doc.code_spans]
    out = []
    for ln in rows:
        s = doc.source.offset(ln, 1)
        e = text.find("\n", s)
        e = len(text) if e == -1 else e
        line = text[s:e]
        if "$" not in line:
            continue
        for g in _ROW_MATH.finditer(line):
            a, z = s + g.start(), s + g.end()
            body = g.group(1) if g.group(1) is not None else g.group(2)
            if not _BARE_PIPE.search(body) or any(ca <= a < ce for ca, ce in code):
                continue
            k = _BARE_PIPE.search(body).start() + (2 if g.group(1) is not None else 1)
            out.append((a, z))
            res.add("table-pipe", Span(a + k, a + k + 1),
                    "This `|` ends the table cell: the table splits the row at every `|` before the formula is "
                    "read, so the reader sees the formula in pieces across two cells. Write `\\vert` (or `\\mid`) "
                    "for the bar.")
    return out


def _dollars(res: MathAnalysis, doc: Document, pipe: Pipeline, skip: list[tuple[int, int]]) -> None:
    """M009 where no auto-render pairs the dollars: the Markdown parser's pairing is the
    renderer's, so only prose between dollars and a `$` that nothing closes are surprises."""
    from .autorender import looks_like_tex
    if pipe.inline is None or "$" not in doc.text:
        return

    def skipped(at: int) -> bool:
        return any(a <= at < z for a, z in skip)

    for m in doc.math:
        if m.delimiter == "$" and m.context != "caption" and not skipped(m.span.start):
            words = prose_run(m.tex)
            if words:
                _prose(res, m.span.start, words, pipe)
    text = doc.text
    for i in doc.inline:
        if i.type != "text":
            continue
        piece = text[i.span.start:i.span.end]
        k = piece.find("$")
        while k != -1:
            at = i.span.start + k
            if piece.startswith("$$", k):
                if not skipped(at):
                    _lone(res, at, "$$")
                k = piece.find("$", k + 2)
                continue
            if looks_like_tex(piece[k + 1:]) and not skipped(at):
                _lone(res, at, "$")
            k = piece.find("$", k + 1)


def _prose(res: MathAnalysis, at: int, words: str, pipe: Pipeline) -> None:
    sign = "`<span>$</span>`" if pipe.autorender else "`\\$`"
    res.add("unpaired-dollar", Span(at, at + 1),
            f"These two `$` enclose prose (`{words}`), not a formula: the reader sees the words run together in "
            f"math italics. If a `$` is a dollar sign, write it as {sign}.")


_CMD_ARG = re.compile(r"\\(?:text\w*|math\w*|operatorname\*?|mbox|hbox|label|tag)\s*\{[^{}]*\}")
_CMD = re.compile(r"\\[A-Za-z]+|\\.")
_WORD_RUN = re.compile(r"(?<![^\s$])[^\W\d_]+(?:[,;:.]?[ \t]+[^\W\d_]+){2,}(?![^\s$,;:.])")


def prose_run(tex: str) -> str | None:
    """Three or more words in a row (two of them of three letters or more) outside `\\text`:
    the two dollars around them were meant as dollar signs."""
    if tex.count(" ") + tex.count("\t") < 2:
        return None  # three words need two gaps of spaces or tabs, which the masking below never adds
    t = _CMD.sub("\x00", _CMD_ARG.sub("\x00", tex))
    for g in _WORD_RUN.finditer(t):
        if sum(len(w.strip(",;:.")) >= 3 for w in g.group().split()) >= 2:
            return g.group()
    return None


def _stray(res: MathAnalysis, doc: Document, f: Piece) -> None:
    text = doc.text
    line, col = doc.line_col(f.close_at)
    k = f.open_at
    while k > 0 and text[k - 1] == "\\":
        k -= 1
    slashes = f.open_at - k  # 1: `\$`, which kramdown makes `$`; 2: `\\$`, which it makes `\$`
    shown = f.math if len(f.math) <= 40 else f.math[:37] + "..."
    if f.delimiter == "$" and not f.math and text.startswith("$$", f.open_at):
        res.add("unpaired-dollar", Span(f.open_at, f.open_at + 2),
                "This `$$` is not a formula to kramdown (it has no closing `$$` in the paragraph), and KaTeX's "
                "auto-render reads it as an empty `$...$`: both dollars vanish from the page. Close the formula, "
                "or write `<span>$$</span>` for two dollar signs.")
        return
    sign = ("`<span>$</span>` (the auto-render pairs dollars only within one stretch of text, and a `\\$` does "
            "not stop it)")
    pairs = (f"with the `$` at line {line}, column {col}, drawing the text between (`{shown}`) as a formula and "
             f"breaking the formulas after it")
    if slashes % 2 == 1:
        msg = f"kramdown turned `\\$` into a plain `$`, and KaTeX's auto-render pairs it {pairs}. Write a dollar sign as {sign}."
    elif slashes:
        msg = (f"KaTeX's auto-render opens a formula even at `\\$` (what kramdown makes of `\\\\$`) and pairs it "
               f"{pairs}. Write a dollar sign as {sign}.")
    else:
        msg = (f"KaTeX's auto-render pairs this `$` {pairs}. For a dollar sign write {sign}; otherwise add the `$` "
               f"that closes the formula this one opens.")
    res.add("unpaired-dollar", Span(f.open_at, f.open_at + 1), msg)


def _lone(res: MathAnalysis, at: int, delim: str) -> None:
    if delim == "$$":
        res.add("unpaired-dollar", Span(at, at + 2),
                "This `$$` has no closing `$$` in its paragraph, so it is not a formula: the reader sees the dollars "
                "and the raw TeX after them. Add the closing `$$`.")
        return
    res.add("unpaired-dollar", Span(at, at + 1),
            "This `$` opens no formula: nothing closes it in the same stretch of text, so the reader sees `$` and "
            "the raw TeX after it. Add the closing `$`.")
