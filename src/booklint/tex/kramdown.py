"""What a single-``$`` formula becomes after kramdown, before KaTeX renders it.

To kramdown (GFM input, as Jekyll configures it) ``$...$`` is not math: the text between the
dollars is ordinary Markdown. Its span parsers run over it before the page's KaTeX
auto-render ever sees it, and several of them change TeX:

* backslash escapes of the GFM set ``\\ . * _ + ` < > ( ) [ ] { } # ! : | " ' $ = - ~`` lose
  their backslash (``\\{x\\}`` reaches KaTeX as ``{x}``, ``\\\\`` as ``\\``);
* ``*...*``, ``**...**``, ``_..._``, ``__...__`` pairs become ``<em>``/``<strong>`` elements,
  ``~~...~~`` becomes ``<del>``, backticks a ``<code>`` span, ``[t](u)`` a link, ``<tag>`` HTML,
  and two spaces or ``\\\\`` before a line end a ``<br />``. Any element splits the text node,
  so KaTeX's auto-render no longer finds the formula as one piece;
* ``'`` and ``"`` become curly quotes, ``--``/``---``/``...``/``<<``/``>>`` typographic
  symbols, and ``&lt;``-style entities their characters: the formula still renders, but shows
  something else.

:func:`kramdown_math_text` applies those rules to the raw text between the dollars and
returns what KaTeX receives, a map from each received character back to the raw text, and
the list of :class:`Damage` facts, so a rule can say what the reader actually sees. The rules
follow kramdown 2.4 / kramdown-parser-gfm 1.1 as documented and observed; the fidelity test
in tests/lib/tex compares this module with the real kramdown when Ruby has it.

Everything is a single left-to-right pass (plus a precomputed index of possible emphasis
closers searched with bisect), so the cost is linear in the span's length.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from dataclasses import field

from ..slotted import frozen_slots

#: kramdown-parser-gfm's escapable characters (its ESCAPED_CHARS_GFM set).
GFM_ESCAPABLE = frozenset("\\.*_+`<>()[]{}#!:|\"'$=-~")

_ENTITY = re.compile(r"&(?:[A-Za-z][A-Za-z0-9]*|#[0-9]+|#[xX][0-9A-Fa-f]+);")
_HTML_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9:-]*(?:\s+[^<>]*)?/?>")
_PLAIN = re.compile(r"[^\\|`~\[<&\-.>'\"*_ \n]+")
_SPACES_EOL = re.compile(r" {2,}(?=\n)")
_BACKTICKS = re.compile(r"`+")
_AUTOLINK = re.compile(r"<(?:https?|ftp|mailto):[^\s<>]+>|<[^\s<>@]+@[^\s<>@]+>")
_LINK = re.compile(r"\[([^\[\]]*)\]\(([^()\s]*)\)")
_TYPOGRAPHIC = (("---", "\u2014"), ("--", "\u2013"), ("...", "\u2026"), ("<< ", "\u00ab\u00a0"),
                (" >>", "\u00a0\u00bb"), ("<<", "\u00ab"), (">>", "\u00bb"))
_WS = frozenset(" \t\r\n")
# Characters after which a quote closes (kramdown's SQ_CLOSE is "not one of these").
_NOT_CLOSE = frozenset(" \\\t\r\n[{(-")
_SQ_PUNCT = frozenset("!\"#$%'()*+,-./:;<=>?@[\\]^_`{|}~")


@frozen_slots
class Damage:
    """One change kramdown makes to a single-``$`` formula.

    ``start``/``end`` are offsets into the raw text; ``splits`` is True when kramdown puts an
    HTML element there, which cuts the formula into pieces KaTeX cannot render as one.
    """

    kind: str       # escape | emphasis | strong | strikethrough | codespan | link | html |
                    # line-break | smart-quote | typographic | entity | table-pipe
    start: int
    end: int
    raw: str        # the raw text affected
    result: str     # what the reader's browser gets there instead
    splits: bool = False


@frozen_slots
class KramdownText:
    raw: str
    text: str                      # what KaTeX receives (if nothing splits the span)
    offsets: tuple[int, ...]       # raw offset of each character of ``text``, plus one for the end
    damage: tuple[Damage, ...] = field(default=())

    @property
    def changed(self) -> bool:
        return self.text != self.raw or bool(self.damage)

    @property
    def split(self) -> bool:
        """True when kramdown inserts an element: KaTeX never gets this span as one formula."""
        damage = self.damage
        if not damage:  # most spans: asked several times each, so no generator for them
            return False
        for d in damage:
            if d.splits:
                return True
        return False

    def to_raw(self, index: int) -> int:
        """The raw offset of character ``index`` of ``text`` (``len(text)`` maps to the end)."""
        return self.offsets[index]

    def to_raw_span(self, start: int, end: int) -> tuple[int, int]:
        """Raw offsets of ``text[start:end]``; a character that an eaten escape produced
        takes its backslash along, so the span covers what the author wrote."""
        if end <= start:
            at = self.offsets[start]
            return at, at
        raw_start = self.offsets[start]
        raw_end = self.offsets[end - 1] + 1
        if raw_start > 0 and self.raw[raw_start - 1] == "\\" and any(
                d.kind in ("escape", "table-pipe") and d.start == raw_start - 1 for d in self.damage):
            raw_start -= 1
        return raw_start, raw_end


def _escape_mask(raw: str) -> list[bool]:
    """escaped[i]: raw[i] is a backslash that kramdown consumes as an escape."""
    n = len(raw)
    mask = [False] * n
    find = raw.find
    i = find("\\")  # from one backslash to the next: nothing else can be an escape
    while i != -1:
        if i + 1 < n and raw[i + 1] in GFM_ESCAPABLE:
            if raw[i + 1] == "\\" and i + 2 < n and raw[i + 2] == "\n":
                i = find("\\", i + 3)  # "\\" before a line end is a line break, not an escape
                continue
            mask[i] = True
            i = find("\\", i + 2)
            continue
        i = find("\\", i + 1)
    return mask


def _closers(raw: str, esc: list[bool], delim: str, strong: bool) -> list[int]:
    """Positions where kramdown would accept a closing ``delim`` (x2 when strong)."""
    n = len(raw)
    size = 2 if strong else 1
    out = []
    pat = delim * size
    find = raw.find
    q = 0
    while True:  # each q in 1..n-size where ``pat`` starts, found by str.find, not a loop over raw
        q = find(pat, q + 1)
        if q == -1:
            break
        if esc[q - 1]:
            continue                     # the character is escaped
        if raw[q - 1] in _WS:
            continue
        if not strong and q + 2 < n + 1 and raw[q:q + 2] == delim * 2 and raw[q + 2:q + 3] != delim:
            continue                     # an em does not close on the start of a strong
        if delim == "_" and q + size < n and raw[q + size].isalnum():
            continue
        out.append(q)
    return out


_EMPH_CHAR = re.compile(r"[*_]")


def _intraword(raw: str, i: int) -> bool:
    """kramdown does not open ``_`` emphasis right after a word (a letter, or letter-hyphen)."""
    if i > 0 and raw[i - 1].isalpha():
        return True
    return i > 1 and raw[i - 1] == "-" and raw[i - 2].isalpha()


def _emphasis(raw: str, esc: list[bool]) -> list[tuple[int, int, int, str]]:
    """Emphasis pairs as (open, close, size, kind), kind 'emphasis' or 'strong'."""
    n = len(raw)
    if "*" not in raw and "_" not in raw:
        return []
    cand = {(d, s): _closers(raw, esc, d, s) for d in "*_" for s in (False, True)}
    pairs: list[tuple[int, int, int, str]] = []
    open_until: dict[str, int] = {}          # element kind -> its closer position
    bound = [n]                              # closers of enclosing elements
    i = 0
    search = _EMPH_CHAR.search
    while i < n:
        # only a `*` or `_` does anything: jump to the next one (what is closed before it is
        # closed all the same when the bounds are looked at there)
        g = search(raw, i)
        if g is None:
            break
        i = g.start()
        while len(bound) > 1 and i >= bound[-1]:
            bound.pop()
        for kind, q in list(open_until.items()):
            if i >= q:
                del open_until[kind]
        c = raw[i]
        if c not in "*_" or (i > 0 and esc[i - 1]):
            i += 1
            continue
        size = 2 if i + 1 < n and raw[i + 1] == c else 1
        if c == "_" and _intraword(raw, i):
            i += size
            continue
        after = i + size
        if after >= n or raw[after] in _WS:
            i += size
            continue
        found = None
        for strong in ((True, False) if size == 2 else (False,)):
            kind = "strong" if strong else "emphasis"
            if kind in open_until:
                continue
            width = 2 if strong else 1
            lst = cand[(c, strong)]
            k = bisect_left(lst, i + width + 1)
            if k < len(lst) and lst[k] + width <= bound[-1]:
                found = (i, lst[k], width, kind)
                break
        if found is None:
            i += size
            continue
        pairs.append(found)
        open_until[found[3]] = found[1]
        bound.append(found[1])
        i += found[2]
    return pairs


def emphasis_pairs(raw: str) -> list[tuple[int, int, int, str]]:
    """kramdown's emphasis pairs in ``raw`` as (open, close, width, kind): the same model the
    formula analysis uses, for prose (a paragraph whose other spans the caller masked)."""
    if "*" not in raw and "_" not in raw:
        return []
    return _emphasis(raw, _escape_mask(raw))


def _code_close(raw: str, run: str, start: int) -> int:
    """Where a code span opened by backtick ``run`` closes: the next run of the same length."""
    k = start
    n = len(raw)
    while True:
        close = raw.find(run, k)
        if close < 0:
            return -1
        end = close + len(run)
        if end < n and raw[end] == "`":
            while end < n and raw[end] == "`":
                end += 1
            k = end
            continue
        return close


def _smart_quote(raw: str, i: int) -> str:
    """The curly quote kramdown's smart-quote rules make of the quote at raw[i]."""
    q = raw[i]
    left, right = ("\u2018", "\u2019") if q == "'" else ("\u201c", "\u201d")
    # The span sits between two dollars, which kramdown sees as the neighbouring text.
    prev = raw[i - 1] if i > 0 else "$"
    nxt = raw[i + 1] if i + 1 < len(raw) else "$"
    nxt2 = raw[i + 2] if i + 2 < len(raw) else "$"
    if nxt in "_*" and nxt and (nxt2 and nxt2 not in _WS):
        return left
    if nxt and nxt in _SQ_PUNCT and not (prev.isalnum() or prev == "_") and not nxt.isalnum():
        return right
    if q == "'" and raw[i + 1:i + 3].isdigit() and len(raw[i + 1:i + 3]) == 2 and raw[i + 3:i + 4] == "s":
        return right
    if prev in _WS and prev and (nxt.isalnum() or nxt == "_"):
        return left
    if prev and prev not in _NOT_CLOSE:
        return right
    if nxt == "" or nxt in _WS or (nxt == "s" and not (raw[i + 2:i + 3].isalnum())):
        return right
    return left


