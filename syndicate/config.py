"""config.toml -> frozen dataclasses. Every error names the file and the key."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any, Mapping
from urllib.parse import urlsplit

from syndicate import __version__, dates
from syndicate.errors import ConfigError

KINDS = ("page-text", "html", "feed")
MAX_ITEMS = 10_000  # a feed larger than this is an archive dump, not a feed


DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True)
class FetchSettings:
    user_agent: str = f"syndicate/{__version__} (feed reader)"
    connect_timeout: float = 10.0     # seconds to open the connection
    read_timeout: float = 30.0        # seconds any single read may stall
    total_timeout: float = 120.0      # seconds for the whole response
    max_bytes: int = DEFAULT_MAX_BYTES
    max_redirects: int = 5
    workers: int = 8                  # URL sources fetched at once



@dataclass(frozen=True)
class SiteConfig:
    title: str
    url: str
    feeds_url: str
    language: str = "ko"
    timezone: str = "Asia/Seoul"
    description: str = ""
    default_section: str = "뉴스"

    @property
    def domain(self) -> str:
        host = urlsplit(self.url).hostname or ""
        return host.removeprefix("www.")


@dataclass(frozen=True)
class StoreConfig:
    path: Path


@dataclass(frozen=True)
class OutputConfig:
    dir: Path
    max_items: int = 50


@dataclass(frozen=True)
class SourceConfig:
    path: str | None = None        # a glob, relative to the config file's folder
    url: str | None = None
    kind: str | None = None        # None: detect per file
    section: str | None = None     # every item of this source goes to this section
    timezone: str | None = None    # for naive times in this source

    @property
    def label(self) -> str:
        return self.url or self.path or "?"


@dataclass(frozen=True)
class Config:
    path: Path                     # the config file itself; "" when built in code
    site: SiteConfig
    store: StoreConfig
    output: OutputConfig
    sources: tuple[SourceConfig, ...] = ()
    sections: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))
    fetch: FetchSettings = field(default_factory=FetchSettings)

    @property
    def base_dir(self) -> Path:
        return self.path.parent


# key -> (type, required, default). Types are checked exactly: a TOML integer is not a string.
_SITE = {
    "title": (str, True, None), "url": (str, True, None), "feeds_url": (str, False, None),
    "language": (str, False, "ko"), "timezone": (str, False, "Asia/Seoul"),
    "description": (str, False, ""), "default_section": (str, False, "뉴스"),
}
_STORE = {"path": (str, False, ".syndicate/articles.db")}
_OUTPUT = {"dir": (str, False, "feeds"), "max_items": (int, False, 50)}
_SOURCE = {
    "path": (str, False, None), "url": (str, False, None), "kind": (str, False, None),
    "section": (str, False, None), "timezone": (str, False, None),
}
_TOP = {"site", "store", "output", "sources", "sections", "fetch"}
_TYPE_NAMES = {str: "a string", int: "an integer", bool: "a boolean"}


def _type_name(value: Any) -> str:
    return {str: "string", int: "integer", float: "float", bool: "boolean", list: "array",
            dict: "table"}.get(type(value), type(value).__name__)


def _table(raw: Any, schema: dict, where: str, file: str) -> dict:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"must be a table, got {_type_name(raw)}", path=file, key=where)
    out = {}
    for key in raw:
        if key not in schema:
            raise ConfigError(f"unknown key (expected one of: {', '.join(schema)})", path=file,
                              key=f"{where}.{key}")
    for key, (typ, required, default) in schema.items():
        if key not in raw:
            if required:
                raise ConfigError("is required", path=file, key=f"{where}.{key}")
            out[key] = default
            continue
        value = raw[key]
        if type(value) is not typ:  # bool is an int subclass; be exact
            raise ConfigError(f"must be {_TYPE_NAMES[typ]}, got {_type_name(value)}", path=file,
                              key=f"{where}.{key}")
        out[key] = value
    return out


def _non_blank(value: str, key: str, file: str) -> None:
    # A blank section name becomes a blank <category> and a "section-e3b0c442" feed.
    if not value.strip():
        raise ConfigError("must not be blank", path=file, key=key)


def _check_url(value: str, key: str, file: str) -> None:
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # "https://[broken"
        host = None
    if host is None or parts.scheme not in ("http", "https"):
        raise ConfigError(f"must be an absolute http(s) URL, got {value!r}", path=file, key=key)


def load_config(path: str | Path) -> Config:
    path = Path(path)
    file = str(path)
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError("config file not found (use --config PATH)", path=file) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read: {exc}", path=file) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"invalid TOML: {exc}", path=file) from None
    return parse_config(raw, path.resolve())


def parse_config(raw: dict, path: Path) -> Config:
    file = str(path)
    for key in raw:
        if key not in _TOP:
            raise ConfigError(f"unknown key (expected one of: {', '.join(sorted(_TOP))})",
                              path=file, key=key)
    base = path.parent
    site = _table(raw.get("site"), _SITE, "site", file) if "site" in raw else None
    if site is None:
        raise ConfigError("is required", path=file, key="site")
    for key in ("title", "default_section", "language"):
        _non_blank(site[key], f"site.{key}", file)
    _check_url(site["url"], "site.url", file)
    if site["feeds_url"] is None:
        site["feeds_url"] = site["url"].rstrip("/") + "/feeds"
    _check_url(site["feeds_url"], "site.feeds_url", file)
    try:
        dates.zone(site["timezone"])
    except ValueError as exc:
        raise ConfigError(str(exc), path=file, key="site.timezone") from None

    store = _table(raw.get("store"), _STORE, "store", file)
    output = _table(raw.get("output"), _OUTPUT, "output", file)
    if not 1 <= output["max_items"] <= MAX_ITEMS:
        raise ConfigError(f"must be between 1 and {MAX_ITEMS}", path=file, key="output.max_items")

    raw_sources = raw.get("sources", [])
    if not isinstance(raw_sources, list):
        raise ConfigError("must be an array of tables ([[sources]])", path=file, key="sources")
    sources = []
    for i, item in enumerate(raw_sources):
        where = f"sources[{i}]"
        src = _table(item, _SOURCE, where, file)
        if (src["path"] is None) == (src["url"] is None):
            raise ConfigError("needs exactly one of 'path' or 'url'", path=file, key=where)
        if src["kind"] is not None and src["kind"] not in KINDS:
            raise ConfigError(f"must be one of {', '.join(KINDS)}, got {src['kind']!r}",
                              path=file, key=f"{where}.kind")
        if src["url"] is not None:
            _check_url(src["url"], f"{where}.url", file)
        for key in ("path", "section"):
            if src[key] is not None:
                _non_blank(src[key], f"{where}.{key}", file)
        if src["timezone"] is not None:
            try:
                dates.zone(src["timezone"])
            except ValueError as exc:
                raise ConfigError(str(exc), path=file, key=f"{where}.timezone") from None
        sources.append(SourceConfig(**src))

    raw_sections = raw.get("sections", {})
    if not isinstance(raw_sections, dict):
        raise ConfigError("must be a table of \"name\" = \"slug\"", path=file, key="sections")
    sections: dict[str, str] = {}
    for name, slug in raw_sections.items():
        _non_blank(name, f"sections.{name!r}", file)
        if not isinstance(slug, str):
            raise ConfigError(f"must be a string, got {_type_name(slug)}", path=file,
                              key=f"sections.{name}")
        if not _valid_slug(slug) or slug == "all":
            raise ConfigError(f"slug {slug!r} must be lowercase ASCII letters, digits and '-', "
                              "and not 'all'", path=file, key=f"sections.{name}")
        if slug in sections.values():
            raise ConfigError(f"slug {slug!r} is used twice", path=file, key=f"sections.{name}")
        sections[name] = slug

    fetch = _fetch_settings(raw.get("fetch"), site, file)
    return Config(
        path=path,
        fetch=fetch,
        site=SiteConfig(**site),
        store=StoreConfig(path=(base / store["path"]).resolve()),
        output=OutputConfig(dir=(base / output["dir"]).resolve(), max_items=output["max_items"]),
        sources=tuple(sources),
        sections=MappingProxyType(sections),
    )


def _valid_slug(slug: str) -> bool:
    return bool(slug) and all(c.isascii() and (c.islower() or c.isdigit() or c == "-") for c in slug)


# [fetch]: key -> (allowed types, minimum). Seconds may be fractional.
_FETCH = {
    "user_agent": ((str,), None), "connect_timeout": ((int, float), 0.001),
    "read_timeout": ((int, float), 0.001), "total_timeout": ((int, float), 0.001),
    "max_bytes": ((int,), 1), "max_redirects": ((int,), 0), "workers": ((int,), 1),
}


def _fetch_settings(raw: Any, site: dict, file: str) -> FetchSettings:
    if raw is None:
        raw = {}
    if not isinstance(raw, dict):
        raise ConfigError(f"must be a table, got {_type_name(raw)}", path=file, key="fetch")
    values: dict[str, Any] = {}
    for key, value in raw.items():
        if key not in _FETCH:
            raise ConfigError(f"unknown key (expected one of: {', '.join(_FETCH)})", path=file,
                              key=f"fetch.{key}")
        types, minimum = _FETCH[key]
        if type(value) not in types:
            wanted = "a string" if types == (str,) else "an integer" if types == (int,) else "a number"
            raise ConfigError(f"must be {wanted}, got {_type_name(value)}", path=file,
                              key=f"fetch.{key}")
        if minimum is not None and value < minimum:
            raise ConfigError(f"must be at least {minimum:g}", path=file, key=f"fetch.{key}")
        values[key] = float(value) if float in types else value
    # Name the site in the User-Agent so a feed's owner knows whom to ask.
    values.setdefault("user_agent", f"{FetchSettings.user_agent.split(' ')[0]} "
                                    f"(feed reader for {site['url']})")
    return FetchSettings(**values)
