"""One hostile input costs that input only: a problem line, never a traceback."""

from syndicate.ingest import read_bytes
from syndicate.ingest.base import ReadContext

CTX = ReadContext(domain="test.example.com")

PAGE = """<!doctype html><html><head><title>제목이 있는 기사 - 뉴스</title>
<link rel="canonical" href="{canonical}"></head><body><article><h1>제목이 있는 기사</h1>
<p class="date">입력 2024.03.05 08:00</p>
<p>본문 첫 문단이다. 충분히 긴 문장으로 이루어진 기사 본문이다. 이 문단은 기사다.</p>
<p>둘째 문단이다.{extra} 기사의 내용이 이어진다. 또 한 문장이 더 있다.</p>
<img src="{image}"></article></body></html>"""


def _read(**kw):
    fields = dict(canonical="https://www.test.example.com/news/1", image="https://img.example.com/a.jpg",
                  extra="")
    fields.update(kw)
    return read_bytes(PAGE.format(**fields).encode("utf-8"), "page.html", CTX)


def test_a_broken_image_url_never_escapes_the_reader():
    result = _read(image="https://[imgnews/a.jpg")
    assert len(result.articles) + len(result.problems) >= 1
    assert all("page.html" in str(p) for p in result.problems)


def test_a_broken_canonical_url_never_escapes_the_reader():
    result = _read(canonical="https://[n.news.example.com/x")
    assert len(result.articles) + len(result.problems) >= 1


def test_control_characters_in_the_body_never_escape_the_reader():
    result = _read(extra="<br>\x01<br>")
    assert len(result.articles) + len(result.problems) >= 1


def test_page_and_feed_give_one_story_one_id():
    from syndicate.urls import canonical_link
    messy = "https://N.News.Example.com/mnews/article/001/0014312345?sid=102&ocid=rss&utm_source=x#top"
    clean = "https://n.news.example.com/mnews/article/001/0014312345?sid=102"
    assert canonical_link(messy) == clean  # the one form html.py and feed.py both use
    assert canonical_link("/a b", "https://x.example.com/") is None
    assert canonical_link("https://[broken/x") is None
