"""The feed reader: ids, sections, authors, dates, bodies, encodings, errors and hostile input."""

from __future__ import annotations

import unicodedata
from datetime import datetime, timedelta, timezone
from types import MappingProxyType

import pytest

from feed_http import FeedServer, Reply, _no_proxy_for_loopback  # noqa: F401 (fixture)
from syndicate.dates import KST
from syndicate.errors import IngestError
from syndicate.ingest import detect_kind, read_bytes
from syndicate.ingest.base import ReadContext
from syndicate.ingest.feed import read
from syndicate.ingest.feed_bytes import prepare
from syndicate.ingest.feed_content import undo_double_escape
from syndicate.model import Author
from syndicate.store import ArticleStore

SEEN = datetime(2024, 1, 2, 3, 4, 5, tzinfo=KST)
CTX = ReadContext(domain="test.example.com", known_sections=frozenset({"정치", "경제", "지방자치"}),
                  section_slugs=MappingProxyType({"정치": "politics", "경제": "economy",
                                                  "지방자치": "local"}),
                  first_seen=lambda key: SEEN)


def rss(items: str, encoding: str = "utf-8", channel: str = "") -> str:
    return (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">\n'
            f'<channel><title>테스트</title><link>https://partner.example.com/</link>{channel}\n'
            f'{items}\n</channel></rss>\n')


def item(body: str = "", title: str = "제목", date: str | None = "Wed, 18 May 2022 12:00:52 +0900") -> str:
    when = f"<pubDate>{date}</pubDate>" if date else ""
    return f"<item><title>{title}</title>{when}{body}</item>"


def read_one(xml: str | bytes, ctx: ReadContext = CTX):
    data = xml.encode("utf-8") if isinstance(xml, str) else xml
    result = read(data, "feed.xml", ctx)
    assert [p for p in result.problems if p.severity == "error"] == []
    assert len(result.articles) == 1, result.problems
    return result.articles[0]


# -- ids ---------------------------------------------------------------------------------

def test_id_is_the_guid():
    a = read_one(rss(item('<guid isPermaLink="false">urn:yna:20220518-001</guid>'
                          '<link>https://partner.example.com/a/1</link>')))
    assert a.id == "urn:yna:20220518-001"
    assert a.link == "https://partner.example.com/a/1"


def test_a_guid_that_is_not_a_uri_becomes_a_tag_uri_of_the_guid_alone():
    # An Atom id must be a URI. The same guid from another source, with another link, must
    # still give the same id.
    a = read_one(rss(item('<guid isPermaLink="false">yna-20220518-001</guid>'
                          '<link>https://partner.example.com/a/1</link>')))
    b = read_one(rss(item('<guid isPermaLink="false">yna-20220518-001</guid>'
                          '<link>https://other.example.com/x</link>', title="다른 제목")))
    c = read_one(rss(item('<guid isPermaLink="false">yna-20220518-002</guid>')))
    assert a.id == b.id != c.id
    assert a.id.startswith("tag:test.example.com,2022-05-18:guid-")


def test_id_falls_back_to_the_link_without_tracking_parameters():
    a = read_one(rss(item("<link>https://partner.example.com/a/1?id=7&amp;utm_source=rss&amp;"
                          "utm_medium=feed&amp;fbclid=abc</link>")))
    assert a.id == a.link == "https://partner.example.com/a/1?id=7"


def test_a_guid_repeated_within_the_feed_falls_back_to_the_link():
    xml = rss(item('<guid isPermaLink="false">same</guid><link>https://p.example.com/1</link>', "하나")
              + item('<guid isPermaLink="false">same</guid><link>https://p.example.com/2</link>', "둘")
              + item('<guid isPermaLink="false">urn:other</guid><link>https://p.example.com/3</link>', "셋"))
    result = read(xml.encode(), "feed.xml", CTX)
    assert [a.id for a in result.articles] == ["https://p.example.com/1", "https://p.example.com/2",
                                              "urn:other"]


def test_a_permalink_guid_is_the_link_and_the_id():
    a = read_one(rss(item("<guid>https://partner.example.com/a/9?utm_campaign=x</guid>")))
    assert a.id == a.link == "https://partner.example.com/a/9"


def test_relative_link_is_made_absolute_against_the_channel_link():
    a = read_one(rss(item("<link>/news/5</link>")))
    assert a.link == "https://partner.example.com/news/5"


