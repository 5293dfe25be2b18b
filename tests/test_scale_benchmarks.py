"""The benchmark scripts build what they claim; nothing here is timed."""

from __future__ import annotations

import json
import sys
import unicodedata

import pytest

from tests.conftest import ROOT
from syndicate.config import load_config
from syndicate.publish import publish
from syndicate.store import ArticleStore

sys.path.insert(0, str(ROOT / "benchmarks"))
from make_site import main as make_site_main, make_site  # noqa: E402
from publish_scale import _site_settings, floor_publish  # noqa: E402


@pytest.fixture(scope="module")
def small_site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("bench") / "site", 600, 6)


def test_make_site_writes_config_store_and_empty_feeds(small_site):
    config = load_config(small_site.config)
    assert len(config.sections) == 6
    assert list(config.output.dir.iterdir()) == []
    with ArticleStore(config.store.path) as store:
        assert store.count() == 600
        assert set(store.sections()) == set(config.sections)
        rows = store.db.execute("SELECT title, content_html, authors, published FROM articles")
        years = set()
        for title, body, authors, published in rows:
            assert any("\uac00" <= ch <= "\ud7a3" for ch in title)
            assert unicodedata.is_normalized("NFC", title + body)
            assert 2500 <= len(body.encode("utf-8")) <= 4000
            assert 1 <= len(json.loads(authors)) <= 2
            years.add(published // (365 * 86400))
        assert len(years) >= 5  # spread over several years


def test_make_site_is_deterministic(tmp_path):
    a = make_site(tmp_path / "a", 50, 3)
    b = make_site(tmp_path / "b", 50, 3)
    query = "SELECT * FROM articles ORDER BY id"
    with ArticleStore(a.store) as sa, ArticleStore(b.store) as sb:
        assert sa.db.execute(query).fetchall() == sb.db.execute(query).fetchall()


def test_make_site_command_line(tmp_path, capsys):
    assert make_site_main(["--articles", "40", "--sections", "35", "--out",
                           str(tmp_path / "s")]) == 0
    assert "40 articles in 35 sections" in capsys.readouterr().out
    assert len(load_config(tmp_path / "s" / "config.toml").sections) == 35


def test_floor_builds_the_same_feeds_as_publish(small_site, tmp_path):
    report = publish(load_config(small_site.config))
    assert not report.failed
    assert len(report.written) == 2 + 2 * 6
    site, sections, max_items, db = _site_settings(small_site.config)
    assert floor_publish(db, site, sections, max_items, tmp_path) == 14
    for path in sorted((small_site.folder / "feeds").glob("*.xml")):
        assert (tmp_path / path.name).read_bytes() == path.read_bytes(), path.name


def test_make_site_never_replaces_a_folder_it_did_not_write(tmp_path):
    precious = tmp_path / "precious"
    precious.mkdir()
    (precious / "notes.txt").write_text("keep me", encoding="utf-8")
    with pytest.raises(FileExistsError):
        make_site(precious, 10, 2)
    assert (precious / "notes.txt").read_text(encoding="utf-8") == "keep me"
    make_site(tmp_path / "site", 10, 2)
    make_site(tmp_path / "site", 12, 2)  # its own earlier output is replaced
    with ArticleStore(tmp_path / "site" / ".syndicate" / "articles.db") as store:
        assert store.count() == 12
