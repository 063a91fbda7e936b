import datetime

from ...document.model import Document, Span
from ...registry import rule
from . import configured


@rule("P009", "stale-translation", severity="warning")
def stale_translation(doc: Document, ctx):
    """Finds translated chapters whose original changed after the translation was last committed.

    ## What it does
    Where git history is available for both books, compares the date of the translated chapter's
    last commit with the original chapter's commits, and lists the original's commits the
    translation has not followed (newest first). Chapters still byte-identical to the original are
    left out.

    ## Why is this bad?
    The original fixed a number, an equation or a figure, and the translation still says the old
    thing, with nothing on the page to show it.

    ## Example
    ```text
    roofline.md translated on 2025-03-01; the original's roofline.md changed on 2025-04-10
    ```

    ## Use instead
    ```text
    Apply the original's changes, then commit the translated chapter.
    ```
    """
    if not configured(ctx):
        return  # no original to compare with
    from ...translation import SourceError, pair_of, source_root, unfollowed_commits
    settings = ctx.settings("translation")
    try:
        pair = pair_of(ctx.book, settings, doc.path)
        root = source_root(ctx.book, settings)
    except SourceError:
        return
    if pair is None or pair.identical or root is None:
        return
    commits = unfollowed_commits(ctx.book, doc.path, root, pair.source_rel)
    if not commits:
        return
    shown = "; ".join(f"{c.sha[:7]} ({datetime.datetime.fromtimestamp(c.time, datetime.UTC).date()}) {c.subject}"
                      for c in commits[:5])
    more = f" and {len(commits) - 5} more" if len(commits) > 5 else ""
    n = len(commits)
    fm = doc.front_matter
    span = Span(fm.span.start, fm.span.start) if fm is not None else Span(0, 0)
    yield ctx.finding(doc, span, f"The original `{pair.source_rel}` changed in {n} commit{'s' if n > 1 else ''} after "
                                 f"this translation was last committed: {shown}{more}. Follow them, then commit.")
