"""The four real corpus pages give the values read off the pages by hand.

한국일보 and 매일경제 pages come from fundus's test data and 동아 from goose3's
(../shared/corpus/SOURCES.md). Expected values were read from each page as a
browser shows it; where the page and its JSON-LD agree on the minute, the
seconds come from JSON-LD.
"""

import json
import re
from datetime import datetime

import lxml.html
import pytest

from syndicate.dates import KST
from syndicate.ingest import detect_kind, read_path
from syndicate.ingest.base import ReadContext
from syndicate.model import Author
from tests.conftest import CORPUS, shared_file

ARTICLES = CORPUS / "korean" / "articles"
CTX = ReadContext(domain="partner.example.com")


def read_one(name: str):
    path = shared_file(ARTICLES / name)
    assert detect_kind(str(path), path.read_bytes()) == "html"
    result = read_path(path, CTX)
    assert result.problems == []
    assert len(result.articles) == 1
    return result.articles[0]


def body_text(article) -> str:
    return lxml.html.fromstring(article.content_html).text_content()


def test_hankookilbo():
    a = read_one("fundus_HankookIlbo_2025_05_15.html")
    # The visible headline keeps its quotation marks (JSON-LD drops them); no " | 한국일보".
    assert a.title == "\"왜 경상도, 전라도 나눠서 싸우나\"... DJ 고향에서 '국민 통합' 외친 이재명"
    assert a.section == "정치"
    # Byline "순천, 광양 구현모 기자 ninek@hankookilbo.com": 순천, 광양 is the dateline.
    assert a.authors == (Author("구현모", "ninek@hankookilbo.com", "기자"),)
    assert a.published == datetime(2025, 5, 15, 20, 0, 52, tzinfo=KST)   # 입력 2025.05.15 20:00
    assert a.updated == datetime(2025, 5, 15, 20, 57, 36, tzinfo=KST)    # 수정 2025.05.15 20:57
    assert a.published.isoformat() == "2025-05-15T20:00:52+09:00"
    assert not a.date_only and not a.partial
    assert a.link == "https://www.hankookilbo.com/News/Read/A2025051516330004328"
    assert a.id == a.link
    assert a.image == "https://newsimg.hankookilbo.com/big/2025/05/15/8b6d3aea-4847-41db-9d0a-a86bd7e55417.jpg"
    assert a.summary.startswith("이틀간의 영남 공략을 마친 이재명 더불어민주당 대선 후보는 15일 텃밭 호남을 찾아")
    assert "호남" in a.tags and "화개장터" in a.tags
    text = body_text(a)
    assert text.lstrip().startswith("李 여수, 순천, 목포 찾아 빗속 유세")                 # the 부제
    assert "경상도에서 전라도를 가로지르는 유세로" in text
    assert "'90% 득표율'을 목표로 잡았다." in text                                  # the last paragraph
    assert a.content_html.count("<figure>") == 3 and a.content_html.count("<figcaption>") == 3
    assert "<blockquote>" in a.content_html
    for furniture in ("ninek@", "기사 URL이 복사되었습니다", "좋아요", "댓글", "<script", "googletag"):
        assert furniture not in a.content_html


def test_maeil_kyungje_realestate():
    a = read_one("fundus_MBN_2025_05_28.html")
    assert a.title == "“극한 환경 속에서도 최선 다하고 있다”…가덕도 신공항 공기 지연에 입장 밝힌 현대건설"
    assert a.section == "부동산"          # shown above the headline; article:section says "realestate"
    assert a.authors == (Author("백지연", "gobaek@mk.co.kr", "기자"),)
    assert a.published == datetime(2025, 5, 28, 18, 21, 46, tzinfo=KST)
    assert a.updated is None              # dateModified equals datePublished: never edited
    assert a.link == "https://www.mk.co.kr/news/realestate/11329112"
    assert a.summary.startswith("현대건설 컨소시엄이 가덕도 신공항 공기 지연 요구 중단으로")
    text = body_text(a)
    assert "108개월을 산정했다”고 밝혔다." in text
    assert a.content_html.count("<figure>") == 2
    assert "부산 가덕도신공항 홍보 영상 갈무리. [사진 출처 = 부산시]" in text    # a caption
    for furniture in ("사진 확대", "좋아요", "이 기사가 마음에 들었다면", "googletag"):
        assert furniture not in a.content_html


def test_maeil_kyungje_after_midnight():
    a = read_one("fundus_MBN_2025_05_29.html")
    assert a.title == "가상자산 왕국 향한 트럼프家의 야심…“비트코인은 이미 주류, 달러 넘어 패권 쥔다”"
    assert a.section == "증권"
    assert a.authors == (Author("이종화", "andrewhot12@mk.co.kr", "기자"),)
    # 입력 2025-05-30 00:23:35 KST is still 29 May in UTC: the KST day must be the 30th.
    assert a.published == datetime(2025, 5, 30, 0, 23, 35, tzinfo=KST)
    assert a.link == "https://www.mk.co.kr/news/stock/11330362"
    assert a.content_html.startswith("<h3>")          # the 부제 box, kept apart from the lead
    assert a.summary.startswith("“이미 가상자산은 미국 경제 주류로 인정을 받고 있고")
    assert a.content_html.count("<figure>") == 6


def test_donga_matches_the_upstream_expected_text():
    a = read_one("goose3_donga_20131023.html")
    expected = json.loads((ARTICLES / "goose3_donga_20131023.expected.json").read_text("utf-8"))
    assert a.title == "[CEO&]창의적 열정과 소통, 초일류 시험인증 기업이 간다"   # not " : 뉴스 : 동아닷컴"
    assert a.section == "경제"                                                    # 뉴스 > 경제 > 기업·CEO
    assert a.authors == (Author("최윤호", "uknow@donga.com", "기자"),)            # the closing credit
    assert a.published == datetime(2013, 10, 24, 3, 0, 0, tzinfo=KST)
    assert a.updated is None                                                      # 기사수정 = 기사입력
    assert a.link is None and a.id.startswith("tag:partner.example.com,2013-10-24:")
    assert a.image == "http://dimg.donga.com/wps/NEWS/IMAGE/2013/10/23/58406114.2.jpg"
    squeeze = lambda s: re.sub(r"\s+", "", s)
    ours = squeeze(body_text(a))
    theirs = squeeze(expected["expected"]["cleaned_text"])
    credit = "최윤호기자uknow@donga.com"
    assert theirs.endswith(credit) and not ours.endswith(credit)   # the credit moved to the byline
    # Same article text; we also keep the subhead, a section heading and a photo caption.
    for part in theirs[:-len(credit)].split("“다국적시험인증평가업체들은"):
        assert part in ours
    assert "박채규대표" in ours and "▼“2년후상장목표…100년기업일굴터”▼" in ours
    for furniture in ("Facebook", "댓글", "인기클릭", "RealMedia", "<iframe"):
        assert furniture not in a.content_html


@pytest.mark.parametrize("name", ["fundus_HankookIlbo_2025_05_15.html", "fundus_MBN_2025_05_28.html",
                                  "fundus_MBN_2025_05_29.html", "goose3_donga_20131023.html"])
def test_corpus_pages_are_clean_unicode(name):
    import unicodedata
    a = read_one(name)
    for text in (a.title, a.summary, a.content_html, *(x.name for x in a.authors)):
        assert "\ufffd" not in text
        assert unicodedata.is_normalized("NFC", text)
