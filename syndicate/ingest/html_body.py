"""Find an article page's body and reduce it to the article text, as unsanitized HTML blocks.

The container is found by common CMS markup (``itemprop="articleBody"``, class
and id names such as ``article_body`` or ``news_content``), else by where the
page's paragraph text is densest. Inside it, page furniture is dropped by what it
is called (ads, related lists, share bars, reporter boxes, copyright lines), and so
are reading tools above the first paragraph (font, language and AI-summary boxes,
button panels and labels), date-stamp blocks and a closing heading with no text after it; text
runs split by ``<br><br>`` become paragraphs, and the opening and closing
credits move out of the text into the byline. Nothing here knows any outlet.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from lxml import etree

from syndicate.ingest.html_select import PageIndex, in_widget, short_text, text_length, text_of
from syndicate.model import Author
from syndicate.text import clean_text, parse_byline, parse_credit_line, split_lead_byline

_PARAGRAPH_XPATH = etree.XPath("//p | //br/..")

# Words in class/id that mark page furniture inside a body container. Not "more", "hidden" or
# "font": sites keep the rest of a story in a collapsed "more_text hidden" box, and style
# paragraphs with "font-size17".
_FURNITURE = frozenset("""
ad ads adv advert advertisement adsense banner sponsor sponsored promo promotion related relation
relate recommend recommended recom popular ranking rank share sharing sns social comment comments
reply byline writer reporter journalist author profile copyright tag tags keyword keywords hashtag
subscribe subscription newsletter btn button toolbar util utility reaction emotion pagination paging
nav navigation menu gnb lnb footer widget sidebar blind sr-only screen-reader morenews issue_list
rel_news article_relation
""".split())
_DROP_TAGS = frozenset({"script", "style", "noscript", "iframe", "form", "button", "input", "select",
                        "textarea", "nav", "aside", "footer", "svg", "object", "embed", "template",
                        "ins", "link", "meta", "audio", "video", "canvas", "map", "label"})
_BLOCK_TAGS = frozenset({"p", "div", "section", "article", "figure", "table", "ul", "ol", "dl",
                         "blockquote", "h1", "h2", "h3", "h4", "h5", "h6", "pre", "hr", "header",
                         "main", "center", "picture"})
_WRAPPERS = frozenset({"div", "section", "article", "header", "main", "center", "span", "font"})
# Words in class/id that mark reading tools (font size, language, listen, AI summary):
# furniture only before the article's first real paragraph, where sites put their tool bars.
# Elsewhere "option" or "control" may name a box the story itself is in.
_LEAD_FURNITURE = frozenset("""
font fontsize font_size textsize text_size lang language languages translate translation translator
tool tools toolbox zoom control controls setting settings tts listen listening
""".split())   # not "print": some CMSs wrap the whole story in a "print_area" box
_SUMMARY_WORDS = frozenset({"summary", "summ", "sum", "summarize", "summarization"})
# A class word that styles text ("font-size17", "font_bold", "fs15") names no tool.
_STYLE_WORD = re.compile(r"^(?:font|text|fs)[-_]?(?:size|weight|family|color|bold|light|\d)")
_FORM_CONTROLS = ("button", "input", "select", "textarea")
_CONTROL_BOX_MAX = 400   # characters, buttons' words included: a panel with more is no panel
_REAL_PARAGRAPH = 50     # characters of running text: the article has begun
_HEADINGS = {"h1": "h2"}
_LAZY_SRC = ("data-src", "data-original", "data-lazy-src", "data-lazy", "data-url", "data-origin")
_COPYRIGHT = re.compile(r"무단\s*전재|재배포|AI\s*학습|ⓒ|©|copyright|all rights reserved|저작권자",
                        re.IGNORECASE)
_PROMO = re.compile(r"^[▶►☞※■●◆▷>]\s*\S.{0,80}$|^(관련\s*기사|관련기사|추천\s*기사|많이\s*본\s*뉴스)")
_ROLE_WORD = re.compile(r"기자|특파원|논설위원|편집위원|칼럼니스트|통신원|앵커")
_EMAIL_ONLY = re.compile(r"^[\s(<\[]*[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}[\s)>\]]*$")
_SUBHEAD = re.compile(r"(?:^|[\s_\-])(?:mid_?title|midtitle|sub_?title|subtitle|sub_?tit|subhead|"
                      r"sub-title|summary_title|article_subtitle|sub_head)(?:$|[\s_\-])", re.IGNORECASE)
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_MIN_BODY = 80   # characters of text; less than this is not an article body
# A block that is only a date stamp ("입력 : 2025-05-28 18:21:46", "수정 2025.05.28. 오후 6:21"):
# the page's metadata, read elsewhere, not article text.
_STAMP_LABEL = (r"(?:기사\s*)?(?:최초\s*|최종\s*)?(?:입력|수정|등록|승인|송고|게재|발행|작성|업데이트)"
                r"(?:\s*일시|\s*일자|\s*시간|\s*일)?|published|updated|posted|modified|last\s+updated")
_STAMP_DATE = (r"\d{4}\s*[.\-/년]\s*\d{1,2}\s*[.\-/월]\s*\d{1,2}\s*일?\.?(?:\s*\(\s*[월화수목금토일]\s*\))?"
               r"(?:\s*(?:오전|오후|AM|PM|am|pm)?\s*\d{1,2}\s*[:시]\s*\d{1,2}(?:\s*[:분]\s*\d{1,2}\s*초?)?\s*분?)?"
               r"(?:\s*(?:KST|\+09:?00))?")
_STAMP_ONLY = re.compile(rf"^(?:\s*(?:{_STAMP_LABEL})\s*[:：]?\s*{_STAMP_DATE}\s*[|·,/]?)+\s*$", re.IGNORECASE)
# A button's or tool panel's label: short, no sentence, ending in what a control does
# ("글자크기 설정", "언어변경", "공유하기", "기사 듣기", "인쇄"). Dropped only before the first real paragraph.
# Not "요약": "3줄 요약" may head an editor's summary lines that stay.
_UI_LABEL = re.compile(
    r"^[^.!?。…\"“”'‘’]{0,14}(?:변경|설정|공유|닫기|열기|보기|듣기|인쇄|프린트|복사|저장|스크랩|북마크|구독|"
    r"크기|번역|펼치기|접기|더보기|확대|축소|재생|선택)(?:하기)?$"
    r"|^(?:share|print|listen|close|menu|translate|language|font\s*size|text\s*size|bookmark|copy\s+link|"
    r"subscribe|save)$", re.IGNORECASE)


@dataclass
class Body:
    blocks: list[str] = field(default_factory=list)      # HTML, one block each, unsanitized
    paragraphs: list[str] = field(default_factory=list)  # plain text of the text blocks
    lead_authors: tuple[Author, ...] = ()
    trail_authors: tuple[Author, ...] = ()
    images: list[str] = field(default_factory=list)
    trail_emails: list[str] = field(default_factory=list)  # "hong@x.co.kr" alone on the last line

    @property
    def html(self) -> str:
        return "\n".join(self.blocks)

    @property
    def text_length(self) -> int:
        return sum(len(p) for p in self.paragraphs)


_CAPTION_WORDS = ("cap", "img_desc", "photo_desc")


class _Marks(NamedTuple):
    """What an element's class and id words say it is."""
    furniture: bool   # page furniture (whole words and their ``_``/``-`` parts)
    caption: bool     # a photo caption
    subhead: bool     # a 부제 box (by _SUBHEAD)
    lead: bool        # a reading tool (font, language, listen, AI summary): furniture above the text


