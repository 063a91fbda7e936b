"""GitLab Code Quality report: a JSON array with a unique fingerprint per finding."""

from __future__ import annotations

import hashlib

from .escape import dumps

_SEVERITY = {"error": "major", "warning": "minor", "info": "info"}


def render(findings) -> str:
    out = []
    seen: dict[str, int] = {}
    for f in findings:
        key = f"{f.path}:{f.code}:{f.line}:{f.column}:{f.message}"
        n = seen.get(key, 0)
        seen[key] = n + 1
        fp = hashlib.sha256(f"{key}:{n}".encode()).hexdigest()
        out.append({
            "description": f"{f.code} {f.message}",
            "check_name": f"{f.code} {f.name}",
            "fingerprint": fp,
            "severity": _SEVERITY.get(f.severity, "major"),
            "location": {"path": f.path, "lines": {"begin": f.line, "end": f.end_line}},
        })
    return dumps(out, indent=2) + "\n"
