"""Math (M): each formula judged by the renderer that really draws it, after kramdown.

Who renders what (``inline-renderer`` / ``display-renderer`` = "auto"):

* a page a Jekyll site builds with kramdown (the al-folio Distill layout of the corpus books):
  ``$$...$$`` is kramdown's math syntax and reaches **MathJax** (as ``\\(...\\)`` inside a
  paragraph, ``\\[...\\]`` as a block of its own); ``$...$`` is ordinary Markdown text to
  kramdown, and the layout's **KaTeX** auto-render draws what kramdown leaves of it;
* any other file (a plain GFM book, or a README the site does not build): GitHub renders both
  ``$...$`` and ``$$...$$`` with **MathJax**, and no kramdown step changes the text.

Book macros go in ``macros`` (both renderers), ``mathjax-macros`` or ``katex-macros``, each
``name = arity``, ``name = "definition"`` or ``name = ["definition", arity]``.
"""

from __future__ import annotations

from typing import Any

from ...registry import settings, warmer

RENDERER_CHOICES = {
    "inline-renderer": ("auto", "katex", "mathjax", "none"),
    "display-renderer": ("auto", "mathjax", "katex"),
}


def _check(values: dict[str, Any]) -> str | None:
    """The shapes of macro definitions (the renderer choices are checked as allowed values)."""
    for key in ("macros", "mathjax-macros", "katex-macros"):
        for name, spec in (values.get(key) or {}).items():
            ok = (isinstance(spec, int) and not isinstance(spec, bool) and 0 <= spec <= 9) or isinstance(spec, str) or (
                isinstance(spec, list) and 1 <= len(spec) <= 2 and isinstance(spec[0], str)
                and (len(spec) == 1 or (isinstance(spec[1], int) and not isinstance(spec[1], bool) and 0 <= spec[1] <= 9)))
            if not ok:
                return (f"`{key}.{name}` must be an arity (0-9), a definition (\"\\\\mathbb{{R}}\") "
                        f"or [definition, arity]")
    return None


settings("math", {
    "macros": (dict, {}, "macros the book defines for every renderer: name = arity, definition or [definition, arity]"),
    "mathjax-macros": (dict, {}, "macros only MathJax has (its tex.macros), same forms as `macros`"),
    "katex-macros": (dict, {}, "macros only KaTeX has (its macros option), same forms as `macros`"),
    "inline-renderer": (str, "auto", "who renders $...$: auto (KaTeX on a kramdown site page, MathJax elsewhere), "
                                     "katex, mathjax, or none ($ is not math)", RENDERER_CHOICES["inline-renderer"]),
    "display-renderer": (str, "auto", "who renders $$...$$: auto (MathJax), mathjax or katex",
                         RENDERER_CHOICES["display-renderer"]),
    "katex-shares-macros": (bool, False, "KaTeX gets one macros object for the whole page, so a \\def in one "
                                         "$...$ formula reaches the next (the Distill template does not do this)"),
    "kramdown-strict": (bool, False, "M010 also reports kramdown changes that render as the author meant "
                                     "(the `\\\\{` idiom), for a book that must also read right on GitHub"),
}, check=_check)


@warmer("math")
def _warm(pages: list[bytes]) -> None:
    if any(b"$" in p or b"\\(" in p or b"\\[" in p for p in pages):  # (a page that may have math)
        from ...formulas.analysis import load_tables

        load_tables()