_UNNAMED = _Marks(False, False, False, False)
# (class, id) -> their marks; names repeat within a page and across an outlet's pages.
_MARKS_CACHE: dict[tuple[str | None, str | None], _Marks] = {}


def _name_marks(el: etree._Element) -> _Marks:
    names, ident = el.get("class"), el.get("id")
    if not names and not ident:
        return _UNNAMED   # most elements: no string work at all
    key = (names, ident)
    marks = _MARKS_CACHE.get(key)
    if marks is None:
        raw = f"{names or ''} {ident or ''}"
        tokens = _tokens(raw.strip().lower())
        marks = _Marks(furniture=bool(tokens & _FURNITURE),
                       caption=any("caption" in t or t in _CAPTION_WORDS for t in tokens),
                       subhead=bool(raw.strip()) and bool(_SUBHEAD.search(raw)),
                       lead=_lead_named(raw.strip().lower()))
        if len(_MARKS_CACHE) > 50_000:
            _MARKS_CACHE.clear()
        _MARKS_CACHE[key] = marks
    return marks


def _lead_named(raw: str) -> bool:
    """Class/id words name a reading tool; an AI summary is one ("ai_summary", "ai-sum")."""
    tokens = _tokens(" ".join(w for w in raw.split() if not _STYLE_WORD.match(w)))
    return bool(tokens & _LEAD_FURNITURE) or ("ai" in tokens and bool(tokens & _SUMMARY_WORDS))


