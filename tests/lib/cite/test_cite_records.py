"""Records from BibTeX, CITATION.cff and configuration; chapters; CFF writing; casing; escaping."""

from __future__ import annotations

import pytest
import yaml

from booklint.bibliography import parse_bib
from booklint.cite import (
    FORMATS,
    OUTPUTS,
    CitationRecord,
    Name,
    chapter_record,
    join_url,
    load_cff,
    record_from_bib_entry,
    record_from_bibtex,
    record_from_cff,
    record_from_mapping,
    render,
    write_cff,
)
from booklint.cite.text import segments, sentence_case, title_case


def _t(segs):
    return "".join(s.text for s in segs)


# ---------------------------------------------------------------------------------------
# from BibTeX
# ---------------------------------------------------------------------------------------


def test_readme_article_without_journal_is_a_book(readme_block):
    r = record_from_bibtex(readme_block)
    assert (r.type, r.publisher, r.url, r.note, r.medium, r.year) == (
        "book",
        "Google DeepMind",
        "https://jax-ml.github.io/scaling-book/",
        "",  # "Retrieved from <url>" is the url, not a note
        "Online",
        2025,
    )
    assert [a.display for a in r.authors][:2] == ["Jacob Austin", "Sholto Douglas"]


@pytest.mark.parametrize(
    "bibtex,rtype,url",
    [
        ("@misc{a, title={T}, howpublished={\\url{https://x.org/p}}, year=2020}", "webpage", "https://x.org/p"),
        ("@article{a, title={T}, note={see https://x.org/q.}}", "webpage", "https://x.org/q"),
        ("@article{a, title={T}}", "misc", ""),
        ("@misc{a, title={T}, archivePrefix={arXiv}, eprint={2401.10774}}", "misc", "https://arxiv.org/abs/2401.10774"),
        ("@online{a, title={T}, url={https://x.org}}", "webpage", "https://x.org"),
        ("@inproceedings{a, title={T}, booktitle={Proc.}}", "paper", ""),
        ("@techreport{a, title={T}, institution={I}}", "report", ""),
        ("@phdthesis{a, title={T}, school={S}}", "thesis", ""),
    ],
)
def test_types_and_urls(bibtex, rtype, url):
    r = record_from_bibtex(bibtex)
    assert (r.type, r.url) == (rtype, url)


def test_values_are_normalised():
    r = record_from_bibtex(
        "@book{b, author={{DeepSeek-AI} and de Jong, Michiel and Brown, Jr., Sam and others}, title={{GPU} Kernels},"
        " edition={Second}, pages={1-2}, month=feb, year={2021}, doi={https://doi.org/10.1/X}, publisher={P}}"
    )
    assert r.authors[0] == Name("DeepSeek-AI", literal=True)
    assert r.authors[1] == Name("Jong", "Michiel", "de")
    assert r.authors[2] == Name("Brown", "Sam", "", "Jr.")
    assert r.more_authors is True
    assert (r.edition, r.pages, r.month, r.doi, r.title, r.title_tex) == ("2", "1–2", 2, "10.1/X", "GPU Kernels", "{GPU} Kernels")
    pt = record_from_bibtex("@phdthesis{t, author={A, B}, title={T}, school={MIT}, year=2020}")
    assert (pt.genre, pt.institution) == ("PhD thesis", "MIT")


def test_et_al_from_and_others():
    r = record_from_bibtex("@article{a, author={Smith, John and others}, title={T}, journal={J}, year=2020}")
    assert render(r, "apa") == "Smith, J., et al. (2020). T. J."
    assert render(r, "chicago").startswith("Smith, John, et al. 2020.")
    assert render(r, "ieee").startswith("J. Smith et al.,")


def test_no_author_and_no_date():
    r = record_from_bibtex("@misc{a, title={A Page Without Author}, url={https://x.org/p}}")
    assert render(r, "apa") == "A page without author. (n.d.). https://x.org/p"
    assert render(r, "chicago") == "“A Page without Author.” n.d. https://x.org/p."
    assert render(r, "harvard") == "(no date) A page without author. Available at: https://x.org/p (Accessed: 1 December 2025)."


