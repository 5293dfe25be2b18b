"""Pages shaped like other common Korean layouts (a portal's news page, a regional CMS, a page
whose body is drawn by script). Written for these tests; values checked by hand."""

from datetime import datetime
from pathlib import Path

from syndicate.dates import KST
from syndicate.ingest import read_path
from syndicate.ingest.base import ReadContext
from syndicate.model import Author

FIXTURES = Path(__file__).parent / "fixtures" / "html"
CTX = ReadContext(domain="partner.example.com")


def read(name: str):
    result = read_path(FIXTURES / name, CTX)
    assert result.problems == []
    return result.articles[0]


def test_portal_layout():
    a = read("portal_layout.html")
    assert a.title == '"저상버스 전면 도입" 서울시 발표'            # not " : 네이버 뉴스"
    assert a.section == "사회"
    # The name from the journalist box, the e-mail from the byline box further down.
    assert a.authors == (Author("홍길동", "gildong@yna.co.kr", "기자"),)
    assert a.published == datetime(2023, 11, 2, 20, 6, 1, tzinfo=KST)   # data-date-time, seconds kept
    assert a.updated == datetime(2023, 11, 2, 21, 15, 40, tzinfo=KST)
    assert a.link == "https://n.news.naver.com/mnews/article/001/0014312345?sid=102"
    assert a.content_html.startswith("<p>서울시가 내년부터")           # "(서울=연합뉴스) 홍길동 기자 =" gone
    assert "<figcaption>서울 시내버스 [연합뉴스 자료사진]</figcaption>" in a.content_html
    for gone in ("gildong@", "Copyright", "관련 기사", "버스 요금 인상"):
        assert gone not in a.content_html
    assert a.summary.startswith("서울시가 내년부터 모든 시내버스에 저상버스를 도입한다고 2일 밝혔다.")


def test_regional_cms_layout():
    a = read("regional_cms_layout.html")
    assert a.title == "구로구, 어르신 일자리 박람회 개최"
    assert a.section == "지방자치"
    assert a.authors == (Author("변윤수", None, "기자"),)
    assert a.published == datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)   # 승인 12:00 + meta seconds
    assert a.link == "http://www.tvseoul.co.kr/news/articleView.html?idxno=12345"   # utm_source gone
    assert '<img src="http://www.tvseoul.co.kr/news/photo/202205/12345_1_1.jpg" alt="박람회 포스터">' in a.content_html
    assert a.tags == ("구로구", "일자리")
    for gone in ("[TV서울=", "다른기사", "저작권자", "댓글"):
        assert gone not in a.content_html


def test_script_rendered_page_uses_json_ld_article_body():
    a = read("script_rendered.html")
    assert a.title == "한강 다리 보수 공사 시작"
    assert a.published == datetime(2023, 11, 2, 20, 6, tzinfo=KST)      # 11:06Z
    assert [x.name for x in a.authors] == ["김철수", "이영희"]
    assert a.section == "사회"
    assert a.content_html.count("<p>") == 2


def test_wire_service_layout():
    a = read("wire_layout.html")
    assert a.title == "서울 아침 영하 5도…올겨울 첫 한파특보"        # not " | 연합뉴스"
    assert a.section == "사회"
    # "김철수 기자" above the story, the address alone on its last line.
    assert a.authors == (Author("김철수", "kcs@yna.co.kr", "기자"),)
    assert a.published == datetime(2023, 11, 2, 6, 0, tzinfo=KST)   # 송고2023-11-02 06:00
    assert a.link == "https://www.yna.co.kr/view/AKR20231102000100004?input=1195m"
    assert a.tags == ("한파", "날씨")
    assert a.content_html.startswith("<p>2일 서울의 아침 최저기온이")
    for gone in ("(서울=연합뉴스) 김철수 기자 =", "kcs@", "okjebo", "저작권자", "많이 본 뉴스", "정치"):
        assert gone not in a.content_html
    assert "<figcaption>출근길 시민들" in a.content_html


def test_old_table_layout_in_euc_kr():
    data = (FIXTURES / "table_layout_euckr.html").read_bytes()
    assert "군청".encode("cp949") in data                            # really EUC-KR bytes
    a = read("table_layout_euckr.html")
    assert a.title == "군청, 겨울철 제설대책 수립"                   # not "▒ 지역신문 ▒ …"
    assert a.published == datetime(2009, 12, 3, 14, 20, tzinfo=KST)  # 2009년 12월 3일 (목) 14:20
    assert a.updated == datetime(2009, 12, 3, 15, 2, tzinfo=KST)
    assert a.authors == (Author("박영수", "pys@local.co.kr", "기자"),)
    assert a.content_html.count("<p>") == 3 and "Copyright" not in a.content_html
    assert "\ufffd" not in a.content_html
