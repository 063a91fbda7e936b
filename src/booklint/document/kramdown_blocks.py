"""Where kramdown draws block boundaries that CommonMark draws elsewhere, and where MathJax finds math
in raw HTML.

* A raw HTML block (kramdown 2.4, ``parse_block_html`` off, as Jekyll sets it) that opens with a
  tag of an element kramdown does not count as a span element runs to that element's matching end
  tag, blank lines included; nested elements must close their own end tags first, and an element
  that never closes runs to the end of the document. CommonMark stops most HTML blocks at the first
  blank line, after which the rest of the block is read as Markdown (math, headings, prose) that
  kramdown never sees as such.
* ``{% highlight %}`` and ``{% mermaid %}`` bodies are code, whatever Markdown they look like.
* MathJax 3 typesets the page's text, raw HTML included: ``$$...$$``, ``\\[...\\]``, ``\\(...\\)``
  and bare ``\\begin{env}...\\end{env}`` (its default delimiters, which al-folio's MathJax
  configuration keeps), never across an HTML tag, and never inside ``<pre>``, ``<code>``,
  ``<script>``, ``<style>``, ``<textarea>``, ``<noscript>``.
"""

from __future__ import annotations

import re

from markdown_it.rules_block.html_block import html_block as _commonmark_html_block

from .liquid import tag_line_start

# kramdown's HTML_SPAN_ELEMENTS: a line starting with one of these is no HTML block to kramdown
SPAN_ELEMENTS = frozenset(
    "a abbr acronym b big bdo br button cite code del dfn em i img input ins kbd label mark option q rb rbc rp "
    "rt rtc ruby samp select small span strong sub sup textarea tt var".split())
# kramdown's HTML_ELEMENTS_WITHOUT_BODY
VOID = frozenset("area base br col command embed hr img input keygen link meta param source track wbr".split())
_UNAME = r"[A-Za-z_:][-\w.:]*"
_OPEN = re.compile(r"<(" + _UNAME + r")((?:\s+" + _UNAME + r"""(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s>]+))?)*)\s*(/)?>""")
_CLOSE = re.compile(r"</(" + _UNAME + r")\s*>")
_COMMENT_END = "-->"
_MARKDOWN_ATTR = re.compile(r"\bmarkdown\s*=", re.I)
_RAW_TEXT = frozenset({"script", "style"})


def raw_html_end(src: str, pos: int) -> tuple[int, bool]:
    """(offset just after the end tag that closes the element opened at ``pos``, whether one does).

    kramdown's ``parse_raw_html``: nested elements nest; an end tag that closes neither the
    innermost open element is ignored; comments are skipped; ``script``/``style`` run to their
    end tags. An element nothing closes runs to the end of ``src``.
    """
    m = _OPEN.match(src, pos)
    if m is None:
        return pos, False
    stack = [m.group(1)]
    if m.group(3) or m.group(1).lower() in VOID:
        return m.end(), True
    i = m.end()
    n = len(src)
    if m.group(1).lower() in _RAW_TEXT:
        return _raw_text_end(src, i, m.group(1))
    while i < n:
        k = src.find("<", i)
        if k == -1:
            break
        if src.startswith("<!--", k):
            e = src.find(_COMMENT_END, k + 4)
            if e == -1:
                break
            i = e + 3
            continue
        c = _CLOSE.match(src, k)
        if c is not None:
            if _same(c.group(1), stack[-1]):
                stack.pop()
                if not stack:
                    return c.end(), True
            i = c.end()
            continue
        o = _OPEN.match(src, k)
        if o is not None:
            name = o.group(1)
            if name.lower() in _RAW_TEXT and not o.group(3):
                end, ok = _raw_text_end(src, o.end(), name)
                if not ok:
                    break
                i = end
                continue
            if not o.group(3) and name.lower() not in VOID:
                stack.append(name)
            i = o.end()
            continue
        i = k + 1
    return n, False


def _same(a: str, b: str) -> bool:
    return a.lower() == b.lower()


def _raw_text_end(src: str, i: int, name: str) -> tuple[int, bool]:
    m = re.compile(r"</" + re.escape(name) + r"\s*>", re.I).search(src, i)
    return (m.end(), True) if m else (len(src), False)


