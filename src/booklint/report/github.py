"""GitHub Actions workflow commands: annotations shown on the pull request's diff."""

from __future__ import annotations

from .escape import visible

_LEVEL = {"error": "error", "warning": "warning", "info": "notice"}


def _escape_data(s: str) -> str:
    return visible(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _escape_prop(s: str) -> str:
    return _escape_data(s).replace(":", "%3A").replace(",", "%2C")


def render(findings) -> str:
    out = []
    for f in findings:
        props = (f"file={_escape_prop(f.path)},line={f.line},col={f.column},endLine={f.end_line},"
                 f"endColumn={f.end_column},title={_escape_prop(f'{f.code} {f.name}')}")
        out.append(f"::{_LEVEL.get(f.severity, 'error')} {props}::{_escape_data(f'{f.code} {f.message}')}\n")
    return "".join(out)
