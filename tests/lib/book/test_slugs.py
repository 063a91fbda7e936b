from booklint.book.slugs import Slugger, jekyll_slugify
from booklint.document.parse import parse
from booklint.document.source import Source


def test_kramdown_gfm_ids():
    s = Slugger("kramdown-gfm")
    assert s.slug("Куда уходит время?") == "куда-уходит-время"
    assert s.slug("Matrix multiplication") == "matrix-multiplication"
    assert s.slug("Matrix multiplication") == "matrix-multiplication-1"
    assert s.slug("Ёжик — ёлка") == "ёжик--ёлка"
    assert s.slug("What's the LLaMA Serving Story?") == "whats-the-llama-serving-story"


def test_plain_kramdown_ids_are_ascii_with_section_fallback():
    s = Slugger("kramdown")
    assert [s.slug("Куда"), s.slug("Куда"), s.slug("1. Intro")] == ["section", "section-1", "intro"]


def test_github_slugger_keeps_underscores_and_suffixes():
    s = Slugger("github")
    assert s.slug("shard_map: a thing") == "shard_map-a-thing"
    assert [s.slug("A"), s.slug("A"), s.slug("A-1")] == ["a", "a-1", "a-1-1"]


def test_jekyll_slugify_differs_from_kramdown():
    assert jekyll_slugify("What's the LLaMA Serving Story?") == "what-s-the-llama-serving-story"
    assert jekyll_slugify("Looking at a real(ish) example") == "looking-at-a-real-ish-example"
    assert jekyll_slugify("shard_map") == "shard-map"
    assert jekyll_slugify("Ссылки на разделы") == "ссылки-на-разделы"


def test_heading_text_for_ids_follows_kramdown():
    doc = parse(Source.from_text("a.md", "## Part 1: *TPUs* & `jax.jit` (v5e)\n\n## A -- B\n\n## Custom {#my-id}\n"))
    s = Slugger("kramdown-gfm")
    assert s.slug(doc.headings[0].id_text) == "part-1-tpus--jaxjit-v5e"
    assert s.slug(doc.headings[1].id_text) == "a--b"  # `--` is an en dash to kramdown, then dropped
    assert doc.headings[2].explicit_id == "my-id" and doc.headings[2].text == "Custom"
