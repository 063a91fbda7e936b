"""Inline suppressions: what a book's author switched off, and where.

* ``<!-- booklint-disable L001 L002 -->`` ... ``<!-- booklint-enable L001 -->`` (no codes: all)
* ``<!-- booklint-disable-next-line L002 -->`` and ``<!-- booklint-disable-line L002 -->``
* ``<!-- booklint-disable-file S -->`` or, in front matter, ``booklint: {disable: [S001]}``

Codes may be prefixes (``S``) or names (``broken-link``), as in config.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .config import resolve_selector
from .document.model import Document, Span

_DIRECTIVE = re.compile(r"^\s*booklint-(disable-next-line|disable-line|disable-file|disable|enable)\b(.*?)\s*$", re.S)
ALL = "*"


@dataclass
class Suppressions:
    file_codes: set[str] = field(default_factory=set)
    # (code or "*", first line, last line) inclusive
    ranges: list[tuple[str, int, int]] = field(default_factory=list)
    unknown: list[tuple[str, Span]] = field(default_factory=list)

    def covers(self, code: str, line: int) -> bool:
        if ALL in self.file_codes or code in self.file_codes:
            return True
        for c, a, z in self.ranges:
            if (c == ALL or c == code) and a <= line <= z:
                return True
        return False


def _codes(arg: str, span: Span, sup: Suppressions) -> list[str]:
    words = [w for w in re.split(r"[\s,]+", arg.strip()) if w]
    if not words:
        return [ALL]
    out: list[str] = []
    for w in words:
        codes = resolve_selector(w)
        if not codes:
            sup.unknown.append((w, span))
        out.extend(codes)
    return out


def collect(doc: Document) -> Suppressions:
    sup = Suppressions()
    fm = doc.front_matter
    if fm is not None and isinstance(fm.data, dict):
        conf = fm.data.get("booklint")
        disable = conf.get("disable") if isinstance(conf, dict) else None
        if isinstance(disable, str):
            disable = [disable]
        if isinstance(disable, list):
            span = fm.key_spans.get(("booklint",), fm.span)
            for item in disable:
                sup.file_codes.update(_codes(str(item), span, sup))
    last_line = doc.source.line_count
    open_at: dict[str, int] = {}
    for c in doc.comments:
        m = _DIRECTIVE.match(c.body)
        if not m:
            continue
        kind, arg = m.group(1), m.group(2)
        codes = _codes(arg, c.span, sup)
        line, _ = doc.line_col(c.span.start)
        end_line, _ = doc.line_col(c.span.end)
        if kind == "disable-file":
            sup.file_codes.update(codes)
        elif kind == "disable-next-line":
            for code in codes:
                sup.ranges.append((code, end_line + 1, end_line + 1))
        elif kind == "disable-line":
            for code in codes:
                sup.ranges.append((code, line, end_line))
        elif kind == "disable":
            for code in codes:
                open_at.setdefault(code, line)
        else:  # enable
            targets = list(open_at) if codes == [ALL] else codes
            for code in targets:
                start = open_at.pop(code, None)
                if start is not None:
                    sup.ranges.append((code, start, line))
    for code, start in open_at.items():
        sup.ranges.append((code, start, last_line))
    return sup
