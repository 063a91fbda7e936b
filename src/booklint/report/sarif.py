"""SARIF 2.1.0, as GitHub code scanning reads it (rules with descriptions, stable ids,
partial fingerprints for de-duplication). Written by hand: sarif-om pulls in setuptools
for a few classes."""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

from .. import __version__
from ..manual import rule_url
from ..registry import all_rules
from .escape import dumps


def _plain(markdown: str) -> str:
    """Markdown as plain text: code spans' backticks and heading marks dropped."""
    text = re.sub(r"(`+)(.+?)\1", r"\2", markdown)
    return re.sub(r"^#+ ", "", text, flags=re.M)


_LEVEL = {"error": "error", "warning": "warning", "info": "note"}


def render(findings) -> str:
    rules = all_rules()
    index = {r.code: i for i, r in enumerate(rules)}
    results = []
    for f in findings:
        loc = {
            "physicalLocation": {
                "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                "region": {
                    "startLine": f.line,
                    "startColumn": f.column,
                    "endLine": max(f.end_line, f.line),
                    "endColumn": max(f.end_column, f.column + 1) if f.end_line <= f.line else max(f.end_column, 1),
                },
            }
        }
        res = {
            "ruleId": f.code,
            "level": _LEVEL.get(f.severity, "error"),
            "message": {"text": _plain(f.message), "markdown": f.message},
            "locations": [loc],
            "partialFingerprints": {
                "booklint/v1": hashlib.sha256(f"{f.path}:{f.code}:{f.message}".encode()).hexdigest()[:32]
            },
        }
        if f.code in index:
            res["ruleIndex"] = index[f.code]
        if f.fix is not None:
            replacements = [{"deletedRegion": {"charOffset": e.start, "charLength": e.end - e.start},
                             "insertedContent": {"text": e.new}} for e in f.fix.edits]
            if f.fix.drop_bom:  # the byte-order mark is not part of the text: three bytes at the file's start
                replacements.insert(0, {"deletedRegion": {"byteOffset": 0, "byteLength": 3}, "insertedContent": {"text": ""}})
            res["fixes"] = [{
                "description": {"text": f.fix.description},
                "artifactChanges": [{
                    "artifactLocation": {"uri": f.path, "uriBaseId": "%SRCROOT%"},
                    "replacements": replacements,
                }],
            }]
        results.append(res)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "booklint",
                "version": __version__,
                "informationUri": "https://github.com/booklint/booklint",
                # docstrings are Markdown: SARIF's `text` fields are plain, its `markdown` fields take them
                "rules": [{
                    "id": r.code,
                    "name": r.name,
                    "shortDescription": {"text": _plain(r.summary), "markdown": r.summary},
                    "fullDescription": {"text": _plain(r.doc or r.summary), "markdown": r.doc or r.summary},
                    "help": {"text": f"{_plain(r.summary)} See {rule_url(r.code)}",
                             "markdown": f"{r.doc or r.summary}\n\n[{r.code} in the booklint manual]({rule_url(r.code)})"},
                    "helpUri": rule_url(r.code),
                    "defaultConfiguration": {"enabled": r.default, "level": _LEVEL.get(r.severity, "error")},
                    "properties": {"family": r.family},
                } for r in rules],
            }},
            "columnKind": "unicodeCodePoints",
            "originalUriBaseIds": {"%SRCROOT%": {"uri": Path.cwd().as_uri() + "/"}},
            "results": results,
        }],
    }
    return dumps(doc, indent=2) + "\n"
