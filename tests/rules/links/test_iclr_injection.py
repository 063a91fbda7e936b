"""Defects put into a copy of a whole al-folio site (the ICLR 2023 blog-post track): each gives
exactly one new link or image finding, on its line, and nothing else changes. Posts live in
`_posts/` and are served at the site's `permalink:` template, so a link from one post to
another is a site URL, and figures are paths from the site root."""

from __future__ import annotations

import shutil

import pytest
from helpers import corpus_root, lint

SITE = "iclr-blogposts-2023"


def _findings(root):
    return {(f.path, f.line, f.code) for f in lint(root, isolated=True) if f.code[0] in "LI"}


@pytest.fixture(scope="module")
def baseline(tmp_path_factory):
    src = corpus_root() / SITE
    if not src.is_dir():
        pytest.skip(f"corpus site not found at {src}")
    root = tmp_path_factory.mktemp("base") / SITE
    shutil.copytree(src, root, symlinks=True)
    return root, _findings(root)


def _append(root, rel, text):
    p = root / rel
    body = p.read_text(encoding="utf-8")
    if not body.endswith("\n"):
        body += "\n"
    p.write_text(body + "\n" + text + "\n", encoding="utf-8")
    return body.count("\n") + 2  # the line the text lands on


def _link_to_a_missing_post(root):
    rel = "_posts/2023-05-01-sets-and-graphs.md"
    line = _append(root, rel, "See [the RASP post]({{ site.baseurl }}/blog/2023/raspy-typo/) for more.")
    _append(root, rel, "And [the same post]({{ '/blog/2023/raspy/' | relative_url }}), [by tag]({% post_url 2023-05-01-raspy %}), "
                       "[relative](../raspy/#transformers-as-code).")
    return rel, line, "L001"


def _figure_include_file_removed(root):
    (root / "assets/img/2023-05-01-facial-poisoning/facial_poisoning.png").unlink()
    return "_posts/2023-05-01-facial-poisoning.md", 48, "I001"


def _baseurl_image_file_removed(root):
    (root / "assets/img/2023-05-01-raspy/Blog_5_0.svg").unlink()
    return "_posts/2023-05-01-raspy.md", 85, "I001"


def _relative_url_image_file_removed(root):
    rel = "_posts/2023-05-01-riit.md"
    line = _append(root, rel, "![logo]({{ 'assets/img/2023-05-01-riit/missing-figure.png' | relative_url }})")
    _append(root, rel, "![logo]({{ 'assets/img/ICLR-logo.png' | relative_url }})")
    return rel, line, "I001"


@pytest.mark.parametrize("inject", [_link_to_a_missing_post, _figure_include_file_removed,
                                    _baseurl_image_file_removed, _relative_url_image_file_removed],
                         ids=lambda f: f.__name__.strip("_"))
def test_one_new_finding_on_its_line(baseline, tmp_path, inject):
    base_root, before = baseline
    root = tmp_path / SITE
    shutil.copytree(base_root, root, symlinks=True)
    where = inject(root)
    after = _findings(root)
    assert after - before == {where}
    assert before - after == set()
