"""The pipeline: read sources into the store, then write the feeds that changed."""

from __future__ import annotations

import glob
import json
import os
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Iterable, Sequence

from syndicate import dates
from syndicate.config import Config, SourceConfig
from syndicate.errors import FeedError
from syndicate.feeds import (FORMATS, feed_specs, render, section_slugs, site_fingerprint,
                             spec_fingerprint)
from syndicate.ingest import expand, read_path
from syndicate.ingest.base import Problem, ReadContext, ReadResult
from syndicate.output import exclusive_lock, write_if_changed
from syndicate.source_state import SourceState
from syndicate.store import ArticleStore, UpsertResult
from syndicate.urls import is_http_url


@dataclass
class IngestReport:
    inputs: int = 0
    stored: UpsertResult = field(default_factory=UpsertResult)
    problems: list[Problem] = field(default_factory=list)
    sources: list[SourceState] = field(default_factory=list)   # as recorded in the store

    @property
    def not_modified(self) -> list[str]:
        return [s.source for s in self.sources if s.status == "not modified"]


@dataclass
class PublishReport:
    ingest: IngestReport = field(default_factory=IngestReport)
    written: list[tuple[Path, int]] = field(default_factory=list)   # (file, items)
    unchanged: list[Path] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)

    @property
    def all_problems(self) -> list[Problem]:
        return self.ingest.problems + self.problems

    @property
    def failed(self) -> bool:
        return any(p.severity == "error" for p in self.all_problems)


def read_context(config: Config, source: SourceConfig | None = None,
                 section: str | None = None) -> ReadContext:
    tz_name = (source.timezone if source and source.timezone else None) or config.site.timezone
    return ReadContext(
        domain=config.site.domain,
        tz=dates.zone(tz_name),
        section=section or (source.section if source else None),
        default_section=config.site.default_section,
        known_sections=frozenset(config.sections),
        section_slugs=config.sections,
        max_bytes=config.fetch.max_bytes,
    )


def _source_inputs(config: Config) -> Iterable[tuple[SourceConfig, Path | str | None, Problem | None]]:
    """Each configured input: a file Path, or a URL string."""
    for src in config.sources:
        if src.url is not None:
            yield src, src.url, None
            continue
        paths = list(expand(src.path, config.base_dir))
        if not paths:
            yield src, None, _no_match(src.path, config.base_dir)
        for p in paths:
            yield src, p, None


def _path_inputs(paths: Sequence[str]) -> Iterable[tuple[None, Path | str | None, Problem | None]]:
    """Command-line inputs: URLs, files, and globs the shell left quoted (relative to here)."""
    for p in paths:
        if is_http_url(p):
            yield None, p, None
        elif p.lower().startswith(("http:", "https:")):
            yield None, None, Problem(p, "not a valid http(s) URL")
        elif glob.has_magic(p):
            found = list(expand(p, Path.cwd()))
            if not found:
                yield None, None, _no_match(p, Path.cwd())
            for path in found:
                yield None, path, None
        else:
            yield None, Path(p), None


def _no_match(pattern: str, base: Path) -> Problem:
    """An empty inbox folder is normal; a folder that is not there is a typo to fail on."""
    fixed = []
    for part in Path(pattern).parts:
        if glob.has_magic(part):
            break
        fixed.append(part)
    folder = base.joinpath(*fixed) if fixed else base
    if not folder.is_dir():
        return Problem(pattern, f"matched no files: folder {folder} does not exist")
    return Problem(pattern, "matched no files", severity="warning")


def _source_label(path: Path, base: Path) -> str:
    """How an input is named in the store and in problems: relative to the config's folder
    (absolute outside it), so the same file has the same name whatever the working directory.
    Undated feed items key their first-seen time on it."""
    absolute = Path(os.path.abspath(path))
    try:
        return absolute.relative_to(base).as_posix()
    except ValueError:
        return str(absolute)


def _label(path: Path) -> str:
    """Paths as the user would type them: relative to the working directory when inside it."""
    absolute = Path(path).absolute()
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


def _reading_key(config: Config, src: SourceConfig | None, section: str | None,
                 kind: str | None) -> str:
    """Everything that decides where and how a source's items land, as one string."""
    return json.dumps([src.section if src else None, section, kind or (src.kind if src else None),
                       (src.timezone if src else None) or config.site.timezone,
                       config.site.default_section, sorted(config.sections.items())],
                      ensure_ascii=False)


