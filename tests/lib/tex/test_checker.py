"""Exact problems, offsets and messages of booklint.tex.check."""

import pytest

from booklint.tex import MacroScope, TexProblem, check
from booklint.tex.scope import SharedResults


def probs(tex, renderer="mathjax", display=False, scope=None):
    return [(p.kind, p.start, p.end, p.message) for p in check(tex, renderer=renderer, display=display,
                                                                 macros=scope)]


def test_lfoor_with_suggestion_and_exact_span():
    tex = r"\lfoor \frac{N}{2} \rfloor"
    assert probs(tex) == [("unknown-command", 0, 6,
                           "`\\lfoor` is not a command MathJax knows; did you mean `\\lfloor`?")]
    assert probs(tex, "katex") == [("unknown-command", 0, 6,
                                    "`\\lfoor` is not a command KaTeX knows; did you mean `\\lfloor`?")]


def test_no_suggestion_when_nothing_is_close():
    assert probs(r"x + \qqqzzzwww") == [
        ("unknown-command", 4, 14, "`\\qqqzzzwww` is not a command MathJax knows.")]


def test_unknown_environment_with_suggestion():
    [(kind, start, end, msg)] = probs(r"\begin{matirx}a\end{matirx}", display=True)
    assert (kind, start, end) == ("unknown-env", 0, 14)
    assert msg == "`{matirx}` is not an environment MathJax knows; did you mean `{matrix}`?"


def test_missing_arguments_say_how_many():
    assert probs(r"\frac{a}") == [("missing-argument", 0, 5,
                                   "`\\frac` needs 2 arguments, but only 1 is given; MathJax shows an "
                                   "error instead of the formula.")]
    assert probs(r"\sqrt", "katex")[0][:3] == ("missing-argument", 0, 5)
    assert probs(r"x^", "katex") == [("missing-argument", 1, 2,
                                      "`^` has nothing after it to put in the superscript; KaTeX shows an "
                                      "error instead of the formula. Write `^{...}`.")]


def test_braces_point_at_the_offending_brace():
    assert probs("{a}{b")[0][:3] == ("unbalanced-brace", 3, 4)
    assert probs("a}b")[0][:3] == ("unbalanced-brace", 1, 2)
    # the innermost unclosed group is reported first
    assert [p[1] for p in probs("{x{y")] == [2, 0]


def test_env_mismatch_names_both_environments():
    [(kind, start, end, msg)] = probs(r"\begin{matrix}a\end{pmatrix}", display=True)
    assert (kind, start, end) == ("env-mismatch", 15, 28)
    assert msg.startswith("`\\begin{matrix}` is closed by `\\end{pmatrix}`")


def test_left_right_problems():
    assert probs(r"\left( x")[0][:3] == ("left-right", 0, 5)
    assert probs(r"x \right)")[0][:3] == ("left-right", 2, 8)
    assert probs(r"\left x \right)")[0][:3] == ("left-right", 0, 7)
    assert probs(r"\left. x \middle| y \right\}") == []


def test_double_scripts():
    assert probs("x^a^b")[0][:3] == ("double-script", 3, 4)
    assert probs("x_a^b_c", "katex")[0][:3] == ("double-script", 5, 6)
    assert probs("x^2'")[0][:3] == ("double-script", 3, 4)
    assert probs("x'^2 + {x^a}^b + \\sum\\limits_a^b") == []


def test_alignment_and_parameters():
    assert probs("a & b")[0][:3] == ("misplaced-alignment", 2, 3)
    assert probs(r"\begin{aligned}a&=b\\c&=d\end{aligned}") == []
    assert probs(r"\begin{equation}a&b\end{equation}", display=True)[0][:3] == ("misplaced-alignment", 17, 18)
    assert probs("x#1")[0][:3] == ("parameter-char", 1, 3)


def test_display_only_environment_inline_in_katex_only():
    tex = r"\begin{align}a&=b\end{align}"
    assert probs(tex, "katex", display=False)[0][:3] == ("display-env-inline", 0, 13)
    assert probs(tex, "katex", display=True) == []
    assert probs(tex, "mathjax", display=False) == []


def test_text_mode_differences():
    assert probs(r"\text{num_params}", "mathjax") == []
    assert probs(r"\text{num_params}", "katex")[0][:3] == ("text-mode", 9, 10)
    assert probs(r"\text{\alpha}", "katex")[0][:3] == ("text-mode", 6, 12)
    assert probs(r"\text{kv\_heads and $x_1$}", "katex") == []


def test_command_of_the_other_renderer():
    [(kind, _s, _e, msg)] = probs(r"\label{a} x", "katex")
    assert kind == "unsupported-command"
    assert msg == "`\\label` works in MathJax but not in KaTeX, which renders this formula."