def kramdown_html_block(state, startLine: int, endLine: int, silent: bool) -> bool:
    """CommonMark's HTML block, run on to where kramdown ends it (see the module's docstring)."""
    if not _commonmark_html_block(state, startLine, endLine, silent):
        return False
    if silent or getattr(state, "parentType", "root") in ("blockquote", "list") or state.blkIndent:
        return True
    tok = state.tokens[-1]
    pos = state.bMarks[startLine] + state.tShift[startLine]
    src = state.src
    m = _OPEN.match(src, pos)
    if m is None:
        c = _CLOSE.match(src, pos)
        if c is not None and c.group(1).lower() in SPAN_ELEMENTS:
            return _not_a_block(state, tok, startLine)
        return True
    if m.group(1).lower() in SPAN_ELEMENTS:
        return _not_a_block(state, tok, startLine)  # kramdown reads the line as a paragraph
    if _MARKDOWN_ATTR.search(m.group(2) or ""):
        return True
    end, _closed = raw_html_end(src, pos)
    line = startLine
    while line + 1 < endLine and state.bMarks[line + 1] < end:
        line += 1
    # kramdown's block ends on the end tag's line: later lines are Markdown again, and a block
    # CommonMark ended at a blank line runs on through it
    if line + 1 != state.line:
        state.line = line + 1
        tok.map = [startLine, state.line]
        tok.content = state.getLines(startLine, state.line, state.blkIndent, True)
    return True


def _not_a_block(state, tok, startLine: int) -> bool:
    state.tokens.pop()
    state.line = startLine
    return False


# The parser reads a copy of the page whose Liquid tags have their spaces masked (document.parse),
# so the space between `{%` and the tag's name is any run of non-word characters here.
_LIQUID_CODE = re.compile(r"\{%-?[^\w%]*(highlight|mermaid)\b[^%]*%\}")


def liquid_code_block(state, startLine: int, endLine: int, silent: bool) -> bool:
    """A `{% highlight %}` or `{% mermaid %}` tag that starts a line, its body, and its end tag: code."""
    pos = tag_line_start(state, startLine)
    if pos == -1:
        return False
    src = state.src
    m = _LIQUID_CODE.match(src, pos)
    if m is None:
        return False
    name = m.group(1)
    close = re.compile(r"\{%-?[^\w%]*end" + name + r"[^\w%]*-?%\}").search(src, m.end())
    if close is None:
        return False
    line = startLine
    while line + 1 < endLine and state.bMarks[line + 1] <= close.start():
        line += 1
    if state.eMarks[line] < close.end():
        return False  # the end tag is past the container's end
    if silent:
        return True
    tok = state.push("liquid_code", "", 0)
    tok.map = [startLine, line + 1]
    tok.info = name + src[m.start(1) + len(name):m.end()].rstrip("%}- ").rstrip()
    tok.content = src[m.end():close.start()]
    tok.meta = {"body": (m.end(), close.start())}
    state.line = line + 1
    return True


def kramdown_blocks_plugin(md, kramdown: bool = True) -> None:
    if kramdown:
        md.block.ruler.at("html_block", kramdown_html_block, {"alt": ["paragraph", "reference", "blockquote"]})
    # before the general Liquid block rule, which would take the opening tag as a tag of its own
    md.block.ruler.before("liquid_block", "liquid_code", liquid_code_block,
                          {"alt": ["paragraph", "reference", "blockquote", "list"]})


# -- MathJax in raw HTML ------------------------------------------------------------------------------

# elements whose text MathJax never reads (its skipHtmlTags)
SKIP_ELEMENTS = ("script", "noscript", "style", "textarea", "pre", "code", "annotation", "annotation-xml")
_SKIP = re.compile(r"<(" + "|".join(SKIP_ELEMENTS) + r")\b[^>]*>", re.I)
_ANY_TAG = re.compile(r"<!--.*?-->|</?[A-Za-z][^<>]*>", re.S)
_START = re.compile(r"\$\$|\\\[|\\\(|\\begin\s*\{([^{}\\]+)\}|\\\$")
_END_FOR = {"$$": "$$", "\\[": "\\]", "\\(": "\\)"}


def mathjax_math(text: str, start: int, end: int) -> list[tuple[int, int, int, int, str]]:
    """Formulas MathJax finds in raw HTML ``text[start:end]``: (open, content start, content end,
    close end, delimiter), delimiter one of ``$$ \\[ \\( env``."""
    out: list[tuple[int, int, int, int, str]] = []
    if not any(c in text[start:end] for c in ("$$", "\\[", "\\(", "\\begin")):
        return out
    segs: list[tuple[int, int]] = []
    i = start
    while i < end:
        t = _ANY_TAG.search(text, i, end)
        if t is None:
            segs.append((i, end))
            break
        if t.start() > i:
            segs.append((i, t.start()))
        s = _SKIP.match(text, t.start())
        if s is not None:
            close = re.compile(r"</" + re.escape(s.group(1)) + r"\s*>", re.I).search(text, s.end(), end)
            i = close.end() if close else end
            continue
        i = t.end()
    for a, z in segs:
        out.extend(find_tex(text, a, z))
    return out


