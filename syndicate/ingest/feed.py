"""Reader for RSS 0.9x/1.0/2.0 and Atom feeds, tuned for the quirks of Korean feeds.

feedparser does the parsing, but it is only ever handed a stream of the bytes
feed_bytes.prepare made: UTF-8, with no entity that could expand. This module
maps its entries to Articles (ids, links, dates, sections); feed_content.py
maps titles, bodies and authors. Dates are read from the feed's own strings,
because feedparser reads naive times as UTC and drops offsets.
"""

from __future__ import annotations

import io
import re
from collections import Counter
from datetime import datetime, timezone

import feedparser

from syndicate import dates
from syndicate.errors import IngestError
from syndicate.ids import hashed_tag, tag_id
from syndicate.ingest.base import Problem, ReadContext, ReadResult, looks_binary
from syndicate.ingest.feed_bytes import UNMARKED_UTF16_32, gunzip, prepare
from syndicate.ingest.feed_content import entry_authors, entry_bodies, plain_title
from syndicate.model import Article
from syndicate.text import (clean_text, looks_cut_off, mark_cut, split_lead_byline, summarize,
                            title_key)
from syndicate.urls import canonical_link, is_http_url, strip_tracking

_URI = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:[^\s<>\"{}|\\^`]+$")
_MONTH = re.compile(r"\b(January|February|March|April|June|July|August|Sept(?:ember)?|October|"
                    r"November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sep|Oct|Nov|Dec)\.)(?=[\s,\-])",
                    re.IGNORECASE)
_CHANNEL_CREATOR = re.compile(rb"<dc:creator[\s>]")


def read(data: bytes, source: str, ctx: ReadContext) -> ReadResult:
    try:
        return _read(data, source, ctx)
    except IngestError:
        raise
    except Exception as exc:  # the reader's boundary: hostile input gets one clear line, not a traceback
        raise IngestError(f"feed could not be read: {exc.__class__.__name__}: {exc}",
                          source=source) from None


def _read(data: bytes, source: str, ctx: ReadContext) -> ReadResult:
    if data.startswith(b"\x1f\x8b"):
        data = gunzip(data, source, ctx.max_bytes)  # feed.xml.gz on disk, or a server that gzips twice
    if not data.strip():
        raise IngestError("empty file", source=source)
    if looks_binary(data) and not data.startswith(UNMARKED_UTF16_32):
        raise IngestError("binary data, not a feed", source=source)
    result = ReadResult()
    prepared, notes = prepare(data, ctx.http_charset)
    result.problems.extend(Problem(source, note, severity="warning") for note in notes)
    try:
        # A stream, not bytes: feedparser tries open() on bytes first, so a body that
        # happened to be a local path (b"/etc/passwd") would be read from disk.
        parsed = feedparser.parse(io.BytesIO(prepared), sanitize_html=False, resolve_relative_uris=False,
                                  response_headers={"content-type": "application/xml; charset=utf-8"})
    except RecursionError:
        raise IngestError("feed could not be parsed: nested too deeply", source=source) from None
    except Exception as exc:  # feedparser on hostile input: report, never crash the run
        raise IngestError(f"feed could not be parsed: {exc.__class__.__name__}: {exc}",
                          source=source) from None
    entries = parsed.get("entries") or []
    if not parsed.get("version") and not entries:
        raise IngestError(f"not an RSS or Atom feed{_bozo_reason(parsed, ': ')}", source=source)
    if parsed.get("bozo"):
        result.problems.append(Problem(source, f"feed is not well-formed{_bozo_reason(parsed, ': ')}; "
                                       f"read {len(entries)} item(s) anyway", severity="warning"))
    if not entries:
        result.problems.append(Problem(source, "feed has no items", severity="warning"))
        return result

    channel = parsed.get("feed") or {}
    base = source if is_http_url(source) else canonical_link(channel.get("link"))
    guids = Counter(_guid(e) for e in entries)
    # A link every item shares (the site's front page, a "more news" page) is no item's own.
    links = Counter(_link(e, _guid(e), base) for e in entries)
    shared = {link for link, n in links.items() if n > 1}
    # Atom entries inherit the feed's author (RFC 4287 4.2.1); an RSS channel's dc:creator
    # is the blog's author too. managingEditor, which feedparser files the same way, is not.
    head = prepared[:prepared.find(b"<item")] if b"<item" in prepared else b""
    inherited = entry_authors(channel) if (str(parsed.get("version", "")).startswith("atom")
                                           or _CHANNEL_CREATOR.search(head)) else ()
    for index, entry in enumerate(entries, 1):
        try:
            item = _article(entry, index, guids, shared, base, source, ctx, inherited, result.problems)
        except Exception as exc:  # one broken item must not cost the others
            item = Problem(source, f"item could not be read: {exc.__class__.__name__}: {exc}",
                           item=clean_text(str(entry.get("title") or ""))[:80] or f"#{index}")
        if isinstance(item, Problem):
            result.problems.append(item)
        else:
            result.articles.append(item)
    return result


def _bozo_reason(parsed, prefix: str) -> str:
    exc = parsed.get("bozo_exception")
    if exc is None:
        return ""
    line = getattr(exc, "getLineNumber", None)
    message = exc.getMessage() if hasattr(exc, "getMessage") else str(exc)
    where = f"line {line()}: " if callable(line) and line() else ""
    return f"{prefix}{where}{message}"


