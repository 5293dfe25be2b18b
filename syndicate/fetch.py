"""Polite, bounded HTTP GET for feed sources (stdlib urllib only).

Every limit that protects us from a bad server is enforced here: the connect
and read timeouts, a total time budget, the body size (before and after gzip)
and the number of redirects. A conditional request carries the validators the
server gave us last time; a 304 is reported, not raised.
"""

from __future__ import annotations

import functools
import http.client
import socket
import ssl
import time
import urllib.error
import urllib.request
import zlib
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urlsplit

from syndicate.config import FetchSettings
from syndicate.errors import IngestError

_CHUNK = 64 * 1024


@dataclass(frozen=True)
class FetchResult:
    url: str                          # the URL asked for
    final_url: str                    # after redirects
    status: int                       # 200, 304, ...
    body: bytes = b""
    etag: str | None = None
    last_modified: str | None = None
    charset: str | None = None        # from Content-Type, as sent
    content_type: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class FetchError(IngestError):
    """A fetch that failed; ``status`` is the HTTP status when there was one."""

    def __init__(self, message: str, *, source: str, status: int | None = None):
        super().__init__(message, source=source)
        self.status = status


def _connection_class(base: type, connect_timeout: float, read_timeout: float) -> type:
    """A connection whose socket gets one timeout to connect and another for every read."""

    class Connection(base):  # type: ignore[misc, valid-type]
        def connect(self) -> None:
            self.timeout = connect_timeout
            super().connect()
            self.sock.settimeout(read_timeout)

    return Connection


