"""Differential fuzzing of booklint.tex against the real renderers (a diagnostic, not a test).

    python bench/fuzz_tex_oracle.py [SEED] [COUNT]

Builds COUNT random formulas from a soup of tokens (commands, braces, scripts, environments,
alignment characters), renders each with the owning renderer through tests/oracle/render.js
and checks it with booklint, then prints the disagreements grouped by renderer and error.
Random soups are far nastier than book math; the rate found here (about 0.5 % at the time of
writing) points at the validator's weak spots, listed in the math-lib report.
"""

import collections
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / 'tests' / 'tex'))
from tex_oracle import render
from booklint.tex import check, MacroScope
random.seed(int(sys.argv[1]) if len(sys.argv)>1 else 1)
atoms = ["x","y","2","\\alpha","\\beta","\\cdot","+","=","'","(",")","[","]","|","\\{","\\}","\\,","\\infty","\\sum","\\lfloor","\\rfloor","\\partial","<",">","\\le","\\to","\\mathbb{R}","\\text{ab}","\\text{a_b}","\\mathrm{d}","\\operatorname{tr}","\\lfoor","\\limits","&","\\\\","#","\\hline","\\dots","\\ldots","\\quad"," ","~","!",",",";",":","\\;","\\!","\\left(","\\right)","\\left.","\\right|","\\middle|","\\big(","\\Big)","\\bigl(","\\bigr)","\\langle","\\rangle","\\vert","\\|","\\overline","\\hat","\\tilde","\\vec","\\frac","\\sqrt","\\binom","\\mathbf","\\boldsymbol","\\underbrace","\\overset","\\stackrel","\\tag{1}","\\label{a}","\\nonumber","\\notag","\\color{red}","\\textcolor{red}","\\displaystyle","\\scriptstyle","\\over","\\choose","\\mathcal","\\mathsf","\\mathtt","\\mathit","\\lim","\\max","\\min","\\log","\\exp","\\sin","\\prime","^","_","^","_","{","}","{","}","\\begin{matrix}","\\end{matrix}","\\begin{aligned}","\\end{aligned}","\\begin{cases}","\\end{cases}","\\begin{array}{cc}","\\end{array}","\\begin{equation}","\\end{equation}","\\begin{align}","\\end{align}","\\begin{pmatrix}","\\end{pmatrix}","\\sqrt[3]","\\xrightarrow[a]","\\not","\\neq","\\mid","\\cr","\\hspace{1em}","\\mbox{a}","\\textbf{x}","\\phantom","\\underset","\\substack","\\atop","\\rule{1em}{2em}","\\kern1em","\\mathop","\\mathrel","\\bmod","\\pmod","\\pod"]
items=[]
for i in range(int(sys.argv[2]) if len(sys.argv)>2 else 3000):
    n=random.randint(1,8)
    tex="".join(random.choice(atoms)+random.choice(["", " "]) for _ in range(n))
    r=random.choice(["mathjax","katex"]); d=random.choice([True,False])
    items.append(dict(id=i,tex=tex,display=d,renderer=r,chapter=f"c{i}"))
ver=render(items)
dis=collections.Counter(); ex={}
for it in items:
    p=check(it["tex"],renderer=it["renderer"],display=it["display"])
    v=ver[it["id"]]
    if v["ok"]!=(not p):
        key=(it["renderer"], "oracle-rejects" if not v["ok"] else "booklint-rejects", (v["error"] or "")[:50] if not v["ok"] else p[0].kind)
        dis[key]+=1; ex.setdefault(key,(it["tex"], v["error"], [(x.kind,x.message[:70]) for x in p]))
print(sum(dis.values()), "disagreements of", len(items))
for k,c in dis.most_common(40): print(c,k,ex[k])
