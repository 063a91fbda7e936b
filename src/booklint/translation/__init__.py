"""Translations: a book against the original it translates.

The original is named by ``[translation] source`` (settings passed in as a mapping, the
``translation`` family's). :func:`source_book` loads it, once a run; chapters pair by path
or by the ``chapters`` mapping (:func:`chapter_pairs`); each pair's skeleton (headings,
display math, figures, code, tables, details, footnotes, citations) is aligned block by
block (:func:`chapter_alignment`), and :func:`differences`, :func:`stale_anchors` and
:func:`progress` say where the translation departs from the original; :func:`status`
sums it up per chapter.
"""

from .align import Alignment, align, chapter_alignment
from .history import Commit, unfollowed_commits
from .pairs import Pair, SourceError, chapter_pairs, pair_of, source_book, source_root, untranslated_chapters
from .parity import Difference, StaleAnchor, differences, differences_of_kind, stale_anchors
from .prose import Progress, Unit, progress, script_of_language, units
from .skeleton import Block, normalise_math, skeleton
from .status import ChapterStatus, render_status, status

__all__ = [
    "Alignment", "Block", "ChapterStatus", "Commit", "Difference", "Pair", "Progress", "SourceError",
    "StaleAnchor", "Unit", "align", "chapter_alignment", "chapter_pairs", "differences", "differences_of_kind",
    "normalise_math",
    "pair_of", "progress", "render_status", "script_of_language", "skeleton", "source_book", "source_root",
    "stale_anchors", "status", "unfollowed_commits", "units", "untranslated_chapters",
]  # fmt: skip