def test_no_guid_and_no_link_gives_a_tag_id():
    a = read_one(rss(item("<description>본문입니다.</description>")))
    assert a.id.startswith("tag:test.example.com,2022-05-18:")
    assert a.link is None


# -- sections ----------------------------------------------------------------------------

@pytest.mark.parametrize("category, section", [
    ("정치", "정치"), ("politics", "정치"), ("Economy", "경제"), ("뉴스 > 지방자치", "지방자치"),
    ("연예", "뉴스"),
])
def test_section_from_category_mapped_through_sections(category, section):
    a = read_one(rss(item(f"<category>{category}</category>")))
    assert a.section == section


def test_source_section_wins_over_category():
    ctx = ReadContext(**{**CTX.__dict__, "section": "경제"})
    assert read_one(rss(item("<category>정치</category>")), ctx).section == "경제"


def test_default_section_when_nothing_matches():
    ctx = ReadContext(**{**CTX.__dict__, "default_section": "전체"})
    assert read_one(rss(item()), ctx).section == "전체"


# -- authors -----------------------------------------------------------------------------

def test_korean_credit_in_dc_creator():
    a = read_one(rss(item("<dc:creator>홍길동 기자 hong@x.co.kr</dc:creator>")))
    assert a.authors == (Author("홍길동", "hong@x.co.kr", "기자"),)


def test_bare_role_gives_no_author():
    assert read_one(rss(item("<dc:creator>기자</dc:creator>"))).authors == ()


def test_rss_email_name_form():
    a = read_one(rss(item("<author>hong@x.co.kr (홍길동)</author>")))
    assert a.authors == (Author("홍길동", "hong@x.co.kr", None),)


def test_author_and_dc_creator_for_the_same_person_merge():
    a = read_one(rss(item("<author>hong@x.co.kr (홍길동)</author><dc:creator>홍길동 기자</dc:creator>")))
    assert a.authors == (Author("홍길동", "hong@x.co.kr", "기자"),)


def test_two_reporters_in_one_credit():
    a = read_one(rss(item("<dc:creator>김철수·이영희 기자</dc:creator>")))
    assert [x.name for x in a.authors] == ["김철수", "이영희"]


def test_atom_author_with_email_and_a_nickname():
    xml = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>'
           '<entry><title>가</title><id>urn:1</id><updated>2022-05-18T12:00:52+09:00</updated>'
           '<author><name>홍길동</name><email>hong@x.co.kr</email></author>'
           '<author><name>alphathinker</name></author></entry></feed>')
    a = read_one(xml)
    assert a.authors == (Author("홍길동", "hong@x.co.kr"), Author("alphathinker"))


# -- dates -------------------------------------------------------------------------------

NOON = datetime(2022, 5, 18, 12, 0, 52, tzinfo=KST)


@pytest.mark.parametrize("text", [
    "Wed, 18 May 2022 12:00:52 +0900",
    "Wed, 18 May 2022 03:00:52 GMT",
    "2022-05-18 12:00:52",                  # naive: the source's zone, KST by default
    "2022-05-18T12:00:52",                  # ISO with no zone
    "2022-05-18T12:00:52+0900",             # offset with no colon
    "2022-05-18T03:00:52.000Z",
    "Wed, 18 05 2022 12:00:52 +0900",       # RFC 822 with a numeric month
    "Wed, 18 May 2022 12:00:52 KST",
    "2022.05.18 12:00:52",
    "Wednesday, 18 May 2022 12:00:52 +0900",
    "Wed, 18 May. 2022 12:00:52 +0900",
])
def test_pubdate_forms(text):
    a = read_one(rss(item(date=text)))
    assert a.published == NOON
    assert a.published.utcoffset() == timedelta(hours=9)
    assert not a.date_only


@pytest.mark.parametrize("text", ["Mon, 26 Sept 2005 21:46:23+0900", "Mon, 26 September 2005 21:46:23 +0900",
                                  "Monday, 26-Sep.-2005 21:46:23 KST"])
def test_long_month_names(text):
    assert read_one(rss(item(date=text))).published == datetime(2005, 9, 26, 21, 46, 23, tzinfo=KST)


def test_naive_time_uses_the_source_timezone():
    ctx = ReadContext(**{**CTX.__dict__, "tz": timezone.utc})
    a = read_one(rss(item(date="2022-05-18 03:00:52")), ctx)
    assert a.published == NOON and a.published.isoformat() == "2022-05-18T12:00:52+09:00"