def ingest(config: Config, store: ArticleStore, paths: Sequence[str] | None = None,
           section: str | None = None, kind: str | None = None) -> IngestReport:
    """Read the configured sources (or ``paths``, which may be URLs) and store their articles
    in one transaction; then record each source's fetch state."""
    report = IngestReport()
    articles = []
    if paths is None:
        inputs = _source_inputs(config)
    else:
        inputs = _path_inputs(paths)
    inputs = list(inputs)
    reading = {url: _reading_key(config, src, section, kind)
               for src, url, _ in inputs if isinstance(url, str)}
    fetched = {}
    if reading:
        # Imported here: the HTTP stack costs ~30 ms of start-up that a publish of
        # local files should not pay.
        from syndicate.poll import fetch_sources, read_fetched
        fetched = fetch_sources(list(reading), store, config.fetch, reading)
    states: dict[str, SourceState] = {}
    for src, path, problem in inputs:
        if problem:
            report.problems.append(problem)
            if src is not None:
                _track_path_source(states, src, ReadResult(problems=[problem]))
            continue
        report.inputs += 1
        ctx = replace(read_context(config, src, section), first_seen=store.first_seen)
        source_kind = kind or (src.kind if src else None)
        if isinstance(path, str):
            result, state = read_fetched(fetched[path], ctx, store, source_kind, reading[path])
            states[path] = state
        else:
            result = read_path(path, ctx, source_kind, label=_source_label(path, config.base_dir))
            if src is not None:
                _track_path_source(states, src, result)
        articles.extend(result.articles)
        report.problems.extend(result.problems)
    # Full stories first, so that a teaser met in the same batch merges into its
    # story (and the id is taken from the dated story, not from the teaser).
    articles.sort(key=lambda a: a.partial)
    report.stored = store.upsert(articles)
    # Only now: an ETag recorded before the articles were stored could hide them forever.
    report.sources = list(states.values())
    store.record_sources(report.sources)
    return report


def _track_path_source(states: dict[str, SourceState], src: SourceConfig, result: ReadResult) -> None:
    """One state per configured path pattern, summed over the files it matched."""
    old = states.get(src.path) or SourceState(src.path, "ok", kind=src.kind or "auto")
    error = next((p for p in result.problems if p.severity == "error"), None)
    status, message = old.status, old.message
    if error is not None and status == "ok":
        status, message = "error", f"{error.source}: {error.reason}"
    elif message is None:
        warning = next((p for p in result.problems if p.severity == "warning"), None)
        message = f"{warning.source}: {warning.reason}" if warning else None
    states[src.path] = replace(old, status=status, message=message,
                               items=old.items + len(result.articles))


def write_feeds(config: Config, store: ArticleStore) -> PublishReport:
    """Write every feed whose inputs changed since it was last written.

    A feed's signature is its config fingerprint plus the store generation of
    what it shows (its section's, or the store's for "all"). A feed whose
    signature is unchanged and whose file exists is neither queried nor
    rendered, so a publish costs what changed, not what is stored.
    """
    report = PublishReport()
    state = store.sections()
    if not state:
        report.problems.append(Problem(str(config.store.path), "the store has no articles; "
                                       "no feeds written", severity="warning"))
        return report
    slugs, warnings = section_slugs(config, list(state))
    report.problems.extend(Problem(str(config.path.name), w, severity="warning") for w in warnings)
    out_dir = config.output.dir
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:  # one line for the folder, not one per feed
        report.problems.append(Problem(str(out_dir), f"cannot create the output folder: "
                                                     f"{exc.strerror or exc}"))
        return report
    known = store.feed_signatures()
    site_print = site_fingerprint(config)
    store_generation = store.generation()
    signatures: dict[str, str] = {}
    current: set[str] = set()
    for spec in feed_specs(config, list(state), slugs):
        generation = store_generation if spec.section is None else state[spec.section][0]
        items = None
        for fmt in FORMATS:
            path = out_dir / spec.filename(fmt)
            current.add(str(path))
            signature = f"{spec_fingerprint(config, spec, fmt, slugs, site_print)}:{generation}"
            # Keyed by the full path: the same name in another output folder is another file.
            # The file's size and mtime are part of it, so a feed edited, restored or
            # half-copied by something else is written again.
            if known.get(str(path)) == f"{signature}@{_file_stamp(path)}":
                report.unchanged.append(path)
                continue
            if items is None:
                items = store.latest(spec.section, config.output.max_items)
            try:
                changed = write_if_changed(path, render(config, spec, items, fmt, slugs))
            except FeedError as exc:
                report.problems.append(Problem(str(path), str(exc)))
                continue
            if changed:
                report.written.append((path, len(items)))
            else:
                report.unchanged.append(path)
            signatures[str(path)] = f"{signature}@{_file_stamp(path)}"
    if signatures:
        store.set_feed_signatures(signatures)
    report.problems.extend(_orphans(known, out_dir, current))
    return report


def _file_stamp(path: Path) -> str | None:
    try:
        st = path.stat()
    except OSError:
        return None
    return f"{st.st_size}:{st.st_mtime_ns}"


def _orphans(known: dict[str, str], out_dir: Path, current: set[str]) -> list[Problem]:
    """Feeds this store wrote into ``out_dir`` that no spec writes any more (a renamed slug,
    a section emptied): still served, never updated. Left in place, but never silently."""
    problems = []
    for name in sorted(known):
        path = Path(name)
        if path.parent == out_dir and name not in current and path.exists():
            problems.append(Problem(_label(path), "is no longer written (its section was renamed "
                                    "or emptied) and goes stale; delete it or redirect its URL",
                                    severity="warning"))
    return problems


def store_lock(config: Config):
    """The lock every writer of one store takes: publishes and ingests run one at a time, so a
    publish never sees a section appear or empty between its reads."""
    return exclusive_lock(config.store.path.with_name(config.store.path.name + ".lock"))


def publish(config: Config, store: ArticleStore | None = None) -> PublishReport:
    """Ingest the configured sources, then write the feeds. Serialized per store."""
    with store_lock(config):
        own = store is None
        store = store or ArticleStore(config.store.path)
        try:
            ingested = ingest(config, store)
            report = write_feeds(config, store)
            report.ingest = ingested
            return report
        finally:
            if own:
                store.close()
