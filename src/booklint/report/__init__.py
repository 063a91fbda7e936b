"""Output formats, one module a format. Each takes the findings and returns text."""

from __future__ import annotations

FORMATS = ("text", "json", "jsonl", "github", "sarif", "junit", "gitlab")


def render(fmt: str, findings, book=None, *, color: bool = False, show_source: bool = True, prefix="") -> str:
    """``prefix`` (the book root relative to the working directory, or a function from a book
    path to the path from the working directory) goes in front of paths in the formats read by
    people and CI systems, so they point at files from where booklint ran; `json` and `jsonl`
    keep paths relative to the book root (``root`` is in the summary)."""
    if fmt == "text":
        from .text import render as r

        return r(findings, book, color=color, show_source=show_source, prefix=prefix)
    if prefix and fmt in ("github", "sarif", "junit", "gitlab"):
        import dataclasses

        findings = [dataclasses.replace(f, path=shown_path(prefix, f.path)) for f in findings]
    if fmt == "json":
        from .jsonfmt import render_json as r
    elif fmt == "jsonl":
        from .jsonfmt import render_jsonl as r
    elif fmt == "github":
        from .github import render as r
    elif fmt == "sarif":
        from .sarif import render as r
    elif fmt == "junit":
        from .junit import render as r
    elif fmt == "gitlab":
        from .gitlab import render as r
    else:
        raise ValueError(f"unknown format {fmt!r}")
    return r(findings)


def shown_path(prefix, path: str) -> str:
    return prefix(path) if callable(prefix) else prefix + path
