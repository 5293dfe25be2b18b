"""Every generated feed, re-parsed with feedparser, says exactly what the store holds."""

import calendar
from datetime import datetime

import feedparser
import pytest

from syndicate.config import load_config
from syndicate.dates import KST
from syndicate.feeds import feed_specs, render, section_slugs
from syndicate.ids import tag_id
from syndicate.model import Article
from syndicate.publish import publish
from syndicate.store import ArticleStore
from tests.conftest import write_config


@pytest.fixture(scope="module")
def published_site(tmp_path_factory):
    from tests.conftest import ROOT
    import shutil
    site = tmp_path_factory.mktemp("site")
    shutil.copy(ROOT / "config.toml", site / "config.toml")
    shutil.copytree(ROOT / "articles", site / "articles")
    config = load_config(site / "config.toml")
    report = publish(config)
    assert not report.failed
    return config


def _feeds(config):
    with ArticleStore(config.store.path) as store:
        sections = list(store.sections())
        slugs, _ = section_slugs(config, sections)
        for spec in feed_specs(config, sections, slugs):
            yield spec, slugs, store.latest(spec.section, config.output.max_items)


def _instant(struct):
    return calendar.timegm(struct)


def test_every_feed_round_trips_field_by_field(published_site):
    config = published_site
    checked = 0
    for spec, slugs, items in _feeds(config):
        for fmt in ("rss", "atom"):
            path = config.output.dir / spec.filename(fmt)
            parsed = feedparser.parse(path.read_bytes())
            assert not parsed.bozo, (path, parsed.get("bozo_exception"))
            assert len(parsed.entries) == len(items) > 0
            for entry, article in zip(parsed.entries, items):
                assert entry.title == article.title
                assert entry.id == article.id
                alternate = [l.href for l in entry.get("links", []) if l.get("rel") == "alternate"
                             and l.href != article.id]
                assert alternate == ([article.link] if article.link else [])
                assert _instant(entry.published_parsed) == int(article.published.timestamp())
                raw = entry.published
                assert raw.endswith("+0900" if fmt == "rss" else "+09:00")
                assert [a.name for a in entry.get("authors", []) if a.get("name")] == \
                    [a.name for a in article.authors]
                if fmt == "rss":
                    assert [t.term for t in entry.tags] == [article.section]
                else:
                    assert [(t.term, t.label) for t in entry.tags] == [(slugs[article.section], article.section)]
                    assert [a.get("email") for a in entry.get("authors", [])] == \
                        [a.email for a in article.authors]
                    assert entry.summary_detail.type == "text/plain"
                    assert entry.content[0].type == "text/html"
                    assert entry.content[0].value == article.content_html
                    assert _instant(entry.updated_parsed) == int(article.last_modified.timestamp())
                checked += 1
    assert checked >= 20


def test_feed_level_links_dates_and_language(published_site):
    config = published_site
    for spec, _, items in _feeds(config):
        newest = max(a.last_modified for a in items)
        rss = feedparser.parse((config.output.dir / spec.filename("rss")).read_bytes())
        assert rss.feed.link == config.site.url
        assert {l.href for l in rss.feed.links if l.rel == "self"} == {
            f"{config.site.feeds_url}/{spec.slug}.rss.xml"}
        assert rss.feed.language == "ko"
        assert _instant(rss.feed.updated_parsed) == int(newest.timestamp())
        atom = feedparser.parse((config.output.dir / spec.filename("atom")).read_bytes())
        assert atom.feed.id == f"{config.site.feeds_url}/{spec.slug}.atom.xml"
        assert _instant(atom.feed.updated_parsed) == int(newest.timestamp())
        assert atom.feed.author_detail.name == config.site.title
        raw = (config.output.dir / spec.filename("atom")).read_text(encoding="utf-8")
        assert 'type="CDATA"' not in raw and "python-feedgen" not in raw


def _article(i, when, **kw):
    fields = dict(id=tag_id("x.kr", when, f"기사 {i}"), title=f"기사 {i}", section="정치",
                  published=when, updated=None, authors=(), summary="요약", content_html=None,
                  link=None, source="t", partial=False)
    fields.update(kw)
    return Article(**fields)


def test_rendering_is_deterministic_and_ignores_the_clock_and_zone(tmp_path, monkeypatch):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    items = [_article(i, when) for i in range(3)]
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    first = {fmt: render(config, spec, items, fmt, {"정치": "politics"}) for fmt in ("rss", "atom")}
    monkeypatch.setenv("TZ", "America/New_York")
    import time
    time.tzset()
    try:
        again = {fmt: render(config, spec, items, fmt, {"정치": "politics"}) for fmt in ("rss", "atom")}
    finally:
        monkeypatch.delenv("TZ")
        time.tzset()
    assert first == again
    assert b"Tue, 05 Mar 2024 08:00:00 +0900" in first["rss"]
    assert b"2024-03-05T08:00:00+09:00" in first["atom"]