def test_dc_date_without_pubdate():
    a = read_one(rss(item("<dc:date>2022-05-18T12:00:52+09:00</dc:date>", date=None)))
    assert a.published == NOON and a.updated is None


def test_atom_published_and_later_updated():
    xml = ('<feed xmlns="http://www.w3.org/2005/Atom"><title>t</title><id>urn:f</id>'
           '<entry><title>가</title><id>urn:1</id><published>2022-05-18T12:00:52+09:00</published>'
           '<updated>2022-05-18T14:00:00+09:00</updated></entry></feed>')
    a = read_one(xml)
    assert a.published == NOON
    assert a.updated == datetime(2022, 5, 18, 14, 0, tzinfo=KST)


def test_date_without_time_is_marked_date_only():
    a = read_one(rss(item("<dc:date>2022-05-18</dc:date>", date=None)))
    assert a.published == datetime(2022, 5, 18, tzinfo=KST) and a.date_only


def test_undated_item_takes_its_first_seen_time_once(tmp_path):
    now = [datetime(2024, 3, 1, 9, 0, tzinfo=KST)]
    store = ArticleStore(tmp_path / "a.db", clock=lambda: now[0])
    ctx = ReadContext(**{**CTX.__dict__, "first_seen": store.first_seen})
    xml = rss(item("<guid>https://p.example.com/undated</guid>", date=None))
    first = read_one(xml, ctx)
    now[0] = datetime(2024, 3, 5, 18, 30, tzinfo=KST)
    second = read_one(xml, ctx)
    store.close()
    assert first.published == second.published == datetime(2024, 3, 1, 9, 0, tzinfo=KST)
    reopened = ArticleStore(tmp_path / "a.db", clock=lambda: now[0])
    assert reopened.first_seen("https://p.example.com/undated") == first.published
    reopened.close()


def test_undated_item_without_a_store_is_a_problem_not_a_crash():
    ctx = ReadContext(domain="test.example.com")
    result = read(rss(item(date=None)).encode(), "feed.xml", ctx)
    assert result.articles == [] and "no readable date" in result.problems[0].reason


def test_compact_date_and_unreadable_date():
    assert read_one(rss(item(date="20220518120052"))).published == NOON
    result = read(rss(item(date="어제 오후")).encode(), "feed.xml", CTX)
    assert result.articles[0].published == SEEN
    assert [p.severity for p in result.problems] == ["warning"]
    assert "unreadable date '어제 오후'" in result.problems[0].reason


# -- bodies ------------------------------------------------------------------------------

def test_double_escaped_cdata_is_unescaped_once():
    a = read_one(rss(item("<description><![CDATA[&lt;p&gt;첫 문단입니다.&lt;/p&gt;"
                          "&lt;p&gt;둘째 문단입니다.&lt;/p&gt;]]></description>")))
    assert a.content_html == "<p>첫 문단입니다.</p><p>둘째 문단입니다.</p>"
    assert a.summary == "첫 문단입니다. 둘째 문단입니다."


def test_escaped_brackets_beside_real_markup_are_text():
    # 한겨레 writes film titles as &lt;한산&gt; inside real HTML: that is not an artifact.
    a = read_one(rss(item("<content:encoded>&lt;p&gt;영화 &amp;lt;한산&amp;gt;이 개봉했다.&lt;/p&gt;"
                          "</content:encoded>")))
    assert a.content_html == "<p>영화 &lt;한산&gt;이 개봉했다.</p>"
    assert a.summary == "영화 <한산>이 개봉했다."


def test_undo_double_escape_leaves_text_that_only_mentions_a_bracket():
    assert undo_double_escape("a &lt; b 그리고 c &gt; d") == "a &lt; b 그리고 c &gt; d"


def test_double_escaped_entities_in_a_title():
    a = read_one(rss(item(title="클롭 &amp;quot;일정 좀 봐&amp;quot; &amp;amp; 불만")))
    assert a.title == '클롭 "일정 좀 봐" & 불만'


def test_html_is_sanitized_and_urls_made_absolute():
    a = read_one(rss(item('<link>https://partner.example.com/a/1</link><content:encoded><![CDATA['
                          '<p onclick="x()">본문<script>alert(1)</script> <a href="/b/2">관련</a> '
                          '<a href="javascript:evil()">나쁜</a><img src="i.jpg"></p>]]></content:encoded>')))
    assert "script" not in a.content_html and "onclick" not in a.content_html
    assert "javascript" not in a.content_html
    assert 'href="https://partner.example.com/b/2"' in a.content_html
    assert 'src="https://partner.example.com/a/i.jpg"' in a.content_html


