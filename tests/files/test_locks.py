"""files/locks.py: one writer per report; a held lock times out with LockTimeout; no lock file left."""

from __future__ import annotations

import fcntl
import os
import time
from pathlib import Path

import pytest

from dehong_cli.files.locks import LockTimeout, WriteRefused, locked


def test_the_lock_file_is_gone_after_the_block(tmp_path: Path) -> None:
    path = tmp_path / "2019.yaml"
    with locked(path, time.monotonic() + 1, 1):
        assert (tmp_path / ".2019.yaml.lock").exists()
    assert list(tmp_path.iterdir()) == []


def test_a_held_lock_times_out_naming_the_report(tmp_path: Path) -> None:
    path = tmp_path / "2019.yaml"
    fd = os.open(tmp_path / ".2019.yaml.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        with pytest.raises(LockTimeout, match="being written by another import"), locked(path, 0.0, 0.0):
            pass  # pragma: no cover - never entered
    finally:
        os.close(fd)


def test_a_folder_that_cannot_be_written_is_refused(tmp_path: Path) -> None:
    with (
        pytest.raises(WriteRefused, match="cannot write in"),
        locked(tmp_path / "no" / "2019.yaml", 0.0, 0.0),
    ):
        pass  # pragma: no cover - never entered
