"""Write a synthetic site for the scale benchmarks: config.toml, a filled store, empty feeds/.

    python benchmarks/make_site.py --articles 100000 --sections 30 --out /tmp/site100k

The articles are deterministic for a given --seed: Korean titles, a body of
about 3 KB of UTF-8, one or two bylines, KST dates spread over several years.
The store is filled through ArticleStore.bulk_upsert, the project's own bulk
path, never with SQL from the outside.
"""

from __future__ import annotations

import argparse
import random
import shutil
import sys
import time
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Iterator

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run from a fresh clone without installing
    sys.path.insert(0, str(ROOT))

from syndicate.dates import KST  # noqa: E402
from syndicate.model import Article, Author  # noqa: E402
from syndicate.store import ArticleStore  # noqa: E402

SITE_URL = "https://news.example.com"
_MARKER = "# A synthetic site written by benchmarks/make_site.py."

# (display name, slug): the sections of a mid-sized Korean outlet.
SECTIONS = [
    ("정치", "politics"), ("경제", "economy"), ("사회", "society"), ("문화", "culture"),
    ("스포츠", "sports"), ("국제", "world"), ("지방자치", "local"), ("연예", "entertainment"),
    ("IT·과학", "science"), ("생활", "life"), ("건강", "health"), ("교육", "education"),
    ("부동산", "realestate"), ("증권", "stocks"), ("산업", "industry"), ("노동", "labor"),
    ("환경", "environment"), ("인물", "people"), ("오피니언", "opinion"), ("사설", "editorial"),
    ("칼럼", "column"), ("기획", "features"), ("북한", "northkorea"), ("국회", "assembly"),
    ("행정", "administration"), ("법원", "courts"), ("의료", "medical"), ("여행", "travel"),
    ("날씨", "weather"), ("포토", "photo"),
]

_SUBJECTS = ["서울시", "정부", "국회", "한빛시", "교육청", "경찰", "소방본부", "시민단체", "상인회",
             "연구진", "대표팀", "구청", "중소기업", "농협", "도서관", "보건소", "법원", "노조"]
_TOPICS = ["전통시장 지원", "청년 일자리", "대중교통 개편", "탄소중립 계획", "주거 안정 대책",
           "지역 축제", "반도체 수출", "공공의료 확충", "도시재생 사업", "어린이 안전",
           "문화유산 보존", "스마트시티", "기후 적응", "관광 활성화", "디지털 교육"]
_VERBS = ["추진한다", "확대한다", "발표했다", "점검에 나섰다", "논의했다", "첫발을 뗐다",
          "개선하기로 했다", "협약을 맺었다", "성과를 냈다", "예산을 늘린다"]
_FAMILY = "김이박최정강조윤장임한오서신권황안송류홍"
_GIVEN = ["민준", "서연", "도윤", "지우", "하준", "서윤", "은우", "지아", "시우", "하은", "주원",
          "수아", "지호", "윤서", "예준", "채원", "유진", "현우", "다은", "건우"]


@dataclass(frozen=True)
class SiteInfo:
    folder: Path
    config: Path
    store: Path
    articles: int
    sections: int
    ingest_seconds: float

    @property
    def ingest_rate(self) -> float:
        return self.articles / self.ingest_seconds if self.ingest_seconds else float("inf")


def section_list(count: int) -> list[tuple[str, str]]:
    if count <= len(SECTIONS):
        return SECTIONS[:count]
    extra = [(f"섹션{i}", f"section{i}") for i in range(len(SECTIONS) + 1, count + 1)]
    return SECTIONS + extra


def config_text(sections: list[tuple[str, str]], max_items: int = 50) -> str:
    lines = [
        _MARKER,
        "[site]",
        'title = "한빛뉴스"',
        f'url = "{SITE_URL}"',
        f'feeds_url = "{SITE_URL}/feeds"',
        'language = "ko"',
        'timezone = "Asia/Seoul"',
        'description = "한빛뉴스의 모든 기사"',
        "",
        "[store]",
        'path = ".syndicate/articles.db"',
        "",
        "[output]",
        'dir = "feeds"',
        f"max_items = {max_items}",
        "",
        "# New pages dropped here are ingested by the next `syndicate publish`.",
        "[[sources]]",
        'path = "incoming/*.txt"',
        "",
        "[sections]",
    ]
    lines += [f'"{name}" = "{slug}"' for name, slug in sections]
    return "\n".join(lines) + "\n"


