"""Canonical article URLs: absolute, http(s) only, without tracking parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that identify a campaign, a click or a share, never the article.
_TRACKING_EXACT = frozenset({
    "fbclid", "gclid", "dclid", "gbraid", "wbraid", "msclkid", "yclid", "igshid", "mc_cid",
    "mc_eid", "_hsenc", "_hsmi", "_ga", "_gl", "ref_src", "spm", "cmpid", "ocid", "srsltid",
    "__twitter_impression",
})


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING_EXACT


def _strip_query(query: str) -> str:
    pairs = parse_qsl(query, keep_blank_values=True)
    kept = [(k, v) for k, v in pairs if not is_tracking(k)]
    # Untouched queries keep the publisher's exact spelling (%20 stays %20).
    return query if len(kept) == len(pairs) else urlencode(kept, doseq=True)


def strip_tracking(url: str) -> str:
    """``url`` without tracking query parameters; other parameters keep their order."""
    try:
        parts = urlsplit(url)
    except ValueError:
        return url
    if not parts.query:
        return url
    return urlunsplit(parts._replace(query=_strip_query(parts.query)))


def canonical_link(href: str | None, base: str | None = None) -> str | None:
    """The one form of an article URL every reader uses, so that the same story read from a
    page and from a feed has the same id: absolute http(s), scheme and host lower-cased, no
    fragment, no tracking parameters. None when there is no such URL."""
    if not href:
        return None
    href = href.strip()
    if href.startswith("//"):
        href = "https:" + href
    try:
        if base and not href.lower().startswith(("http://", "https://")):
            href = urljoin(base, href)
        parts = urlsplit(href)
        host = parts.hostname  # raises on an unbalanced [ in the host
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not host or any(c in href for c in " \t\r\n"):
        return None
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), parts.path or "/",
                       _strip_query(parts.query), ""))


def is_http_url(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
