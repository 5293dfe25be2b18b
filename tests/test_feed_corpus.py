"""Real feeds from ../shared/corpus, with expectations checked by hand against the files."""

from __future__ import annotations

import re
import unicodedata
from datetime import datetime
from pathlib import Path

import pytest

from tests.conftest import CORPUS, shared_file
from syndicate.dates import KST
from syndicate.ingest import read_path
from syndicate.ingest.base import ReadContext
from syndicate.model import Author

CTX = ReadContext(domain="test.example.com", first_seen=lambda key: datetime(2024, 1, 1, tzinfo=KST))
KOREAN = CORPUS / "korean" / "feeds"
MISC = CORPUS / "misc-feeds"


def feeds(folder: Path, pattern: str) -> list[Path]:
    return sorted(folder.glob(pattern)) if folder.exists() else []


def read(path: Path):
    result = read_path(shared_file(path), CTX)
    assert result.problems == []   # not even a warning: every date, author and body is readable
    return result.articles


def item_count(path: Path) -> int:
    return len(re.findall(rb"<(?:item|entry)[\s>]", path.read_bytes()))


ALL = feeds(KOREAN, "*.xml") + feeds(KOREAN, "euc-kr/*.xml") + feeds(MISC, "*/*[!n]")


@pytest.mark.parametrize("path", ALL or [KOREAN / "missing.xml"], ids=lambda p: p.name)
def test_every_item_is_read_with_clean_text(path):
    articles = read(path)
    assert len(articles) == item_count(path) > 0
    assert len({a.id for a in articles}) == len(articles)
    for a in articles:
        for text in (a.title, a.summary, a.content_html or "", *(x.name for x in a.authors)):
            assert "\ufffd" not in text
            assert unicodedata.is_normalized("NFC", text)
        assert a.published.utcoffset().total_seconds() == 9 * 3600


def test_sept_is_a_month():
    articles = {a.id: a for a in read(KOREAN / "euc-kr" / "acnnewswire.net.xml")}
    sai = [a for a in articles.values() if a.title.startswith("SAI-Global Limited")][0]
    assert sai.published.isoformat() == "2005-09-26T21:46:23+09:00"   # "Mon, 26 Sept 2005 21:46:23+0900"


def test_hani_aggregated_feed():
    articles = read(KOREAN / "hani-_all_.xml")
    first = articles[0]
    assert first.title == "[논썰] 돌격대장인가 스타장관인가, “쿠데타” 외치는 이상민"
    assert first.id == first.link == "http://www.hani.co.kr/arti/politics/politics_general/1052901.html"
    assert first.published.isoformat() == "2022-07-30T18:00:23+09:00"   # 09:00:23.000Z
    assert first.partial   # the feed cuts its bodies off mid-word ("… 경찰")
    # &amp;lt; inside escaped HTML is a real "<" around a drama title, not markup.
    second = articles[1]
    assert second.summary.startswith("< 이상한 변호사 우영우 >(이엔에이·ENA)")
    assert "&lt; 이상한 변호사 우영우 &gt;" in second.content_html
    assert "<img src=\"https://flexible.img.hani.co.kr/" in second.content_html


def test_chosun_aggregated_feed():
    articles = {a.title: a for a in read(KOREAN / "chosun-_all_.xml")}
    klopp = articles['클롭 작심발언 "일정 좀 봐...커뮤니티 실드, 꼭 지금 해야 돼?"']
    assert klopp.published == datetime(2022, 7, 30, 8, 59, tzinfo=KST)   # 2022-07-29T23:59:00.000Z
    assert klopp.authors == (Author("고성환", None, "기자"),)              # from "[OSEN=고성환 기자]"
    empty = articles["배고픔에 개사료도 먹은 만 2살 아이...숨지기 전 2주는 쫄쫄 굶어"]
    assert empty.content_html is None and empty.summary == "" and empty.partial


