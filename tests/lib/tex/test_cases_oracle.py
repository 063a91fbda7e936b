"""The hand-written formulas: booklint must give the owning renderer's verdict on each."""

from __future__ import annotations

from collections import Counter

import pytest
from tex_cases import CASES, Case
from tex_oracle import render, require_oracle

from booklint.tex import KINDS, MacroScope, check


def _booklint_verdicts() -> dict[str, list]:
    scopes: dict[tuple[str, str], MacroScope] = {}
    out = {}
    for c in CASES:
        scope = scopes.setdefault((c.page, c.renderer), MacroScope(c.renderer))
        out[c.id] = check(c.tex, renderer=c.renderer, display=c.display, macros=scope)
    return out


def test_the_set_is_large_and_covers_every_class():
    malformed = [c for c in CASES if not c.ok]
    assert len(malformed) >= 60
    assert len({c.id for c in CASES}) == len(CASES)
    per_kind = Counter(c.kind for c in malformed)
    for kind in ("unknown-command", "unbalanced-brace", "env-mismatch", "unknown-env", "left-right",
                 "missing-argument", "double-script", "misplaced-alignment", "parameter-char",
                 "display-env-inline", "text-mode"):
        assert per_kind[kind] >= 2, kind
    assert all(c.kind in KINDS for c in malformed)
    assert {c.renderer for c in malformed} == {"mathjax", "katex"}


def test_booklint_verdict_and_kind_match_the_expectation():
    got = _booklint_verdicts()
    wrong = []
    for c in CASES:
        problems = got[c.id]
        if (not problems) != c.ok or (problems and problems[0].kind != c.kind):
            wrong.append((c.id, c.tex, [(p.kind, p.message) for p in problems]))
    assert not wrong, wrong


def _describe(c: Case, verdict: dict, problems: list) -> str:
    return (f"{c.id} [{c.renderer}, display={c.display}] {c.tex!r}: renderer says "
            f"{'ok' if verdict['ok'] else verdict['error']!r}, booklint says "
            f"{[p.kind for p in problems] or 'ok'}")


def test_same_verdict_as_the_real_renderer():
    require_oracle()
    spans = [dict(id=c.id, tex=c.tex, display=c.display, renderer=c.renderer, chapter=c.page)
             for c in CASES]
    verdicts = render(spans)
    ours = _booklint_verdicts()
    disagreements = [_describe(c, verdicts[c.id], ours[c.id]) for c in CASES
                     if verdicts[c.id]["ok"] != (not ours[c.id])]
    stale = [_describe(c, verdicts[c.id], ours[c.id]) for c in CASES if verdicts[c.id]["ok"] != c.ok]
    print(f"\n{len(CASES)} cases ({sum(not c.ok for c in CASES)} malformed): "
          f"{len(CASES) - len(disagreements)} agree, {len(disagreements)} disagree")
    assert not stale, "expectations that the real renderer contradicts:\n" + "\n".join(stale)
    assert not disagreements, "\n".join(disagreements)


@pytest.mark.parametrize("case", [c for c in CASES if not c.ok], ids=lambda c: c.id)
def test_messages_name_the_renderer_and_point_inside_the_formula(case):
    scope = MacroScope(case.renderer)
    if case.chapter:        # replay the page up to this case
        for c in CASES:
            if c.chapter == case.chapter and c.renderer == case.renderer and c is not case:
                check(c.tex, renderer=c.renderer, display=c.display, macros=scope)
            if c is case:
                break
    problems = check(case.tex, renderer=case.renderer, display=case.display, macros=scope)
    assert problems
    for p in problems:
        assert 0 <= p.start <= p.end <= len(case.tex)
        assert ("MathJax" in p.message) or ("KaTeX" in p.message), p.message
        assert p.message[0].isupper() or p.message[0] in "`\\", p.message
