"""Parse a .bib text into entries with exact positions, keeping every problem as a finding.

bibtexparser 2 (its :class:`~bibtexparser.splitter.Splitter`) cuts the text into blocks and
fields and recovers after a broken entry at the next ``@`` that starts a line. It reports
0-based lines and no columns, so each block's ``raw`` text is found again in the source
(blocks come in source order, so one forward cursor suffices) and every entry, key, field
name and value gets 1-based line and column positions.

On top of bibtexparser this module finds what it lets through: a missing comma between two
fields (the first value swallows the second field, which is recovered and kept), text after a
value, undefined ``@string`` macros, duplicate fields (case-insensitive), bad entry types and
keys, text outside entries that looks like a broken entry, and control characters. Failed
blocks are explained (which brace was never closed, and where) instead of passed on as the
parser's internal message.

Nothing here raises on bad input: every scanner is a single forward pass with explicit
state, and a crash inside bibtexparser falls back to parsing the file entry by entry.
"""

from __future__ import annotations

import logging
import re
import threading
from dataclasses import dataclass

from bibtexparser.model import (
    DuplicateBlockKeyBlock,
    DuplicateFieldKeyBlock,
    Entry,
    ExplicitComment,
    ImplicitComment,
    ParsingFailedBlock,
    Preamble,
    String,
)
from bibtexparser.splitter import Splitter

from .model import BibEntry, BibField, Bibliography, BibProblem, FailedBlock, LineIndex, Span

__all__ = ["parse_bib", "MONTH_MACROS"]

# BibTeX's standard styles predefine these macros.
MONTH_MACROS = {
    "jan": "January",
    "feb": "February",
    "mar": "March",
    "apr": "April",
    "may": "May",
    "jun": "June",
    "jul": "July",
    "aug": "August",
    "sep": "September",
    "oct": "October",
    "nov": "November",
    "dec": "December",
}

_HEAD = re.compile(r"@([^\s{(]*)[ \t]*([{(])")
_FIELD_START = re.compile(r"\s*([A-Za-z_][\w:.+\-]*)\s*=")
# a bare value: a number, or a macro name (it cannot start with a digit)
_BARE = re.compile(r"\d+(?![^\s#,{}\"=()])|[A-Za-z_][^\s#,{}\"=()@%~\\]*")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd]")
# an apostrophe is fine in a key (BibTeX, biber and Distill all take `o'neil2020`)
_BAD_KEY_CHARS = re.compile(r"[\s\"#%(),={}~\\]")
_TYPE_OK = re.compile(r"[A-Za-z][A-Za-z0-9_-]*\Z")
_RECOVER_HEAD = re.compile(r"@[ \t]*([^\s{(]*)[ \t]*[{(]\s*([^\s,{}()\"=#%]*)")
_LINE_FIELD = re.compile(r"\n[ \t]*([A-Za-z_][\w:.+\-]*)[ \t]*=")
_MAX_CONTROL_REPORTS = 20
_SNIPPET = 40

class _Silence(logging.Filter):
    """Drops bibtexparser's log records while this thread is inside :func:`parse_bib`
    (its warnings repeat what booklint reports as problems); other threads and other users
    of the library are not affected."""

    def __init__(self) -> None:
        super().__init__()
        self.local = threading.local()

    def filter(self, record: logging.LogRecord) -> bool:
        return not getattr(self.local, "active", 0)


_SILENCE = _Silence()
logging.getLogger("bibtexparser.splitter").addFilter(_SILENCE)


