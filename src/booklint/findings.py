"""What a rule reports: a Finding, and the Fix (a set of Edits) that may come with it.

The bottom of booklint: every other module may import this one, and it imports none of them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Edit:
    """Replace ``text[start:end]`` of one file with ``new``."""

    start: int
    end: int
    new: str


@dataclass(frozen=True)
class Fix:
    description: str
    edits: tuple[Edit, ...]
    safe: bool = True
    drop_bom: bool = False  # also remove the file's byte-order mark (which is not part of its text)


@dataclass
class Finding:
    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: str
    message: str
    fix: Fix | None = None
    start: int = 0  # offsets into the file's text (for suppressions and fixes)
    end: int = 0
    edit_positions: tuple[tuple[int, int, int, int], ...] = ()  # (line, col, end_line, end_col) per fix edit

    def sort_key(self) -> tuple:
        return (self.path, self.line, self.column, self.code, self.message)

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "fix": None,
        }
        if self.fix is not None:
            d["fix"] = {
                "description": self.fix.description,
                "safe": self.fix.safe,
                "edits": [
                    {"content": e.new, "start": e.start, "end": e.end,
                     **({"line": p[0], "column": p[1], "end_line": p[2], "end_column": p[3]} if p else {})}
                    for e, p in zip(self.fix.edits, self.edit_positions or [None] * len(self.fix.edits), strict=False)
                ],
            }
        return d
