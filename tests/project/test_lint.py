"""The Python code passes ruff with the repository's `[tool.ruff]` settings (CI runs this test)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def test_ruff_passes():
    ruff = shutil.which("ruff") or str(Path(sys.executable).with_name("ruff"))
    if not Path(ruff).exists():
        pytest.skip("ruff is not installed (it comes with `pip install -e '.[test]'`)")
    p = subprocess.run([ruff, "check", "--no-cache", "src", "tests", "bench", "scripts"], cwd=REPO,
                       capture_output=True, text=True)
    assert p.returncode == 0, p.stdout + p.stderr
