"""The lxml renderer writes the bytes the feedgen renderer wrote, for every shape of article.

feedgen is kept as the oracle: the reference functions below are the renderer
feeds.py used before (its rules are the project's feed conventions), so any
drift in element order, escaping, CDATA or dates shows up as a byte difference.
"""

from __future__ import annotations

import html
import locale
import re
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from feedgen.feed import FeedGenerator

from syndicate.config import load_config
from syndicate.dates import KST, to_kst
from syndicate.errors import FeedError
from syndicate.feeds import (FeedSpec, _body_html, _newest, _self_url, feed_specs, render,
                             rfc822, section_slugs)
from syndicate.model import Article, Author
from syndicate.publish import write_feeds
from syndicate.store import ArticleStore
from tests.conftest import assert_check_feeds_clean, write_config



def reference_rss(config, spec, items) -> bytes:
    site = config.site
    fg = FeedGenerator()
    fg.load_extension("dc", atom=False, rss=True)
    fg.title(spec.title)
    fg.description(spec.description)
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
            fe.description(html.escape(a.summary, quote=False))
        body = _body_html(a)
        if body:
            fe.content(body, type=None if "]]>" in body else "CDATA")
            if not a.summary:
                fe.description(html.escape(a.title, quote=False))
        for author in a.authors:
            fe.dc.dc_creator(author.name)
        fe.category(term=a.section)
    return fg.rss_str(pretty=True)


def reference_atom(config, spec, items, slugs) -> bytes:
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
        body = _body_html(a)
        if a.summary or not body:
            fe.summary(a.summary or a.title, type="text")
        if body:
            fe.content(body, type="html")
    # The one intended difference: feedgen 1.0.0 drops rel and type from entry links (its
    # loop rebinds `link` to the new element before reading them), though feeds.py asks
    # for both; the lxml renderer writes what was asked.
    return re.sub(rb'(<entry>(?:(?!</entry>).)*?<link href="[^"]*")/>',
                  rb'\1 rel="alternate" type="text/html"/>', fg.atom_str(pretty=True), flags=re.S)


T0 = datetime(2024, 3, 4, 9, 30, tzinfo=KST)


def _article(n: int, **kw) -> Article:
    base = dict(id=f"tag:test.example.com,2024-03-04:{n:04d}", title=f"한빛시 기사 {n}",
                section="정치", published=T0 + timedelta(minutes=n), updated=None,
                authors=(Author("홍길동", "hong@example.com", "기자"),), summary=f"요약 {n}",
                content_html=f"<p>본문 {n}</p>", link=None, source="t", partial=False)
    base.update(kw)
    return Article(**base)


# Every branch of the renderers: link or not, guid permalink or not, no summary, no body,
# a body that cannot be CDATA, several authors, names only, markup-looking text, a 수정 time,
# another zone, a section with no configured slug.
SHAPES = [
    _article(1),
    _article(2, link="https://www.test.example.com/news/2", id="https://www.test.example.com/news/2"),
    _article(3, link="https://www.test.example.com/news/3"),
    _article(4, summary=""),
    _article(5, content_html=None, link="https://www.test.example.com/news/5"),
    _article(6, content_html=None, summary=""),
    _article(7, content_html="<p>a ]]> b &amp; c</p>"),
    _article(8, authors=(Author("김철수"), Author("이영희", "lee@example.com"))),
    _article(9, authors=()),
    _article(10, title="<b>제목</b> & “따옴표” 'x'", summary="a < b & c > d"),
    _article(11, updated=T0 + timedelta(days=1, hours=3)),
    _article(12, published=datetime(2024, 3, 3, 23, 0, tzinfo=KST).astimezone(
        timezone(timedelta(hours=-5)))),
    _article(13, section="지방자치"),
    _article(14, section="미분류섹션"),
    _article(15, summary="줄\n바꿈\t탭", content_html="<p>줄</p>\n<p>바꿈</p>"),
]


@pytest.fixture
def config(tmp_path):
    return load_config(write_config(tmp_path / "site"))


@pytest.mark.parametrize("count", [1, 2, len(SHAPES)])
def test_lxml_renderer_matches_feedgen_byte_for_byte(config, count):
    items = sorted(SHAPES[:count], key=lambda a: (-a.published.timestamp(), a.id))
    slugs, _ = section_slugs(config, sorted({a.section for a in items}))
    for spec in feed_specs(config, sorted({a.section for a in items}), slugs):
        chosen = [a for a in items if spec.section in (None, a.section)]
        assert render(config, spec, chosen, "rss", slugs) == reference_rss(config, spec, chosen)
        assert render(config, spec, chosen, "atom", slugs) == reference_atom(config, spec, chosen,
                                                                             slugs)


def test_rfc822_is_english_whatever_the_locale():
    dt = datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)
    saved = locale.setlocale(locale.LC_TIME)
    try:
        for name in ("ko_KR.UTF-8", "de_DE.UTF-8"):
            try:
                locale.setlocale(locale.LC_TIME, name)
            except locale.Error:
                continue
            assert rfc822(dt) == "Wed, 18 May 2022 12:00:52 +0900"
    finally:
        locale.setlocale(locale.LC_TIME, saved)
    assert rfc822(dt) == "Wed, 18 May 2022 12:00:52 +0900"


def test_text_xml_cannot_hold_is_a_feed_error_not_a_crash(config):
    bad = _article(1, title="제목\x0b끝")
    spec = FeedSpec("politics", "t", "d", "정치")
    for fmt in ("rss", "atom"):
        with pytest.raises(FeedError, match=f"politics.{fmt}.xml"):
            render(config, spec, [bad], fmt, {"정치": "politics"})


def test_a_bad_article_costs_its_feeds_not_the_others(tmp_path):
    config = load_config(write_config(tmp_path / "site"))
    with ArticleStore(config.store.path) as store:
        store.bulk_upsert([_article(1, title="제목\x0b끝"), _article(2, section="경제")])
        report = write_feeds(config, store)
    written = sorted(p.name for p, _ in report.written)
    assert written == ["economy.atom.xml", "economy.rss.xml"]
    failed = sorted(Path(p.source).name for p in report.problems if p.severity == "error")
    assert failed == ["all.atom.xml", "all.rss.xml", "politics.atom.xml", "politics.rss.xml"]


def test_rendered_feeds_pass_check_feeds(tmp_path, config):
    items = sorted(SHAPES, key=lambda a: (-a.published.timestamp(), a.id))
    slugs, _ = section_slugs(config, sorted({a.section for a in items}))
    files = []
    for spec in feed_specs(config, sorted({a.section for a in items}), slugs):
        chosen = [a for a in items if spec.section in (None, a.section)]
        for fmt in ("rss", "atom"):
            path = tmp_path / spec.filename(fmt)
            path.write_bytes(render(config, spec, chosen, fmt, slugs))
            files.append(str(path))
    assert_check_feeds_clean(files)
