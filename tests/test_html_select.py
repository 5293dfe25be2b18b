"""The reader's fast text helpers give exactly what the XPath string functions give."""

from __future__ import annotations

import re
import unicodedata

import pytest
from lxml import etree

from syndicate.ingest.html import _parse
from syndicate.ingest.html_select import short_text, text_length, text_of
from syndicate.text import clean_text
from tests.conftest import CORPUS

TRICKY = ("<html><head><title>t</title></head><body>"
          "<div id='a'>앞<!-- note -->뒤<?pi x?><p>문단&amp;<b>굵게</b>꼬리</p>"
          "<script>var s = 1;</script><span></span><br>마지막 &nbsp; 칸</div>"
          "<ul><li><a href='/1'>링크 하나</a></li><li><a href='/2'><img src='x.jpg'>사진</a></li></ul>"
          "<p>李 \u200b zero\ufeffwidth\tand  spaces\u3000</p></body></html>").encode("utf-8")


def _pages() -> list[bytes]:
    corpus = sorted((CORPUS / "korean" / "articles").glob("*.html")) if CORPUS.exists() else []
    return [TRICKY] + [p.read_bytes() for p in corpus]


@pytest.mark.parametrize("page", _pages(), ids=lambda p: str(len(p)))
def test_text_helpers_match_xpath_on_every_element(page):
    root, _ = _parse(page, "page.html")
    for el in root.iter(etree.Element):
        full = el.xpath("string()")
        assert text_of(el) == full
        assert text_length(el) == el.xpath("string-length(string())")
        for limit in (0, 5, 600):
            assert short_text(el, limit) == (full if len(full) <= limit else None)


_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060]")
_RUNS = re.compile(r"[ \t]+")


def _clean_text_reference(text: str) -> str:
    """clean_text as three unconditional substitutions (what its shortcut must equal)."""
    text = unicodedata.normalize("NFC", text)
    return _RUNS.sub(" ", _INVISIBLE.sub("", _SPACES.sub(" ", text))).strip()


@pytest.mark.parametrize("text", [
    "", " ", "평범한 문장입니다.", "두  칸", "탭\t하나", "\u00a0앞뒤\u00a0", "zero\u200bwidth", "\ufeffBOM",
    "word\u2060joiner", "a \u200b b", "\u3000전각\u3000", "e\u0301", "\u1100\u1161", "李", " \t\u2005 ",
])
def test_clean_text_shortcut_matches_the_substitutions(text):
    assert clean_text(text) == _clean_text_reference(text)
