"""Mojibake (E006): found line by line, repaired byte-for-byte by `booklint check --fix`."""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (the "sloppy" Windows codecs, as real Windows tools decode)
import pytest
from click.testing import CliRunner
from helpers import corpus_book, lint

from booklint.cli import main

# Our own text (not from the corpus): English with typography, Russian, code, a table.
README = """# Как считать «крыши» — a small book on rooflines

This book explains how to estimate the runtime of a model on an accelerator: “compute-bound” or
“memory-bound”, and why the answer is 240 FLOPs/byte on one chip and 3 on another… The café
at the corner has nothing to do with it.

## Установка

1. Скачайте репозиторий и перейдите в его папку.
2. Запустите сборку:

```sh
bundle exec jekyll serve   # сайт появится на http://localhost:4000
```

## Глоссарий

| термин | значение |
|--------|----------|
| ёмкость | объём памяти HBM, в байтах |
| пропускная способность | байт в секунду между HBM и ядрами |

Ёлки-палки: даже буква ё и «кавычки-ёлочки» должны пережить ремонт. Naïve résumé, 5 µs, ±3 °C.
Строка только на ASCII остаётся как есть — and so does this one.
"""

RUSSIAN = """---
layout: distill
title: "Глава 1. Крыши"
---

# Глава 1. Крыши

Когда мы запускаем алгоритм на ускорителе, время ограничено тремя вещами: скоростью вычислений,
пропускной способностью памяти и её объёмом. Эти «крыши» дают нижнюю и верхнюю оценку времени.

Эта строка написана латиницей only, and stays.

Съешь же ещё этих мягких французских булок, да выпей чаю — Ёжик, Щука, Эхо, Юла, Ящик.
"""


def damage(text: str, encoding: str, layers: int = 1) -> str:
    for _ in range(layers):
        text = text.encode("utf-8").decode(encoding)
    return text


def non_ascii_lines(text: str) -> set[int]:
    return {i for i, line in enumerate(text.split("\n"), 1) if not line.isascii()}


def _book(tmp_path, name: str, content: str):
    root = tmp_path / "book"
    root.mkdir()
    (root / name).write_bytes(content.encode("utf-8"))
    return root


def _fix(root):
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "E", "--fix", "--exit-zero", str(root)])
    assert r.exit_code == 0, r.output
    return r


@pytest.mark.parametrize("encoding,text,layers", [
    ("macroman", README, 1),          # the acceptance case: a README double-encoded through Mac Roman
    ("macroman", README, 2),          # and through Mac Roman twice
    ("sloppy-windows-1252", RUSSIAN, 1),
    ("sloppy-windows-1251", RUSSIAN, 1),
    ("sloppy-windows-1252", README, 1),
    ("latin-1", README, 1),
    ("koi8_r", RUSSIAN, 1),
    ("sloppy-windows-1251", README, 1),
])
def test_found_line_by_line_and_repaired_byte_for_byte(tmp_path, encoding, text, layers):
    bad = damage(text, encoding, layers)
    assert bad != text
    name = "README.md" if text is README else "chapter.md"
    root = _book(tmp_path, name, bad)
    findings = [f for f in lint(root, select=["E006"], isolated=True) if f.code == "E006"]
    assert {f.line for f in findings} == non_ascii_lines(text)
    assert all(f.fix is not None and f.fix.safe for f in findings)
    # nothing else of the E family fires on the damaged text (the mojibake is one finding, not five)
    others = [f for f in lint(root, select=["E"], isolated=True) if f.code != "E006"]
    assert not others, [(f.line, f.code, f.message) for f in others]
    _fix(root)
    assert (root / name).read_bytes() == text.encode("utf-8")
    assert not lint(root, select=["E"], isolated=True)


def test_only_the_damaged_line_of_a_clean_file(tmp_path):
    lines = RUSSIAN.split("\n")
    i = next(k for k, line in enumerate(lines) if line.startswith("Съешь"))
    lines[i] = damage(lines[i], "sloppy-windows-1251")
    root = _book(tmp_path, "chapter.md", "\n".join(lines))
    findings = lint(root, select=["E"], isolated=True)
    assert [(f.line, f.code) for f in findings] == [(i + 1, "E006")]
    _fix(root)
    assert (root / "chapter.md").read_bytes() == RUSSIAN.encode("utf-8")


def test_a_damaged_word_inside_clean_text(tmp_path):
    text = "Первая строка.\n\nВ этой строке одно слово испорчено: " + damage("модель", "macroman") + " — остальное цело.\n"
    root = _book(tmp_path, "a.md", text)
    findings = lint(root, select=["E006"], isolated=True)
    assert [f.line for f in findings] == [3]
    _fix(root)
    assert "испорчено: модель — остальное" in (root / "a.md").read_text(encoding="utf-8")


def test_crlf_file_keeps_its_line_endings(tmp_path):
    text = RUSSIAN.replace("\n", "\r\n")
    root = _book(tmp_path, "chapter.md", damage(text, "sloppy-windows-1251"))
    _fix(root)
    assert (root / "chapter.md").read_bytes() == text.encode("utf-8")


def test_lossy_damage_is_reported_with_an_unsafe_fix(tmp_path):
    # cp1252 mojibake whose undefined bytes were replaced: the strict round trip cannot undo it
    lossy = damage("Наша система", "sloppy-windows-1252")
    for undefined in "\x81\x8d\x8f\x90\x9d":
        lossy = lossy.replace(undefined, "?")
    root = _book(tmp_path, "a.md", "# T\n\n" + lossy + "\n")
    findings = [f for f in lint(root, select=["E006"], isolated=True)]
    assert [f.line for f in findings] == [3]
    assert findings[0].fix is not None and not findings[0].fix.safe
    before = (root / "a.md").read_bytes()
    _fix(root)  # safe fixes only: the file is left alone
    assert (root / "a.md").read_bytes() == before


def test_invalid_utf8_file_is_left_to_e002(tmp_path):
    root = tmp_path / "book"
    root.mkdir()
    (root / "a.md").write_bytes("ÐŸÑ€Ð¸Ð²ÐµÑ‚ ".encode() + "Привет".encode("cp1251") + b"\n")
    codes = {f.code for f in lint(root, select=["E"], isolated=True)}
    assert codes == {"E002"}


@pytest.mark.parametrize("book", ["scaling-book-en", "scaling-book-ru"])
def test_no_encoding_finding_on_the_clean_corpus(book):
    root = corpus_book(book)
    findings = [f for f in lint(root, select=["E"], isolated=True)]
    assert not findings, [(f.path, f.line, f.code, f.message) for f in findings]


@pytest.mark.parametrize("encoding", ["macroman", "sloppy-windows-1252", "sloppy-windows-1251"])
def test_the_real_russian_readme_damaged_and_repaired(copy_book, encoding):
    root = copy_book("scaling-book-ru")
    clean = (root / "README.md").read_bytes()
    text = clean.decode("utf-8")
    (root / "README.md").write_bytes(damage(text, encoding).encode("utf-8"))
    found = [f for f in lint(root, "README.md", select=["E"], isolated=True)]
    assert {f.line for f in found} == non_ascii_lines(text)
    assert {f.code for f in found} == {"E006"}
    r = CliRunner().invoke(main, ["check", "--isolated", "--select", "E", "--fix", "--exit-zero", str(root / "README.md")])
    assert r.exit_code == 0, r.output
    assert (root / "README.md").read_bytes() == clean
