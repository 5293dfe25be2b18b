"""The command line: a thin click layer over publish.py. The only module that imports click."""

from __future__ import annotations

import functools
import json
import sys
from pathlib import Path

import click

from syndicate import __version__
from syndicate.config import KINDS, Config, load_config
from syndicate.dates import to_kst
from syndicate.errors import ConfigError, SyndicateError
from syndicate.publish import _label, ingest, publish, store_lock
from syndicate.store import ArticleStore

EXIT_OK, EXIT_FAILED, EXIT_USAGE = 0, 1, 2


def _fail(message: str, code: int) -> None:
    click.echo(f"error: {message}", err=True)
    sys.exit(code)


def config_option(func):
    """--config on every command; errors in it exit 2 with one line, never a traceback."""
    @click.option("--config", "config_path", default="config.toml", show_default=True,
                  type=click.Path(dir_okay=False, path_type=Path),
                  help="The site configuration. Relative paths in it resolve against its folder.")
    @functools.wraps(func)
    def wrapper(config_path: Path, **kwargs):
        try:
            config = load_config(config_path)
        except ConfigError as exc:
            _fail(str(exc), EXIT_USAGE)
        try:
            return func(config, **kwargs)
        except ConfigError as exc:
            _fail(str(exc), EXIT_USAGE)
        except SyndicateError as exc:
            _fail(str(exc), EXIT_FAILED)
    return wrapper


def _report_problems(problems) -> None:
    for p in problems:
        click.echo(str(p), err=True)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="syndicate")
def cli() -> None:
    """Turn a Korean news site's articles into per-section RSS 2.0 and Atom 1.0 feeds.

    \b
    Example:
      syndicate publish                 # ingest config.toml's sources, write feeds/
      syndicate list --limit 5          # the five newest stored articles
      syndicate sources                 # each source's last fetch and status
    """


@cli.command("publish")
@config_option
def publish_cmd(config: Config) -> None:
    """Ingest the configured sources, then write every feed that changed.

    Prints one line per feed written, a count of unchanged feeds, and one line
    per problem (on stderr). Exit status: 0 all good, 1 some input failed (the
    rest is still published), 2 usage or configuration error.

    \b
    Example:
      syndicate publish --config site/config.toml
    """
    report = publish(config)
    stored = report.ingest.stored
    click.echo(f"ingested {report.ingest.inputs} input(s): {stored.new} new, "
               f"{stored.updated} updated, {stored.unchanged} unchanged article(s)")
    _report_not_modified(report.ingest)
    for path, items in report.written:
        click.echo(f"wrote {_label(path)} ({items} item{'' if items == 1 else 's'})")
    click.echo(f"{len(report.unchanged)} feed(s) unchanged")
    _report_problems(report.all_problems)
    sys.exit(EXIT_FAILED if report.failed else EXIT_OK)


def _report_not_modified(report) -> None:
    for url in report.not_modified:
        click.echo(f"not modified: {url} (304; nothing to do)")


@cli.command("ingest")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=str))
@click.option("--section", help="Put every article read into this section.")
@click.option("--kind", type=click.Choice(KINDS), help="Skip detection and read every path as this kind.")
@config_option
def ingest_cmd(config: Config, paths: tuple[str, ...], section: str | None, kind: str | None) -> None:
    """Read PATHS (files or http(s) feed URLs) into the article store without writing feeds.

    A URL is fetched with a conditional GET when it was fetched before.

    \b
    Example:
      syndicate ingest articles/2024-03-*.txt --section 정치
      syndicate ingest https://example.com/rss.xml --section 경제
    """
    with store_lock(config), ArticleStore(config.store.path) as store:
        report = ingest(config, store, list(paths), section=section, kind=kind)
    s = report.stored
    click.echo(f"ingested {report.inputs} input(s): {s.new} new, {s.updated} updated, "
               f"{s.unchanged} unchanged article(s)")
    _report_not_modified(report)
    _report_problems(report.problems)
    sys.exit(EXIT_FAILED if any(p.severity == "error" for p in report.problems) else EXIT_OK)


