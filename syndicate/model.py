"""The one article model every reader produces and every feed consumes."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Author:
    name: str                  # never carries the role suffix ("변윤수", not "변윤수 기자")
    email: str | None = None
    role: str | None = None    # "기자", "특파원", "논설위원", ...

    def to_dict(self) -> dict:
        return {"name": self.name, "email": self.email, "role": self.role}


@dataclass(frozen=True, slots=True)
class Article:
    id: str                    # stable forever once published
    title: str
    section: str               # display name, e.g. "지방자치"
    published: datetime        # aware; a date known only to the day is 00:00:00 KST of that day
    updated: datetime | None   # 수정 time, or when the stored content last changed
    authors: tuple[Author, ...]
    summary: str               # plain text
    content_html: str | None   # sanitized body; None when there is no body text at all
    link: str | None           # canonical URL when known
    source: str                # file path or URL it came from
    partial: bool              # the text was cut off (a teaser)
    tags: tuple[str, ...] = ()
    image: str | None = None
    date_only: bool = field(default=False)  # published came from a page date without a time

    def __post_init__(self) -> None:
        # A naive datetime would silently take the machine's zone somewhere downstream.
        if self.published.tzinfo is None or (self.updated is not None and self.updated.tzinfo is None):
            raise ValueError(f"article {self.id}: datetimes must be timezone-aware")

    @property
    def last_modified(self) -> datetime:
        return self.updated if self.updated and self.updated > self.published else self.published
