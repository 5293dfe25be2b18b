"""Plain-text clean-up, Korean bylines, summaries and cut-off detection."""

from __future__ import annotations

import functools
import html
import re
import unicodedata

from syndicate.model import Author

# No-break, zero-width and other invisible spaces that scrapes leave behind.
_SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000\ufeff]")
_INVISIBLE = re.compile(r"[\u200b-\u200d\u2060]")
_RUNS = re.compile(r"[ \t]+")
# Anything the three substitutions above would change; most text has none, and one search
# costs a third of three substitutions.
_UNCLEAN = re.compile(r"[\u00a0\u2000-\u200d\u202f\u205f\u2060\u3000\ufeff\t]|  ")


def clean_text(text: str) -> str:
    """NFC, ordinary spaces, no invisible characters, single spaces, trimmed."""
    text = unicodedata.normalize("NFC", text)
    if _UNCLEAN.search(text):
        text = _INVISIBLE.sub("", _SPACES.sub(" ", text))
        text = _RUNS.sub(" ", text)
    return text.strip()


ROLES = (
    "선임기자", "수습기자", "객원기자", "인턴기자", "전문기자", "대기자", "사진기자", "기자",
    "특파원", "논설위원", "편집위원", "객원논설위원", "칼럼니스트", "통신원", "앵커", "위원", "PD",
)
_ROLE = "|".join(sorted(ROLES, key=len, reverse=True))
_EMAIL = re.compile(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,}")
_NAME = re.compile(r"^(?:[가-힣]{2,5}|[A-Za-z][A-Za-z.'\-]*(?: [A-Za-z][A-Za-z.'\-]*){0,3})$")
_CREDIT_PREFIX = re.compile(r"^(?:글\s*[·ㆍ/,]\s*사진|사진\s*[·ㆍ/,]\s*글|글|사진|취재|정리|By|by|BY)\s*[:=]?\s+")
_NAME_SPLIT = re.compile(r"\s*(?:[·ㆍ,/、&]|\s및\s|\s and\s)\s*|\s+")


def parse_names(text: str) -> tuple[Author, ...]:
    """Authors from a credit such as ``김철수·이영희 기자`` or ``홍길동 기자 hong@x.co.kr``.

    Returns () when the text does not look like a credit, so callers can use it
    to test a line.
    """
    text = clean_text(text).strip("[]()= ")
    emails = _EMAIL.findall(text)
    text = _EMAIL.sub(" ", text)
    text = _CREDIT_PREFIX.sub("", text).strip(" =·,")
    if not text:
        return ()
    authors: list[tuple[str, str | None]] = []
    pending: list[str] = []
    # Walk tokens so that "김철수 기자·이영희 특파원" gives each their own role.
    for token in _NAME_SPLIT.split(text):
        if not token:
            continue
        role_match = re.fullmatch(rf"(.*?)({_ROLE})", token)
        if role_match and role_match.group(1) and _NAME.match(role_match.group(1)) and token not in ROLES:
            # "홍길동기자": name and role written together
            pending.append(role_match.group(1))
            token = role_match.group(2)
        if token in ROLES:
            authors.extend((name, token) for name in pending)
            pending = []
            continue
        if not _NAME.match(token):
            return ()
        pending.append(token)
    authors.extend((name, None) for name in pending)
    if not authors:
        return ()
    if len(authors) > 1 and all(re.fullmatch(r"[A-Za-z.'\-]+", n) for n, _ in authors):
        # "By John Smith" is one person, not two
        authors = [(" ".join(n for n, _ in authors), authors[-1][1])]
    # An e-mail belongs to a reporter only when the pairing is unambiguous.
    mails: list[str | None] = list(emails) if len(emails) == len(authors) else [None] * len(authors)
    seen: set[str] = set()
    result = []
    for (name, role), mail in zip(authors, mails):
        if name in seen:
            continue
        seen.add(name)
        result.append(Author(name=name, email=mail.lower() if mail else None, role=role))
    return tuple(result)


