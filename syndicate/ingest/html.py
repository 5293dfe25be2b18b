"""Reader for saved article pages (HTML) from any outlet: one page, one article.

Facts come from four places, each a fallback for the one before: schema.org
JSON-LD, OpenGraph/``article:*`` meta, common CMS markup, and the visible byline
and date text. Where the page's visible text and its machine data disagree, the
visible text wins (it is what the reader was shown); where they agree, the more
precise one is kept (a JSON-LD time has seconds, the page shows minutes).
"""

from __future__ import annotations

import re
import threading
import unicodedata
from datetime import datetime, timedelta
from typing import Iterable, Iterator
from urllib.parse import urljoin

from lxml import etree

from syndicate import dates
from syndicate.encoding import sniff_encoding
from syndicate.errors import IngestError
from syndicate.ids import tag_id
from syndicate.ingest.base import Problem, ReadContext, ReadResult, looks_binary
from syndicate.ingest.html_body import (Body, body_from_text, byline_from_markup, extract_body,
                                         is_listing)
from syndicate.ingest.html_meta import Facts, collect
from syndicate.ingest.html_select import PageIndex, in_widget, short_text, text_of
from syndicate.model import Article, Author
from syndicate.sanitize import sanitize_html
from syndicate.text import clean_text, looks_cut_off, merge_authors, summarize, title_key
from syndicate.urls import canonical_link

MAX_PAGE_BYTES = 10 * 1024 * 1024   # a real article page is well under 2 MB; more is not a page

# One parser per thread: an lxml parser object must not be used by two threads at once.
_PARSERS = threading.local()


def _parser(utf8: bool) -> etree.HTMLParser:
    name = "utf8" if utf8 else "text"
    parser = getattr(_PARSERS, name, None)
    if parser is None:
        # collect_ids=False: libxml2 need not build a hash of the page's id attributes (nothing
        # here looks elements up by id), a few per cent of the parse.
        parser = (etree.HTMLParser(encoding="utf-8", collect_ids=False) if utf8
                  else etree.HTMLParser(collect_ids=False))
        setattr(_PARSERS, name, parser)
    return parser


_DATA_DATE_NAME = re.compile(r"publish|pub-?date|reg-?date|created|date|time|modif|updat")
_CRUMB_SEPARATOR = re.compile(r"\s*[>›»/|]\s*")
_SITE_SEPARATOR = re.compile(r"^(.*\S)\s+(?:[-|:·–—<>»/]|::|\|\|)\s+(\S.{0,30})$")
_SITE_WORDS = re.compile(r"뉴스|일보|신문|닷컴|경제|방송|미디어|통신|데일리|저널|타임즈|포스트|헤럴드|TV|tv|"
                         r"News|NEWS|news|Times|Daily|Post|Herald|Journal|\.com|\.co\.kr|\.kr|\.net")
_ROOT_CRUMBS = frozenset({"홈", "home", "뉴스", "전체", "전체기사", "기사", "news", "메인", "main",
                          "기사본문", "본문", "전체뉴스"})
_STAMP_CLIMB = 4


def read(data: bytes, source: str, ctx: ReadContext) -> ReadResult:
    root, truncated = _parse(data, source)
    article = extract(root, source, ctx, truncated)
    result = ReadResult(articles=[article])
    if truncated:
        result.problems.append(Problem(source, "page ends before </html> (truncated?); "
                                               "stored what was there as a partial article",
                                       severity="warning"))
    return result


def _parse(data: bytes, source: str) -> tuple[etree._Element, bool]:
    if not data or data.isspace():   # (not data.strip(), which would copy the page)
        raise IngestError("empty file", source=source)
    if len(data) > MAX_PAGE_BYTES:
        raise IngestError(f"page is {len(data) / 1048576:.1f} MB, over the "
                          f"{MAX_PAGE_BYTES // 1048576} MB limit for one article page", source=source)
    if looks_binary(data):
        raise IngestError("binary file, not an HTML page", source=source)
    # Scripts first: they are half of a news page's bytes and hold nothing the encoding
    # check or the reader needs (JSON-LD is kept).
    data = drop_script_bodies(data)
    sniffed = sniff_encoding(data)
    try:
        if sniffed.codec == "utf-8" and sniffed.clean:
            # Let libxml2 decode: the bytes are known-good UTF-8, and it is faster than Python.
            root = etree.fromstring(data[sniffed.bom:], _parser(True))
        else:
            text = data[sniffed.bom:].decode(sniffed.codec, "strict" if sniffed.clean else "replace")
            text = re.sub(r"^\s*<\?xml[^>]*\?>", "", text)  # lxml refuses str with an encoding prolog
            root = etree.fromstring(text, _parser(False))
    except (etree.ParserError, etree.XMLSyntaxError, ValueError) as exc:
        raise IngestError(f"not an HTML page: {exc}", source=source) from None
    if root is None:
        raise IngestError("not an HTML page: no markup found", source=source)
    # Cut short: no closing </body> or </html>, and the bytes stop inside a tag or text. (A page
    # that merely leaves the optional closing tags out still ends on a '>'.)
    tail = data[-4096:].lower()
    truncated = b"</html" not in tail and b"</body" not in tail and not data.rstrip().endswith(b">")
    return root, truncated


