"""Parity (P): a translation against its original, chapter by chapter.

The rules run only when ``[translation] source`` names the original's folder; every other
book gets no P finding. The settings live in their own table, ``[translation]`` (or
``[tool.booklint.translation]``), because ``booklint status`` and ``booklint cite`` read them too.
"""

from ...registry import settings


def configured(ctx) -> bool:
    """Whether ``[translation] source`` names an original (read as ``translation.source_root``
    reads it). Without one no P rule has anything to compare: the rules return before they
    import the translation library, so a book that is no translation never loads it."""
    return bool(str(ctx.settings("translation").get("source") or "").strip())


def _check(values: dict) -> str | None:
    chapters = values.get("chapters", {})
    if not all(isinstance(k, str) and isinstance(v, str) for k, v in chapters.items()):
        return "`chapters` maps a translated chapter's path to the original's path, both strings"
    if not all(isinstance(t, str) for t in values.get("translators", [])):
        return "`translators` must list names as strings (\"Family, Given\" or \"Given Family\")"
    return None


settings("translation", {
    "source": (str, "", "the original book's folder, relative to this book's root (turns the P rules on)"),
    "language": (str, "", "this translation's language (ISO 639-1: ru, de, ja, ...)"),
    "source-language": (str, "en", "the original's language"),
    "chapters": (dict, {}, "translated chapter path -> original chapter path, where the paths differ"),
    "translators": (list, [], "the translators' names, for `booklint cite` (default: CITATION.cff contributors)"),
    "title": (str, "", "the translation's title (default: the landing page's front-matter title)"),
    "year": (int, 0, "the year the translation was published (default: the original's year)"),
    "url": (str, "", "the translation's address (default: `url` + `baseurl` in _config.yml)"),
}, _check)
