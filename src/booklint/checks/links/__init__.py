"""Links (L): targets, anchors, malformed URLs, navigation and table-of-contents links."""

from ...registry import settings


def settings_problem(values: dict) -> str | None:
    """The external-link values checked by the network library, loaded only when a
    configuration has a `[links]` table."""
    from ...external import settings_problem as problem

    return problem(values)


# External links (L020-L029): checked over the network only with `--external` or `external = true`
settings("links", {
    "external": (bool, False, "check external URLs over the network (the L02x rules join the selection)"),
    "offline": (bool, False, "never use the network: external URLs only from the fresh cache"),
    "external-cache": (str, ".booklint_cache/external", "folder of the persistent cache, relative to the book "
                       "(\"\": no cache)"),
    "external-max-age": ((int, float, str), "1d", "how long a cached answer stays fresh: seconds or \"12h\", \"7d\""),
    "external-timeout": ((int, float), 20, "seconds for one request, connect to last byte"),
    "external-retries": (int, 3, "further tries after a 429, a 5xx, a timeout or a cut connection"),
    "external-retry-wait": ((int, float), 1, "first back-off in seconds, doubled each retry (Retry-After wins)"),
    "external-max-retry-wait": ((int, float), 60, "a longer Retry-After is not waited for"),
    "external-max-concurrency": (int, 64, "requests in flight in all"),
    "external-host-concurrency": (int, 32, "requests in flight to one host"),
    "external-host-delay": ((int, float), 0, "seconds between the starts of two requests to one host"),
    "external-max-redirects": (int, 10, "redirects followed before giving up"),
    "external-accept": (list, [], "status codes that mean alive (default 200..299); ranges as \"200..299\""),
    "external-accept-hosts": (dict, {}, "more accepted codes by host, e.g. {\"www.researchgate.net\" = [403]}"),
    "external-exclude": (list, [], "regular expressions: URLs not checked"),
    "external-include": (list, [], "regular expressions: when given, only these URLs are checked (wins over exclude)"),
    "external-check-local": (bool, False, "also check loopback and private addresses and the reserved example "
                             "names (example.com, *.test, localhost), which books use as illustrations"),
    "external-fragments": (bool, False, "check `#fragment`s of external HTML pages against their ids (L022)"),
    "external-user-agent": (str, "", "the User-Agent header (default booklint/<version>)"),
    "doi-resolver": (str, "https://doi.org/", "where `doi:` links and .bib `doi` fields are checked"),
    "arxiv-resolver": (str, "https://arxiv.org/abs/", "where `arXiv:` links and .bib arXiv eprints are checked"),
}, check=settings_problem)
