"""Fault injection on a copy of a real book: each broken construct is reported where it opened,
and everything else booklint found before is still found."""

from __future__ import annotations

import pytest
from helpers import lint, needs_corpus


def _read(root, rel):
    return (root / rel).read_text(encoding="utf-8").split("\n")


def _write(root, rel, lines):
    (root / rel).write_text("\n".join(lines), encoding="utf-8")


def _found(root):
    return {(f.path, f.line, f.code) for f in lint(root, isolated=True)}


@needs_corpus
@pytest.mark.parametrize("name", ["scaling-book-en", "scaling-book-ru"])
def test_dropped_closers_are_reported_where_they_opened(copy_book, name):
    root = copy_book(name)
    before = _found(root)

    # 1. jax-stuff.md: lose the first `{% enddetails %}` (the line stays, empty)
    lines = _read(root, "jax-stuff.md")
    end = next(i for i, line in enumerate(lines) if line.strip() == "{% enddetails %}")
    opener = max(i for i in range(end) if lines[i].lstrip().startswith("{% details"))
    lines[end] = ""
    # 2. jax-stuff.md: lose the `</d-footnote>` of the first footnote after the front matter
    fm_end = lines.index("---", 1)
    fn = next(i for i in range(fm_end + 1, len(lines)) if "</d-footnote>" in lines[i])
    lines[fn] = lines[fn].replace("</d-footnote>", "", 1)
    _write(root, "jax-stuff.md", lines)
    # 3. training.md: lose the front matter's closing `---` (the line stays, empty)
    tr = _read(root, "training.md")
    tr_end = tr.index("---", 1)
    tr[tr_end] = ""
    _write(root, "training.md", tr)

    after = _found(root)
    # (other chapters' links to training.md now break, rightly: Jekyll would publish it as a raw file;
    # the markup and encoding findings are exactly the three injected ones)
    assert {x for x in after - before if x[2][0] in "DE"} == {
        ("jax-stuff.md", opener + 1, "D004"),
        ("jax-stuff.md", fn + 1, "D009"),
        ("training.md", 1, "D001"),
    }
    # the rest of each file is still checked: every earlier finding is still there, except those about
    # training.md's front matter, which is no longer front matter
    others = [f for f in lint(root, isolated=True)
              if (f.path, f.line, f.code) in after - before and f.code[0] not in "DE"]
    # besides broken links to training.md: what training.md's lost front matter explains — its YAML
    # lines are now text (spelling sees `permalink`, `rgba`), and its `bibliography:` is gone (C001)
    assert all("training" in f.message or (f.path == "training.md" and (f.line <= tr_end + 1 or f.code == "C001"))
               for f in others), [(f.path, f.line, f.message) for f in others]
    lost = before - after
    assert all(p == "training.md" and line <= tr_end + 1 for p, line, _ in lost), sorted(lost)
    assert ("training.md", 250, "D025") in after


@needs_corpus
def test_a_misnested_tag_and_a_stray_end_tag(copy_book):
    root = copy_book("scaling-book-en")
    before = _found(root)
    lines = _read(root, "roofline.md")
    i = next(k for k, line in enumerate(lines) if "<d-footnote>" in line and k > 60)
    lines[i] = lines[i].replace("<d-footnote>", "<d-footnote><b>", 1).replace("</d-footnote>", "</d-footnote></b>", 1)
    j = next(k for k in range(i + 1, len(lines)) if lines[k].startswith("{% enddetails %}"))
    lines[j] = "{% enddetails %}{% enddetails %}"
    _write(root, "roofline.md", lines)
    after = _found(root)
    assert after - before == {("roofline.md", i + 1, "D010"), ("roofline.md", j + 1, "D005")}
    assert before <= after