def table_cell_text(raw: str) -> KramdownText:
    """What is left of ``raw`` after a GFM table row is split into cells.

    kramdown (like markdown-it) splits a row at every ``|`` that has no backslash right
    before it, and drops that backslash from each ``\\|``, before any span parsing: so
    ``\\|`` reaches the renderer as ``|`` (in ``$$`` math too), ``\\\\|`` as ``\\|``, and a
    bare ``|`` ends the cell. Each ``\\|`` is a ``table-pipe`` Damage that does not split;
    a bare ``|`` is one that does.
    """
    if "|" not in raw:
        return KramdownText(raw, raw, tuple(range(len(raw) + 1)))
    out: list[str] = []
    pos: list[int] = []
    damage: list[Damage] = []
    last = 0
    i = raw.find("|")
    while i != -1:
        if i > 0 and raw[i - 1] == "\\":
            out.append(raw[last:i - 1])
            pos.extend(range(last, i - 1))
            damage.append(Damage("table-pipe", i - 1, i + 1, "\\|", "|"))
        else:
            out.append(raw[last:i])
            pos.extend(range(last, i))
            damage.append(Damage("table-pipe", i, i + 1, "|", "</td><td>", splits=True))
        out.append("|")
        pos.append(i)
        last = i + 1
        i = raw.find("|", last)
    out.append(raw[last:])
    pos.extend(range(last, len(raw) + 1))
    return KramdownText(raw, "".join(out), tuple(pos), tuple(damage))


