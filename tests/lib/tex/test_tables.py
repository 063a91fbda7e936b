"""The generated renderer tables: provenance, key facts, and that they are regenerable."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
from tex_oracle import ORACLE_DIR, require_oracle

from booklint.data import rules_path
from booklint.tex.tables import load_table

REPO = Path(__file__).resolve().parents[3]


def test_provenance_is_recorded():
    mj = json.loads(rules_path("math", "mathjax.json").read_text(encoding="utf-8"))
    kx = json.loads(rules_path("math", "katex.json").read_text(encoding="utf-8"))
    lock = json.loads((ORACLE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    pinned = {name.rsplit("node_modules/", 1)[-1]: v["version"]
              for name, v in lock["packages"].items() if name}
    assert mj["generator"].startswith("scripts/gen_tex_tables.js")
    assert (mj["package"], mj["version"]) == ("mathjax-full", "3.2.2")
    assert mj["version"] == pinned["mathjax-full"]
    assert kx["version"] == pinned["katex"]
    assert mj["bundle_packages"] == ["base", "ams", "newcommand", "noundefined", "require", "autoload",
                                     "configmacros"]
    assert "noundefined" not in mj["validating_packages"]


def test_key_facts():
    mj, kx = load_table("mathjax"), load_table("katex")
    for name in ("frac", "lfloor", "text", "mathbb", "operatorname", "cdot"):
        assert name in mj.commands and name in kx.commands, name
    assert "lfoor" not in mj.commands and "lfoor" not in kx.commands
    assert "label" in mj.commands and "label" not in kx.commands
    assert mj.commands["frac"].args == 2 and kx.commands["frac"].args == 2
    assert kx.commands["sqrt"].optional == 1
    assert mj.commands["text"].arg_modes == ("text",) and kx.commands["text"].arg_modes == ("text",)
    assert mj.autoload_triggers["ce"] == "mhchem" and "qty" in mj.package_commands["physics"]
    assert not kx.environments["equation"].inline and mj.environments["equation"].inline
    assert not kx.environments["equation"].ampersand and kx.environments["aligned"].ampersand
    assert kx.environments["array"].args == 1 and mj.environments["array"].args == 1
    assert "\\lfloor" in mj.delimiters and "\\lfloor" in kx.delimiters and "." in kx.delimiters
    assert "alpha" in kx.commands and "alpha" not in kx.text_commands


def test_tables_are_what_the_generator_makes(tmp_path):
    require_oracle()
    subprocess.run(["node", str(REPO / "scripts" / "gen_tex_tables.js"), "--out", str(tmp_path)],
                   check=True, capture_output=True, timeout=300)
    for name in ("mathjax.json", "katex.json"):
        fresh = json.loads((tmp_path / name).read_text(encoding="utf-8"))
        committed = json.loads(rules_path("math", name).read_text(encoding="utf-8"))
        assert fresh == committed, f"rules/math/{name} is stale: run node scripts/gen_tex_tables.js"


@pytest.mark.parametrize("renderer", ["mathjax", "katex"])
def test_every_environment_was_measured(renderer):
    data = json.loads(rules_path("math", f"{renderer}.json").read_text(encoding="utf-8"))
    envs = data["environments"] if renderer == "katex" else data["packages"]["ams"]["environments"]
    assert envs and all("args" in e for e in envs.values())
