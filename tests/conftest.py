"""Shared fixtures: real files in tmp_path, the real SQLite store, ../shared when present."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed" / "000_8c58c8363275973a.txt"
CORPUS = SHARED / "corpus"


def shared_file(path: Path) -> Path:
    """A file from ../shared, or a clean skip on machines without it."""
    if not path.exists():
        pytest.skip(f"{path} is not on this machine")
    return path


@pytest.fixture
def sample_site(tmp_path: Path) -> Path:
    """A private copy of the bundled sample site (config, pages, golden feeds)."""
    site = tmp_path / "site"
    site.mkdir()
    shutil.copy(ROOT / "config.toml", site / "config.toml")
    shutil.copytree(ROOT / "articles", site / "articles")
    return site


def write_config(folder: Path, extra: str = "", sources: str = "") -> Path:
    """A minimal valid config in ``folder``; ``extra``/``sources`` append TOML."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "config.toml"
    path.write_text(
        '[site]\ntitle = "테스트뉴스"\nurl = "https://www.test.example.com"\n'
        'feeds_url = "https://www.test.example.com/feeds"\n\n'
        '[sections]\n"정치" = "politics"\n"지방자치" = "local"\n"경제" = "economy"\n'
        + extra + "\n" + sources, encoding="utf-8")
    return path


CHECK_FEEDS = SHARED / "tools" / "check-feeds" / "check-feeds"


def assert_check_feeds_clean(files) -> str:
    """Run the W3C validator and eight real readers over ``files``; zero errors required.

    Skips where ../shared or its consumers are not set up (exit status 2), so a
    fresh machine without the harness still runs the rest of the suite.
    """
    import subprocess
    shared_file(CHECK_FEEDS)
    run = subprocess.run([str(CHECK_FEEDS), *map(str, files)], capture_output=True, text=True,
                         timeout=600)
    if run.returncode == 2:
        pytest.skip("check-feeds consumers are not set up on this machine")
    summary = (run.stdout.strip().splitlines() or [""])[-1]
    assert run.returncode == 0 and ", errors: 0," in summary, run.stdout[-3000:]
    return summary
