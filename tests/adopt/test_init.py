"""`booklint init` and the composite action: what init writes loads (booklint.toml through
booklint's own config loader, YAML through PyYAML), and action.yml and the workflow validate
against SchemaStore's github-action.json and github-workflow.json (the copies check-jsonschema
vendors, with their licence, in its package)."""

from __future__ import annotations

import json
from importlib import resources

import pytest
import yaml
from click.testing import CliRunner
from helpers import REPO

from booklint.cli import main
from booklint.config import load_config


def _schema(name: str) -> dict:
    pytest.importorskip("check_jsonschema")
    return json.loads((resources.files("check_jsonschema.builtin_schemas.vendor") / name).read_text(encoding="utf-8"))


def _yaml12(text: str):
    """YAML as GitHub reads it (1.2: `on` is a key, not true), with ruamel.yaml as check-jsonschema does."""
    from ruamel.yaml import YAML

    return YAML(typ="safe", pure=True).load(text)


def _validate(doc, schema) -> list[str]:
    import jsonschema

    cls = jsonschema.validators.validator_for(schema)
    return [e.message for e in cls(schema).iter_errors(doc)]


@pytest.fixture
def jekyll_book(make_book):
    return make_book({
        "_config.yml": "title: T\nbaseurl: /t\n",
        "index.md": "---\nlayout: distill\nbibliography: main.bib\n---\n# T\n\nProse and $$x^2$$ math.\n",
        "ch.md": "# Глава\n\nТекст на русском языке, довольно длинный.\n",
        "_posts/2024-01-01-p.md": "# P\n\nA post.\n",
        "assets/bibliography/main.bib": "@misc{a, title={A}}\n",
    })


def test_init_surveys_the_book_and_writes_three_files(jekyll_book):
    r = CliRunner().invoke(main, ["init", "--rev", "0123abc", str(jekyll_book)])
    assert r.exit_code == 0, r.output
    assert "dialect: jekyll, baseurl /t" in r.output and "1 posts" in r.output
    assert "assets/bibliography/main.bib" in r.output and "English, Russian" in r.output and "MathJax" in r.output
    cfg = load_config(jekyll_book / "booklint.toml")  # booklint's own loader: every key is valid
    assert cfg.dialect == "jekyll" and cfg.fail_level == "warning"
    pc = yaml.safe_load((jekyll_book / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert pc["repos"][0]["rev"] == "0123abc" and pc["repos"][0]["hooks"] == [{"id": "booklint"}]
    wf = (jekyll_book / ".github/workflows/booklint.yml").read_text(encoding="utf-8")
    assert "booklint/booklint@0123abc" in wf and "upload-sarif" in wf
    # a second run keeps what is there and says what it would have written
    again = CliRunner().invoke(main, ["init", str(jekyll_book)])
    assert again.exit_code == 0 and again.output.count("kept ") == 3


def test_init_appends_its_hook_to_an_existing_pre_commit_config(jekyll_book):
    (jekyll_book / ".pre-commit-config.yaml").write_text("repos:\n  - repo: local\n    hooks:\n      - id: x\n"
                                                          "        name: x\n        entry: x\n        language: system\n")
    assert CliRunner().invoke(main, ["init", str(jekyll_book)]).exit_code == 0
    pc = yaml.safe_load((jekyll_book / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    assert [r["repo"] for r in pc["repos"]] == ["local", "https://github.com/booklint/booklint"]


def test_action_and_workflow_validate_against_their_published_schemas(jekyll_book):
    action_schema, workflow_schema = _schema("github-actions.json"), _schema("github-workflows.json")
    action = _yaml12((REPO / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    assert _validate(action, action_schema) == []
    CliRunner().invoke(main, ["init", str(jekyll_book)])
    wf = _yaml12((jekyll_book / ".github/workflows/booklint.yml").read_text(encoding="utf-8"))
    assert _validate(wf, workflow_schema) == []
    # the schemas do reject a broken file, so these checks can fail
    broken = dict(action, runs={"using": "composite", "steps": [{"run": "x"}]})  # a run step needs a shell
    assert _validate(broken, action_schema)
    assert _validate({**wf, "jobs": {"j": {"steps": []}}}, workflow_schema)
