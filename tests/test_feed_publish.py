"""End to end: a config with a local feed file and feed URLs on a real 127.0.0.1 server."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from tests.conftest import assert_check_feeds_clean, write_config
from feed_http import FeedServer, Reply, _no_proxy_for_loopback, static  # noqa: F401 (fixture)
from syndicate.cli import cli
from syndicate.config import load_config
from syndicate.dates import KST
from syndicate.publish import publish
from syndicate.store import ArticleStore

PARTNER_RSS = """<?xml version="1.0" encoding="euc-kr"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>파트너 통신</title><link>https://partner.example.com/</link>
<item><title>국회, 예산안 처리 합의</title><link>https://partner.example.com/news/1?utm_source=rss</link>
<guid isPermaLink="false">partner-1</guid><category>politics</category>
<dc:creator>홍길동 기자 hong@partner.example.com</dc:creator>
<pubDate>2022-05-18 12:00:52</pubDate>
<description><![CDATA[&lt;p&gt;여야가 예산안 처리에 합의했다.&lt;/p&gt;]]></description></item>
<item><title>기준금리 동결</title><link>https://partner.example.com/news/2</link>
<category>경제</category><dc:creator>기자</dc:creator>
<pubDate>Wed, 18 05 2022 09:30:00 +0900</pubDate>
<description>한국은행이 기준금리를 동결했다.</description></item>
</channel></rss>
"""

LOCAL_ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>구청 소식</title><id>urn:gu</id>
<updated>2022-05-18T08:00:00+09:00</updated>
<entry><title>구청, 주민 설명회 개최</title><id>urn:gu:1</id>
<link href="https://gu.example.com/n/1"/>
<published>2022-05-18T08:00:00+09:00</published><updated>2022-05-18T08:00:00+09:00</updated>
<author><name>이영희</name><email>lee@gu.example.com</email></author>
<content type="html">&lt;p&gt;구청이 주민 설명회를 열었다.&lt;/p&gt;</content></entry>
</feed>
"""


@pytest.fixture
def server():
    with FeedServer() as s:
        s.routes["/rss"] = static(PARTNER_RSS.encode("cp949"), "text/xml; charset=iso-8859-1",
                                  etag='"p-1"')
        yield s


def site(tmp_path: Path, server: FeedServer, extra_sources: str = "") -> Path:
    folder = tmp_path / "site"
    (folder / "incoming").mkdir(parents=True)
    (folder / "incoming" / "gu.atom").write_text(LOCAL_ATOM, encoding="utf-8")
    return write_config(folder, extra="[fetch]\nconnect_timeout = 2\nread_timeout = 2\n", sources=(
        '[[sources]]\npath = "incoming/*.atom"\nsection = "지방자치"\n\n'
        f'[[sources]]\nurl = "{server.url("/rss")}"\n\n' + extra_sources))


def items(path: Path) -> list[etree._Element]:
    return etree.parse(str(path)).getroot().findall("./channel/item")


def test_publish_local_feed_and_url_into_section_feeds(tmp_path, server):
    config = load_config(site(tmp_path, server))
    report = publish(config)
    assert not report.failed, report.all_problems
    assert report.ingest.stored.new == 3
    out = config.output.dir

    politics = items(out / "politics.rss.xml")
    assert [i.findtext("title") for i in politics] == ["국회, 예산안 처리 합의"]
    p = politics[0]
    assert p.findtext("pubDate") == "Wed, 18 May 2022 12:00:52 +0900"   # naive -> KST
    assert p.findtext("{http://purl.org/dc/elements/1.1/}creator") == "홍길동"
    assert p.findtext("link") == "https://partner.example.com/news/1"
    assert "<p>여야가 예산안 처리에 합의했다.</p>" in p.findtext(
        "{http://purl.org/rss/1.0/modules/content/}encoded")

    economy = items(out / "economy.rss.xml")
    assert [i.findtext("title") for i in economy] == ["기준금리 동결"]
    assert economy[0].findtext("pubDate") == "Wed, 18 May 2022 09:30:00 +0900"
    assert economy[0].find("{http://purl.org/dc/elements/1.1/}creator") is None   # bare 기자

    atom = etree.parse(str(out / "local.atom.xml")).getroot()
    ns = {"a": "http://www.w3.org/2005/Atom"}
    assert atom.findtext("a:entry/a:title", namespaces=ns) == "구청, 주민 설명회 개최"
    assert atom.findtext("a:entry/a:published", namespaces=ns) == "2022-05-18T08:00:00+09:00"
    assert atom.findtext("a:entry/a:author/a:name", namespaces=ns) == "이영희"
    assert len(items(out / "all.rss.xml")) == 3

    assert server.requests[0].headers["user-agent"].startswith("syndicate/")


