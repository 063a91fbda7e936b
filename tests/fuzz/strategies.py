"""Hypothesis strategies: Markdown built from the constructs the real books use (math,
Liquid, Distill tags, tables, front matter, links, HTML) mixed with random bytes."""

from __future__ import annotations

from hypothesis import strategies as st

# What Python's str.splitlines() takes for a line break and markdown-it does not (U+0085 is a
# cp1252 ellipsis read as Latin-1): positions, prose runs, fixes and reports must all agree on lines.
LINE_BREAKS = ["\x85", "\u2028", "\u2029", "\v", "\f", "\x1c", "\x1d", "\x1e", "a\x85b", "x\u2028y"]
WORDS = st.sampled_from([
    "the", "TPU", "bfloat16", "AllGather", "шардинг", "модели", "FLOPs", "roofline", "einsum",
    "HBM", "x", "", " ", "  ", "\t", "é", "ё", "😀", "\u200b", "\u202e", "Ð¡Ð»Ð¾Ð²Ð¾", "\x00", "\r",
    *LINE_BREAKS,
])
TEX = st.sampled_from([
    r"\frac{a}{b}", r"\lfoor x \rfloor", r"x^2^3", r"\begin{equation} a \end{equation}", r"\left( x",
    r"\text{num_params}", r"\{U_X\}", r"a & b \\ c", r"\sqrt", r"{{{", r"}}}", r"\def\red{x}\red",
    r"a_{ij}*x_{ij}*y", r"|x|", r"\begin{align}", r"\end{pmatrix}", "", "$", "\\",
])
URL = st.sampled_from([
    "../tpus", "tpus", "#anchor", "conclusion#further-reading", "((https://x.org))", "http//x",
    "/book/x/", "{{ site.baseurl }}/tpus", "{{ 'a' | relative_url }}", "file:///etc/passwd",
    "../../../../etc/passwd", "mailto:a@b", "", "#", "www.x.com", "a b", "C:\\x", "assets/img/a.png",
    "%zz", "#%D0%BA", "javascript:alert(1)", "https://example.com/a(b)", "missing\x85page", "#no\u2028where",
])


@st.composite
def inline(draw) -> str:
    parts = []
    for _ in range(draw(st.integers(0, 8))):
        kind = draw(st.integers(0, 12))
        if kind == 0:
            parts.append(f"${draw(TEX)}$")
        elif kind == 1:
            parts.append(f"$${draw(TEX)}$$")
        elif kind == 2:
            parts.append(f"[{draw(WORDS)}]({draw(URL)})")
        elif kind == 3:
            parts.append(f"![{draw(WORDS)}]({draw(URL)})")
        elif kind == 4:
            parts.append(f'<d-cite key="{draw(WORDS)}"></d-cite>')
        elif kind == 5:
            parts.append(f"<d-footnote>{draw(WORDS)} ${draw(TEX)}$</d-footnote>")
        elif kind == 6:
            parts.append(f"`{draw(WORDS)}`")
        elif kind == 7:
            parts.append(f"*{draw(WORDS)}* _{draw(WORDS)}_ **{draw(WORDS)}**")
        elif kind == 8:
            parts.append(f'<a href="{draw(URL)}">{draw(WORDS)}</a> <b markdown=1>{draw(WORDS)}</b>')
        elif kind == 9:
            parts.append("{{ " + draw(WORDS) + " }}")
        elif kind == 10:
            parts.append(draw(st.text(max_size=12)))
        else:
            parts.append(draw(WORDS))
    return " ".join(parts)


@st.composite
def block(draw) -> str:
    kind = draw(st.integers(0, 13))
    if kind == 0:
        return "#" * draw(st.integers(1, 7)) + " " + draw(inline())
    if kind == 1:
        return f"$$\n{draw(TEX)}\n$$"
    if kind == 2:
        return "| a | b |\n|---|---|\n| " + draw(inline()) + " | " + draw(inline()) + " |"
    if kind == 3:
        return f'{{% include figure.liquid path="{draw(URL)}" caption="{draw(inline())}" %}}'
    if kind == 4:
        return "{% details Click %}\n\n" + draw(inline()) + "\n\n" + draw(st.sampled_from(["{% enddetails %}", ""]))
    if kind == 5:
        return f'<p markdown=1 class="takeaway">{draw(inline())}</p>'
    if kind == 6:
        return f'<div markdown="1">\n{draw(inline())}\n' + draw(st.sampled_from(["</div>", ""]))
    if kind == 7:
        return "```\n" + draw(inline()) + "\n" + draw(st.sampled_from(["```", ""]))
    if kind == 8:
        return "\n".join("  " * i + "- " + draw(inline()) for i in range(draw(st.integers(1, 6))))
    if kind == 9:
        return "\n".join(">" * i + " " + draw(inline()) for i in range(1, draw(st.integers(2, 6))))
    if kind == 10:
        return f'<h3 id="{draw(WORDS)}">{draw(inline())}</h3>'
    if kind == 11:
        return "<!-- booklint-disable " + draw(st.sampled_from(["L001", "X", "nope", ""])) + " -->"
    return draw(inline())


FRONT = st.sampled_from([
    "", "---\ntitle: x\n---\n", "---\ntitle: x\n", "---\ntoc:\n  - name: A\n  - subsections:\n    - name: B\n---\n",
    "---\nprevious_section_url: ../x\nnext_section_url: tpus\n---\n", "---\n: : :\n---\n",
    "---\na: &a [1,2]\nb: [*a, *a]\n---\n", "---\nbooklint: {disable: [L]}\n---\n", "---\n- a\n- b\n---\n",
])


@st.composite
def markdown_bytes(draw) -> bytes:
    text = draw(FRONT) + "\n\n".join(draw(st.lists(block(), max_size=8)))
    data = text.encode("utf-8", "surrogatepass")
    if draw(st.booleans()):
        noise = draw(st.binary(max_size=16))
        at = draw(st.integers(0, len(data)))
        data = data[:at] + noise + data[at:]
    return data