# [TV서울=변윤수 기자] ...   (outlet=credit)
_BRACKET_LEAD = re.compile(r"^\s*[\[【]\s*([^\]】=]{1,30})=\s*([^\]】]{1,120})[\]】]\s*")
# (서울=연합뉴스) 홍길동 기자 = ...
_DATELINE_LEAD = re.compile(
    rf"^\s*\(([^()=]{{1,20}})=([^()]{{1,20}})\)\s*((?:[^=]{{1,60}}?)\s*(?:{_ROLE})?)\s*=\s*")


def split_lead_byline(paragraph: str) -> tuple[tuple[Author, ...], str]:
    """Split a byline that opens a paragraph from the text after it."""
    for pattern, group in ((_BRACKET_LEAD, 2), (_DATELINE_LEAD, 3)):
        m = pattern.match(paragraph)
        if m:
            authors = parse_names(m.group(group))
            if authors:
                return authors, paragraph[m.end():].strip()
    return (), paragraph


_TRAILING_CREDIT = re.compile(rf"^(?:[^\s]+\s*=\s*)?(?:.{{1,60}}?)\s*(?:{_ROLE})\b.{{0,60}}$")


def parse_credit_line(line: str) -> tuple[Author, ...]:
    """Authors when the whole line is a credit (``홍길동 기자 hong@x.co.kr``), else ()."""
    line = clean_text(line)
    if len(line) > 120 or not (_TRAILING_CREDIT.match(line) or line.lower().startswith("by ")):
        return ()
    return parse_names(line)


def find_inline_byline(line: str) -> tuple[str, tuple[Author, ...], str] | None:
    """``title [TV서울=나재희 기자] teaser``: a listing line with title and teaser run together."""
    for m in re.finditer(r"\s[\[【][^\]】=]{1,30}=[^\]】]{1,120}[\]】]\s*", line):
        authors, rest = split_lead_byline(line[m.start():])
        if authors:
            return line[: m.start()].strip(), authors, rest
    return None


_SENTENCE_END = re.compile(r"[.!?。！？][\"'”’」』)\]]*$|[다요죠][.]?[\"'”’」』)\]]*$")


def looks_cut_off(text: str) -> bool:
    """True when text stops mid-sentence, as scraped teasers do."""
    text = text.rstrip()
    if not text:
        return False
    if text.endswith(("...", "…", "..")):
        return True
    return not _SENTENCE_END.search(text[-6:])


def mark_cut(text: str) -> str:
    """A text that stops mid-sentence says so with "…", the way the site's own listings do."""
    return text + "…" if text and looks_cut_off(text) and not text.endswith(("…", "...")) else text