_SCRIPT_OPEN = re.compile(rb"<(script|style)\b[^>]*>", re.IGNORECASE)
_SCRIPT_CLOSE = {b"script": re.compile(rb"</script", re.IGNORECASE),
                 b"style": re.compile(rb"</style", re.IGNORECASE)}


def drop_script_bodies(data: bytes) -> bytes:
    """The page without the code inside its <script> and <style> elements (JSON-LD is kept).

    Scripts are often half of a news page's bytes; the parser need not build
    them. The cut follows the HTML rule: a script ends at the first ``</script``.
    Works on any ASCII-compatible encoding (the tags are ASCII in all of them).
    """
    out = []
    pos = 0
    while True:
        opened = _SCRIPT_OPEN.search(data, pos)
        if opened is None:
            break
        closed = _SCRIPT_CLOSE[opened.group(1).lower()].search(data, opened.end())
        if closed is None:
            break
        out.append(data[pos:opened.end()])
        if b"ld+json" in opened.group(0).lower():
            out.append(data[opened.end():closed.start()])
        pos = closed.start()
    if not out:
        return data
    out.append(data[pos:])
    return b"".join(out)


def extract(root: etree._Element, source: str, ctx: ReadContext, truncated: bool = False) -> Article:
    """The article of a parsed page; raises IngestError with the reason when there is none."""
    idx = PageIndex.build(root)
    facts = collect(idx.metas, idx.ld_json)
    # Everything read from the visible page comes before the body is cut out of it.
    title, heading = _title(idx, facts)
    stamps = _visible_stamps(idx.stamp_candidates([h for h in [heading] if h is not None]
                                                  + idx.bylines[:2]), idx, ctx)
    byline = byline_from_markup(idx)
    section = _section(idx, facts, ctx)
    tags = _tags(idx, facts)
    link = _canonical(idx, facts)
    base_url = _base_url(idx, link)
    machine_published = _machine_date(facts.published, idx, ctx, modified=False)
    machine_updated = _machine_date(facts.updated, idx, ctx, modified=True)

    listing = is_listing(root, idx)
    body = None if listing else extract_body(root, idx)
    if body is None and facts.article_body:
        body = body_from_text(facts.article_body)   # the page's HTML is filled in by script
    if body is None:
        if truncated:
            raise IngestError("truncated HTML: the page ends before any article text", source=source)
        if listing or facts.is_listing or not facts.is_article:
            raise IngestError("no article in this page (a section front or listing page?)", source=source)
        raise IngestError("no article body found in this page", source=source)
    if not title:
        raise IngestError("no headline found in this page", source=source)
    if stamps is None and facts.is_listing and not facts.is_article:
        raise IngestError("no article in this page (a section front or listing page?)", source=source)

    published, has_time = _choose_date(stamps.published if stamps else None,
                                       stamps.published_has_time if stamps else False,
                                       machine_published)
    if published is None:
        raise IngestError("no publication date: no 입력/등록 stamp, datePublished or "
                          "article:published_time", source=source, item=title)
    updated, _ = _choose_date(stamps.updated if stamps else None, True, machine_updated)
    published = dates.to_kst(published)
    updated = dates.to_kst(updated) if updated and updated > published else None

    authors = merge_authors(merge_authors(byline, body.lead_authors), body.trail_authors)
    authors = _fill_from(authors, facts.authors) if authors else facts.authors
    if len(authors) == 1 and not authors[0].email and len(body.trail_emails) == 1:
        # Wire copy ends with the reporter's address alone on a line.
        authors = (Author(authors[0].name, body.trail_emails[0], authors[0].role),)
    image = _lead_image(facts, body, base_url)
    # NFC here: libxml2 decoded the bytes, and pages carry compatibility ideographs (李 U+F9E1).
    content = unicodedata.normalize("NFC", sanitize_html(body.html, base_url))
    return Article(
        id=link or tag_id(ctx.domain, published, title),
        title=title,
        section=section,
        published=published,
        updated=updated,
        authors=authors,
        summary=_summary(facts, body),
        content_html=content or None,
        link=link,
        source=source,
        partial=truncated,
        tags=tags,
        image=image,
        date_only=not has_time,
    )


