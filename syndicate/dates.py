"""Korean and feed date forms -> aware datetimes; everything shown in KST.

Naive times are read in the source's zone (KST unless configured). A string that
names its own offset or zone keeps its instant and is only converted for display.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone, tzinfo
from functools import lru_cache

KST = timezone(timedelta(hours=9), "KST")

_ZONE_ABBREVIATIONS = {
    "KST": KST, "UTC": timezone.utc, "GMT": timezone.utc, "UT": timezone.utc, "Z": timezone.utc,
    "JST": timezone(timedelta(hours=9)), "EST": timezone(timedelta(hours=-5)),
    "EDT": timezone(timedelta(hours=-4)), "CST": timezone(timedelta(hours=-6)),
    "CDT": timezone(timedelta(hours=-5)), "MST": timezone(timedelta(hours=-7)),
    "MDT": timezone(timedelta(hours=-6)), "PST": timezone(timedelta(hours=-8)),
    "PDT": timezone(timedelta(hours=-7)),
}


@lru_cache(maxsize=32)
def zone(name: str | None) -> tzinfo:
    """A tzinfo for a config value; Asia/Seoul needs no tz database."""
    if not name or name in ("Asia/Seoul", "KST", "+09:00"):
        return KST
    if name.upper() in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[name.upper()]
    m = re.fullmatch(r"([+-])(\d{2}):?(\d{2})", name)
    if m:
        sign = -1 if m.group(1) == "-" else 1
        return timezone(sign * timedelta(hours=int(m.group(2)), minutes=int(m.group(3))))
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError) as exc:  # "Asia" is a folder
        raise ValueError(f"unknown time zone {name!r}") from exc


def to_kst(dt: datetime) -> datetime:
    if dt.tzinfo is None:
        raise ValueError("naive datetime")
    return dt.astimezone(KST)


def from_timestamp(ts: int) -> datetime:
    return datetime.fromtimestamp(ts, KST)


def start_of_day(d: date, tz: tzinfo = KST) -> datetime:
    """How a date with no time of day is represented: 00:00:00 of that day in the source zone."""
    return datetime.combine(d, time(0, 0), tz).astimezone(KST)


_OFFSET = r"(?P<tz>Z|[+-]\d{2}:?\d{2}|KST|UTC|GMT)?"
_YMD_SEP = r"\s*[.\-/]\s*"

# 2022.05.18 12:00:52 | 2022-05-18T12:00 | 2023.11.02. 오후 8:06 | 2022/05/18
_NUMERIC = re.compile(
    r"(?P<y>\d{4})" + _YMD_SEP + r"(?P<m>\d{1,2})" + _YMD_SEP + r"(?P<d>\d{1,2})\.?"
    r"(?:(?:\s*\([월화수목금토일]\))?(?:\s+|T)(?P<ampm>오전|오후|AM|PM|am|pm)?\s*"
    r"(?P<H>\d{1,2}):(?P<M>\d{2})(?::(?P<S>\d{2})(?:\.\d+)?)?\s*" + _OFFSET + r")?"
)
# 2022년 5월 18일 (수) 오전 9시 5분 | 2022년 5월 18일 12:00
_HANGUL = re.compile(
    r"(?P<y>\d{4})\s*년\s*(?P<m>\d{1,2})\s*월\s*(?P<d>\d{1,2})\s*일"
    r"(?:\s*\([월화수목금토일]\))?"
    r"(?:\s*(?P<ampm>오전|오후)?\s*(?:(?P<H>\d{1,2})\s*시(?:\s*(?P<M>\d{1,2})\s*분)?(?:\s*(?P<S>\d{1,2})\s*초)?"
    r"|(?P<H2>\d{1,2}):(?P<M2>\d{2})(?::(?P<S2>\d{2}))?))?"
)


def _offset(text: str | None, default: tzinfo) -> tzinfo:
    if not text:
        return default
    if text in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[text]
    sign = -1 if text[0] == "-" else 1
    digits = text[1:].replace(":", "")
    return timezone(sign * timedelta(hours=int(digits[:2]), minutes=int(digits[2:])))


def _build(y, m, d, hh, mm, ss, ampm, tz) -> datetime:
    hour = int(hh)
    if ampm in ("오후", "PM", "pm") and hour < 12:
        hour += 12
    elif ampm in ("오전", "AM", "am") and hour == 12:
        hour = 0
    return datetime(int(y), int(m), int(d), hour, int(mm or 0), int(ss or 0), tzinfo=tz)


def parse_date(text: str, default_tz: tzinfo = KST) -> tuple[datetime, bool] | None:
    """Parse the first date in ``text``.

    Returns ``(instant, has_time)``; a date with no time of day is 00:00 of that
    day in ``default_tz``. Returns None when no date can be read.
    """
    if not text:
        return None
    s = text.strip().replace("\u00a0", " ")
    try:
        m = _NUMERIC.search(s)
        if m:
            if m.group("H") is None:
                return start_of_day(date(int(m["y"]), int(m["m"]), int(m["d"])), default_tz), False
            tz = _offset(m.group("tz"), default_tz)
            return _build(m["y"], m["m"], m["d"], m["H"], m["M"], m["S"], m["ampm"], tz), True
        m = _HANGUL.search(s)
        if m:
            hh, mm, ss = (m["H"], m["M"], m["S"]) if m["H"] else (m["H2"], m["M2"], m["S2"])
            if hh is None:
                return start_of_day(date(int(m["y"]), int(m["m"]), int(m["d"])), default_tz), False
            return _build(m["y"], m["m"], m["d"], hh, mm, ss, m["ampm"], default_tz), True
    except ValueError:
        return None  # 2022.13.45 and friends: a number pattern, not a date
    m = _ISO_BASIC.fullmatch(s)
    if m:  # 20220518T120052Z: ISO 8601's basic format, seen in machine-written feeds
        y, mo, d, hh, mi, ss, tz = m.groups()
        try:
            return _build(y, mo, d, hh, mi, ss, None, _offset(tz, default_tz)), True
        except ValueError:
            return None
    return _parse_rfc822(s, default_tz)


_ISO_BASIC = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})?(?:\.\d+)?(Z|[+-]\d{2}:?\d{2})?")
_RFC822_NUMERIC_MONTH = re.compile(
    r"^(?:[A-Za-z]{3},?\s+)?(\d{1,2})\s+(\d{1,2})\s+(\d{2,4})\s+(\d{1,2}):(\d{2})(?::(\d{2}))?\s*(\S+)?$")


def _parse_rfc822(s: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    # Imported here: email.utils pulls in socket and the email package, a tenth of the
    # start-up of a `syndicate publish` that never meets an RFC 822 date.
    from email.utils import parsedate_to_datetime

    m = _RFC822_NUMERIC_MONTH.match(s)
    if m:
        dd, mo, yy, hh, mi, ss, tz = m.groups()
        year = int(yy) + (2000 if len(yy) == 2 else 0)
        try:
            return _build(year, mo, dd, hh, mi, ss, None, _offset_or_name(tz, default_tz)), True
        except ValueError:
            return None
    tail = re.search(r"\s([A-Z]{2,4})$", s)
    try:
        if tail and tail.group(1) in _ZONE_ABBREVIATIONS:
            base = parsedate_to_datetime(s[: tail.start()] + " +0000")
            return base.replace(tzinfo=_ZONE_ABBREVIATIONS[tail.group(1)]), True
        dt = parsedate_to_datetime(s)
    except (TypeError, ValueError, IndexError):
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=default_tz)
    return dt, True


def _offset_or_name(tz: str | None, default_tz: tzinfo) -> tzinfo:
    if not tz:
        return default_tz
    if tz.upper() in _ZONE_ABBREVIATIONS:
        return _ZONE_ABBREVIATIONS[tz.upper()]
    if re.fullmatch(r"[+-]\d{2}:?\d{2}", tz):
        return _offset(tz, default_tz)
    return default_tz


def parse_datetime(text: str, default_tz: tzinfo = KST) -> datetime | None:
    found = parse_date(text, default_tz)
    return found[0] if found else None


# --- Stamps and machine-written dates in article pages ------------------------------------------

_STAMP_WORDS = (r"최초\s*입력|최종\s*수정|기사\s*입력|기사\s*수정|입력|등록|수정|승인|송고|발행|게재|작성|"
                r"업데이트|Published|Updated|Modified|Posted")
_STAMP_RE = re.compile(rf"({_STAMP_WORDS})\s*(?:일시|시간)?\s*[:：]?\s*", re.IGNORECASE)
_UPDATE_WORDS = ("수정", "업데이트", "updated", "modified")


@dataclass(frozen=True)
class Stamps:
    """The 입력/수정 times of one article as its page shows them."""

    published: datetime | None = None
    published_has_time: bool = False
    updated: datetime | None = None


def find_stamps(text: str, default_tz: tzinfo = KST) -> Stamps | None:
    """``입력 2022.05.18 12:00 | 수정 2022.05.18 13:10`` and its many spellings.

    Each stamp word takes the date that follows it (before the next stamp word);
    the first 입력-like stamp is the publication, the first 수정-like the update.
    Returns None when no stamp word is followed by a readable date.
    """
    if not text:
        return None
    words = list(_STAMP_RE.finditer(text))
    published = updated = None
    has_time = False
    for i, m in enumerate(words):
        end = words[i + 1].start() if i + 1 < len(words) else len(text)
        # The date sits right after its word; a date further on belongs to something else.
        chunk = text[m.end():min(end, m.end() + 40)]
        parsed = parse_date(chunk, default_tz) if chunk[:1].isdigit() else None
        if parsed is None and chunk[:1].isdigit():
            parsed = _short_year(chunk, default_tz)
        if not parsed:
            continue
        word = re.sub(r"\s+", "", m.group(1)).lower()
        if any(w in word for w in _UPDATE_WORDS):
            updated = updated or parsed[0]
        elif published is None:
            published, has_time = parsed
    if published is None and updated is None:
        return None
    return Stamps(published, has_time, updated)


# "입력 23.11.02 20:06": a two-digit year, seen only right after a stamp word.
_SHORT_YEAR = re.compile(r"(\d{2})[.\-/](\d{1,2})[.\-/](\d{1,2})\.?\s+(오전|오후)?\s*(\d{1,2}):(\d{2})(?::(\d{2}))?")


def _short_year(chunk: str, default_tz: tzinfo) -> tuple[datetime, bool] | None:
    m = _SHORT_YEAR.match(chunk)
    if not m:
        return None
    yy, mo, d, ampm, hh, mm, ss = m.groups()
    try:
        return _build(2000 + int(yy), mo, d, hh, mm, ss, ampm, default_tz), True
    except ValueError:
        return None


_COMPACT = re.compile(r"(\d{4})(\d{2})(\d{2})(?:(\d{2})(\d{2})(\d{2})?)?")


def parse_machine_date(value: str, default_tz: tzinfo = KST) -> tuple[datetime, bool] | None:
    """Dates that CMSs write for machines: ISO 8601, ``20220518120052``, Unix seconds or ms.

    Naive values are read in ``default_tz``; a value with an offset keeps its instant.
    """
    value = (value or "").strip()
    if not value:
        return None
    if value.isdigit():
        if len(value) in (10, 13):  # Unix time, seconds or milliseconds
            seconds = int(value) // (1000 if len(value) == 13 else 1)
            return datetime.fromtimestamp(seconds, KST), True
        m = _COMPACT.fullmatch(value)
        if m:
            y, mo, d, hh, mm, ss = m.groups()
            try:
                if hh is None:
                    return start_of_day(date(int(y), int(mo), int(d)), default_tz), False
                return datetime(int(y), int(mo), int(d), int(hh), int(mm), int(ss or 0),
                                tzinfo=default_tz), True
            except ValueError:
                return None
        return None
    return parse_date(value, default_tz)