def test_naver_blog_euc_kr_with_cdata():
    first = read(KOREAN / "euc-kr" / "blog.rss.naver.com.xml")[0]
    assert first.title == "2003년 업 그레이드된 기본강의시리즈 수강 안내"
    assert first.tags == ("실바 메서드",)
    assert first.published.isoformat() == "2004-05-23T19:57:35+09:00"
    assert first.summary.startswith("실바 메서드 코리아(Silva Method Korea)에서는 2003년")


def test_egloos_gmt_dates_and_korean_description():
    first = read(KOREAN / "euc-kr" / "arts.egloos.com.xml")[0]
    assert first.published.isoformat() == "2005-09-10T12:46:54+09:00"   # Sat, 10 Sep 2005 03:46:54 GMT
    assert first.title == "김용임 4회전 '休' →기억하다"


def test_movable_type_dc_date_and_channel_creator():
    first = read(KOREAN / "euc-kr" / "blog.bd-lab.com.xml")[0]
    # guid "131@http://blog.bd-lab.com/blog/" is not a URI, so not an Atom id as it stands
    assert first.id.startswith("tag:test.example.com,2005-11-21:guid-")
    assert first.link == "http://blog.bd-lab.com/blog/archives/000131.html"
    assert first.published.isoformat() == "2005-11-21T13:05:42+09:00"
    assert first.authors == (Author("bongdang", "bongdang@bd-lab.co.kr"),)
    assert first.tags == ("취미생활",)


def test_rss_author_element_without_email():
    first = read(KOREAN / "euc-kr" / "sparcs.kaist.ac.kr.xml")[0]
    assert first.authors == (Author("ari"),)
    assert first.summary.startswith("Best & Comment 게임 - 루미네스(PSP)")


def test_latin1_feed_from_rss_parser():
    first = read(MISC / "rss-parser" / "encoding.rss")[0]
    assert first.title == "Mãe de utente é a nova presidente da Raríssimas"


def test_atom_with_offset_and_feed_level_author():
    first = read(MISC / "rss-parser" / "heise.atom")[0]
    assert first.title == "Java-Anwendungsserver: Red Hat gibt WildFly 10 frei"
    assert first.authors == (Author("heise online"),)


def test_rdf_date_only():
    first = read(MISC / "netnewswire" / "bio.rdf")[0]
    assert first.published == datetime(2019, 8, 27, tzinfo=KST) and first.date_only


def test_mutated_corpus_feeds_never_crash():
    """Real feeds cut, spliced with hostile fragments and bit-flipped: problems, never exceptions."""
    import random

    from syndicate.ingest import read_bytes

    blobs = [p.read_bytes() for p in ALL]
    if not blobs:
        pytest.skip(f"{CORPUS} is not on this machine")
    fragments = [b"<", b"&", b"]]>", b"<![CDATA[", b"&#0;", b"&#xD800;", b"\x00", b"\xff\xfe", b"</item>",
                 b"<item>", b"<entry>", b'<!DOCTYPE x [<!ENTITY a "&a;">]>', b"&a;",
                 b"<pubDate>Mon, 32 Foo 2022 25:61:61 +9999</pubDate>", b"<link>http://[::1</link>",
                 b"<guid></guid>", b"\xed\xa0\x80", b"<author>@@@ (((</author>"]
    rnd = random.Random(4)  # fixed: the same inputs on every run
    for _ in range(120):
        data = bytearray(rnd.choice(blobs))
        for _ in range(rnd.randint(1, 5)):
            pos = rnd.randrange(len(data) + 1)
            op = rnd.random()
            if op < 0.35:
                data[pos:pos] = rnd.choice(fragments)
            elif op < 0.6:
                del data[pos:pos + rnd.randint(1, 200)]
            elif op < 0.8 and data:
                data[pos % len(data)] = rnd.randrange(256)
            else:
                del data[pos:]
        result = read_bytes(bytes(data), "mutated.xml", CTX, "feed")
        assert result.articles or result.problems
        for a in result.articles:
            assert a.published.tzinfo is not None and a.title
