"""Canonical article URLs: absolute, http(s) only, without tracking parameters."""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

# Parameters that identify a campaign or a click, never the article.
_TRACKING_EXACT = frozenset({"fbclid", "gclid", "dclid", "msclkid", "yclid", "igshid", "mc_cid",
                             "mc_eid", "_hsenc", "_hsmi"})


def is_tracking(name: str) -> bool:
    name = name.lower()
    return name.startswith("utm_") or name in _TRACKING_EXACT


def strip_tracking(url: str) -> str:
    """``url`` without utm_* (and click-id) query parameters; other parameters keep their order."""
    lowered = url.lower()
    if "?" not in url or not ("utm_" in lowered or any(name in lowered for name in _TRACKING_EXACT)):
        return url  # the common case, without parsing
    parts = urlsplit(url)
    if not parts.query:
        return url
    kept = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if not is_tracking(k)]
    if len(kept) == len(parse_qsl(parts.query, keep_blank_values=True)):
        return url  # untouched: keep the publisher's exact spelling
    return urlunsplit(parts._replace(query=urlencode(kept, doseq=True)))


def canonical_link(href: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL with tracking stripped, or None when there is no such URL."""
    if not href:
        return None
    href = href.strip()
    if base and not href.lower().startswith(("http://", "https://")):
        try:
            href = urljoin(base, href)
        except ValueError:
            return None
    try:
        parts = urlsplit(href)
    except ValueError:
        return None  # e.g. an unbalanced [ in the host
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc or any(c in href for c in " \t\r\n"):
        return None
    return strip_tracking(href)


def is_http_url(text: str) -> bool:
    try:
        parts = urlsplit(text.strip())
    except ValueError:
        return False
    return parts.scheme.lower() in ("http", "https") and bool(parts.netloc)