def kramdown_math_text(raw: str, *, in_table_row: bool = False) -> KramdownText:
    """What KaTeX receives for the single-``$`` span whose raw text is ``raw``.

    ``in_table_row`` says the span sits in a GFM table row: the row is split into cells
    first (:func:`table_cell_text`), and the span parsers run on what the cell keeps.
    """
    if in_table_row and "|" in raw:
        cell = table_cell_text(raw)
        inner = _span_text(cell.text)
        off = cell.offsets

        def raw_end(e: int) -> int:
            return off[e - 1] + 1 if e > 0 else off[0]

        damage = list(cell.damage)
        damage += [Damage(d.kind, off[d.start], raw_end(d.end), raw[off[d.start]:raw_end(d.end)], d.result,
                          d.splits) for d in inner.damage]
        damage.sort(key=lambda d: (d.start, d.end))
        return KramdownText(raw, inner.text, tuple(off[o] for o in inner.offsets), tuple(damage))
    return _span_text(raw)


def _span_text(raw: str) -> KramdownText:
    """kramdown's span parsers over ``raw`` (no table row around it)."""
    n = len(raw)
    esc = _escape_mask(raw)
    pairs = _emphasis(raw, esc)
    markup: dict[int, tuple[int, str, int]] = {}    # position -> (size, kind, partner)
    for o, c, size, kind in pairs:
        markup[o] = (size, kind, c)
        markup[c] = (size, kind, o)

    out: list[str] = []
    pos: list[int] = []
    damage: list[Damage] = []

    no_code_close: set[int] = set()
    no_strike_close = False

    def emit(s: str, at: int) -> None:
        for ch in s:
            out.append(ch)
            pos.append(at)

    plain = _PLAIN.match
    i = 0
    while i < n:
        m = plain(raw, i)
        if m:
            # A run of characters no span parser starts at (emphasis markers are never in it):
            # copy it in one step.
            end = m.end()
            out.append(raw[i:end])
            pos.extend(range(i, end))
            i = end
            continue
        c = raw[i]
        if i in markup:
            size, kind, partner = markup[i]
            if partner > i:
                tag = "strong" if kind == "strong" else "em"
                damage.append(Damage(kind, i, partner + size, raw[i:partner + size],
                                     f"<{tag}>{raw[i + size:partner]}</{tag}>", splits=True))
            i += size
            continue
        if c == "\\":
            if raw.startswith("\\\\\n", i):
                damage.append(Damage("line-break", i, i + 2, "\\\\", "<br />", splits=True))
                i += 2
                continue
            if esc[i]:
                damage.append(Damage("escape", i, i + 2, raw[i:i + 2], raw[i + 1]))
                emit(raw[i + 1], i + 1)
                i += 2
                continue
            emit(c, i)
            i += 1
            continue
        if c == " ":
            m = _SPACES_EOL.match(raw, i)
            if m:
                damage.append(Damage("line-break", i, m.end(), m.group(), "<br />", splits=True))
                i = m.end()         # kramdown drops the spaces; the line end stays
                continue
        if c == "`":
            m = _BACKTICKS.match(raw, i)
            assert m is not None
            run = m.group()
            close = -1 if len(run) in no_code_close else _code_close(raw, run, i + len(run))
            if close >= 0:
                inner = raw[i + len(run):close]
                damage.append(Damage("codespan", i, close + len(run), raw[i:close + len(run)],
                                     f"<code>{inner}</code>", splits=True))
                emit(inner, i + len(run))
                i = close + len(run)
                continue
            no_code_close.add(len(run))     # no later run of this length closes either
            emit(run, i)
            i += len(run)
            continue
        if c == "~" and raw.startswith("~~", i) and not no_strike_close:
            close = raw.find("~~", i + 2)
            if close < 0:
                no_strike_close = True
            elif close > i + 2 and raw[i + 2] not in _WS and raw[close - 1] not in _WS:
                damage.append(Damage("strikethrough", i, close + 2, raw[i:close + 2],
                                     f"<del>{raw[i + 2:close]}</del>", splits=True))
                emit(raw[i + 2:close], i + 2)
                i = close + 2
                continue
        if c == "[":
            m = _LINK.match(raw, i)
            if m:
                result = f'<a href="{m.group(2)}">{m.group(1)}</a>'
                damage.append(Damage("link", i, m.end(), m.group(), result, splits=True))
                emit(m.group(1), i + 1)
                i = m.end()
                continue
        if c == "<":
            m = _AUTOLINK.match(raw, i) or _HTML_TAG.match(raw, i)
            if m:
                damage.append(Damage("html", i, m.end(), m.group(), m.group(), splits=True))
                i = m.end()
                continue
        if c == "&":
            m = _ENTITY.match(raw, i)
            if m:
                ch = html.unescape(m.group())
                if ch != m.group():
                    damage.append(Damage("entity", i, m.end(), m.group(), ch))
                    emit(ch, i)
                    i = m.end()
                    continue
        if c in "-.<>" or c == " ":
            for seq, sym in _TYPOGRAPHIC:
                if raw.startswith(seq, i):
                    if seq in ("<<", ">>", "<< ") and i > 0 and esc[i - 1]:
                        break
                    damage.append(Damage("typographic", i, i + len(seq), seq, sym))
                    emit(sym, i)
                    i += len(seq)
                    break
            else:
                emit(c, i)
                i += 1
            continue
        if c in "'\"" and not (i > 0 and raw[i - 1] == "\\"):
            sym = _smart_quote(raw, i)
            damage.append(Damage("smart-quote", i, i + 1, c, sym))
            emit(sym, i)
            i += 1
            continue
        emit(c, i)
        i += 1
    pos.append(n)
    return KramdownText(raw, "".join(out), tuple(pos), tuple(damage))
