"""Markup and structure (D): front matter, Liquid and HTML structure, document structure."""

from ...registry import settings

settings("markup", {
    "liquid-tags": (list, [], "Liquid tags your site defines (plugins, theme) besides Liquid's, Jekyll's and those "
                              "of the plugins listed in _config.yml"),
    "required-keys": (list, ["layout", "title"], "front-matter keys every published page must have"),
})
