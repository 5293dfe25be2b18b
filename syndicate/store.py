"""The SQLite article store: upsert by stable id, merge teasers, serve "latest N"."""

from __future__ import annotations

import contextlib
import hashlib
import json
import sqlite3
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from functools import lru_cache
from pathlib import Path
from typing import Callable, Iterable, Iterator

from syndicate.dates import KST, from_timestamp
from syndicate.errors import StoreError
from syndicate.model import Article, Author
from syndicate.source_state import SourceStateMixin
from syndicate.text import title_key

SCHEMA_VERSION = 4

# Each entry upgrades the schema from version i to i+1; append, never edit.
_MIGRATIONS: list[str] = [
    """
    CREATE TABLE articles (
        id           TEXT PRIMARY KEY,
        title_key    TEXT NOT NULL,
        title        TEXT NOT NULL,
        section      TEXT NOT NULL,
        published    INTEGER NOT NULL,   -- Unix seconds
        date_only    INTEGER NOT NULL DEFAULT 0,
        updated      INTEGER,            -- Unix seconds
        authors      TEXT NOT NULL,      -- JSON [{name, email, role}]
        summary      TEXT NOT NULL,
        content_html TEXT,
        link         TEXT,
        source       TEXT NOT NULL,
        partial      INTEGER NOT NULL,
        tags         TEXT NOT NULL,      -- JSON [str]
        image        TEXT,
        digest       TEXT NOT NULL,      -- of the version as the source gave it
        first_seen   INTEGER NOT NULL,
        changed_at   INTEGER NOT NULL,
        generation   INTEGER NOT NULL    -- store-wide change counter when this row last changed
    );
    CREATE INDEX articles_section_latest ON articles(section, published DESC, id);
    CREATE INDEX articles_latest ON articles(published DESC, id);
    CREATE INDEX articles_title_key ON articles(title_key, published);
    CREATE INDEX articles_link ON articles(link) WHERE link IS NOT NULL;
    -- One row per section: the generation of its last change, so a publish can
    -- tell which feeds are stale without reading any article.
    CREATE TABLE sections (
        name       TEXT PRIMARY KEY,
        generation INTEGER NOT NULL,
        articles   INTEGER NOT NULL
    );
    CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
    INSERT INTO meta VALUES ('generation', '0');
    CREATE TABLE feed_state (
        path      TEXT PRIMARY KEY,
        signature TEXT NOT NULL
    );
    """,
    # 2: what each source gave last time (for conditional GET and `syndicate sources`),
    # and when undated feed items were first seen, so their date never moves.
    """
    CREATE TABLE source_state (
        source        TEXT PRIMARY KEY,   -- the URL, or the path pattern as configured
        kind          TEXT,
        etag          TEXT,
        last_modified TEXT,
        status        TEXT NOT NULL,      -- "ok", "not modified" or "error"
        http_status   INTEGER,
        message       TEXT,
        fetched_at    INTEGER NOT NULL,   -- Unix seconds
        items         INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE item_first_seen (
        key        TEXT PRIMARY KEY,      -- the item's id, or source#title when it has none
        first_seen INTEGER NOT NULL
    );
    """,
    # 3: the settings a source was last read with. A 304 means the feed did not change,
    # not that the section or time zone it is read into did not.
    """
    ALTER TABLE source_state ADD COLUMN settings TEXT;
    """,
    # 4: ids that were merged into another article (a teaser's tag id into its story's),
    # so the next sighting under the old id finds the story without a headline guess.
    """
    CREATE TABLE article_aliases (
        alias TEXT PRIMARY KEY,
        id    TEXT NOT NULL
    );
    """,
]

# A teaser dated from a page header and the full story dated by its stamp can sit
# a day or two apart; stories with the same title further apart are different stories.
MERGE_WINDOW = timedelta(days=2)

PAGE_SIZE = 8192

# Page cache for bulk_upsert, in KiB (negative: SQLite's unit for "KiB, not pages").
BULK_CACHE_KIB = -131072

_COLUMNS = ("id", "title_key", "title", "section", "published", "date_only", "updated", "authors",
            "summary", "content_html", "link", "source", "partial", "tags", "image", "digest",
            "first_seen", "changed_at", "generation")
_ARTICLE_COLUMNS = ("id", "title", "section", "published", "date_only", "updated", "authors",
                    "summary", "content_html", "link", "source", "partial", "tags", "image")


