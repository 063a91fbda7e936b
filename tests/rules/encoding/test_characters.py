"""BOM, control and invisible characters, mixed-script words: findings and what --fix writes."""

from __future__ import annotations

from click.testing import CliRunner
from helpers import lint

from booklint.checks.encoding.mixed_script_word import check_word
from booklint.cli import main

PAGE = '---\nlayout: distill\ntitle: "Rooflines"\n---\n\n# Rooflines\n\nText.\n'


def _fix(root, select="E", unsafe=False):
    args = ["check", "--isolated", "--select", select, "--fix", "--exit-zero", str(root)]
    if unsafe:
        args.insert(-1, "--unsafe-fixes")
    r = CliRunner().invoke(main, args)
    assert r.exit_code == 0, r.output
    return r


def test_bom_hides_front_matter_until_fixed(make_book):
    root = make_book({"_config.yml": "markdown: kramdown\n", "a.md": b"\xef\xbb\xbf" + PAGE.encode()})
    found = lint(root, select=["E003"], isolated=True)
    assert [(f.line, f.code) for f in found] == [(1, "E003")]
    assert "front matter" in found[0].message
    _fix(root)
    assert (root / "a.md").read_bytes() == PAGE.encode()
    assert not lint(root, select=["E"], isolated=True)


def test_bom_fix_together_with_other_fixes(make_book):
    root = make_book({"a.md": b"\xef\xbb\xbf" + "# Roof\u200blines\n\nThe answer\x08 is 42.\n".encode()})
    _fix(root)
    assert (root / "a.md").read_bytes() == b"# Rooflines\n\nThe answer is 42.\n"


def test_control_characters(make_book):
    root = make_book({"a.md": "# T\n\nA\x0bB and \x93quoted\x94 text.\n\n`code\x08 stays`\n"})
    found = lint(root, select=["E004"], isolated=True)
    assert [(f.line, f.column) for f in found] == [(3, 2), (3, 9), (3, 16)]
    _fix(root)  # only the C0 control is deleted by a safe fix
    assert (root / "a.md").read_text(encoding="utf-8") == "# T\n\nAB and \x93quoted\x94 text.\n\n`code\x08 stays`\n"
    _fix(root, unsafe=True)  # the C1 controls become the Windows-1252 quotes they stood for
    assert (root / "a.md").read_text(encoding="utf-8") == "# T\n\nAB and “quoted” text.\n\n`code\x08 stays`\n"


def test_invisible_characters_and_their_legitimate_uses(make_book):
    text = ("# All About Roof\u200blines\n\n"
            "Left\u202eright override.\n\n"
            "Emoji \U0001F468\u200d\U0001F469 and Persian \u0645\u06cc\u200c\u062e\u0648\u0627\u0647\u0645.\n\n"
            "Hebrew \u05e9\u05dc\u05d5\u05dd\u200f here.\n\n"
            "`zero\u200bwidth in code`\n")
    root = make_book({"a.md": text})
    found = lint(root, select=["E005"], isolated=True)
    assert [f.line for f in found] == [1, 3]
    _fix(root)
    out = (root / "a.md").read_text(encoding="utf-8")
    assert out.startswith("# All About Rooflines\n\nLeftright override.")
    assert "\u200d" in out and "\u200c" in out and "\u200f" in out and "zero\u200bwidth" in out


def test_mixed_script_words():
    assert check_word("Cвет")[0] == "Свет"  # Latin C in a Russian word
    assert check_word("pаper")[0] == "paper"  # Cyrillic а in an English word
    assert check_word("Свет") is None and check_word("paper") is None
    assert check_word("TPUшки") is None  # a deliberate mix: letters only one script has, on both sides
    fixed, *_rest, safe = check_word("прuвет")  # one Latin letter with no Cyrillic twin
    assert fixed is None and not safe
    assert check_word("Cо") is None or check_word("Cо")[-1] is False  # only look-alikes: no safe fix


def test_mixed_script_fix_and_front_matter(make_book):
    root = make_book({"a.md": '---\ntitle: "Cвет"\n---\n\nCвет и pаper; TPU-чипы.\n'})
    found = lint(root, select=["E007"], isolated=True)
    assert [(f.line, f.column) for f in found] == [(2, 9), (5, 1), (5, 8)]
    _fix(root)
    assert (root / "a.md").read_text(encoding="utf-8") == '---\ntitle: "Свет"\n---\n\nСвет и paper; TPU-чипы.\n'
