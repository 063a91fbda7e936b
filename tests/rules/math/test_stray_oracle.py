"""The stray-markup rules judged by the real renderers: kramdown (Debian's Ruby gem), Jekyll 4.3's
Liquid, MathJax 3 and KaTeX (tests/oracle/node_modules).

* D030 / D031 / M032: what kramdown really prints for the fixtures' lines;
* D032: which include parameters Jekyll really refuses (its own tag class, and one real build);
* M031: that both renderers really draw `R^15` as R¹5 (MathML), and M031 flags exactly those;
* M012: every command whose argument either renderer reads as text (found by probing the
  renderers, not from booklint's tables) is one booklint's checker reads as text;
* M010 / M011: what kramdown really does to `*` pairs and `|` in `$...$` at the defaults.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path
from types import SimpleNamespace

import pytest
from helpers import lint

from booklint.data import examples_dir
from booklint.document.model import Span
from booklint.formulas.stray import loose_scripts
from booklint.tex import check
from booklint.tex.scope import MacroScope
from booklint.tex.tables import TEXT, load_table

ORACLE = Path(__file__).resolve().parents[2] / "oracle"
MATHML_JS = ORACLE / "mathml.js"
EXAMPLES = examples_dir()

_KRAMDOWN = r'''
require "kramdown"
require "kramdown-parser-gfm"
opts = {input: "GFM", hard_wrap: false, auto_ids: true, entity_output: :as_char,
        smart_quotes: "lsquo,rsquo,ldquo,rdquo", syntax_highlighter: nil}
print Kramdown::Document.new(STDIN.read, opts).to_html
'''


def _need_kramdown():
    if shutil.which("ruby") is None or subprocess.run(
            ["ruby", "-e", 'require "kramdown"; require "kramdown-parser-gfm"'], capture_output=True).returncode:
        pytest.skip("ruby with kramdown and kramdown-parser-gfm is not installed (Debian: ruby-kramdown-parser-gfm)")


def _kramdown(text: str) -> str:
    return subprocess.run(["ruby", "-e", _KRAMDOWN], input=text, capture_output=True, text=True, check=True,
                          timeout=120).stdout


def _need_node():
    if shutil.which("node") is None:
        pytest.skip("node is not installed")
    for pkg in ("mathjax-full", "katex"):
        if not (ORACLE / "node_modules" / pkg / "package.json").is_file():
            pytest.skip(f"tests/oracle/node_modules/{pkg} is missing: run `npm ci --prefix tests/oracle`")


def _mathml(cases: list[dict]) -> dict:
    out = subprocess.run(["node", str(MATHML_JS)], input=json.dumps(cases), capture_output=True, text=True,
                         check=True, timeout=600).stdout
    return {v["id"]: v for v in json.loads(out)}


def _body(md: str) -> str:
    """A fixture page without its front matter and `expect` comments (kramdown gets the rest)."""
    if md.startswith("---\n"):
        md = md[md.index("\n---\n", 4) + 5:]
    return re.sub(r"\s*<!-- expect:[^>]*-->", "", md)


def _paragraph_text(html_out: str) -> list[str]:
    """The text of each <p>, <td> and <h1-6> kramdown wrote, tags removed, entities decoded."""
    return [html.unescape(re.sub(r"<[^>]+>", "", m.group(2)))
            for m in re.finditer(r"<(p|td|h[1-6])\b[^>]*>(.*?)</\1>", html_out, re.S)]


# -- kramdown ----------------------------------------------------------------------------------

def test_kramdown_prints_the_unclosed_emphasis_of_d030_literally():
    """Every line D030 flags in its bad fixture still shows its marker after kramdown; in the
    good fixture, every `*`/`_` D030 leaves alone either became emphasis or is meant literally."""
    _need_kramdown()
    bad = (EXAMPLES / "D030" / "bad.md").read_text(encoding="utf-8")
    flagged = {(f.line, f.column) for f in lint(EXAMPLES / "D030", "bad.md", select=["D030"], isolated=True)}
    lines = bad.splitlines()
    assert flagged
    for line, col in flagged:
        src = lines[line - 1]
        marker = re.match(r"[*_]+", src[col - 1:]).group()
        following = re.match(r"[*_]+(\w+ \w+)", src[col - 1:]).group(1)
        out = _kramdown(src.split("<!--")[0].strip() + "\n")
        texts = " ".join(_paragraph_text(out))
        assert marker + following in texts, f"kramdown did not leave `{marker}` literal on line {line}: {out!r}"
    # the closed ones and kramdown's own pairing (`**(i, i)**th`) become elements
    good = _kramdown(_body((EXAMPLES / "D030" / "good.md").read_text(encoding="utf-8")))
    assert "<em>Remember that this only works for large batches.</em>" in good
    assert "<strong>(i, i)</strong>th" in good
    assert not lint(EXAMPLES / "D030", "good.md", select=["D030"], isolated=True)


def test_kramdown_leaves_tex_in_prose_as_typed_and_math_fences_as_code():
    _need_kramdown()
    out = _kramdown(_body((EXAMPLES / "D031" / "bad.md").read_text(encoding="utf-8")))
    texts = " ".join(_paragraph_text(out))
    for cmd in ("\\le 5", "\\times", "\\frac{a}{b}", "\\cite{kaplan2020}", "\\emph{important}"):
        assert cmd in texts, f"kramdown changed `{cmd}`: {texts!r}"
    fence = _kramdown(_body((EXAMPLES / "M032" / "bad.md").read_text(encoding="utf-8")))
    assert re.search(r'<pre><code class="language-math">E = mc\^2\s*</code></pre>', fence), fence


M010_CASES = [
    # (paragraph or table row with one `$...$`, does kramdown change what the formula shows?)
    ("Stars $a*b*c$ here.", True),
    ("Spaced $a * b * c$ here.", False),
    ("Bold $x**2 + y**2$ here.", True),
    ("One star $a*b$ here.", False),
    ("Subscripts $a_i b_j$ here.", False),
    ("Pairs $a_{ij}*x_{ij}*y$ here.", True),
    ("A norm $\\|x\\|$ here.", True),
    ("Bars $|x|$ here.", True),          # kramdown needs no delimiter row: this paragraph is a table
    ("First line.\nBars $|x|$ here.", False),
]
M011_CASES = [
    ("| $a|b$ | c |", True),
    ("| $\\vert a \\vert$ | c |", False),
    ("| $\\|W\\|_2$ | c |", True),
    ("| $x_1$ | c |", False),
]


def _formula_after(out: str, marker: str) -> str:
    m = re.search(re.escape(marker) + r"(.*?)(?:here\.|</td>)", out, re.S)
    return m.group(1) if m else ""


@pytest.mark.parametrize("source,changed", M010_CASES + M011_CASES, ids=[c for c, _ in M010_CASES + M011_CASES])
def test_m010_m011_report_what_kramdown_really_changes(source, changed, make_book):
    """At the defaults, M010 or M011 reports a `$...$` exactly when real kramdown hands the
    auto-render something other than what the author wrote (an element inside, a lost backslash,
    a cell split)."""
    _need_kramdown()
    table = source.startswith("|")
    page = f"| a | b |\n|---|---|\n{source}\n" if table else source + "\n"
    out = _kramdown(page)
    raw = re.search(r"\$(.*?)\$", source).group(1)
    if table:
        cell = re.search(r"<tbody>\s*<tr>\s*<td>(.*?)</td>\s*<td>(.*?)</td>", out, re.S)
        got_cells = re.findall(r"<td>(.*?)</td>", out[out.index("<tbody>"):], re.S)
        really = cell is None or len(got_cells) != 2 or html.unescape(cell.group(1)).strip() != f"${raw}$"
    elif "<table" in out:
        really = True
    else:
        shown = out.split("<p>", 1)[1].split("</p>", 1)[0]
        formula = shown[shown.index("$"):shown.rindex("$") + 1] if "$" in shown else ""
        really = "<" in formula or html.unescape(formula) != f"${raw}$"
    assert really == changed, f"kramdown: {out!r}"
    book = make_book({"_config.yml": "markdown: kramdown\nkramdown:\n  input: GFM\n",
                      "p.md": "---\nlayout: distill\n---\n\n" + page})
    codes = {f.code for f in lint(book, select=["M010", "M011"], isolated=True)}
    assert bool(codes) == changed, codes


# -- Jekyll -------------------------------------------------------------------------------------

INCLUDE_CASES = [
    'figure.liquid path="a.png" caption="see <a href="x">this</a>"',
    'figure.liquid path="a.png" caption="a "quoted" word"',
    "figure.liquid path='a.png' caption='see <a href=\"x\">this</a>'",
    'figure.liquid path="a.png" caption="He said \\"hi\\""',
    'figure.liquid path="a.png" caption=no quotes',
    'figure.liquid path="a.png" class="img-fluid" zoomable=true',
    'figure.liquid path="a.png" caption="see <a href=&quot;x&quot;>this</a>"',
    '{{ page.fig }} caption="x"',
]


def _need_jekyll():
    if shutil.which("jekyll") is None or shutil.which("ruby") is None:
        pytest.skip("jekyll is not installed (Debian: jekyll)")


def test_d032_reports_exactly_the_includes_jekyll_refuses(make_book):
    """Jekyll's own include tag class parses each markup (no build needed); D032 must agree."""
    _need_jekyll()
    script = ('require "jekyll"\n'
              'STDIN.read.split("\\n").each do |m|\n'
              '  begin\n'
              '    Liquid::Template.parse("{% include " + m + " %}")\n'
              '    puts "ok"\n'
              '  rescue StandardError => e\n'
              '    puts "error: " + e.message.lines.first.to_s.strip\n'
              '  end\n'
              'end\n')
    verdicts = subprocess.run(["ruby", "-e", script], input="\n".join(INCLUDE_CASES), capture_output=True,
                              text=True, check=True, timeout=120).stdout.splitlines()
    assert len(verdicts) == len(INCLUDE_CASES), verdicts
    page = "---\nlayout: page\n---\n\n" + "\n\n".join("{% include " + m + " %}" for m in INCLUDE_CASES) + "\n"
    book = make_book({"_config.yml": "markdown: kramdown\n", "_includes/figure.liquid": "{{ include.caption }}",
                      "p.md": page})
    flagged = {f.line for f in lint(book, select=["D032"], isolated=True)}
    for k, (markup, verdict) in enumerate(zip(INCLUDE_CASES, verdicts, strict=True)):
        line = 5 + 2 * k
        assert (line in flagged) == verdict.startswith("error"), f"{markup!r}: Jekyll {verdict!r}, D032 {line in flagged}"
    assert any(v.startswith("error: Invalid syntax for include tag") for v in verdicts)


