"""Human output, in ruff's shape: `path:line:col: CODE message`, the source line with a
caret under the problem, and a summary. Colour only when writing to a terminal."""

from __future__ import annotations

from collections import Counter

import click

from .escape import visible

_SEV_COLOR = {"error": "red", "warning": "yellow", "info": "blue"}


def _width(s: str) -> int:
    if s.isascii() and s.isprintable():
        return len(s)  # (every printable ASCII character is one column: wcwidth loads only for the rest)
    try:
        from wcwidth import wcswidth

        w = wcswidth(s)
        return w if w >= 0 else len(s)
    except ImportError:  # pragma: no cover
        return len(s)


def render(findings, book=None, *, color: bool = False, show_source: bool = True, prefix="") -> str:
    def st(s: str, **kw) -> str:
        return click.style(s, **kw) if color else s

    out: list[str] = []
    for f in findings:
        fixable = " [*]" if f.fix is not None and f.fix.safe else ""
        # the severity is written out, not only coloured: CI logs and NO_COLOR lose the colour
        head = (f"{st(prefix(f.path) if callable(prefix) else prefix + f.path, bold=True)}{st(':', fg='cyan')}{f.line}{st(':', fg='cyan')}{f.column}{st(':', fg='cyan')} "
                f"{st(f.code, fg=_SEV_COLOR.get(f.severity, 'red'), bold=True)}{fixable} {f.severity}: {visible(f.message)}")
        out.append(head)
        if show_source and book is not None:
            src = _source_of(book, f.path)
            if src is not None and 1 <= f.line <= src.line_count and src.text:
                line_text = src.line_text(f.line)
                if len(line_text) > 160:  # keep a window around the problem
                    a = max(0, f.column - 60)
                    z = max(a + 120, min(f.end_column + 20, a + 200)) if f.end_line == f.line else a + 120
                    line_text_shown = ("…" if a else "") + line_text[a:z] + ("…" if z < len(line_text) else "")
                    col_shift = a - (1 if a else 0)
                else:
                    line_text_shown = line_text
                    col_shift = 0
                line_text_shown = line_text_shown.replace("\t", " ")
                gutter = str(f.line)
                pad = " " * len(gutter)
                start_col = f.column - 1 - col_shift
                if f.end_line == f.line:
                    end_col = max(f.end_column - 1 - col_shift, start_col + 1)
                else:
                    end_col = max(len(line_text_shown), start_col + 1)
                lead = _width(line_text_shown[:start_col])
                span = max(1, _width(line_text_shown[start_col:end_col]))
                out.append(st(f"{pad} |", fg="blue"))
                out.append(st(f"{gutter} |", fg="blue") + " " + _printable(line_text_shown))
                out.append(st(f"{pad} |", fg="blue") + " " + " " * lead + st("^" * span, fg=_SEV_COLOR.get(f.severity, "red"), bold=True))
                out.append("")
    return "\n".join(out) + ("\n" if out else "")


def _printable(s: str) -> str:
    if s.isprintable():
        return s  # (the usual line: nothing to escape)
    return "".join(ch if ch.isprintable() or ch == " " else f"\\x{ord(ch):02x}" if ord(ch) < 0x100 else f"\\u{ord(ch):04x}" for ch in s)


def _source_of(book, path: str):
    doc = book.docs.get(path)
    if doc is not None:
        return doc.source
    try:
        return book.source(path)
    except Exception:
        return None


def summary(findings, *, color: bool = False, fixed: int = 0, checked: int | None = None,
            unsafe_hidden: int | None = None) -> str:
    """The closing lines: how many files were checked, what was found by severity, and how many
    findings a fix would settle (``unsafe_hidden`` not None: count the fixes `--unsafe-fixes` adds)."""
    def st(s: str, **kw) -> str:
        return click.style(s, **kw) if color else s

    lines = []
    n = len(findings)
    files = "" if checked is None else f"Checked {checked} file{'s' if checked != 1 else ''}: "
    if fixed:
        lines.append(f"Fixed {fixed} problem{'s' if fixed != 1 else ''}.")
    if n == 0:
        lines.append(files + (st("all checks passed!" if files else "All checks passed!", fg="green", bold=True)
                              if not fixed else "no problems remain."))
    else:
        sev = Counter(f.severity for f in findings)
        parts = [f"{sev[s]} {s}{'s' if sev[s] != 1 else ''}" for s in ("error", "warning", "info") if sev[s]]
        found = f"found {n} problem{'s' if n != 1 else ''} ({', '.join(parts)})."
        lines.append(files + (found if files else found[0].upper() + found[1:]))
        fixable = sum(1 for f in findings if f.fix is not None and f.fix.safe)
        unsafe = sum(1 for f in findings if f.fix is not None and not f.fix.safe)
        hidden = (f"{unsafe} more with the `--unsafe-fixes` option" if unsafe and unsafe_hidden is not None else "")
        if fixable:
            lines.append(f"[*] {fixable} fixable with the `--fix` option" + (f" ({hidden})." if hidden else "."))
        elif hidden:
            lines.append(f"No safe fixes; {hidden} (`--fix --unsafe-fixes`).")
    return "\n".join(lines) + "\n"


def statistics(findings, fmt: str = "text") -> str:
    counts = Counter((f.code, f.name) for f in findings)
    fixable = Counter(f.code for f in findings if f.fix is not None and f.fix.safe)
    rows = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0][0]))
    if fmt in ("json", "jsonl"):
        import json

        data = [{"code": code, "name": name, "count": c, "fixable": bool(fixable[code])} for (code, name), c in rows]
        if fmt == "jsonl":
            return "".join(json.dumps(d, ensure_ascii=False) + "\n" for d in data)
        return json.dumps(data, indent=2, ensure_ascii=False) + "\n"
    width = max((len(str(c)) for c in counts.values()), default=1)
    out = []
    for (code, name), c in rows:
        mark = "[*]" if fixable[code] else "   "
        out.append(f"{c:>{width}}\t{code}\t{mark} {name}")
    return "\n".join(out) + ("\n" if out else "")