def _tokens(raw: str) -> frozenset[str]:
    words = raw.split()
    return frozenset(words) | {t for w in words for t in _TOKEN_SPLIT.split(w) if t}


def _text_len(el: etree._Element) -> float:
    """Characters of text outside links: article text, not link lists (counted inside libxml2)."""
    return text_length(el) - sum(text_length(a) for a in el.iter("a"))


def find_container(root: etree._Element, idx: PageIndex) -> etree._Element | None:
    if idx.container is False:
        idx.container = _find_container(root, idx)
    return idx.container


def _find_container(root: etree._Element, idx: PageIndex) -> etree._Element | None:
    scored = [(el, _text_len(el)) for el in idx.containers]
    scored = [(el, n) for el, n in scored if n >= _MIN_BODY]
    if scored:
        best, score = max(scored, key=lambda pair: pair[1])
        # A wrapper that holds the article and its sidebar scores highest; the
        # innermost named container holding most of that text is the body.
        for el, n in scored:
            if n >= 0.75 * score and el is not best and best in el.iterancestors():
                best, score = el, n
        return best
    return _densest(root)


def _densest(root: etree._Element) -> etree._Element | None:
    """No named container: the element whose own paragraphs hold the most text."""
    scores: dict[etree._Element, float] = {}
    for para in _PARAGRAPH_XPATH(root):
        if para.tag in ("a", "li") or any(True for _ in para.iterancestors("a", "nav")):
            continue
        n = len(" ".join(text_of(para).split()))
        if n < 25:
            continue
        parent = para.getparent() if para.tag == "p" else para
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0) + n
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0) + n / 2
    if not scores:
        return None
    best = max(scores, key=lambda el: (scores[el], -len(list(el.iterancestors()))))
    return best if _text_len(best) >= _MIN_BODY else None


_ITEM_LINKS = etree.XPath("(.//li | .//dt | .//article)[.//a[string-length(normalize-space()) >= 10]]")


def _looks_like_listing(container: etree._Element) -> bool:
    """A section front: many items, each a headline link, and links a large share of the text.

    An article's own lists (related stories) are few next to its text; a listing is
    mostly headlines with short teasers.
    """
    items = [i for i in _ITEM_LINKS(container) if not in_widget(i, container)]
    if len(items) < 5:
        return False
    links = sum(text_length(a) for a in container.iter("a") if not in_widget(a, container))
    share = links / max(text_length(container), 1)
    # Eight or more headline items with a quarter of the text in links, or five with 40%.
    return share >= (0.25 if len(items) >= 8 else 0.4)


def is_listing(root: etree._Element, idx: PageIndex) -> bool:
    """The page's main block is a list of headlines (call before extract_body changes the tree)."""
    container = find_container(root, idx)
    return container is not None and _container_is_listing(container, idx)


def _container_is_listing(container: etree._Element, idx: PageIndex) -> bool:
    """_looks_like_listing, asked once per page (is_listing and extract_body both ask)."""
    if idx.listing is None:
        idx.listing = _looks_like_listing(container)
    return idx.listing


def _strip_furniture(container: etree._Element) -> None:
    total = max(text_length(container), 1)
    doomed = _lead_tools(container, total)
    for el in container.iterdescendants():
        if not isinstance(el.tag, str):
            doomed.append(el)  # comments and processing instructions
        elif el.tag in _DROP_TAGS:
            doomed.append(el)
        elif _name_marks(el).furniture and text_length(el) < 0.5 * total:
            doomed.append(el)  # never a wrapper holding most of the article
    for el in doomed:
        parent = el.getparent()
        if parent is None:
            continue
        if el.tail and el.tail.strip():
            prev = el.getprevious()
            if prev is not None:
                prev.tail = (prev.tail or "") + el.tail
            else:
                parent.text = (parent.text or "") + el.tail
        parent.remove(el)


_SENTENCE_END = re.compile(r"[.?!。…][\"”’')\]]*\s*$")


