"""Read one URL source: a conditional GET, then the reader, then the state to remember.

The state is returned, not stored: the caller records it only after the
articles are safely in the store, so a crash between the two can never leave
an ETag that would hide items we did not keep.
"""

from __future__ import annotations

from dataclasses import replace

from syndicate.fetch import FetchError, FetchSettings, fetch
from syndicate.ingest import read_bytes
from syndicate.ingest.base import Problem, ReadContext, ReadResult
from syndicate.source_state import SourceState
from syndicate.store import ArticleStore


def read_url(url: str, ctx: ReadContext, store: ArticleStore, settings: FetchSettings,
             kind: str | None = None) -> tuple[ReadResult, SourceState]:
    kind = kind or "feed"  # pages are read from files; a URL source is a feed unless told
    previous = store.source_state(url)
    keep = dict(etag=previous.etag, last_modified=previous.last_modified,
                items=previous.items) if previous else {}
    try:
        response = fetch(url, settings, etag=keep.get("etag"), last_modified=keep.get("last_modified"))
    except FetchError as exc:
        state = SourceState(url, "error", kind=kind, http_status=exc.status, message=exc.reason, **keep)
        return ReadResult(problems=[Problem(url, exc.reason)]), state
    if response.not_modified:
        # A 304 may refresh the validators; anything it omits stays as it was.
        state = SourceState(url, "not modified", kind=kind, http_status=304,
                            etag=response.etag or keep.get("etag"),
                            last_modified=response.last_modified or keep.get("last_modified"),
                            items=keep.get("items", 0))
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
        state = SourceState(url, "ok", kind=kind, http_status=response.status, etag=response.etag,
                            last_modified=response.last_modified, items=len(result.articles),
                            message=errors[0].reason if errors else None)
    return result, state
