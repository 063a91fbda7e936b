"""1 MB of input built to hurt each markup (D) and encoding (E) rule: every rule finishes well under
a second of CPU time on each, and nothing recurses. The engine lists at most 1000 findings of one rule
in one file, so a rule is timed until it has yielded that many (rules yield as they go)."""

from __future__ import annotations

import dataclasses
import random
import time

import pytest

from booklint import engine
from booklint.book.model import Book
from booklint.registry import all_rules
from booklint.config import Config
from booklint.context import Context

MB = 1 << 20
CAP = 1000  # the engine's cap on findings per rule and file


def _fill(unit: str) -> str:
    return (unit * (MB // len(unit) + 1))[:MB]


def _rising_backticks() -> str:
    out, n, k = [], 0, 1
    while n < MB:
        s = "`" * k + "x "
        out.append(s)
        n += len(s)
        k = k % 700 + 1
    return "".join(out)


def _distinct_mojibake() -> str:
    rnd = random.Random(5)
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    encs = ["sloppy-windows-1252", "macroman", "sloppy-windows-1251", "koi8_r", "latin-1"]
    import ftfy.bad_codecs  # noqa: F401

    out, n = [], 0
    while n < MB:
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 12)))
        s = w.encode("utf-8").decode(rnd.choice(encs)) + " "
        out.append(s)
        n += len(s)
    return "".join(out)


def _russian_lines() -> str:
    rnd = random.Random(7)
    words = ["свет", "крыша", "модель", "память", "«ёлки»", "—", "тест…", "café", "naïve"]
    out, n = [], 0
    while n < MB:
        s = " ".join(rnd.choice(words) for _ in range(12)) + "\n"
        out.append(s)
        n += len(s)
    return "".join(out)


def _toc(n: int) -> str:
    entries = "".join(f"  - name: S{i}\n  - subsections:\n    - name: T{i}\n    - name: “U{i}”\n" for i in range(n))
    return f"---\nlayout: distill\ntitle: x\ntoc:\n{entries}---\n\ntext\n"


INPUTS = {
    "liquid-open": _fill("{%"),
    "liquid-output": _fill("{{"),
    "liquid-output-brace": _fill("{{ x }"),
    "liquid-if": _fill("{% if x %}"),
    "liquid-endif": _fill("{% endif %}"),
    "liquid-raw": _fill("{% raw %}"),
    "liquid-unknown": _fill("{% inlcude x %}"),
    "liquid-include": _fill("{% include_relative a%d.md %}\n"),
    "liquid-in-code": "```\n" + _fill("{{ x }}") + "\n```\n",
    "html-open": _fill("<b>"),
    "html-open-lines": _fill("<div>\n"),
    "html-close": _fill("</div>\n"),
    "html-misnest": _fill("<b><i>x</b>"),
    "html-md1": _fill("<p markdown=1>x\n\n"),
    "html-div-md1": _fill("<div markdown=1>\n\n"),
    "html-unquoted": _fill("<a href=a/b c=d:e>"),
    "html-unknown": _fill("<it>"),
    "backticks": _fill("`a "),
    "rising-backticks": _rising_backticks(),
    "table": "| a | b |\n|---|---|\n" + _fill("|"),
    "table-ticks": "| a | b |\n|---|---|\n" + _fill("`|"),
    "table-rows": "| a | b |\n|---|---|\n" + _fill("| x |\n"),
    "headings": _fill("## x\n"),
    "empty-headings": _fill("#\n"),
    "heading-jumps": _fill("# a\n### b\n"),
    "lists": _fill("1. a\n\npara\n\n2. b\n\n"),
    "list-fence": _fill("1. a\n```\nx\n```\n"),
    "quotes": _fill("> a\n- b\n\n"),
    "mojibake-same": _fill("ÐŸÑ€Ð¸Ð²ÐµÑ‚ "),
    "mojibake-distinct": _distinct_mojibake(),
    "mojibake-one-word": "Привет".encode("utf-8").decode("latin-1") * (MB // 12),
    "non-ascii-one-word": _fill("Ã"),
    "clean-russian": _russian_lines(),
    "zero-width": _fill("\u200b"),
    "bidi": _fill("a\u202e"),
    "controls": _fill("\x01"),
    "c1-controls": _fill("\x93"),
    "mixed-script": _fill("Cвет "),
    "mixed-script-word": "C" + _fill("в"),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for name, text in list(INPUTS.items()) + [("toc", None)]:
        root = tmp_path_factory.mktemp(name)
        (root / "_config.yml").write_text("markdown: kramdown\nbaseurl: /b\n")
        body = _toc(9000) if text is None else "---\nlayout: distill\ntitle: x\n---\n" + text
        (root / "a.md").write_text(body, encoding="utf-8")
        out[name] = engine.load_book(root, Config())
    return out


def _fresh(book: Book) -> Book:
    """The same parsed pages in a new Book: every shared analysis lives in the Book's memo, so a new
    Book times each rule as if it ran alone (several share a scan of the page). Parsing the 1 MB
    pages again for every rule would take hours; the Documents themselves hold no caches."""
    return Book(**{f.name: getattr(book, f.name) for f in dataclasses.fields(Book) if f.init and not f.name.startswith("_")})


MINE = [r for r in all_rules() if r.code[0] in "DE"]


@pytest.mark.parametrize("rule", MINE, ids=lambda r: r.code)
def test_each_markup_and_encoding_rule_is_fast(books, rule):
    slow = []
    for name, book in books.items():
        book = _fresh(book)
        ctx = Context(book, Config(), rule)
        subject = book.docs["a.md"] if rule.scope == "document" else book
        with engine.parsed_objects_frozen():  # as the engine runs rules
            t0 = time.process_time()
            for i, _ in enumerate(rule.func(subject, ctx) or ()):
                if i >= CAP:
                    break
            spent = time.process_time() - t0
        if spent > 1.0:
            slow.append(f"{name}: {spent:.2f} s")
    assert not slow, f"{rule.code} {rule.name}: " + ", ".join(slow)
