"""Every output format parses, carries the findings, and SARIF validates against the
official 2.1.0 schema."""

from __future__ import annotations

import json
from xml.etree import ElementTree as ET

import pytest
from helpers import REPO

from booklint import engine
from booklint.report import render

SCHEMA = REPO.parent / "shared" / "schemas" / "sarif-schema-2.1.0.json"


@pytest.fixture
def result(make_book):
    root = make_book({
        "a.md": "# A\n\n[x](missing.md) and [y]((https://e.com)) and [z](#nope)\n\n## Кириллица\n\n[w](#кириллица-x)\n",
        "b.md": "# B\n\n![img](gone.png)\n",
    })
    return engine.run([root], engine.Options(isolated=True))


def test_json_and_jsonl(result):
    data = json.loads(render("json", result.findings))
    assert len(data) == len(result.findings) >= 5
    assert set(data[0]) == {"path", "line", "column", "end_line", "end_column", "code", "name", "severity", "message", "fix"}
    lines = render("jsonl", result.findings).splitlines()
    assert [json.loads(x) for x in lines] == data
    fixable = [d for d in data if d["fix"]]
    assert fixable and fixable[0]["fix"]["edits"]


def test_sarif_validates_against_the_official_schema(result):
    jsonschema = pytest.importorskip("jsonschema")
    if not SCHEMA.is_file():
        pytest.skip("../shared/schemas/sarif-schema-2.1.0.json is absent")
    doc = json.loads(render("sarif", result.findings))
    schema = json.loads(SCHEMA.read_text())
    jsonschema.validate(doc, schema)
    run = doc["runs"][0]
    assert len(run["results"]) == len(result.findings)
    ids = {r["id"] for r in run["tool"]["driver"]["rules"]}
    assert {r["ruleId"] for r in run["results"]} <= ids
    # a bad document must fail, so this test can fail
    broken = json.loads(json.dumps(doc))
    broken["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, schema)


def test_github_annotations(result):
    out = render("github", result.findings).splitlines()
    assert len(out) == len(result.findings)
    assert out[0].startswith("::error file=a.md,line=3,col=")
    assert "::L001 " in out[0] or "::" in out[0]


def test_junit_parses(result):
    root = ET.fromstring(render("junit", result.findings).split("\n", 1)[1])
    cases = root.findall(".//testcase")
    assert len(cases) == len(result.findings)
    assert all(c.find("failure") is not None for c in cases)


def test_gitlab_fingerprints_unique(result):
    data = json.loads(render("gitlab", result.findings))
    assert len({d["fingerprint"] for d in data}) == len(data) == len(result.findings)
    assert data[0]["location"]["lines"]["begin"] == 3


def test_text_has_caret_under_the_problem(result):
    out = render("text", result.findings, result.book)
    lines = out.splitlines()
    i = next(i for i, ln in enumerate(lines) if "L001" in ln and ln.startswith("a.md:3:"))
    src, caret = lines[i + 2], lines[i + 3]
    col = src.index("missing.md")
    assert caret.index("^") == col and caret.count("^") == len("missing.md")
    assert "\x1b[" not in out  # no colour unless asked
    assert "\x1b[" in render("text", result.findings, result.book, color=True)
