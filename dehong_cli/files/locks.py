"""The per-report lock: an flock on a sidecar file, so two imports never write one report at once."""

from __future__ import annotations

import contextlib
import fcntl
import os
import time
from collections.abc import Iterator
from pathlib import Path

from dehong_cli.errors import DehongError

LOCK_TIMEOUT = 30.0  # seconds an import waits for another one writing the same report


class LockTimeout(DehongError):
    """Another import holds the report's lock for longer than we wait."""


class WriteRefused(DehongError):
    """The report exists already, or the data folder cannot be written."""


def _lock_path(path: Path) -> Path:
    return path.parent / f".{path.name}.lock"


@contextlib.contextmanager
def locked(path: Path, deadline: float, timeout: float) -> Iterator[None]:
    """Hold the report's lock (an flock on a sidecar file) until the block ends.

    The lock file is removed on release so no litter stays in reports/. A waiter may then
    hold a lock on a file that is gone, so after locking it checks the path still names
    the same file, and starts over if not.
    """
    lock = _lock_path(path)
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as exc:
            # The first thing an import creates, so this is where a read-only folder shows.
            raise WriteRefused(
                f"cannot write in {path.parent} (creating the lock file {lock.name}): "
                f"{exc.strerror or exc}; nothing was changed"
            ) from None
        try:
            while True:
                try:
                    fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                    break
                except BlockingIOError:
                    if time.monotonic() >= deadline:
                        raise LockTimeout(
                            f"{path} is being written by another import (lock {lock}); gave up after "
                            f"{timeout:g} s. Nothing was changed; run the import again when it has finished"
                        ) from None
                    time.sleep(0.02)
            try:
                same = os.path.samestat(os.stat(lock), os.fstat(fd))
            except FileNotFoundError:
                same = False
        except BaseException:
            os.close(fd)
            raise
        if same:
            break
        os.close(fd)
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)
