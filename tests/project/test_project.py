"""The project's own promises: the README's two commands, CI running the second, the
pre-commit files valid for pre-commit, and the manual linting clean."""

from __future__ import annotations

import re

import yaml
from helpers import REPO, lint


def _readme_commands() -> list[str]:
    text = (REPO / "README.md").read_text(encoding="utf-8")
    m = re.search(r"```\n(.*?)\n```", text, re.S)
    return [line for line in m.group(1).splitlines() if line.strip()]


def test_readme_starts_with_exactly_two_commands():
    text = (REPO / "README.md").read_text(encoding="utf-8")
    first_block = text.index("```")
    assert text[:first_block].strip() == "# booklint"
    cmds = _readme_commands()
    assert len(cmds) == 2
    assert "booklint check book/" in cmds[0] and "pytest" in cmds[1]


def test_ci_runs_the_readme_test_command():
    ci = (REPO / ".ci" / "run").read_text()
    assert _readme_commands()[1] in ci


def test_pre_commit_manifest_and_config_are_valid():
    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text())
    assert [h["id"] for h in hooks] == ["booklint"]
    h = hooks[0]
    assert {"id", "name", "entry", "language"} <= set(h)
    assert h["pass_filenames"] is False and h["require_serial"] is True
    assert re.search(h["files"], "book/tpus.md") and re.search(h["files"], "assets/bibliography/main.bib")
    cfg = yaml.safe_load((REPO / ".pre-commit-config.yaml").read_text())
    local = cfg["repos"][0]
    assert local["repo"] == "local" and "book/" in local["hooks"][0]["entry"]


def test_pre_commit_itself_accepts_both_files():
    from pre_commit.clientlib import load_config, load_manifest

    assert load_manifest(str(REPO / ".pre-commit-hooks.yaml"))[0]["id"] == "booklint"
    assert load_config(str(REPO / ".pre-commit-config.yaml"))["repos"][0]["hooks"][0]["id"] == "booklint-manual"


def test_the_manual_lints_clean_with_every_rule():
    assert lint(REPO / "book", select=["ALL"]) == []
