"""Feed specs (one per section, plus "all") and their RSS 2.0 / Atom 1.0 renderings."""

from __future__ import annotations

import hashlib
import html
import json
from dataclasses import dataclass
from datetime import datetime
from typing import Mapping, Sequence

from feedgen.feed import FeedGenerator

from syndicate import __version__
from syndicate.config import Config
from syndicate.dates import to_kst
from syndicate.ids import slugify
from syndicate.model import Article

# Bump when the rendering changes, so that every feed is rebuilt once.
RENDER_VERSION = 1
ALL_SLUG = "all"
FORMATS = ("rss", "atom")


@dataclass(frozen=True)
class FeedSpec:
    slug: str
    title: str
    description: str
    section: str | None   # None: every section

    def filename(self, fmt: str) -> str:
        return f"{self.slug}.{fmt}.xml"


def section_slugs(config: Config, names: Sequence[str]) -> tuple[dict[str, str], list[str]]:
    """Name -> slug for every section; unknown names get a derived slug and a warning."""
    slugs = dict(config.sections)
    taken = set(slugs.values()) | {ALL_SLUG}
    warnings = []
    for name in sorted(n for n in names if n not in slugs):
        slug = slugify(name)
        if slug in taken:
            slug = f"{slug}-{hashlib.sha256(name.encode()).hexdigest()[:6]}"
        slugs[name] = slug
        taken.add(slug)
        warnings.append(f"section {name!r} has no slug in [sections]; using {slug!r}")
    return slugs, warnings


def feed_specs(config: Config, sections: Sequence[str],
               slugs: Mapping[str, str]) -> list[FeedSpec]:
    site = config.site
    specs = [FeedSpec(ALL_SLUG, f"{site.title} - 전체 기사",
                      site.description or f"{site.title}의 모든 기사", None)]
    for name in sorted(sections, key=lambda n: slugs[n]):
        specs.append(FeedSpec(slugs[name], f"{site.title} - {name}",
                              f"{site.title} {name} 기사", name))
    return specs


def spec_fingerprint(config: Config, spec: FeedSpec, fmt: str) -> str:
    """Everything outside the store that changes a feed's bytes."""
    site = config.site
    raw = json.dumps([RENDER_VERSION, __version__, fmt, spec.slug, spec.title, spec.description,
                      spec.section, site.title, site.url, site.feeds_url, site.language,
                      config.output.max_items, dict(sorted(config.sections.items()))],
                     ensure_ascii=False)
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()[:24]


def _newest(items: Sequence[Article]) -> datetime:
    return to_kst(max(a.last_modified for a in items))


def _self_url(config: Config, spec: FeedSpec, fmt: str) -> str:
    return f"{config.site.feeds_url.rstrip('/')}/{spec.filename(fmt)}"


def _body_html(a: Article) -> str | None:
    if a.content_html:
        return a.content_html
    # An Atom entry with neither content nor an alternate link is invalid.
    return None if a.link else f"<p>{html.escape(a.summary or a.title, quote=False)}</p>"


def render(config: Config, spec: FeedSpec, items: Sequence[Article], fmt: str,
           slugs: Mapping[str, str]) -> bytes:
    if fmt == "rss":
        return render_rss(config, spec, items)
    if fmt == "atom":
        return render_atom(config, spec, items, slugs)
    raise ValueError(fmt)


def render_rss(config: Config, spec: FeedSpec, items: Sequence[Article]) -> bytes:
    site = config.site
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(spec.title)
    fg.description(spec.description)
    # feedgen takes the channel <link> from the last link added: self first, site last.
    fg.link(href=_self_url(config, spec, "rss"), rel="self", type="application/rss+xml")
    fg.link(href=site.url, rel="alternate")
    fg.language(site.language)
    fg.generator("syndicate")
    fg.lastBuildDate(_newest(items))
    for a in items:
        fe = fg.add_entry(order="append")
        fe.title(a.title)
        if a.link:
            fe.link(href=a.link)
        fe.guid(a.id, permalink=a.link is not None and a.id == a.link)
        fe.pubDate(to_kst(a.published))
        if a.summary:
            fe.description(a.summary)
        body = _body_html(a)
        if body:
            # CDATA keeps the HTML readable; "]]>" inside would end it early, so escape instead.
            fe.content(body, type=None if "]]>" in body else "CDATA")
            if not a.summary:
                fe.description(a.title)
        # dc:creator carries every name. RSS <author> (an e-mail) is left out: beside
        # dc:creator the W3C validator warns (DuplicateItemSemantics); Atom has the e-mails.
        for author in a.authors:
            fe.dc.dc_creator(author.name)
        fe.category(term=a.section)
    return fg.rss_str(pretty=True)


def render_atom(config: Config, spec: FeedSpec, items: Sequence[Article],
                slugs: Mapping[str, str]) -> bytes:
    site = config.site
    fg = FeedGenerator()
    self_url = _self_url(config, spec, "atom")
    fg.id(self_url)
    fg.title(spec.title)
    fg.subtitle(spec.description)
    fg.link(href=self_url, rel="self", type="application/atom+xml")
    fg.link(href=site.url, rel="alternate", type="text/html")
    fg.language(site.language)
    fg.author({"name": site.title, "uri": site.url})
    fg.generator("syndicate")
    fg.updated(_newest(items))
    for a in items:
        fe = fg.add_entry(order="append")
        fe.id(a.id)
        fe.title(a.title)
        fe.published(to_kst(a.published))
        fe.updated(to_kst(a.last_modified))
        if a.link:
            fe.link(href=a.link, rel="alternate", type="text/html")
        if a.authors:
            fe.author([{"name": x.name, **({"email": x.email} if x.email else {})}
                       for x in a.authors])
        fe.category(term=slugs[a.section], label=a.section)
        if a.summary:
            fe.summary(a.summary, type="text")
        body = _body_html(a)
        if body:
            fe.content(body, type="html")
    return fg.atom_str(pretty=True)
