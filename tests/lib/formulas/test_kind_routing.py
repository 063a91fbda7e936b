"""Which M rule reports each kind of problem (booklint.tex's, and the analysis's own): declared on
the rules' ``@rule(kinds=...)``, looked up by booklint.formulas through the registry (the KIND_CODE
table and the codes the analysis once wrote in itself)."""

from __future__ import annotations

from booklint.formulas.analysis import FALLBACK_CODE, FORMULA_KINDS, code_for_kind
from booklint.registry import kinds_of, rules_for_kind
from booklint.tex import KINDS

#: The routing the findings depend on: changing it changes which rule reports what.
ROUTING = {
    "unknown-command": "M001",
    "unsupported-command": "M001",
    "unbalanced-brace": "M002",
    "lost-math-delimiter": "M018",
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
    # the analysis's own
    "display-math-inline": "M008",
    "unpaired-dollar": "M009",
    "kramdown-damage": "M010",
    "table-pipe": "M011",
    "too-many-formulas": "M015",
    "caption-double-dollar": "M016",
}


def test_every_kind_has_exactly_one_m_rule():
    assert not set(KINDS) & set(FORMULA_KINDS)
    assert set(ROUTING) == set(KINDS) | set(FORMULA_KINDS)
    for kind in ROUTING:
        assert rules_for_kind(kind, "M") == [ROUTING[kind]], kind
        assert code_for_kind(kind) == ROUTING[kind]


def test_rules_declare_their_kinds():
    assert kinds_of("M001") == {"unknown-command", "unsupported-command"}
    assert kinds_of("M013") == {"parameter-char", "double-infix"}
    assert kinds_of("M015") == {"too-large", "too-many-formulas"}
    assert kinds_of("M017") == frozenset()  # it checks formulas again, with the other renderer


def test_a_kind_no_rule_declares_still_reaches_the_author():
    assert FALLBACK_CODE == "M013"
    assert code_for_kind("a-kind-from-a-newer-booklint-tex") == FALLBACK_CODE
