"""Dead or alive: what an observation means under the current settings.

The cache keeps observations, not verdicts, so accepting 403 from one host or turning the
fragment check on takes effect without a request.
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .model import CheckSettings, Observation

PERMANENT = (301, 308)
_GITHUB_LINE = re.compile(r"L\d+(?:C\d+)?(?:-L\d+(?:C\d+)?)?")


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


def dead_reason(obs: Observation, s: CheckSettings) -> str | None:
    """Why the URL is dead (the status or the error, as a phrase), or None when it answers."""
    if obs.status is None:
        return obs.error or "no answer"
    accepted = s.accepted(_host(obs.url)) | s.accepted(_host(obs.final_url or obs.url))
    if obs.status in accepted:
        return None
    what = f"{obs.status} {obs.reason}".strip()
    if obs.redirects and obs.final_url and obs.final_url != obs.url:
        what += f" at `{obs.final_url}`, where it redirects"
    if obs.status == 429 or obs.status == 503:
        if obs.retry_after is not None and obs.retry_after > s.max_retry_wait:
            what += f" (the server asks to wait {obs.retry_after:g} s, more than `external-max-retry-wait`)"
        elif obs.tries > 1:
            what += f" ({obs.tries} tries)"
    elif obs.status >= 500 and obs.tries > 1:
        what += f" ({obs.tries} tries)"
    return what


def permanent_target(obs: Observation) -> str | None:
    """Where a URL that starts with permanent redirects (301, 308) ends them, when the page
    there answers; None otherwise. A temporary hop (302, 303, 307) ends the permanent run:
    only what the server promises to keep is worth rewriting."""
    if not obs.redirects or obs.status is None or obs.status >= 400:
        return None
    target = None
    for status, to in obs.redirects:
        if status not in PERMANENT:
            break
        target = to
    if target is None or target == obs.url:
        return None
    return target


def fragment_missing(obs: Observation, fragment: str | None) -> bool:
    """Whether ``fragment`` names nothing on the (HTML) page observed. False when unknown."""
    if not fragment or obs.ids is None or not obs.html:
        return False
    frag = fragment.split(":~:", 1)[0]  # a text fragment (`#:~:text=`) is the browser's, not an id
    if not frag or frag.lower() == "top":  # HTML: "top" scrolls to the top of any page
        return False
    if frag in obs.ids:
        return False
    host = _host(obs.final_url or obs.url)
    if host == "github.com" or host.endswith(".github.com"):
        # GitHub prefixes README heading ids and resolves `#x` with a script; line anchors too
        if f"user-content-{frag}" in obs.ids or f"user-content-{frag.lower()}" in obs.ids or _GITHUB_LINE.fullmatch(frag):
            return False
    return True
