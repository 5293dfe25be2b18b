"""The page-text reader on the seed page and on pages written for these tests."""

from datetime import datetime

import pytest

from syndicate.dates import KST
from syndicate.ingest import detect_kind, read_bytes, read_path
from syndicate.ingest.base import ReadContext
from syndicate.model import Author
from tests.conftest import ROOT, SEED, shared_file

CTX = ReadContext(domain="tvseoul.co.kr")
NB = "\u00a0"


@pytest.fixture(scope="module")
def seed_articles():
    result = read_path(shared_file(SEED), CTX)
    assert result.problems == []
    return result.articles


def test_seed_gives_exactly_two_articles(seed_articles):
    assert [a.title for a in seed_articles] == [
        "강남구 온택트행정 서비스, 행정안전부 확산대상사례 선정",
        "尹대통령, 마드리드 방문 마치고 귀국…'다자 외교전' 마무리",
    ]


def test_seed_article_one(seed_articles):
    a = seed_articles[0]
    assert a.section == "지방자치"
    assert a.published == datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)
    assert a.published.utcoffset().total_seconds() == 9 * 3600
    assert a.updated is None and not a.date_only
    assert a.authors == (Author("변윤수", None, "기자"),)
    assert a.partial is False
    assert a.content_html.count("<p>") == 5
    assert a.content_html.startswith("<p>강남구는 ‘Paperless 스마트 행정서비스")
    assert a.content_html.endswith("나누겠다”고 말했다.</p>")
    assert "\u00a0" not in a.content_html and "TV서울" not in a.content_html
    assert "기자" not in a.title and "\u00a0" not in a.summary
    assert a.id.startswith("tag:tvseoul.co.kr,2022-05-18:")


def test_seed_article_two_is_a_partial_teaser_dated_from_the_header(seed_articles):
    a = seed_articles[1]
    assert a.section == "정치"
    assert a.authors == (Author("나재희", None, "기자"),)
    assert a.partial is True
    # A date with no time of day: 00:00 KST of that day, flagged date_only.
    assert a.published == datetime(2022, 7, 1, 0, 0, tzinfo=KST) and a.date_only
    assert a.content_html.startswith("<p>윤석열 대통령은") and a.content_html.endswith("각각 중심이</p>")
    assert a.summary.endswith("…")
    assert a.id.startswith("tag:tvseoul.co.kr,2022-07-01:")


def test_page_furniture_is_not_an_article(seed_articles):
    text = " ".join(a.title + a.content_html for a in seed_articles)
    for furniture in ("기상청 제공", "더보기", "구름조금동두천", "2022.07.01 (금)"):
        assert furniture not in text


def test_reading_twice_gives_identical_articles():
    data = shared_file(SEED).read_bytes()
    assert read_bytes(data, "seed", CTX).articles == read_bytes(data, "seed", CTX).articles


def page(*blocks: str) -> bytes:
    return "\n\n".join(blocks).encode("utf-8")


def test_stamps_with_update_email_credit_and_no_byline():
    data = page(
        "2024.03.05 (화)", "사회", "제목 하나", "  • 등록 2024.03.05 08:00:00  • 수정 2024.03.05 10:20:30",
        NB, "[한빛뉴스=박민준 기자] 첫 문단이다.", NB, "둘째 문단이다.", "홍길동 기자 hong@example.com",
        "제목 둘", "  • 입력 2024.03.05 13:45", "바이라인 없는 본문이다.",
    )
    one, two = read_bytes(data, "p.txt", CTX).articles
    assert one.updated == datetime(2024, 3, 5, 10, 20, 30, tzinfo=KST)
    assert one.authors == (Author("박민준", None, "기자"), Author("홍길동", "hong@example.com", "기자"))
    assert "hong@" not in one.content_html and one.content_html.count("<p>") == 2
    assert two.authors == () and two.section == "사회"  # inherits the heading above
    assert two.published == datetime(2024, 3, 5, 13, 45, tzinfo=KST)