def test_item_without_body_or_link_still_makes_valid_atom(tmp_path):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    atom = render(config, spec, [_article(1, when, summary="<짧은> 요약")], "atom", {"정치": "politics"})
    entry = feedparser.parse(atom).entries[0]
    assert entry.content[0].value == "<p>&lt;짧은&gt; 요약</p>"


def test_permalink_guid_only_when_the_id_is_the_url(tmp_path):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    url = "https://www.test.example.com/news/1"
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    rss = render(config, spec, [_article(1, when, id=url, link=url),
                                _article(2, when, link=url + "?x")], "rss", {"정치": "politics"})
    assert f'<guid isPermaLink="true">{url}</guid>'.encode() in rss
    assert b'isPermaLink="false"' in rss


def test_cdata_terminator_in_content_is_escaped_not_broken(tmp_path):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    rss = render(config, spec, [_article(1, when, content_html="<p>a ]]> b</p>")], "rss",
                 {"정치": "politics"})
    assert feedparser.parse(rss).entries[0].content[0].value == "<p>a ]]> b</p>"


def test_unknown_sections_get_an_ascii_slug_and_a_warning(tmp_path):
    config = load_config(write_config(tmp_path))
    slugs, warnings = section_slugs(config, ["정치", "국제", "IT/과학"])
    assert slugs["정치"] == "politics"
    assert slugs["국제"] == "gukje" and slugs["IT/과학"] == "it-gwahak"
    assert len(warnings) == 2 and "국제" in " ".join(warnings)


def test_max_items_caps_each_feed(tmp_path):
    config = load_config(write_config(tmp_path, '[output]\nmax_items = 2\n'))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    with ArticleStore(config.store.path) as store:
        store.upsert([_article(i, when, content_html="<p>x</p>") for i in range(5)])
    from syndicate.publish import write_feeds
    with ArticleStore(config.store.path) as store:
        write_feeds(config, store)
    assert len(feedparser.parse((config.output.dir / "politics.rss.xml").read_bytes()).entries) == 2


def test_seed_articles_read_the_same_in_both_formats(tmp_path):
    from tests.conftest import SEED, shared_file
    seed = shared_file(SEED)
    config = load_config(write_config(tmp_path, sources=f'[[sources]]\npath = "{seed}"\n'))
    assert not publish(config).failed
    expected = {
        "강남구 온택트행정 서비스, 행정안전부 확산대상사례 선정":
            ("지방자치", "local", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST), ["변윤수"]),
        "尹대통령, 마드리드 방문 마치고 귀국…'다자 외교전' 마무리":
            ("정치", "politics", datetime(2022, 7, 1, 0, 0, tzinfo=KST), ["나재희"]),
    }
    for fmt in ("rss", "atom"):
        entries = feedparser.parse((config.output.dir / f"all.{fmt}.xml").read_bytes()).entries
        assert [e.title for e in entries] == list(reversed(expected))
        for e in entries:
            section, slug, when, names = expected[e.title]
            assert _instant(e.published_parsed) == int(when.timestamp())
            assert [a.name for a in e.authors] == names
            assert e.tags[0].term == (section if fmt == "rss" else slug)
        per_section = feedparser.parse((config.output.dir / f"local.{fmt}.xml").read_bytes())
        assert [e.title for e in per_section.entries] == ["강남구 온택트행정 서비스, 행정안전부 확산대상사례 선정"]


def test_plain_text_summaries_never_become_markup_in_rss(tmp_path):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    rss = render(config, spec, [_article(1, when, summary="AT&T <script>x</script>",
                                         content_html="<p>본문</p>")], "rss", {"정치": "politics"})
    # XML-escaped once for XML, once more because readers render <description> as HTML.
    assert b"<description>AT&amp;amp;T &amp;lt;script&amp;gt;x&amp;lt;/script&amp;gt;</description>" in rss


def test_entry_with_no_text_at_all_gets_its_title_as_summary(tmp_path):
    config = load_config(write_config(tmp_path))
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    spec = feed_specs(config, ["정치"], {"정치": "politics"})[1]
    bare = _article(1, when, summary="", link="https://www.test.example.com/1")
    entry = feedparser.parse(render(config, spec, [bare], "atom", {"정치": "politics"})).entries[0]
    assert entry.summary == bare.title and "content" not in entry