# --- title -------------------------------------------------------------------------------------

def _strip_site(title: str, site_names: list[str], others: set[str]) -> str:
    """``기사 제목 - 한국일보`` -> ``기사 제목``; only a tail that names a site goes."""
    names = {title_key(n) for n in site_names if n}
    while True:
        m = _SITE_SEPARATOR.match(title)
        if not m:
            return title
        head, tail = m.group(1), m.group(2)
        if title_key(tail) in names or _SITE_WORDS.search(tail) or title_key(head) in others:
            title = head
        else:
            return title


def _title(idx: PageIndex, facts: Facts) -> tuple[str, etree._Element | None]:
    raw = [clean_text(t) for t in facts.titles + idx.title_text[:1]]
    raw = [t for t in raw if t]
    keys = {title_key(t) for t in raw}
    stripped = [_strip_site(t, facts.site_names, keys) for t in raw]
    wanted = {title_key(t) for t in stripped + raw if t}
    # The headline as the reader saw it: a heading that is one of the page's own titles. The
    # headings are read only as far as that match (it is usually among the first few).
    headings = []   # (raw text, its key, element); cleaned only when chosen
    for text, key, el in _heading_texts(idx.headings):
        headings.append((text, key, el))
        if key in wanted:
            return clean_text(" ".join(text.split())), el
    # No match: the loop above has read every heading into ``headings``.
    for text, key, el in headings:
        # <title> often wraps the headline in the site's name, before or after it.
        if len(key) >= 8 and any((w.startswith(key) or w.endswith(key)) and len(key) >= 0.5 * len(w)
                                 for w in wanted):
            return clean_text(" ".join(text.split())), el
    if stripped:
        return stripped[0], None
    for text, _key, el in headings:
        text = clean_text(" ".join(text.split()))
        if len(text) <= 300:
            return text, el
    return "", None


def _heading_texts(elements: list[etree._Element]) -> Iterator[tuple[str, str, etree._Element]]:
    """(raw text, its key, element) of each heading with a plausible headline's length."""
    for el in elements:
        text = short_text(el, 600)
        if text and 4 <= len(text.strip()) <= 600:
            yield text, title_key(text), el


# --- dates -------------------------------------------------------------------------------------

def _visible_stamps(holders: Iterable[etree._Element], idx: PageIndex,
                    ctx: ReadContext) -> dates.Stamps | None:
    """The first 입력/수정 line near the headline, read from the smallest element that holds its date."""
    for el in holders:
        found = None
        for _ in range(_STAMP_CLIMB):
            if el is None:
                break
            raw = short_text(el, 600)
            text = clean_text(raw) if raw is not None else ""
            if raw is None or len(text) > 300:
                break
            stamps = dates.find_stamps(text, ctx.tz)
            if stamps:
                found = stamps
                if stamps.published and stamps.updated:
                    break
            elif found:
                break
            el = el.getparent()
        if found and found.published:
            return found
    for el in idx.date_boxes:
        text = clean_text(short_text(el, 200) or "")
        if 8 <= len(text) <= 60:
            parsed = dates.parse_date(text, ctx.tz)
            if parsed:
                return dates.Stamps(parsed[0], parsed[1], None)
    return None


def _machine_date(raw: list[str], idx: PageIndex, ctx: ReadContext,
                  modified: bool) -> tuple[datetime, bool] | None:
    for value in raw:
        parsed = dates.parse_machine_date(value, ctx.tz)
        if parsed:
            return parsed
    for el in idx.times:
        prop = el.get("itemprop") or ""
        if (prop == "dateModified") != modified:
            continue
        parsed = dates.parse_machine_date(el.get("datetime") or el.get("content") or el.text or "", ctx.tz)
        if parsed:
            return parsed
    # data-* attributes on the page's date and byline boxes: naive times, in the source's zone.
    for el in idx.date_boxes + idx.times:
        for name, value in el.items():
            if not name.startswith("data-") or not _DATA_DATE_NAME.search(name):
                continue
            if bool(re.search("modif|updat", name)) == modified:
                parsed = dates.parse_machine_date(value, ctx.tz)
                if parsed:
                    return parsed
    return None


def _choose_date(visible: datetime | None, visible_has_time: bool,
                 machine: tuple[datetime, bool] | None) -> tuple[datetime | None, bool]:
    if visible is None:
        return (machine[0], machine[1]) if machine else (None, False)
    if machine is None:
        return visible, visible_has_time
    when, has_time = machine
    if visible_has_time and has_time and abs(when - visible) < timedelta(minutes=1):
        return when, True   # the same minute: keep the seconds the page did not show
    if not visible_has_time and has_time and dates.to_kst(when).date() == dates.to_kst(visible).date():
        return when, True
    return visible, visible_has_time


