"""Page chrome inside the body container stays out of content_html.

Three general rules, each shown on a page built for it and then on the real corpus pages
where a new-user test found the chrome (../shared/corpus/korean/articles/):

* a block that is only a date stamp (입력/수정/등록 + date) is the page's metadata;
* above the first real paragraph, reading tools are furniture: boxes whose class/id names
  a font, language, print or AI-summary tool, small panels of buttons with no sentence in
  them, and paragraphs that are only a button's label ("글자크기 설정", "기사 듣기");
* a heading with no text after it at the end of the body is a related-stories box's title.

And what must stay: a short real paragraph, a subheading with text after it, a caption,
paragraphs styled "font-size17", a label-like line once the story has begun.
"""

import lxml.html
import pytest

from syndicate.ingest import read_bytes
from syndicate.ingest.base import ReadContext
from tests.html_pages import LEAD, SECOND, article_page
from tests.test_html_corpus import body_text, read_one

CTX = ReadContext(domain="test.example.com")
STAMP = '<div class="info"><span>입력 2022.05.18 12:00:52</span></div>'


def read(body: str):
    result = read_bytes(article_page(before=STAMP, body=body).encode("utf-8"), "page.html", CTX)
    assert [p for p in result.problems if p.severity == "error"] == [], result.problems
    assert len(result.articles) == 1
    return result.articles[0]


def blocks(article) -> list[tuple[str, str]]:
    """(tag, text) of each top-level block of content_html."""
    root = lxml.html.fragment_fromstring(article.content_html, create_parent="div")
    return [(el.tag, " ".join(el.text_content().split())) for el in root]


def texts(article) -> list[str]:
    return [text for _, text in blocks(article)]


# --- the general rules, on built pages ---------------------------------------------------------

def test_a_block_that_is_only_a_date_stamp_is_not_body():
    a = read(f"""<div class="time_box"><dl><dt>입력 :</dt><dd>2022-05-18 12:00:52</dd></dl></div>
        <p>수정 2022.05.18. 오후 1:05 | 등록 2022.05.18. 오전 11:40</p>
        <p>{LEAD}</p><p>Updated 2022-05-18 13:05</p><p>{SECOND}</p>
        <p>입력 2022.05.18 기준으로 집계한 수치는 바뀔 수 있다.</p>""")
    assert texts(a) == [LEAD, SECOND, "입력 2022.05.18 기준으로 집계한 수치는 바뀔 수 있다."]


def test_a_closing_heading_with_no_text_after_it_is_furniture():
    a = read(f"""<p>{LEAD}</p><h3>단계적 교체 계획</h3><p>{SECOND}</p>
        <div class="more-articles"><h3>당신을 위한 추천 이슈</h3><ul class="list"></ul></div>
        <p>홍길동 기자 hong@test.co.kr</p>""")
    assert blocks(a) == [("p", LEAD), ("h3", "단계적 교체 계획"), ("p", SECOND)]


def test_reading_tool_boxes_above_the_text_are_furniture():
    a = read(f"""<div class="top_area">
          <div class="lang-layer"><p>Read this article in English, 日本語 or 中文 with machine translation.</p></div>
          <div class="change_font_layer"><p>가장 작게</p><p>보통</p><p>가장 크게</p></div>
          <section class="ai-summary"><p>AI가 요약한 내용입니다. 전체 맥락은 본문에서 확인하세요.</p>
            <p>서울시가 내년부터 모든 시내버스를 저상버스로 바꾼다는 내용입니다.</p></section>
        </div>
        <p>{LEAD}</p><p>{SECOND}</p>""")
    assert texts(a) == [LEAD, SECOND]


def test_button_panels_and_button_labels_above_the_text_are_furniture():
    # The panel's words are no label; the box is chrome for holding buttons and no sentence.
    a = read(f"""<div class="view_opt"><span>이 기사를</span><button type="button">저장</button></div>
        <p>글자크기 설정</p><p>기사 듣기</p><p>Share</p>
        <p>{LEAD}</p><p>{SECOND}</p>""")
    assert texts(a) == [LEAD, SECOND]
    for chrome in ("이 기사를", "저장", "글자크기", "듣기", "Share"):
        assert chrome not in a.content_html


def test_real_text_short_paragraphs_subheads_and_captions_stay():
    a = read(f"""<div class="photo"><img src="https://img.test.co.kr/bus.jpg">
          <button type="button">사진 확대</button><p class="caption">저상버스 시승 행사 모습.</p></div>
        <div class="img_zoom"><img src="https://img.test.co.kr/stop.jpg"><span>정류장 안내판.</span></div>
        <div class="lead_box"><p>짧은 첫 문단이다.</p><button type="button">더보기</button></div>
        <p class="font-size17">{LEAD}</p>
        <p>요금 체계도 변경</p>
        <h3>단계적 교체 계획</h3><p>{SECOND}</p><p>그는 웃었다.</p>""")
    assert texts(a) == ["저상버스 시승 행사 모습.", "정류장 안내판.", "짧은 첫 문단이다.", LEAD, "요금 체계도 변경",
                        "단계적 교체 계획", SECOND, "그는 웃었다."]
    assert "<figcaption>" in a.content_html and "사진 확대" not in a.content_html


