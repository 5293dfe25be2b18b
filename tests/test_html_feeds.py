"""HTML articles end up in the per-section feeds with KST dates, every author and the full body."""

import shutil

import feedparser
import pytest

from syndicate.config import load_config
from syndicate.publish import publish
from tests.conftest import CORPUS, assert_check_feeds_clean, shared_file, write_config
from tests.html_pages import LEAD, SECOND, article_page



@pytest.fixture
def html_site(tmp_path):
    site = tmp_path / "site"
    pages = site / "pages"
    pages.mkdir(parents=True)
    before = ('<div class="writer">김철수·이영희 기자 kim@test.co.kr</div>'
              '<div class="info">입력 2022.05.18 12:00 | 수정 2022.05.18 15:30</div>'
              '<p class="location">홈 &gt; 정치</p>')
    (pages / "built.html").write_text(article_page(before=before), encoding="utf-8")
    corpus = CORPUS / "korean" / "articles"
    if corpus.exists():
        for page in corpus.glob("*.html"):
            shutil.copy(page, pages / page.name)
    config = write_config(site, sources='[[sources]]\npath = "pages/*.html"\n')
    return load_config(config)


def test_html_articles_in_section_feeds(html_site):
    report = publish(html_site)
    assert not report.failed, report.all_problems
    feeds = html_site.output.dir
    rss = feedparser.parse((feeds / "politics.rss.xml").read_bytes())
    built = next(e for e in rss.entries if e.title == "서울시, 내년부터 모든 시내버스에 저상버스 도입")
    assert built.published == "Wed, 18 May 2022 12:00:00 +0900"
    raw = (feeds / "politics.rss.xml").read_text("utf-8")
    assert "<dc:creator>김철수</dc:creator>" in raw and "<dc:creator>이영희</dc:creator>" in raw
    assert LEAD in built.content[0].value and SECOND in built.content[0].value
    atom = (feeds / "politics.atom.xml").read_text("utf-8")
    assert "<published>2022-05-18T12:00:00+09:00</published>" in atom
    assert "<updated>2022-05-18T15:30:00+09:00</updated>" in atom
    assert 'type="CDATA"' not in atom and '<content type="html">' in atom


def test_corpus_pages_in_feeds(html_site):
    shared_file(CORPUS / "korean" / "articles")
    publish(html_site)
    all_rss = feedparser.parse((html_site.output.dir / "all.rss.xml").read_bytes())
    titles = [e.title for e in all_rss.entries]
    assert titles[0] == "가상자산 왕국 향한 트럼프家의 야심…“비트코인은 이미 주류, 달러 넘어 패권 쥔다”"
    assert len(titles) == 5
    economy = (html_site.output.dir / "economy.rss.xml").read_text("utf-8")
    assert "<pubDate>Thu, 24 Oct 2013 03:00:00 +0900</pubDate>" in economy
    assert "<dc:creator>최윤호</dc:creator>" in economy
    atom = (html_site.output.dir / "economy.atom.xml").read_text("utf-8")
    assert "<name>최윤호</name>" in atom and "<email>uknow@donga.com</email>" in atom


def test_feeds_pass_check_feeds(html_site):
    publish(html_site)
    assert_check_feeds_clean(sorted(html_site.output.dir.glob("*.xml")))
