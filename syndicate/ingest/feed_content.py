"""What a feed item says, as the model wants it: titles, bodies, authors, image.

Feeds escape HTML inconsistently. A body that holds escaped tags and no real
ones (``<![CDATA[&lt;p&gt;…]]>``) was escaped twice by its CMS; it is unescaped
once. Text that merely mentions ``&lt;`` (``&lt;한산&gt;``, a film title in
Korean brackets) is left alone, because real tags sit beside it or the escaped
"tag" is not an HTML element.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

import nh3

from syndicate.model import Author
from syndicate.sanitize import sanitize_html
from syndicate.text import ROLES, clean_text, parse_names
from syndicate.urls import canonical_link

_ELEMENTS = (r"(?:p|br|div|span|img|a|b|i|u|s|em|strong|font|center|table|tbody|thead|tr|td|th|"
             r"ul|ol|li|dl|dt|dd|h[1-6]|blockquote|figure|figcaption|iframe|hr|pre|code|sup|sub|"
             r"small|big|strike|object|embed|script|style)")
_REAL_TAG = re.compile(rf"<\s*/?\s*{_ELEMENTS}\b[^<>]*>", re.IGNORECASE)
_ESCAPED_TAG = re.compile(rf"&lt;/?{_ELEMENTS}(?:\s[^<>]*?)?/?&gt;", re.IGNORECASE | re.DOTALL)
# "&amp;quot;" surviving into HTML shows as the six characters &quot; to a reader.
_ESCAPED_ENTITY = re.compile(r"&amp;(quot|amp|lt|gt|apos|nbsp|middot|hellip|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_ENTITY = re.compile(r"&(?:quot|amp|lt|gt|apos|nbsp|middot|hellip|#\d{1,7}|#x[0-9a-fA-F]{1,6});")
_BLOCK = re.compile(r"<(?:br|hr|/?(?:p|div|li|h[1-6]|tr|td|th|blockquote|figure|figcaption|table|"
                    r"ul|ol|dl|dt|dd|pre))\b[^>]*>", re.IGNORECASE)
_WHITESPACE = re.compile(r"\s+")
_DATELINE = re.compile(r"^\s*[\[(【][^\])】]{0,30}[\])】]\s*(?=\S)")
_ROLE_SUFFIX = re.compile(r"^(.+?)\s*(" + "|".join(sorted(ROLES, key=len, reverse=True)) + r")$")


@dataclass(frozen=True)
class Bodies:
    content_html: str | None   # sanitized; None when the item has no body text
    summary_text: str          # plain text of the summary, else of the body
    body_text: str             # plain text of content_html
    image: str | None


def undo_double_escape(fragment: str) -> str:
    """Unescape HTML that a CMS escaped one time too many; anything else is returned as is."""
    for _ in range(2):  # "&amp;lt;p&amp;gt;" arrives as "&lt;p&gt;" once XML is decoded
        if _REAL_TAG.search(fragment) or not _ESCAPED_TAG.search(fragment):
            break
        fragment = html.unescape(fragment)
    return _ESCAPED_ENTITY.sub(r"&\1;", fragment)


def html_text(fragment: str | None) -> str:
    """Plain text of an HTML fragment, with block boundaries kept as spaces."""
    if not fragment:
        return ""
    stripped = nh3.clean(_BLOCK.sub(" ", fragment), tags=set(),
                         clean_content_tags={"script", "style"})
    return clean_text(_WHITESPACE.sub(" ", html.unescape(stripped)))


def _as_html(detail) -> str | None:
    if not detail:
        return None
    value = detail.get("value") or ""
    kind = (detail.get("type") or "text/html").lower()
    if not value.strip():
        return None
    if kind == "text/plain":
        value = _ENTITY.sub(lambda m: html.unescape(m.group(0)), value)  # double-escaped text
        lines = [clean_text(line) for line in value.splitlines()]
        return "\n".join(f"<p>{html.escape(line, quote=False)}</p>" for line in lines if line)
    if "html" in kind or "xml" in kind:
        return undo_double_escape(value)
    return None  # base64 or another media type: nothing a feed reader can show


def plain_title(entry) -> str:
    detail = entry.get("title_detail") or {}
    value = entry.get("title") or ""
    if "html" in (detail.get("type") or "") and "<" in value:
        return html_text(sanitize_html(undo_double_escape(value)))
    if _ENTITY.search(value):
        value = html.unescape(value)  # "&quot;" left in a plain title is an escaping artifact
    return clean_text(_WHITESPACE.sub(" ", value))  # a title is one line


def entry_bodies(entry, base: str | None) -> Bodies:
    contents = [c for c in entry.get("content") or [] if (c.get("value") or "").strip()]
    # Several <content> elements: the richest HTML one.
    contents.sort(key=lambda c: ("html" in (c.get("type") or ""), len(c.get("value") or "")), reverse=True)
    content = _as_html(contents[0]) if contents else None
    summary = _as_html(entry.get("summary_detail")) if entry.get("summary") else None

    safe_content = sanitize_html(content, base) if content else ""
    body_text = html_text(safe_content)
    # html_text drops every tag itself, so the summary needs sanitizing only when it
    # must stand in for a missing body.
    summary_text = html_text(summary)
    if not body_text and summary:
        safe_content = sanitize_html(summary, base)
        body_text = summary_text = html_text(safe_content)
    return Bodies(
        content_html=safe_content if body_text else None,
        summary_text=summary_text or body_text,
        body_text=body_text,
        image=_image(entry, base),
    )


def _image(entry, base: str | None) -> str | None:
    candidates = [t.get("url") for t in entry.get("media_thumbnail") or []]
    candidates += [m.get("url") for m in entry.get("media_content") or []
                   if (m.get("medium") == "image" or (m.get("type") or "").startswith("image/"))]
    candidates += [e.get("href") for e in entry.get("enclosures") or []
                   if (e.get("type") or "").startswith("image/")]
    for url in candidates:
        found = canonical_link(url, base)
        if found:
            return found
    return None


def entry_authors(entry) -> tuple[Author, ...]:
    """Authors from <author>, dc:creator and Atom <author>, merged by name."""
    raw = []
    emails: set[str] = set()
    for a in entry.get("authors") or []:
        email = a.get("email")
        # feedparser copies one Atom author's e-mail into the next author that has none.
        raw.append((a.get("name"), None if email in emails else email))
        if email:
            emails.add(email)
    if not raw and entry.get("author"):
        raw = [(entry.get("author"), None)]
    merged: dict[str, Author] = {}
    for name, email in raw:
        for author in _authors(name or "", email):
            old = merged.get(author.name)
            merged[author.name] = author if old is None else Author(
                author.name, old.email or author.email, old.role or author.role)
    return tuple(merged.values())


def _authors(name: str, email: str | None) -> tuple[Author, ...]:
    # "[서울=뉴시스] 홍길동 기자", "(서울=연합뉴스) 홍길동 기자": a dateline before the credit
    name = _DATELINE.sub("", clean_text(name).replace("mailto:", "")).strip(" =·,")
    email = clean_text(email).lower() if email else None
    credit = f"{name} {email}" if email and email not in name.lower() else name
    found = parse_names(credit)
    if found:
        if email and len(found) == 1 and found[0].email is None:
            found = (Author(found[0].name, email, found[0].role),)
        return found
    # Not a Korean credit: a nickname, an outlet, "Name (Org)". Keep it, minus a role suffix.
    role = None
    if name in ROLES:
        return ()  # a bare "기자" names nobody
    m = _ROLE_SUFFIX.match(name)
    if m:
        name, role = m.group(1).strip(" ,·"), m.group(2)
    if not name or name in ROLES or len(name) > 60:
        # Only an address: its local part is the best name there is.
        return (Author(email.split("@")[0], email, role),) if email and not name else ()
    return (Author(name, email, role),)
