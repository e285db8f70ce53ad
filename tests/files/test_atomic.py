"""files/atomic.py: a reader sees the old file or the new one, never half; what a killed write leaves."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from dehong_cli.files.atomic import atomic_write, stale_temp_files

# ------------------------------------------------------------------------- atomic write


def test_atomic_write_creates_and_replaces(tmp_path: Path) -> None:
    path = tmp_path / "2018.yaml"
    atomic_write(path, b"one\n")
    atomic_write(path, b"two\n")
    assert path.read_bytes() == b"two\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["2018.yaml"]


@pytest.mark.parametrize("failing", ["fsync", "replace"])
@pytest.mark.parametrize("error", [OSError(28, "No space left on device"), KeyboardInterrupt()])
def test_atomic_write_failure_leaves_the_old_file_and_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, failing: str, error: BaseException
) -> None:
    path = tmp_path / "2018.yaml"
    path.write_bytes(b"old\n")

    def fail(*args: object) -> None:
        raise error

    monkeypatch.setattr(os, failing, fail)
    with pytest.raises(type(error)):
        atomic_write(path, b"new\n")
    assert path.read_bytes() == b"old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["2018.yaml"]
    assert list(stale_temp_files(tmp_path)) == []


def test_atomic_write_failing_write_leaves_no_temporary(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_fdopen = os.fdopen

    class FullDisk:
        def __init__(self, fd: int, mode: str) -> None:
            self.fh = real_fdopen(fd, mode)

        def __enter__(self) -> FullDisk:
            return self

        def __exit__(self, *exc: object) -> None:
            self.fh.close()

        def write(self, data: bytes) -> int:
            self.fh.write(data[:3])  # half of it lands, then the disk is full
            raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fdopen", FullDisk)
    path = tmp_path / "2018.yaml"
    with pytest.raises(OSError, match="No space"):
        atomic_write(path, b"new content\n")
    assert list(tmp_path.iterdir()) == []


def test_stale_temp_files_finds_what_a_killed_write_left(tmp_path: Path) -> None:
    (tmp_path / ".2018.yaml.abc123.tmp").write_bytes(b"half")
    (tmp_path / "2018.yaml").write_bytes(b"whole")
    assert [p.name for p in stale_temp_files(tmp_path)] == [".2018.yaml.abc123.tmp"]
