"""End to end through the command line, on a private copy of the sample site."""

import json
import subprocess
import sys

from click.testing import CliRunner

from syndicate import __version__
from syndicate.cli import cli
from tests.conftest import SEED, shared_file, write_config


def run(*args):
    return CliRunner().invoke(cli, [str(a) for a in args], catch_exceptions=False)


def test_publish_writes_every_feed_then_nothing_the_second_time(sample_site):
    config = sample_site / "config.toml"
    first = run("publish", "--config", config)
    assert first.exit_code == 0, first.output
    assert first.output.count("wrote ") == 12
    assert "0 feed(s) unchanged" in first.output
    files = sorted((sample_site / "feeds").glob("*.xml"))
    assert [f.name for f in files] == sorted(
        f"{slug}.{fmt}.xml" for slug in ("all", "culture", "economy", "politics", "society", "sports")
        for fmt in ("rss", "atom"))
    mtimes = {f: f.stat().st_mtime_ns for f in files}
    second = run("publish", "--config", config)
    assert second.exit_code == 0
    assert "wrote" not in second.output and "12 feed(s) unchanged" in second.output
    assert {f: f.stat().st_mtime_ns for f in files} == mtimes


def test_deleted_feed_file_is_written_again(sample_site):
    config = sample_site / "config.toml"
    run("publish", "--config", config)
    (sample_site / "feeds" / "sports.atom.xml").unlink()
    again = run("publish", "--config", config)
    assert "wrote" in again.output and "sports.atom.xml" in again.output
    assert again.output.count("wrote ") == 1


def test_config_change_rewrites_feeds(sample_site):
    config = sample_site / "config.toml"
    run("publish", "--config", config)
    text = config.read_text(encoding="utf-8").replace('title = "한빛뉴스"', 'title = "새뉴스"')
    config.write_text(text, encoding="utf-8")
    again = run("publish", "--config", config)
    assert again.output.count("wrote ") == 12
    assert "새뉴스" in (sample_site / "feeds" / "all.atom.xml").read_text(encoding="utf-8")