def test_a_tool_word_in_a_box_that_holds_the_article_does_not_drop_it():
    # Every paragraph sits in a box whose name has a tool word: the box holds the text, so stays.
    a = read(f"""<div class="content_tools_wrap"><p>{LEAD}</p><p>{SECOND}</p></div>""")
    assert texts(a) == [LEAD, SECOND]


# --- the corpus pages where the chrome was found --------------------------------------------------

MBN_28_FIRST = ("현대건설 컨소시엄이 가덕도 신공항 공기 지연 요구 중단으로 신공항 유치 관련 부울경 "
                "시민단체들이 나서자 사실 관계를 부인하고 나섰다.")
MBN_28_LAST = "그는 이어 “입찰 참여 과정에서 절대 공기 부족 의견을 관계 기관에 지속적으로 건의하기도 했다”고 덧붙였다."
MBN_29_FIRST = ("“이미 가상자산은 미국 경제 주류로 인정을 받고 있고 앞으로도 그럴 것이다. "
                "3조달러 규모의 가상자산 시장을 확실히 미국에 잡아두겠다.”")
MBN_29_LAST_START = "블라디미르 테네브 로빈후드 공동창업자 겸 최고경영자(CEO)는"
MBN_29_LAST_END = "토큰화 증권은 미국의 자본 패권 유지에 도움이 될 것”이라고 밝혔다."
MBN_CHROME = ("입력 : 2025", "2025-05-2", "뉴스 요약쏙", "AI 요약은", "OpenAI", "핵심 요약쏙은 회원용 콘텐츠입니다.",
              "회원용", "최신 뉴스를 요약해서", "언어변경", "글자크기 설정", "ENG", "기사 공유", "닫기")


@pytest.mark.parametrize("name", ["fundus_MBN_2025_05_28.html", "fundus_MBN_2025_05_29.html"])
def test_maeil_kyungje_body_has_no_date_box_summary_widget_or_tool_labels(name):
    a = read_one(name)
    for chrome in MBN_CHROME:
        assert chrome not in a.content_html, chrome


def test_maeil_kyungje_realestate_body_starts_with_the_photo_and_the_first_paragraph():
    got = blocks(read_one("fundus_MBN_2025_05_28.html"))
    assert got[0] == ("figure", "신공항 유치 관련 부울경 시민단체들이 28일 현대건설 서울 종로구 계동 본사를 "
                                "찾아 항의하고 있다. [사진 출처 = 현대건설]")
    assert got[1] == ("p", MBN_28_FIRST)
    assert got[-1] == ("p", MBN_28_LAST)


def test_maeil_kyungje_after_midnight_body_starts_with_the_subhead_and_keeps_the_last_paragraph():
    got = blocks(read_one("fundus_MBN_2025_05_29.html"))
    assert got[0][0] == "h3" and got[0][1].startswith("‘비트코인 2025 현장’ 트럼프 사단 총출동")
    assert got[1][0] == "figure"
    assert got[2] == ("p", MBN_29_FIRST)
    assert got[-1][0] == "p"
    assert got[-1][1].startswith(MBN_29_LAST_START) and got[-1][1].endswith(MBN_29_LAST_END)


def test_hankookilbo_body_ends_with_the_last_paragraph_not_a_related_heading():
    a = read_one("fundus_HankookIlbo_2025_05_15.html")
    assert "당신이 관심 있을 만한 이슈" not in a.content_html
    got = blocks(a)
    assert got[-1][0] == "p"
    assert got[-1][1].startswith("그러면서 \"호남에 있어서 민주당은 잘되기를 바라는 큰아들 같은 존재 아니냐\"")
    assert got[-1][1].endswith("'90% 득표율'을 목표로 잡았다.")
    # The subheadings that have text after them stay.
    assert ("h3", "다음 정부는 '국민주권' 정부, 호남은 민주당의 본산") in got
    assert ("h3", "\"태백산맥 보면 호남에 대한 인식 바뀌었다\"") in got
    assert got[0][0] == "h2" and got[0][1].startswith("李 여수, 순천, 목포 찾아 빗속 유세")
    assert "이틀간의 영남 공략을 마친 이재명 더불어민주당 대선 후보는 15일 텃밭 호남을 찾아" in body_text(a)


def test_donga_body_is_unchanged_by_the_chrome_rules():
    got = blocks(read_one("goose3_donga_20131023.html"))
    assert got[0] == ("p", "㈜디지털이엠씨")   # the bold kicker above the photo: the page's own text
    assert got[-1] == ("p", "시험인증 분야에서 100년 기업을 일구겠다는 그는 ㈜디지털이엠씨가 앞으로 세계 "
                            "시험인증 시장의 강자로 군림할 날이 꼭 올 것이라는 확신에 차 있다.")


def test_an_editors_summary_heading_above_the_text_stays():
    a = read(f"""<p>3줄 요약</p><ul><li>시내버스 전면 저상화</li><li>2027년까지 교체</li></ul>
        <p>{LEAD}</p><p>{SECOND}</p>""")
    assert texts(a)[0] == "3줄 요약" and texts(a)[-2:] == [LEAD, SECOND]