def _snippet(text: str, limit: int = _SNIPPET) -> str:
    text = _CONTROL.sub("\ufffd", text.strip().replace("\n", " "))
    text = re.sub(r"\s+", " ", text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


# ---------------------------------------------------------------------------------------
# field values
# ---------------------------------------------------------------------------------------


@dataclass(slots=True)
class _Part:
    kind: str  # "brace" | "quote" | "bare"
    inner: str
    start: int  # offset of the opening delimiter (or of the bare word) in the raw value
    end: int  # offset after the closing delimiter
    closed: bool = True


_BRACE_MARK = re.compile(r"[\\{}]")
_QUOTE_MARK = re.compile(r'[\\{}"]')


def _scan_delimited(raw: str, i: int, closer: str) -> tuple[int, bool]:
    """From the opening delimiter at ``raw[i]``, the offset after its closer (or len, False)."""
    n = len(raw)
    depth = 0
    j = i + 1
    if closer == "}":
        depth = 1
        search = _BRACE_MARK.search
        while True:
            m = search(raw, j)
            if m is None:
                return n, False
            j = m.start()
            ch = raw[j]
            if ch == "\\":
                j += 2
                continue
            if ch == "{":
                depth += 1
            else:
                depth -= 1
                if depth == 0:
                    return j + 1, True
            j += 1
    # quoted: braces inside must balance; a quote inside braces does not end the value
    search = _QUOTE_MARK.search
    while True:
        m = search(raw, j)
        if m is None:
            return n, False
        j = m.start()
        ch = raw[j]
        if ch == "\\":
            j += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            if depth:
                depth -= 1
        elif depth == 0:
            return j + 1, True
        j += 1


def _scan_value(raw: str, start: int = 0) -> tuple[list[_Part], int, bool]:
    """Read ``part (# part)*`` from ``raw[start:]``.

    Returns the parts, the offset where reading stopped (``len(raw)`` when the whole value was
    read), and whether a ``#`` was left dangling.
    """
    n = len(raw)
    parts: list[_Part] = []
    i = start
    while True:
        while i < n and raw[i].isspace():
            i += 1
        if i >= n:
            return parts, i, bool(parts)  # nothing after '#' (or an empty value)
        ch = raw[i]
        if ch == "{":
            end, closed = _scan_delimited(raw, i, "}")
            parts.append(_Part("brace", raw[i + 1 : end - 1] if closed else raw[i + 1 :], i, end, closed))
        elif ch == '"':
            end, closed = _scan_delimited(raw, i, '"')
            parts.append(_Part("quote", raw[i + 1 : end - 1] if closed else raw[i + 1 :], i, end, closed))
        else:
            m = _BARE.match(raw, i)
            if m is None:
                return parts, i, False
            end = m.end()
            parts.append(_Part("bare", m.group(0), i, end))
        i = end
        j = i
        while j < n and raw[j].isspace():
            j += 1
        if j < n and raw[j] == "#":
            i = j + 1
            continue
        return parts, i, False


# ---------------------------------------------------------------------------------------
# the parser
# ---------------------------------------------------------------------------------------


class _Builder:
    def __init__(self, text: str, index: LineIndex) -> None:
        self.text = text
        self.index = index
        self.entries: list[BibEntry] = []
        self.strings: dict[str, str] = {}
        self.problems: list[BibProblem] = []
        self.failed: list[FailedBlock] = []
        self.last_entry: BibEntry | None = None
        self.last_block_end = -1
        self.last_kind = ""
        self.prev_kind = ""

    # -- helpers -------------------------------------------------------------------------
    def span(self, start: int, end: int) -> Span:
        return self.index.span(start, end)

    def add(self, kind: str, message: str, span: Span, key: str | None = None, fld: str | None = None) -> None:
        self.problems.append(
            BibProblem(kind, message, span.line, span.column, span.end_line, span.end_column, key, fld)
        )

    def resolve(self, parts: list[_Part], abs_value: int, key: str | None, fld: str) -> tuple[str, int | None]:
        """Concatenate parts into the value string; report undefined macros."""
        out: list[str] = []
        reported: set[str] = set()
        for p in parts:
            if p.kind == "bare":
                word = p.inner
                if word.isdigit():
                    out.append(word)
                    continue
                low = word.lower()
                if low in self.strings:
                    out.append(self.strings[low])
                elif low in MONTH_MACROS:
                    out.append(MONTH_MACROS[low])
                else:
                    out.append(word)
                    if low in reported:
                        continue
                    reported.add(low)
                    where = f"in entry `{key}`" if key else "in an @string"
                    self.add(
                        "undefined-string",
                        f"`{word}` in the {fld} field {where} is not a defined @string macro, so "
                        f"BibTeX prints nothing for it. Put the text in braces ({fld} = {{{word}}}) "
                        f"or define it with @string{{{word} = {{...}}}} above this entry.",
                        self.span(abs_value + p.start, abs_value + p.end),
                        key,
                        fld,
                    )
            else:
                out.append(p.inner)
        if len(parts) == 1 and parts[0].kind != "bare":
            return out[0], abs_value + parts[0].start + 1
        if len(parts) == 1 and parts[0].inner.isdigit():
            return out[0], abs_value + parts[0].start
        return "".join(out), None

    def make_fields(
        self, name: str, name_abs: int, raw: str, value_abs: int, key: str | None, entry_type: str
    ) -> list[BibField]:
        """Build the field (and any fields its value swallowed because a comma is missing)."""
        result: list[BibField] = []
        cur_name, cur_name_abs, start = name, name_abs, 0
        guard = 0
        while True:
            guard += 1
            parts, stop, dangling = _scan_value(raw, start)
            end_local = parts[-1].end if parts else start
            for p in parts:
                if not p.closed:
                    closer = "}" if p.kind == "brace" else '"'
                    self.add(
                        "unbalanced-braces" if closer == "}" else "unbalanced-quotes",
                        f"The value of {cur_name} in `{key}` opens a `{raw[p.start]}` that is never "
                        f"closed. Add the missing `{closer}`.",
                        self.span(value_abs + p.start, value_abs + p.start + 1),
                        key,
                        cur_name.lower(),
                    )
            if dangling:
                self.add(
                    "malformed-value",
                    f"The value of {cur_name} in `{key}` ends with `#`, which joins strings but "
                    "has nothing after it. Remove the `#` or add the missing part.",
                    self.span(value_abs + end_local, value_abs + stop),
                    key,
                    cur_name.lower(),
                )
            if not parts and stop >= len(raw.rstrip()):
                value, voff = "", None
            else:
                value, voff = self.resolve(parts, value_abs, key, cur_name.lower())
            if not parts and stop < len(raw):
                # the value does not start with a brace, a quote, a number or a macro name
                bad = raw[stop:]
                self.add(
                    "malformed-value",
                    f"The value of {cur_name} in `{key}` starts with `{_snippet(bad, 12)}`, which is "
                    f"not a value. Write it as {cur_name} = {{...}}.",
                    self.span(value_abs + stop, value_abs + len(raw)),
                    key,
                    cur_name.lower(),
                )
                value, voff = bad.strip(), None
                end_local = len(raw)
                stop = len(raw)
            vstart = value_abs + (parts[0].start if parts else start)
            vend = value_abs + end_local
            result.append(
                BibField(
                    name=cur_name,
                    raw=raw[(parts[0].start if parts else start) : end_local],
                    value=value,
                    index=self.index,
                    name_start=cur_name_abs,
                    value_start=vstart,
                    value_end=vend,
                    value_offset=voff,
                )
            )
            if stop >= len(raw) or not raw[stop:].strip() or guard > 10_000:
                break
            m = _FIELD_START.match(raw, stop)
            if m is not None and parts:
                nxt = m.group(1)
                self.add(
                    "missing-comma",
                    f"There is no comma after the {cur_name} value in `{key}`, so BibTeX reads "
                    f"`{nxt} = ...` as part of {cur_name} and loses the {nxt} field. Add a comma "
                    f"after this value.",
                    self.span(vend - 1, vend),
                    key,
                    cur_name.lower(),
                )
                cur_name = nxt
                cur_name_abs = value_abs + m.start(1)
                start = m.end()
                continue
            # something else after the value: report it and keep the value we have
            bad_start = stop
            while bad_start < len(raw) and raw[bad_start].isspace():
                bad_start += 1
            self.add(
                "malformed-value",
                f"The value of {cur_name} in `{key}` is followed by `{_snippet(raw[bad_start:], 24)}`. "
                f"Put the whole value inside one pair of braces: {cur_name} = {{...}}.",
                self.span(value_abs + bad_start, value_abs + len(raw)),
                key,
                cur_name.lower(),
            )
            break
        return result

    # -- blocks --------------------------------------------------------------------------
    def entry(self, block: Entry, raw_abs: int) -> None:
        raw = block.raw
        m = _HEAD.match(raw)
        if m is None:  # pragma: no cover - bibtexparser only makes entries from such heads
            return
        type_written = m.group(1)
        key = block.key
        pos = m.end()
        if key:
            k = raw.find(key, pos)
            k = pos if k < 0 else k
        else:
            k = pos
            while k < len(raw) and raw[k].isspace():
                k += 1
        key_abs = raw_abs + k
        c = k + len(key)
        comma = raw.find(",", c)
        c = comma + 1 if comma >= 0 else c
        fields: list[BibField] = []
        seen: dict[str, BibField] = {}
        ok = True
        for f in block.fields:
            name_off = raw.find(f.key, c) if f.key else c
            if name_off < 0:
                ok = False
                break
            eq = raw.find("=", name_off + len(f.key))
            if eq < 0:
                ok = False
                break
            if f.value:
                v_off = raw.find(f.value, eq + 1)
                if v_off < 0:
                    ok = False
                    break
            else:
                v_off = eq + 1
            c = v_off + len(f.value)
            for fld in self.make_fields(f.key, raw_abs + name_off, f.value, raw_abs + v_off, key, block.entry_type):
                low = fld.key
                if low in seen:
                    first = seen[low]
                    self.add(
                        "duplicate-field",
                        f"`{key}` has {fld.name} twice (first on line {first.line}); BibTeX "
                        f"keeps the first and ignores this one. Remove one of them.",
                        fld.name_span,
                        key,
                        low,
                    )
                else:
                    seen[low] = fld
                fields.append(fld)
        if not ok:  # cannot happen for raw text bibtexparser produced; fall back to lines
            fields = []
            for f in block.fields:
                at = self.index.line_start(self.index.first_line + (f.start_line or 0)) - 0
                fields.append(
                    BibField(
                        name=f.key,
                        raw=f.value,
                        value=f.value.strip('{}"'),
                        index=self.index,
                        name_start=at,
                        value_start=at,
                        value_end=at,
                    )
                )
        end_abs = raw_abs + len(raw)
        entry = BibEntry(
            entry_type=block.entry_type.lower(),
            type_as_written=type_written,
            key=key,
            fields=fields,
            index=self.index,
            start=raw_abs,
            end=end_abs,
            key_start=key_abs,
        )
        head = self.span(raw_abs, raw_abs + 1 + len(type_written))
        if not _TYPE_OK.match(type_written):
            shown = _snippet(type_written, 20) if type_written else ""
            self.add(
                "bad-entry-type",
                (f"`@{shown}` is not an entry type" if shown else "The entry has no type after `@`")
                + f" (key `{key}`). Write the type in ASCII letters, e.g. @article or @misc.",
                head,
                key or None,
            )
        if not key:
            self.add(
                "bad-key",
                f"The @{type_written} entry on line {entry.line} has no key, so it cannot be "
                "cited. Add a key after the opening brace: @misc{some-key, ...}.",
                head,
                None,
            )
        elif _BAD_KEY_CHARS.search(key):
            self.add(
                "bad-key",
                f"The key `{_snippet(key, 30)}` contains spaces or characters (double quotes, braces, "
                "commas, `#`, `%`, `~`, `\\`) that break citing it. Use letters, digits, `-`, "
                "`_`, `:` and `.` only.",
                entry.key_span,
                key,
            )
        self.entries.append(entry)
        self.last_entry = entry
        self.last_block_end = end_abs

    def string(self, block: String, raw_abs: int) -> None:
        raw = block.raw
        eq = raw.find("=")
        value_raw = block.value
        v_off = raw.find(value_raw, eq + 1) if value_raw and eq >= 0 else max(eq + 1, 0)
        parts, _stop, _d = _scan_value(value_raw)
        value, _ = self.resolve(parts, raw_abs + v_off, None, block.key)
        self.strings[block.key.lower()] = value
        self.last_block_end = raw_abs + len(raw)

    def failed_block(self, block: ParsingFailedBlock, raw_abs: int) -> None:
        raw = block.raw or ""
        err = block.error
        reason = getattr(err, "abort_reason", None) or str(err)
        m = _RECOVER_HEAD.match(raw)
        etype = m.group(1).lower() if m and m.group(1) else None
        key = m.group(2) if m and m.group(2) else None
        end_abs = raw_abs + len(raw)
        self.failed.append(FailedBlock(etype, key, self.span(raw_abs, end_abs)))
        name = f"`{key}`" if key else f"@{etype or ''} block"
        next_line = self.index.position(end_abs + 1)[0] if end_abs < len(self.text) else None
        rest = (
            f"everything up to the next entry (line {next_line}) becomes part of it"
            if next_line
            else "it runs to the end of the file"
        )
        if reason.startswith("Expected comma after entry key"):
            found = reason.rsplit(" ", 1)[-1]
            after = (m.end() if m else 0)
            if found == "=":
                # @article{key  title = ... : the first field follows the key without a comma
                self.add(
                    "missing-comma",
                    f"The key {name} is not followed by a comma, so BibTeX cannot read this entry. "
                    "Add a comma after the key.",
                    self.span(raw_abs + after, raw_abs + after + 1),
                    key,
                )
            else:
                self.add(
                    "syntax-error",
                    f"The key {name} must be followed by a comma, but `{found}` comes next, so "
                    "BibTeX cannot read this entry. Add a comma after the key.",
                    self.span(raw_abs + after, raw_abs + after + 1),
                    key,
                )
            self.last_block_end = end_abs
            return
        if reason.startswith("Expected a `=` after entry key"):
            fm = re.search(r"entry key `([^`]*)`", reason)
            what = f" `{_snippet(fm.group(1), 20)}`" if fm else ""
            self.add(
                "syntax-error",
                f"In {name}, the field name{what} is not followed by `=`, so BibTeX cannot read the "
                "entry. Write it as name = {value}.",
                self.span(raw_abs, raw_abs + 1),
                key,
            )
            self.last_block_end = end_abs
            return
        # unbalanced braces or quotes: find which delimiter was never closed
        culprit, field_name, next_field = self._unclosed(raw)
        if culprit is not None:
            where = self.span(raw_abs + culprit, raw_abs + culprit + 1)
            ch = raw[culprit]
            closer = "}" if ch == "{" else '"' if ch == '"' else ")"
            infield = f" in the {field_name} field" if field_name else ""
            if next_field:
                tail = f" before the next field ({next_field}), so {rest}"
            else:
                tail = f", so {rest}"
            self.add(
                "unbalanced-quotes" if ch == '"' else "unbalanced-braces",
                f"The `{ch}` opened here{infield} of {name} is never closed{tail}, and the entry "
                f"is lost. Add the missing `{closer}`.",
                where,
                key,
                field_name,
            )
        else:
            self.add(
                "syntax-error",
                f"{name[0].upper() + name[1:]} cannot be read ({reason.strip().rstrip('.')}), and "
                "the entry is lost. Check its braces, quotes and commas.",
                self.span(raw_abs, raw_abs + 1),
                key,
            )
        self.last_block_end = end_abs

    @staticmethod
    def _unclosed(raw: str) -> tuple[int | None, str | None, str | None]:
        """The offset of the delimiter left open in a failed block, its field, the next field."""
        m = _HEAD.match(raw)
        if m is None:
            return None, None, None
        n = len(raw)
        stack: list[int] = [m.end() - 1]
        closer_of_entry = "}" if m.group(2) == "{" else ")"
        quote_open: int | None = None
        field_name: str | None = None
        field_at: dict[int, str] = {}
        i = m.end()
        last_name_end = i
        while i < n:
            ch = raw[i]
            if ch == "\\":
                i += 2
                continue
            if ch == "\n" and (len(stack) >= 2 or quote_open is not None):
                fm = _LINE_FIELD.match(raw, i)
                if fm is not None:
                    opened = quote_open if quote_open is not None else stack[-1]
                    return opened, field_at.get(opened), fm.group(1)
            if ch == "=" and len(stack) == 1 and quote_open is None:
                # remember the field name that precedes this '='
                seg = raw[last_name_end:i]
                fname = seg.split(",")[-1].strip()
                field_name = fname or None
            if ch == "," and len(stack) == 1 and quote_open is None:
                last_name_end = i + 1
            if ch == '"' and len(stack) == 1:
                if quote_open is None:
                    quote_open = i
                    if field_name:
                        field_at[i] = field_name
                else:
                    quote_open = None
            elif ch == "{" and quote_open is None:
                stack.append(i)
                if len(stack) == 2 and field_name:
                    field_at[i] = field_name
            elif ch == "{":
                stack.append(i)
            elif ch == "}":
                if len(stack) > 1:
                    stack.pop()
                elif closer_of_entry == "}":
                    stack.pop()
                    break
            elif ch == ")" and closer_of_entry == ")" and len(stack) == 1 and quote_open is None:
                stack.pop()
                break
            i += 1
        if quote_open is not None:
            return quote_open, field_at.get(quote_open), None
        if len(stack) >= 2:
            return stack[1], field_at.get(stack[1]), None
        if stack:
            return stack[0], None, None
        return None, None, None

    def implicit_comment(self, block: ImplicitComment, raw_abs: int) -> None:
        raw = block.raw
        # lines starting with % are conventional comments; ignore them
        offending = None
        pos = 0
        for line in raw.split("\n"):
            stripped = line.lstrip()
            if stripped and not stripped.startswith("%"):
                for j, ch in enumerate(line):
                    if ch in "{}=":
                        offending = pos + j
                        break
            if offending is not None:
                break
            pos += len(line) + 1
        if offending is None:
            return
        if self.prev_kind == "failed":
            return  # the rest of a block the parser gave up on; that failure is reported
        right_after_entry = (
            self.prev_kind == "entry"
            and self.last_block_end >= 0
            and self.text[self.last_block_end : raw_abs].strip() == ""
        )
        line_start = raw.rfind("\n", 0, offending) + 1
        span = self.span(raw_abs + line_start, raw_abs + len(raw))
        shown = _snippet(raw[line_start:], 30)
        if right_after_entry and self.last_entry is not None and (raw.lstrip()[:1] in ",}" or "=" in raw):
            self.add(
                "stray-text",
                f"`{shown}` follows the end of entry `{self.last_entry.key}` (line "
                f"{self.last_entry.line}) and is ignored; an extra `}}` probably closed that "
                "entry early. Remove the extra brace so the rest belongs to the entry again.",
                span,
                self.last_entry.key,
            )
        else:
            self.add(
                "stray-text",
                f"`{shown}` is outside any entry, so BibTeX ignores it. If it was meant to be an "
                "entry, give it an @type{key, head; otherwise delete it.",
                span,
            )

    # -- driver --------------------------------------------------------------------------
    def blocks(self, blocks: list, chunk: str, base: int) -> None:
        cursor = 0
        for block in blocks:
            raw = block.raw or ""
            at = chunk.find(raw, cursor) if raw else -1
            if at < 0:  # cannot happen: raw is a slice of the chunk; stay at the cursor
                at = cursor
            raw_abs = base + at
            cursor = at + len(raw)
            self.prev_kind, self.last_kind = self.last_kind, "other"
            try:
                if isinstance(block, DuplicateFieldKeyBlock):
                    inner = block.ignore_error_block
                    if isinstance(inner, Entry):
                        self.entry(inner, raw_abs)
                elif isinstance(block, DuplicateBlockKeyBlock):
                    inner = block.ignore_error_block
                    if isinstance(inner, Entry):
                        self.entry(inner, raw_abs)
                    elif isinstance(inner, String):
                        self.string(inner, raw_abs)
                elif isinstance(block, ParsingFailedBlock):
                    self.failed_block(block, raw_abs)
                    self.last_kind = "failed"
                elif isinstance(block, Entry):
                    self.entry(block, raw_abs)
                elif isinstance(block, String):
                    self.string(block, raw_abs)
                elif isinstance(block, ImplicitComment):
                    self.implicit_comment(block, raw_abs)
                elif isinstance(block, (ExplicitComment, Preamble)):
                    self.last_block_end = raw_abs + len(raw)
            except Exception as exc:  # a bug of ours must not hide the rest of the file
                self.add(
                    "syntax-error",
                    f"booklint could not analyse this block ({type(exc).__name__}). Check its "
                    "syntax; please also report this input to booklint.",
                    self.span(raw_abs, raw_abs + 1),
                )
            else:
                if isinstance(block, ImplicitComment):
                    self.last_kind = self.prev_kind  # text between blocks does not change "after what"
                elif isinstance(block, (Entry, DuplicateFieldKeyBlock)) or (
                    isinstance(block, DuplicateBlockKeyBlock) and isinstance(block.ignore_error_block, Entry)
                ):
                    self.last_kind = "entry"


def _split(text: str) -> list:
    _SILENCE.local.active = getattr(_SILENCE.local, "active", 0) + 1
    try:
        return Splitter(text).split().blocks
    finally:
        _SILENCE.local.active -= 1


_ENTRY_LINE = re.compile(r"^[ \t]*@", re.MULTILINE)


def parse_bib(text: str, *, first_line: int = 1, first_column: int = 1, source: str | None = None) -> Bibliography:
    """Parse a .bib text.

    ``first_line`` is the line number of the text's first line (for a BibTeX block embedded
    in a README at line N, pass N); ``first_column`` the column of its first character.
    Never raises for any input text: problems are returned in ``Bibliography.problems``.
    """
    if not isinstance(text, str):
        raise TypeError("parse_bib expects str; decode the file first")
    index = LineIndex(text, first_line, first_column)
    b = _Builder(text, index)

    # control characters: binary data or a broken encoding
    reported = 0
    last_line = -1
    extra_lines = 0
    first_extra: int | None = None
    for m in _CONTROL.finditer(text):
        line, col = index.position(m.start())
        if line == last_line:
            continue
        last_line = line
        if reported >= _MAX_CONTROL_REPORTS:
            extra_lines += 1
            if first_extra is None:
                first_extra = m.start()
            continue
        reported += 1
        ch = m.group(0)
        what = "an undecodable byte (U+FFFD)" if ch == "\ufffd" else f"the control character U+{ord(ch):04X}"
        b.add(
            "control-characters",
            f"This line contains {what}: binary data or a broken encoding, which BibTeX may "
            "choke on. Remove it, or re-save the file as UTF-8 text.",
            index.span(m.start(), m.end()),
        )
    if extra_lines and first_extra is not None:
        b.add(
            "control-characters",
            f"{extra_lines} more lines contain control characters or undecodable bytes. This does "
            "not look like a text .bib file; check that the right file is used.",
            index.span(first_extra, first_extra + 1),
        )

    try:
        blocks = _split(text)
    except Exception:
        # bibtexparser gave up on the whole text: parse it entry by entry instead
        starts = [m.start() for m in _ENTRY_LINE.finditer(text)]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        starts.append(len(text))
        for s, e in zip(starts, starts[1:], strict=False):
            chunk = text[s:e]
            try:
                chunk_blocks = _split(chunk)
            except Exception as exc:
                b.add(
                    "syntax-error",
                    f"This part of the file cannot be read ({type(exc).__name__}). Check the "
                    "braces, quotes and commas of the entry that starts here.",
                    index.span(s, s + 1),
                )
                continue
            b.blocks(chunk_blocks, chunk, s)
    else:
        b.blocks(blocks, text, 0)

    return Bibliography(
        entries=b.entries,
        strings=b.strings,
        problems=b.problems,
        failed=b.failed,
        index=index,
        source=source,
    )
