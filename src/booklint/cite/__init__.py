"""booklint's citation snippets: one record, rendered in the formats readers ask for.

    record = record_from_bibtex(readme_block)           # or record_from_cff / record_from_mapping
    print(render(record, "apa", "markdown"))

Formats: ``bibtex`` (normalised), ``biblatex``, ``apa`` (7th), ``chicago`` (author-date,
18th; ``chicago-17`` for the 17th), ``mla`` (9th), ``ieee``, ``harvard`` (Cite Them Right),
``ris``, ``csl-json``, ``cff``. Outputs: ``text``, ``markdown``, ``html``; the machine formats
come as a fenced code block in Markdown and a ``<pre><code>`` block in HTML.
"""

from __future__ import annotations

from html import escape as _html_escape

from .formats import cff_reference, csl_item, load_cff, to_biblatex, to_bibtex, to_cff, to_csl_json, to_ris, write_cff
from .record import (
    TYPES,
    CitationRecord,
    Name,
    chapter_record,
    join_url,
    record_from_bib_entry,
    record_from_bibtex,
    record_from_cff,
    record_from_mapping,
)
from .styles import STYLES, CiteStyle, to_pybtex
from .text import backend

__all__ = [
    "FORMATS",
    "OUTPUTS",
    "STYLES",
    "TYPES",
    "CitationRecord",
    "CiteStyle",
    "Name",
    "cff_reference",
    "chapter_record",
    "csl_item",
    "join_url",
    "load_cff",
    "record_from_bib_entry",
    "record_from_bibtex",
    "record_from_cff",
    "record_from_mapping",
    "render",
    "to_pybtex",
    "write_cff",
]

_MACHINE = {
    "bibtex": (to_bibtex, "bibtex"),
    "biblatex": (to_biblatex, "bibtex"),
    "ris": (to_ris, "ris"),
    "csl-json": (to_csl_json, "json"),
    "cff": (to_cff, "yaml"),
}

FORMATS: dict[str, str] = {
    "bibtex": "BibTeX entry, normalised to the classic data model",
    "biblatex": "biblatex entry (date, journaltitle, @online, ...)",
    **{name: cls.label for name, cls in STYLES.items()},
    "ris": "RIS record (reference managers: Zotero, EndNote, Mendeley)",
    "csl-json": "CSL-JSON item list (pandoc, Zotero, citeproc)",
    "cff": "CITATION.cff 1.2.0 (GitHub's \"Cite this repository\")",
}
OUTPUTS = ("text", "markdown", "html")


def render(record: CitationRecord, fmt: str = "apa", as_: str = "text") -> str:
    """Render ``record`` in format ``fmt`` as ``text``, ``markdown`` or ``html``.

    Styles return one line (no trailing newline); machine formats return their text, fenced
    in Markdown and wrapped in ``<pre><code>`` in HTML.
    """
    if as_ not in OUTPUTS:
        raise ValueError(f"unknown output {as_!r}; one of {', '.join(OUTPUTS)}")
    if fmt in _MACHINE:
        fn, lang = _MACHINE[fmt]
        body = fn(record)
        if as_ == "markdown":
            return f"```{lang}\n{body}```\n"
        if as_ == "html":
            return f'<pre><code class="language-{lang}">{_html_escape(body, quote=False)}</code></pre>\n'
        return body
    try:
        style = STYLES[fmt]()
    except KeyError:
        raise ValueError(f"unknown format {fmt!r}; one of {', '.join(FORMATS)}") from None
    return style.format_record(record).render(backend(as_))
