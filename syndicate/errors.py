"""One error hierarchy; every error says where it happened."""

from __future__ import annotations


class SyndicateError(Exception):
    """Base of every error syndicate raises on purpose."""


class ConfigError(SyndicateError):
    def __init__(self, message: str, *, path: str | None = None, key: str | None = None):
        self.path = path
        self.key = key
        where = ": ".join(p for p in (path, key) if p)
        super().__init__(f"{where}: {message}" if where else message)


class IngestError(SyndicateError):
    """A source (or one item of it) could not be read."""

    def __init__(self, message: str, *, source: str | None = None, line: int | None = None,
                 item: str | None = None):
        self.reason = message
        self.source = source
        self.line = line
        self.item = item
        super().__init__(message)


class StoreError(SyndicateError):
    pass


class FeedError(SyndicateError):
    pass


class LockError(SyndicateError):
    pass