def _lead_tools(container: etree._Element, total: float) -> list[etree._Element]:
    """Reading tools above the article's first real paragraph: boxes named for font size,
    language, listening or an AI summary, and small panels of buttons with no sentence in them.

    The first real paragraph is the first run of text of ``_REAL_PARAGRAPH`` characters outside
    furniture, captions, headings and those named tool boxes. Nothing at or after it is touched,
    nor any box that holds it, and when there is no such paragraph nothing is.
    """
    skip: set[etree._Element] = set()   # subtrees not searched for the first paragraph
    tools: list[etree._Element] = []
    first = None
    for el in container.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        if el.getparent() in skip:
            skip.add(el)
            continue
        marks = _name_marks(el)
        if (el.tag in _DROP_TAGS or el.tag in ("figure", "figcaption", "h1", "h2", "h3", "h4", "h5", "h6")
                or marks.caption or marks.subhead):
            skip.add(el)
            continue
        if marks.furniture and text_length(el) < 0.5 * total:
            skip.add(el)   # (dropped anyway)
            continue
        if marks.lead and not _has_img(el) and text_length(el) < 0.5 * total:
            skip.add(el)   # (a photo in a "zoom" or tool box is still the story's photo)
            tools.append(el)
            continue
        if _is_control_panel(el):
            tools.append(el)
            skip.add(el)
            continue
        if _own_text_length(el) >= _REAL_PARAGRAPH:
            first = el
            break
    if first is None:
        return []
    holders = set(first.iterancestors())
    return [el for el in tools if el not in holders]


def _own_text_length(el: etree._Element) -> int:
    """Characters of the text directly in ``el`` (its text and its children's tails), squeezed."""
    parts = [el.text or ""] + [child.tail or "" for child in el]
    return len(" ".join(" ".join(parts).split()))


def _is_control_panel(el: etree._Element) -> bool:
    """A small box of buttons: a form control among its children or grandchildren, no picture,
    at most a label's worth of text and no sentence (so a paragraph with a button in it stays)."""
    if el.tag in ("p", "figure", "blockquote", "table", "li"):
        return False
    controls = [c for c in el.iterdescendants(*_FORM_CONTROLS)
                if c.getparent() is el or c.getparent().getparent() is el]
    if not controls or _has_img(el):
        return False
    text = short_text(el, _CONTROL_BOX_MAX)
    if text is None:
        return False
    for c in controls:   # the buttons' own words do not count: they go anyway
        text = text.replace(text_of(c), " ", 1) if text_of(c) else text
    text = " ".join(text.split())
    return len(text) <= 40 and not _SENTENCE_END.search(text)


def _fix_media(container: etree._Element, images: list[str]) -> None:
    for amp in container.iter("amp-img"):
        amp.tag = "img"   # AMP pages draw their pictures with <amp-img src=…>
    for img in container.iter("img"):
        src = (img.get("src") or "").strip()
        if not src or src.startswith("data:") or re.search(r"blank|placeholder|spacer|loading|1x1", src):
            for attr in _LAZY_SRC:
                if img.get(attr):
                    img.set("src", img.get(attr).strip())
                    break
        if img.get("src") and not img.get("src").startswith("data:"):
            images.append(img.get("src"))
    for el in container.iterdescendants():
        if isinstance(el.tag, str) and el.tag != "figcaption" and _name_marks(el).caption:
            el.tag = "figcaption"
            holder = el.getparent()
            for _ in range(2):
                if holder is None or holder is container:
                    break
                if holder.tag != "figure" and _has_img(holder):
                    holder.tag = "figure"
                    break
                holder = holder.getparent()


def _inline_html(node: etree._Element) -> str:
    return etree.tostring(node, method="html", encoding="unicode", with_tail=False)


