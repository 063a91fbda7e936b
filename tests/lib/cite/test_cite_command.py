"""`booklint cite`: every format and output for the real book's citation, one of its chapters
and three more entries, read the way the command reads them (the README's block, CITATION.cff,
configuration); `--write-cff` (atomic, valid against the official CFF 1.2.0 schema, never
replacing a different file without --force).

The expected strings are the hand-checked ones of test_cite_formats.py: here they must come
out of the command, from a book on disk, byte for byte.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner
from test_cite_formats import MACHINE_EXPECTED, STYLES_EXPECTED, corpus_root

from booklint.cite import FORMATS, OUTPUTS, load_cff, record_from_bibtex, render
from booklint.cli import main

# Markdown and HTML of the styles for the records whose text form test_cite_formats.py checks:
# each read by hand against its text form (italics on the container or the book title, links).
MORE_STYLES_EXPECTED = {
    ('chapter', 'apa', 'markdown'): 'Austin, J., Douglas, S., Frostig, R., Levskaya, A., Chen, C., Vikram, S., Lebron, F., Choy, P., Ramasesh, V., Webson, A., & Pope, R. (2025). How to think about TPUs. In *How to scale your model*. Google DeepMind. <https://jax-ml.github.io/scaling-book/tpus/>',
    ('chapter', 'apa', 'html'): 'Austin, J., Douglas, S., Frostig, R., Levskaya, A., Chen, C., Vikram, S., Lebron, F., Choy, P., Ramasesh, V., Webson, A., &amp; Pope, R. (2025). How to think about TPUs. In <i>How to scale your model</i>. Google DeepMind. <a href="https://jax-ml.github.io/scaling-book/tpus/">https://jax-ml.github.io/scaling-book/tpus/</a>',
    ('chapter', 'chicago', 'markdown'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, et al. 2025. “How to Think about TPUs.” In *How to Scale Your Model*. Google DeepMind. <https://jax-ml.github.io/scaling-book/tpus/>.',
    ('chapter', 'chicago', 'html'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, et al. 2025. “How to Think about TPUs.” In <i>How to Scale Your Model</i>. Google DeepMind. <a href="https://jax-ml.github.io/scaling-book/tpus/">https://jax-ml.github.io/scaling-book/tpus/</a>.',
    ('chapter', 'chicago-17', 'markdown'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, Anselm Levskaya, Charlie Chen, Sharad Vikram, Federico Lebron, et al. 2025. “How to Think about TPUs.” In *How to Scale Your Model*. Google DeepMind. <https://jax-ml.github.io/scaling-book/tpus/>.',
    ('chapter', 'chicago-17', 'html'): 'Austin, Jacob, Sholto Douglas, Roy Frostig, Anselm Levskaya, Charlie Chen, Sharad Vikram, Federico Lebron, et al. 2025. “How to Think about TPUs.” In <i>How to Scale Your Model</i>. Google DeepMind. <a href="https://jax-ml.github.io/scaling-book/tpus/">https://jax-ml.github.io/scaling-book/tpus/</a>.',
    ('chapter', 'mla', 'markdown'): 'Austin, Jacob, et al. “How to Think about TPUs.” *How to Scale Your Model*, Google DeepMind, 4 Feb. 2025, [jax-ml.github.io/scaling-book/tpus/](https://jax-ml.github.io/scaling-book/tpus/).',
    ('chapter', 'mla', 'html'): 'Austin, Jacob, et al. “How to Think about TPUs.” <i>How to Scale Your Model</i>, Google DeepMind, 4 Feb. 2025, <a href="https://jax-ml.github.io/scaling-book/tpus/">jax-ml.github.io/scaling-book/tpus/</a>.',
    ('chapter', 'ieee', 'markdown'): 'J. Austin et al., “How to think about TPUs,” in *How to Scale Your Model*. Google DeepMind, 2025. \\[Online\\]. Available: <https://jax-ml.github.io/scaling-book/tpus/>',
    ('chapter', 'ieee', 'html'): 'J. Austin et al., “How to think about TPUs,” in <i>How to Scale Your Model</i>. Google DeepMind, 2025. [Online]. Available: <a href="https://jax-ml.github.io/scaling-book/tpus/">https://jax-ml.github.io/scaling-book/tpus/</a>',
    ('chapter', 'harvard', 'markdown'): 'Austin, J. et al. (2025) ‘How to think about TPUs’, in *How to scale your model*. Google DeepMind. Available at: <https://jax-ml.github.io/scaling-book/tpus/> (Accessed: 1 December 2025).',
    ('chapter', 'harvard', 'html'): 'Austin, J. et al. (2025) ‘How to think about TPUs’, in <i>How to scale your model</i>. Google DeepMind. Available at: <a href="https://jax-ml.github.io/scaling-book/tpus/">https://jax-ml.github.io/scaling-book/tpus/</a> (Accessed: 1 December 2025).',
    ('okafor2019', 'apa', 'markdown'): 'Okafor, C. N. (2019). *Distributed systems for practitioners: A field guide to consensus and the CAP theorem* (2nd ed.). Northwind Press. <https://doi.org/10.5555/nw.2019.001>',
    ('okafor2019', 'apa', 'html'): 'Okafor, C. N. (2019). <i>Distributed systems for practitioners: A field guide to consensus and the CAP theorem</i> (2nd ed.). Northwind Press. <a href="https://doi.org/10.5555/nw.2019.001">https://doi.org/10.5555/nw.2019.001</a>',
    ('okafor2019', 'chicago', 'markdown'): 'Okafor, Chidi N. 2019. *Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem*. 2nd ed. Northwind Press. <https://doi.org/10.5555/nw.2019.001>.',
    ('okafor2019', 'chicago', 'html'): 'Okafor, Chidi N. 2019. <i>Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem</i>. 2nd ed. Northwind Press. <a href="https://doi.org/10.5555/nw.2019.001">https://doi.org/10.5555/nw.2019.001</a>.',
    ('okafor2019', 'chicago-17', 'markdown'): 'Okafor, Chidi N. 2019. *Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem*. 2nd ed. Toronto: Northwind Press. <https://doi.org/10.5555/nw.2019.001>.',
    ('okafor2019', 'chicago-17', 'html'): 'Okafor, Chidi N. 2019. <i>Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem</i>. 2nd ed. Toronto: Northwind Press. <a href="https://doi.org/10.5555/nw.2019.001">https://doi.org/10.5555/nw.2019.001</a>.',
    ('okafor2019', 'mla', 'markdown'): 'Okafor, Chidi N. *Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem*. 2nd ed., Northwind Press, 2019, <https://doi.org/10.5555/nw.2019.001>.',
    ('okafor2019', 'mla', 'html'): 'Okafor, Chidi N. <i>Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem</i>. 2nd ed., Northwind Press, 2019, <a href="https://doi.org/10.5555/nw.2019.001">https://doi.org/10.5555/nw.2019.001</a>.',
    ('okafor2019', 'ieee', 'markdown'): 'C. N. Okafor, *Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem*, 2nd ed. Toronto: Northwind Press, 2019. doi: 10.5555/nw.2019.001.',
    ('okafor2019', 'ieee', 'html'): 'C. N. Okafor, <i>Distributed Systems for Practitioners: A Field Guide to Consensus and the CAP Theorem</i>, 2nd ed. Toronto: Northwind Press, 2019. doi: 10.5555/nw.2019.001.',
    ('okafor2019', 'harvard', 'markdown'): 'Okafor, C.N. (2019) *Distributed systems for practitioners: a field guide to consensus and the CAP theorem*. 2nd edn. Toronto: Northwind Press. Available at: <https://doi.org/10.5555/nw.2019.001>.',
    ('okafor2019', 'harvard', 'html'): 'Okafor, C.N. (2019) <i>Distributed systems for practitioners: a field guide to consensus and the CAP theorem</i>. 2nd edn. Toronto: Northwind Press. Available at: <a href="https://doi.org/10.5555/nw.2019.001">https://doi.org/10.5555/nw.2019.001</a>.',
    ('nakamura2023', 'apa', 'markdown'): 'Nakamura, H., Osei, A., Moreau, J.-L., Lindqvist, E., Brown, S., Jr., Ivanova, M., Haddad, K., O’Neill, S., Tanaka, Y., Fischer, A., Okoye, C., van der Berg, L., Rossi, G., Kowalski, P., Singh, A., Dubois, C., Novak, T., Mensah, K., Park, J.-W., . . . Wright, E. (2023). Measuring the energy cost of training large language models. *Journal of Machine Learning Systems, 12*(3), 101–134. <https://doi.org/10.1234/jmls.2023.0042>',
    ('nakamura2023', 'apa', 'html'): 'Nakamura, H., Osei, A., Moreau, J.-L., Lindqvist, E., Brown, S., Jr., Ivanova, M., Haddad, K., O’Neill, S., Tanaka, Y., Fischer, A., Okoye, C., van der Berg, L., Rossi, G., Kowalski, P., Singh, A., Dubois, C., Novak, T., Mensah, K., Park, J.-W., . . . Wright, E. (2023). Measuring the energy cost of training large language models. <i>Journal of Machine Learning Systems, 12</i>(3), 101–134. <a href="https://doi.org/10.1234/jmls.2023.0042">https://doi.org/10.1234/jmls.2023.0042</a>',
    ('nakamura2023', 'chicago', 'markdown'): 'Nakamura, Hiro, Ama Osei, Jean-Luc Moreau, et al. 2023. “Measuring the Energy Cost of Training Large Language Models.” *Journal of Machine Learning Systems* 12 (3): 101–34. <https://doi.org/10.1234/jmls.2023.0042>.',
    ('nakamura2023', 'chicago', 'html'): 'Nakamura, Hiro, Ama Osei, Jean-Luc Moreau, et al. 2023. “Measuring the Energy Cost of Training Large Language Models.” <i>Journal of Machine Learning Systems</i> 12 (3): 101–34. <a href="https://doi.org/10.1234/jmls.2023.0042">https://doi.org/10.1234/jmls.2023.0042</a>.',
    ('nakamura2023', 'chicago-17', 'markdown'): 'Nakamura, Hiro, Ama Osei, Jean-Luc Moreau, Erik Lindqvist, Samuel Brown Jr., Maria Ivanova, Karim Haddad, et al. 2023. “Measuring the Energy Cost of Training Large Language Models.” *Journal of Machine Learning Systems* 12 (3): 101–34. <https://doi.org/10.1234/jmls.2023.0042>.',
    ('nakamura2023', 'chicago-17', 'html'): 'Nakamura, Hiro, Ama Osei, Jean-Luc Moreau, Erik Lindqvist, Samuel Brown Jr., Maria Ivanova, Karim Haddad, et al. 2023. “Measuring the Energy Cost of Training Large Language Models.” <i>Journal of Machine Learning Systems</i> 12 (3): 101–34. <a href="https://doi.org/10.1234/jmls.2023.0042">https://doi.org/10.1234/jmls.2023.0042</a>.',
    ('nakamura2023', 'mla', 'markdown'): 'Nakamura, Hiro, et al. “Measuring the Energy Cost of Training Large Language Models.” *Journal of Machine Learning Systems*, vol. 12, no. 3, Mar. 2023, pp. 101–34, <https://doi.org/10.1234/jmls.2023.0042>.',
    ('nakamura2023', 'mla', 'html'): 'Nakamura, Hiro, et al. “Measuring the Energy Cost of Training Large Language Models.” <i>Journal of Machine Learning Systems</i>, vol. 12, no. 3, Mar. 2023, pp. 101–34, <a href="https://doi.org/10.1234/jmls.2023.0042">https://doi.org/10.1234/jmls.2023.0042</a>.',
    ('nakamura2023', 'ieee', 'markdown'): 'H. Nakamura et al., “Measuring the energy cost of training large language models,” *Journal of Machine Learning Systems*, vol. 12, no. 3, pp. 101–134, Mar. 2023, doi: 10.1234/jmls.2023.0042.',
    ('nakamura2023', 'ieee', 'html'): 'H. Nakamura et al., “Measuring the energy cost of training large language models,” <i>Journal of Machine Learning Systems</i>, vol. 12, no. 3, pp. 101–134, Mar. 2023, doi: 10.1234/jmls.2023.0042.',
    ('nakamura2023', 'harvard', 'markdown'): 'Nakamura, H. et al. (2023) ‘Measuring the energy cost of training large language models’, *Journal of Machine Learning Systems*, 12(3), pp. 101–134. Available at: <https://doi.org/10.1234/jmls.2023.0042>.',
    ('nakamura2023', 'harvard', 'html'): 'Nakamura, H. et al. (2023) ‘Measuring the energy cost of training large language models’, <i>Journal of Machine Learning Systems</i>, 12(3), pp. 101–134. Available at: <a href="https://doi.org/10.1234/jmls.2023.0042">https://doi.org/10.1234/jmls.2023.0042</a>.',
}

DATA = Path(__file__).parent / "data"


def _cff_schema() -> dict | None:
    """The official CFF 1.2.0 schema, as the `cffconvert` package ships it (installed with
    `--no-deps` by the README's test command: its own pins clash with ours, and only this data
    file is used; the package is located, never imported)."""
    import importlib.util

    spec = importlib.util.find_spec("cffconvert")
    if spec is None or not spec.submodule_search_locations:
        return None
    p = Path(list(spec.submodule_search_locations)[0]) / "schemas" / "1.2.0" / "schema.json"
    return json.loads(p.read_text(encoding="utf-8")) if p.is_file() else None


SCHEMA = _cff_schema()
THREE = (DATA / "three.bib").read_text(encoding="utf-8")
CASES = [(fmt, as_) for fmt in FORMATS for as_ in OUTPUTS]


@pytest.fixture(autouse=True)
def _load_each_corpus_book_once(monkeypatch):
    """The corpus is read-only: load each of its books once for the whole module (a load
    parses every chapter); books in tmp_path are loaded afresh by every command."""
    from booklint import engine

    real = engine.load_book

    def load(root, cfg):
        if corpus_root().resolve() in Path(root).resolve().parents and cfg.path is None:
            key = str(Path(root).resolve())
            if key not in _BOOKS:
                _BOOKS[key] = real(root, cfg)
            return _BOOKS[key]
        return real(root, cfg)

    monkeypatch.setattr(engine, "load_book", load)


_BOOKS: dict = {}


def cite(*args: str) -> tuple[int, str, str]:
    res = CliRunner().invoke(main, ["cite", *args], catch_exceptions=False)
    return res.exit_code, res.stdout, res.stderr


def expected(name: str, fmt: str, as_: str) -> str:
    """What the command prints: the expected rendering and one newline."""
    if (name, fmt, as_) in STYLES_EXPECTED:
        return STYLES_EXPECTED[(name, fmt, as_)] + "\n"
    if (name, fmt, as_) in MORE_STYLES_EXPECTED:
        return MORE_STYLES_EXPECTED[(name, fmt, as_)] + "\n"
    body = MACHINE_EXPECTED[(name, fmt)]
    if as_ == "text":
        return body
    lang = {"bibtex": "bibtex", "biblatex": "bibtex", "ris": "ris", "csl-json": "json", "cff": "yaml"}[fmt]
    if as_ == "markdown":
        return f"```{lang}\n{body}```\n"
    import html

    return f'<pre><code class="language-{lang}">{html.escape(body, quote=False)}</code></pre>\n'


def corpus_book(lang: str = "en") -> Path:
    p = corpus_root() / f"scaling-book-{lang}"
    if not p.is_dir():
        pytest.skip(f"the real books are not at {corpus_root()} (set BOOKLINT_CORPUS)")
    return p


def copy_of(src: Path, dst: Path) -> Path:
    shutil.copytree(src, dst)
    for p in [dst, *dst.rglob("*")]:
        p.chmod(0o755 if p.is_dir() else 0o644)
    return dst


def entry_text(key: str) -> str:
    start = THREE.rindex("@", 0, THREE.index("{" + key + ","))
    depth, i = 0, THREE.index("{", start)
    while True:
        depth += {"{": 1, "}": -1}.get(THREE[i], 0)
        i += 1
        if depth == 0:
            return THREE[start:i] + "\n"


def readme_book(tmp_path: Path, key: str) -> Path:
    root = tmp_path / key
    root.mkdir()
    (root / "README.md").write_text(f"# A work\n\n## How to cite\n\n```bibtex\n{entry_text(key)}```\n", encoding="utf-8")
    (root / "index.md").write_text("# A work\n", encoding="utf-8")
    return root


def validate_cff(text: str) -> dict:
    import jsonschema

    if SCHEMA is None:
        pytest.skip("the CFF 1.2.0 schema comes from the cffconvert package: pip install --no-deps cffconvert==2.0.0")
    data = yaml.safe_load(text)
    jsonschema.Draft7Validator(SCHEMA, format_checker=jsonschema.FormatChecker()).validate(data)
    return data


# ---------------------------------------------------------------------------------------
# every format, every output
# ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt,as_", CASES, ids=lambda x: x)
def test_the_books_citation_from_its_readme(fmt, as_):
    code, out, err = cite(str(corpus_book()), "--format", fmt, "--as", as_)
    assert code == 0, err
    assert out == expected("book", fmt, as_)


@pytest.mark.parametrize("fmt,as_", CASES, ids=lambda x: x)
def test_a_chapter_of_the_book(fmt, as_):
    code, out, err = cite(str(corpus_book()), "--chapter", "tpus", "--format", fmt, "--as", as_)
    assert code == 0, err
    assert out == expected("chapter", fmt, as_)


@pytest.mark.parametrize("key", ["okafor2019", "nakamura2023", "garcia2021"])
def test_three_more_entries_from_a_readme_block(tmp_path, key):
    root = readme_book(tmp_path, key)
    for fmt, as_ in CASES:
        code, out, err = cite(str(root), "-f", fmt, "--as", as_)
        assert code == 0, err
        assert out == expected(key, fmt, as_), (fmt, as_)


def test_a_chapter_url_comes_from_its_own_sites_config():
    book = corpus_book("ru")
    site = yaml.safe_load((book / "_config.yml").read_text(encoding="utf-8"))
    url = site["url"].rstrip("/") + "/" + site["baseurl"].strip("/") + "/tpus/"
    assert url != "https://jax-ml.github.io/scaling-book/tpus/"  # the translation is served elsewhere
    code, out, _err = cite(str(book), "--chapter", "tpus.md", "-f", "bibtex")
    assert code == 0 and f"url       = {{{url}}}" in out


def test_every_format_by_default_each_with_its_label():
    code, out, _err = cite(str(corpus_book()))
    assert code == 0
    for fmt in FORMATS:
        if fmt != "chicago-17":
            assert f"{fmt}: {FORMATS[fmt]}\n" in out
    assert expected("book", "apa", "text") in out and MACHINE_EXPECTED[("book", "ris")] in out
    code, md, _err = cite(str(corpus_book()), "-f", "apa,bibtex", "--as", "markdown")
    assert md == (f"### {FORMATS['apa']}\n\n{expected('book', 'apa', 'markdown')}\n"
                  f"### {FORMATS['bibtex']}\n\n{expected('book', 'bibtex', 'markdown')}")
    code, html_out, _err = cite(str(corpus_book()), "-f", "mla,cff", "--as", "html")
    assert html_out.startswith(f"<h3>{FORMATS['mla']}</h3>\n<p>{STYLES_EXPECTED[('book', 'mla', 'html')]}</p>\n")
    assert '<pre><code class="language-yaml">cff-version: 1.2.0' in html_out


# ---------------------------------------------------------------------------------------
# where the citation comes from
# ---------------------------------------------------------------------------------------


def test_from_citation_cff_and_from_configuration(tmp_path):
    root = tmp_path / "b"
    root.mkdir()
    (root / "index.md").write_text("# B\n")
    code, _out, err = cite(str(root))
    assert code == 2 and "found no citation" in err and "Traceback" not in err
    record = record_from_bibtex(entry_text("okafor2019"))
    (root / "CITATION.cff").write_text(render(record, "cff"))
    code, out, err = cite(str(root), "-f", "apa")
    assert code == 0, err
    assert out == STYLES_EXPECTED[("okafor2019", "apa", "text")] + "\n"
    (root / "booklint.toml").write_text(
        '[bib.citation]\ntype = "book"\ntitle = "Configured Title"\nauthors = ["Doe, Jane"]\nyear = 2021\n'
        'publisher = "Example Press"\n')
    code, out, _err = cite(str(root), "-f", "apa", "--from", "config")
    assert out == "Doe, J. (2021). Configured title. Example Press.\n"
    code, out, _err = cite(str(root), "-f", "apa", "--from", "readme")
    assert code == 2


def test_usage_errors(tmp_path):
    book = str(corpus_book())
    assert cite(book, "--chapter", "no-such-chapter")[0] == 2
    assert cite(book, "-f", "vancouver")[0] == 2
    assert cite(book, "--write-cff", "--chapter", "tpus")[0] == 2
    assert cite(book, "--write-cff", "--date-released", "Feb 2025")[0] == 2


# ---------------------------------------------------------------------------------------
# --write-cff
# ---------------------------------------------------------------------------------------


def test_write_cff_writes_a_valid_file_that_agrees_with_the_readme(tmp_path):
    from helpers import lint

    root = copy_of(corpus_book(), tmp_path / "book")
    code, _out, err = cite(str(root), "--write-cff")
    assert code == 0 and "wrote" in err
    text = (root / "CITATION.cff").read_text(encoding="utf-8")
    data = validate_cff(text)
    assert text == MACHINE_EXPECTED[("book", "cff")].replace(
        "url: https://jax-ml.github.io/scaling-book/\npreferred-citation:",
        "url: https://jax-ml.github.io/scaling-book/\ndate-released: '2025-02-04'\npreferred-citation:")
    assert data["preferred-citation"]["type"] == "book"
    assert [p.name for p in root.iterdir() if p.name.startswith(".CITATION")] == []  # no temporary file left
    assert [f for f in lint(root, select=["C005", "C007"])] == []
    # a second run changes nothing
    code, _out, err = cite(str(root), "--write-cff")
    assert code == 0 and "up to date" in err


def test_write_cff_never_replaces_a_different_file_without_force(tmp_path):
    root = copy_of(corpus_book(), tmp_path / "book")
    mine = "cff-version: 1.2.0\nmessage: Mine.\ntitle: Something Else\nauthors:\n  - name: Me\n"
    (root / "CITATION.cff").write_text(mine)
    code, _out, err = cite(str(root), "--write-cff")
    assert code == 1 and "--force" in err and "-title: Something Else" in err
    assert (root / "CITATION.cff").read_text() == mine
    code, _out, err = cite(str(root), "--write-cff", "--force", "--date-released", "2025-03-01",
                           "--repository-code", "https://github.com/jax-ml/scaling-book")
    assert code == 0
    data = validate_cff((root / "CITATION.cff").read_text())
    assert data["date-released"] == "2025-03-01" and data["repository-code"] == "https://github.com/jax-ml/scaling-book"


@pytest.mark.parametrize("name", ["okafor2019", "nakamura2023", "garcia2021"])
def test_every_cff_booklint_writes_is_valid_for_the_official_schema(name):
    record = record_from_bibtex(entry_text(name))
    data = validate_cff(render(record, "cff"))
    assert load_cff(render(record, "cff")) == data


def test_the_books_and_chapters_cff_are_valid_for_the_official_schema():
    for args in ([], ["--chapter", "tpus"]):
        code, out, _err = cite(str(corpus_book()), "-f", "cff", *args)
        assert code == 0
        validate_cff(out)
