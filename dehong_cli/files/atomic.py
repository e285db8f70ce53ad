"""Writing a file atomically: a reader sees the old file or the new one, never half of it.

A write killed before its rename leaves a temporary file behind; `remove_stale_temp_files`
clears those that no running write still owns.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from dehong_cli.files.locks import LockTimeout, WriteRefused, locked


def atomic_write(path: Path, data: bytes) -> None:
    """Write `data` to `path` so that a reader sees the old file or the new one, never half.

    Temporary file in the same directory, fsync, rename, then fsync the directory. The new
    file keeps the old one's permissions (mkstemp would make it 0600), or gets the umask's.
    """
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    with contextlib.suppress(OSError):
        dir_fd = os.open(path.parent, os.O_RDONLY)
        try:
            os.fsync(dir_fd)
        finally:
            os.close(dir_fd)


@contextlib.contextmanager
def atomic_stream(path: Path) -> Iterator[IO[bytes]]:
    """A file to write `path` through, piece by piece: a temporary file in the same folder, renamed
    over `path` (after fsync) only when the block ends without an exception, else removed."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(fd, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def _mode_for(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o7777
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def stale_temp_files(directory: Path) -> Iterator[Path]:
    """Temporary files left behind by a write that was killed before its rename."""
    return directory.glob(".*.tmp")


def remove_stale_temp_files(reports_dir: Path) -> list[Path]:
    """Remove temporary files left by a write that was killed, unless that write is still going.

    Lock files left by a killed import go too (taking a free lock removes its file on release);
    they are not reported: a lock file is never data.
    """
    removed: list[Path] = []
    for tmp in sorted(stale_temp_files(reports_dir)):
        # .<name>.<random>.tmp, made by atomic_write while the writer holds <name>'s lock
        target = reports_dir / tmp.name[1:].removesuffix(".tmp").rsplit(".", 1)[0]
        try:
            with locked(target, deadline=0.0, timeout=0.0):
                tmp.unlink(missing_ok=True)
        except (LockTimeout, WriteRefused, OSError):
            continue  # in flight, or not ours to remove
        removed.append(tmp)
    for lock in sorted(reports_dir.glob(".*.lock")):
        target = reports_dir / lock.name[1:].removesuffix(".lock")
        with contextlib.suppress(LockTimeout, WriteRefused, OSError), locked(target, 0.0, 0.0):
            pass  # free: released at once, which removes the file
    return removed
