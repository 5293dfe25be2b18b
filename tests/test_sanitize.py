"""The body sanitizer: dangerous markup gone, article structure kept, URLs absolute."""

import pytest

from syndicate.sanitize import sanitize_html

BASE = "https://news.example.co.kr/article/123"


@pytest.mark.parametrize("dirty, banned", [
    ("<p>본문</p><script>alert(1)</script>", ["<script", "alert"]),
    ("<p>본문</p><style>p{color:red}</style>", ["<style", "color:red"]),
    ('<p>본문</p><iframe src="https://ads.example.com/x"></iframe>', ["<iframe", "ads.example.com"]),
    ('<p onclick="steal()" onmouseover="x()">본문</p>', ["onclick", "onmouseover", "steal"]),
    ('<p><a href="javascript:steal()">링크</a></p>', ["javascript"]),
    ('<p><a href=" JaVaScRiPt:steal()">링크</a></p>', ["steal"]),
    ('<p><img src="data:image/png;base64,AAAA">본문</p>', ["data:"]),
    ('<p><button>사진 확대</button>본문</p>', ["사진 확대", "<button"]),
    ('<form action="/x"><input name="q">검색</form><p>본문</p>', ["<form", "<input", "검색"]),
])
def test_dangerous_markup_is_removed(dirty, banned):
    clean = sanitize_html(dirty, BASE)
    assert "본문" in clean or "링크" in clean
    for word in banned:
        assert word.lower() not in clean.lower()


def test_structure_is_kept():
    html = ('<p>첫 문단<br>둘째 줄 <strong>강조</strong> <em>기울임</em></p>'
            '<figure><img src="/img/a.jpg" alt="사진"><figcaption>설명</figcaption></figure>'
            '<blockquote>인용</blockquote><ul><li>하나</li></ul><ol><li>둘</li></ol>'
            '<table><tr><th>가</th><td>나</td></tr></table><h3>소제목</h3>')
    clean = sanitize_html(html, BASE)
    for tag in ("<p>", "<br>", "<strong>", "<em>", "<figure>", "<figcaption>", "<blockquote>",
                "<ul>", "<ol>", "<li>", "<table>", "<th>", "<td>", "<h3>"):
        assert tag in clean, tag
    assert 'src="https://news.example.co.kr/img/a.jpg"' in clean
    assert 'alt="사진"' in clean


def test_links_become_absolute_and_keep_their_text():
    clean = sanitize_html('<p><a href="../other/9?x=1">관련</a></p>', BASE)
    assert '<a href="https://news.example.co.kr/other/9?x=1">관련</a>' in clean


def test_relative_url_without_base_is_dropped_protocol_relative_kept():
    clean = sanitize_html('<p><img src="/a.jpg"><img src="//cdn.example.com/b.jpg">본문</p>')
    assert "/a.jpg" not in clean
    assert 'src="https://cdn.example.com/b.jpg"' in clean


def test_attributes_outside_the_whitelist_are_dropped():
    clean = sanitize_html('<p class="x" style="color:red" id="y" data-k="v">본문</p>', BASE)
    assert clean == "<p>본문</p>"
