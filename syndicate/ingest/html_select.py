"""One pass over a parsed page that files its elements by what their class, id and text say.

Asking libxml2 XPath questions such as ``contains(@class, 'title')`` or EXSLT
``re:test`` costs about as much per question as parsing the whole page, and the
reader has a dozen such questions. Walking the tree once in Python and testing
each element against one combined pattern answers all of them for the price of
one walk.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator

from lxml import etree


def _words(alternatives: str) -> re.Pattern:
    """Whole class words (split on space, ``_`` and ``-``) from ``a|b|c``."""
    return re.compile(rf"(?:^|[\s_\-])(?:{alternatives})(?:$|[\s_\-])", re.IGNORECASE)


TITLE = _words("title|tit|ttl|headline|subject|news_ttl|article_title|art_title|headline_title")
BYLINE = _words("byline|byl|writer|reporter|journalist|author|repoter|name_area|byline_area|writer_info")
DATE = _words("date|time|datetime|pubdate|regdate|article_date|news_date|date_time|txt_date|updated|"
              "published|info_date")
SECTION = _words("cate|category|categories|categorize|location|breadcrumbs?|path|section_name|sectionname|"
                 "article_category|news_category|cate_name|sec_name|section-name")
TAGS = _words("tags?|hashtags?|keywords?|tag_list|taglist|tagbox|tag_box")
CONTAINER = re.compile(
    r"(?:article|news|story|entry|post|view|art|content|cnt)[_-]?(?:body|txt|text|content|cont|view|detail|"
    r"main|area)|(?<![a-z])con[_-]?(?:view|body|txt|text)|(?:view|news|art)[_-]?con(?![a-z])|"
    r"(?<![a-z])txt[_-]?area|detail[_-]?body|articles[_-]?detail|articlebody|article_view|newsct_article|dic_area|article-view-content|user-content|"
    r"entry-content|post-content|story-body|article-text|read_body|news_body|text_area", re.IGNORECASE)
# A cheap first test on lower-cased names: every pattern above contains one of these.
_ANY = re.compile(r"tit|ttl|head|subject|byl|writer|report|repoter|journalist|author|name_area|date|time|"
                  r"updated|published|cate|location|breadcrumb|path|section|sec_name|tag|keyword|body|txt|"
                  r"text|con|view|detail|main|area|article|news|story|entry|post")
# Case-sensitive on purpose: IGNORECASE makes this search three times slower on Korean text.
STAMP_WORDS = re.compile(r"입력|등록|수정|승인|송고|게재|발행|업데이트|Published|Updated|published|updated")
_CONTAINER_TAGS = frozenset({"div", "article", "section", "td", "main"})
_SKIP_TEXT = frozenset({"script", "style", "textarea", "noscript", "template", "option", "select"})


@dataclass
class PageIndex:
    headings: list[etree._Element] = field(default_factory=list)     # h1-h3 and title-named, in order
    bylines: list[etree._Element] = field(default_factory=list)
    date_boxes: list[etree._Element] = field(default_factory=list)
    sections: list[etree._Element] = field(default_factory=list)
    tag_boxes: list[etree._Element] = field(default_factory=list)
    containers: list[etree._Element] = field(default_factory=list)
    times: list[etree._Element] = field(default_factory=list)         # <time>, itemprop date*, data-*date
    ld_json: list[str] = field(default_factory=list)
    metas: list[etree._Element] = field(default_factory=list)
    canonical: list[str] = field(default_factory=list)
    base: list[str] = field(default_factory=list)
    title_text: list[str] = field(default_factory=list)
    container: object = False    # the body container once found (None: there is none)
    listing: bool | None = None  # whether that container is a list of headlines, once asked

    @classmethod
    def build(cls, root: etree._Element) -> "PageIndex":
        idx = cls()
        head = root.find("head")
        if head is not None:
            idx._read_head(head)
        body = root.find("body")
        if body is None:
            body = root
        # One walk for the tags of interest (each list keeps document order).
        for el in body.iter("script", "meta", "h1", "h2", "h3", "time"):
            tag = el.tag
            if tag == "script":
                if "ld+json" in (el.get("type") or "").lower() and el.text:
                    idx.ld_json.append(el.text)
            elif tag == "meta":
                if body is not root:
                    idx.metas.append(el)   # itemprop metas inside the article markup
            elif tag == "time":
                if el.get("datetime"):
                    idx.times.append(el)
            else:
                idx.headings.append(el)
        # itemprop and id attributes come from one XPath walk; itemprops are filed now, ids
        # after the class names (the order the lists have always had).
        ids = []
        for value in _IDS_AND_ITEMPROPS(body):
            if value.attrname == "itemprop":
                idx._file_itemprop(value.getparent(), str(value))
            else:
                ids.append(value)
        # Class names: one get() per element and a cached verdict per distinct name; ids are
        # rarer, so XPath found them (above).
        known = _KINDS.get   # (a local name: this loop runs once per element of the page)
        for el in body.iter(etree.Element):
            names = el.get("class")
            if names:
                kinds = known(names)
                if kinds is None:
                    kinds = _classify(names)
                if kinds:
                    idx._file(el, kinds)
        for ident in ids:
            kinds = _KINDS.get(ident)
            if kinds is None:
                kinds = _classify(ident)
            if kinds:
                idx._file(ident.getparent(), kinds)
        return idx

    def _read_head(self, head: etree._Element) -> None:
        for el in head.iter(etree.Element):
            tag = el.tag
            if tag == "meta":
                self.metas.append(el)
            elif tag == "script":
                if "ld+json" in (el.get("type") or "").lower() and el.text:
                    self.ld_json.append(el.text)
            elif tag == "link":
                if (el.get("rel") or "").lower() == "canonical" and el.get("href"):
                    self.canonical.append(el.get("href"))
            elif tag == "title":
                if el.text:
                    self.title_text.append(el.text)
            elif tag == "base" and el.get("href"):
                self.base.append(el.get("href"))

    def _file_itemprop(self, el: etree._Element, itemprop: str) -> None:
        if itemprop in ("datePublished", "dateModified"):
            if el.tag != "meta":
                self.times.append(el)
        elif itemprop == "headline" and el.tag not in ("h1", "h2", "h3", "meta"):
            self.headings.append(el)
        elif itemprop == "author" and el.tag != "meta":
            self.bylines.append(el)
        elif itemprop.lower() == "articlebody":
            self.containers.append(el)

    def _file(self, el: etree._Element, kinds: int) -> None:
        tag = el.tag
        if kinds & K_TITLE and tag not in ("h1", "h2", "h3"):
            self.headings.append(el)
        if kinds & K_BYLINE:
            self.bylines.append(el)
        if kinds & K_DATE:
            self.date_boxes.append(el)
        if kinds & K_SECTION:
            self.sections.append(el)
        if kinds & K_TAGS:
            self.tag_boxes.append(el)
        if kinds & K_CONTAINER and tag in _CONTAINER_TAGS and el not in self.containers:
            self.containers.append(el)   # (class and id both match: file it once)

    def stamp_candidates(self, near: list[etree._Element]) -> Iterator[etree._Element]:
        """Where a 입력/수정 line can be: date boxes and their parents, and the boxes around ``near``
        (the headline, the byline), in that order, without repeats.

        A generator: the reader stops at the first box with a stamp, usually a date box, and
        then the boxes around the headline (a walk over a good part of the page) are never searched.
        """
        seen: set = set()
        for el in self.date_boxes + [p for p in (d.getparent() for d in self.date_boxes) if p is not None]:
            if el not in seen:
                seen.add(el)
                yield el
        for anchor in near:
            el = anchor
            for _ in range(2):
                el = el.getparent()
                if el is None:
                    break
                for holder in el.iter(etree.Element):
                    text = holder.text   # (the cheap test first: most elements hold no stamp)
                    if (text and STAMP_WORDS.search(text) and holder not in seen
                            and holder.tag not in _SKIP_TEXT):
                        seen.add(holder)
                        yield holder


_LENGTH = etree.XPath("string-length(string())")


def _string(el: etree._Element) -> str:
    """XPath ``string(el)``, the concatenated text of its descendants: libxml2 builds the same
    string for the text serializer at half the cost of an XPath call."""
    return etree.tostring(el, method="text", encoding="unicode", with_tail=False)


# Names of boxes beside the article: rankings, related lists, sidebars, menus, footers.
# Whole words only: "with-sidebar" and "has-aside" name the layout that holds the article too.
WIDGETS = re.compile(r"(?:^|[\s_\-])(?:popular|ranking|rank|related|relation|recommend|footer|gnb|lnb|"
                     r"comments?|reply|cmt|most_?view(?:ed)?|most_?read|best_?news|hot_?news)(?:$|[\s_\-])",
                     re.IGNORECASE)


def in_widget(el: etree._Element, stop: etree._Element | None = None) -> bool:
    """Inside a box named like page furniture (checked up to ``stop``, exclusive)."""
    for parent in el.iterancestors():
        if parent is stop:
            return False
        if parent.tag in ("aside", "footer", "nav"):
            return True
        names = parent.get("class")
        ident = parent.get("id")
        if (names and _widget_named(names)) or (ident and _widget_named(ident)):
            return True
    return False


# Class and id strings -> whether WIDGETS finds a widget word in them; asked for every ancestor
# of every link of a listing check, and the names repeat.
_WIDGET_NAMES: dict[str, bool] = {}


def _widget_named(name: str) -> bool:
    found = _WIDGET_NAMES.get(name)
    if found is None:
        found = WIDGETS.search(name) is not None
        if len(_WIDGET_NAMES) >= 50_000:
            _WIDGET_NAMES.clear()
        _WIDGET_NAMES[name] = found
    return found


def text_of(el: etree._Element) -> str:
    """The element's text content."""
    if not len(el):
        return el.text or ""   # no children: its own text is all of it
    return _string(el)