def test_second_publish_sends_conditional_request_and_gets_304(tmp_path, server):
    config = load_config(site(tmp_path, server))
    publish(config)
    url = server.url("/rss")
    second = publish(config)
    assert not second.failed and second.written == []
    assert second.ingest.not_modified == [url]
    requests = server.requests_for("/rss")
    assert len(requests) == 2 and requests[1].headers["if-none-match"] == '"p-1"'
    with ArticleStore(config.store.path) as store:
        state = store.source_state(url)
    assert (state.status, state.http_status, state.etag, state.items) == ("not modified", 304, '"p-1"', 2)


def test_sources_command_lists_kind_last_fetch_status_and_count(tmp_path, server):
    path = site(tmp_path, server, f'[[sources]]\nurl = "{server.url("/never")}"\nkind = "feed"\n')
    runner = CliRunner()
    before = runner.invoke(cli, ["sources", "--config", str(path)])
    assert before.exit_code == 0
    assert [line.split()[3] for line in before.output.splitlines()[1:]] == ["never"] * 3
    runner.invoke(cli, ["publish", "--config", str(path)])
    result = runner.invoke(cli, ["sources", "--config", str(path)])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0].split() == ["SOURCE", "KIND", "LAST", "FETCH", "STATUS", "ARTICLES"]
    assert lines[1].startswith("incoming/*.atom") and " ok " in lines[1] and lines[1].endswith(" 1")
    assert lines[2].startswith(server.url("/rss")) and "ok (200)" in lines[2] and lines[2].endswith(" 2")
    assert "error (404): HTTP 404 Not Found" in lines[3] and lines[3].endswith(" 0")

    rows = [json.loads(line) for line in
            runner.invoke(cli, ["sources", "--config", str(path), "--json"]).output.splitlines()]
    assert [r["status"] for r in rows] == ["ok", "ok", "error"]
    assert rows[1]["etag"] == '"p-1"' and rows[1]["kind"] == "feed" and rows[0]["kind"] == "auto"
    assert datetime.fromisoformat(rows[1]["last_fetch"]).utcoffset().total_seconds() == 9 * 3600


def test_a_failing_source_is_one_error_and_the_rest_publishes(tmp_path, server):
    server.routes["/boom"] = lambda req: Reply(500, b"oops")
    server.routes["/html"] = lambda req: Reply(200, b"<html><body>moved</body></html>",
                                               {"Content-Type": "text/html"})
    path = site(tmp_path, server, f'[[sources]]\nurl = "{server.url("/boom")}"\n\n'
                                  f'[[sources]]\nurl = "{server.url("/html")}"\n')
    result = CliRunner().invoke(cli, ["publish", "--config", str(path)])
    assert result.exit_code == 1
    errors = result.stderr.splitlines()
    assert errors == [f"error: {server.url('/boom')}: HTTP 500 Internal Server Error",
                      f"error: {server.url('/html')}: not an RSS or Atom feed"]
    assert (path.parent / "feeds" / "politics.rss.xml").exists()
    assert "ingested 4 input(s): 3 new" in result.output


def test_a_failed_parse_does_not_store_the_etag(tmp_path, server):
    server.routes["/rss"] = static(b"<html>maintenance</html>", "text/html", etag='"broken"')
    config = load_config(site(tmp_path, server))
    assert publish(config).failed
    publish(config)
    requests = server.requests_for("/rss")
    assert "if-none-match" not in requests[1].headers   # the body must be fetched again


def test_the_same_item_from_two_sources_is_one_article(tmp_path, server):
    copy = PARTNER_RSS.replace("<guid isPermaLink=\"false\">partner-1</guid>", "")
    copy = copy.replace("https://partner.example.com/news/2", "https://partner.example.com/news/2?utm_medium=x")
    server.routes["/copy"] = static(copy.encode("cp949"), "application/rss+xml")
    config = load_config(site(tmp_path, server, f'[[sources]]\nurl = "{server.url("/copy")}"\n'))
    report = publish(config)
    assert not report.failed
    with ArticleStore(config.store.path) as store:
        assert store.count() == 3


def test_ingest_command_accepts_urls(tmp_path, server):
    path = site(tmp_path, server)
    runner = CliRunner()
    first = runner.invoke(cli, ["ingest", server.url("/rss"), "--section", "경제", "--config", str(path)])
    assert first.exit_code == 0 and "2 new" in first.output
    second = runner.invoke(cli, ["ingest", server.url("/rss"), "--section", "경제", "--config", str(path)])
    assert second.exit_code == 0 and f"not modified: {server.url('/rss')}" in second.output
    with ArticleStore(load_config(path).store.path) as store:
        assert {a.section for a in store.latest()} == {"경제"}
    # Read with other settings, a 304 would leave the items where the old ones put them.
    third = runner.invoke(cli, ["ingest", server.url("/rss"), "--section", "정치", "--config", str(path)])
    assert third.exit_code == 0 and "not modified" not in third.output
    with ArticleStore(load_config(path).store.path) as store:
        assert {a.section for a in store.latest()} == {"정치"}


