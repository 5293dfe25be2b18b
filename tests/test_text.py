import pytest

from syndicate.model import Author
from syndicate.text import (clean_text, find_inline_byline, looks_cut_off, parse_credit_line,
                            parse_names, split_lead_byline, summarize, title_key)


def test_clean_text_removes_no_break_and_invisible_spaces():
    assert clean_text("\u00a0[TV서울=변윤수\u00a0기자]\u200b  강남구는\u3000") == "[TV서울=변윤수 기자] 강남구는"


@pytest.mark.parametrize("credit, expected", [
    ("변윤수 기자", [Author("변윤수", None, "기자")]),
    ("김철수·이영희 기자", [Author("김철수", None, "기자"), Author("이영희", None, "기자")]),
    ("홍길동 기자 hong@x.co.kr", [Author("홍길동", "hong@x.co.kr", "기자")]),
    ("글·사진 홍길동 기자", [Author("홍길동", None, "기자")]),
    ("By 배윤경,이상현", [Author("배윤경"), Author("이상현")]),
    ("홍길동 특파원", [Author("홍길동", None, "특파원")]),
    ("김철수 기자·이영희 특파원", [Author("김철수", None, "기자"), Author("이영희", None, "특파원")]),
    ("기자", []),
    ("정부는 오늘 새 정책을 발표했다", []),
])
def test_parse_names(credit, expected):
    assert list(parse_names(credit)) == expected


def test_lead_bylines_are_split_from_the_text():
    assert split_lead_byline("[TV서울=변윤수 기자] 강남구는 밝혔다.") == (
        (Author("변윤수", None, "기자"),), "강남구는 밝혔다.")
    assert split_lead_byline("(서울=연합뉴스) 홍길동 기자 = 정부는") == (
        (Author("홍길동", None, "기자"),), "정부는")
    assert split_lead_byline("[속보] 정부 발표") == ((), "[속보] 정부 발표")


def test_credit_lines_only_when_the_whole_line_is_a_credit():
    assert parse_credit_line("홍길동 기자 hong@example.com") == (Author("홍길동", "hong@example.com", "기자"),)
    assert parse_credit_line("시 관계자는 기자들에게 설명했다.") == ()


def test_inline_byline_splits_title_from_teaser():
    title, authors, teaser = find_inline_byline("제목이다 [TV서울=나재희 기자] 본문 시작")
    assert (title, authors, teaser) == ("제목이다", (Author("나재희", None, "기자"),), "본문 시작")
    assert find_inline_byline("괄호 [참고] 없음") is None


@pytest.mark.parametrize("text, cut", [
    ("각각 중심이", True), ("밝혔다.", False), ("말했다.”", False), ("계획이다…", True),
    ("정말인가?", False), ("", False),
])
def test_cut_off_detection(text, cut):
    assert looks_cut_off(text) is cut


def test_summarize_keeps_whole_sentences():
    text = "첫 문장이다. " * 30
    summary = summarize(text, limit=50)
    assert len(summary) <= 50 and summary.endswith("다.")
    assert summarize("짧다.") == "짧다."


def test_title_key_ignores_spacing_punctuation_and_width():
    assert title_key("尹대통령, 귀국…'외교전' 마무리") == title_key("尹대통령 귀국 ‘외교전’ 마무리")
    assert title_key("ＡＢＣ 뉴스") == title_key("abc뉴스")