def test_bad_inputs_are_reported_and_the_rest_is_published(sample_site):
    bad = sample_site / "articles"
    (bad / "empty.txt").write_bytes(b"")
    (bad / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (bad / "memo.txt").write_text("기사가 아닌 메모입니다.\n\n그냥 글입니다.", encoding="utf-8")
    (bad / "page.txt").write_text("<!doctype html><html><body>x</body></html>", encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--config", str(sample_site / "config.toml")])
    assert result.exit_code == 1
    errors = [l for l in result.stderr.splitlines() if l.startswith("error:")]
    assert len(errors) == 4, errors
    assert any("page.txt" in l for l in errors)
    assert any("empty.txt" in l and "empty file" in l for l in errors)
    assert any("binary.txt" in l and "binary" in l for l in errors)
    assert any("memo.txt" in l and "no article" in l for l in errors)
    assert "Traceback" not in result.output
    assert (sample_site / "feeds" / "all.rss.xml").exists()
    assert result.stdout.count("wrote ") == 12


def test_ingest_then_list_json(tmp_path):
    config = write_config(tmp_path)
    seed = shared_file(SEED)
    result = run("ingest", seed, "--config", config)
    assert result.exit_code == 0, result.output
    assert "2 new" in result.output
    listed = run("list", "--json", "--config", config)
    rows = [json.loads(line) for line in listed.output.splitlines()]
    assert [r["title"][:3] for r in rows] == ["尹대통", "강남구"]
    first = rows[1]
    assert set(first) == {"id", "title", "section", "published", "updated", "date_only", "authors",
                          "summary", "content_html", "link", "source", "partial", "tags", "image"}
    assert first["published"] == "2022-05-18T12:00:52+09:00"
    assert first["authors"] == [{"name": "변윤수", "email": None, "role": "기자"}]
    assert rows[0]["published"] == "2022-07-01T00:00:00+09:00" and rows[0]["date_only"] is True
    only = run("list", "--section", "정치", "--limit", "1", "--config", config)
    assert only.output.count("\n") == 1 and "[정치]" in only.output


def test_ingest_section_option_overrides(tmp_path):
    config = write_config(tmp_path)
    run("ingest", shared_file(SEED), "--section", "경제", "--config", config)
    rows = [json.loads(l) for l in run("list", "--json", "--config", config).output.splitlines()]
    assert {r["section"] for r in rows} == {"경제"}


def test_unreadable_path_exits_1_with_one_line(tmp_path):
    config = write_config(tmp_path)
    result = CliRunner().invoke(cli, ["ingest", str(tmp_path / "nope.txt"), "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.strip().count("\n") == 0 and "nope.txt" in result.stderr


def test_config_errors_exit_2_without_traceback(tmp_path):
    bad = tmp_path / "config.toml"
    bad.write_text('[site]\ntitle = 3\nurl = "https://e.com"\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--config", str(bad)])
    assert result.exit_code == 2
    assert "site.title" in result.stderr and str(bad) in result.stderr
    assert "Traceback" not in result.output
    missing = CliRunner().invoke(cli, ["list", "--config", str(tmp_path / "none.toml")])
    assert missing.exit_code == 2 and "not found" in missing.stderr


def test_usage_errors_exit_2():
    assert CliRunner().invoke(cli, ["list", "--limit", "0"]).exit_code == 2
    assert CliRunner().invoke(cli, ["frobnicate"]).exit_code == 2


def test_version_and_help_with_examples():
    assert run("--version").output.strip() == f"syndicate, version {__version__}"
    assert "Example" in run("--help").output
    for command in cli.commands:
        out = run(command, "--help").output
        assert "Example" in out and "--config" in out, command


def test_python_dash_m_works(sample_site):
    result = subprocess.run([sys.executable, "-m", "syndicate", "publish", "--config",
                             str(sample_site / "config.toml")], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "wrote" in result.stdout


def test_two_publishes_at_once_both_succeed_and_agree(sample_site):
    cmd = [sys.executable, "-m", "syndicate", "publish", "--config", str(sample_site / "config.toml")]
    procs = [subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
             for _ in range(2)]
    outs = [p.communicate(timeout=120) for p in procs]
    assert [p.returncode for p in procs] == [0, 0], outs
    written = sum(out.count("wrote ") for out, _ in outs)
    assert written == 12  # one run wrote them; the other found them current
    assert not list((sample_site / "feeds").glob(".*.tmp"))


def test_unusable_store_and_output_folders_are_one_line_each(sample_site):
    (sample_site / "blocker").write_text("a file, not a folder")
    config = sample_site / "config.toml"
    text = config.read_text(encoding="utf-8")
    config.write_text(text.replace('dir = "feeds"', 'dir = "blocker/feeds"'), encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--config", str(config)])
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "cannot create the output folder" in result.stderr
    config.write_text(text.replace('path = ".syndicate/articles.db"', 'path = "blocker/a.db"'),
                      encoding="utf-8")
    result = CliRunner().invoke(cli, ["publish", "--config", str(config)])
    assert result.exit_code == 1 and "Traceback" not in result.output
    assert result.stderr.count("\n") == 1 and "blocker" in result.stderr


def test_where_publish_runs_from_changes_nothing(sample_site, tmp_path):
    cmd = [sys.executable, "-m", "syndicate", "publish", "--config", str(sample_site / "config.toml")]
    subprocess.run(cmd, cwd=sample_site, check=True, capture_output=True)
    elsewhere = subprocess.run(cmd, cwd=tmp_path, capture_output=True, text=True, check=True)
    assert "0 new, 0 updated" in elsewhere.stdout and "wrote" not in elsewhere.stdout
    rows = [json.loads(l) for l in run("list", "--json", "--config", sample_site / "config.toml").output.splitlines()]
    assert {r["source"] for r in rows} == {f"articles/{name}" for name in
                                          ("2024-03-04_front.txt", "2024-03-05_front.txt", "2024-03-06_front.txt")}


def test_a_feed_edited_or_restored_by_something_else_is_written_again(sample_site):
    config = sample_site / "config.toml"
    run("publish", "--config", config)
    feed = sample_site / "feeds" / "all.rss.xml"
    good = feed.read_bytes()
    feed.write_bytes(b"<rss>stale</rss>")
    again = run("publish", "--config", config)
    assert again.output.count("wrote ") == 1 and feed.read_bytes() == good


def test_a_glob_in_a_missing_folder_fails_but_an_empty_inbox_does_not(tmp_path):
    (tmp_path / "inbox").mkdir()
    config = write_config(tmp_path, sources='[[sources]]\npath = "inbox/*.txt"\n'
                                            '[[sources]]\npath = "inbx/*.txt"\n')
    result = CliRunner().invoke(cli, ["publish", "--config", str(config)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert any(l.startswith("warning: inbox/*.txt: matched no files") for l in lines)
    assert any(l.startswith("error: inbx/*.txt") and "does not exist" in l for l in lines)


def test_ingest_expands_quoted_globs_and_rejects_broken_urls(sample_site):
    config = sample_site / "config.toml"
    pattern = str(sample_site / "articles" / "*.txt")
    result = CliRunner().invoke(cli, ["ingest", pattern, "http://", "--config", str(config)])
    assert result.exit_code == 1
    assert "ingested 3 input(s): 7 new" in result.stdout
    assert result.stderr.strip() == "error: http://: not a valid http(s) URL"


def test_list_names_the_sections_when_asked_for_an_unknown_one(sample_site):
    config = sample_site / "config.toml"
    run("publish", "--config", config)
    result = CliRunner().invoke(cli, ["list", "--section", "economy", "--config", str(config)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "no section named 'economy'" in result.stderr and "경제" in result.stderr