def test_url_errors_exit_1_from_ingest(tmp_path, server):
    path = site(tmp_path, server)
    result = CliRunner().invoke(cli, ["ingest", server.url("/missing"), "--config", str(path)])
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {server.url('/missing')}: HTTP 404 Not Found"


def test_fetch_config_is_validated(tmp_path):
    path = write_config(tmp_path / "s", extra="[fetch]\nmax_bytes = \"big\"\n")
    result = CliRunner().invoke(cli, ["sources", "--config", str(path)])
    assert result.exit_code == 2 and "fetch.max_bytes: must be an integer" in result.stderr
    path = write_config(tmp_path / "t", extra="[fetch]\nread_timeout = 0.5\nmax_bytes = 1000\n")
    config = load_config(path)
    assert config.fetch.read_timeout == 0.5 and config.fetch.max_bytes == 1000
    assert config.fetch.user_agent == "syndicate/0.1.0 (feed reader for https://www.test.example.com)" \
        or config.fetch.user_agent.endswith("(feed reader for https://www.test.example.com)")


def test_published_feeds_pass_check_feeds(tmp_path, server):
    config = load_config(site(tmp_path, server))
    publish(config)
    assert_check_feeds_clean(sorted(config.output.dir.glob("*.xml")))


def test_dates_in_store_are_kst(tmp_path, server):
    config = load_config(site(tmp_path, server))
    publish(config)
    with ArticleStore(config.store.path) as store:
        for a in store.latest():
            assert a.published.tzinfo is not None
            assert a.published == a.published.astimezone(KST)


def test_url_sources_are_fetched_at_once_and_read_in_config_order(tmp_path, server):
    import threading

    # Each route waits until all three requests have arrived: fetched one after another,
    # the first would give up waiting and answer 500.
    together = threading.Barrier(3, timeout=30)

    def route(n: int):
        def reply(req):
            try:
                together.wait()
            except threading.BrokenBarrierError:
                return Reply(500, b"fetched alone")
            body = PARTNER_RSS.replace("partner-1", f"wire-{n}").replace("news/", f"w{n}/")
            return Reply(200, body.encode("cp949"), {"Content-Type": "application/rss+xml"})
        return reply

    extra = ""
    for n in range(3):
        server.routes[f"/w{n}"] = route(n)
        extra += f'[[sources]]\nurl = "{server.url(f"/w{n}")}"\n\n'
    folder = tmp_path / "site"
    path = write_config(folder, extra="[fetch]\nworkers = 4\nread_timeout = 60\n", sources=extra)
    report = publish(load_config(path))
    assert not report.failed, report.all_problems
    assert [s.source for s in report.ingest.sources] == [server.url(f"/w{n}") for n in range(3)]
    assert [s.status for s in report.ingest.sources] == ["ok"] * 3


@pytest.mark.parametrize("charset, codec", [
    ("iso-8859-1", "cp949"), ("utf-8", "cp949"), ("euc-kr", "utf-8"), ("ks_c_5601-1987", "cp949"),
    ("x-unknown-charset", "cp949"),
])
def test_wrong_content_type_charset_from_a_real_server(tmp_path, server, charset, codec):
    from syndicate.ingest.base import ReadContext
    from syndicate.poll import read_url

    body = PARTNER_RSS if codec == "cp949" else PARTNER_RSS.replace('encoding="euc-kr"', 'encoding="utf-8"')
    server.routes["/cs"] = static(body.encode(codec), f"application/rss+xml; charset={charset}")
    with ArticleStore(tmp_path / "a.db") as store:
        result, state = read_url(server.url("/cs"), ReadContext(domain="test.example.com"), store,
                                 load_config(site(tmp_path, server)).fetch)
    assert state.status == "ok" and result.problems == []
    assert [a.title for a in result.articles] == ["국회, 예산안 처리 합의", "기준금리 동결"]
    assert result.articles[0].authors[0].name == "홍길동"


def test_a_redirected_source_says_where_it_went(tmp_path, server):
    from syndicate.ingest.base import ReadContext
    from syndicate.poll import read_url

    server.routes["/old"] = lambda req: Reply(301, b"", {"Location": "/rss"})
    with ArticleStore(tmp_path / "a.db") as store:
        result, state = read_url(server.url("/old"), ReadContext(domain="test.example.com"), store,
                                 load_config(site(tmp_path, server)).fetch)
    assert len(result.articles) == 2
    assert (state.status, state.message) == ("ok", f"redirected to {server.url('/rss')}")
