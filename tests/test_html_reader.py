"""The HTML reader on pages built for one behaviour each: sources, precedence, body, encodings."""

from datetime import datetime

import pytest

from syndicate.dates import KST
from syndicate.ingest import read_bytes
from syndicate.ingest.base import ReadContext
from syndicate.urls import canonical_link as clean_url
from syndicate.model import Author
from tests.html_pages import LEAD, SECOND, article_page, json_ld

CTX = ReadContext(domain="test.example.com", known_sections=frozenset({"정치", "경제", "사회"}))
STAMP = '<div class="info"><span>입력 2022.05.18 12:00:52</span></div>'


def read(html: str | bytes, ctx: ReadContext = CTX, name: str = "page.html"):
    data = html.encode("utf-8") if isinstance(html, str) else html
    result = read_bytes(data, name, ctx)
    assert [p for p in result.problems if p.severity == "error"] == [], result.problems
    assert len(result.articles) == 1
    return result.articles[0]


# --- where the facts come from ---------------------------------------------------------------

def test_json_ld_graph_with_utc_dates():
    ld = json_ld({"@context": "https://schema.org", "@graph": [
        {"@type": "WebSite", "name": "테스트일보"},
        {"@type": ["NewsArticle"], "headline": "서울시, 내년부터 모든 시내버스에 저상버스 도입",
         "datePublished": "2022-05-18T03:00:52Z", "dateModified": "2022-05-18T04:10:00Z",
         "articleSection": ["사회", "교통"], "keywords": "저상버스, 교통약자",
         "author": [{"@type": "Person", "name": "홍길동 기자", "email": "hong@test.co.kr"},
                    {"@type": "Organization", "name": "테스트일보"}],
         "image": {"@type": "ImageObject", "url": "https://img.test.co.kr/1.jpg"},
         "mainEntityOfPage": {"@id": "https://www.test.co.kr/news/1"}}]})
    a = read(article_page(head=ld))
    assert a.published == datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)
    assert a.published.isoformat() == "2022-05-18T12:00:52+09:00"
    assert a.updated == datetime(2022, 5, 18, 13, 10, tzinfo=KST)
    assert a.section == "사회"
    assert a.authors == (Author("홍길동", "hong@test.co.kr", "기자"),)
    assert a.tags == ("저상버스", "교통약자")
    assert a.image == "https://img.test.co.kr/1.jpg"
    assert a.link == "https://www.test.co.kr/news/1" == a.id


def test_json_ld_top_level_array_and_article_relatives():
    ld = json_ld([{"@type": "BreadcrumbList"},
                  {"@type": "ReportageNewsArticle", "headline": "서울시, 내년부터 모든 시내버스에 저상버스 도입",
                   "datePublished": "2022-05-18T12:00:00+0900", "author": "김철수"}])
    a = read(article_page(head=ld))
    assert a.published == datetime(2022, 5, 18, 12, 0, tzinfo=KST)
    assert a.authors == (Author("김철수"),)


def test_opengraph_and_article_meta_only():
    head = ('<meta property="og:type" content="article">'
            '<meta property="og:title" content="저상버스 전면 도입 | 매일테스트">'
            '<meta property="og:site_name" content="매일테스트">'
            '<meta property="og:url" content="https://www.test.co.kr/news/2?utm_source=naver&amp;id=7#top">'
            '<meta property="og:image" content="/img/2.jpg">'
            '<meta property="og:description" content="서울시가 저상버스를 전면 도입한다.">'
            '<meta property="article:published_time" content="2022-05-18T12:00:00+0900">'
            '<meta property="article:modified_time" content="2022-05-18T13:00:00+0900">'
            '<meta property="article:section" content="경제">'
            '<meta property="article:tag" content="버스"><meta property="article:tag" content="교통">'
            '<meta name="author" content="이영희 기자">')
    page = article_page(head=head, title="저상버스 전면 도입").replace(
        '<h1 class="article_title">저상버스 전면 도입</h1>', "")   # no visible headline at all
    a = read(page)
    assert a.title == "저상버스 전면 도입"                       # " | 매일테스트" gone
    assert a.link == "https://www.test.co.kr/news/2?id=7"       # utm_* and the fragment gone
    assert a.image == "https://www.test.co.kr/img/2.jpg"        # made absolute
    assert a.published == datetime(2022, 5, 18, 12, 0, tzinfo=KST)
    assert a.updated == datetime(2022, 5, 18, 13, 0, tzinfo=KST)
    assert a.section == "경제"
    assert a.tags == ("버스", "교통")
    assert a.authors == (Author("이영희", None, "기자"),)
    assert a.summary == "서울시가 저상버스를 전면 도입한다."