def _guid(entry) -> str | None:
    guid = (entry.get("id") or "").strip()
    return guid or None


def _link(entry, guid: str | None, base: str | None) -> str | None:
    for link in entry.get("links") or []:
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            found = canonical_link(link["href"], base)
            if found:
                return found
    # An RSS guid with isPermaLink (the default) is the article's URL.
    if guid and entry.get("guidislink") and is_http_url(guid):
        return canonical_link(guid)
    return None


def _when(raw: str | None, parsed_struct, tz) -> tuple[datetime, bool] | None:
    if raw:
        # "Sept", "September", "Sept.": RFC 822 wants three letters; feeds write all of these.
        text = _MONTH.sub(lambda m: m.group(1)[:3], clean_text(raw))
        # Also 20220518120052, as some CMS exports write it: naive, so the source's zone.
        found = dates.parse_machine_date(text, tz)
        if found:
            return found
    if parsed_struct:
        # A form only feedparser knows; its struct is in UTC.
        try:
            return datetime(*parsed_struct[:6], tzinfo=timezone.utc), True
        except (TypeError, ValueError):
            return None
    return None


def _article(entry, index: int, guids: Counter, shared: set, base: str | None, source: str,
             ctx: ReadContext, inherited: tuple, warnings: list[Problem]) -> Article | Problem:
    guid = _guid(entry)
    link = _link(entry, guid, base)
    if link in shared:
        link = None
    bodies = entry_bodies(entry, link or base)
    title = plain_title(entry) or summarize(bodies.summary_text, 80)
    if not title:
        # Nothing to show; skipping it is no failure of the feed.
        return Problem(source, "item has no title and no text; skipped", item=link or guid or f"#{index}",
                       severity="warning")

    # dict.get: feedparser's own get() answers "updated" with the published date.
    published = _when(dict.get(entry, "published") or dict.get(entry, "created"),
                      dict.get(entry, "published_parsed") or dict.get(entry, "created_parsed"), ctx.tz)
    updated = _when(dict.get(entry, "updated"), dict.get(entry, "updated_parsed"), ctx.tz)
    if published is None and updated is not None:
        published, updated = updated, None  # dc:date alone, or an Atom entry with only updated

    if guid and guids[guid] == 1:
        key = strip_tracking(guid) if is_http_url(guid) else guid
    else:
        key = link  # no guid, or one the feed repeats for different items

    date_only = False
    if published is None:
        raw = dict.get(entry, "published") or dict.get(entry, "updated") or dict.get(entry, "created")
        if ctx.first_seen is None:
            return Problem(source, f"item has no readable date{_quoted(raw)}", item=title)
        # Keyed by the feed's own link when it has one, else by the input's name (relative
        # to the config's folder, so the same wherever syndicate runs).
        when = ctx.first_seen(key or f"{base or source}#{title_key(title)}")
        if raw:
            warnings.append(Problem(source, f"unreadable date{_quoted(raw)}; using the time the item "
                                    "was first seen", item=title, severity="warning"))
    else:
        when, has_time = published
        date_only = not has_time
    when = dates.to_kst(when)
    later = dates.to_kst(updated[0]) if updated and updated[0] > when else None

    if key is None:
        article_id = tag_id(ctx.domain, when, title)
    elif _URI.match(key):
        article_id = key
    else:
        # "131@http://blog…", "partner-1": a guid but not a URI, which an Atom id must be.
        article_id = hashed_tag(ctx.domain, when, key, prefix="guid-")

    body = bodies.body_text
    partial = not body or looks_cut_off(body)
    summary = summarize(bodies.summary_text)
    return Article(
        id=article_id,
        title=title,
        section=_section(entry, ctx),
        published=when,
        updated=later,
        # Wire copy in aggregated feeds names its reporter only in the lead: "[OSEN=고성환 기자] …"
        authors=entry_authors(entry) or split_lead_byline(body[:200])[0] or inherited,
        summary=mark_cut(summary) if partial else summary,
        content_html=bodies.content_html,
        link=link,
        source=source,
        partial=partial,
        tags=_tags(entry),
        image=bodies.image,
        date_only=date_only,
    )


def _quoted(raw: str | None) -> str:
    return f" {clean_text(raw)[:60]!r}" if raw else ""


def _tags(entry) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in entry.get("tags") or []:
        term = clean_text(tag.get("label") or tag.get("term") or "")
        if term and len(term) <= 80:
            seen.setdefault(term, None)
    return tuple(seen)


def _section(entry, ctx: ReadContext) -> str:
    if ctx.section:
        return ctx.section
    by_name = {n.casefold(): n for n in ctx.known_sections}
    by_slug = {slug.casefold(): name for name, slug in ctx.section_slugs.items()}
    for term in _tags(entry):
        # "정치", "politics", or a path such as "뉴스 > 정치" or "news/politics"
        for part in [term] + re.split(r"\s*[>/|·,]\s*", term)[::-1]:
            key = part.strip().casefold()
            if key in by_name:
                return by_name[key]
            if key in by_slug:
                return by_slug[key]
    return ctx.default_section