def _sentences(rng: random.Random, count: int) -> list[str]:
    out = []
    for _ in range(count):
        out.append(f"{rng.choice(_SUBJECTS)}{'는' if rng.random() < 0.5 else '가'} "
                   f"{rng.choice(_TOPICS)}을 위해 {rng.randint(2, 980)}억 원을 들여 "
                   f"{rng.choice(_TOPICS)} 관련 사업을 {rng.choice(_VERBS)}. "
                   f"관계자는 “{rng.choice(_TOPICS)}에 시민 {rng.randint(10, 999)}명이 참여했다”며 "
                   f"“{rng.choice(_TOPICS)}도 함께 살피겠다”고 말했다.")
    return out


def _newsroom(rng: random.Random, size: int = 150) -> list[Author]:
    """The outlet's reporters: each has one name and, for most, one e-mail, for years."""
    names = sorted({rng.choice(_FAMILY) + rng.choice(_GIVEN) for _ in range(size * 3)})[:size]
    return [Author(name, f"reporter{i:03d}@news.example.com" if rng.random() < 0.6 else None,
                   "기자") for i, name in enumerate(names)]


def synthetic_articles(n: int, sections: list[tuple[str, str]], seed: int = 5,
                       years: int = 8, end: datetime = datetime(2026, 11, 1, tzinfo=KST),
                       start_index: int = 1) -> Iterator[Article]:
    """``n`` articles, oldest first, ids and links in the form of a typical Korean CMS."""
    rng = random.Random(seed)
    pool = _sentences(rng, 400)
    reporters = _newsroom(rng)
    span = timedelta(days=365 * years).total_seconds()
    begin = end - timedelta(days=365 * years)
    step = span / max(n, 1)
    for i in range(n):
        idx = start_index + i
        # Evenly spread with jitter, so every section has items in every period.
        published = begin + timedelta(seconds=int(i * step + rng.random() * step * 0.9))
        name, _slug = sections[rng.randrange(len(sections))]
        sentences = rng.choices(pool, k=12)
        lead = sentences[0]
        body = "\n".join(f"<p>{s}</p>" for s in sentences)
        authors = tuple(rng.sample(reporters, 1 if rng.random() < 0.7 else 2))
        link = f"{SITE_URL}/news/articleView.html?idxno={idx}"
        updated = published + timedelta(minutes=rng.randint(5, 600)) if rng.random() < 0.2 else None
        yield Article(
            id=link, title=f"{rng.choice(_SUBJECTS)}, {rng.choice(_TOPICS)} {rng.choice(_VERBS)} "
                           f"({idx})",
            section=name, published=published, updated=updated, authors=authors, summary=lead,
            content_html=body, link=link, source="benchmarks/make_site.py", partial=False,
        )


def make_site(out: Path, articles: int, sections: int, seed: int = 5,
              max_items: int = 50) -> SiteInfo:
    """Write (or overwrite) a site folder; returns where things are and the ingest time.

    An existing folder is replaced only when it is empty or an earlier make_site site.
    """
    if out.exists():
        marker = out / "config.toml"
        ours = marker.is_file() and marker.read_text(encoding="utf-8").startswith(_MARKER)
        if any(out.iterdir()) and not ours:
            raise FileExistsError(f"{out} exists and is not a make_site site; not replacing it")
        shutil.rmtree(out)
    (out / "feeds").mkdir(parents=True)
    (out / "incoming").mkdir()
    chosen = section_list(sections)
    config = out / "config.toml"
    config.write_text(config_text(chosen, max_items), encoding="utf-8")
    db = out / ".syndicate" / "articles.db"
    # A fixed clock keeps first_seen/changed_at (and so the store) deterministic.
    with ArticleStore(db, clock=lambda: datetime(2026, 11, 1, tzinfo=KST)) as store:
        # Built first, so that the timing is the store's alone.
        batch = list(synthetic_articles(articles, chosen, seed))
        started = time.perf_counter()
        result = store.bulk_upsert(batch)
        elapsed = time.perf_counter() - started
    if result.new != articles:
        raise RuntimeError(f"expected {articles} new articles, stored {result.new}")
    return SiteInfo(out, config, db, articles, sections, elapsed)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--sections", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--max-items", type=int, default=50)
    args = parser.parse_args(argv)
    if args.articles < 1 or args.sections < 1:
        parser.error("--articles and --sections must be at least 1")
    try:
        info = make_site(args.out, args.articles, args.sections, args.seed, args.max_items)
    except FileExistsError as exc:
        parser.error(str(exc))
    size = info.store.stat().st_size / 2**20
    print(f"wrote {info.folder}: {info.articles} articles in {info.sections} sections, "
          f"store {size:.0f} MiB")
    print(f"bulk store ingest: {info.ingest_seconds:.2f} s, "
          f"{info.ingest_rate:,.0f} articles/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