def test_content_preferred_to_description_which_stays_the_summary():
    a = read_one(rss(item("<description>짧은 요약입니다.</description>"
                          "<content:encoded><![CDATA[<p>긴 본문입니다.</p><p>끝입니다.</p>]]>"
                          "</content:encoded>")))
    assert a.summary == "짧은 요약입니다."
    assert a.content_html == "<p>긴 본문입니다.</p><p>끝입니다.</p>"
    assert not a.partial


def test_teaser_ending_mid_sentence_is_partial():
    a = read_one(rss(item("<description>경찰청 독립 전인 내무부 시절 치안본부 체계를 사실상 부활하는 "
                          "내용입니다. 이대로라면 행안부 장관은 경찰</description>")))
    assert a.partial


def test_item_without_title_takes_one_from_its_text():
    a = read_one(rss("<item><description>제목 없는 글의 본문입니다.</description>"
                     "<pubDate>Wed, 18 May 2022 12:00:52 +0900</pubDate></item>"))
    assert a.title == "제목 없는 글의 본문입니다."


def test_item_with_nothing_is_a_problem_and_others_survive():
    xml = rss("<item><pubDate>Wed, 18 May 2022 12:00:52 +0900</pubDate></item>" + item())
    result = read(xml.encode(), "feed.xml", CTX)
    assert len(result.articles) == 1
    assert [(p.severity, p.reason) for p in result.problems] == [
        ("warning", "item has no title and no text; skipped")]


def test_tags_and_image():
    a = read_one(rss(item('<category>정치</category><category>국회</category>'
                          '<enclosure url="https://img.example.com/1.jpg" type="image/jpeg" length="1"/>')))
    assert a.tags == ("정치", "국회") and a.image == "https://img.example.com/1.jpg"


# -- encodings ---------------------------------------------------------------------------

KOREAN = "똠방각하 뷁 서울=연합뉴스 홍길동 기자"   # 똠 and 뷁 exist in CP949, not in EUC-KR


@pytest.mark.parametrize("declared, codec", [
    ("euc-kr", "cp949"), ("EUC-KR", "cp949"), ("ks_c_5601-1987", "cp949"), ("cp949", "cp949"),
    ("utf-8", "cp949"),           # a false declaration over CP949 bytes
    ("euc-kr", "utf-8"),          # a false declaration over UTF-8 bytes
    ("windows-1252", "cp949"),
])
def test_korean_encodings_and_wrong_declarations(declared, codec):
    data = rss(item(title=KOREAN), encoding=declared).encode(codec)
    a = read_one(data)
    assert a.title == KOREAN
    assert "\ufffd" not in a.title
    warnings = [p.reason for p in read(data, "feed.xml", CTX).problems]
    if declared.lower() in ("utf-8", "windows-1252") or codec == "utf-8":
        assert warnings == [f"declares encoding {declared!r} but is {codec}; read as {codec}"]
    else:
        assert warnings == []


def test_wrong_http_charset_over_euc_kr_bytes():
    data = rss(item(title=KOREAN), encoding="euc-kr").encode("cp949")
    for charset in ("iso-8859-1", "utf-8", "us-ascii"):
        ctx = ReadContext(**{**CTX.__dict__, "http_charset": charset})
        assert read_one(data, ctx).title == KOREAN


def test_latin1_feed_is_not_mistaken_for_korean():
    data = rss(item(title="Mãe de utente é a nova presidente da Raríssimas"),
               encoding="iso-8859-1").replace("테스트", "Notícias").encode("latin-1")
    assert read_one(data).title == "Mãe de utente é a nova presidente da Raríssimas"


def test_text_comes_out_nfc():
    decomposed = unicodedata.normalize("NFD", "한국어 제목")
    a = read_one(rss(item(title=decomposed)))
    assert a.title == "한국어 제목" and unicodedata.is_normalized("NFC", a.title)


def test_prolog_after_blank_lines_and_control_characters():
    data = ("\n\n  " + rss(item(title="제어\x0b문자\x08 제목"))).encode("utf-8")
    result = read(data, "feed.xml", CTX)
    assert result.articles[0].title == "제어문자 제목"
    assert result.problems == []


