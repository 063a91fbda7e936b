"""Adversarial input, every rule: no crash, no stack overflow, findings capped where the engine
caps them. The time targets (each rule under a second of CPU on 1 MB of each input) are measured
by ``bench/adversarial.py``, not asserted here: a timed test fails on a busy machine, not on slow code."""

from __future__ import annotations

import pytest
from adversarial_inputs import inputs

from booklint import engine
from booklint.config import Config
from booklint.context import Context
from booklint.engine import MAX_PER_RULE_AND_FILE
from booklint.registry import all_rules

pytestmark = pytest.mark.slow
SIZE = 128 << 10


@pytest.fixture(scope="module")
def books(tmp_path_factory):
    out = {}
    for name, text in inputs(SIZE).items():
        root = tmp_path_factory.mktemp(name)
        (root / "_config.yml").write_text("baseurl: /b\n")
        (root / "a.md").write_text("---\ntitle: x\n---\n" + text, encoding="utf-8")
        out[name] = engine.load_book(root, Config())
    return out


@pytest.mark.parametrize("rule", list(all_rules()), ids=lambda r: r.code)
def test_each_rule_survives_adversarial_input(books, rule):
    for book in books.values():
        ctx = Context(book, Config(), rule)
        subject = book.docs["a.md"] if rule.scope == "document" else book
        with engine.parsed_objects_frozen():  # as the engine runs rules
            for i, _ in enumerate(rule.func(subject, ctx) or ()):
                if i >= MAX_PER_RULE_AND_FILE:  # where the engine stops listing
                    break
