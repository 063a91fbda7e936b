"""Adversarial Markdown: the inputs that once made a rule or the parser slow or overflow the stack.

``inputs(size)`` gives each at about ``size`` characters; the tests run them at 128 KB for
correctness (no crash, no stack overflow), ``bench/adversarial.py`` at 1 MB for the time targets.
"""

from __future__ import annotations

import random

MB = 1 << 20


def _lines(size: int, line, first: int = 0) -> str:
    """``line(i)`` for i = first, first + 1, ... until ``size`` characters."""
    out, total, i = [], 0, first
    while total < size:
        s = line(i)
        out.append(s)
        total += len(s)
        i += 1
    return "".join(out)[:size]


def inputs(size: int = MB) -> dict[str, str]:
    return {
        "dollars": "$" * size,
        "double-dollars": "$$x" * (size // 3),
        "braces": "{" * size,
        "liquid": "{%" * (size // 2),
        "brackets": "[" * size,
        "angles": "<" * size,
        "backslashes": "\\" * size,
        "emphasis": "*_" * (size // 2),
        "nested-lists": _lines(size, lambda i: "  " * (i % 5000) + "- x\n"),
        "nested-quotes": _lines(size, lambda i: ">" * (i % 5000) + " x\n", 1),
        "math-frac": "$" + "\\frac{" * (size // 7) + "$",
        "links": "[a](b) " * (size // 7),
        "one-line-words": ("word " * (size // 5)),
    }


# Units whose repetition once made a scan quadratic; bench/adversarial.py times the parse of each.
PATHOLOGICAL = ["[", "<a ", "{%", "<!--", "> ", "$", "\\", "*_", "  - ", "![", "[a](", "{{", "a`", "<"]


def _fill(unit: str, size: int) -> str:
    return (unit * (size // len(unit) + 1))[:size]


def _distinct_mojibake(size: int) -> str:
    rnd = random.Random(5)
    letters = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"
    encs = ["sloppy-windows-1252", "macroman", "sloppy-windows-1251", "koi8_r", "latin-1"]
    import ftfy.bad_codecs  # noqa: F401

    out, n = [], 0
    while n < size:
        w = "".join(rnd.choice(letters) for _ in range(rnd.randint(1, 12)))
        s = w.encode("utf-8").decode(rnd.choice(encs)) + " "
        out.append(s)
        n += len(s)
    return "".join(out)


def _russian_lines(size: int) -> str:
    rnd = random.Random(7)
    words = ["свет", "крыша", "модель", "память", "«ёлки»", "—", "тест…", "café", "naïve"]
    out, n = [], 0
    while n < size:
        s = " ".join(rnd.choice(words) for _ in range(12)) + "\n"
        out.append(s)
        n += len(s)
    return "".join(out)


def toc_page(n: int) -> str:
    """A Distill page whose front-matter TOC has n entries, each with subsections."""
    entries = "".join(f"  - name: S{i}\n  - subsections:\n    - name: T{i}\n    - name: “U{i}”\n" for i in range(n))
    return f"---\nlayout: distill\ntitle: x\ntoc:\n{entries}---\n\ntext\n"


def markup_inputs(size: int = MB) -> dict[str, str]:
    """Inputs built to hurt the markup (D) and encoding (E) rules; `None` stands for the 9,000-entry TOC page."""
    return {
        "liquid-open": _fill("{%", size),
        "liquid-output": _fill("{{", size),
        "liquid-output-brace": _fill("{{ x }", size),
        "liquid-if": _fill("{% if x %}", size),
        "liquid-endif": _fill("{% endif %}", size),
        "liquid-raw": _fill("{% raw %}", size),
        "liquid-unknown": _fill("{% inlcude x %}", size),
        "liquid-include": _fill("{% include_relative a%d.md %}\n", size),
        "liquid-in-code": "```\n" + _fill("{{ x }}", size) + "\n```\n",
        "html-open": _fill("<b>", size),
        "html-open-lines": _fill("<div>\n", size),
        "html-close": _fill("</div>\n", size),
        "html-misnest": _fill("<b><i>x</b>", size),
        "html-md1": _fill("<p markdown=1>x\n\n", size),
        "html-div-md1": _fill("<div markdown=1>\n\n", size),
        "html-unquoted": _fill("<a href=a/b c=d:e>", size),
        "html-unknown": _fill("<it>", size),
        "backticks": _fill("`a ", size),
        "rising-backticks": _lines(size, lambda i: "`" * (i % 700 + 1) + "x "),
        "table": "| a | b |\n|---|---|\n" + _fill("|", size),
        "table-ticks": "| a | b |\n|---|---|\n" + _fill("`|", size),
        "table-rows": "| a | b |\n|---|---|\n" + _fill("| x |\n", size),
        "headings": _fill("## x\n", size),
        "empty-headings": _fill("#\n", size),
        "heading-jumps": _fill("# a\n### b\n", size),
        "lists": _fill("1. a\n\npara\n\n2. b\n\n", size),
        "list-fence": _fill("1. a\n```\nx\n```\n", size),
        "quotes": _fill("> a\n- b\n\n", size),
        "mojibake-same": _fill("ÐŸÑ€Ð¸Ð²ÐµÑ‚ ", size),
        "mojibake-distinct": _distinct_mojibake(size),
        "mojibake-one-word": "Привет".encode().decode("latin-1") * (size // 12),
        "non-ascii-one-word": _fill("Ã", size),
        "clean-russian": _russian_lines(size),
        "zero-width": _fill("\u200b", size),
        "bidi": _fill("a\u202e", size),
        "controls": _fill("\x01", size),
        "c1-controls": _fill("\x93", size),
        "mixed-script": _fill("Cвет ", size),
        "mixed-script-word": "C" + _fill("в", size),
    }
