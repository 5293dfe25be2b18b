from datetime import datetime, timedelta, timezone

import pytest

from syndicate.dates import KST, parse_date, to_kst, zone


def kst(*args):
    return datetime(*args, tzinfo=KST)


@pytest.mark.parametrize("text, instant, has_time", [
    ("2022.05.18 12:00:52", kst(2022, 5, 18, 12, 0, 52), True),
    ("등록 2022.05.18 12:00:52", kst(2022, 5, 18, 12, 0, 52), True),
    ("2022-05-18 12:00", kst(2022, 5, 18, 12, 0), True),
    ("2023.11.02. 오후 8:06", kst(2023, 11, 2, 20, 6), True),
    ("2023.11.02. 오전 12:30", kst(2023, 11, 2, 0, 30), True),
    ("2022년 5월 18일 오전 9시 5분", kst(2022, 5, 18, 9, 5), True),
    ("2022년 5월 18일 12:00", kst(2022, 5, 18, 12, 0), True),
    ("2022-05-18T03:00:52Z", kst(2022, 5, 18, 12, 0, 52), True),
    ("2022-05-18T12:00:52+0900", kst(2022, 5, 18, 12, 0, 52), True),
    ("Wed, 18 May 2022 03:00:52 GMT", kst(2022, 5, 18, 12, 0, 52), True),
    ("Wed, 18 May 2022 12:00:52 KST", kst(2022, 5, 18, 12, 0, 52), True),
    ("18 05 2022 12:00:52 +0900", kst(2022, 5, 18, 12, 0, 52), True),
    ("2022.07.01 (금)", kst(2022, 7, 1), False),
    ("20220518T120052", kst(2022, 5, 18, 12, 0, 52), True),
    ("20220518T030052Z", kst(2022, 5, 18, 12, 0, 52), True),
    ("20220518T1200+0900", kst(2022, 5, 18, 12, 0), True),
])
def test_forms_give_the_same_instant(text, instant, has_time):
    parsed, timed = parse_date(text)
    assert parsed == instant
    assert timed is has_time


def test_naive_times_take_the_given_zone():
    utc_reading, _ = parse_date("2022-05-18 12:00", timezone.utc)
    assert to_kst(utc_reading) == kst(2022, 5, 18, 21, 0)


def test_output_is_kst_whatever_the_input_offset():
    parsed, _ = parse_date("2022-05-18T12:00:00-05:00")
    assert to_kst(parsed).utcoffset() == timedelta(hours=9)
    assert to_kst(parsed) == kst(2022, 5, 19, 2, 0)


@pytest.mark.parametrize("text", ["", "no date here", "2022.13.45 12:00", "기상청 제공"])
def test_non_dates_give_none(text):
    assert parse_date(text) is None


def test_zone_names():
    assert zone("Asia/Seoul") is KST
    assert zone("+05:30").utcoffset(None) == timedelta(hours=5, minutes=30)
    with pytest.raises(ValueError):
        zone("Mars/Olympus")
