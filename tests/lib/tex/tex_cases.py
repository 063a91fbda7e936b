"""Hand-written formulas, malformed and valid, each with the renderer that owns it.

``ok`` is the verdict the owning renderer gives (checked against the real renderer by
test_cases_oracle.py), ``kind`` the TexProblem kind booklint must report first for a
rejected formula. Cases that share a ``chapter`` run in order on one page, so definitions
and labels carry (MathJax) or not (KaTeX as Distill calls it). A case with ``raw`` is a
single-``$`` span as written in Markdown: its ``tex`` is what kramdown hands to KaTeX.
"""

from __future__ import annotations

from dataclasses import dataclass

from booklint.tex.kramdown import kramdown_math_text


@dataclass(frozen=True)
class Case:
    id: str
    tex: str
    renderer: str
    display: bool
    ok: bool
    kind: str | None = None
    chapter: str | None = None
    raw: str | None = None

    @property
    def page(self) -> str:
        return self.chapter or self.id


MJ, KX = "mathjax", "katex"


def C(id, tex, renderer, display, ok, kind=None, chapter=None):
    return Case(id, tex, renderer, display, ok, kind, chapter)


def K(id, raw, ok, kind=None):
    return Case(id, kramdown_math_text(raw).text, KX, False, ok, kind, None, raw)


