"""`json` (one array) and `jsonl` (one finding a line), the shape in design.md."""

from __future__ import annotations

import json


def render_json(findings) -> str:
    return json.dumps([f.to_dict() for f in findings], ensure_ascii=False, indent=2) + "\n"


def render_jsonl(findings) -> str:
    return "".join(json.dumps(f.to_dict(), ensure_ascii=False) + "\n" for f in findings)