# -- errors and hostile input ------------------------------------------------------------

def test_recoverable_problem_is_a_warning_and_items_are_kept():
    xml = rss(item(title="첫째") + item(title="둘째 &nbsp; <b>굵게</i>"))
    result = read(xml.encode(), "feed.xml", CTX)
    assert len(result.articles) == 2
    assert [p.severity for p in result.problems] == ["warning"]
    assert "not well-formed" in result.problems[0].reason and "line" in result.problems[0].reason


@pytest.mark.parametrize("data, reason", [
    (b"", "empty"),
    (b"   \n", "empty"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
    (b"<html><body><p>not a feed</p></body></html>", "not an RSS or Atom feed"),
    (b"just some words, no markup at all", "not an RSS or Atom feed"),
    (b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b"', "DOCTYPE"),
])
def test_not_a_feed_is_one_clear_error(data, reason):
    with pytest.raises(IngestError, match=reason):
        read(data, "bad.xml", CTX)
    result = read_bytes(data, "bad.xml", CTX, "feed")
    assert result.articles == [] and len(result.problems) == 1 and reason in str(result.problems[0])


def test_an_empty_channel_is_a_warning():
    result = read(rss("").encode(), "feed.xml", CTX)
    assert result.articles == [] and [p.reason for p in result.problems] == ["feed has no items"]


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>&lol9;</title>
<item><title>웃음 &lol9;</title><description>&lol9;&lol;</description>
<pubDate>Wed, 18 May 2022 12:00:52 +0900</pubDate></item></channel></rss>"""


def _everything(result) -> str:
    return " ".join(f"{a.title} {a.summary} {a.content_html}" for a in result.articles) + \
        " ".join(str(p) for p in result.problems)


def test_billion_laughs_does_not_expand():
    result = read_bytes(BILLION_LAUGHS.encode(), "bomb.xml", CTX, "feed")
    text = _everything(result)
    assert "lollol" not in text
    assert len(text) < 2000
    assert any("entities" in p.reason for p in result.problems)


def test_billion_laughs_on_one_line_does_not_expand():
    one_line = BILLION_LAUGHS.replace("\n ", "")
    result = read_bytes(one_line.encode(), "bomb.xml", CTX, "feed")
    assert "lollol" not in _everything(result)


def test_external_file_entity_is_not_read(tmp_path):
    secret = tmp_path / "secret.txt"
    secret.write_text("TOP-SECRET-VALUE", encoding="utf-8")
    xml = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY xxe SYSTEM "file://{secret}">]>'
           '<rss version="2.0"><channel><title>t</title><item><title>제목 &xxe;</title>'
           '<description>본문 &xxe;</description></item></channel></rss>')
    result = read_bytes(xml.encode(), "xxe.xml", CTX, "feed")
    assert "TOP-SECRET-VALUE" not in _everything(result)
    assert result.articles and result.articles[0].title.startswith("제목")


def test_external_http_entity_and_dtd_are_not_fetched():
    with FeedServer() as server:
        server.routes["/ent"] = lambda req: Reply(200, b"FETCHED-ENTITY")
        server.routes["/dtd"] = lambda req: Reply(200, b'<!ENTITY e "FETCHED-DTD">')
        xml = (f'<?xml version="1.0"?><!DOCTYPE rss SYSTEM "{server.url("/dtd")}" '
               f'[<!ENTITY xxe SYSTEM "{server.url("/ent")}"> <!ENTITY % p SYSTEM "{server.url("/dtd")}"> %p;]>'
               '<rss version="2.0"><channel><title>t</title><item><title>제목 &xxe; &e;</title>'
               '</item></channel></rss>')
        result = read_bytes(xml.encode(), "xxe.xml", CTX, "feed")
        assert server.requests == []
    assert "FETCHED" not in _everything(result)


def test_prepare_keeps_a_plain_doctype():
    data, notes = prepare(b'<?xml version="1.0" encoding="euc-kr"?>\n<!DOCTYPE rss PUBLIC '
                          b'"-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/'
                          b'publish/formats/rss-0.91.dtd">\n<rss version="0.91"></rss>')
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>') and b"Netscape" in data
    assert notes == []


def test_truncated_and_corrupted_feeds_never_crash():
    base = rss("".join(item(f"<guid>g{i}</guid><description><![CDATA[<p>본문 {i}</p>]]></description>"
                            f"<dc:creator>홍길동 기자</dc:creator>", title=f"제목 {i}")
                       for i in range(5))).encode("cp949").replace(b"utf-8", b"euc-kr")
    variants = [base[:n] for n in range(0, len(base), 37)]
    variants += [base[:n] + b"\xff\xfe<&;]]>" + base[n:] for n in range(0, len(base), 53)]
    for data in variants:
        result = read_bytes(data, "broken.xml", CTX, "feed")
        for a in result.articles:
            assert a.published.tzinfo is not None and "\ufffd" not in a.title
        assert result.articles or result.problems


def test_feed_is_detected_by_content():
    assert detect_kind("x.txt", rss(item()).encode()) == "feed"
    assert detect_kind("x", b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>') == "feed"


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_or_without_bom(codec):
    declared = "utf-16" if "16" in codec else "utf-32"
    a = read_one(rss(item(title="한국어 제목"), encoding=declared).encode(codec))
    assert a.title == "한국어 제목"


def test_feed_opening_with_a_comment_is_detected_as_a_feed():
    data = b"<!-- generated by CMS -->\n" + rss(item()).split("?>", 1)[1].encode()
    assert detect_kind("feed", data) == "feed"
    assert detect_kind("page.html", b"<!-- x --><html><body><rss></rss></body></html>") == "html"


@pytest.mark.parametrize("xml, title", [
    # RSS 0.90 (RDF with the Netscape namespace)
    ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" '
     'xmlns="http://my.netscape.com/rdf/simple/0.9/"><channel><title>t</title></channel>'
     '<item><title>영구 0.90</title><link>http://x.example.com/1</link></item></rdf:RDF>', "영구 0.90"),
    # RSS 1.0 with dc:date
    ('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" '
     'xmlns:dc="http://purl.org/dc/elements/1.1/"><channel rdf:about="x"><title>t</title></channel>'
     '<item rdf:about="http://x.example.com/2"><title>일점영</title><link>http://x.example.com/2</link>'
     '<dc:date>2022-05-18T12:00:52+09:00</dc:date></item></rdf:RDF>', "일점영"),
    # RSS 0.91 with the Netscape DOCTYPE and an HTML entity
    ('<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" '
     '"http://my.netscape.com/publish/formats/rss-0.91.dtd"><rss version="0.91"><channel><title>t</title>'
     '<item><title>caf&eacute; 영업</title><link>http://x.example.com/3</link></item></channel></rss>',
     "café 영업"),
    # Atom 0.3
    ('<feed version="0.3" xmlns="http://purl.org/atom/ns#"><title>t</title><entry><title>아톰 0.3</title>'
     '<issued>2022-05-18T12:00:52</issued><link rel="alternate" href="http://x.example.com/4"/></entry></feed>',
     "아톰 0.3"),
])
def test_old_feed_variants(xml, title):
    a = read_one(xml)
    assert a.title == title and a.link.startswith("http://x.example.com/")


def test_json_feed_is_a_clear_error():
    with pytest.raises(IngestError, match="not an RSS or Atom feed"):
        read(b'{"version": "https://jsonfeed.org/version/1.1", "items": []}', "feed.json", CTX)


def test_feedparser_is_never_handed_a_url_or_a_file_name(tmp_path):
    secret = tmp_path / "feed.xml"
    secret.write_text(rss(item(title="비밀 피드")), encoding="utf-8")
    with FeedServer() as server:
        server.routes["/rss"] = lambda req: Reply(200, rss(item(title="원격 피드")).encode())
        for data in (server.url("/rss").encode(), str(secret).encode()):
            result = read_bytes(data, "input", CTX, "feed")
            assert result.articles == []
            assert "not an RSS or Atom feed" in result.problems[0].reason
        assert server.requests == []


def test_entity_bomb_hiding_the_end_of_its_subset_in_a_string_does_not_expand():
    # '<!ENTITY t "]>">' ends a naive search for the subset early; what follows must still
    # never reach a parser that expands it.
    laughs = "".join(f'<!ENTITY lol{i} "' + f"&lol{i - 1};" * 10 + '">' for i in range(1, 10))
    xml = ('<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY t "]>"><!ENTITY lol0 "lol">' + laughs
           + ']><rss version="2.0"><channel><title>&lol9;</title><item><title>가 &lol9;</title>'
           '<description>&lol9;</description></item></channel></rss>')
    result = read_bytes(xml.encode(), "bomb.xml", CTX, "feed")
    assert "lollol" not in _everything(result) and len(_everything(result)) < 2000


@pytest.mark.parametrize("credit, expected", [
    ("홍길동 기자(hong@x.co.kr)", [("홍길동", "hong@x.co.kr", "기자")]),
    ("hong@x.co.kr(홍길동 기자)", [("홍길동", "hong@x.co.kr", "기자")]),
    ("[서울=뉴시스] 홍길동 기자", [("홍길동", None, "기자")]),
    ("(서울=연합뉴스) 홍길동 특파원", [("홍길동", None, "특파원")]),
    ("김철수 기자 / 이영희 기자", [("김철수", None, "기자"), ("이영희", None, "기자")]),
    ("By 배윤경,이상현", [("배윤경", None, None), ("이상현", None, None)]),
    ("mailto:hong@x.co.kr", [("hong", "hong@x.co.kr", None)]),
    ("디지털뉴스팀", [("디지털뉴스팀", None, None)]),
])
def test_credit_forms_in_author_elements(credit, expected):
    for element in ("author", "dc:creator"):
        a = read_one(rss(item(f"<{element}>{credit}</{element}>")))
        assert [(x.name, x.email, x.role) for x in a.authors] == expected


def test_a_link_shared_by_several_items_is_nobodys_link():
    # Some CMSs point every item at the front page; the store would merge them by link.
    xml = rss(item('<guid isPermaLink="false">urn:a</guid><link>https://p.example.com/</link>', "가")
              + item("<link>https://p.example.com/</link>", "나")
              + item("<link>https://p.example.com/own</link>", "다"))
    result = read(xml.encode(), "feed.xml", CTX)
    assert [(a.id.split(":")[0], a.link) for a in result.articles] == [
        ("urn", None), ("tag", None), ("https", "https://p.example.com/own")]


def test_multiline_title_is_one_line():
    assert read_one(rss(item(title="첫 줄\n   둘째 줄\t끝"))).title == "첫 줄 둘째 줄 끝"


def test_gzipped_feed_file_and_gzip_bomb():
    import gzip

    assert read_one(gzip.compress(rss(item(title="압축")).encode())).title == "압축"
    with pytest.raises(IngestError, match="gzip data inflates past"):
        read(gzip.compress(b" " * 30_000_000), "bomb.xml.gz", CTX)


def test_entity_declarations_hidden_behind_a_fake_subset_end_are_refused():
    from syndicate.ingest import read_bytes
    from syndicate.ingest.base import ReadContext
    xml = (b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "x]>y"><!ENTITY lol "lol">'
           b'<!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>'
           b'<rss version="2.0"><channel><title>t</title><item><title>&lol1;</title>'
           b'<guid>https://x.example.com/1</guid></item></channel></rss>')
    result = read_bytes(xml, "bomb.xml", ReadContext(domain="x.example.com"), kind="feed")
    assert result.articles == []
    assert len(result.problems) == 1 and "entities" in result.problems[0].reason


def test_iso_basic_dates_keep_their_time():
    from syndicate.ingest import read_bytes
    from syndicate.ingest.base import ReadContext
    xml = ('<?xml version="1.0"?><rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/">'
           '<channel><title>t</title><item><title>기사</title><guid>https://x.example.com/1</guid>'
           '<dc:date>20220518T120052</dc:date></item></channel></rss>').encode()
    (article,) = read_bytes(xml, "f.xml", ReadContext(domain="x.example.com"), kind="feed").articles
    assert article.published.isoformat() == "2022-05-18T12:00:52+09:00"


def test_a_gzip_file_is_held_to_the_configured_size_limit():
    import gzip
    from syndicate.ingest import read_bytes
    from syndicate.ingest.base import ReadContext
    xml = (b'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title><item><title>'
           + b"x" * 5000 + b'</title><guid>https://x.example.com/1</guid>'
           b'<pubDate>Wed, 18 May 2022 12:00:52 +0900</pubDate></item></channel></rss>')
    data = gzip.compress(xml)
    roomy = read_bytes(data, "f.xml.gz", ReadContext(domain="x.example.com"), kind="feed")
    assert len(roomy.articles) == 1
    tight = read_bytes(data, "f.xml.gz", ReadContext(domain="x.example.com", max_bytes=1000), kind="feed")
    assert tight.articles == [] and "inflates past 1000 bytes" in tight.problems[0].reason
