"""Word extraction: only prose, one word per reader-visible word, exact source spans."""

from __future__ import annotations

from booklint.document.parse import parse
from booklint.document.source import Source
from booklint.prose.vocabulary import _doc_text
from booklint.prose.words import identifier_like, iter_words, segments, token_words


def doc_of(text: str):
    return parse(Source.from_bytes("ch.md", text.encode("utf-8")))


def words_of(text: str) -> list[str]:
    d = doc_of(text)
    return [w for seg in segments(d) for w, *_ in iter_words(seg)]


def spans_of(text: str) -> dict[str, str]:
    """word → the source text its span covers."""
    d = doc_of(text)
    out = {}
    for seg in segments(d):
        for w, a, b, _sc, _c in iter_words(seg):
            sp = seg.span(a, b)
            out[w] = d.text[sp.start:sp.end]
    return out


def test_identifiers_units_urls_and_files_are_not_words():
    ws = words_of("We use bfloat16 and jax.jit at 45 GB/s with batch_size, see https://x.org/a and "
                  "roofline.md or ~/.bashrc, mail me@example.com, e.g. this, 50ms and TPUv5e.\n")
    assert ws == ["We", "use", "and", "at", "with", "see", "and", "or", "mail", "this", "and"]


def test_code_math_html_liquid_and_front_matter_keys_are_not_prose():
    text = ("---\ntitle: \"Rooflines\"\ndescription: \"Bytes and flops\"\nlayout: misspeled\n---\n\n"
            "Text `codeword` and $\\mathrm{mathword}$ and <a href=\"hrefword\">linkword</a>.\n\n"
            "```\nfenceword\n```\n\n{% include figure.liquid path=\"pathword.png\" caption=\"captionword\" %}\n")
    ws = words_of(text)
    for gone in ("misspeled", "layout", "codeword", "mathword", "hrefword", "fenceword", "pathword", "figure"):
        assert gone not in ws
    for kept in ("Rooflines", "Bytes", "flops", "Text", "linkword", "captionword"):
        assert kept in ws


def test_details_summary_is_prose():
    ws = words_of("{% details Click here for the anwser. %}\n\nHidden.\n\n{% enddetails %}\n")
    assert "anwser" in ws and "details" not in ws


def test_a_word_split_by_markup_is_one_word_at_its_exact_span():
    sp = spans_of("A word split by markup: neg**lig**ible, and [the docs](x.md)were read.\n")
    assert sp["negligible"] == "neg**lig**ible"
    assert "neg" not in sp and "lig" not in sp
    assert sp["split"] == "split"


def test_a_line_break_does_not_join_words_and_blocks_do_not_merge():
    d = doc_of("# Heading\n\nfirst line\nsecond line\n\n* item one\n* item two\n")
    texts = [s.text for s in segments(d)]
    assert "Heading" in texts[0] and "first" not in texts[0]
    assert any("first line second line" == " ".join(t.split()) for t in texts)
    assert not any("one" in t and "two" in t for t in texts)


def test_hyphens_apostrophes_sub_and_obfuscated_mail():
    ws = words_of("A lower-bound, the model's cost, it doesn't, d<sub>qkv</sub>, write jaaustin [at] google [dot] com.\n")
    assert ws.count("lower") == 1 and "bound" in ws and "model" in ws and "doesn't" in ws
    assert "qkv" not in ws and "jaaustin" not in ws and "google" not in ws


def test_token_words_compound_and_script():
    assert token_words("из-за") == (("из", 0, "cyrillic", "из-за"), ("за", 3, "cyrillic", "из-за"))
    assert token_words("bfloat16") == ()
    assert token_words("Megatron-шардинг")[1][0] == "шардинг"
    assert token_words("Сoffee") == ()  # a Latin C in a Cyrillic word: mixed script, not a word


def test_identifier_shapes():
    assert identifier_like("AllGather") and identifier_like("FLOPs") and identifier_like("HBM")
    assert identifier_like("iPhone") and not identifier_like("Roofline") and not identifier_like("matmul")


def test_doc_text_tokens_match_the_segments():
    d = doc_of("Each TPUv5e chip, TPU v5e pods and `code` AllGather.\n")
    dt = _doc_text(d)
    assert "TPUv5e" in dt.counts and "code" not in dt.counts
    (tok, off), = dt.locate({"AllGather"})
    si, a = dt.segment_of(off)
    sp = dt.segments[si].span(a, a + len(tok))
    assert d.text[sp.start:sp.end] == "AllGather"
