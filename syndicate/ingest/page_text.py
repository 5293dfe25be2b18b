"""Reader for pages scraped as plain text, shaped like the TV서울 seed page.

The page is a list of non-blank lines ("units"). An article is a title followed
by 등록/수정 stamps or by a paragraph that opens with a byline; its body runs to
the next title, heading or listing. A heading followed by 더보기 opens a listing
whose lines run title and teaser together. Weather widgets and the date header
are page furniture.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime

from syndicate import dates
from syndicate.ids import tag_id
from syndicate.ingest.base import Problem, ReadContext, ReadResult, decode_text
from syndicate.model import Article, Author
from syndicate.text import (clean_text, find_inline_byline, looks_cut_off, paragraphs_html,
                            parse_credit_line, split_lead_byline, summarize, title_key)

_DATE_HEADER = re.compile(
    r"^(?:\d{4}\s*[.\-/]\s*\d{1,2}\s*[.\-/]\s*\d{1,2}\.?|\d{4}년\s*\d{1,2}월\s*\d{1,2}일)"
    r"\s*(?:\(?[월화수목금토일](?:요일)?\)?)?$")
_WEATHER = re.compile(r"^[•·\-*]?\s*\S.*?-?\d+(?:\.\d+)?\s*(?:℃|°C)$")
_FURNITURE = {"기상청 제공", "기상청제공", "더보기", "더 보기", "+더보기", "more", "MORE", "목록", "TOP"}
_MORE = {"더보기", "더 보기", "+더보기", "more", "MORE"}
_STAMP_WORD = r"(등록|입력|수정|승인|업데이트|기사입력|최종수정)"
_STAMP = re.compile(rf"^[•·\-*|\s]*{_STAMP_WORD}\s*[:：]?\s*\d{{4}}")
_STAMP_PART = re.compile(rf"{_STAMP_WORD}\s*[:：]?\s*(.+?)(?=\s*[•·|]?\s*{_STAMP_WORD}|$)")
_COPYRIGHT = re.compile(r"무단\s*전재|재배포\s*금지|ⓒ|©|copyright", re.IGNORECASE)
_TITLE_MAX = 120


@dataclass
class _Draft:
    title: str
    line: int
    published: datetime | None = None
    updated: datetime | None = None
    date_only: bool = False
    paragraphs: list[str] = field(default_factory=list)
    authors: list[Author] = field(default_factory=list)
    own_heading: str | None = None
    listing_heading: str | None = None
    inherited_heading: str | None = None
    from_listing: bool = False

    @property
    def text_length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


def read(data: bytes, source: str, ctx: ReadContext) -> ReadResult:
    text, damage = decode_text(data, source)
    units = [(n, clean_text(line)) for n, line in enumerate(text.splitlines(), 1)]
    units = [(n, t) for n, t in units if t]
    parser = _Parser(units, ctx)
    drafts = parser.parse()
    result = ReadResult()
    if damage:
        result.problems.append(Problem(source, damage, severity="warning"))
    if not drafts:
        result.problems.append(Problem(source, "no article found in this page"))
        return result
    for draft in _merge_duplicates(drafts):
        article = _finish(draft, parser.page_date, source, ctx)
        if isinstance(article, Problem):
            result.problems.append(article)
        else:
            result.articles.append(article)
    return result


def _stamps(t: str, tz) -> dict[str, tuple[datetime, bool]] | None:
    if not _STAMP.match(t):
        return None
    found = {}
    for m in _STAMP_PART.finditer(t):
        parsed = dates.parse_date(m.group(2), tz)
        if parsed:
            kind = "updated" if "수정" in m.group(1) or m.group(1) == "업데이트" else "published"
            found.setdefault(kind, parsed)
    return found or None


class _Parser:
    def __init__(self, units: list[tuple[int, str]], ctx: ReadContext):
        self.units = units
        self.ctx = ctx
        self.page_date: datetime | None = None

    def text(self, i: int) -> str | None:
        return self.units[i][1] if 0 <= i < len(self.units) else None

    def is_furniture(self, i: int) -> bool:
        t = self.text(i)
        return t in _FURNITURE or bool(_DATE_HEADER.match(t)) or bool(_WEATHER.match(t))

    def is_stamp(self, i: int) -> bool:
        t = self.text(i)
        return t is not None and _stamps(t, self.ctx.tz) is not None

    def is_title(self, i: int) -> bool:
        t = self.text(i)
        return (t is not None and len(t) <= _TITLE_MAX and not t.endswith(".")
                and not self.is_furniture(i) and not self.is_stamp(i)
                and not split_lead_byline(t)[0])

    def starts_article(self, i: int) -> bool:
        if not self.is_title(i):
            return False
        nxt = self.text(i + 1)
        return nxt is not None and (self.is_stamp(i + 1) or bool(split_lead_byline(nxt)[0]))

    def is_heading(self, i: int) -> bool:
        t = self.text(i)
        if t is None or self.is_furniture(i) or self.starts_article(i):
            return False
        short = (t in self.ctx.known_sections
                 or (len(t) <= 12 and t.count(" ") <= 2 and not re.search(r"[\d.,!?'\"“”‘’…]", t)))
        return short and (self.text(i + 1) in _MORE or self.starts_article(i + 1))

    def parse(self) -> list[_Draft]:
        drafts: list[_Draft] = []
        heading_pending: str | None = None   # a heading right above the next article
        last_heading: str | None = None
        listing: str | None = None           # inside "<heading> 더보기"
        i = 0
        while i < len(self.units):
            t = self.text(i)
            if self.page_date is None and _DATE_HEADER.match(t):
                parsed = dates.parse_date(t, self.ctx.tz)
                self.page_date = parsed[0] if parsed else None
            if t in _MORE:
                listing = last_heading
                i += 1
                continue
            if self.is_furniture(i):
                i += 1
                continue
            if self.is_heading(i):
                heading_pending = last_heading = t
                listing = None
                i += 1
                continue
            if self.starts_article(i):
                draft, i = self._article(i)
                draft.own_heading, draft.inherited_heading = heading_pending, last_heading
                heading_pending = listing = None
                drafts.append(draft)
                continue
            if listing is not None:
                split = find_inline_byline(t)
                if split and split[0]:
                    title, authors, teaser = split
                    drafts.append(_Draft(title=title, line=self.units[i][0], paragraphs=[teaser],
                                         authors=list(authors), listing_heading=listing,
                                         from_listing=True))
            i += 1  # stray text outside any article: navigation, captions, ads
        return drafts

    def _article(self, i: int) -> tuple[_Draft, int]:
        draft = _Draft(title=self.text(i), line=self.units[i][0])
        j = i + 1
        while j < len(self.units) and self.is_stamp(j):
            for kind, (when, has_time) in _stamps(self.text(j), self.ctx.tz).items():
                if kind == "published" and draft.published is None:
                    draft.published, draft.date_only = when, not has_time
                elif kind == "updated" and draft.updated is None:
                    draft.updated = when
            j += 1
        while j < len(self.units) and not (self.is_furniture(j) or self.starts_article(j)
                                           or self.is_heading(j) or self.is_stamp(j)):
            draft.paragraphs.append(self.text(j))
            j += 1
        if draft.paragraphs:
            lead_authors, rest = split_lead_byline(draft.paragraphs[0])
            if lead_authors:
                draft.authors.extend(lead_authors)
                draft.paragraphs[0] = rest
                if not rest:
                    draft.paragraphs.pop(0)
        while draft.paragraphs and _COPYRIGHT.search(draft.paragraphs[-1]) and len(draft.paragraphs[-1]) < 80:
            draft.paragraphs.pop()
        if draft.paragraphs:
            credit = parse_credit_line(draft.paragraphs[-1])
            if credit:
                draft.paragraphs.pop()
                draft.authors = _merge_authors(draft.authors, list(credit))
        return draft, j


def _merge_authors(first: list[Author], second: list[Author]) -> list[Author]:
    """Union by name; a later mention may add the e-mail or role an earlier one lacked."""
    merged: dict[str, Author] = {}
    for a in first + second:
        old = merged.get(a.name)
        merged[a.name] = a if old is None else Author(a.name, old.email or a.email, old.role or a.role)
    return list(merged.values())


def _merge_duplicates(drafts: list[_Draft]) -> list[_Draft]:
    """A story shown twice on a page (full, then again as a listing teaser) is one article."""
    by_key: dict[str, _Draft] = {}
    for d in drafts:
        key = title_key(d.title)
        old = by_key.get(key)
        if old is None:
            by_key[key] = d
            continue
        keep, other = (old, d) if _fuller(old, d) else (d, old)
        keep.own_heading = keep.own_heading or other.own_heading
        keep.listing_heading = keep.listing_heading or other.listing_heading
        keep.inherited_heading = keep.inherited_heading or other.inherited_heading
        keep.authors = _merge_authors(keep.authors, other.authors)
        if keep.published is None:
            keep.published, keep.date_only = other.published, other.date_only
        keep.updated = keep.updated or other.updated
        keep.line = min(keep.line, other.line)
        by_key[key] = keep
    return sorted(by_key.values(), key=lambda d: d.line)


def _fuller(a: _Draft, b: _Draft) -> bool:
    a_cut = looks_cut_off(a.paragraphs[-1]) if a.paragraphs else True
    b_cut = looks_cut_off(b.paragraphs[-1]) if b.paragraphs else True
    if a_cut != b_cut:
        return not a_cut
    if a.from_listing != b.from_listing:
        return not a.from_listing
    return a.text_length >= b.text_length


def _finish(d: _Draft, page_date: datetime | None, source: str, ctx: ReadContext) -> Article | Problem:
    published, date_only = d.published, d.date_only
    if published is None:
        if page_date is None:
            return Problem(source, "article has no 등록 stamp and the page has no date header",
                           line=d.line, item=d.title)
        published, date_only = page_date, True
    if not d.paragraphs:
        return Problem(source, "article has a title but no text", line=d.line, item=d.title)
    section = (ctx.section or d.own_heading or d.listing_heading or d.inherited_heading
               or ctx.default_section)
    partial = looks_cut_off(d.paragraphs[-1])
    published = dates.to_kst(published)
    return Article(
        id=tag_id(ctx.domain, published, d.title),
        title=d.title,
        section=section,
        published=published,
        updated=dates.to_kst(d.updated) if d.updated else None,
        authors=tuple(d.authors),
        summary=_summary(d.paragraphs, partial),
        content_html=paragraphs_html(d.paragraphs),
        link=None,
        source=source,
        partial=partial,
        date_only=date_only,
    )


def _summary(paragraphs: list[str], partial: bool) -> str:
    if not partial:
        return summarize(paragraphs[0])
    text = summarize(" ".join(paragraphs))
    return text if text.endswith("…") else text + "…"  # partial: cut, whatever its last character
