"""The bulk ingest path and the query plans a publish relies on."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

import pytest

from syndicate.dates import KST
from syndicate.model import Article, Author
from syndicate.store import ArticleStore

T0 = datetime(2020, 1, 1, 9, 0, tzinfo=KST)
NOW = datetime(2026, 11, 1, 12, 0, tzinfo=KST)
SECTIONS = ("정치", "경제", "사회")


def article(n: int, **kw) -> Article:
    base = dict(id=f"https://www.test.example.com/news/articleView.html?idxno={n}",
                title=f"기사 제목 {n}", section=SECTIONS[n % 3],
                published=T0 + timedelta(hours=n), updated=None,
                authors=(Author("홍길동", "hong@example.com", "기자"),), summary=f"요약 {n}",
                content_html=f"<p>본문 {n}</p>",
                link=f"https://www.test.example.com/news/articleView.html?idxno={n}",
                source="bulk", partial=False)
    base.update(kw)
    return Article(**base)


@pytest.fixture
def store(tmp_path):
    with ArticleStore(tmp_path / "a.db", clock=lambda: NOW) as s:
        yield s


def test_bulk_upsert_stores_everything_in_one_generation(store):
    result = store.bulk_upsert((article(n) for n in range(1, 1001)), chunk_size=128)
    assert (result.new, result.updated, result.unchanged) == (1000, 0, 0)
    assert len(result.ids) == 1000
    assert store.count() == 1000
    assert store.generation() == 1
    assert store.sections() == {"경제": (1, 334), "사회": (1, 333), "정치": (1, 333)}
    assert store.get(article(7).id) == article(7)


def test_bulk_upsert_stores_what_upsert_stores(tmp_path):
    items = [article(n) for n in range(1, 40)] + [article(99, updated=T0 + timedelta(days=30),
                                                          tags=("선거", "국회"), date_only=True)]
    with ArticleStore(tmp_path / "a.db", clock=lambda: NOW) as a, \
            ArticleStore(tmp_path / "b.db", clock=lambda: NOW) as b:
        a.bulk_upsert(items)
        b.upsert(items)
        rows = "SELECT * FROM articles ORDER BY id"
        assert a.db.execute(rows).fetchall() == b.db.execute(rows).fetchall()
        assert a.sections() == b.sections()


def test_bulk_upsert_twice_changes_nothing(store):
    store.bulk_upsert(article(n) for n in range(1, 101))
    again = store.bulk_upsert(article(n) for n in range(1, 101))
    assert (again.new, again.updated, again.unchanged) == (0, 0, 100)
    assert store.generation() == 1  # nothing changed: no feed goes stale


def test_bulk_upsert_updates_keep_first_seen_and_move_sections(tmp_path):
    clock = [NOW]
    with ArticleStore(tmp_path / "a.db", clock=lambda: clock[0]) as store:
        store.bulk_upsert(article(n) for n in range(1, 10))
        clock[0] = NOW + timedelta(hours=5)
        edited = article(3, title="고친 제목", section="정치")   # was 정치 (3 % 3 == 0)
        moved = article(4, section="사회")                        # was 경제
        result = store.bulk_upsert([edited, moved, article(5)])
        assert (result.new, result.updated, result.unchanged) == (0, 2, 1)
        row = store.db.execute("SELECT first_seen, changed_at, updated FROM articles WHERE id=?",
                               (edited.id,)).fetchone()
        # No 수정 stamp on the edit: updated is when the store saw it change.
        assert row == (int(NOW.timestamp()), int(clock[0].timestamp()), int(clock[0].timestamp()))
        assert store.get(moved.id).section == "사회"
        assert store.sections() == {"경제": (2, 2), "사회": (2, 4), "정치": (2, 3)}


def test_bulk_upsert_never_replaces_a_full_text_with_a_teaser(store):
    store.bulk_upsert([article(1)])
    result = store.bulk_upsert([article(1, content_html="<p>본문…</p>", partial=True)])
    assert result.unchanged == 1
    assert store.get(article(1).id).content_html == "<p>본문 1</p>"


@pytest.mark.parametrize("prefilled", [False, True])   # first import / lookups in the table
@pytest.mark.parametrize("order", [(1, "1b", 2), (1, 2, "1b"), (2, 1, 3, 4, "1b")])
def test_a_repeated_id_in_one_batch_keeps_the_last_version(store, prefilled, order):
    if prefilled:
        store.bulk_upsert([article(900)])
    items = [article(1, title="두 번째") if n == "1b" else article(n) for n in order]
    result = store.bulk_upsert(items, chunk_size=2)
    assert store.count() == len(set(order)) - 1 + prefilled
    assert store.get(article(1).id).title == "두 번째"
    assert result.new == len(order) - 1 and result.updated == 1


def test_a_failed_bulk_upsert_stores_nothing(store):
    def items():
        yield article(1)
        yield article(2)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError):
        store.bulk_upsert(items(), chunk_size=1)
    assert store.count() == 0
    assert store.generation() == 0
    store.bulk_upsert([article(3)])  # the connection is usable afterwards
    assert store.count() == 1


def _traced(store, call):
    seen = []
    store.db.set_trace_callback(seen.append)
    try:
        call()
    finally:
        store.db.set_trace_callback(None)
    return seen


def _plan(store, sql: str) -> str:
    """EXPLAIN QUERY PLAN of a traced statement (its parameters inlined as literals)."""
    return " | ".join(row[-1] for row in store.db.execute(f"EXPLAIN QUERY PLAN {sql}"))


@pytest.mark.parametrize("section, index", [("경제", "articles_section_latest"),
                                            (None, "articles_latest")])
def test_latest_reads_an_index_in_order_and_sorts_nothing(store, section, index):
    store.bulk_upsert(article(n) for n in range(1, 301))
    selects = [s for s in _traced(store, lambda: store.latest(section, 50))
               if s.lstrip().upper().startswith("SELECT")]
    assert len(selects) == 1
    plan = _plan(store, selects[0])
    assert index in plan
    assert "TEMP B-TREE" not in plan  # no sort of the whole section: cost does not grow with it
    assert re.search(r"\bSCAN articles\b(?! USING)", plan) is None


def test_a_publish_reads_section_state_without_touching_articles(store):
    store.bulk_upsert(article(n) for n in range(1, 301))
    statements = _traced(store, lambda: (store.sections(), store.generation(),
                                         store.feed_signatures()))
    assert len(statements) == 3
    assert not any(re.search(r"\bFROM articles\b", s) for s in statements)


def test_section_counts_come_from_the_index(store):
    store.bulk_upsert(article(n) for n in range(1, 301))
    plan = _plan(store, "SELECT count(*) FROM articles WHERE section='경제'")
    assert "USING COVERING INDEX articles_section_latest" in plan


@pytest.mark.parametrize("change", [
    dict(title="다른 제목"), dict(section="경제"), dict(published=T0), dict(date_only=True),
    dict(updated=T0 + timedelta(days=9)), dict(authors=(Author("홍길동", None, "기자"),)),
    dict(authors=()), dict(summary="다른 요약"), dict(content_html="<p>다른 본문</p>"),
    dict(content_html=None), dict(link=None), dict(partial=True), dict(tags=("a",)),
    dict(tags=("a", "b")), dict(image="https://x.example.com/i.jpg"),
])
def test_every_field_a_feed_shows_changes_the_digest(change):
    from dataclasses import replace
    from syndicate.store import article_digest
    base = article(5, tags=("a\x1fb",))
    assert article_digest(replace(base, **change)) != article_digest(base)


def test_where_an_article_came_from_does_not_change_the_digest():
    from dataclasses import replace
    from syndicate.store import article_digest
    assert article_digest(replace(article(5), source="moved/elsewhere.txt")) == article_digest(article(5))


def _indexes(store) -> list[tuple]:
    return store.db.execute("SELECT name, sql FROM sqlite_master WHERE type='index' "
                            "ORDER BY name").fetchall()


def test_a_first_import_leaves_every_index_as_it_was(tmp_path):
    with ArticleStore(tmp_path / "a.db") as fresh, ArticleStore(tmp_path / "b.db") as store:
        store.bulk_upsert(article(n) for n in range(1, 200))
        assert _indexes(store) == _indexes(fresh)
        assert store.db.execute("PRAGMA integrity_check").fetchone() == ("ok",)


def test_a_failed_first_import_keeps_the_indexes(store):
    before = _indexes(store)

    def items():
        yield article(1)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError):
        store.bulk_upsert(items())
    assert _indexes(store) == before


def _journal(store) -> str:
    return store.db.execute("PRAGMA journal_mode").fetchone()[0]


def test_a_first_import_runs_without_the_wal_and_restores_it(store):
    modes = []

    def items():
        for n in range(1, 50):
            if n == 25:
                modes.append(_journal(store))
            yield article(n)

    store.bulk_upsert(items(), chunk_size=10)
    assert modes == ["delete"]
    assert _journal(store) == "wal"
    modes.clear()
    store.bulk_upsert(items(), chunk_size=10)  # not a first import: the WAL stays
    assert modes == ["wal"]


def test_a_first_import_beside_another_connection_keeps_the_wal(tmp_path):
    with ArticleStore(tmp_path / "a.db") as store, ArticleStore(tmp_path / "a.db") as other:
        other.db.execute("BEGIN")
        assert other.db.execute("SELECT count(*) FROM articles").fetchone() == (0,)
        seen = []

        def items():
            seen.append(_journal(store))
            yield from (article(n) for n in range(1, 20))

        store.bulk_upsert(items())
        other.db.execute("COMMIT")
        assert seen == ["wal"] and _journal(store) == "wal"
        assert other.count() == 19


def test_a_failed_first_import_restores_the_wal(store):
    def items():
        yield article(1)
        raise RuntimeError("the source broke")

    with pytest.raises(RuntimeError):
        store.bulk_upsert(items())
    assert _journal(store) == "wal" and store.count() == 0
