"""What every reader takes and gives back."""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from datetime import datetime, tzinfo
from types import MappingProxyType
from typing import Callable, Mapping

from syndicate.config import DEFAULT_MAX_BYTES
from syndicate.dates import KST
from syndicate.errors import IngestError
from syndicate.model import Article


@dataclass(frozen=True)
class ReadContext:
    domain: str                                 # for tag: ids
    tz: tzinfo = KST                            # naive times in this source
    section: str | None = None                  # forces every article's section
    default_section: str = "뉴스"
    known_sections: frozenset[str] = frozenset()
    # Feed sources (issue 4): [sections] name -> slug, so an item's category can
    # name either; the HTTP charset of a fetched body; and the store's memory of
    # when an undated item was first seen (key -> that time, stored once).
    section_slugs: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    http_charset: str | None = None
    first_seen: Callable[[str], datetime] | None = None
    max_bytes: int = DEFAULT_MAX_BYTES          # [fetch] max_bytes, also for gzip files on disk


@dataclass(frozen=True)
class Problem:
    source: str
    reason: str
    line: int | None = None
    item: str | None = None
    severity: str = "error"                     # "error" fails the run; "warning" does not

    def __str__(self) -> str:
        where = self.source + (f":{self.line}" if self.line else "")
        item = f" [{self.item}]" if self.item else ""
        return f"{self.severity}: {where}{item}: {self.reason}"

    @classmethod
    def from_error(cls, exc: IngestError, source: str) -> "Problem":
        return cls(exc.source or source, exc.reason, exc.line, exc.item)


@dataclass
class ReadResult:
    articles: list[Article] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


# Control bytes that text does not contain (tab, newlines, form feed and escape excepted).
_CONTROLS = bytes(b for b in range(32) if b not in (9, 10, 12, 13, 27))


def looks_binary(data: bytes) -> bool:
    """A NUL without a UTF-16 BOM, or more than 5% control bytes, in the first 8 KB."""
    head = data[:8192]
    if b"\x00" in head:
        # UTF-16 text has NULs too, but it announces itself with a BOM.
        return not head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE))
    # Counting by translate runs in C; a Python loop over 8 KB costs more than the parse.
    text_bytes = len(head.translate(None, _CONTROLS))
    return len(head) - text_bytes > len(head) // 20


def decode_text(data: bytes, source: str) -> tuple[str, str | None]:
    """Plain text pages: a BOM, else UTF-8, else CP949 (the superset of EUC-KR).

    Returns the text and, when a few bytes could not be decoded and were replaced,
    a note saying so: one damaged byte must not cost a page's articles.
    """
    if not data.strip():
        raise IngestError("empty file", source=source)
    if looks_binary(data):
        raise IngestError("binary file, not a text page", source=source)
    for bom, enc in ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"),
                     (codecs.BOM_UTF16_BE, "utf-16-be")):
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(enc), None
            except UnicodeDecodeError as exc:
                raise IngestError(f"invalid {enc} at byte {exc.start}", source=source) from None
    for enc in ("utf-8", "cp949"):
        try:
            return data.decode(enc), None
        except UnicodeDecodeError:
            continue
    best, enc = min(((data.decode(e, "replace"), e) for e in ("utf-8", "cp949")),
                    key=lambda pair: pair[0].count("\ufffd"))
    damaged = best.count("\ufffd")
    if damaged > max(3, len(best) // 1000):
        raise IngestError(f"not UTF-8 or CP949 text ({damaged} undecodable characters)",
                          source=source)
    return best, f"{damaged} undecodable byte sequence(s) replaced with U+FFFD (read as {enc})"
