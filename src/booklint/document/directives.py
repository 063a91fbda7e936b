"""Suppression directives as the author wrote them, read once when a page is parsed.

* ``<!-- booklint-disable L001 L002 -->`` ... ``<!-- booklint-enable L001 -->`` (no codes: all)
* ``<!-- booklint-disable-next-line L002 -->`` and ``<!-- booklint-disable-line L002 -->``
* ``<!-- booklint-disable-file S -->`` or, in front matter, ``booklint: {disable: [S001]}``
"""

from __future__ import annotations

import re

from .model import Directive, Document

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
    for c in doc.comments:
        m = _DIRECTIVE.match(c.body)
        if not m:
            continue
        line, _ = doc.line_col(c.span.start)
        end_line, _ = doc.line_col(c.span.end)
        out.append(Directive(m.group(1), _words(m.group(2)), c.span, line, end_line))
    return out
