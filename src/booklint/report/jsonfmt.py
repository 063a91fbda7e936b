"""`json` (one array) and `jsonl` (one finding a line), the shape in design.md."""

from __future__ import annotations

from .escape import dumps


def render_json(findings) -> str:
    return dumps([f.to_dict() for f in findings], indent=2) + "\n"


def render_jsonl(findings) -> str:
    return "".join(dumps(f.to_dict()) + "\n" for f in findings)
