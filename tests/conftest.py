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
