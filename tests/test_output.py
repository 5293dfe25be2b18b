import os
import threading

import pytest


from syndicate.errors import LockError
from syndicate.output import exclusive_lock, write_if_changed


def test_write_is_atomic_and_skips_identical_bytes(tmp_path):
    path = tmp_path / "out" / "f.xml"
    assert write_if_changed(path, b"one") is True
    assert path.read_bytes() == b"one" and oct(path.stat().st_mode & 0o777) == "0o644"
    before = path.stat().st_mtime_ns
    assert write_if_changed(path, b"one") is False
    assert path.stat().st_mtime_ns == before
    assert write_if_changed(path, b"two") is True and path.read_bytes() == b"two"
    assert os.listdir(path.parent) == ["f.xml"]  # no temp files left behind


def test_lock_excludes_a_second_holder(tmp_path):
    lock = tmp_path / "x.lock"
    with exclusive_lock(lock):
        errors = []

        def second():
            try:
                with exclusive_lock(lock, timeout=0.2):
                    pass
            except LockError as exc:
                errors.append(exc)

        t = threading.Thread(target=second)
        t.start()
        t.join()
        assert len(errors) == 1 and "x.lock" in str(errors[0])
    with exclusive_lock(lock, timeout=0.2):
        pass


def test_a_lock_that_cannot_be_created_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(LockError, match="cannot create the lock file"):
        with exclusive_lock(blocker / "sub" / "x.lock"):
            pass
