"""kramdown (Ruby, Debian's ruby-kramdown) as the judge of what a page renders, for add-noqa."""

from __future__ import annotations

import functools
import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).with_name("kramdown_html.rb")


@functools.cache
def kramdown_available() -> bool:
    if shutil.which("ruby") is None:
        return False
    r = subprocess.run(["ruby", "-e", 'require "kramdown"; require "kramdown-parser-gfm"'], capture_output=True)
    return r.returncode == 0


def rendered(paths: list[Path]) -> dict[Path, str]:
    """Each page's HTML as kramdown makes it, booklint's comments left out."""
    if not kramdown_available():
        pytest.skip("ruby with kramdown and kramdown-parser-gfm is not installed (apt: ruby-kramdown-parser-gfm)")
    subprocess.run(["ruby", str(SCRIPT), *map(str, paths)], check=True, capture_output=True, timeout=300)
    out = {}
    for p in paths:
        html = Path(str(p) + ".html")
        out[p] = html.read_text(encoding="utf-8")
        html.unlink()
    return out
