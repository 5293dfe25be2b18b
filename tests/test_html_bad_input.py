"""Bad pages each give one clear problem line for that file; the rest of the batch is ingested."""

import os

import pytest

from syndicate.config import load_config
from syndicate.ingest import read_bytes
from syndicate.ingest.base import ReadContext
from syndicate.ingest.html import MAX_PAGE_BYTES
from syndicate.publish import ingest
from syndicate.store import ArticleStore
from tests.conftest import write_config
from tests.html_pages import LEAD, SECOND, article_page

CTX = ReadContext(domain="test.example.com")
STAMP = '<div class="info">입력 2022.05.18 12:00</div>'
GOOD = article_page(before=STAMP)

FRONT_PAGE = """<!DOCTYPE html><html lang="ko"><head><meta charset="utf-8">
<meta property="og:type" content="website"><meta property="og:title" content="테스트일보 - 사회">
<title>사회 | 테스트일보</title></head><body>
<nav class="gnb"><a href="/">홈</a> <a href="/society">사회</a> <a href="/politics">정치</a></nav>
<div id="content_area"><h2 class="section_title">사회</h2><ul class="news_list">
""" + "".join(
    f'<li><a href="/news/{i}"><strong>서울시 {i}번째 소식: 시내버스 노선 개편 추진</strong></a>'
    f'<p class="lead">서울시가 시내버스 노선 {i}곳을 개편한다. 시는 다음 달까지 의견을 듣는다…</p>'
    f'<span class="date">2022.05.{10 + i:02d}</span></li>'
    for i in range(1, 9)) + """</ul></div>
<footer>Copyright ⓒ 테스트일보</footer></body></html>"""


@pytest.mark.parametrize("page", [
    FRONT_PAGE,
    FRONT_PAGE.replace('<meta property="og:type" content="website">', ""),        # no og:type
    FRONT_PAGE.replace('content="website"', 'content="article"'),                 # a lying og:type
    FRONT_PAGE.replace('<meta property="og:type" content="website">', "")
              .replace('class="news_list"', 'class="article_body"'),             # a misnamed list
])
def test_section_front_pages(page):
    articles, problems = problems_for(page.encode("utf-8"))
    assert articles == [] and len(problems) == 1
    assert "no article in this page" in problems[0].reason


def problems_for(data: bytes, name: str = "bad.html"):
    result = read_bytes(data, name, CTX)
    return result.articles, result.problems


@pytest.mark.parametrize("data, words", [
    (b"", "empty file"),
    (b"  \n\t \n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 20, "binary file"),
    (FRONT_PAGE.encode("utf-8"), "no article in this page"),
    (GOOD.encode("utf-8")[:GOOD.encode("utf-8").index(b"<h1") + 3], "truncated HTML"),
])
def test_each_bad_page_gives_one_clear_problem(data, words):
    articles, problems = problems_for(data)
    assert articles == []
    assert len(problems) == 1
    assert problems[0].severity == "error"
    assert words in problems[0].reason
    assert str(problems[0]).startswith("error: bad.html: ")
    assert "\n" not in str(problems[0])


def test_truncated_inside_the_body_keeps_what_was_there_as_partial():
    data = GOOD.encode("utf-8")
    cut = data[: data.index(SECOND.encode("utf-8")) + 30]
    articles, problems = problems_for(cut)
    assert len(articles) == 1 and articles[0].partial
    assert LEAD in articles[0].content_html
    assert len(problems) == 1 and problems[0].severity == "warning" and "truncated" in problems[0].reason


def test_a_fifty_megabyte_page(tmp_path):
    big = tmp_path / "huge.html"
    with big.open("wb") as fh:   # a real 50 MB file: the page, then a comment that never ends
        fh.write(GOOD.encode("utf-8").replace(b"</body>", b"<!-- "))
        fh.write(b"x" * (50 * 1024 * 1024))
    assert big.stat().st_size > MAX_PAGE_BYTES
    articles, problems = problems_for(big.read_bytes(), "huge.html")
    assert articles == [] and len(problems) == 1
    assert "50.0 MB" in problems[0].reason and "limit" in problems[0].reason


def test_page_without_optional_closing_tags_is_not_truncated():
    page = GOOD.replace("</body></html>", "")
    articles, problems = problems_for(page.encode("utf-8"))
    assert problems == [] and len(articles) == 1 and not articles[0].partial


def test_page_without_any_date_says_so():
    page = article_page()   # no stamp, no meta, no JSON-LD
    articles, problems = problems_for(page.encode("utf-8"))
    assert articles == [] and len(problems) == 1
    assert "no publication date" in problems[0].reason


def test_batch_goes_on_past_bad_pages(tmp_path):
    site = tmp_path / "site"
    pages = site / "pages"
    pages.mkdir(parents=True)
    (pages / "01_good.html").write_text(GOOD, encoding="utf-8")
    (pages / "02_empty.html").write_bytes(b"")
    (pages / "03_binary.html").write_bytes(b"\x00\x01\x02\xff" * 512)
    (pages / "04_front.html").write_text(FRONT_PAGE, encoding="utf-8")
    (pages / "05_truncated.html").write_bytes(GOOD.encode("utf-8")[:300])
    (pages / "06_good_euckr.htm").write_bytes(
        article_page(title="두 번째 기사: 부산시 버스 개편", before=STAMP, charset="euc-kr").encode("cp949"))
    config = load_config(write_config(site, sources='[[sources]]\npath = "pages/*.htm*"\n'))
    with ArticleStore(tmp_path / "store.db") as store:
        report = ingest(config, store)
        assert report.inputs == 6
        assert report.stored.new == 2 and store.count() == 2
        by_file = {}
        for p in report.problems:
            by_file.setdefault(os.path.basename(p.source), []).append(p)
        assert sorted(by_file) == ["02_empty.html", "03_binary.html", "04_front.html", "05_truncated.html"]
        assert all(len(v) == 1 for v in by_file.values())
        titles = sorted(a.title for a in store.latest())
        assert titles == ["두 번째 기사: 부산시 버스 개편", "서울시, 내년부터 모든 시내버스에 저상버스 도입"]