class _BlockBuilder:
    """Walks the container in order, emitting block elements and grouping inline runs into paragraphs."""

    def __init__(self) -> None:
        self.blocks: list[tuple[str, str, bool]] = []   # (html, text, has_image)
        self._run: list[str] = []
        self._run_text: list[str] = []
        self._run_image = False
        self._pending_br = False

    def text(self, s: str | None) -> None:
        if s and s.strip():
            self._pending_br = False
            self._run.append(html.escape(s, quote=False))
            self._run_text.append(s)
        elif s and self._run:
            self._run.append(" ")

    def inline(self, el: etree._Element) -> None:
        if el.tag == "br":
            if self._pending_br:   # <br><br>: a paragraph break
                self.flush()
            elif self._run:
                self._pending_br = True
                self._run.append("<br>")
            return
        self._pending_br = False
        self._run.append(_inline_html(el))
        self._run_text.append(text_of(el))
        self._run_image = self._run_image or el.tag == "img" or _has_img(el)

    def flush(self) -> None:
        while self._run and self._run[-1] in ("<br>", " "):
            self._run.pop()
        text = _flat("".join(self._run_text)) if self._run_text else ""   # (most runs are empty)
        if text or self._run_image:
            self.blocks.append((f"<p>{''.join(self._run).strip()}</p>", text, self._run_image))
        self._run, self._run_text, self._run_image, self._pending_br = [], [], False, False

    def block(self, el: etree._Element) -> None:
        self.flush()
        if el.tag in _HEADINGS:
            el.tag = _HEADINGS[el.tag]
        text = _flat(text_of(el))
        has_image = el.tag == "img" or _has_img(el)
        if text or has_image:
            if el.tag in ("ul", "ol", "dl", "p", "div") and _is_link_list(el):
                return   # a list of links to other stories, not the story
            self.blocks.append((_inline_html(el), text, has_image))

    def walk(self, el: etree._Element) -> None:
        self.text(el.text)
        for child in el:
            if not isinstance(child.tag, str):
                self.text(child.tail)
                continue
            if child.tag in _WRAPPERS and _is_subhead(child):
                child.tag = "h3"   # a 부제 box: set apart from the text, never taken as the lead
                for inner in child.iterdescendants():
                    if inner.tag in _BLOCK_TAGS:
                        inner.tag = "span"   # a heading holds phrasing content only
                self.block(child)
            elif child.tag in _WRAPPERS and _has_blocks(child):
                self.flush()
                self.walk(child)
                self.flush()
            elif child.tag in _BLOCK_TAGS:
                if child.tag in ("div", "section", "article", "header", "main", "center"):
                    child.tag = "p" if not _has_img(child) else "div"
                self.block(child)
            else:
                self.inline(child)
            self.text(child.tail)


def _has_img(el: etree._Element) -> bool:
    return next(el.iter("img"), None) is not None


def _flat(text: str) -> str:
    return clean_text(" ".join(text.split()))


def _is_subhead(el: etree._Element) -> bool:
    return _name_marks(el).subhead and short_text(el, 600) is not None


def _has_blocks(el: etree._Element) -> bool:
    # The tag test runs inside lxml: no Python object per descendant.
    return next(el.iterdescendants(*_BLOCK_TAGS, "br"), None) is not None


def _is_link_list(el: etree._Element) -> bool:
    """Two or more links and next to no other text: a related-stories list."""
    links = list(el.iter("a"))
    if len(links) < 2:
        return False
    return sum(text_length(a) for a in links) >= 0.85 * text_length(el) - 4 * len(links)


def _is_copyright(text: str) -> bool:
    return len(text) < 160 and bool(_COPYRIGHT.search(text))


def _is_boilerplate(text: str) -> bool:
    """Closing lines: copyright, "▶ 관련기사" promos, a lone e-mail. (Only the copyright
    line is dropped mid-story too: "■ 인터뷰 전문" inside a story is a heading, not a promo.)"""
    return _is_copyright(text) or bool(_PROMO.match(text)) or bool(_EMAIL_ONLY.match(text))


_HEADING_HTML = re.compile(r"<h[1-6][\s>]")


def _drop_stamps_and_labels(blocks: list[tuple[str, str, bool]]) -> list[tuple[str, str, bool]]:
    """Without date-stamp blocks ("입력 : 2025-05-28 18:21") anywhere, and without button labels
    ("글자크기 설정", "공유하기") before the first paragraph of running text."""
    kept = []
    started = False
    for block in blocks:
        block_html, text, has_image = block
        if text and not has_image and _STAMP_ONLY.match(text):
            continue
        if not started:
            if text and not has_image and block_html.startswith("<p") and _UI_LABEL.match(text):
                continue
            started = len(text) >= _REAL_PARAGRAPH and block_html.startswith("<p")
        kept.append(block)
    return kept


def _closing_credit(text: str) -> tuple[Author, ...]:
    """A reporter's closing credit or promo box: "홍길동 기자 hong@x.co.kr", "홍길동 기자 구독"."""
    if len(text) > 120:
        return ()
    if len(text) <= 80 and _ROLE_WORD.search(text):
        return parse_byline(text)   # knows widget words ("구독") are not names
    return parse_credit_line(text)