def text_length(el: etree._Element) -> float:
    """``string-length(string())``: measured inside libxml2, or directly for an element without
    children (most links are one; the XPath call costs more than the text)."""
    if not len(el):
        return float(len(el.text or ""))
    return _LENGTH(el)


def short_text(el: etree._Element, limit: int) -> str | None:
    """The element's text when it has at most ``limit`` characters, else None.

    The length is measured inside libxml2, so a page-sized wrapper costs no Python string.
    """
    if not len(el):
        text = el.text or ""   # no children: its own text is all of it, and measured as cheaply
        return text if len(text) <= limit else None
    if _LENGTH(el) > limit:
        return None
    return _string(el)


K_TITLE, K_BYLINE, K_DATE, K_SECTION, K_TAGS, K_CONTAINER = 1, 2, 4, 8, 16, 32
_KIND_PATTERNS = ((K_TITLE, TITLE), (K_BYLINE, BYLINE), (K_DATE, DATE), (K_SECTION, SECTION),
                  (K_TAGS, TAGS), (K_CONTAINER, CONTAINER))
# Class strings repeat within a page and across an outlet's pages; their verdict is cached.
_KINDS: dict[str, int] = {}
_KINDS_MAX = 50_000


def _classify(names: str) -> int:
    kinds = 0
    if _ANY.search(names.lower()):
        for bit, pattern in _KIND_PATTERNS:
            if pattern.search(names):
                kinds |= bit
    if len(_KINDS) >= _KINDS_MAX:
        _KINDS.clear()
    _KINDS[names] = kinds
    return kinds


# The attributes, not ``*[@itemprop]``: libxml2 answers an attribute step twice as fast as a predicate.
_IDS_AND_ITEMPROPS = etree.XPath("descendant-or-self::*/@id | descendant-or-self::*/@itemprop")
