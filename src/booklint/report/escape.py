"""What a machine-readable report may not carry raw: characters that readers take for line breaks.

markdown-it, and booklint's line numbers, end a line only at ``\\n`` or ``\\r``; Python's
``str.splitlines()`` (and many other readers) also break at U+0085, U+2028, U+2029, ``\\v``,
``\\f`` and ``\\x1c``-``\\x1e``. A message that quotes such a character must not split a JSONL
record or a workflow command in two, so every format goes through one of these helpers.
"""

from __future__ import annotations

import json
import re
from typing import Any

# Characters JSON leaves raw with ensure_ascii=False but other readers see as line breaks (or that
# are invisible C1 controls): U+0085 and the other C1 controls, and the line and paragraph separators.
_JSON_RAW = re.compile("[\u007f-\u009f\u2028\u2029]")
# Everything a line-oriented format (workflow commands, XML text) should show as an escape.
_UNPRINTABLE = re.compile("[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u2028\u2029\ud800-\udfff\ufffe\uffff]")


def dumps(obj: Any, *, indent: int | None = None) -> str:
    """JSON with non-ASCII text kept readable, but every line-break-like character escaped."""
    return _JSON_RAW.sub(lambda m: f"\\u{ord(m.group()):04x}", json.dumps(obj, ensure_ascii=False, indent=indent))


def visible(s: str, *, keep_newlines: bool = False) -> str:
    """``s`` with control characters and line/paragraph separators written as ``\\xNN``/``\\uNNNN``."""
    def sub(m: re.Match) -> str:
        o = ord(m.group())
        return f"\\x{o:02x}" if o < 0x100 else f"\\u{o:04x}"

    if not keep_newlines:
        s = s.replace("\r", "\\r").replace("\n", "\\n")
    return _UNPRINTABLE.sub(sub, s)