# --- section, tags, links ----------------------------------------------------------------------

def _crumbs(el: etree._Element) -> list[str]:
    full = text_of(el)
    if _CRUMB_SEPARATOR.search(full):
        items = [clean_text(t) for t in _CRUMB_SEPARATOR.split(full)]
    else:
        items = [clean_text(text_of(c)) for c in el.iter("a", "li", "strong", "span", "em")
                 if c is not el] or [clean_text(full)]
    out = []
    for item in items:
        item = item.strip(" >›»/|")
        if item and item.lower() not in _ROOT_CRUMBS and item not in out:
            out.append(item)
    return out


def _section(idx: PageIndex, facts: Facts, ctx: ReadContext) -> str:
    if ctx.section:
        return ctx.section
    visible: list[str] = []
    for el in idx.sections:
        text = clean_text(short_text(el, 300) or "")
        if not text or len(text) > 60:
            continue
        if in_widget(el):
            continue
        # A section name has no digits: "서울 12℃" is a weather box, "2024.05.18" a date.
        crumbs = [c for c in _crumbs(el) if len(c) <= 15 and not re.search(r"\d|℃|°", c)]
        if 0 < len(crumbs) <= 4:
            visible = crumbs
            break
    structured = [clean_text(s) for s in facts.sections if clean_text(s)]
    everything = visible + structured
    for name in everything:
        if name in ctx.known_sections:
            return name
    hangul = re.compile("[가-힣]")
    for name in visible + structured:
        if hangul.search(name):
            return name
    return structured[0] if structured else ctx.default_section


def _tags(idx: PageIndex, facts: Facts) -> tuple[str, ...]:
    visible: list[str] = []
    for el in idx.tag_boxes:
        if in_widget(el):
            continue
        found = [clean_text(text_of(a)) for a in el.iter("a")]
        found = [t for t in found if t and len(t) <= 30]
        # One lone link called "keyword" is a ranking widget's label; a tag list has several, or #s.
        if len(found) >= 2 or any(t.startswith("#") for t in found):
            visible = [t.lstrip("#").strip() for t in found]
            break
    for group in (visible, facts.tags, facts.keywords):
        tags = []
        for t in group:
            t = clean_text(t).lstrip("#").strip()
            if t and len(t) <= 40 and t not in tags:
                tags.append(t)
        if tags:
            return tuple(tags[:30])
    return ()


def _canonical(idx: PageIndex, facts: Facts) -> str | None:
    candidates = idx.canonical + facts.links
    # Absolute candidates first; a root-relative one only resolves against one of them.
    absolute = [c for c in candidates if c.strip().startswith(("http://", "https://"))]
    relative = [c for c in candidates if c.strip().startswith("/")]
    base = absolute[0] if absolute else None
    return next(filter(None, (canonical_link(c, base) for c in absolute + relative)), None)


def _base_url(idx: PageIndex, link: str | None) -> str | None:
    base = [b.strip() for b in idx.base]
    if base and base[0].startswith(("http://", "https://")):
        return base[0]
    return link


def _lead_image(facts: Facts, body: Body, base_url: str | None) -> str | None:
    for src in facts.images + body.images:
        src = src.strip()
        if src.startswith("//"):
            src = "https:" + src
        elif base_url:
            src = urljoin(base_url, src)
        if src.startswith(("http://", "https://")):
            return src
    return None


# --- authors and summary -----------------------------------------------------------------------

def _fill_from(authors: tuple[Author, ...], structured: tuple[Author, ...]) -> tuple[Author, ...]:
    """Visible names, with an e-mail or role the structured data knows and the page did not show."""
    known = {a.name: a for a in structured}
    return tuple(Author(a.name, a.email or (known[a.name].email if a.name in known else None),
                        a.role or (known[a.name].role if a.name in known else None)) for a in authors)


def _summary(facts: Facts, body: Body) -> str:
    for desc in facts.descriptions:
        desc = clean_text(desc)
        if len(desc) >= 10 and not looks_cut_off(desc):
            return summarize(desc)
    # The lead: the first real paragraphs (not a subhead or a quote's attribution), whole, up to 200
    # characters; a longer first paragraph is cut at a sentence by summarize().
    real = [p for p in body.paragraphs if len(p) >= 30] or body.paragraphs
    lead: list[str] = []
    for p in real:
        if lead and sum(len(x) + 1 for x in lead) + len(p) > 200:
            break
        lead.append(p)
    text = " ".join(lead)
    return summarize(text) if text else summarize(facts.descriptions[0] if facts.descriptions else "")
