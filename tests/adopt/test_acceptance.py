"""Adopting booklint on the real books, as a new user would: `booklint init`, then
`booklint check --add-noqa`, then `booklint check` is clean; breaking one link fails with exactly
that finding; and the pre-commit hook that `init` configured (run by pre-commit itself, from a
clone of this repository at a real commit) blocks the commit. No network: pre-commit clones a
local path and pip installs booklint from it without an index, its dependencies coming from the
environment the tests run in."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import REPO
from oracle import rendered

from booklint import engine
from booklint.cli import main

BOOKS = ("scaling-book-en", "scaling-book-ru")
GIT = ["git", "-c", "user.email=t@example.org", "-c", "user.name=booklint tests", "-c", "commit.gpgsign=false"]


def _git(cwd: Path, *args: str) -> str:
    return subprocess.run([*GIT, *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


def _adopt(book: Path, *init_args: str):
    """init, then add-noqa; returns (findings before, the add-noqa output)."""
    before = engine.run([book], engine.Options()).findings
    r = CliRunner().invoke(main, ["init", str(book), *init_args])
    assert r.exit_code == 0, r.output
    assert (book / "booklint.toml").is_file() and (book / ".github/workflows/booklint.yml").is_file()
    with_config = engine.run([book], engine.Options()).findings
    assert len(with_config) == len(before)  # init's booklint.toml changes no finding
    r = CliRunner().invoke(main, ["check", "--add-noqa", str(book)])
    assert r.exit_code == 0, r.output
    return before, r.output


def _break_a_link(book: Path) -> tuple[str, int]:
    """Turn the first working chapter link of index.md into a broken one; (page, line)."""
    index = book / "index.md"
    lines = index.read_text(encoding="utf-8").split("\n")
    for i, line in enumerate(lines):
        if "](roofline)" in line:
            lines[i] = line.replace("](roofline)", "](rooflines)", 1)
            index.write_text("\n".join(lines), encoding="utf-8")
            return "index.md", i + 1
    raise AssertionError("index.md links to the roofline chapter")


@pytest.mark.parametrize("name", BOOKS)
def test_init_add_noqa_check_is_clean_and_one_broken_link_fails_alone(copy_book, tmp_path, name):
    book = copy_book(name)
    (book / ".pre-commit-config.yaml").unlink(missing_ok=True)
    originals = {p: p.read_text(encoding="utf-8") for p in book.glob("*.md")}
    before, out = _adopt(book)
    assert len(before) > 50
    m = re.search(r"Added (\d+) suppression comments covering (\d+) findings", out)
    assert m and int(m.group(2)) >= len(before), out
    r = CliRunner().invoke(main, ["check", str(book)])
    assert r.exit_code == 0 and "all checks passed" in r.output, r.output
    # kramdown renders every page as before, booklint's comments aside
    pairs = []
    for p, text in originals.items():
        old = tmp_path / f"old-{p.name}"
        old.write_text(text, encoding="utf-8")
        pairs += [old, p]
    html = rendered(pairs)
    changed = [p.name for old, p in zip(pairs[::2], pairs[1::2], strict=True) if html[old] != html[p]]
    assert not changed, f"add-noqa changed what kramdown renders on {changed}"
    page, line = _break_a_link(book)
    r = CliRunner().invoke(main, ["check", "--concise", str(book)])
    assert r.exit_code == 1
    found = [ln for ln in r.output.splitlines() if re.match(r"\S+:\d+:\d+: ", ln)]
    assert len(found) == 1 and re.match(rf".*{page}:{line}:\d+: L001 error: ", found[0]), r.output


def _hook_repo(tmp_path: Path) -> tuple[Path, str]:
    """A clone of this repository with the code under test committed: the repo and rev `init` pins."""
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    clone = tmp_path / "booklint-clone"
    subprocess.run(["git", "clone", "-q", "--no-hardlinks", str(REPO), str(clone)], check=True, capture_output=True)
    for part in ("src", "rules"):
        shutil.rmtree(clone / part)
        shutil.copytree(REPO / part, clone / part, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    for f in ("pyproject.toml", ".pre-commit-hooks.yaml", "README.md"):
        shutil.copy2(REPO / f, clone / f)
    _git(clone, "add", "-A")
    _git(clone, "commit", "-q", "--allow-empty", "-m", "the code under test")
    return clone, _git(clone, "rev-parse", "HEAD").strip()


@pytest.mark.slow
def test_the_pre_commit_hook_from_init_blocks_a_broken_link(copy_book, tmp_path):
    pytest.importorskip("pre_commit")
    pytest.importorskip("hatchling")
    clone, rev = _hook_repo(tmp_path)
    book = copy_book("scaling-book-en")
    (book / ".pre-commit-config.yaml").unlink(missing_ok=True)  # its other hooks would be fetched from the network
    _adopt(book, "--repo", str(clone), "--rev", rev)
    config = (book / ".pre-commit-config.yaml").read_text(encoding="utf-8")
    assert f"repo: {clone}" in config and f"rev: {rev}" in config and "id: booklint" in config
    _git(book, "init", "-q")
    _git(book, "add", "-A")
    _git(book, "commit", "-q", "-m", "the book, adopted")
    env = {
        **os.environ,
        "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"),
        # offline: no index; booklint is built here (hatchling from this environment) and its
        # dependencies are this environment's
        "PIP_NO_INDEX": "1",
        "PIP_NO_DEPS": "1",
        "PIP_NO_BUILD_ISOLATION": "0",
        "PYTHONPATH": sysconfig.get_paths()["purelib"],
        "PATH": str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", ""),
    }
    pre_commit = [sys.executable, "-m", "pre_commit"]
    subprocess.run([*pre_commit, "install"], cwd=book, env=env, check=True, capture_output=True)
    ok = subprocess.run([*pre_commit, "run", "--all-files"], cwd=book, env=env, capture_output=True, text=True,
                        timeout=600)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    page, line = _break_a_link(book)
    _git(book, "add", page)
    commit = subprocess.run([*GIT, "commit", "-m", "a typo"], cwd=book, env=env, capture_output=True, text=True,
                            timeout=600)
    assert commit.returncode != 0, "the hook let a broken link through"
    out = commit.stdout + commit.stderr
    assert "booklint" in out and "Failed" in out
    found = [ln for ln in out.splitlines() if re.match(r"\S+:\d+:\d+: [A-Z]\d{3}", ln)]
    assert len(found) == 1 and found[0].startswith(f"{page}:{line}:") and " L001 error: " in found[0], out
    assert _git(book, "log", "--oneline").count("\n") == 1  # nothing was committed
