"""What a page says about itself for machines: schema.org JSON-LD, then OpenGraph/article meta.

Each field is a list of candidates, best first, so the reader can weigh them
against what the page shows. Nothing here knows any outlet.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field

from lxml import etree

from syndicate.model import Author
from syndicate.text import clean_text, parse_byline

# NewsArticle and its relatives (schema.org types whose ancestors include Article).
ARTICLE_TYPES = frozenset({
    "Article", "NewsArticle", "AnalysisNewsArticle", "AskPublicNewsArticle",
    "BackgroundNewsArticle", "OpinionNewsArticle", "ReportageNewsArticle", "ReviewNewsArticle",
    "BlogPosting", "LiveBlogPosting", "SocialMediaPosting", "Report", "ScholarlyArticle",
    "TechArticle", "SatiricalArticle", "AdvertiserContentArticle", "Review",
})
_TRAILING_COMMA = re.compile(r",\s*([}\]])")


@dataclass
class Facts:
    titles: list[str] = field(default_factory=list)
    sections: list[str] = field(default_factory=list)
    authors: tuple[Author, ...] = ()
    published: list[str] = field(default_factory=list)     # raw date strings, best first
    updated: list[str] = field(default_factory=list)
    descriptions: list[str] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    images: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)      # news_keywords: weaker than tags
    site_names: list[str] = field(default_factory=list)
    article_body: str = ""                                   # JSON-LD articleBody, plain text
    is_article: bool = False                                # JSON-LD article or og:type article
    is_listing: bool = False                                # says it is a website/collection page


def _text(value) -> str:
    if isinstance(value, str):
        return clean_text(html.unescape(value))
    if isinstance(value, (int, float)):
        return str(value)
    return ""


def _strings(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [s for v in value for s in _strings(v)]
    if isinstance(value, dict):
        return _strings(value.get("name") or value.get("@id"))
    s = _text(value)
    return [s] if s else []


def _urls(value) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [u for v in value for u in _urls(v)]
    if isinstance(value, dict):
        return _urls(value.get("url") or value.get("contentUrl") or value.get("@id"))
    s = _text(value)
    return [s] if s.startswith(("http://", "https://", "//", "/")) else []


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    names = t if isinstance(t, list) else [t]
    return {str(n).rsplit("/", 1)[-1] for n in names if n}


def _flatten(node) -> list[dict]:
    """Every object in a JSON-LD document: top level, arrays and @graph."""
    out: list[dict] = []
    stack = [node]
    while stack:
        item = stack.pop(0)
        if isinstance(item, list):
            stack[0:0] = item
        elif isinstance(item, dict):
            out.append(item)
            if "@graph" in item:
                stack[0:0] = item["@graph"] if isinstance(item["@graph"], list) else [item["@graph"]]
            # A WebPage whose mainEntity is the NewsArticle.
            for key in ("mainEntity", "hasPart"):
                nested = item.get(key)
                if isinstance(nested, (dict, list)):
                    stack.append(nested)
    return out


def _load_json(raw: str):
    raw = raw.strip()
    if raw.startswith("<!--"):
        raw = raw[4:]
    if raw.endswith("-->"):
        raw = raw[:-3]
    raw = raw.strip().rstrip(";")
    try:
        return json.loads(raw, strict=False)   # strict=False: raw newlines inside strings are common
    except ValueError:
        try:
            return json.loads(_TRAILING_COMMA.sub(r"\1", raw), strict=False)
        except ValueError:
            return None


def _ld_authors(value) -> tuple[Author, ...]:
    people: list[Author] = []
    for item in value if isinstance(value, list) else [value]:
        if isinstance(item, dict):
            if "Organization" in _types(item) or "NewsMediaOrganization" in _types(item):
                continue  # the outlet, not a reporter
            name, email = _text(item.get("name")), _text(item.get("email")) or None
        else:
            name, email = _text(item), None
        if not name:
            continue
        parsed = parse_byline(name + (f" {email}" if email else "")) or (Author(name, email),)
        people.extend(parsed)
    return tuple(people)


def from_json_ld(scripts: list[str], facts: Facts) -> None:
    for raw in scripts:
        data = _load_json(raw)
        if data is None:
            continue
        for obj in _flatten(data):
            if not (_types(obj) & ARTICLE_TYPES):
                continue
            facts.is_article = True
            facts.titles += _strings(obj.get("headline")) + _strings(obj.get("name"))
            facts.sections += _strings(obj.get("articleSection"))
            if not facts.authors:
                facts.authors = _ld_authors(obj.get("author"))
            facts.published += _strings(obj.get("datePublished")) + _strings(obj.get("dateCreated"))
            facts.updated += _strings(obj.get("dateModified"))
            facts.descriptions += _strings(obj.get("description"))
            facts.links += _urls(obj.get("url")) + _urls(obj.get("mainEntityOfPage"))
            facts.images += _urls(obj.get("image")) + _urls(obj.get("thumbnailUrl"))
            body = obj.get("articleBody")
            if isinstance(body, str):
                facts.article_body = html.unescape(body)
            kw = obj.get("keywords")
            facts.tags += [t for s in _strings(kw) for t in s.split(",")] if isinstance(kw, str) else _strings(kw)
            return  # the first article object is the page's article


_META_KEY = ("property", "name", "itemprop")


def from_meta(metas: list[etree._Element], facts: Facts) -> None:
    meta: dict[str, list[str]] = {}
    for el in metas:
        content = el.get("content")
        if content is None:
            continue
        for attr in _META_KEY:
            key = el.get(attr)
            if key:
                meta.setdefault(key.strip().lower(), []).append(content)
                break

    def get(*keys: str) -> list[str]:
        return [s for k in keys for v in meta.get(k, ()) for s in _strings(v)]

    og_type = " ".join(get("og:type")).lower()
    facts.is_article = facts.is_article or "article" in og_type
    facts.is_listing = og_type in ("website", "blog", "object") and not facts.is_article
    facts.titles += get("og:title", "twitter:title", "title", "headline")
    facts.sections += get("article:section", "section", "articlesection")
    facts.published += get("article:published_time", "og:published_time", "datepublished",
                            "pubdate", "publishdate", "publish-date", "dc.date.issued", "dc.date",
                            "dcterms.created", "date", "article:published")
    facts.updated += get("article:modified_time", "og:updated_time", "datemodified",
                         "dcterms.modified", "last-modified", "article:modified")
    facts.descriptions += get("og:description", "description", "twitter:description")
    facts.links += get("og:url", "twitter:url")
    # og:image is the picture the outlet chose to lead with; it goes before JSON-LD's gallery.
    facts.images[0:0] = get("og:image", "og:image:url", "og:image:secure_url", "twitter:image", "image")
    facts.tags += get("article:tag")
    facts.keywords += [t for s in get("news_keywords") for t in s.split(",")]
    facts.site_names += get("og:site_name", "application-name", "twitter:site")
    if not facts.authors:
        for raw in get("author", "article:author", "byl", "dable:author", "byline", "dc.creator"):
            if raw.startswith(("http://", "https://", "@")):
                continue  # a profile URL or handle, not a name
            found = parse_byline(raw)
            if found:
                facts.authors = found
                break


def collect(metas: list[etree._Element], ld_scripts: list[str]) -> Facts:
    facts = Facts()
    from_json_ld(ld_scripts, facts)
    from_meta(metas, facts)
    return facts