def find_tex(text: str, a: int, z: int) -> list[tuple[int, int, int, int, str]]:
    """MathJax's FindTeX over one string ``text[a:z]`` (processEscapes and processEnvironments on)."""
    out = []
    i = a
    while i < z:
        m = _START.search(text, i, z)
        if m is None:
            break
        d = m.group()
        if d == "\\$":
            i = m.end()
            continue
        if m.group(1) is not None:
            env = m.group(1)
            e = _env_end(text, m.end(), z, env)
            if e is None:
                i = m.end()
                continue
            out.append((m.start(), m.start(), e, e, "env"))
            i = e
            continue
        close = _delim_end(text, m.end(), z, _END_FOR[d])
        if close is None:
            i = m.end()
            continue
        out.append((m.start(), m.end(), close, close + len(_END_FOR[d]), d))
        i = close + len(_END_FOR[d])
    return out


def _delim_end(text: str, i: int, z: int, closer: str) -> int | None:
    """Where ``closer`` ends the formula: at brace level 0, `\\x` skipped (MathJax's endPattern)."""
    depth = 0
    while i < z:
        c = text[i]
        if c == "\\":
            if text.startswith(closer, i) and depth == 0:
                return i
            i += 2
            continue
        if c == "{":
            depth += 1
        elif c == "}":
            depth = max(0, depth - 1)
        elif depth == 0 and text.startswith(closer, i):
            return i
        i += 1
    return None


def _env_end(text: str, i: int, z: int, env: str) -> int | None:
    pat = re.compile(r"\\(begin|end)\s*\{" + re.escape(env) + r"\}")
    depth = 1
    for m in pat.finditer(text, i, z):
        depth += 1 if m.group(1) == "begin" else -1
        if depth == 0:
            return m.end()
    return None


# -- TeX that reaches MathJax through Markdown text ------------------------------------------------------

_TEXT_START = re.compile(r"(?<!\\)((?:\\\\)*)(\\\\\(|\\\\\[|\\\(|\\\[|\\begin\s*\{([A-Za-z*]+)\})")
_TEXT_END = {"\\\\(": "\\\\)", "\\\\[": "\\\\]", "\\(": "\\)", "\\[": "\\]"}
_TEXISH = re.compile(r"\\[A-Za-z]+|[\^_][{\w]")


def text_tex(text: str, a: int, z: int) -> list[tuple[int, int, int, int, str]]:
    """TeX in Markdown text ``text[a:z]`` that MathJax may typeset after kramdown:
    (open, content start, content end, close end, kind). Kinds: ``env`` (a bare
    ``\\begin{x}...\\end{x}``, which kramdown passes through), ``\\\\(`` / ``\\\\[`` (kramdown makes
    them ``\\(`` / ``\\[``: MathJax math), and ``lost\\(`` / ``lost\\[`` (kramdown eats the backslash
    of ``\\(``: the reader gets ``(...)`` and no formula). A lost pair counts only when its
    content looks like TeX (``\\[1\\]`` is a bracketed number)."""
    out = []
    i = a
    while i < z:
        m = _TEXT_START.search(text, i, z)
        if m is None:
            break
        o = m.start(2)
        d = m.group(2)
        if m.group(3) is not None:
            e = _env_end(text, m.end(), z, m.group(3))
            if e is None:
                i = m.end()
                continue
            out.append((o, o, e, e, "env"))
            i = e
            continue
        closer = _TEXT_END[d]
        k = text.find(closer, m.end(), z)
        while k != -1 and len(d) == 2 and text[k - 1] == "\\":
            k = text.find(closer, k + 1, z)  # `\\)` is a backslash and `)`, not the closer of `\(`
        if k == -1 or "\n\n" in text[m.end():k]:
            i = m.end()
            continue
        body = text[m.end():k]
        if len(d) == 2:
            if _TEXISH.search(body):
                out.append((o, m.end(), k, k + len(closer), "lost" + d))
        else:
            out.append((o, m.end(), k, k + len(closer), d))
        i = k + len(closer)
    return out