def test_definitions_carry_on_a_mathjax_page_but_not_in_katex():
    mj = MacroScope("mathjax")
    assert probs(r"\def\red#1{\color{red}{#1}} \newcommand{\R}{\mathbb{R}}", "mathjax", True, mj) == []
    assert probs(r"\red{x} \in \R", "mathjax", False, mj) == []
    kx = MacroScope("katex")
    assert probs(r"\def\myred#1{\color{red}{#1}} \myred{x}", "katex", False, kx) == []
    assert probs(r"\myred{x}", "katex", False, kx)[0][0] == "unknown-command"
    shared = MacroScope("katex", carry=True)
    check(r"\def\myred#1{\color{red}{#1}}", renderer="katex", display=False, macros=shared)
    assert probs(r"\myred{x}", "katex", False, shared) == []


def test_defined_macro_arity_is_checked():
    scope = MacroScope("mathjax")
    check(r"\newcommand{\pair}[2]{(#1, #2)}", renderer="mathjax", display=True, macros=scope)
    assert probs(r"\pair{a}{b}", scope=scope) == []
    assert probs(r"\pair{a}", scope=scope)[0][:3] == ("missing-argument", 0, 5)


def test_config_macros_from_the_book():
    scope = MacroScope("katex", {"\\RR": "\\mathbb{R}", "norm": 1, "ip": ["\\langle #1, #2\\rangle", 2]})
    assert probs(r"\RR + \norm{x} + \ip{a}{b}", "katex", False, scope) == []
    assert probs(r"\norm", "katex", False, scope)[0][0] == "missing-argument"
    with pytest.raises(TypeError):
        MacroScope("katex", {"x": True})


def test_labels_are_unique_per_mathjax_page():
    scope = MacroScope("mathjax")
    assert probs(r"x \label{eq:a}", display=True, scope=scope) == []
    [(kind, start, end, msg)] = probs(r"y \label{eq:a}", display=True, scope=scope)
    assert (kind, start, end) == ("duplicate-label", 2, 14)
    assert "eq:a" in msg


def test_results_shared_between_scopes_only_in_the_same_state():
    """Pages of one run share check() results (MacroScope.shared) only where the scopes agree
    on everything a result depends on: definitions, loaded packages, labels, configuration."""
    shared = SharedResults()

    def page(renderer="mathjax", config=None, carry=None):
        scope = MacroScope(renderer, config, carry=carry)
        scope.shared = shared
        return scope

    # the same formula on a fresh page: the second page reads the first one's result
    assert probs(r"\Rset + \qquad x", scope=page())[0][0] == "unknown-command"
    assert len(shared) == 1
    assert probs(r"\Rset + \qquad x", scope=page())[0][0] == "unknown-command"
    assert len(shared) == 1
    # a page that defines \Rset, one configured with it, and a KaTeX one, are other states
    defined = page()
    check(r"\newcommand{\Rset}{\mathbb{R}}", renderer="mathjax", display=True, macros=defined)
    assert probs(r"\Rset + \qquad x", scope=defined) == []
    assert probs(r"\Rset + \qquad x", scope=page(config={"Rset": "\\mathbb{R}"})) == []
    assert probs(r"\Rset + \qquad x", "katex", scope=page("katex"))[0][0] == "unknown-command"
    # a label used on this page only: a duplicate here, not on a fresh page
    labelled = page()
    assert probs(r"x \label{eq:s}", display=True, scope=labelled) == []
    assert probs(r"y \label{eq:s}", display=True, scope=labelled)[0][0] == "duplicate-label"
    assert probs(r"y \label{eq:s}", display=True, scope=page()) == []
    # a package loaded on this page only
    loaded = page()
    assert probs(r"\require{physics}", scope=loaded) == []
    assert probs(r"\qty(x)", scope=loaded) == []
    assert probs(r"\qty(x)", scope=page())[0][0] == "unknown-command"
    # no room left: results are still right, just not kept
    full = SharedResults(room=3)
    scope = MacroScope("mathjax")
    scope.shared = full
    assert probs(r"\Rset + \qquad x", scope=scope)[0][0] == "unknown-command"
    assert not full and full.room == 3


def test_autoload_and_require_load_packages_for_the_page():
    scope = MacroScope("mathjax")
    assert probs(r"\qty(x)", scope=scope)[0][0] == "unknown-command"
    assert probs(r"\require{physics}", scope=scope) == []
    assert probs(r"\qty(x)", scope=scope) == []
    assert probs(r"\require{nosuchpkg}", scope=MacroScope("mathjax"))[0][0] == "unknown-command"
    assert probs(r"\ce{H2O} \cancel{x} \bbox[red]{x}") == []


def test_scope_renderer_must_match():
    with pytest.raises(ValueError):
        check("x", renderer="katex", display=False, macros=MacroScope("mathjax"))
    with pytest.raises(ValueError):
        MacroScope("typst")


def test_problem_is_validated():
    with pytest.raises(ValueError):
        TexProblem("no-such-kind", "m", 0, 1)
    with pytest.raises(ValueError):
        TexProblem("unknown-command", "m", 3, 1)


def test_comments_and_verb():
    assert probs("x % \\lfoor is commented out\n+ y") == []
    assert probs(r"\verb|\lfoor{|") == []
    assert probs(r"\verb|x")[0][0] == "missing-argument"