class _HTTPHandler(urllib.request.HTTPHandler):
    def __init__(self, settings: FetchSettings):
        super().__init__()
        self._cls = _connection_class(http.client.HTTPConnection, settings.connect_timeout,
                                      settings.read_timeout)

    def http_open(self, req):
        return self.do_open(self._cls, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def __init__(self, settings: FetchSettings):
        super().__init__(context=ssl.create_default_context())
        self._cls = _connection_class(http.client.HTTPSConnection, settings.connect_timeout,
                                      settings.read_timeout)

    def https_open(self, req):
        return self.do_open(self._cls, req, context=self._context)


class _RedirectHandler(urllib.request.HTTPRedirectHandler):
    def __init__(self, max_redirects: int):
        super().__init__()
        self.limit = max_redirects
        self.max_redirections = self.max_repeats = max_redirects + 2  # ours fire first

    def redirect_request(self, req, fp, code, msg, headers, newurl):
        # Checked here, before urllib's own limits, so the error can say which it was.
        visited = getattr(req, "redirect_dict", {})
        refusal = None
        if newurl == req.full_url or newurl in visited:
            refusal = f"redirect loop (HTTP {code} back to {newurl})"
        elif len(visited) >= self.limit:
            refusal = f"more than {self.limit} redirects"
        elif urlsplit(newurl).scheme.lower() not in ("http", "https"):
            refusal = f"redirect to a non-HTTP URL refused: {newurl}"
        if refusal:
            fp.close()  # the redirect response's connection
            raise FetchError(refusal, source=req.full_url, status=code)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


@functools.lru_cache(maxsize=8)
def _opener(settings: FetchSettings) -> urllib.request.OpenerDirector:
    # build_opener would add the default handlers (file:, ftp:, proxies from the
    # environment); a feed source is http(s) only.
    opener = urllib.request.OpenerDirector()
    for handler in (urllib.request.ProxyHandler(), urllib.request.UnknownHandler(),
                    _HTTPHandler(settings), _HTTPSHandler(settings),
                    urllib.request.HTTPDefaultErrorHandler(), _RedirectHandler(settings.max_redirects),
                    urllib.request.HTTPErrorProcessor()):
        opener.add_handler(handler)
    return opener


def fetch(url: str, settings: FetchSettings = FetchSettings(), *, etag: str | None = None,
          last_modified: str | None = None) -> FetchResult:
    """GET ``url``. Returns a 200 or 304 result; raises FetchError for anything else."""
    if urlsplit(url).scheme.lower() not in ("http", "https"):
        raise FetchError("only http and https URLs can be fetched", source=url)
    headers = {
        "User-Agent": settings.user_agent,
        "Accept": "application/rss+xml, application/atom+xml, application/rdf+xml, "
                  "application/xml;q=0.9, text/xml;q=0.9, */*;q=0.5",
        "Accept-Encoding": "gzip, deflate",
    }
    if etag:
        headers["If-None-Match"] = etag
    if last_modified:
        headers["If-Modified-Since"] = last_modified
    request = urllib.request.Request(url, headers=headers)
    started = time.monotonic()
    try:
        with _opener(settings).open(request, timeout=settings.connect_timeout) as response:
            body = _read_body(response, url, settings, started)
            return _result(url, response.geturl(), response.status, response.headers, body)
    except FetchError:
        raise
    except urllib.error.HTTPError as exc:
        exc.close()  # nothing of an error body is read
        if exc.code == 304:
            return _result(url, exc.geturl() or url, 304, exc.headers, b"")
        retry = (exc.headers.get("Retry-After") or "").strip() if exc.headers else ""
        hint = f" (the server asks to retry after {retry}{' s' if retry.isdigit() else ''})" if retry else ""
        raise FetchError(f"HTTP {exc.code} {exc.reason}".rstrip() + hint, source=url,
                         status=exc.code) from None
    except urllib.error.URLError as exc:
        raise FetchError(_reason(exc.reason, settings), source=url) from None
    except (TimeoutError, socket.timeout):
        raise FetchError(f"timed out (no data for {settings.read_timeout:g} s)", source=url) from None
    except (http.client.HTTPException, OSError, ValueError) as exc:
        raise FetchError(f"connection failed: {exc.__class__.__name__}: {exc}".rstrip(": "),
                         source=url) from None


def _reason(reason: object, settings: FetchSettings) -> str:
    if isinstance(reason, (TimeoutError, socket.timeout)):
        return f"timed out connecting (after {settings.connect_timeout:g} s)"
    if isinstance(reason, ssl.SSLError):
        return f"TLS error: {reason.reason or reason}"
    if isinstance(reason, socket.gaierror):
        return f"cannot resolve host: {reason.strerror or reason}"
    if isinstance(reason, OSError):
        return f"cannot connect: {reason.strerror or reason}"
    return f"cannot fetch: {reason}"


def _read_body(response, url: str, settings: FetchSettings, started: float) -> bytes:
    limit = settings.max_bytes
    length = response.headers.get("Content-Length")
    if length and length.strip().isdigit() and int(length) > limit:
        raise FetchError(f"body is {int(length)} bytes, over the {limit}-byte limit", source=url)
    coding = (response.headers.get("Content-Encoding") or "identity").strip().lower()
    if coding in ("gzip", "x-gzip"):
        inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    elif coding == "deflate":
        inflater = zlib.decompressobj()
    elif coding == "identity":
        inflater = None
    else:
        raise FetchError(f"unsupported Content-Encoding {coding!r}", source=url)
    parts: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() - started > settings.total_timeout:
            raise FetchError(f"timed out (response took over {settings.total_timeout:g} s)", source=url)
        # read1: at most one socket read, so a trickling server cannot outlast the budget.
        chunk = response.read1(_CHUNK)
        if not chunk:
            break
        if inflater is not None:
            try:
                # Bounded inflation: a small gzip bomb must not become gigabytes.
                chunk = inflater.decompress(chunk, limit + 1 - size)
            except zlib.error as exc:
                raise FetchError(f"corrupt {coding} body: {exc}", source=url) from None
            if inflater.unconsumed_tail:
                raise FetchError(f"body is over the {limit}-byte limit (decompressed)", source=url)
        size += len(chunk)
        if size > limit:
            raise FetchError(f"body is over the {limit}-byte limit", source=url)
        parts.append(chunk)
    return b"".join(parts)


def _result(url: str, final_url: str, status: int, headers: Message | None, body: bytes) -> FetchResult:
    headers = headers or Message()
    content_type = headers.get("Content-Type")
    charset = None
    if content_type:
        msg = Message()
        msg["Content-Type"] = content_type
        charset = msg.get_param("charset")
        charset = charset if isinstance(charset, str) else None
    return FetchResult(url=url, final_url=final_url, status=status, body=body,
                       etag=headers.get("ETag"), last_modified=headers.get("Last-Modified"),
                       charset=charset, content_type=content_type)
