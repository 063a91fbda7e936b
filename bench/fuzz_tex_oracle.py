"""Differential fuzzing of booklint.tex against the real renderers (a diagnostic, not a test).

    python bench/fuzz_tex_oracle.py [SEED] [COUNT]

Builds COUNT random formulas from a soup of tokens (commands, braces, scripts, environments,
alignment characters), renders each with its renderer through tests/oracle/render.js, checks
it with booklint, and prints the disagreements grouped by renderer and error. Random soups are
far nastier than book math; the rate found here (about 0.5 % when this was written) points at
the validator's weak spots.
"""

from __future__ import annotations

import random
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "lib" / "tex"))

from tex_oracle import render

from booklint.tex import check

ATOMS = r"""
x y 2 \alpha \beta \cdot + = ' ( ) [ ] | \{ \} \, \infty \sum \lfloor \rfloor \partial < > \le
\to \mathbb{R} \text{ab} \text{a_b} \mathrm{d} \operatorname{tr} \lfoor \limits & \\ # \hline
\dots \ldots \quad ~ ! , ; : \; \! \left( \right) \left. \right| \middle| \big( \Big) \bigl(
\bigr) \langle \rangle \vert \| \overline \hat \tilde \vec \frac \sqrt \binom \mathbf
\boldsymbol \underbrace \overset \stackrel \tag{1} \label{a} \nonumber \notag \color{red}
\textcolor{red} \displaystyle \scriptstyle \over \choose \mathcal \mathsf \mathtt \mathit \lim
\max \min \log \exp \sin \prime ^ _ ^ _ { } { } \begin{matrix} \end{matrix} \begin{aligned}
\end{aligned} \begin{cases} \end{cases} \begin{array}{cc} \end{array} \begin{equation}
\end{equation} \begin{align} \end{align} \begin{pmatrix} \end{pmatrix} \sqrt[3] \xrightarrow[a]
\not \neq \mid \cr \hspace{1em} \mbox{a} \textbf{x} \phantom \underset \substack \atop
\rule{1em}{2em} \kern1em \mathop \mathrel \bmod \pmod \pod
""".split() + [" "]


def main() -> None:
    seed = int(sys.argv[1]) if len(sys.argv) > 1 else 1
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 3000
    rng = random.Random(seed)
    spans = []
    for i in range(count):
        tex = "".join(rng.choice(ATOMS) + rng.choice(["", " "]) for _ in range(rng.randint(1, 8)))
        spans.append(dict(id=i, tex=tex, display=rng.choice([True, False]),
                          renderer=rng.choice(["mathjax", "katex"]), chapter=f"c{i}"))
    verdicts = render(spans)
    groups: Counter = Counter()
    example = {}
    for span in spans:
        problems = check(span["tex"], renderer=span["renderer"], display=span["display"])
        v = verdicts[span["id"]]
        if v["ok"] == (not problems):
            continue
        if v["ok"]:
            key = (span["renderer"], "only booklint rejects", problems[0].kind)
        else:
            key = (span["renderer"], "only the renderer rejects", v["error"][:60])
        groups[key] += 1
        example.setdefault(key, span["tex"])
    print(f"{sum(groups.values())} disagreements of {count} (seed {seed})")
    for key, n in groups.most_common(40):
        print(f"{n:4}  {key}  e.g. {example[key]!r}")


if __name__ == "__main__":
    main()
