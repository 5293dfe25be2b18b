"""Feed ingest speed: items per second over N local feeds of M items, beside a bare lxml parse.

    python benchmarks/ingest_feeds.py [--feeds 200] [--items 50] [--repeat 3]

Writes the feeds to a temporary folder (half UTF-8 RSS 2.0 with HTML bodies in
CDATA, half EUC-KR RSS with naive dates and Korean bylines, every fifth feed
Atom), then times, best of --repeat runs, in this one process:

  lxml     etree.fromstring on each file's bytes and a count of its items
           (the floor: parsing only, no mapping)
  reader   syndicate's feed reader on each file: decoding, feedparser, dates,
           bylines, sanitizing; Articles in memory
  ingest   syndicate.publish.ingest: the reader plus the SQLite store (a fresh
           store each run, so every item is an insert)
"""

from __future__ import annotations

import argparse
import platform
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

from lxml import etree

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from syndicate.config import parse_config  # noqa: E402
from syndicate.dates import KST  # noqa: E402
from syndicate.ingest import read_path  # noqa: E402
from syndicate.publish import ingest, read_context  # noqa: E402
from syndicate.store import ArticleStore  # noqa: E402

SECTIONS = ["정치", "경제", "사회", "문화", "스포츠"]
PARAGRAPH = ("서울시는 18일 시청에서 기자회견을 열고 내년도 예산안을 발표했다. 시는 복지와 교통 분야에 "
             "예산을 집중 편성했다고 밝혔다. ")


def rss_feed(n: int, items: int, korean_legacy: bool) -> bytes:
    start = datetime(2024, 3, 1, 9, 0, tzinfo=KST) + timedelta(days=n)
    parts = []
    for i in range(items):
        when = start - timedelta(minutes=17 * i)
        section = SECTIONS[(n + i) % len(SECTIONS)]
        if korean_legacy:
            parts.append(
                f"<item><title>{section} 소식 {n}-{i}: 시 예산안 발표</title>"
                f"<link>https://partner{n}.example.com/news/{i}?utm_source=rss</link>"
                f"<category>{section}</category><dc:creator>홍길동 기자 hong{i}@example.com</dc:creator>"
                f"<pubDate>{when:%Y-%m-%d %H:%M:%S}</pubDate>"
                f"<description>{PARAGRAPH * 3}</description></item>")
        else:
            body = "".join(f"<p>{PARAGRAPH}</p>" for _ in range(6))
            parts.append(
                f"<item><title>{section} 뉴스 {n}-{i} &amp; 단독</title>"
                f"<link>https://news{n}.example.com/article/{i}</link>"
                f'<guid isPermaLink="false">urn:news{n}:{i}</guid><category>{section}</category>'
                f"<dc:creator>김철수·이영희 기자</dc:creator>"
                f"<pubDate>{when:%a, %d %b %Y %H:%M:%S +0900}</pubDate>"
                f"<description><![CDATA[<p>{PARAGRAPH}</p>]]></description>"
                f"<content:encoded><![CDATA[{body}<script>x()</script>]]></content:encoded></item>")
    encoding = "euc-kr" if korean_legacy else "utf-8"
    text = (f'<?xml version="1.0" encoding="{encoding}"?>\n'
            '<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" '
            'xmlns:content="http://purl.org/rss/1.0/modules/content/">'
            f"<channel><title>피드 {n}</title><link>https://news{n}.example.com/</link>"
            + "".join(parts) + "</channel></rss>\n")
    return text.encode("cp949" if korean_legacy else "utf-8")


def atom_feed(n: int, items: int) -> bytes:
    start = datetime(2024, 3, 1, 9, 0, tzinfo=KST) + timedelta(days=n)
    entries = []
    for i in range(items):
        when = (start - timedelta(minutes=13 * i)).isoformat()
        body = "".join(f"&lt;p&gt;{PARAGRAPH}&lt;/p&gt;" for _ in range(6))
        entries.append(
            f"<entry><title>아톰 {n}-{i}</title><id>tag:atom{n}.example.com,2024:{i}</id>"
            f'<link href="https://atom{n}.example.com/{i}"/><published>{when}</published>'
            f"<updated>{when}</updated><author><name>박민수</name><email>park@example.com</email>"
            f'</author><category term="{SECTIONS[i % 5]}"/><content type="html">{body}</content></entry>')
    return ('<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<title>아톰 {n}</title><id>urn:atom{n}</id><updated>{start.isoformat()}</updated>"
            + "".join(entries) + "</feed>\n").encode("utf-8")


def write_feeds(folder: Path, feeds: int, items: int) -> list[Path]:
    paths = []
    for n in range(feeds):
        if n % 5 == 4:
            path, data = folder / f"feed{n:03d}.atom", atom_feed(n, items)
        else:
            path, data = folder / f"feed{n:03d}.xml", rss_feed(n, items, korean_legacy=n % 2 == 1)
        path.write_bytes(data)
        paths.append(path)
    return paths


def best_of(repeat: int, run) -> tuple[float, int]:
    best, count = float("inf"), 0
    for _ in range(repeat):
        started = time.perf_counter()
        count = run()
        best = min(best, time.perf_counter() - started)
    return best, count


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--feeds", type=int, default=200)
    parser.add_argument("--items", type=int, default=50)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        paths = write_feeds(folder, args.feeds, args.items)
        config = parse_config({
            "site": {"title": "벤치마크", "url": "https://bench.example.com"},
            "store": {"path": "store/articles.db"},
            "sections": {name: f"s{i}" for i, name in enumerate(SECTIONS)},
        }, folder / "config.toml")
        ctx = read_context(config)
        blobs = [p.read_bytes() for p in paths]

        def run_lxml() -> int:
            total = 0
            for data in blobs:
                root = etree.fromstring(data)
                total += len(root.findall("./channel/item")) + len(
                    root.findall("{http://www.w3.org/2005/Atom}entry"))
            return total

        def run_reader() -> int:
            total = 0
            for p in paths:
                result = read_path(p, ctx, "feed")
                assert not result.problems, result.problems[:3]
                total += len(result.articles)
            return total

        runs = [0]

        def run_ingest() -> int:
            runs[0] += 1
            with ArticleStore(folder / f"store{runs[0]}.db") as store:
                report = ingest(config, store, [str(p) for p in paths], kind="feed")
                assert not report.problems, report.problems[:3]
                return report.stored.new

        size = sum(len(b) for b in blobs)
        print(f"{args.feeds} feeds x {args.items} items ({size / 1e6:.1f} MB), best of {args.repeat}; "
              f"Python {platform.python_version()}, {platform.machine()}")
        results = {}
        for name, run in (("lxml", run_lxml), ("reader", run_reader), ("ingest", run_ingest)):
            seconds, count = best_of(args.repeat, run)
            results[name] = count / seconds
            print(f"  {name:<7} {count:>7} items  {seconds:7.3f} s  {count / seconds:>10,.0f} items/s")
        print(f"  reader is {results['lxml'] / results['reader']:.1f}x slower than a bare lxml parse; "
              f"ingest {results['lxml'] / results['ingest']:.1f}x")


if __name__ == "__main__":
    main()
