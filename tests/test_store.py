import sqlite3
from dataclasses import replace
from datetime import datetime, timedelta

import pytest

from syndicate.dates import KST
from syndicate.errors import StoreError
from syndicate.ids import tag_id
from syndicate.model import Article, Author
from syndicate.store import SCHEMA_VERSION, ArticleStore


class Clock:
    def __init__(self):
        self.now = datetime(2024, 3, 10, 9, 0, tzinfo=KST)

    def __call__(self):
        return self.now


def make(title="제목", when=datetime(2024, 3, 5, 8, 0, tzinfo=KST), **kw) -> Article:
    fields = dict(id=tag_id("x.kr", when, title), title=title, section="사회", published=when,
                  updated=None, authors=(Author("홍길동", "hong@example.com", "기자"),),
                  summary="요약이다.", content_html="<p>본문이다.</p>", link=None, source="a.txt",
                  partial=False)
    fields.update(kw)
    return Article(**fields)


@pytest.fixture
def clock():
    return Clock()


@pytest.fixture
def store(tmp_path, clock):
    with ArticleStore(tmp_path / "db" / "a.db", clock=clock) as s:
        yield s


def test_round_trip_keeps_every_field(store):
    a = make(tags=("선거", "정치"), image="https://x.kr/i.jpg", link="https://x.kr/1",
             updated=datetime(2024, 3, 5, 9, 30, tzinfo=KST), date_only=True)
    store.upsert([a])
    assert store.get(a.id) == a


def test_same_article_twice_changes_nothing(store):
    assert store.upsert([make()]).new == 1
    generation = store.generation()
    again = store.upsert([make()])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 1)
    assert store.generation() == generation


def test_changed_body_sets_updated_to_when_it_changed(store, clock):
    store.upsert([make()])
    clock.now = datetime(2024, 3, 11, 7, 0, tzinfo=KST)
    result = store.upsert([make(content_html="<p>고친 본문이다.</p>")])
    assert result.updated == 1
    stored = store.get(make().id)
    assert stored.content_html == "<p>고친 본문이다.</p>"
    assert stored.updated == clock.now


def test_a_source_update_stamp_wins_over_the_clock(store):
    store.upsert([make()])
    stamp = datetime(2024, 3, 5, 11, 0, tzinfo=KST)
    store.upsert([make(content_html="<p>새 본문.</p>", updated=stamp)])
    assert store.get(make().id).updated == stamp


@pytest.mark.parametrize("teaser_first", [True, False])
def test_teaser_and_full_story_merge_and_the_fuller_text_wins(store, teaser_first):
    header_day = datetime(2024, 3, 6, 0, 0, tzinfo=KST)
    teaser = make("尹대통령, 귀국…'외교전' 마무리", header_day, partial=True, date_only=True,
                  content_html="<p>잘린</p>")
    full = make("尹대통령 귀국 '외교전' 마무리", datetime(2024, 3, 5, 18, 0, tzinfo=KST))
    first, second = (teaser, full) if teaser_first else (full, teaser)
    store.upsert([first])
    store.upsert([second])
    assert store.count() == 1
    rerun = store.upsert([first, second])
    assert rerun.new == 0 and store.count() == 1
    (kept,) = store.latest()
    assert kept.id == first.id                      # an id never changes once stored
    assert kept.partial is False and kept.content_html == full.content_html
    assert kept.published == full.published and kept.updated is None


def test_same_title_a_week_apart_is_another_story(store):
    store.upsert([make("오늘의 날씨")])
    store.upsert([make("오늘의 날씨", datetime(2024, 3, 12, 8, 0, tzinfo=KST))])
    assert store.count() == 2


def test_latest_is_newest_first_with_ties_broken_by_id(store):
    when = datetime(2024, 3, 5, 8, 0, tzinfo=KST)
    items = [make(f"기사 {i}", when) for i in range(5)] + [make("나중", when + timedelta(hours=1))]
    store.upsert(reversed(items))
    got = store.latest(limit=10)
    assert got[0].title == "나중"
    assert [a.id for a in got[1:]] == sorted(a.id for a in items[:5])
    assert len(store.latest(limit=3)) == 3
    assert [a.title for a in store.latest("사회", 1)] == ["나중"]
    assert store.latest("없는 섹션") == []


