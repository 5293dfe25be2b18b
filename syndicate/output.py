"""Writing files so that a reader never sees half of one, and an unchanged file keeps its mtime."""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
import tempfile
import time
from pathlib import Path
from typing import Iterator

from syndicate.errors import FeedError, LockError


def write_if_changed(path: Path, data: bytes) -> bool:
    """Atomically replace ``path`` with ``data``; False (and no write) when the bytes are equal."""
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass  # absent or unreadable: writing it says what is wrong, if anything
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    except OSError as exc:
        raise FeedError(f"cannot write in {path.parent}: {exc.strerror or exc}") from None
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644)  # mkstemp makes 0600; a web server must be able to read feeds
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise FeedError(f"cannot write: {exc.strerror or exc}") from None
    return True


@contextlib.contextmanager
def exclusive_lock(path: Path, timeout: float = 120.0) -> Iterator[None]:
    """One publish at a time per store; a second one waits for the first rather than racing it."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockError(f"{path}: cannot create the lock file: {exc.strerror or exc}") from None
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except OSError as exc:
                if exc.errno not in (errno.EAGAIN, errno.EACCES):
                    raise
                if time.monotonic() > deadline:
                    raise LockError(f"{path}: another syndicate run has held the lock for "
                                    f"{timeout:.0f}s; giving up") from None
                time.sleep(0.05)
        yield
    finally:
        os.close(fd)  # closing releases the lock