def _article_json(a) -> str:
    return json.dumps({
        "id": a.id, "title": a.title, "section": a.section,
        "published": to_kst(a.published).isoformat(),
        "updated": to_kst(a.updated).isoformat() if a.updated else None,
        "date_only": a.date_only,
        "authors": [x.to_dict() for x in a.authors], "summary": a.summary,
        "content_html": a.content_html, "link": a.link, "source": a.source,
        "partial": a.partial, "tags": list(a.tags), "image": a.image,
    }, ensure_ascii=False)


@cli.command("list")
@click.option("--section", help="Only this section (its display name).")
@click.option("--limit", type=click.IntRange(min=1), default=20, show_default=True)
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, every field.")
@config_option
def list_cmd(config: Config, section: str | None, limit: int, as_json: bool) -> None:
    """List stored articles, newest first.

    \b
    Example:
      syndicate list --section 정치 --limit 5 --json
    """
    with ArticleStore(config.store.path) as store:
        articles = store.latest(section, limit)
        known = store.sections() if section is not None and not articles else {}
    if section is not None and not articles and section not in known:
        # A slug ("economy") or a typo would otherwise look like an empty section.
        names = ", ".join(known) or "none yet"
        click.echo(f"warning: no section named {section!r} (sections are display names: {names})",
                   err=True)
    for a in articles:
        if as_json:
            click.echo(_article_json(a))
        else:
            names = ", ".join(x.name for x in a.authors) or "-"
            flag = " (partial)" if a.partial else ""
            click.echo(f"{to_kst(a.published).isoformat(sep=' ')}  [{a.section}]  {a.title}"
                       f"{flag}  — {names}  <{a.id}>")


@cli.command("sources")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line, every field.")
@config_option
def sources_cmd(config: Config, as_json: bool) -> None:
    """List every configured source with its kind, last fetch, status and article count.

    The count is the number of articles the source gave at its last successful
    read. A source never read shows "never".

    \b
    Example:
      syndicate sources
      syndicate sources --json
    """
    with ArticleStore(config.store.path) as store:
        states = store.source_states()
    rows = []
    for src in config.sources:
        state = states.get(src.label)
        kind = src.kind or (state.kind if state and state.kind else ("feed" if src.url else "auto"))
        if state is None:
            row = {"source": src.label, "kind": kind, "last_fetch": None, "status": "never",
                   "http_status": None, "message": None, "articles": 0, "etag": None,
                   "last_modified": None}
        else:
            row = {"source": src.label, "kind": kind,
                   "last_fetch": to_kst(state.fetched_at).isoformat() if state.fetched_at else None,
                   "status": state.status, "http_status": state.http_status,
                   "message": state.message, "articles": state.items, "etag": state.etag,
                   "last_modified": state.last_modified}
        rows.append(row)
    if as_json:
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False))
        return
    if not rows:
        click.echo("no sources configured")
        return
    table = [("SOURCE", "KIND", "LAST FETCH", "STATUS", "ARTICLES")]
    for r in rows:
        when = r["last_fetch"].replace("T", " ") if r["last_fetch"] else "-"
        status = r["status"] + (f" ({r['http_status']})" if r["http_status"] else "")
        if r["message"]:
            status += f": {r['message']}"
        table.append((r["source"], r["kind"], when, status, str(r["articles"])))
    widths = [max(len(row[i]) for row in table) for i in range(4)]
    for row in table:
        click.echo("  ".join(cell.ljust(w) for cell, w in zip(row, widths)) + "  " + row[4])


def main() -> None:
    # click exits 2 on usage errors already; keep tracebacks out of users' terminals.
    try:
        cli(prog_name="syndicate")
    except KeyboardInterrupt:
        _fail("interrupted", 130)


if __name__ == "__main__":
    main()