def test_sections_track_counts_and_change_generations(store):
    store.upsert([make("a"), make("b", section="정치")])
    first = store.sections()
    assert {k: v[1] for k, v in first.items()} == {"사회": 1, "정치": 1}
    store.upsert([make("c", section="정치")])
    second = store.sections()
    assert second["사회"] == first["사회"]
    assert second["정치"][0] > first["정치"][0] and second["정치"][1] == 2


def test_moving_an_article_between_sections_updates_both(store):
    store.upsert([make("a")])
    store.upsert([make("a", section="정치")])
    assert set(store.sections()) == {"정치"}


@pytest.mark.parametrize("section", [None, "사회"])
def test_latest_queries_use_an_index_not_a_scan(store, section):
    sql = ("SELECT * FROM articles ORDER BY published DESC, id LIMIT 50" if section is None else
           "SELECT * FROM articles WHERE section='사회' ORDER BY published DESC, id LIMIT 50")
    plan = " ".join(row[3] for row in store.db.execute("EXPLAIN QUERY PLAN " + sql))
    assert "USING INDEX" in plan and "TEMP B-TREE" not in plan


def test_schema_is_versioned(tmp_path):
    path = tmp_path / "a.db"
    ArticleStore(path).close()
    db = sqlite3.connect(path)
    assert db.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    db.execute(f"PRAGMA user_version={SCHEMA_VERSION + 1}")
    db.commit()
    db.close()
    with pytest.raises(StoreError, match="newer"):
        ArticleStore(path)


def test_a_file_that_is_not_sqlite_is_a_store_error(tmp_path):
    path = tmp_path / "a.db"
    path.write_bytes(b"not a database" * 100)
    with pytest.raises(StoreError, match="a.db"):
        ArticleStore(path)


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="aware"):
        replace(make(), published=datetime(2024, 1, 1))


def test_same_headline_with_different_urls_stays_two_stories(store):
    a, b = "https://a.example.com/1", "https://b.example.com/9"
    store.upsert([make("속보 같은 제목", id=a, link=a)])
    store.upsert([make("속보 같은 제목", id=b, link=b)])
    assert store.count() == 2
    store.upsert([make("속보 같은 제목", partial=True)])  # no URL: a teaser of one of them
    assert store.count() == 2


@pytest.mark.parametrize("bulk", [False, True])
def test_moving_to_another_section_keeps_updated(tmp_path, clock, bulk):
    with ArticleStore(tmp_path / "a.db", clock=clock) as store:
        put = store.bulk_upsert if bulk else store.upsert
        put([make("a")])
        clock.now = datetime(2024, 3, 20, 9, 0, tzinfo=KST)
        assert put([make("a", section="정치")]).updated == 1
        moved = store.get(make("a").id)
        assert moved.section == "정치" and moved.updated is None
        put([make("a", section="정치", content_html="<p>고침</p>")])
        assert store.get(make("a").id).updated == clock.now


def test_two_full_stories_with_the_same_headline_stay_two(store):
    store.upsert([make("인사", content_html="<p>A부 인사</p>")])
    other = make("인사", datetime(2024, 3, 6, 8, 0, tzinfo=KST), content_html="<p>B부 인사</p>")
    store.upsert([other])
    assert store.count() == 2
    again = store.upsert([make("인사", content_html="<p>A부 인사</p>"), other])
    assert (again.new, again.updated, again.unchanged) == (0, 0, 2)


def test_full_text_without_a_link_keeps_what_its_teaser_knew(store):
    url = "https://www.test.example.com/news/1"
    teaser = make("제목 하나", datetime(2024, 3, 6, 0, 0, tzinfo=KST), id=url, link=url, partial=True,
                  image="https://www.test.example.com/i.jpg", tags=("정치",))
    store.upsert([teaser])
    full = make("제목 하나", datetime(2024, 3, 5, 18, 0, tzinfo=KST))
    store.upsert([full])
    (kept,) = store.latest()
    assert kept.id == url and kept.link == url and not kept.partial
    assert kept.image == teaser.image and kept.tags == ("정치",)
    again = store.upsert([teaser, full])  # the next run sees both again
    assert (again.new, again.unchanged) == (0, 2) and store.count() == 1