def summarize(text: str, limit: int = 200) -> str:
    """A plain-text summary: whole sentences up to ``limit`` characters, else a clean cut."""
    text = clean_text(text)
    if len(text) <= limit:
        return text
    cut = text[:limit]
    end = max(cut.rfind(". "), cut.rfind("다. "), cut.rfind("? "), cut.rfind("! "))
    if end >= limit // 2:
        return cut[: end + 1].strip()
    space = cut.rfind(" ")
    return (cut[:space] if space > limit // 2 else cut).rstrip(" ,·") + "…"


def paragraphs_html(paragraphs: list[str]) -> str:
    return "\n".join(f"<p>{html.escape(p, quote=False)}</p>" for p in paragraphs)


_KEY_DROP = re.compile(r"[\W_]+", re.UNICODE)


@functools.lru_cache(maxsize=4096)   # the reader and the store ask again for the same titles
def title_key(title: str) -> str:
    """Titles that differ only in spacing, punctuation or width compare equal."""
    return _KEY_DROP.sub("", unicodedata.normalize("NFKC", title).casefold())


# Datelines that open a byline ("순천, 광양 구현모 기자", "워싱턴=김철수 특파원"). Two-syllable
# place names look exactly like given-name pairs, so only well-known dateline places are dropped.
DATELINE_PLACES = frozenset("""
서울 부산 대구 인천 광주 대전 울산 세종 경기 강원 충북 충남 전북 전남 경북 경남 제주 수원 성남 고양
용인 부천 안산 안양 남양주 화성 평택 의정부 파주 김포 시흥 광명 춘천 원주 강릉 속초 청주 충주 천안 아산
공주 논산 전주 군산 익산 목포 여수 순천 광양 나주 무안 포항 경주 구미 안동 김천 창원 김해 진주 양산
거제 통영 사천 서귀포 홍성 내포 무주 하동 남원 정읍 완도 해남 상주 영주 영천 문경 울진 독도 판문점
워싱턴 뉴욕 로스앤젤레스 샌프란시스코 실리콘밸리 도쿄 오사카 베이징 상하이 홍콩 타이베이 모스크바 런던
파리 베를린 브뤼셀 제네바 로마 카이로 두바이 뉴델리 방콕 하노이 호찌민 자카르타 싱가포르 시드니
""".split())

_PLACE_PREFIX = re.compile(r"^[가-힣A-Za-z]{2,10}\s*=\s*(?=[가-힣A-Za-z])")
_DATELINE_BRACKET = re.compile(r"^\s*[\[(【][^\])】]{1,30}[\])】]\s*")
# Widget words that sit next to bylines ("기자 구독", "기사 더보기") and are never names.
_UI_WORDS = frozenset("구독 기사 더보기 보기 제보 다른 전체 뉴스 사진 영상 이메일 페이지 응원 후원 프로필 바로가기 "
                      "구독하기 기자 기자페이지 닫기 공유".split())
_NAME_ROLE = re.compile(rf"([가-힣]{{2,4}})\s?({_ROLE})(?![가-힣])")


def parse_byline(text: str) -> tuple[Author, ...]:
    """Authors from the text of a byline element, however the outlet words it.

    Tries, in order: the lead forms ``[TV서울=변윤수 기자]`` and ``(서울=연합뉴스) 홍길동 기자 =``;
    a whole-credit parse after dropping a dateline (``순천, 광양 …``, ``워싱턴=…``); and finally
    every ``name role`` pair in the text, e-mails paired in order when the counts match.
    """
    text = clean_text(text)
    if not text or len(text) > 300:
        return ()
    authors, _rest = split_lead_byline(text)
    if authors:
        return authors
    body = _DATELINE_BRACKET.sub("", text)
    body = _PLACE_PREFIX.sub("", body.strip())
    emails = _EMAIL.findall(body)
    bare = _EMAIL.sub(" ", body)
    tokens = re.split(r"([\s,·ㆍ]+)", bare.strip())
    # drop leading dateline places ("순천, 광양") but never the last name-like token
    while len(tokens) > 2 and tokens[0] in DATELINE_PLACES:
        tokens = tokens[2:]
    candidate = "".join(tokens) + (" " + " ".join(emails) if emails else "")
    found = parse_names(candidate)
    # Bare words are a credit only with a role, an e-mail or a "By"/"글" prefix.
    credited = any(a.role or a.email for a in found) or bool(_CREDIT_PREFIX.match(candidate))
    if found and credited and not any(a.name in _UI_WORDS for a in found):
        return found
    pairs = [(m.group(1), m.group(2)) for m in _NAME_ROLE.finditer(bare)
             if m.group(1) not in DATELINE_PLACES and m.group(1) not in _UI_WORDS]
    if not pairs:
        return ()
    mails: list[str | None] = list(emails) if len(emails) == len(pairs) else [None] * len(pairs)
    seen: set[str] = set()
    result = []
    for (name, role), mail in zip(pairs, mails):
        if name not in seen:
            seen.add(name)
            result.append(Author(name=name, email=mail.lower() if mail else None, role=role))
    return tuple(result)


def merge_authors(first: tuple[Author, ...] | list[Author],
                  second: tuple[Author, ...] | list[Author]) -> tuple[Author, ...]:
    """Union by name, first list's order; a later mention fills an e-mail or role left empty."""
    merged: dict[str, Author] = {}
    for a in list(first) + list(second):
        old = merged.get(a.name)
        merged[a.name] = a if old is None else Author(a.name, old.email or a.email, old.role or a.role)
    return tuple(merged.values())
