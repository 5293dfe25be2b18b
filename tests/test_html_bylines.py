"""Byline forms from Korean article pages: every reporter, never a role in the name."""

import pytest

from syndicate.model import Author
from syndicate.text import merge_authors, parse_byline


@pytest.mark.parametrize("text, expected", [
    ("[TV서울=변윤수 기자]", [("변윤수", None, "기자")]),
    ("(서울=연합뉴스) 홍길동 기자 =", [("홍길동", None, "기자")]),
    ("(서울=연합뉴스) 홍길동 기자", [("홍길동", None, "기자")]),
    ("홍길동 기자 hong@x.co.kr", [("홍길동", "hong@x.co.kr", "기자")]),
    ("글·사진 홍길동 기자", [("홍길동", None, "기자")]),
    ("김철수·이영희 기자", [("김철수", None, "기자"), ("이영희", None, "기자")]),
    ("By 배윤경,이상현", [("배윤경", None, None), ("이상현", None, None)]),
    ("홍길동 특파원", [("홍길동", None, "특파원")]),
    ("워싱턴=김철수 특파원", [("김철수", None, "특파원")]),
    ("순천, 광양 구현모 기자 ninek@hankookilbo.com", [("구현모", "ninek@hankookilbo.com", "기자")]),
    ("김철수 기자 kim@a.co.kr 이영희 기자 lee@a.co.kr",
     [("김철수", "kim@a.co.kr", "기자"), ("이영희", "lee@a.co.kr", "기자")]),
    ("홍길동기자", [("홍길동", None, "기자")]),
    ("기자 구독 구현모 기자 기사 더보기", [("구현모", None, "기자")]),
])
def test_byline_forms(text, expected):
    assert [(a.name, a.email, a.role) for a in parse_byline(text)] == expected


@pytest.mark.parametrize("text", ["", "무단전재 및 재배포 금지", "오늘의 주요 뉴스를 전해 드립니다. " * 20])
def test_not_a_byline(text):
    assert parse_byline(text) == ()


def test_no_name_keeps_its_role():
    for text in ("홍길동 기자", "홍길동기자", "김철수·이영희 기자", "홍길동 특파원"):
        for author in parse_byline(text):
            assert not author.name.endswith(("기자", "특파원"))


def test_merge_authors_fills_email_and_keeps_order():
    merged = merge_authors((Author("구현모", None, "기자"),),
                           (Author("구현모", "ninek@hankookilbo.com"), Author("고영권")))
    assert merged == (Author("구현모", "ninek@hankookilbo.com", "기자"), Author("고영권"))
