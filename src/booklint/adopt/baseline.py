"""`check --baseline FILE` and `--write-baseline`: today's findings recorded in a JSON file
instead of comments in the book; a run with the baseline reports only findings not in it.

A finding's fingerprint is a hash of its file, its rule, its message with numbers and quoted
line references blanked, and the text of its line with spaces collapsed, plus which occurrence
of that same combination it is in the file. No line number goes in, so lines added or removed
above a finding, or edits to other lines, leave it recorded; editing the line itself or the
problem (a different message) makes it new. Two identical findings on two identical lines are
told apart by their order. Removing one entry from the file brings back exactly that finding.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from pathlib import Path

from ..book.model import Book
from ..findings import Finding

VERSION = 1
_NUMBERS = re.compile(r"\d+")


def _line_text(book: Book, f: Finding) -> str:
    src = book.docs[f.path].source if f.path in book.docs else book.source(f.path)
    if src is None or not (1 <= f.line <= src.line_count):
        return ""
    return " ".join(src.line_text(f.line).split())


def fingerprints(book: Book, findings: list[Finding]) -> list[str]:
    seen: Counter[str] = Counter()
    out = []
    for f in findings:
        base = "\0".join((f.path, f.code, _NUMBERS.sub("#", f.message), _line_text(book, f)))
        seen[base] += 1
        out.append(hashlib.sha256(f"{base}\0{seen[base]}".encode()).hexdigest()[:32])
    return out


def write(path: Path, book: Book, findings: list[Finding]) -> int:
    entries = [{"fingerprint": fp, "path": f.path, "code": f.code, "line": f.line, "message": f.message}
               for fp, f in zip(fingerprints(book, findings), findings, strict=True)]
    path.write_text(json.dumps({"version": VERSION, "tool": "booklint", "findings": entries}, indent=2,
                               ensure_ascii=False) + "\n", encoding="utf-8")
    return len(entries)


class BaselineError(Exception):
    pass


def read(path: Path) -> Counter[str]:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as e:
        raise BaselineError(f"{path}: not a booklint baseline ({e})") from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise BaselineError(f"{path}: not a booklint baseline of version {VERSION}; write it again with --write-baseline")
    return Counter(e["fingerprint"] for e in data["findings"] if isinstance(e, dict) and "fingerprint" in e)


def apply(book: Book, findings: list[Finding], recorded: Counter[str]) -> tuple[list[Finding], int]:
    """The findings the baseline does not record, and how many it held back."""
    left = Counter(recorded)
    out = []
    for fp, f in zip(fingerprints(book, findings), findings, strict=True):
        if left[fp] > 0 and f.code != "X001":
            left[fp] -= 1
            continue
        out.append(f)
    return out, len(findings) - len(out)
