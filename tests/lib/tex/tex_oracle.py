"""Run tests/oracle/render.js (the real MathJax and KaTeX) on a batch of spans."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

ORACLE_DIR = Path(__file__).resolve().parents[2] / "oracle"
RENDER_JS = ORACLE_DIR / "render.js"


def oracle_missing_reason() -> str | None:
    """Why the oracle cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    for pkg in ("mathjax-full", "katex"):
        if not (ORACLE_DIR / "node_modules" / pkg / "package.json").is_file():
            return f"tests/oracle/node_modules/{pkg} is missing: run `npm ci --prefix tests/oracle`"
    return None


def require_oracle() -> None:
    reason = oracle_missing_reason()
    if reason:
        pytest.skip(reason)


def render(spans: list[dict]) -> dict:
    """{id: verdict} for spans {id, tex, display, renderer, chapter}, in one node process."""
    proc = subprocess.run(["node", str(RENDER_JS)], input=json.dumps(spans), capture_output=True,
                          text=True, check=True, timeout=600)
    return {v["id"]: v for v in json.loads(proc.stdout)}