@dataclass
class UpsertResult:
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    ids: list[str] = field(default_factory=list)

    def add(self, other: "UpsertResult") -> None:
        self.new += other.new
        self.updated += other.updated
        self.unchanged += other.unchanged
        self.ids.extend(other.ids)


def _ts(dt: datetime | None) -> int | None:
    return None if dt is None else int(dt.timestamp())


# Built once: json.dumps with options builds a new encoder per call, which the bulk path
# would pay 100,000 times.
_COMPACT = json.JSONEncoder(ensure_ascii=False, separators=(",", ":"))
_SPACED = json.JSONEncoder(ensure_ascii=False)


def _authors_json(authors: Iterable[Author]) -> str:
    return _COMPACT.encode([a.to_dict() for a in authors])


def article_digest(a: Article) -> str:
    """A hash of everything a feed shows of the article, as the source gave it."""
    return _digest(a, _ts(a.published), _ts(a.updated), _authors_json(a.authors))


_NONE = "\x01"  # stands for None; XML text (every source) can hold neither it nor the separator


def _digest(a: Article, published: int, updated: int | None, authors_json: str) -> str:
    # Fields joined by a character no source text can contain: unambiguous, and a few
    # times cheaper than JSON over a 3 KB body, which the bulk path pays per article.
    # `source` is left out on purpose: the same story read from a moved file is unchanged.
    parts = (a.title, a.section, str(published), "1" if a.date_only else "0",
             _NONE if updated is None else str(updated), authors_json, a.summary,
             _NONE if a.content_html is None else a.content_html, a.link or _NONE,
             "1" if a.partial else "0", _COMPACT.encode(list(a.tags)) if a.tags else "[]",
             a.image or _NONE)
    return hashlib.sha256("\x00".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


@lru_cache(maxsize=2048)
def _authors_from_json(raw: str) -> tuple[Author, ...]:
    # A newsroom has a few hundred bylines: a publish decodes each once (Authors are frozen).
    return tuple(Author(**a) for a in json.loads(raw))


def _row_to_article(row: sqlite3.Row | tuple) -> Article:
    (id_, title, section, published, date_only, updated, authors, summary, content_html, link,
     source, partial, tags, image) = row
    return Article(
        id=id_, title=title, section=section, published=from_timestamp(published),
        updated=from_timestamp(updated) if updated is not None else None,
        authors=_authors_from_json(authors), summary=summary,
        content_html=content_html, link=link, source=source, partial=bool(partial),
        tags=() if tags == "[]" else tuple(json.loads(tags)), image=image,
        date_only=bool(date_only),
    )


def _changed_updated(a: Article, old_published: int, old_partial: bool, now: int, *,
                     old_digest: str, old_section: str, old_updated: int | None) -> int | None:
    """The stored `updated` of an article whose digest changed."""
    if a.section != old_section and article_digest(replace(a, section=old_section)) == old_digest:
        return old_updated  # moved to another section: the story itself is no newer
    if old_partial and not a.partial:
        # A teaser grown into the full story is not an edit: keep the source's own times.
        return _ts(a.updated)
    if a.updated is not None and _ts(a.updated) > old_published:
        return _ts(a.updated)
    return now  # changed with no 수정 stamp: when we saw it change


def _row_values(a: Article, id_: str, digest: str, *, first_seen: int, changed_at: int,
                generation: int, updated: int | None, published: int | None = None,
                authors: str | None = None) -> tuple:
    """One articles row, in _COLUMNS order (``published``/``authors``: already encoded)."""
    return (id_, title_key(a.title), a.title, a.section,
            _ts(a.published) if published is None else published, int(a.date_only), updated,
            _authors_json(a.authors) if authors is None else authors, a.summary, a.content_html,
            a.link, a.source, int(a.partial), _SPACED.encode(list(a.tags)) if a.tags else "[]",
            a.image, digest, first_seen, changed_at, generation)


def _now() -> datetime:
    return datetime.now(KST).replace(microsecond=0)


class ArticleStore(SourceStateMixin):
    """One SQLite file. Safe for several processes: WAL, a busy timeout, short write transactions."""

    def __init__(self, path: str | Path, *, clock: Callable[[], datetime] = _now):
        self.path = Path(path)
        self._clock = clock
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None)
            # Only a new, empty file takes this (an existing store keeps its page size). A
            # stored article with its HTML is about 4 KB, so on 4 KB pages nearly every row
            # spills into an overflow page: 8 KB pages halve the bulk-ingest time.
            self.db.execute(f"PRAGMA page_size={PAGE_SIZE}")
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{self.path}: cannot open the article store: {exc}") from None
        except OSError as exc:
            raise StoreError(f"{self.path}: cannot create the article store: {exc}") from None

    # -- schema -----------------------------------------------------------------
    def _migrate(self) -> None:
        version = self.db.execute("PRAGMA user_version").fetchone()[0]
        if version > SCHEMA_VERSION:
            raise StoreError(f"{self.path}: store schema version {version} is newer than this "
                             f"syndicate ({SCHEMA_VERSION}); upgrade syndicate")
        if version == SCHEMA_VERSION:
            return
        with self.write_transaction():
            # Re-read under the write lock: another process may have just migrated.
            version = self.db.execute("PRAGMA user_version").fetchone()[0]
            for step in range(version, SCHEMA_VERSION):
                for statement in _split_sql(_MIGRATIONS[step]):
                    self.db.execute(statement)
            self.db.execute(f"PRAGMA user_version={SCHEMA_VERSION}")

    @contextlib.contextmanager
    def write_transaction(self) -> Iterator[None]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any error (the connection autocommits)."""
        self.db.execute("BEGIN IMMEDIATE")
        try:
            yield
            self.db.execute("COMMIT")
        except BaseException:
            self.db.execute("ROLLBACK")
            raise

    @contextlib.contextmanager
    def _changes(self) -> Iterator[tuple[int, set[str]]]:
        """A write transaction with the next generation number; the sections the caller adds
        to the yielded set are stamped with it (and the store's counter advanced) on commit."""
        with self.write_transaction():
            generation = int(self.db.execute(
                "SELECT value FROM meta WHERE key='generation'").fetchone()[0]) + 1
            touched: set[str] = set()
            yield generation, touched
            if touched:
                self.db.execute("UPDATE meta SET value=? WHERE key='generation'", (str(generation),))
                for name in sorted(touched):
                    self._refresh_section(name, generation)

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "ArticleStore":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- writes -----------------------------------------------------------------
    def upsert(self, articles: Iterable[Article]) -> UpsertResult:
        """Store articles in one transaction; the same article twice changes nothing."""
        result = UpsertResult()
        now = _ts(self._clock())
        with self._changes() as (generation, touched):
            for article in articles:
                status, stored_id, sections = self._upsert_one(article, now, generation)
                setattr(result, status, getattr(result, status) + 1)
                result.ids.append(stored_id)
                touched.update(sections)
        return result

    def bulk_upsert(self, articles: Iterable[Article], *, chunk_size: int = 2000) -> UpsertResult:
        """Store many articles keyed by id alone: executemany, one transaction.

        The fast path for archives and imports. Unlike upsert() it does not merge
        a teaser into a story found by link or title; an article whose id is
        already stored follows the same rules as in upsert() (same digest:
        unchanged; a teaser never replaces a full text; first_seen is kept).
        """
        result = UpsertResult()
        now = _ts(self._clock())
        # A first import skips the WAL: in WAL mode every page is written twice (to the log,
        # then by the checkpoint into the file), which for an archive is most of the time.
        # A rollback journal writes them once, and for a new file it journals nothing.
        # Only when this is the store's one connection; it goes back to WAL afterwards.
        journal_switched = (self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is None
                            and self._try_journal_mode("delete"))
        # Index pages spilled mid-transaction are written more than once; a larger cache
        # for the duration keeps them in memory until the commit.
        cache = self.db.execute("PRAGMA cache_size").fetchone()[0]
        self.db.execute(f"PRAGMA cache_size={BULK_CACHE_KIB}")
        try:
            self._bulk_transaction(articles, chunk_size, now, result)
        finally:
            self.db.execute(f"PRAGMA cache_size={cache}")
            if journal_switched:
                self._try_journal_mode("wal")
        return result

    def _try_journal_mode(self, mode: str) -> bool:
        """Switch the journal mode if no other connection is in the way; never wait for one."""
        timeout = self.db.execute("PRAGMA busy_timeout").fetchone()[0]
        self.db.execute("PRAGMA busy_timeout=0")
        try:
            return self.db.execute(f"PRAGMA journal_mode={mode}").fetchone()[0] == mode
        except sqlite3.OperationalError:  # locked: another connection has the store open
            return False
        finally:
            self.db.execute(f"PRAGMA busy_timeout={timeout}")

    def _bulk_transaction(self, articles: Iterable[Article], chunk_size: int, now: int,
                          result: UpsertResult) -> None:
        with self._changes() as (generation, touched):
            # Into an empty store (a first import) there is nothing to look up: `seen` alone
            # knows the ids written so far. The write lock is held, so it stays that way.
            seen: dict[str, tuple] = {}
            lookup = self.db.execute("SELECT 1 FROM articles LIMIT 1").fetchone() is not None
            # Building an index once over the loaded rows is about twice as quick as keeping
            # it up to date row by row; DDL is transactional, so a failure restores them.
            indexes = [] if lookup else self.db.execute(
                "SELECT name, sql FROM sqlite_master WHERE type='index' AND tbl_name='articles' "
                "AND sql IS NOT NULL ORDER BY name").fetchall()
            for name, _sql in indexes:
                self.db.execute(f'DROP INDEX "{name}"')
            batch: list[Article] = []
            for article in articles:
                batch.append(article)
                if len(batch) >= chunk_size:
                    self._bulk_chunk(batch, now, generation, result, touched, seen, lookup)
                    batch = []
            if batch:
                self._bulk_chunk(batch, now, generation, result, touched, seen, lookup)
            for _name, sql in indexes:
                self.db.execute(sql)

    def _bulk_chunk(self, batch: list[Article], now: int, generation: int, result: UpsertResult,
                    touched: set[str], seen: dict[str, tuple], lookup: bool) -> None:
        # What is already stored for these ids, in one query per 500 rather than one each.
        # Without lookups, `seen` (every id written so far) stands in for the table.
        old = {} if lookup else seen
        ids = list({a.id for a in batch}) if lookup else []
        for i in range(0, len(ids), 500):
            part = ids[i:i + 500]
            old.update((r[0], r[1:]) for r in self.db.execute(
                "SELECT id, digest, first_seen, published, partial, section, updated FROM articles "
                f"WHERE id IN ({','.join('?' * len(part))})", part))
        rows: dict[str, tuple] = {}  # by id: a repeated id in one batch keeps its last version
        for a in batch:
            published, updated_ts, authors = _ts(a.published), _ts(a.updated), _authors_json(a.authors)
            digest = _digest(a, published, updated_ts, authors)
            prev = old.get(a.id)
            if prev is None:
                first_seen, updated = now, updated_ts
                result.new += 1
            else:
                old_digest, first_seen, old_published, old_partial, old_section, old_updated = prev
                if old_digest == digest or (a.partial and not old_partial):
                    result.unchanged += 1
                    result.ids.append(a.id)
                    continue
                updated = _changed_updated(a, old_published, bool(old_partial), now,
                                           old_digest=old_digest, old_section=old_section,
                                           old_updated=old_updated)
                result.updated += 1
                touched.add(old_section)
            result.ids.append(a.id)
            touched.add(a.section)
            row = _row_values(a, a.id, digest, first_seen=first_seen, changed_at=now,
                              generation=generation, updated=updated, published=published,
                              authors=authors)
            rows[a.id] = row
            old[a.id] = (digest, first_seen, row[4], int(a.partial), a.section, updated)
        if rows:
            self.db.executemany(f"REPLACE INTO articles ({','.join(_COLUMNS)}) "
                                f"VALUES ({','.join('?' * len(_COLUMNS))})", rows.values())

    def _find_existing(self, a: Article) -> tuple | None:
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (a.id,)).fetchone()
        if row is None:
            row = self.db.execute("SELECT articles.* FROM article_aliases JOIN articles USING (id) "
                                  "WHERE alias=?", (a.id,)).fetchone()
        if row is None and a.link:
            row = self.db.execute("SELECT * FROM articles WHERE link=? LIMIT 1", (a.link,)).fetchone()
        if row is None:
            lo, hi = _ts(a.published - MERGE_WINDOW), _ts(a.published + MERGE_WINDOW)
            # A headline match only joins a teaser to its story: two full texts with their
            # own ids ("인사", "오늘의 날씨") are two articles, and so are two canonical URLs.
            row = self.db.execute(
                "SELECT * FROM articles WHERE title_key=? AND published BETWEEN ? AND ? "
                "AND (link IS NULL OR ? IS NULL) AND (partial OR ?) "
                "ORDER BY abs(published - ?), id LIMIT 1",
                (title_key(a.title), lo, hi, a.link, int(a.partial), _ts(a.published))).fetchone()
        return row

    def _upsert_one(self, a: Article, now: int, generation: int) -> tuple[str, str, set[str]]:
        digest = article_digest(a)
        old = self._find_existing(a)
        if old is None:
            self._write_row(a, a.id, digest, first_seen=now, changed_at=now, generation=generation,
                            updated=_ts(a.updated), replace=False)
            return "new", a.id, {a.section}
        old = dict(zip(_COLUMNS, old))
        if old["id"] != a.id:
            self.db.execute("INSERT OR IGNORE INTO article_aliases(alias, id) VALUES (?,?)",
                            (a.id, old["id"]))
        if old["digest"] == digest:
            return "unchanged", old["id"], set()
        if a.partial and not old["partial"]:
            return "unchanged", old["id"], set()  # the fuller text already stored wins
        updated = _changed_updated(a, old["published"], bool(old["partial"]), now,
                                   old_digest=old["digest"], old_section=old["section"],
                                   old_updated=old["updated"])
        # What the other version knew and this one does not (a teaser's URL, image, tags)
        # is kept: the merged story is the union of its sightings.
        a = replace(a, link=a.link or old["link"], image=a.image or old["image"],
                    tags=a.tags or tuple(json.loads(old["tags"])))
        self._write_row(a, old["id"], digest, first_seen=old["first_seen"], changed_at=now,
                        generation=generation, updated=updated, replace=True)
        return "updated", old["id"], {a.section, old["section"]}

    def _write_row(self, a: Article, id_: str, digest: str, *, first_seen: int, changed_at: int,
                   generation: int, updated: int | None, replace: bool) -> None:
        values = _row_values(a, id_, digest, first_seen=first_seen, changed_at=changed_at,
                             generation=generation, updated=updated)
        verb = "REPLACE" if replace else "INSERT"
        self.db.execute(f"{verb} INTO articles ({','.join(_COLUMNS)}) "
                        f"VALUES ({','.join('?' * len(_COLUMNS))})", values)

    def _refresh_section(self, name: str, generation: int) -> None:
        count = self.db.execute("SELECT count(*) FROM articles WHERE section=?", (name,)).fetchone()[0]
        if count:
            self.db.execute("INSERT INTO sections(name, generation, articles) VALUES (?,?,?) "
                            "ON CONFLICT(name) DO UPDATE SET generation=excluded.generation, "
                            "articles=excluded.articles", (name, generation, count))
        else:
            self.db.execute("DELETE FROM sections WHERE name=?", (name,))

    # -- reads ------------------------------------------------------------------
    def latest(self, section: str | None = None, limit: int = 50) -> list[Article]:
        """Newest first; ties broken by id so the order never depends on insertion."""
        cols = ",".join(_ARTICLE_COLUMNS)
        if section is None:
            rows = self.db.execute(f"SELECT {cols} FROM articles ORDER BY published DESC, id "
                                   "LIMIT ?", (limit,))
        else:
            rows = self.db.execute(f"SELECT {cols} FROM articles WHERE section=? "
                                   "ORDER BY published DESC, id LIMIT ?", (section, limit))
        return [_row_to_article(r) for r in rows]

    def get(self, article_id: str) -> Article | None:
        row = self.db.execute(f"SELECT {','.join(_ARTICLE_COLUMNS)} FROM articles WHERE id=?",
                              (article_id,)).fetchone()
        return _row_to_article(row) if row else None

    def count(self) -> int:
        return self.db.execute("SELECT count(*) FROM articles").fetchone()[0]

    def sections(self) -> dict[str, tuple[int, int]]:
        """Section name -> (generation of its last change, article count)."""
        return {name: (gen, n) for name, gen, n in
                self.db.execute("SELECT name, generation, articles FROM sections ORDER BY name")}

    def generation(self) -> int:
        return int(self.db.execute("SELECT value FROM meta WHERE key='generation'").fetchone()[0])

    # -- feed bookkeeping ---------------------------------------------------------
    def feed_signature(self, path: str) -> str | None:
        row = self.db.execute("SELECT signature FROM feed_state WHERE path=?", (path,)).fetchone()
        return row[0] if row else None

    def feed_signatures(self) -> dict[str, str]:
        """Every feed file's last signature, in one query (a publish checks them all)."""
        return dict(self.db.execute("SELECT path, signature FROM feed_state"))

    def set_feed_signatures(self, signatures: dict[str, str]) -> None:
        with self.write_transaction():
            self.db.executemany("INSERT INTO feed_state(path, signature) VALUES (?,?) "
                                "ON CONFLICT(path) DO UPDATE SET signature=excluded.signature",
                                sorted(signatures.items()))


def _split_sql(script: str) -> list[str]:
    """Statements of a migration; sqlite3's executescript would commit our transaction."""
    code = "\n".join(line.split("--", 1)[0] for line in script.splitlines())
    return [s.strip() for s in code.split(";") if s.strip()]
