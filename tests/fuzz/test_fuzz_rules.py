"""Property: whatever a contributor pushes, booklint neither crashes nor points outside the
file, and every output format stays parseable. The seed is printed on failure (hypothesis);
`BOOKLINT_FUZZ_EXAMPLES` sets the number of cases (CI default 300)."""

from __future__ import annotations

import json
import os
from xml.etree import ElementTree as ET

from hypothesis import HealthCheck, given, settings
from strategies import markdown_bytes

from booklint import engine
from booklint.config import Config
from booklint.report import render

N = int(os.environ.get("BOOKLINT_FUZZ_EXAMPLES", "300"))


def _book(tmp_path_factory, files: dict[str, bytes]):
    root = tmp_path_factory.mktemp("fuzz")
    (root / "_config.yml").write_text("baseurl: /book\npermalink: pretty\n")
    for name, data in files.items():
        (root / name).write_bytes(data)
    return root


@settings(max_examples=N, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(a=markdown_bytes(), b=markdown_bytes())
def test_no_crash_valid_positions_parseable_output(tmp_path_factory, a, b):
    root = _book(tmp_path_factory, {"a.md": a, "tpus.md": b})
    book = engine.load_book(root, Config())
    from booklint.registry import all_rules

    result = engine.check_book(book, {r.code for r in all_rules()})
    internal = [f for f in result.findings if f.code == "X001"]
    assert not internal, internal[0].message
    for f in result.findings:
        src = book.docs[f.path].source if f.path in book.docs else None
        if src is None:
            continue
        assert 1 <= f.line <= src.line_count, f
        assert 1 <= f.column <= len(src.line_text(f.line)) + 1, f
        assert (f.end_line, f.end_column) >= (f.line, f.column), f
        assert 0 <= f.start <= f.end <= len(src.text), f
        if f.fix is not None:
            for e in f.fix.edits:
                assert 0 <= e.start <= e.end <= len(src.text), f
    findings = result.findings
    json.loads(render("json", findings))
    [json.loads(x) for x in render("jsonl", findings).splitlines()]
    json.loads(render("gitlab", findings))
    json.loads(render("sarif", findings))
    ET.fromstring(render("junit", findings).split("\n", 1)[1])
    render("text", findings, book)
    github = render("github", findings).splitlines()
    assert len(github) == len(findings) and all(x.startswith("::") for x in github), github


SCHEMA = None


def _sarif_schema():
    global SCHEMA
    if SCHEMA is None:
        from helpers import REPO

        p = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"
        SCHEMA = json.loads(p.read_text()) if p.is_file() else {}
    return SCHEMA


@settings(max_examples=max(20, N // 10), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(a=markdown_bytes())
def test_sarif_always_validates(tmp_path_factory, a):
    import jsonschema

    schema = _sarif_schema()
    if not schema:
        return
    root = _book(tmp_path_factory, {"a.md": a})
    from booklint.registry import all_rules

    result = engine.check_book(engine.load_book(root, Config()), {r.code for r in all_rules()})
    jsonschema.validate(json.loads(render("sarif", result.findings)), schema)


@settings(max_examples=max(50, N // 3), deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(a=markdown_bytes())
def test_fix_keeps_text_outside_edits_and_is_idempotent(tmp_path_factory, a):
    from booklint.fix import apply_fixes, apply_text, choose_edits
    from booklint.registry import all_rules

    root = _book(tmp_path_factory, {"a.md": a})
    codes = {r.code for r in all_rules()}
    result = engine.check_book(engine.load_book(root, Config()), codes)
    src = result.book.docs["a.md"].source
    chosen = choose_edits(result.findings, unsafe=True).get("a.md")
    if chosen and not src.decode_problems and not src.binary:
        edits, _ = chosen
        new = apply_text(src, edits)
        # splice by hand on the normalised text: everything outside the edits is kept, in order
        pos, kept = 0, []
        text = src.text
        for e in edits:
            if e.start < 0:
                continue  # fix.py's stand-in for "remove the byte-order mark", which is not part of the text
            kept.append(text[pos:e.start])
            pos = e.end
        kept.append(text[pos:])
        norm_new = new.replace("\r\n", "\n").replace("\r", "\n")
        at = 0
        for piece in kept:
            k = norm_new.find(piece, at)
            assert k != -1, (piece, norm_new)
            at = k + len(piece)
    # the CLI's loop: fix until nothing changes, then one more round must change nothing
    for _ in range(10):
        result = engine.check_book(engine.load_book(root, Config()), codes)
        sources = {k: d.source for k, d in result.book.docs.items()}
        if not apply_fixes(root, sources, result.findings).files:
            break
    before = (root / "a.md").read_bytes()
    result = engine.check_book(engine.load_book(root, Config()), codes)
    rep = apply_fixes(root, {k: d.source for k, d in result.book.docs.items()}, result.findings)
    assert not rep.files and (root / "a.md").read_bytes() == before