def test_jekyll_build_fails_on_the_d032_fixture(tmp_path):
    _need_jekyll()
    site = tmp_path / "site"
    shutil.copytree(EXAMPLES / "D032", site)
    (site / "good.md").unlink()
    env = {"PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "JEKYLL_NO_BUNDLER_REQUIRE": "true", "HOME": str(tmp_path)}
    proc = subprocess.run(["jekyll", "build", "--source", str(site), "--destination", str(tmp_path / "_site")],
                          capture_output=True, text=True, env=env, timeout=300)
    assert proc.returncode != 0
    assert "Invalid syntax for include tag" in proc.stdout + proc.stderr
    (site / "bad.md").unlink()
    shutil.copy(EXAMPLES / "D032" / "good.md", site / "good.md")
    ok = subprocess.run(["jekyll", "build", "--source", str(site), "--destination", str(tmp_path / "_site")],
                        capture_output=True, text=True, env=env, timeout=300)
    assert ok.returncode == 0, ok.stdout + ok.stderr


# -- MathJax and KaTeX --------------------------------------------------------------------------

SCRIPT_CASES = [
    # (as written, as meant)
    ("\\mathbb{R}^15", "\\mathbb{R}^{15}"),
    ("2^10", "2^{10}"),
    ("x_12", "x_{12}"),
    ("10^-3", "10^{-3}"),
    ("W_12 + b_3", "W_{12} + b_{3}"),
    ("x^2", "x^{2}"),
    ("a_i b_j", "a_{i} b_{j}"),
    ("x^{12}", "x^{12}"),
    ("2^1 0", "2^{1} 0"),
    ("e^{-x}", "e^{-x}"),
]


def _shape(mathml: str) -> str:
    """MathML without grouping rows and class hints: what is drawn where."""
    return re.sub(r"\s+", "", re.sub(r"\sdata-mjx-[\w-]+=\"[^\"]*\"|</?mrow[^>]*>", "", mathml))


def test_both_renderers_draw_unbraced_scripts_as_m031_says():
    """R^15 really is R¹5 in MathJax and in KaTeX (the MathML differs from R^{15}'s), and M031
    flags a formula exactly when the drawing differs from the braced one."""
    _need_node()
    cases = [{"id": f"{r}|{i}|{k}", "tex": tex, "renderer": r}
             for r in ("mathjax", "katex") for i, pair in enumerate(SCRIPT_CASES) for k, tex in enumerate(pair)]
    got = _mathml(cases)
    assert all(v["ok"] for v in got.values()), [v for v in got.values() if not v["ok"]]
    r15 = got["katex|0|0"]["mathml"]
    assert re.search(r"<msup>.*?<mn>1</mn></msup><mn>5</mn>", r15), r15
    for i, (written, _meant) in enumerate(SCRIPT_CASES):
        flagged = bool(loose_scripts([SimpleNamespace(tex=written, to_file=lambda a, b: Span(a, b))]))
        for r in ("mathjax", "katex"):
            differs = _shape(got[f"{r}|{i}|0"]["mathml"]) != _shape(got[f"{r}|{i}|1"]["mathml"])
            assert differs == flagged, f"{written!r} in {r}: drawn differently {differs}, M031 {flagged}"


def _commands_with_arguments(renderer: str) -> dict:
    t = load_table(renderer)
    cmds = dict(t.commands)
    for name, c in t.text_commands.items():
        cmds.setdefault(name, c)
    for pkg in t.package_commands.values():
        for name, c in pkg.items():
            cmds.setdefault(name, c)
    return {n: c for n, c in cmds.items() if c.args >= 1 and n.isalpha() and n not in ("begin", "end")}


def test_text_mode_commands_of_both_renderers_are_text_for_m012():
    """Probe every command with arguments in both renderers: an argument where `x^2` is refused
    (KaTeX) or printed as literal text (MathJax) is a text-mode argument. booklint's tables must
    read each such argument as text, so M012's checker looks inside every one of them; for KaTeX,
    the checker must report `text-mode` on exactly those."""
    _need_node()
    cases = []
    tables = {r: _commands_with_arguments(r) for r in ("katex", "mathjax")}
    for r, cmds in tables.items():
        for name, c in cmds.items():
            for p in range(min(c.args, 6)):
                for fill in ("red", "1pt"):
                    for body, kind in (("x2", "base"), ("x^2", "probe")):
                        args = [fill] * c.args
                        args[p] = body
                        cases.append({"id": f"{r}|{name}|{p}|{fill}|{kind}", "renderer": r,
                                      "tex": "\\" + name + "".join("{" + a + "}" for a in args)})
    got = _mathml(cases)
    text_mode: dict[str, set] = {"katex": set(), "mathjax": set()}
    for c in cases:
        r, name, p, fill, kind = c["id"].split("|")
        if kind != "probe" or not got[c["id"].replace("|probe", "|base")]["ok"]:
            continue
        v = got[c["id"]]
        if r == "katex" and not v["ok"] and "'^'" in v["error"]:
            text_mode[r].add((name, int(p), fill))
        if r == "mathjax" and v["ok"] and re.search(r"<mtext[^>]*>[^<]*x\^2", v["mathml"]):
            text_mode[r].add((name, int(p), fill))
    assert len({n for n, _p, _f in text_mode["katex"]}) >= 15 and len({n for n, _p, _f in text_mode["mathjax"]}) >= 10
    for r, found in text_mode.items():
        missing = sorted({(n, p) for n, p, _f in found if tables[r][n].mode_of(p) != TEXT})
        assert not missing, f"{r} reads these arguments as text, booklint's table does not: {missing}"
    scope = MacroScope("katex", {})
    for name, p, fill in sorted(text_mode["katex"]):
        c = tables["katex"][name]
        args = [fill] * c.args
        args[p] = "x^2"
        tex = "\\" + name + "".join("{" + a + "}" for a in args)
        kinds = {pr.kind for pr in check(tex, renderer="katex", display=False, macros=scope)}
        assert "text-mode" in kinds, f"M012 misses `{tex}` in KaTeX: {kinds}"


MATHJAX_TEXT_CASES = [
    "\\text{a^2}", "\\textbf{\\alpha}", "\\text{50\\%}", "\\mbox{a\\ b}", "\\fbox{x^2}", "\\colorbox{red}{a^b}",
    "\\text{num_params}", "\\text{if $x^2$ holds}", "\\text{costs \\$5 for \\{a\\}}", "\\text{a \\(x^2\\) b}",
    "x^2 + \\text{plain}",
]


def test_m012_reports_what_mathjax_prints_as_typed_in_text():
    """For a formula MathJax draws, M012 reports a text-mode argument exactly when MathJax's
    MathML shows a `^` or a backslash inside text (`_` is printed too, and meant)."""
    _need_node()
    got = _mathml([{"id": i, "tex": t, "renderer": "mathjax"} for i, t in enumerate(MATHJAX_TEXT_CASES)])
    from booklint.formulas.stray import mathjax_text_literals
    for i, tex in enumerate(MATHJAX_TEXT_CASES):
        assert got[i]["ok"], got[i]
        texts = "".join(re.findall(r"<mtext[^>]*>([^<]*)</mtext>", got[i]["mathml"]))
        literal = "^" in texts or "\\" in texts
        formula = SimpleNamespace(tex=tex, renderer="mathjax", to_file=lambda a, b: Span(a, b))
        reported = bool(mathjax_text_literals([formula]))
        assert reported == literal, f"{tex!r}: MathJax text {texts!r}, M012 {reported}"