def extract_body(root: etree._Element, idx: PageIndex) -> Body | None:
    """The article body of a parsed page, or None when the page has none."""
    container = find_container(root, idx)
    if container is None or _container_is_listing(container, idx):
        return None
    body = Body()
    _strip_furniture(container)
    _fix_media(container, body.images)
    for br in container.iter("br"):
        br.tail = "\n" + (br.tail or "")   # so that text read across a <br> keeps a space
    builder = _BlockBuilder()
    builder.walk(container)
    builder.flush()
    blocks = _drop_stamps_and_labels(builder.blocks)
    # Opening credit: "[TV서울=변윤수 기자] 본문…" or "(서울=연합뉴스) 홍길동 기자 = 본문…".
    for i, (block_html, text, has_image) in enumerate(blocks):
        if has_image and not text:
            continue
        authors, rest = split_lead_byline(text)
        if authors:
            body.lead_authors = authors
            if rest:
                blocks[i] = (f"<p>{html.escape(rest, quote=False)}</p>", rest, False)
            else:
                blocks.pop(i)
        break
    # Closing lines: copyright, promos, and the reporter's credit.
    trail: list[Author] = []
    while blocks:
        block_html, text, has_image = blocks[-1]
        if (has_image and not text) or block_html.startswith("<figure"):
            break   # a closing photo, even one credited "사진=홍길동 기자", is part of the story
        credit = _closing_credit(text)
        if credit:
            trail = list(credit) + trail
        elif _EMAIL_ONLY.match(text):
            body.trail_emails.insert(0, text.strip(" ()<>[]").lower())
        elif _HEADING_HTML.match(block_html):
            pass   # a heading with no text after it: a related-stories box's title, not the story's
        elif not _is_boilerplate(text):
            break
        blocks.pop()
    body.trail_authors = tuple(trail)
    blocks = [b for b in blocks if not (b[1] and _is_copyright(b[1]) and not b[2])]
    body.blocks = [b[0] for b in blocks]
    body.paragraphs = [b[1] for b in blocks if b[1] and b[0].startswith("<p")]
    return body if body.text_length >= _MIN_BODY else None


def body_from_text(text: str) -> Body | None:
    """A body from plain text (JSON-LD articleBody, for pages whose HTML is filled in by script)."""
    paragraphs = [_flat(p) for p in re.split(r"\n\s*\n|\r?\n", text)]
    paragraphs = [p for p in paragraphs if p]
    body = Body()
    if paragraphs:
        lead, rest = split_lead_byline(paragraphs[0])
        if lead:
            body.lead_authors = lead
            paragraphs[0:1] = [rest] if rest else []
    while paragraphs and (_is_boilerplate(paragraphs[-1]) or parse_credit_line(paragraphs[-1])):
        body.trail_authors = parse_credit_line(paragraphs[-1]) + body.trail_authors
        paragraphs.pop()
    body.paragraphs = paragraphs
    body.blocks = [f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs]
    return body if body.text_length >= _MIN_BODY else None


def byline_from_markup(idx: PageIndex) -> tuple[Author, ...]:
    """Authors from the visible byline boxes (class/id byline, writer, reporter, author ...).

    The first box that names anyone gives the names; later boxes may only add an
    e-mail or role to those names (a second box is often a profile or promo).
    """
    found: tuple[Author, ...] = ()
    for box in _byline_boxes(idx):
        authors = _box_authors(box)
        if not authors:
            continue
        if not found:
            found = authors
            continue
        extra = {a.name: a for a in authors}
        found = tuple(Author(a.name, a.email or (extra[a.name].email if a.name in extra else None),
                             a.role or (extra[a.name].role if a.name in extra else None)) for a in found)
    return found


def _box_authors(el: etree._Element) -> tuple[Author, ...]:
    raw = short_text(el, 400)
    text = " ".join(raw.split()) if raw else ""
    if not text or len(text) > 200:
        return ()
    # Names the outlet set in bold or as a link are the names; the rest may be a dateline.
    marked = [parse_byline(text_of(m)) for m in el.iter("strong", "b", "a")]
    marked_names = {a.name for found in marked for a in found}
    found = parse_byline(text)
    if found:
        if marked_names and marked_names < {a.name for a in found}:
            found = tuple(a for a in found if a.name in marked_names)
        return found
    bare = [" ".join(text_of(m).split()) for m in el.iter("strong", "b")]
    if bare and all(re.fullmatch(r"[가-힣]{2,4}", b) for b in bare) and re.search(r"기자|특파원|위원", text):
        role = next(r for r in ("특파원", "논설위원", "기자", "위원") if r in text)
        return tuple(Author(b, None, role) for b in bare)
    return ()


def _byline_boxes(idx: PageIndex) -> list[etree._Element]:
    """Outermost byline boxes only (a writer box inside an author box is the same credit), and
    none inside a ranking, related list or comment thread (their "author" is someone else)."""
    chosen = set(idx.bylines)
    return [el for el in idx.bylines
            if not any(a in chosen for a in el.iterancestors()) and not in_widget(el)]
