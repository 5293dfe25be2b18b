"""Read URL sources: conditional GETs (several at once), then the reader, then the state to keep.

Fetching is I/O-bound and polite servers are slow, so the requests of one run go
out together on a small thread pool; reading and storing stay in the calling
thread, in configuration order, so the output never depends on which server
answered first.

The state is returned, not stored: the caller records it only after the
articles are safely in the store, so a crash between the two can never leave
an ETag that would hide items we did not keep.
"""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace
from typing import Mapping, Sequence

from syndicate.fetch import FetchError, FetchResult, FetchSettings, fetch
from syndicate.ingest import read_bytes
from syndicate.ingest.base import Problem, ReadContext, ReadResult
from syndicate.source_state import SourceState
from syndicate.store import ArticleStore


@dataclass(frozen=True)
class Fetched:
    url: str
    previous: SourceState | None
    response: FetchResult | None = None
    error: FetchError | None = None


def fetch_sources(urls: Sequence[str], store: ArticleStore, settings: FetchSettings,
                  reading: Mapping[str, str] | None = None) -> dict[str, Fetched]:
    """Conditional GET of every URL, ``settings.workers`` at a time.

    ``reading`` maps a URL to the key of the settings it is read with; a source
    read differently last time is fetched in full, since a 304 would keep its
    articles where the old settings put them.
    """
    unique = list(dict.fromkeys(urls))
    previous = {url: store.source_state(url) for url in unique}  # sqlite stays in this thread

    def one(url: str) -> Fetched:
        prev = previous[url]
        conditional = prev is not None and (reading is None or prev.settings == reading.get(url))
        try:
            response = fetch(url, settings, etag=prev.etag if conditional else None,
                             last_modified=prev.last_modified if conditional else None)
        except FetchError as exc:
            return Fetched(url, prev, error=exc)
        except Exception as exc:  # a worker must hand back every failure, never lose it
            return Fetched(url, prev, error=FetchError(f"fetch failed: {exc.__class__.__name__}: {exc}",
                                                       source=url))
        return Fetched(url, prev, response=response)

    if len(unique) <= 1 or settings.workers <= 1:
        return {url: one(url) for url in unique}
    with ThreadPoolExecutor(max_workers=min(settings.workers, len(unique)),
                            thread_name_prefix="syndicate-fetch") as pool:
        return dict(zip(unique, pool.map(one, unique)))


def read_fetched(fetched: Fetched, ctx: ReadContext, store: ArticleStore,
                 kind: str | None = None, reading: str | None = None) -> tuple[ReadResult, SourceState]:
    url, previous = fetched.url, fetched.previous
    kind = kind or "feed"  # pages are read from files; a URL source is a feed unless told
    keep = dict(etag=previous.etag, last_modified=previous.last_modified,
                items=previous.items, settings=previous.settings) if previous else {}
    if fetched.error is not None:
        exc = fetched.error
        state = SourceState(url, "error", kind=kind, http_status=exc.status, message=exc.reason, **keep)
        return ReadResult(problems=[Problem(url, exc.reason)]), state
    response = fetched.response
    assert response is not None
    if response.not_modified:
        # A 304 may refresh the validators; anything it omits stays as it was.
        state = SourceState(url, "not modified", kind=kind, http_status=304,
                            etag=response.etag or keep.get("etag"),
                            last_modified=response.last_modified or keep.get("last_modified"),
                            items=keep.get("items", 0), settings=reading)
        return ReadResult(), state
    ctx = replace(ctx, http_charset=response.charset,
                  first_seen=ctx.first_seen or store.first_seen)
    result = read_bytes(response.body, url, ctx, kind)
    errors = [p for p in result.problems if p.severity == "error"]
    if errors and not result.articles:
        # Keep the old validators: the next run must fetch this body again, not get a 304.
        state = SourceState(url, "error", kind=kind, http_status=response.status,
                            message=errors[0].reason, **keep)
    else:
        moved = f"redirected to {response.final_url}" if response.final_url != url else None
        state = SourceState(url, "ok", kind=kind, http_status=response.status, etag=response.etag,
                            last_modified=response.last_modified, items=len(result.articles),
                            message=errors[0].reason if errors else moved, settings=reading)
    return result, state


def read_url(url: str, ctx: ReadContext, store: ArticleStore, settings: FetchSettings,
             kind: str | None = None) -> tuple[ReadResult, SourceState]:
    """One URL source, start to finish."""
    return read_fetched(fetch_sources([url], store, settings)[url], ctx, store, kind)
