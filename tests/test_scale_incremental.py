"""Incremental publish: only stale feeds are rebuilt, and config changes reach every feed."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from datetime import datetime, timedelta
from pathlib import Path

import pytest

from tests.conftest import write_config
from syndicate.config import load_config
from syndicate.dates import KST
from syndicate.model import Article, Author
from syndicate.publish import publish, write_feeds
from syndicate.store import ArticleStore

T0 = datetime(2021, 6, 1, 9, 0, tzinfo=KST)
SECTIONS = ("정치", "지방자치", "경제")
ALL_FILES = sorted(f"{slug}.{fmt}.xml" for slug in ("all", "politics", "local", "economy")
                   for fmt in ("rss", "atom"))


def article(n: int, section: str | None = None, **kw) -> Article:
    base = dict(id=f"tag:test.example.com,2021-06-01:{n:06d}", title=f"기사 {n}",
                section=section or SECTIONS[n % 3], published=T0 + timedelta(hours=n),
                updated=None, authors=(Author("홍길동", "hong@example.com", "기자"),),
                summary=f"요약 {n}", content_html=f"<p>본문 {n}</p>", link=None, source="t",
                partial=False)
    base.update(kw)
    return Article(**base)


def snapshot(folder: Path) -> dict[str, tuple[int, int, bytes]]:
    """inode, mtime and bytes of every feed: a rewrite changes the inode (temp file + rename)."""
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns, p.read_bytes())
            for p in sorted(folder.glob("*.xml"))}


def changed(before: dict, after: dict) -> list[str]:
    return sorted(n for n in after if before.get(n, (None, None))[:2] != after[n][:2])


def fresh_build(config, tmp_path: Path) -> dict[str, bytes]:
    """What a publish from nothing (new output folder, no signatures) writes for ``config``."""
    out = tmp_path / "fresh"
    shutil.rmtree(out, ignore_errors=True)
    db = tmp_path / "fresh.db"
    db.unlink(missing_ok=True)
    shutil.copy(config.store.path, db)
    fresh = replace(config, output=replace(config.output, dir=out),
                    store=replace(config.store, path=db))
    with ArticleStore(db) as store:
        store.db.execute("DELETE FROM feed_state")
        write_feeds(fresh, store)
    return {p.name: p.read_bytes() for p in sorted(out.glob("*.xml"))}


@pytest.fixture
def site(tmp_path):
    """A site with 60 articles in three sections, all feeds published (max_items 10)."""
    path = write_config(tmp_path / "site", extra='\n[output]\nmax_items = 10\n')
    config = load_config(path)
    with ArticleStore(config.store.path) as store:
        store.bulk_upsert(article(n) for n in range(1, 61))
        report = write_feeds(config, store)
    assert sorted(p.name for p, _ in report.written) == ALL_FILES
    return path


def test_one_new_article_rewrites_its_section_and_all_only(site):
    config = load_config(site)
    before = snapshot(config.output.dir)
    with ArticleStore(config.store.path) as store:
        store.upsert([article(1000, "경제")])
        statements = []
        store.db.set_trace_callback(statements.append)
        report = write_feeds(config, store)
        store.db.set_trace_callback(None)
    expected = ["all.atom.xml", "all.rss.xml", "economy.atom.xml", "economy.rss.xml"]
    assert sorted(p.name for p, _ in report.written) == expected
    assert changed(before, snapshot(config.output.dir)) == expected
    assert b"\xea\xb8\xb0\xec\x82\xac 1000" in (config.output.dir / "economy.rss.xml").read_bytes()
    # The other sections were neither queried nor rendered: one read for "all", one for 경제.
    reads = [s for s in statements if re.search(r"\bFROM articles\b", s)]
    assert len(reads) == 2 and sum("WHERE section='경제'" in s for s in reads) == 1


def test_nothing_new_reads_no_article_and_writes_nothing(site):
    config = load_config(site)
    before = snapshot(config.output.dir)
    with ArticleStore(config.store.path) as store:
        statements = []
        store.db.set_trace_callback(statements.append)
        report = write_feeds(config, store)
        store.db.set_trace_callback(None)
    assert report.written == [] and len(report.unchanged) == len(ALL_FILES)
    assert not [s for s in statements if re.search(r"\bFROM articles\b", s)]
    assert not [s for s in statements if s.lstrip().upper().startswith(("INSERT", "UPDATE"))]
    assert snapshot(config.output.dir) == before


def test_an_edit_below_the_newest_items_rewrites_no_file(site):
    config = load_config(site)
    before = snapshot(config.output.dir)
    with ArticleStore(config.store.path) as store:
        store.upsert([article(2, title="오래된 기사 고침")])   # 경제, far below the newest 10
        report = write_feeds(config, store)
    assert report.written == []
    assert changed(before, snapshot(config.output.dir)) == []


def test_a_deleted_feed_file_is_written_again(site):
    config = load_config(site)
    (config.output.dir / "local.atom.xml").unlink()
    with ArticleStore(config.store.path) as store:
        report = write_feeds(config, store)
    assert [p.name for p, _ in report.written] == ["local.atom.xml"]


def test_an_interrupted_publish_is_finished_by_the_next(site, monkeypatch):
    config = load_config(site)
    with ArticleStore(config.store.path) as store:
        store.upsert([article(1001, "정치"), article(1002, "지방자치")])
        import syndicate.publish as pub
        real = pub.write_if_changed
        calls = []

        def crash_after_two(path, data):
            calls.append(path.name)
            if len(calls) > 2:
                raise KeyboardInterrupt
            return real(path, data)

        monkeypatch.setattr(pub, "write_if_changed", crash_after_two)
        with pytest.raises(KeyboardInterrupt):
            write_feeds(config, store)
        monkeypatch.setattr(pub, "write_if_changed", real)
        report = write_feeds(config, store)
    # Signatures are saved only after the files: the two written before the crash are
    # re-rendered (same bytes, not rewritten) and the rest are written now.
    assert sorted(p.name for p, _ in report.written) == sorted(
        set(["all.atom.xml", "all.rss.xml", "local.atom.xml", "local.rss.xml",
             "politics.atom.xml", "politics.rss.xml"]) - set(calls[:2]))


CONFIG_CHANGES = {
    "site title": ('title = "테스트뉴스"', 'title = "새이름뉴스"'),
    "site url": ('url = "https://www.test.example.com"', 'url = "https://news2.example.com"'),
    "feeds url": ('feeds_url = "https://www.test.example.com/feeds"',
                  'feeds_url = "https://cdn.example.com/f"'),
    "language": ('[sections]', 'language = "ko-KR"\n\n[sections]'),
    "max_items": ("max_items = 10", "max_items = 4"),
    "slug": ('"지방자치" = "local"', '"지방자치" = "jibang"'),
    "description": ('[sections]', 'description = "새 설명"\n\n[sections]'),
}


@pytest.mark.parametrize("change", sorted(CONFIG_CHANGES))
def test_a_config_change_reaches_every_feed_it_shows_in(site, tmp_path, change):
    old, new = CONFIG_CHANGES[change]
    text = site.read_text(encoding="utf-8")
    assert old in text
    site.write_text(text.replace(old, new, 1), encoding="utf-8")
    config = load_config(site)
    before = snapshot(config.output.dir)
    with ArticleStore(config.store.path) as store:
        report = write_feeds(config, store)
    assert not [p for p in report.problems if p.severity == "error"]
    on_disk = {n: v[2] for n, v in snapshot(config.output.dir).items()}
    expected = fresh_build(config, tmp_path)
    # Every current feed is exactly what a publish from nothing writes...
    assert {n: on_disk[n] for n in expected} == expected
    # ...and the change did reach files (a stale-file pass would leave them all alone).
    assert changed(before, snapshot(config.output.dir))


def test_max_items_change_shows_in_every_feed(site):
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace("max_items = 10", "max_items = 3"), encoding="utf-8")
    config = load_config(site)
    with ArticleStore(config.store.path) as store:
        report = write_feeds(config, store)
    assert sorted(p.name for p, _ in report.written) == ALL_FILES
    for name in ALL_FILES:
        data = (config.output.dir / name).read_bytes()
        assert data.count(b"<item>") + data.count(b"<entry>") == 3, name


def test_a_slug_rename_writes_the_new_files_and_relabels_all(site):
    text = site.read_text(encoding="utf-8")
    site.write_text(text.replace('"지방자치" = "local"', '"지방자치" = "jibang"'), encoding="utf-8")
    config = load_config(site)
    with ArticleStore(config.store.path) as store:
        report = write_feeds(config, store)
    written = sorted(p.name for p, _ in report.written)
    # The renamed section's feeds are new files; "all" shows the slug in its Atom categories.
    assert written == ["all.atom.xml", "jibang.atom.xml", "jibang.rss.xml"]
    assert b'term="jibang"' in (config.output.dir / "all.atom.xml").read_bytes()
    assert b'term="local"' not in (config.output.dir / "all.atom.xml").read_bytes()
    # The old files are still there and no longer updated: said, every run, until removed.
    stale = sorted(Path(p.source).name for p in report.problems)
    assert stale == ["local.atom.xml", "local.rss.xml"]
    assert all(p.severity == "warning" and "no longer written" in p.reason
               for p in report.problems)
    (config.output.dir / "local.atom.xml").unlink()
    (config.output.dir / "local.rss.xml").unlink()
    with ArticleStore(config.store.path) as store:
        assert write_feeds(config, store).problems == []


def test_publish_cli_path_is_incremental_too(site):
    config = load_config(site)
    incoming = config.base_dir / "incoming"
    incoming.mkdir()
    (incoming / "new.txt").write_text(
        "2021.09.01 (수)\n\n경제\n\n새로 들어온 경제 기사\n\n  • 등록 2021.09.01 10:00:00\n\n"
        "[한빛뉴스=홍길동 기자] 새 기사의 첫 문단이다.\n\n홍길동 기자 hong@example.com\n",
        encoding="utf-8")
    site.write_text(site.read_text(encoding="utf-8") + '\n[[sources]]\npath = "incoming/*.txt"\n',
                    encoding="utf-8")
    config = load_config(site)
    before = snapshot(config.output.dir)
    report = publish(config)
    assert report.ingest.stored.new == 1, report.all_problems
    assert changed(before, snapshot(config.output.dir)) == [
        "all.atom.xml", "all.rss.xml", "economy.atom.xml", "economy.rss.xml"]


def test_switching_output_folders_back_never_leaves_stale_files(site):
    text = site.read_text(encoding="utf-8")
    other = text.replace("max_items = 10", 'max_items = 10\ndir = "feeds-b"')
    site.write_text(other, encoding="utf-8")
    with ArticleStore(load_config(site).store.path) as store:
        write_feeds(load_config(site), store)              # feeds-b/ from nothing
        store.upsert([article(2000, "정치")])
        write_feeds(load_config(site), store)              # feeds-b/ gets the new article
        site.write_text(text, encoding="utf-8")            # back to feeds/, stale since then
        report = write_feeds(load_config(site), store)
    assert sorted(p.name for p, _ in report.written) == [
        "all.atom.xml", "all.rss.xml", "politics.atom.xml", "politics.rss.xml"]
    assert "기사 2000".encode() in (load_config(site).output.dir / "all.rss.xml").read_bytes()
