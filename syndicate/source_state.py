"""Per-source fetch state and first-seen times, as ArticleStore methods (schema migration 2).

Kept out of store.py's article code: these tables never join the articles.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import datetime
from typing import Callable, ContextManager, Iterable

from syndicate.dates import from_timestamp


def _ts(dt: datetime) -> int:
    return int(dt.timestamp())


@dataclass(frozen=True)
class SourceState:
    """What one source gave at its last read."""
    source: str
    status: str                        # "ok", "not modified", "error"
    fetched_at: datetime | None = None  # filled in by the store's clock when recorded
    kind: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    http_status: int | None = None
    message: str | None = None
    items: int = 0
    settings: str | None = None        # fingerprint of how the source was read (reading_key)


class SourceStateMixin:
    """Per-source fetch state; kept apart from the article tables it never joins."""

    db: sqlite3.Connection
    _clock: Callable[[], datetime]
    write_transaction: Callable[[], ContextManager[None]]

    def source_state(self, source: str) -> SourceState | None:
        row = self.db.execute(
            "SELECT source, status, fetched_at, kind, etag, last_modified, http_status, message, "
            "items, settings FROM source_state WHERE source=?", (source,)).fetchone()
        return _source_state(row) if row else None

    def source_states(self) -> dict[str, SourceState]:
        rows = self.db.execute(
            "SELECT source, status, fetched_at, kind, etag, last_modified, http_status, message, "
            "items, settings FROM source_state ORDER BY source")
        return {row[0]: _source_state(row) for row in rows}

    def record_sources(self, states: Iterable[SourceState]) -> None:
        """Store each state, timed by the store's clock; one transaction."""
        now = _ts(self._clock())
        rows = [(s.source, s.kind, s.etag, s.last_modified, s.status, s.http_status, s.message,
                 _ts(s.fetched_at) if s.fetched_at else now, s.items, s.settings) for s in states]
        if not rows:
            return
        with self.write_transaction():
            self.db.executemany(
                "INSERT INTO source_state(source, kind, etag, last_modified, status, http_status, "
                "message, fetched_at, items, settings) VALUES (?,?,?,?,?,?,?,?,?,?) "
                "ON CONFLICT(source) DO UPDATE SET kind=excluded.kind, etag=excluded.etag, "
                "last_modified=excluded.last_modified, status=excluded.status, "
                "http_status=excluded.http_status, message=excluded.message, "
                "fetched_at=excluded.fetched_at, items=excluded.items, settings=excluded.settings",
                rows)

    def first_seen(self, key: str) -> datetime:
        """When an undated item was first seen: now on the first call, the same time ever after."""
        self.db.execute("INSERT OR IGNORE INTO item_first_seen(key, first_seen) VALUES (?, ?)",
                        (key, _ts(self._clock())))
        row = self.db.execute("SELECT first_seen FROM item_first_seen WHERE key=?", (key,)).fetchone()
        return from_timestamp(row[0])


def _source_state(row: tuple) -> SourceState:
    source, status, fetched_at, kind, etag, last_modified, http_status, message, items, settings = row
    return SourceState(source=source, status=status,
                       fetched_at=from_timestamp(fetched_at) if fetched_at is not None else None,
                       kind=kind, etag=etag, last_modified=last_modified, http_status=http_status,
                       message=message, items=items, settings=settings)
