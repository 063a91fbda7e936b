"""Heading ids against the real renderer: kramdown with its GFM parser (Jekyll's default
`input: GFM`) converts every chapter of both real books, and each id it gives a Markdown
heading must be the id booklint computes. Skipped where Ruby's kramdown is not installed
(`apt-get install ruby-kramdown ruby-kramdown-parser-gfm`; .ci/run installs it)."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from helpers import corpus_book, needs_corpus

from booklint import engine
from booklint.config import Config

RUBY = r"""
require 'kramdown'
require 'kramdown-parser-gfm'
require 'json'
out = {}
ARGV.each do |path|
  text = File.read(path, encoding: 'UTF-8')
  # front matter out (kept as blank lines, so nothing else moves)
  text = text.sub(/\A---\n.*?\n---\n/m) { |m| "\n" * m.count("\n") }
  html = Kramdown::Document.new(text, input: 'GFM', auto_ids: true).to_html
  out[File.basename(path)] = html.scan(/<h[1-6] id="([^"]*)"/).flatten
end
puts JSON.generate(out)
"""


def _kramdown_available() -> bool:
    if not shutil.which("ruby"):
        return False
    return subprocess.run(["ruby", "-e", "require 'kramdown'; require 'kramdown-parser-gfm'"],
                          capture_output=True).returncode == 0


@needs_corpus
@pytest.mark.skipif(not _kramdown_available(), reason="Ruby's kramdown + kramdown-parser-gfm are not installed")
@pytest.mark.parametrize("lang", ["en", "ru"])
def test_heading_ids_match_real_kramdown(lang):
    root = corpus_book(f"scaling-book-{lang}")
    book = engine.load_book(root, Config())
    files = [root / rel for rel in book.files.markdown if "/" not in rel]
    proc = subprocess.run(["ruby", "-e", RUBY, *map(str, files)], capture_output=True, text=True, check=True)
    real = json.loads(proc.stdout)
    total = 0
    for rel in real:
        anchors = book.anchors(rel)
        ours = [hid for h, hid in anchors.headings if not h.html and not h.explicit_id]
        # kramdown's output also has the raw HTML headings (`<h3 id=...>`) as written: leave those out
        html_ids = {a.value for t in book.docs[rel].html for a in t.attrs if a.name == "id"}
        theirs = [i for i in real[rel] if i not in html_ids]
        assert ours == theirs, rel
        total += len(ours)
    assert total > 100