def test_what_the_reader_sees_wins_when_sources_disagree():
    ld = json_ld({"@type": "NewsArticle", "headline": "저상버스 도입", "author": {"name": "편집국"},
                  "datePublished": "2022-05-18T10:00:00+09:00", "articleSection": "정치"})
    before = ('<p class="location">홈 &gt; 사회</p>'
              '<div class="byline">홍길동 기자 hong@test.co.kr</div>'
              '<div class="info">입력 2022.05.18 12:00 | 수정 2022.05.18 13:30</div>')
    a = read(article_page(head=ld, before=before))
    assert a.published == datetime(2022, 5, 18, 12, 0, tzinfo=KST)   # the page, not JSON-LD's 10:00
    assert a.updated == datetime(2022, 5, 18, 13, 30, tzinfo=KST)
    assert a.authors == (Author("홍길동", "hong@test.co.kr", "기자"),)
    assert a.section == "사회"
    assert a.title == "서울시, 내년부터 모든 시내버스에 저상버스 도입"    # the visible <h1>


def test_same_minute_keeps_the_structured_seconds():
    ld = json_ld({"@type": "NewsArticle", "datePublished": "2022-05-18T12:00:52+09:00"})
    a = read(article_page(head=ld, before='<div class="info">입력 2022.05.18 12:00</div>'))
    assert a.published == datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)


def test_markup_dates_time_element_and_naive_data_attribute():
    before = '<div class="date_area" data-published="20220518120052" data-modified="20220518140000"></div>'
    a = read(article_page(before=before))
    assert a.published == datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)
    assert a.updated == datetime(2022, 5, 18, 14, 0, tzinfo=KST)
    a = read(article_page(before='<time datetime="2022-05-18T03:00:00Z">5월 18일</time>'))
    assert a.published == datetime(2022, 5, 18, 12, 0, tzinfo=KST)


def test_naive_times_follow_the_source_zone():
    from datetime import timedelta, timezone
    ctx = ReadContext(domain="x.example.com", tz=timezone(timedelta(hours=-5)))
    a = read(article_page(before='<div class="info">입력 2022.05.18 12:00</div>'), ctx)
    assert a.published == datetime(2022, 5, 19, 2, 0, tzinfo=KST)


