"""Korean date forms seen in article pages, each to the right instant, shown in KST."""

from datetime import datetime, timedelta, timezone

import pytest

from syndicate.dates import KST, find_stamps, parse_date, parse_machine_date, to_kst

UTC = timezone.utc


@pytest.mark.parametrize("text, expected", [
    ("2022.05.18 12:00:52", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("2022-05-18 12:00", datetime(2022, 5, 18, 12, 0, tzinfo=KST)),
    ("2023.11.02. 오후 8:06", datetime(2023, 11, 2, 20, 6, tzinfo=KST)),
    ("2023.11.02. 오전 12:06", datetime(2023, 11, 2, 0, 6, tzinfo=KST)),
    ("2022년 5월 18일 오전 9시 5분", datetime(2022, 5, 18, 9, 5, tzinfo=KST)),
    ("2022년 5월 18일 오후 9시", datetime(2022, 5, 18, 21, 0, tzinfo=KST)),
    ("2025-05-15T20:00:52.000+0900", datetime(2025, 5, 15, 20, 0, 52, tzinfo=KST)),
    ("2022-05-18T03:00:52Z", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("2022-05-18T03:00:52.000+00:00", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
])
def test_page_date_forms_give_the_same_instant(text, expected):
    parsed, has_time = parse_date(text)
    assert has_time
    assert parsed == expected
    assert to_kst(parsed).utcoffset() == timedelta(hours=9)


def test_utc_iso_string_is_shown_in_kst():
    parsed, _ = parse_date("2022-05-18T03:00:52Z")
    assert to_kst(parsed).isoformat() == "2022-05-18T12:00:52+09:00"


def test_stamps_give_published_and_updated():
    stamps = find_stamps("입력 2025.05.15 20:00 수정 2025.05.15 20:57")
    assert stamps.published == datetime(2025, 5, 15, 20, 0, tzinfo=KST)
    assert stamps.updated == datetime(2025, 5, 15, 20, 57, tzinfo=KST)
    assert stamps.published_has_time


@pytest.mark.parametrize("text", [
    "기사입력 2013-10-24 03:00:00 기사수정 2013-10-24 04:10:00",
    "입력 : 2013.10.24 03:00 | 수정 : 2013.10.24 04:10",
    "등록 2013-10-24 03:00 업데이트 2013-10-24 04:10",
    "승인 2013.10.24 03:00 최종수정 2013.10.24 04:10",
    "입력 2013.10.24. 오전 3:00 수정 2013.10.24. 오전 4:10",
    "입력 13.10.24 03:00 수정 13.10.24 04:10",
    "입력2013-10-24 03:00 수정2013-10-24 04:10",
])
def test_stamp_spellings(text):
    stamps = find_stamps(text)
    assert stamps.published == datetime(2013, 10, 24, 3, 0, tzinfo=KST)
    assert stamps.updated == datetime(2013, 10, 24, 4, 10, tzinfo=KST)


def test_stamp_word_without_a_date_is_not_a_stamp():
    assert find_stamps("최근 입력한 검색어가 없습니다. 2013.10.24 행사 안내") is None
    assert find_stamps("") is None


def test_updated_only_stamp():
    stamps = find_stamps("수정 2022-05-18 13:00")
    assert stamps.published is None
    assert stamps.updated == datetime(2022, 5, 18, 13, 0, tzinfo=KST)


def test_stamps_in_source_zone():
    stamps = find_stamps("입력 2022-05-18 12:00", timezone(timedelta(hours=-5)))
    assert to_kst(stamps.published) == datetime(2022, 5, 19, 2, 0, tzinfo=KST)


@pytest.mark.parametrize("value, expected", [
    ("20220518120052", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("202205181200", datetime(2022, 5, 18, 12, 0, tzinfo=KST)),
    ("1652842852", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("1652842852000", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("2022-05-18 12:00:52", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
    ("2022-05-18T03:00:52+00:00", datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)),
])
def test_machine_dates_from_data_attributes(value, expected):
    parsed, has_time = parse_machine_date(value)
    assert has_time and parsed == expected


def test_machine_date_naive_uses_source_zone_and_rejects_garbage():
    parsed, _ = parse_machine_date("20220518120052", UTC)
    assert to_kst(parsed) == datetime(2022, 5, 18, 21, 0, 52, tzinfo=KST)
    parsed, has_time = parse_machine_date("20220518")
    assert not has_time and parsed == datetime(2022, 5, 18, tzinfo=KST)
    assert parse_machine_date("20221345999999") is None
    assert parse_machine_date("12345") is None
    assert parse_machine_date("") is None