def test_every_entry_of_a_messy_file_renders(tmp_path):
    text = (__import__("pathlib").Path(__file__).parents[1] / "bibliography" / "data" / "everything_wrong.bib").read_text(encoding="utf-8")
    for e in parse_bib(text).entries:
        r = record_from_bib_entry(e)
        for fmt in FORMATS:
            for as_ in OUTPUTS:
                assert isinstance(render(r, fmt, as_), str)


def test_corpus_main_bib_renders_everywhere(corpus):
    bib = parse_bib((corpus / "scaling-book-en/assets/bibliography/main.bib").read_text(encoding="utf-8"))
    out = {}
    for e in bib.entries:
        r = record_from_bib_entry(e)
        for fmt in FORMATS:
            for as_ in OUTPUTS:
                out[(e.key, fmt, as_)] = render(r, fmt, as_)
    # the blog post: a @misc with only a web address is a web page on its site
    assert out[("Ott2024-bz", "apa", "text")] == (
        "Ott, M. (2024, June). Optimizing AI inference at Character.AI. Character.AI Research Blog. "
        "https://research.character.ai/optimizing-inference/"
    )
    assert out[("medusa", "chicago", "text")].endswith("“Medusa: Simple LLM Inference Acceleration Framework with Multiple Decoding Heads.” arXiv [cs.LG].")


# ---------------------------------------------------------------------------------------
# from CITATION.cff and configuration; chapters
# ---------------------------------------------------------------------------------------


def test_cff_round_trip(readme_block):
    r = record_from_bibtex(readme_block)
    text = write_cff(r, date_released="2025-02-04", repository_code="https://github.com/jax-ml/scaling-book")
    data = yaml.safe_load(text)
    assert data["cff-version"] == "1.2.0" and data["type"] == "software"
    assert data["message"] == "If you use this book, please cite it as below."
    assert data["date-released"] == "2025-02-04" and "'2025-02-04'" in text  # a string, not a YAML date
    assert data["authors"][0] == {"family-names": "Austin", "given-names": "Jacob"}
    pc = data["preferred-citation"]
    assert (pc["type"], pc["year"], pc["publisher"], pc["url"]) == ("book", 2025, {"name": "Google DeepMind"}, "https://jax-ml.github.io/scaling-book/")
    back = record_from_cff(load_cff(text), key="scaling-book")
    for attr in ("type", "title", "authors", "year", "publisher", "url"):
        assert getattr(back, attr) == getattr(r, attr), attr


def test_cff_of_software_has_no_preferred_citation():
    r = record_from_mapping({"type": "software", "title": "booklint", "authors": ["Doe, Jane"], "date": "2026-01-02", "version": "0.1.0"})
    data = yaml.safe_load(write_cff(r))
    assert "preferred-citation" not in data
    assert (data["version"], data["date-released"]) == ("0.1.0", "2026-01-02")


def test_cff_reader_handles_entities_and_top_level():
    cff = {
        "cff-version": "1.2.0",
        "title": "A Tool",
        "authors": [{"name": "The Tool Team"}, {"family-names": "Berg", "given-names": "Lotte", "name-particle": "van der"}],
        "date-released": "2024-05-06",
        "url": "https://tool.example",
    }
    r = record_from_cff(cff)
    assert r.type == "software" and (r.year, r.month, r.day) == (2024, 5, 6)
    assert r.authors == (Name("The Tool Team", literal=True), Name("Berg", "Lotte", "van der"))


def test_record_from_mapping():
    r = record_from_mapping(
        {"title": "How to Scale Your Model", "authors": ["Austin, Jacob", "Reiner Pope", {"family": "Frostig", "given": "Roy"}], "year": 2025, "publisher": "Google DeepMind"}
    )
    assert r.type == "book" and [a.display for a in r.authors] == ["Jacob Austin", "Reiner Pope", "Roy Frostig"]
    with pytest.raises(ValueError):
        record_from_mapping({"type": "poem", "title": "x"})


