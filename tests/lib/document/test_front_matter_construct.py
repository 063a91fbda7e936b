"""The front matter's YAML constructor (document/frontmatter.construct) gives what PyYAML's
safe constructor gives: the same data, aliases as the same objects, the same errors; and the
guess's quick text of a file (Source.text_of) is the Source's text."""

from __future__ import annotations

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from booklint.book.load import guess_front_matter
from booklint.document.frontmatter import construct, parse_front_matter

_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _both(text: str):
    out = []
    for build in (lambda loader, node: loader.construct_document(node), construct):
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
            out.append(("ok", build(loader, node) if node is not None else None))
        except Exception as e:  # the error's kind and message must be the same too
            out.append(("error", type(e).__name__, str(e)))
        finally:
            loader.dispose()
    return out


CASES = [
    "title: A\nlayout: post\ndate: 2024-01-02\ntoc:\n  - name: x\n    sub: [1, 2.5, true, null, ~]\n",
    "a: &x {b: 1}\nc: *x\nd: [*x, *x]\n",  # aliases: one object
    "base: &b {x: 1, y: 2}\nderived:\n  <<: *b\n  y: 3\n",  # merge key
    "= : v\n",  # the value key
    "s: !!set {a, b}\no: !!omap [{a: 1}, {b: 2}]\np: !!pairs [{a: 1}]\n",
    "b: !!binary aGVsbG8=\nt: 2001-12-14t21:59:43.10-05:00\nf: .inf\nn: .nan\ni: 0x1F\no: 0o17\nsx: 1:20\n",
    "a: 1\na: 2\nb: 3\n",  # a later duplicate wins, first place kept
    "? [a, b]\n: v\n",  # unhashable key: PyYAML's error
    "? {a: 1}\n: v\n",
    "a: !custom x\n",  # unknown tag: PyYAML's error
    "a: !!str 1\nb: !!int '7'\nc: !!float '1'\nd: !!bool yes\ne: !!null ''\n",
    "r: &r [*r]\n",  # recursive: PyYAML's constructor makes it
    "m: &m {self: *m}\n",
    "- a\n- b\n",  # not a mapping
    "just a string\n",
    "x: " + "[" * 300 + "]" * 300 + "\n",  # deep nesting
    "big: 123456789012345678901234567890\nneg: -0b101\nu: \"\\u00e9\\U0001F600\"\n",
    "k: |\n  block\n  text\nf: >\n  folded\n  text\n",
    "'quoted key': 1\n\"dq\": 2\n1: int key\n2.5: float key\nnull: null key\ntrue: bool key\n2020-01-01: date key\n",
]


@pytest.mark.parametrize("text", CASES)
def test_same_as_pyyaml(text):
    a, b = _both(text)
    assert repr(a) == repr(b)
    if a[0] == "ok" and isinstance(a[1], dict) and "c" in a[1] and "d" in a[1] and isinstance(a[1]["d"], list):
        assert b[1]["c"] is b[1]["d"][0] is b[1]["d"][1]


def test_recursive_alias_made_as_pyyaml_makes_it():
    _a, (kind, data) = _both("r: &r [*r]\n")
    assert kind == "ok" and data["r"][0] is data["r"]


_SCALARS = st.sampled_from(["a", "1", "2.5", "true", "~", "2024-01-02", "'x'", "\"y\"", "0x10", "yes", ".inf", "''"])
_KEYS = st.sampled_from(["a", "b", "c", "1", "true", "<<", "=", "? x"])


@st.composite
def _yaml(draw, depth=0):
    kind = draw(st.sampled_from(["map", "seq", "scalar"] if depth < 3 else ["scalar"]))
    if kind == "scalar":
        return draw(_SCALARS)
    if kind == "seq":
        items = draw(st.lists(_yaml(depth + 1), max_size=3))
        return "[" + ", ".join(items) + "]"
    pairs = draw(st.lists(st.tuples(_KEYS, _yaml(depth + 1)), max_size=4))
    return "{" + ", ".join(f"{k}: {v}" for k, v in pairs) + "}"


@settings(max_examples=300, deadline=None)
@given(_yaml())
def test_same_as_pyyaml_on_random_flow_yaml(text):
    a, b = _both("x: " + text + "\n")
    assert repr(a) == repr(b)


def test_parse_and_guess_read_the_same(tmp_path):
    text = "---\ntitle: T\nbase: &b {x: 1}\nd:\n  <<: *b\ndate: 2024-05-06\n---\nbody\n"
    (tmp_path / "p.md").write_text(text, encoding="utf-8")
    guessed, unterminated = guess_front_matter(tmp_path, "p.md")
    starts = [0] + [i + 1 for i, c in enumerate(text) if c == "\n"]
    fm = parse_front_matter(text, 0, 4, text.index("---\nbody"), text.index("---\nbody") + 3, starts)
    assert not unterminated and guessed == fm.data == yaml.safe_load(text.split("---\n")[1])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from([b"\xef\xbb\xbf", b"---\n", b"\r\n", b"\r", b"\n", b"a", b"\xc3\xa9", b"\xff", b"\xc3",
                                 b"\xe2\x82", b"\x00", b"t: 1"]), max_size=30).map(b"".join))
def test_text_of_is_the_source_text(raw):
    from booklint.document.source import Source

    assert Source.text_of(raw) == Source.from_bytes("x.md", raw).text
