"""1 MB of adversarial input per rule: every rule finishes in under a second of CPU time on
each input, and never overflows the stack. (The Markdown parse itself is shared by all rules
and measured separately: it is linear, see test_document.py.)"""

from __future__ import annotations

import time

import pytest

from booklint import engine
from booklint.engine import MAX_PER_RULE_AND_FILE
from booklint.registry import all_rules
from booklint.config import Config
from booklint.context import Context

MB = 1 << 20


def _nested_lists() -> str:
    out, size, i = [], 0, 0
    while size < MB:
        line = "  " * (i % 5000) + "- x\n"
        out.append(line)
        size += len(line)
        i += 1
    return "".join(out)[:MB]


def _nested_quotes() -> str:
    out, size, i = [], 0, 1
    while size < MB:
        line = ">" * (i % 5000) + " x\n"
        out.append(line)
        size += len(line)
        i += 1
    return "".join(out)[:MB]


INPUTS = {
    "dollars": "$" * MB,
    "double-dollars": "$$x" * (MB // 3),
    "braces": "{" * MB,
    "liquid": "{%" * (MB // 2),
    "brackets": "[" * MB,
    "angles": "<" * MB,
    "backslashes": "\\" * MB,
    "emphasis": "*_" * (MB // 2),
    "nested-lists": _nested_lists(),
    "nested-quotes": _nested_quotes(),
    "math-frac": "$" + "\\frac{" * (MB // 7) + "$",
    "links": "[a](b) " * (MB // 7),
    "one-line-words": ("word " * (MB // 5)),
}


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for name, text in INPUTS.items():
        root = tmp_path_factory.mktemp(name)
        (root / "_config.yml").write_text("baseurl: /b\n")
        (root / "a.md").write_text("---\ntitle: x\n---\n" + text, encoding="utf-8")
        out[name] = engine.load_book(root, Config())
    return out


@pytest.mark.parametrize("rule", [r for r in all_rules()], ids=lambda r: r.code)
def test_each_rule_is_fast_on_adversarial_input(books, rule):
    slow = []
    for name, book in books.items():
        ctx = Context(book, Config(), rule)
        subject = book.docs["a.md"] if rule.scope == "document" else book
        with engine.parsed_objects_frozen():  # as the engine runs rules
            t0 = time.process_time()
            for i, _ in enumerate(rule.func(subject, ctx) or ()):
                if i >= MAX_PER_RULE_AND_FILE:  # where the engine stops listing (engine.MAX_PER_RULE_AND_FILE)
                    break
            spent = time.process_time() - t0
        if spent > 1.0:
            slow.append(f"{name}: {spent:.2f} s")
    assert not slow, f"{rule.code} {rule.name}: " + ", ".join(slow)