def test_chapter_record_and_url(readme_block):
    assert join_url("https://jax-ml.github.io", "/scaling-book", "tpus/") == "https://jax-ml.github.io/scaling-book/tpus/"
    assert join_url("https://a.org/", "", "") == "https://a.org/"
    book = record_from_bibtex(readme_block)
    ch = chapter_record(book, "Rooflines", "https://x.org/roofline/", date="2025-02-04", authors=["Jacob Austin"])
    assert (ch.type, ch.container, ch.publisher, ch.year, ch.month, ch.day) == ("chapter", book.title, book.publisher, 2025, 2, 4)
    assert ch.authors == (Name("Austin", "Jacob"),) and ch.key == "scaling-book-rooflines"


# ---------------------------------------------------------------------------------------
# casing and escaping
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "tex,after_colon,expected",
    [
        ("How to Scale Your Model", True, "How to scale your model"),
        ("Mixture of Experts: How an Ensemble of {AI} Models Act as One", True, "Mixture of experts: How an ensemble of AI models act as one"),
        ("Mixture of Experts: How an Ensemble", False, "Mixture of experts: how an ensemble"),
        ("DeepSeek-V3 Technical Report", True, "DeepSeek-V3 technical report"),
        ("The Sparsely-Gated Mixture-of-Experts Layer", True, "The sparsely-gated mixture-of-experts layer"),
        ("Optimizing AI Inference at Character.AI", True, "Optimizing AI inference at Character.AI"),
        ("A Field Guide to {Llama} and I", True, "A field guide to Llama and I"),
        ("efficient {GPU} kernels", True, "Efficient GPU kernels"),
    ],
)
def test_sentence_case(tex, after_colon, expected):
    assert _t(sentence_case(segments(tex), capitalize_after_colon=after_colon)) == expected


@pytest.mark.parametrize(
    "tex,expected",
    [
        ("efficient memory management for large language model serving with PagedAttention", "Efficient Memory Management for Large Language Model Serving with PagedAttention"),
        ("outrageously large neural networks: the sparsely-gated mixture-of-experts layer", "Outrageously Large Neural Networks: The Sparsely-Gated Mixture-of-Experts Layer"),
        ("what to think about", "What to Think About"),
        ("arXiv [cs.LG]", "arXiv [cs.LG]"),
        ("the {iPhone} and the web", "The iPhone and the Web"),
    ],
)
def test_title_case(tex, expected):
    assert _t(title_case(segments(tex))) == expected


def test_markdown_and_html_escaping():
    r = CitationRecord(
        type="book",
        title="Stars *and* <Bars> & [Brackets]_x",
        authors=(Name("O'Neill", "Ann"),),
        year=2020,
        publisher="A & B",
        url="https://x.org/a_b?c=1&d='e'",
    )
    md = render(r, "apa", "markdown")
    assert md == "O’Neill, A. (2020). *Stars \\*and\\* \\<bars\\> & \\[brackets\\]\\_x*. A & B. <https://x.org/a_b?c=1&d='e'>"
    html = render(r, "apa", "html")
    assert html == (
        "O’Neill, A. (2020). <i>Stars *and* &lt;bars&gt; &amp; [brackets]_x</i>. A &amp; B. "
        "<a href=\"https://x.org/a_b?c=1&amp;d=&#x27;e&#x27;\">https://x.org/a_b?c=1&amp;d='e'</a>"
    )


def test_italics_inside_an_italic_title_become_roman():
    r = record_from_bibtex("@book{b, author={A, B}, title={Reading \\emph{Ulysses} Today}, publisher={P}, year=2020}")
    assert render(r, "chicago", "html") == "A, B. 2020. <i>Reading Ulysses Today</i>. P."
    art = record_from_bibtex("@article{a, author={A, B}, title={Reading \\emph{Ulysses} Today}, journal={J}, year=2020}")
    assert "“Reading <i>Ulysses</i> Today.”" in render(art, "chicago", "html")