@pytest.mark.parametrize("stamp, expected", [
    ("입력 2023.11.02. 오후 8:06", datetime(2023, 11, 2, 20, 6, tzinfo=KST)),
    ("기사입력 2022년 5월 18일 오전 9시 5분", datetime(2022, 5, 18, 9, 5, tzinfo=KST)),
    ("등록 2022-05-18 12:00", datetime(2022, 5, 18, 12, 0, tzinfo=KST)),
    ("승인 2022.05.18 12:00:52", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
])
def test_visible_stamp_forms(stamp, expected):
    a = read(article_page(before=f'<p class="meta"><span>{stamp}</span></p>'))
    assert a.published == expected


def test_date_only_page():
    a = read(article_page(before='<span class="date">2022.05.18</span>'))
    assert a.published == datetime(2022, 5, 18, tzinfo=KST) and a.date_only


# --- bylines -----------------------------------------------------------------------------------

@pytest.mark.parametrize("byline, expected", [
    ("김철수·이영희 기자", (Author("김철수", None, "기자"), Author("이영희", None, "기자"))),
    ("워싱턴=홍길동 특파원", (Author("홍길동", None, "특파원"),)),
    ("글·사진 홍길동 기자", (Author("홍길동", None, "기자"),)),
    ("By 배윤경,이상현", (Author("배윤경"), Author("이상현"))),
    ("<span>순천, 광양</span> <strong>구현모</strong> 기자 <em>ninek@x.co.kr</em>",
     (Author("구현모", "ninek@x.co.kr", "기자"),)),
])
def test_byline_box(byline, expected):
    a = read(article_page(before=STAMP + f'<div class="writer">{byline}</div>'))
    assert a.authors == expected


def test_credits_inside_the_body_move_to_the_byline():
    body = (f"<p>[TV서울=변윤수 기자] {LEAD}</p><p>{SECOND}</p>"
            "<p>김철수·이영희 기자 kim@test.co.kr</p><p>ⓒ 테스트일보, 무단전재 및 재배포 금지</p>")
    a = read(article_page(before=STAMP, body=body))
    assert [x.name for x in a.authors] == ["변윤수", "김철수", "이영희"]
    assert all(not x.name.endswith("기자") for x in a.authors)
    assert a.content_html == f"<p>{LEAD}</p>\n<p>{SECOND}</p>"
    for gone in ("TV서울", "kim@test.co.kr", "무단전재"):
        assert gone not in a.content_html


def test_yonhap_dateline_lead():
    a = read(article_page(before=STAMP, body=f"<p>(서울=연합뉴스) 홍길동 기자 = {LEAD}</p><p>{SECOND}</p>"))
    assert a.authors == (Author("홍길동", None, "기자"),)
    assert a.content_html.startswith(f"<p>{LEAD}</p>")


# --- body ---------------------------------------------------------------------------------------

def test_body_is_the_article_text_only():
    body = (f'<p>{LEAD}</p>'
            '<div class="ad_box"><script>googletag.display("x")</script>광고</div>'
            '<figure><img src="/photo/1.jpg" alt="버스"><figcaption>저상버스. 사진=서울시</figcaption></figure>'
            f'<p onclick="steal()">{SECOND} <a href="javascript:alert(1)">링크</a> '
            '<a href="/news/9">관련 보도</a> <em>강조</em></p>'
            '<blockquote>인용문</blockquote><ul><li>첫째</li><li>둘째</li></ul>'
            '<table><tr><th>구분</th><td>대수</td></tr></table>'
            '<div class="related_news"><h3>관련기사</h3><ul><li><a href="/n/1">다른 기사</a></li></ul></div>'
            '<div class="share_sns"><a href="#">페이스북</a></div>'
            '<iframe src="https://ads.example.com/"></iframe>'
            '<div class="reporter_box">홍길동 기자 구독하기 기자의 다른 기사</div>'
            '<ul><li><a href="/n/2">서울시, 마을버스 요금 동결</a></li><li><a href="/n/3">지하철 9호선 연장</a></li></ul>')
    head = '<link rel="canonical" href="https://www.test.co.kr/news/1">'
    a = read(article_page(head=head, before=STAMP, body=body))
    html = a.content_html
    for kept in (LEAD, "<figure>", '<img src="https://www.test.co.kr/photo/1.jpg" alt="버스">',
                 "<figcaption>저상버스. 사진=서울시</figcaption>", '<a href="https://www.test.co.kr/news/9">관련 보도</a>',
                 "<em>강조</em>", "<blockquote>인용문</blockquote>", "<li>첫째</li>", "<th>구분</th>"):
        assert kept in html, kept
    for gone in ("광고", "googletag", "onclick", "javascript", "<iframe", "다른 기사", "페이스북", "구독하기",
                 "마을버스 요금 동결", "9호선",
                 "정치", "무단 전재", "<nav", "<script"):
        assert gone not in html, gone


def test_br_separated_text_becomes_paragraphs_and_lazy_images_load():
    body = (f'<strong>소제목</strong><br><br><img src="data:image/gif;base64,R0lGOD" '
            f'data-src="https://img.test.co.kr/lazy.jpg">{LEAD}<br><br>{SECOND}<br>')
    a = read(article_page(before=STAMP, body=body))
    assert "<p><strong>소제목</strong></p>" in a.content_html
    assert f"{LEAD}</p>" in a.content_html and f"<p>{SECOND}</p>" in a.content_html
    assert '<img src="https://img.test.co.kr/lazy.jpg">' in a.content_html
    assert "data:image" not in a.content_html
    assert a.image == "https://img.test.co.kr/lazy.jpg"


def test_body_found_without_named_container():
    page = article_page(before=STAMP).replace('id="article_body" class="article_body"', "")
    a = read(page)
    assert LEAD in a.content_html and "정치" not in a.content_html


def test_visible_tag_list():
    after = '<div class="tag_list"><a href="/t/1">#저상버스</a><a href="/t/2">#서울시</a></div>'
    a = read(article_page(before=STAMP, after=after))
    assert a.tags == ("저상버스", "서울시")


def test_section_prefers_a_configured_section():
    ld = json_ld({"@type": "NewsArticle", "articleSection": "transport"})
    a = read(article_page(head=ld, before=STAMP + '<div class="breadcrumb"><a>홈</a><a>교통</a><a>사회</a></div>'))
    assert a.section == "사회"                 # the one the site's config knows
    forced = read(article_page(before=STAMP), ReadContext(domain="x.example.com", section="지방자치"))
    assert forced.section == "지방자치"
    default = read(article_page(before=STAMP), ReadContext(domain="x.example.com"))
    assert default.section == "뉴스"


def test_tag_id_without_canonical_link():
    a = read(article_page(before=STAMP))
    assert a.link is None and a.id.startswith("tag:test.example.com,2022-05-18:")


# --- encodings ---------------------------------------------------------------------------------

def test_euc_kr_page_with_cp949_syllables():
    title = "똠방각하와 햏자, 서울 시내버스를 타다"
    page = article_page(title=title, before=STAMP, charset="euc-kr")
    a = read(page.encode("cp949"))
    assert a.title == title and "\ufffd" not in a.content_html and LEAD in a.content_html


def test_declared_euc_kr_but_utf8():
    a = read(article_page(before=STAMP, charset="euc-kr").encode("utf-8"))
    assert LEAD in a.content_html and a.title == "서울시, 내년부터 모든 시내버스에 저상버스 도입"


def test_ks_c_5601_label():
    a = read(article_page(before=STAMP, charset="ks_c_5601-1987").encode("cp949"))
    assert LEAD in a.content_html


def test_clean_url():
    assert clean_url("https://WWW.Test.co.kr/a?utm_source=x&b=2&fbclid=y&utm_medium=z#frag") == \
        "https://www.test.co.kr/a?b=2"


def test_threads_read_pages_independently():
    from concurrent.futures import ThreadPoolExecutor
    pages = [article_page(title=f"서울시 버스 정책 {i}번째 기사", before=STAMP).encode("utf-8") for i in range(24)]
    expected = [read(p).title for p in pages]
    with ThreadPoolExecutor(4) as pool:
        got = list(pool.map(lambda p: read(p).title, pages))
    assert got == expected == [f"서울시 버스 정책 {i}번째 기사" for i in range(24)]


def test_mid_story_markers_stay_and_closing_promo_box_goes():
    body = (f"<p>{LEAD}</p><p>■ 인터뷰 전문</p><p>{SECOND}</p>"
            "<div><img src='https://img.test.co.kr/reporter.jpg'>홍길동 기자<br>hong@test.co.kr<br>구독</div>")
    a = read(article_page(before=STAMP, body=body))
    assert "<p>■ 인터뷰 전문</p>" in a.content_html
    assert "reporter.jpg" not in a.content_html and "구독" not in a.content_html
    assert a.authors == (Author("홍길동", "hong@test.co.kr", "기자"),)


def test_closing_photo_credited_to_a_reporter_stays():
    body = (f"<p>{LEAD}</p><p>{SECOND}</p>"
            "<figure><img src='https://img.test.co.kr/1.jpg'><figcaption>사진=김사진 기자</figcaption></figure>")
    a = read(article_page(before=STAMP, body=body))
    assert "<figcaption>사진=김사진 기자</figcaption>" in a.content_html
    assert a.authors == ()


def test_script_bodies_are_dropped_before_parsing_but_json_ld_is_kept():
    from syndicate.ingest.html import drop_script_bodies
    page = (b'<html><head><script type="application/ld+json">{"@type":"NewsArticle"}</script>'
            b'<SCRIPT>var s = "<p>not text</p>";</SCRIPT><style>p{color:red}</style></head>'
            b'<body><p>text</p><script>if (a < b) document.write("</div>")</script></body></html>')
    out = drop_script_bodies(page)
    assert b'{"@type":"NewsArticle"}' in out
    assert b"not text" not in out and b"color:red" not in out and b"document.write" not in out
    assert b"<p>text</p>" in out and out.endswith(b"</body></html>")
    assert drop_script_bodies(b"<p>a</p><script>never closed") == b"<p>a</p><script>never closed"


def test_json_ld_main_entity_of_a_web_page():
    ld = json_ld({"@type": "WebPage", "mainEntity": {"@type": "NewsArticle",
                  "datePublished": "2022-05-18T12:00:00+09:00", "author": {"@type": "Person", "name": "정수민"}}})
    a = read(article_page(head=ld))
    assert a.published == datetime(2022, 5, 18, 12, 0, tzinfo=KST)
    assert a.authors == (Author("정수민"),)


def test_amp_images_become_images():
    body = (f"<p>{LEAD}</p><amp-img src='https://img.test.co.kr/amp.jpg' width='640' height='360' "
            f"layout='responsive' alt='버스'></amp-img><p>{SECOND}</p>")
    a = read(article_page(before=STAMP, body=body))
    assert '<img src="https://img.test.co.kr/amp.jpg" width="640" height="360" alt="버스">' in a.content_html


def test_widgets_beside_a_short_story_do_not_fool_the_reader():
    before = ('<div class="location">서울 12℃</div>'                                     # weather box
              '<div class="ranking"><ol><li><span class="author">김랭킹 기자</span></li></ol></div>'
              + STAMP + '<div class="byline">홍길동 기자</div>')
    related = "<ul>" + "".join(f"<li><a href='/n/{i}'>서울시 관련 다른 기사 제목 {i}번</a></li>"
                               for i in range(6)) + "</ul>"
    a = read(article_page(before=before, body=f"<p>{LEAD}</p><p>{SECOND}</p>{related}"))
    assert a.section == "뉴스"                                   # not "서울 12℃"
    assert a.authors == (Author("홍길동", None, "기자"),)         # not the ranking's 김랭킹
    assert a.content_html == f"<p>{LEAD}</p>\n<p>{SECOND}</p>"   # a story, not a listing; list gone


def test_collapsed_rest_of_the_story_is_kept():
    body = (f'<p class="font-size17">{LEAD}</p><p class="font-size17">{SECOND}</p>'
            '<div class="more_text hidden"><p>시는 내년 상반기 중 세부 계획을 발표할 예정이다.</p></div>'
            '<button class="btn_more">기사 더보기</button>')
    a = read(article_page(before=STAMP, body=body))
    assert "세부 계획을 발표할 예정이다." in a.content_html and "기사 더보기" not in a.content_html
