"""syndicate.fetch against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import gzip
import socket

import pytest

from feed_http import FeedServer, Reply, _no_proxy_for_loopback, static  # noqa: F401 (fixture)
from syndicate.fetch import FetchError, FetchSettings, fetch

FEED = b'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>t</title></channel></rss>'
QUICK = FetchSettings(connect_timeout=2, read_timeout=0.5, total_timeout=2, max_bytes=10_000,
                      max_redirects=3, user_agent="syndicate-test/1 (+https://www.test.example.com)")


@pytest.fixture
def server():
    with FeedServer() as s:
        yield s


def test_200_then_304_with_etag(server):
    server.routes["/rss"] = static(FEED, etag='"v1"')
    first = fetch(server.url("/rss"), QUICK)
    assert (first.status, first.body, first.etag) == (200, FEED, '"v1"')
    second = fetch(server.url("/rss"), QUICK, etag=first.etag)
    assert second.not_modified and second.body == b""
    assert server.requests[0].headers.get("if-none-match") is None
    assert server.requests[1].headers["if-none-match"] == '"v1"'


def test_last_modified_is_sent_back(server):
    stamp = "Wed, 18 May 2022 03:00:52 GMT"
    server.routes["/rss"] = static(FEED, last_modified=stamp)
    first = fetch(server.url("/rss"), QUICK)
    assert first.last_modified == stamp and first.etag is None
    second = fetch(server.url("/rss"), QUICK, last_modified=first.last_modified)
    assert second.status == 304
    assert server.requests[1].headers["if-modified-since"] == stamp


def test_user_agent_and_accept_are_sent(server):
    server.routes["/rss"] = static(FEED)
    fetch(server.url("/rss"), QUICK)
    headers = server.requests[0].headers
    assert headers["user-agent"] == QUICK.user_agent
    assert "application/rss+xml" in headers["accept"]


def test_slow_server_times_out(server):
    server.routes["/slow"] = lambda req: Reply(200, FEED, delay=3)
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/slow"), QUICK)


def test_trickling_body_hits_the_total_time_budget(server):
    # Every single read succeeds well inside read_timeout; only the total budget stops it.
    server.routes["/trickle"] = lambda req: Reply(200, b"x" * 200, trickle=0.05)
    settings = FetchSettings(connect_timeout=2, read_timeout=1, total_timeout=0.3)
    with pytest.raises(FetchError, match="timed out"):
        fetch(server.url("/trickle"), settings)


def test_oversized_body_by_content_length(server):
    server.routes["/big"] = lambda req: Reply(200, b"x" * 20_000)
    with pytest.raises(FetchError, match="20000 bytes, over the 10000-byte limit"):
        fetch(server.url("/big"), QUICK)


def test_oversized_body_without_content_length(server):
    server.routes["/big"] = lambda req: Reply(200, b"x" * 20_000, length=False)
    with pytest.raises(FetchError, match="over the 10000-byte limit"):
        fetch(server.url("/big"), QUICK)


def test_gzip_is_inflated_but_a_gzip_bomb_is_not(server):
    server.routes["/gz"] = lambda req: Reply(200, gzip.compress(FEED), {"Content-Encoding": "gzip"})
    server.routes["/bomb"] = lambda req: Reply(200, gzip.compress(b"\0" * 5_000_000),
                                               {"Content-Encoding": "gzip"})
    assert fetch(server.url("/gz"), QUICK).body == FEED
    assert "gzip" in server.requests[0].headers["accept-encoding"]
    with pytest.raises(FetchError, match="over the 10000-byte limit"):
        fetch(server.url("/bomb"), QUICK)


def test_redirect_is_followed_and_validators_kept(server):
    server.routes["/old"] = lambda req: Reply(301, b"", {"Location": "/rss"})
    server.routes["/rss"] = static(FEED, etag='"v1"')
    result = fetch(server.url("/old"), QUICK, etag='"v1"')
    assert result.status == 304
    assert server.requests_for("/rss")[0].headers["if-none-match"] == '"v1"'
    result = fetch(server.url("/old"), QUICK)
    assert result.body == FEED and result.final_url == server.url("/rss")


def test_redirect_loop(server):
    server.routes["/a"] = lambda req: Reply(302, b"", {"Location": "/b"})
    server.routes["/b"] = lambda req: Reply(302, b"", {"Location": "/a"})
    with pytest.raises(FetchError, match="redirect loop"):
        fetch(server.url("/a"), QUICK)


def test_too_many_redirects(server):
    for i in range(10):
        server.routes[f"/r{i}"] = lambda req, i=i: Reply(302, b"", {"Location": f"/r{i + 1}"})
    with pytest.raises(FetchError, match="more than 3 redirects"):
        fetch(server.url("/r0"), QUICK)
    assert len(server.requests) == 4


def test_redirect_to_another_scheme_is_refused(server):
    server.routes["/a"] = lambda req: Reply(302, b"", {"Location": "file:///etc/passwd"})
    with pytest.raises(FetchError):
        fetch(server.url("/a"), QUICK)


@pytest.mark.parametrize("status", [404, 500, 403])
def test_http_errors(server, status):
    server.routes["/x"] = lambda req: Reply(status, b"nope")
    with pytest.raises(FetchError, match=f"HTTP {status}") as info:
        fetch(server.url("/x"), QUICK)
    assert info.value.status == status
    assert info.value.source == server.url("/x")


def test_charset_is_reported_as_sent(server):
    server.routes["/rss"] = static(FEED, content_type='text/xml; charset="EUC-KR"')
    assert fetch(server.url("/rss"), QUICK).charset == "EUC-KR"


def test_connection_refused_is_one_clear_error():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]  # nothing listens here once the socket closes
    with pytest.raises(FetchError, match="cannot connect"):
        fetch(f"http://127.0.0.1:{port}/rss", QUICK)


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://example.com/x", "/etc/passwd"])
def test_only_http_urls(url):
    with pytest.raises(FetchError, match="only http and https"):
        fetch(url, QUICK)


def test_retry_after_is_named(server):
    server.routes["/busy"] = lambda req: Reply(429, b"slow down", {"Retry-After": "120"})
    with pytest.raises(FetchError, match=r"HTTP 429 Too Many Requests \(the server asks to retry after 120 s\)"):
        fetch(server.url("/busy"), QUICK)
