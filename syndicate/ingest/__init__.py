"""Pick a reader for each input and run it; never let one input stop the others."""

from __future__ import annotations

import glob
import importlib
import os
import re
from pathlib import Path
from typing import Callable, Iterator

from syndicate.errors import IngestError
from syndicate.ingest.base import Problem, ReadContext, ReadResult

Reader = Callable[[bytes, str, ReadContext], ReadResult]

# Readers are imported when first needed: feedparser alone costs ~50 ms of start-up,
# which a cron publish of page-text sources should not pay.
_READER_MODULES = {
    "page-text": "syndicate.ingest.page_text",
    "html": "syndicate.ingest.html",
    "feed": "syndicate.ingest.feed",
}


def reader_for(kind: str) -> Reader | None:
    module = _READER_MODULES.get(kind)
    return importlib.import_module(module).read if module else None

_EXTENSIONS = {
    ".txt": "page-text", ".text": "page-text",
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".xml": "feed", ".rss": "feed", ".atom": "feed", ".rdf": "feed",
}


def detect_kind(path: str, data: bytes) -> str:
    """By content first (a .txt can hold HTML), then by extension."""
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf:rdf")):
        if b"<html" in head or b"<!doctype html" in head:
            return "html"
        return "feed"
    if b"<html" not in head and re.search(rb"<(?:rss|feed|rdf:rdf)[\s>]", head):
        return "feed"  # a feed that opens with a comment or a blank line before its root
    if head.startswith((b"<!doctype html", b"<html", b"<head", b"<body", b"<!--")) or b"<html" in head:
        return "html"
    return _EXTENSIONS.get(os.path.splitext(path)[1].lower(), "page-text")


def read_bytes(data: bytes, source: str, ctx: ReadContext, kind: str | None = None) -> ReadResult:
    kind = kind or detect_kind(source, data)
    reader = reader_for(kind)
    if reader is None:
        return ReadResult(problems=[Problem(source, f"{kind} input is not supported yet")])
    try:
        return reader(data, source, ctx)
    except IngestError as exc:
        return ReadResult(problems=[Problem.from_error(exc, source)])
    except RecursionError:
        return ReadResult(problems=[Problem(source, "too deeply nested to read")])
    except (ValueError, TypeError, KeyError, IndexError, AttributeError, UnicodeError,
            OverflowError, LookupError) as exc:
        # A reader bug on hostile input must cost this input only, never the batch.
        return ReadResult(problems=[Problem(source, f"could not be read ({type(exc).__name__}: {exc})")])


def read_path(path: Path, ctx: ReadContext, kind: str | None = None, label: str | None = None) -> ReadResult:
    label = label or str(path)
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        return ReadResult(problems=[Problem(label, "is a directory, not a file")])
    except OSError as exc:
        return ReadResult(problems=[Problem(label, f"cannot read: {exc.strerror or exc}")])
    return read_bytes(data, label, ctx, kind)


def expand(pattern: str, base: Path) -> Iterator[Path]:
    """A path or glob (with **) relative to ``base``, in a stable order."""
    full = pattern if os.path.isabs(pattern) else str(base / pattern)
    if glob.has_magic(full):
        yield from (Path(p) for p in sorted(glob.glob(full, recursive=True)) if os.path.isfile(p))
    else:
        yield Path(full)
