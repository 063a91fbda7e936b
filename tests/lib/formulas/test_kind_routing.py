"""Which M rule reports each kind of TeX problem: declared on the rules' ``@rule(kinds=...)``,
looked up by booklint.formulas through the registry (the KIND_CODE table it replaced)."""

from __future__ import annotations

from booklint.formulas.analysis import FALLBACK_CODE, code_for_kind
from booklint.registry import kinds_of, rules_for_kind
from booklint.tex import KINDS

#: The routing the findings depend on: changing it changes which rule reports what.
ROUTING = {
    "unknown-command": "M001",
    "unsupported-command": "M001",
    "unbalanced-brace": "M002",
    "unknown-env": "M003",
    "env-mismatch": "M003",
    "left-right": "M004",
    "missing-argument": "M005",
    "unbraced-argument": "M005",
    "double-script": "M006",
    "misplaced-limits": "M006",
    "misplaced-alignment": "M007",
    "display-env-inline": "M008",
    "text-mode": "M012",
    "parameter-char": "M013",
    "double-infix": "M013",
    "duplicate-label": "M014",
    "too-large": "M015",
}


def test_every_tex_kind_has_exactly_one_m_rule():
    assert set(ROUTING) == set(KINDS)
    for kind in KINDS:
        assert rules_for_kind(kind, "M") == [ROUTING[kind]], kind
        assert code_for_kind(kind) == ROUTING[kind]


def test_rules_declare_their_kinds():
    assert kinds_of("M001") == {"unknown-command", "unsupported-command"}
    assert kinds_of("M013") == {"parameter-char", "double-infix"}
    assert kinds_of("M017") == frozenset()  # it checks formulas again, with the other renderer


def test_a_kind_no_rule_declares_still_reaches_the_author():
    assert FALLBACK_CODE == "M013"
    assert code_for_kind("a-kind-from-a-newer-booklint-tex") == FALLBACK_CODE