CASES: list[Case] = [
    # unknown commands
    C("unknown-lfoor-mj", r"\lfoor x \rfloor", MJ, True, False, "unknown-command"),
    C("unknown-alpah-kx", r"\alpah + \beta", KX, False, False, "unknown-command"),
    C("unknown-fracc-mj", r"\fracc{a}{b}", MJ, False, False, "unknown-command"),
    C("unknown-sqrtt-kx", r"\sqrtt{2}", KX, False, False, "unknown-command"),
    C("unknown-mathbbb-mj", r"\mathbbb{R}", MJ, True, False, "unknown-command"),
    C("unknown-cdott-kx", r"x \cdott y", KX, False, False, "unknown-command"),
    C("unknown-in-arg-mj", r"\frac{\lamda}{2}", MJ, True, False, "unknown-command"),
    C("unknown-in-sub-kx", r"x_{\imath\jmathh}", KX, False, False, "unknown-command"),
    C("unknown-text-dollar-mj", r"\text{if $\lfoor x$}", MJ, False, False, "unknown-command"),
    C("lone-backslash-kx", "x + \\", KX, False, False, "unknown-command"),
    C("lone-backslash-mj", "x + \\", MJ, False, True),
    C("label-kx", r"\label{eq:1} x = 1", KX, False, False, "unsupported-command"),
    C("label-mj", r"x = 1 \label{eq:1}", MJ, True, True),
    C("declaremathop-mj", r"\DeclareMathOperator{\tr}{tr} \tr A", MJ, True, True),
    C("declaremathop-kx", r"\DeclareMathOperator{\tr}{tr} \tr A", KX, False, False, "unsupported-command"),
    C("mhchem-mj", r"\ce{H2O}", MJ, False, True),
    C("mhchem-kx", r"\ce{H2O}", KX, False, False, "unsupported-command"),
    C("qty-mj", r"\qty(x)", MJ, False, False, "unknown-command"),
    C("require-physics-mj", r"\require{physics} \qty(x)", MJ, False, True),
    C("color-autoload-mj", r"\color{red}{x} + \textcolor{blue}{y}", MJ, False, True),
    C("braket-autoload-mj", r"\ket{\psi} + \Set{x}", MJ, True, True),
    # braces
    C("brace-open-frac-mj", r"\frac{a}{b", MJ, True, False, "unbalanced-brace"),
    C("brace-extra-close-kx", r"\frac{a}{b}}", KX, False, False, "unbalanced-brace"),
    C("brace-open-kx", r"{x + y", KX, False, False, "unbalanced-brace"),
    C("brace-close-mj", r"x + y}", MJ, False, False, "unbalanced-brace"),
    C("brace-text-mj", r"\text{abc", MJ, False, False, "unbalanced-brace"),
    C("brace-nested-kx", r"{{{x}}", KX, False, False, "unbalanced-brace"),
    C("bracket-open-mj", r"\sqrt[3{x}", MJ, False, False, "unbalanced-brace"),
    C("bracket-open-kx", r"\sqrt[3{x}", KX, False, False, "unbalanced-brace"),
    C("escaped-braces-ok-mj", r"\{x \mid x > 0\}", MJ, False, True),
    # environments
    C("env-mismatch-mj", r"\begin{matrix}a\end{pmatrix}", MJ, True, False, "env-mismatch"),
    C("env-mismatch-kx", r"\begin{aligned}a&=b\end{align}", KX, True, False, "env-mismatch"),
    C("env-no-end-mj", r"\begin{cases}a & b", MJ, True, False, "env-mismatch"),
    C("env-no-begin-kx", r"a \end{matrix}", KX, False, False, "env-mismatch"),
    C("env-no-end-kx", r"\begin{pmatrix}a\\b", KX, True, False, "env-mismatch"),
    C("env-typo-end-mj", r"\begin{array}{c}a\end{arrray}", MJ, True, False, "env-mismatch"),
    C("unknown-env-mj", r"\begin{matirx}a\end{matirx}", MJ, True, False, "unknown-env"),
    C("unknown-env-kx", r"\begin{eqation}x\end{eqation}", KX, True, False, "unknown-env"),
    C("multline-kx", r"\begin{multline}a\\b\end{multline}", KX, True, False, "unknown-env"),
    C("multline-mj", r"\begin{multline}a\\b\end{multline}", MJ, True, True),
    C("cd-autoload-mj", r"\begin{CD}A @>>> B\end{CD}", MJ, True, True),
    C("array-ok-kx", r"\begin{array}{cc}a&b\\c&d\end{array}", KX, False, True),
    C("array-no-spec-mj", r"\begin{array}\end{array}", MJ, True, False, "env-mismatch"),
    # \left \right \middle
    C("left-open-mj", r"\left( x", MJ, True, False, "left-right"),
    C("right-alone-kx", r"x \right)", KX, False, False, "left-right"),
    C("right-no-delim-kx", r"\left( x \right", KX, False, False, "left-right"),
    C("left-bad-delim-mj", r"\left x \right)", MJ, False, False, "left-right"),
    C("middle-alone-kx", r"\middle| x", KX, False, False, "left-right"),
    C("right-in-group-mj", r"\left( {x \right)}", MJ, False, False, "left-right"),
    C("left-dot-ok", r"\left. \frac{df}{dx} \right|_{x=0}", KX, False, True),
    C("middle-ok-mj", r"\left\{ x \middle| x > 0 \right\}", MJ, True, True),
    C("left-floor-ok-kx", r"\left\lfloor \frac{N}{2} \right\rfloor", KX, False, True),
    # missing arguments
    C("frac-one-arg-mj", r"\frac{a}", MJ, True, False, "missing-argument"),
    C("frac-bare-kx", r"\frac", KX, False, False, "missing-argument"),
    C("sqrt-bare-mj", r"\sqrt", MJ, False, False, "missing-argument"),
    C("text-bare-kx", r"x + \text", KX, False, False, "missing-argument"),
    C("sup-bare-mj", r"x^", MJ, False, False, "missing-argument"),
    C("sub-bare-kx", r"x_", KX, False, False, "missing-argument"),
    C("frac-in-group-kx", r"{\frac{a}} + 1", KX, False, False, "missing-argument"),
    C("overbrace-bare-mj", r"\overbrace", MJ, True, False, "missing-argument"),
    C("binom-one-kx", r"\binom{n}", KX, False, False, "missing-argument"),
    C("frac-amp-mj", r"\frac&b", MJ, True, False, "missing-argument"),
    C("sup-sup-kx", r"x^^2", KX, False, False, "missing-argument"),
    C("frac-empty-ok", r"\frac{a}{}", MJ, False, True),
    C("frac-digits-ok-kx", r"\frac12 + \frac a b", KX, False, True),
    C("sup-empty-ok-kx", r"x^{}", KX, False, True),
    # double scripts
    C("double-sup-mj", r"x^a^b", MJ, False, False, "double-script"),
    C("double-sub-kx", r"x_1_2", KX, False, False, "double-script"),
    C("prime-after-sup-mj", r"x^2'", MJ, False, False, "double-script"),
    C("double-sub-mixed-kx", r"x_a^b_c", KX, False, False, "double-script"),
    C("double-sup-mixed-mj", r"x^a_b^c", MJ, True, False, "double-script"),
    C("prime-then-sup-ok-kx", r"f'^2 + x''", KX, False, True),
    C("grouped-scripts-ok-mj", r"{x^a}^b + x^{a^b}", MJ, False, True),
    # & and \\ out of place
    C("amp-top-mj", r"a & b", MJ, False, False, "misplaced-alignment"),
    C("amp-top-kx", r"a & b", KX, False, False, "misplaced-alignment"),
    C("amp-in-frac-mj", r"\frac{a&b}{c}", MJ, True, False, "misplaced-alignment"),
    C("amp-in-equation-mj", r"\begin{equation}a&b\end{equation}", MJ, True, False, "misplaced-alignment"),
    C("amp-in-group-kx", r"\begin{pmatrix}{a&b}\end{pmatrix}", KX, True, False, "misplaced-alignment"),
    C("hline-top-mj", r"a \hline b", MJ, True, False, "misplaced-alignment"),
    C("aligned-ok-kx", r"\begin{aligned}a&=b\\c&=d\end{aligned}", KX, False, True),
    C("newline-top-ok-mj", r"a \\ b", MJ, True, True),
    # macro parameters
    C("hash-mj", r"x#y", MJ, False, False, "parameter-char"),
    C("hash-kx", r"#1 + 1", KX, False, False, "parameter-char"),
    C("def-ok-kx", r"\def\f#1{#1^2} \f{x}", KX, False, True),
    C("newcommand-ok-mj", r"\newcommand{\g}[1]{#1+1} \g{2}", MJ, True, True),
    C("escaped-hash-ok", r"\# \text{items}", KX, False, True),
    C("newcommand-redefine-kx", r"\newcommand{\R}{\mathbb{R}} \R", KX, False, False, "unsupported-command"),
    # display-only environments inline
    C("equation-inline-kx", r"\begin{equation}x\end{equation}", KX, False, False, "display-env-inline"),
    C("equation-inline-mj", r"\begin{equation}x\end{equation}", MJ, False, True),
    C("align-inline-kx", r"\begin{align}a&=b\end{align}", KX, False, False, "display-env-inline"),
    C("gather-inline-kx", r"\begin{gather}a\\b\end{gather}", KX, False, False, "display-env-inline"),
    C("align-display-ok-kx", r"\begin{align*}a&=b\end{align*}", KX, True, True),
    # text mode
    C("text-underscore-kx", r"\text{num_params}", KX, False, False, "text-mode"),
    C("text-underscore-mj", r"\text{num_params}", MJ, False, True),
    C("text-caret-kx", r"\text{a^b}", KX, False, False, "text-mode"),
    C("text-alpha-kx", r"\text{\alpha}", KX, False, False, "text-mode"),
    C("text-alpha-mj", r"\text{\alpha}", MJ, False, True),
    C("textbf-underscore-kx", r"\textbf{x_y}", KX, False, False, "text-mode"),
    C("text-escaped-ok-kx", r"\text{kv\_heads} + \text{$x_1$}", KX, False, True),
    # commands as unbraced arguments, \over, \big, \limits, \cr, \tag
    C("unbraced-sqrt-in-frac-mj", r"\frac\sqrt{2}{3}", MJ, True, False, "unbraced-argument"),
    C("unbraced-sqrt-in-frac-kx", r"\frac\sqrt{2}{3}", KX, False, False, "unbraced-argument"),
    C("script-sqrt-mj", r"x_\sqrt2", MJ, False, True),
    C("script-sqrt-kx", r"x_\sqrt2", KX, False, False, "unbraced-argument"),
    C("script-frac-ok-kx", r"x^\frac12", KX, False, True),
    C("sqrt-frac-ok-mj", r"\sqrt\frac12", MJ, False, True),
    C("mathop-log-kx", r"\mathop\log", KX, False, False, "unbraced-argument"),
    C("mathtt-frac-mj", r"\mathtt\frac12", MJ, False, False, "unbraced-argument"),
    C("double-over-mj", r"a \over b \over c", MJ, False, False, "double-infix"),
    C("double-over-kx", r"a \over b \over c", KX, False, False, "double-infix"),
    C("grouped-over-ok-kx", r"{a \over b} \over c", KX, False, True),
    C("big-no-delim-kx", r"\big x", KX, False, False, "left-right"),
    C("big-ok-mj", r"\big( x \big)", MJ, False, True),
    C("limits-misplaced-mj", r"x\limits_0", MJ, False, False, "misplaced-limits"),
    C("limits-misplaced-kx", r"\textbf{x}\limits", KX, False, False, "misplaced-limits"),
    C("limits-ok-kx", r"\sum\limits_{i=1}^n \log\limits_2", KX, True, True),
    C("cr-top-mj", r"a \cr b", MJ, False, False, "misplaced-alignment"),
    C("hline-top-kx", r"a \hline b", KX, True, False, "misplaced-alignment"),
    C("tag-inline-kx", r"x \tag{1}", KX, False, False, "display-env-inline"),
    C("tag-inline-mj", r"x \tag{1}", MJ, False, True),
    # page state: definitions carry in MathJax, not in KaTeX as Distill calls it
    C("def-red-mj-1", r"\def\red{\color{red}}", MJ, True, True, chapter="page-mj"),
    C("def-red-mj-2", r"\red x + y", MJ, False, True, chapter="page-mj"),
    C("label-dup-mj-1", r"x \label{eq:a}", MJ, True, True, chapter="page-mj"),
    C("label-dup-mj-2", r"y \label{eq:a}", MJ, True, False, "duplicate-label", chapter="page-mj"),
    C("def-red-kx-1", r"\def\myred{\color{red}} \myred x", KX, False, True, chapter="page-kx"),
    C("def-red-kx-2", r"\myred x", KX, False, False, "unknown-command", chapter="page-kx"),
    # single-$ spans through kramdown: the escape is eaten before KaTeX sees the formula
    K("kd-set-braces", r"\{x\}", True),
    K("kd-left-brace", r"\left\{ x \right\}", False, "left-right"),
    K("kd-hash", r"x \# y", False, "parameter-char"),
    K("kd-double-escaped-ok", r"\\{U_X\\}", True),
    K("kd-escaped-underscore-text", r"\text{kv\_heads}", False, "text-mode"),
    K("kd-newline-eaten", r"\begin{matrix} a \\ b \end{matrix}", True),
    K("kd-emphasis", r"a_{ij}*x_{ij}*y", True),
]
