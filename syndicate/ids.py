"""Stable article ids and ASCII slugs."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from datetime import datetime

from syndicate.dates import to_kst
from syndicate.text import title_key


def tag_id(domain: str, published: datetime, title: str) -> str:
    """An RFC 4151 tag URI: the site, the KST publication day and a hash of the title.

    It depends on nothing that an edit to the body, byline or time of day can
    change, so re-scraping the same story gives the same id.
    """
    return hashed_tag(domain, published, title_key(title))


def hashed_tag(domain: str, published: datetime, name: str, prefix: str = "") -> str:
    """``tag:<domain>,<KST day>:<prefix><16 hex digits of sha256(name)>``."""
    day = to_kst(published).date().isoformat()
    digest = hashlib.sha256(name.encode("utf-8")).hexdigest()[:16]
    return f"tag:{domain},{day}:{prefix}{digest}"


_INITIALS = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k",
             "t", "p", "h"]
_VOWELS = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo",
           "we", "wi", "yu", "eu", "ui", "i"]
_FINALS = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p",
           "p", "t", "t", "ng", "t", "t", "k", "t", "p", "t"]


def romanize(text: str) -> str:
    """Hangul syllables in Revised Romanization, letter by letter (no sound-change rules)."""
    out = []
    for ch in text:
        code = ord(ch) - 0xAC00
        if 0 <= code < 11172:
            out.append(_INITIALS[code // 588] + _VOWELS[(code % 588) // 28] + _FINALS[code % 28])
        else:
            out.append(ch)
    return "".join(out)


def slugify(name: str) -> str:
    """A deterministic ASCII slug for a section name with no configured slug."""
    ascii_text = unicodedata.normalize("NFKD", romanize(name)).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if not slug or slug == "all":
        slug = "section-" + hashlib.sha256(name.encode("utf-8")).hexdigest()[:8]
    return slug
