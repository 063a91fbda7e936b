"""Applying the fixes that findings carry, without ever losing data.

* Only safe fixes are applied (``unsafe=True`` adds the others).
* Fixes never overlap: when two touch the same text, the first (in file order) wins and
  the other waits for the next round.
* A file is rewritten only if its bytes are still exactly what booklint read, and only if
  it decoded cleanly (a file with invalid UTF-8 cannot be written back byte-for-byte).
* Each file is written atomically: a temporary file in the same folder, then a rename.
* Edits are offsets into the normalised text; lines and columns are the same in the real
  file, so each edit is moved onto the real text (which may use CRLF) by line and column.
"""

from __future__ import annotations

import difflib
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_bytes_atomic
from .document.source import Source, split_lines
from .findings import Edit, Finding

_NEWLINE = re.compile(r"\r\n|\r|\n")


@dataclass
class FixReport:
    fixed: int = 0  # findings whose fix was applied
    files: list[str] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (path, why)
    diffs: list[str] = field(default_factory=list)


def choose_edits(findings: list[Finding], unsafe: bool = False) -> dict[str, tuple[list[Edit], int]]:
    """Per file: non-overlapping edits, and how many findings they fix."""
    by_file: dict[str, list[Finding]] = defaultdict(list)
    for f in findings:
        if f.fix is not None and (f.fix.edits or f.fix.drop_bom) and (f.fix.safe or unsafe):
            by_file[f.path].append(f)
    out: dict[str, tuple[list[Edit], int]] = {}
    for path, items in by_file.items():
        items.sort(key=lambda f: (min((e.start for e in f.fix.edits), default=_BOM.start), f.code))
        taken: list[Edit] = []
        count = 0
        for f in items:
            edits = sorted(set(f.fix.edits) | ({_BOM} if f.fix.drop_bom else set()), key=lambda e: (e.start, e.end))
            if any(_overlaps(e, t) for e in edits for t in taken) or _self_overlap(edits):
                if all(e in taken for e in edits):
                    count += 1  # the same edit as an earlier finding's
                continue
            taken.extend(edits)
            count += 1
        out[path] = (sorted(taken, key=lambda e: (e.start, e.end)), count)
    return out


# stands for "remove the byte-order mark": before every offset of the text, so it overlaps no real edit
_BOM = Edit(-1, -1, "")


def _overlaps(a: Edit, b: Edit) -> bool:
    if a == b:
        return True
    if a.start == a.end or b.start == b.end:  # insertions: conflict only at the same point
        return a.start == b.start or (b.start < a.start < b.end) or (a.start < b.start < a.end)
    return a.start < b.end and b.start < a.end


def _self_overlap(edits: list[Edit]) -> bool:
    return any(_overlaps(edits[i], edits[i + 1]) for i in range(len(edits) - 1))


def apply_text(source: Source, edits: list[Edit]) -> str:
    """The real file's new text (line endings as they were)."""
    original = source.raw[3:] if source.bom else source.raw
    real = original.decode("utf-8")
    # line starts as Source counts them: "\r\n", a lone "\r" and "\n" each end a line
    starts = [0] + [m.end() for m in _NEWLINE.finditer(real)]

    def to_real(offset: int) -> int:
        line, col = source.line_col(offset)
        if line - 1 >= len(starts):
            return len(real)
        return min(starts[line - 1] + col - 1, len(real))

    crlf = "\r\n" in real
    parts: list[str] = []
    pos = 0
    for e in edits:
        a, z = to_real(e.start), to_real(e.end)
        parts.append(real[pos:a])
        parts.append(e.new.replace("\n", "\r\n") if crlf else e.new)
        pos = z
    parts.append(real[pos:])
    return "".join(parts)


def apply_fixes(root: Path, sources: dict[str, Source], findings: list[Finding], *, unsafe: bool = False,
                write: bool = True, shown=None) -> FixReport:
    """``shown`` (a function of a book path) names the files in diffs, e.g. relative to the repository."""
    report = FixReport()
    for path, (edits, count) in sorted(choose_edits(findings, unsafe).items()):
        src = sources.get(path)
        if src is None or not edits:
            continue
        drop_bom = _BOM in edits
        edits = [e for e in edits if e != _BOM]
        if src.decode_problems or src.binary:
            report.skipped.append((path, "it is not valid UTF-8, so it cannot be rewritten without losing bytes"))
            continue
        target = root / path
        if target.is_symlink():  # write through the link, never replace it, never outside the book
            real = target.resolve()
            try:
                real.relative_to(root.resolve())
            except ValueError:
                report.skipped.append((path, "it is a symbolic link to a file outside the book"))
                continue
            target = real
        try:
            current = target.read_bytes()
        except OSError as e:
            report.skipped.append((path, f"cannot read it again: {e.strerror}"))
            continue
        if current != src.raw:
            report.skipped.append((path, "it changed since booklint read it"))
            continue
        new_text = apply_text(src, edits)
        new_bytes = (b"\xef\xbb\xbf" if src.bom and not drop_bom else b"") + new_text.encode("utf-8")
        if new_bytes == current:
            continue
        if not write:
            # both sides without the byte-order mark (which is not text: a line of its own would show
            # the whole first line as changed), so the hunks hold the changed lines only
            old_text = (current[3:] if src.bom else current).decode("utf-8", "replace")
            name = shown(path) if shown is not None else path
            report.diffs.append("".join(difflib.unified_diff(
                split_lines(old_text, True), split_lines(new_text, True),
                fromfile=f"a/{name}", tofile=f"b/{name}")))
        else:
            write_bytes_atomic(target, new_bytes)
        report.fixed += count
        report.files.append(path)
    return report
