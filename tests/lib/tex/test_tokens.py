from booklint.tex.tokens import (
    ALIGN,
    BACKSLASH_END,
    CHAR,
    CLOSE,
    COMMENT,
    CS,
    OPEN,
    PARAM,
    SHIFT,
    SPACE,
    SUB,
    SUP,
    tokenize,
)


def kinds(tex, **kw):
    return [(t.kind, t.text, t.start, t.end) for t in tokenize(tex, **kw)]


def test_every_kind_with_offsets():
    assert kinds(r"\frac{a}{b}^2_x & \\ #1 % c" + "\n" + r"\, é\$ $\\") == [
        (CS, "\\frac", 0, 5), (OPEN, "{", 5, 6), (CHAR, "a", 6, 7), (CLOSE, "}", 7, 8),
        (OPEN, "{", 8, 9), (CHAR, "b", 9, 10), (CLOSE, "}", 10, 11), (SUP, "^", 11, 12),
        (CHAR, "2", 12, 13), (SUB, "_", 13, 14), (CHAR, "x", 14, 15), (SPACE, " ", 15, 16),
        (ALIGN, "&", 16, 17), (SPACE, " ", 17, 18), (CS, "\\\\", 18, 20), (SPACE, " ", 20, 21),
        (PARAM, "#1", 21, 23), (SPACE, " ", 23, 24), (COMMENT, "% c", 24, 27), (SPACE, "\n", 27, 28),
        (CS, "\\,", 28, 30), (SPACE, " ", 30, 31), (CHAR, "é", 31, 32), (CS, "\\$", 32, 34),
        (SPACE, " ", 34, 35), (SHIFT, "$", 35, 36), (CS, "\\\\", 36, 38),
    ]


def test_letter_runs_are_one_token_and_names_drop_the_backslash():
    toks = tokenize(r"\alpha12ab'")
    assert [(t.kind, t.text) for t in toks] == [(CS, "\\alpha"), (CHAR, "12ab"), (CHAR, "'")]
    assert toks[0].name == "alpha" and toks[1].name == "12ab"


def test_at_is_a_letter_only_for_katex():
    assert [t.text for t in tokenize(r"\bra@ket")] == ["\\bra", "@", "ket"]
    assert [t.text for t in tokenize(r"\bra@ket", at_is_letter=True)] == ["\\bra@ket"]


def test_lone_backslash_at_the_end():
    assert kinds("x\\") == [(CHAR, "x", 0, 1), (BACKSLASH_END, "\\", 1, 2)]


def test_offsets_cover_the_input_exactly():
    tex = "\\left(\\frac{x^2}{\\sqrt[3]{y}}\\right) % note\n&\\\\ é ü 中"
    toks = tokenize(tex)
    assert "".join(t.text for t in toks) == tex
    assert all(a.end == b.start for a, b in zip(toks, toks[1:], strict=False))


def test_begin_and_end_are_single_tokens_with_the_environment_name():
    from booklint.tex.tokens import BEGIN, END
    toks = tokenize(r"\begin {align*}a\end{align*}\begin x")
    assert [(t.kind, t.name, t.start, t.end) for t in toks] == [
        (BEGIN, "align*", 0, 15), (CHAR, "a", 15, 16), (END, "align*", 16, 28), (CS, "begin", 28, 34),
        (SPACE, " ", 34, 35), (CHAR, "x", 35, 36)]


def test_unterminated_begin_is_linear():
    import time
    tex = r"\begin{" * 100_000
    t0 = time.perf_counter()
    toks = tokenize(tex)
    assert time.perf_counter() - t0 < 30.0  # a hang guard; bench/bench_tex.py measures speed
    assert toks[0].kind == CS and toks[0].name == "begin"
