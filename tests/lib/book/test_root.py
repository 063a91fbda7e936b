"""The book root and printed paths: a file or a subfolder given on the command line belongs
to the book around it (the nearest folder up with a booklint config, `_config.yml`,
`book.toml`, `mkdocs.yml` or `.git`), so its findings are those of the whole-book run, and
paths print relative to where the user stands, as ruff prints them."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from helpers import lint

from booklint.book.discover import find_root
from booklint.cli import main

FILES = {
    "docs/a.md": "# A\n\n[to b](../b.md) and [gone](missing.md) and [anchor](../b.md#b)\n",
    "b.md": "# B\n\n[to a](docs/a.md#a)\n",
}


@pytest.mark.parametrize("marker", [".git/HEAD", "book.toml", "mkdocs.yml", "booklint.toml", "_config.yml"])
def test_root_is_the_marked_folder_not_the_files_folder(make_book, marker):
    root = make_book({**FILES, marker: ""})
    assert find_root(root / "docs" / "a.md") == root.resolve()
    assert find_root(root / "docs") == root.resolve()


def test_a_file_alone_gives_the_findings_of_the_whole_book(make_book):
    root = make_book({**FILES, ".git/HEAD": ""})
    whole = {(f.path, f.line, f.code, f.message) for f in lint(root, select=["L"]) if f.path == "docs/a.md"}
    alone = {(f.path, f.line, f.code, f.message) for f in lint(root, "docs/a.md", select=["L"])}
    folder = {(f.path, f.line, f.code, f.message) for f in lint(root, "docs", select=["L"])}
    assert whole and whole == alone == folder
    assert {c for _, _, c, _ in whole} == {"L001"}  # `../b.md` resolves from the book, not from docs/


@pytest.mark.parametrize("where,args,shown", [
    ("", [], "docs/a.md"),
    ("docs", [], "a.md"),
    ("docs", ["a.md"], "a.md"),
    ("", ["docs/a.md"], "docs/a.md"),
    ("..", ["book/docs/a.md"], "book/docs/a.md"),
])
def test_paths_print_from_where_the_user_stands(make_book, monkeypatch, where, args, shown):
    root = make_book({**FILES, ".git/HEAD": ""})
    monkeypatch.chdir(root / where if where else root)
    out = CliRunner().invoke(main, ["check", "--isolated", "--select", "L001", "--concise", "-q", *args]).output
    assert out.splitlines() == [f"{shown}:3:28: L001 error: Link `missing.md` points to `missing.md`, which does not exist in this book."]
