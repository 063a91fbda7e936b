from __future__ import annotations

from ...document.model import Document
from ...registry import rule


@rule("D002", "front-matter-yaml-error")
def front_matter_yaml_error(doc: Document, ctx):
    """Finds front matter that is not valid YAML.

    ## What it does
    Parses the front matter as Jekyll does (YAML 1.1, safe loading) and reports the first
    error on the line and column where YAML stops understanding it.

    ## Why is this bad?
    The Jekyll build stops with a YAML error, or, for some mistakes, silently drops the
    page's title, layout and table of contents.

    ## Example
    ```yaml
    title: Part 2: TPUs
    ```

    ## Use instead
    ```yaml
    title: "Part 2: TPUs"
    ```
    """
    fm = doc.front_matter
    if fm is not None and fm.error is not None:
        msg = fm.error.message.strip()
        yield ctx.finding(doc, fm.error.span, f"The front matter is not valid YAML: {msg}. Quote values that contain `: ` or start with a special character.")
