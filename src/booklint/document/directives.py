"""Suppression directives as the author wrote them, read once when a page is parsed.

* ``<!-- booklint-disable L001 L002 -->`` ... ``<!-- booklint-enable L001 -->`` (no codes: all)
* ``<!-- booklint-disable-next-line L002 -->`` and ``<!-- booklint-disable-line L002 -->``
* ``<!-- booklint-disable-file S -->`` or, in front matter, ``booklint: {disable: [S001]}``
* in front matter, a YAML comment line: ``# booklint-disable-next-line L006`` (the next line of
  the front matter) or ``# booklint-disable-file S001``
* in other files (.bib, YAML), comment lines in the file's own syntax: :func:`read_line_directives`
"""

from __future__ import annotations

import re

from .model import Directive, Document, Span

_LINE_DIRECTIVE = r"^[ \t]*{leader}[ \t]*booklint-(disable-next-entry|disable-next-line|disable-file)\b([^\n]*)$"
# the comment leader of each kind of side file booklint reports on
COMMENT_LEADERS = {".bib": "%", ".yml": "#", ".yaml": "#", ".cff": "#", ".toml": "#"}
_DIRECTIVE = re.compile(r"^\s*booklint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)\s*$", re.S)


def _words(arg: str) -> tuple[str, ...]:
    return tuple(w for w in re.split(r"[\s,]+", arg.strip()) if w)


def read_directives(doc: Document) -> list[Directive]:
    out: list[Directive] = []
    fm = doc.front_matter
    if fm is not None and isinstance(fm.data, dict):
        conf = fm.data.get("booklint")
        disable = conf.get("disable") if isinstance(conf, dict) else None
        if isinstance(disable, str):
            disable = [disable]
        if isinstance(disable, list):
            span = fm.key_spans.get(("booklint",), fm.span)
            line, _ = doc.line_col(span.start)
            for item in disable:
                words = _words(str(item))
                out.append(Directive("disable-file", words or ("",), span, line, line))
    if fm is not None:
        body = doc.text[fm.content_span.start:fm.content_span.end]
        out.extend(_line_directives(doc.source, body, fm.content_span.start, "#", ("disable-next-line", "disable-file")))
    for c in doc.comments:
        m = _DIRECTIVE.match(c.body)
        if not m:
            continue
        line, _ = doc.line_col(c.span.start)
        end_line, _ = doc.line_col(c.span.end)
        out.append(Directive(m.group(1), _words(m.group(2)), c.span, line, end_line))
    return out


def _line_directives(source, text: str, base: int, leader: str, kinds: tuple[str, ...]) -> list[Directive]:
    out: list[Directive] = []
    for m in re.finditer(_LINE_DIRECTIVE.format(leader=re.escape(leader)), text, re.M):
        if m.group(1) not in kinds:
            continue
        span = Span(base + m.start(), base + m.end())
        line, _ = source.line_col(span.start)
        out.append(Directive(m.group(1), _words(m.group(2)), span, line, line))
    return out


def read_line_directives(source) -> list[Directive]:
    """Directives written as whole comment lines of a side file (``source`` is its Source):
    ``% booklint-disable-next-entry B007`` before an entry of a .bib file (the whole entry),
    ``% booklint-disable-next-line B008`` and ``# booklint-disable-next-line ...`` in YAML files,
    and ``booklint-disable-file`` in either. Other files have none."""
    dot = source.path.rfind(".")
    leader = COMMENT_LEADERS.get(source.path[dot:].lower()) if dot >= 0 else None
    if leader is None or source.binary:
        return []
    kinds = ("disable-next-entry", "disable-next-line", "disable-file") if leader == "%" else (
        "disable-next-line", "disable-file")
    return _line_directives(source, source.text, 0, leader, kinds)
