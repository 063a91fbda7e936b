from __future__ import annotations

from ...registry import rule


@rule("D027", "site-config-error", scope="book")
def site_config_error(book, ctx):
    """Finds a Jekyll `_config.yml` that is not valid YAML.

    ## What it does
    Parses `_config.yml` as Jekyll does (YAML 1.1, safe loading) and reports the first error
    at its line and column in `_config.yml`. booklint then reads the site as if the file were
    empty, so every other check still runs.

    ## Why is this bad?
    `jekyll build` stops at the first YAML error in `_config.yml`: no page of the book is
    published until it is fixed, and GitHub Pages shows only a failed build.

    ## Example
    ```yaml
    title: How To Scale Your Model: a book
    ```

    ## Use instead
    ```yaml
    title: "How To Scale Your Model: a book"
    ```
    """
    cfg = book.site_config
    src = book.source("_config.yml")
    if cfg is None or cfg.error is None or src is None:
        return
    yield ctx.finding(src, cfg.error.span,
                      f"`_config.yml` is not valid YAML: {cfg.error.message.strip()}, so Jekyll cannot build the "
                      f"site. Quote values that contain `: ` or start with a special character.")
