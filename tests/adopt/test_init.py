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


def test_action_keeps_the_folders_a_run_writes_its_cache_in(jekyll_book, tmp_path):
    """The action's cache steps name the folders booklint's run really writes: the book's cache
    at the root booklint finds from the path given (here a chapter's folder inside the book),
    and the user cache folder with the dictionaries derived from installed packages."""
    import os
    import subprocess
    import sys

    action = _yaml12((REPO / "action.yml").read_text(encoding="utf-8"))
    steps = action["runs"]["steps"]
    where = next(s for s in steps if s.get("id") == "cache-dir")
    restore = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache/restore@"))
    save = next(s for s in steps if str(s.get("uses", "")).startswith("actions/cache/save@"))
    assert restore["with"]["path"] == save["with"]["path"] and restore["with"]["key"] == save["with"]["key"]
    assert save["if"].startswith("always()")  # kept even when the check fails the job
    out = tmp_path / "github_output"
    xdg = tmp_path / "xdg"
    env = {**os.environ, "BOOK_PATH": str(jekyll_book / "_posts"), "GITHUB_OUTPUT": str(out),
           "XDG_CACHE_HOME": str(xdg), "PATH": os.path.dirname(sys.executable) + os.pathsep + os.environ["PATH"]}
    env.pop("BOOKLINT_CACHE_DIR", None)
    subprocess.run(["bash", "-c", where["run"]], env=env, cwd=tmp_path, check=True)
    got = dict(line.split("=", 1) for line in out.read_text(encoding="utf-8").splitlines())
    assert got == {"book": str(jekyll_book / ".booklint_cache"), "user": str(xdg / "booklint")}
    assert not (jekyll_book / ".booklint_cache").exists()
    subprocess.run([sys.executable, "-m", "booklint", "check", "--exit-zero", env["BOOK_PATH"]], env=env,
                   cwd=tmp_path, check=True, capture_output=True)
    assert any((jekyll_book / ".booklint_cache" / "engine").iterdir())
    assert any(p.name.startswith("pyspellchecker-en") for p in (xdg / "booklint").iterdir())