def test_source_section_overrides_headings():
    data = page("2024.03.05 (화)", "사회", "제목", "  • 등록 2024.03.05 08:00:00", "본문이다.")
    ctx = ReadContext(domain="x.kr", section="정치")
    assert read_bytes(data, "p.txt", ctx).articles[0].section == "정치"


def test_no_section_anywhere_uses_the_default():
    data = page("제목", "  • 등록 2024.03.05 08:00:00", "본문이다.")
    ctx = ReadContext(domain="x.kr", default_section="뉴스")
    assert read_bytes(data, "p.txt", ctx).articles[0].section == "뉴스"


def test_teaser_without_any_date_is_a_problem_not_a_guess():
    data = page("정치", "더보기", "제목 [한빛뉴스=윤하늘 기자] 잘린 본문")
    result = read_bytes(data, "p.txt", CTX)
    assert result.articles == []
    assert len(result.problems) == 1
    assert "no 등록 stamp" in result.problems[0].reason and result.problems[0].line == 5


@pytest.mark.parametrize("data, words", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x00\x01\x02binary\xff\xfe" * 50, "binary"),
    ("그냥 아무 글이나 적은 메모입니다.\n\n기사가 아닙니다.".encode(), "no article"),
    (b"text \x80\xff" * 50, "not UTF-8"),
])
def test_bad_pages_give_one_clear_problem(data, words):
    result = read_bytes(data, "bad.txt", CTX, kind="page-text")
    assert result.articles == []
    assert len(result.problems) == 1
    assert words in str(result.problems[0]) and "bad.txt" in str(result.problems[0])


def test_cp949_pages_decode():
    data = page("2024.03.05 (화)", "경제", "똠방각하 기사", "등록 2024.03.05 08:00:00", "본문이다.")
    text = data.decode("utf-8").encode("cp949")
    assert read_bytes(text, "p.txt", CTX).articles[0].title == "똠방각하 기사"


@pytest.mark.parametrize("name, head, kind", [
    ("a.txt", "2024.03.05\n기사", "page-text"),
    ("a.html", "<!DOCTYPE html><html>", "html"),
    ("a.txt", "<!doctype html>\n<html lang=ko>", "html"),
    ("a.xml", "<?xml version='1.0'?><rss>", "feed"),
    ("feed", "<feed xmlns='http://www.w3.org/2005/Atom'>", "feed"),
])
def test_kind_detection(name, head, kind):
    assert detect_kind(name, head.encode()) == kind


def test_unreadable_path_is_a_problem(tmp_path):
    missing = read_path(tmp_path / "missing.txt", CTX)
    assert "cannot read" in str(missing.problems[0])
    assert "directory" in str(read_path(tmp_path, CTX).problems[0])


def test_sample_site_pages_cover_the_shapes():
    arts = []
    for path in sorted((ROOT / "articles").glob("*.txt")):
        result = read_path(path, ReadContext(domain="news.example.com"))
        assert result.problems == []
        arts += result.articles
    by_title = {a.title: a for a in arts}
    assert len({a.section for a in arts}) >= 4
    assert any(a.updated for a in arts)                                   # 수정 stamp
    assert any(x.email for a in arts for x in a.authors)                  # e-mail credit
    assert any(len(a.authors) == 2 for a in arts)                         # two reporters
    assert any(not a.authors for a in arts)                               # no byline
    assert any(a.partial for a in arts)                                   # teaser only
    assert len(arts) > len(by_title)                                      # a repeated teaser


def test_a_stray_byte_costs_a_character_not_the_page():
    data = page("2024.03.05 (화)", "경제", "제목", "등록 2024.03.05 08:00:00", "본문이다.") + b"\xff"
    result = read_bytes(data, "p.txt", CTX)
    assert [a.title for a in result.articles] == ["제목"]
    assert [p.severity for p in result.problems] == ["warning"]
    assert "1 undecodable" in result.problems[0].reason
