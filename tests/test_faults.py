"""Faults while reading and writing: no permission, disk full, a kill mid-import, racing imports,
a lock held too long, report files that vanish or are not files at all.

Each test drives the real CLI (in process, or as `python -m dehong_cli` where a real process is
needed) on files in tmp_path, and checks the exit code, the message and the bytes of every file.
Permission faults are simulated: the tests run as root in CI, and root ignores permission bits.
"""

from __future__ import annotations

import concurrent.futures
import errno
import fcntl
import itertools
import os
import random
import shutil
import stat
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from conftest import SHIPPED, Invoke, write

from dehong_cli.checks import valid_reports
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.checks.report import load_report
from dehong_cli.checks.run import PARALLEL_THRESHOLD
from dehong_cli.files import locations, paths
from dehong_cli.files.locations import report_file_name, report_files
from dehong_cli.importer.limits import MAX_SOURCE_BYTES
from dehong_cli.model.units import MAX_MAGNITUDE

OLD_REPORT = (
    "# 2019 report, kept by hand\n"
    "year: 2019\n"
    "provenance: official\n"
    "source: 州统计局\n"
    "values:\n"
    "  gdp: 380\n"
    "  national_high_tech_enterprises: 8\n"
)
SHEET = "指标,数值\n企业孵化器,5\n培养创客,100\n"


# ------------------------------------------------------------------------------ helpers


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every entry under `folder`: a file's bytes, a link's target, a folder's mark."""
    out: dict[str, bytes] = {}
    for path in sorted(folder.rglob("*")):
        name = str(path.relative_to(folder))
        if path.is_symlink():
            out[name] = b"-> " + os.fsencode(os.readlink(path))
        elif path.is_dir():
            out[name] = b"<folder>"
        else:
            out[name] = path.read_bytes()
    return out


def litter(reports: Path) -> list[str]:
    """Temporary and lock files (dot files) in the reports folder."""
    return sorted(p.name for p in reports.iterdir() if p.name.startswith("."))


def _state(path: Path, old: bytes | None, new: bytes) -> str:
    if not path.exists():
        return "absent"
    content = path.read_bytes()
    return "old" if content == old else "new" if content == new else "neither"


def no_traceback(text: str) -> None:
    assert "Traceback" not in text and 'File "' not in text, text


@pytest.fixture
def data(empty_data_dir: Path) -> Path:
    """The shipped catalogue and one existing report, 2019.yaml, with a comment on top."""
    write(empty_data_dir / "reports" / "2019.yaml", OLD_REPORT)
    return empty_data_dir


@pytest.fixture
def sheet(tmp_path: Path) -> Path:
    return write(tmp_path / "科技局.csv", SHEET)


def hold_lock(report: Path) -> int:
    """Take the lock the writer takes for `report` (an flock on reports/.<name>.lock)."""
    fd = os.open(report.parent / f".{report.name}.lock", os.O_RDWR | os.O_CREAT, 0o644)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def dehong(*args: str | Path) -> list[str]:
    """The command line of a real `dehong` process."""
    return [sys.executable, "-m", "dehong_cli", *map(str, args)]


def environ(lock_timeout: str = "60") -> dict[str, str]:
    return {**os.environ, "DEHONG_LOCK_TIMEOUT": lock_timeout}


def waiting_on(proc: subprocess.Popen[Any], lock: Path, limit: float = 60.0) -> None:
    """Return once `proc` has the lock file open: it is then waiting for the lock.

    Linux shows a process's open files under /proc; elsewhere give it a second.
    """
    if not Path("/proc/self/fd").is_dir():  # pragma: no cover - not Linux
        time.sleep(1.0)
        return
    fds = Path(f"/proc/{proc.pid}/fd")
    target = str(lock.parent.resolve() / lock.name)
    end = time.monotonic() + limit
    while time.monotonic() < end:
        try:
            if any(os.readlink(fd) == target for fd in fds.iterdir()):
                return
        except OSError:
            pass  # an fd closed while listing
        if proc.poll() is not None:
            raise AssertionError(f"dehong exited ({proc.returncode}) without waiting for {lock}")
        time.sleep(0.005)
    raise AssertionError(f"dehong never opened {lock}")


# ------------------------------------------------------------------- no permission to write


def refuse_writes_in(monkeypatch: pytest.MonkeyPatch, folder: Path) -> None:
    """Make `folder` a folder the user may read but not write in, as the kernel does (EACCES).

    Root ignores permission bits, so the calls that create, rename or remove an entry of
    `folder` are made to fail the way they fail for a user without write permission.
    """

    def inside(path: Any) -> bool:
        return Path(os.path.abspath(os.fsdecode(path))).parent == folder

    def denied(path: Any) -> PermissionError:
        return PermissionError(errno.EACCES, os.strerror(errno.EACCES), os.fsdecode(path))

    real_open = os.open

    def open_(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        if flags & os.O_CREAT and inside(path) and not os.path.lexists(path):
            raise denied(path)
        return real_open(path, flags, *args, **kwargs)

    def refuse(real: Callable[..., Any]) -> Callable[..., Any]:
        def call(*paths: Any, **kwargs: Any) -> Any:
            for path in paths[:2]:
                if isinstance(path, str | bytes | os.PathLike) and inside(path):
                    raise denied(path)
            return real(*paths, **kwargs)

        return call

    monkeypatch.setattr(os, "open", open_)
    for name in ("mkdir", "replace", "rename", "unlink", "rmdir"):
        monkeypatch.setattr(os, name, refuse(getattr(os, name)))


@pytest.mark.parametrize("year", ["2019", "2018"], ids=["existing-report", "new-report-file"])
def test_a_read_only_reports_folder_refuses_the_import(
    cli: Invoke, data: Path, sheet: Path, year: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    reports = data / "reports"
    before = snapshot(data)
    refuse_writes_in(monkeypatch, reports)
    result = cli("import", sheet, "--year", year, "--data-dir", data)
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write in {reports} (creating the lock file .{year}.yaml.lock): "
        "Permission denied; nothing was changed\n"
    )
    no_traceback(result.stderr)
    monkeypatch.undo()
    assert snapshot(data) == before
    assert litter(reports) == []


def test_a_dry_run_needs_no_write_permission(
    cli: Invoke, data: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(data)
    refuse_writes_in(monkeypatch, data / "reports")
    result = cli("import", sheet, "--year", "2019", "--dry-run", "--data-dir", data)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.startswith(f"dry run: would write {data / 'reports' / '2019.yaml'} (2 added")
    monkeypatch.undo()
    assert snapshot(data) == before


def test_a_read_only_data_folder_without_reports_refuses_the_import(
    cli: Invoke, empty_data_dir: Path, sheet: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (empty_data_dir / "reports").rmdir()
    before = snapshot(empty_data_dir)
    refuse_writes_in(monkeypatch, empty_data_dir)
    result = cli("import", sheet, "--year", "2019", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot create {empty_data_dir / 'reports'}: Permission denied\n"
    monkeypatch.undo()
    assert snapshot(empty_data_dir) == before


def test_a_read_only_reports_folder_refuses_new_report(
    cli: Invoke, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = snapshot(data)
    refuse_writes_in(monkeypatch, data / "reports")
    result = cli("new-report", "--year", "2020", "--data-dir", data)
    assert result.exit_code == 1
    assert "cannot write in" in result.stderr and "Permission denied; nothing was changed" in result.stderr
    assert result.stdout == ""
    monkeypatch.undo()
    assert snapshot(data) == before


def test_a_read_only_folder_refuses_export_output(
    cli: Invoke, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    out = tmp_path / "out"
    out.mkdir()
    refuse_writes_in(monkeypatch, out)
    result = cli("export", "--output", out / "all.csv", "--data-dir", data)
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write {out / 'all.csv'}: Permission denied\n"
    monkeypatch.undo()
    assert list(out.iterdir()) == []


@pytest.fixture
def immutable() -> Iterator[Callable[[Path], None]]:
    """`chattr +i`: a folder even root cannot write in; skipped where the system does not allow it."""
    done: list[Path] = []

    def make(folder: Path) -> None:
        if shutil.which("chattr") is None:
            pytest.skip("no chattr")
        if subprocess.run(["chattr", "+i", str(folder)], capture_output=True).returncode != 0:
            pytest.skip("chattr +i is not permitted here (no CAP_LINUX_IMMUTABLE, or the file system)")
        done.append(folder)

    yield make
    for folder in done:
        subprocess.run(["chattr", "-i", str(folder)], check=True)


def test_a_folder_the_kernel_refuses_to_write_in(
    data: Path, sheet: Path, immutable: Callable[[Path], None]
) -> None:
    """The same refusal, from the kernel itself rather than a simulation."""
    reports = data / "reports"
    before = snapshot(data)
    immutable(reports)
    run = subprocess.run(
        dehong("import", sheet, "--year", "2019", "--data-dir", data), capture_output=True, text=True
    )
    assert run.returncode == 1
    assert run.stderr.startswith(
        f"error: cannot write in {reports} (creating the lock file .2019.yaml.lock): "
    )
    assert run.stderr.endswith("; nothing was changed\n")
    no_traceback(run.stderr)
    assert snapshot(data) == before


# ------------------------------------------------------------------------------ disk full


def enospc() -> OSError:
    return OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))


class _FillsUp:
    """A file that takes half of what is written to it, then says the disk is full."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh

    def __enter__(self) -> _FillsUp:
        return self

    def __exit__(self, *exc: object) -> None:
        self.fh.close()

    def write(self, data: bytes) -> int:
        self.fh.write(data[: len(data) // 2])
        self.fh.flush()
        raise enospc()

    def flush(self) -> None:
        self.fh.flush()

    def fileno(self) -> int:
        return int(self.fh.fileno())


def fill_disk(
    monkeypatch: pytest.MonkeyPatch, where: str, failing: Callable[[int], bool] = lambda n: True
) -> None:
    """Make the n-th file written fail with ENOSPC, when failing(n), at `where`:
    half-way through writing it, at its fsync, or at the rename that puts it in place."""
    count = itertools.count(1)
    if where == "write":
        real_fdopen = os.fdopen

        def fdopen(*args: Any, **kwargs: Any) -> Any:
            fh = real_fdopen(*args, **kwargs)
            return _FillsUp(fh) if failing(next(count)) else fh

        monkeypatch.setattr(os, "fdopen", fdopen)
    elif where == "fsync":
        real_fsync = os.fsync

        def fsync(fd: int) -> None:
            if not stat.S_ISDIR(os.fstat(fd).st_mode) and failing(next(count)):
                raise enospc()
            real_fsync(fd)

        monkeypatch.setattr(os, "fsync", fsync)
    else:
        real_replace = os.replace

        def replace(src: Any, dst: Any) -> None:
            if failing(next(count)):
                raise enospc()
            real_replace(src, dst)

        monkeypatch.setattr(os, "replace", replace)


@pytest.mark.parametrize("where", ["write", "fsync", "rename"])
def test_disk_full_leaves_the_old_report_whole(
    cli: Invoke, data: Path, sheet: Path, where: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    report = data / "reports" / "2019.yaml"
    before = snapshot(data)
    fill_disk(monkeypatch, where)
    result = cli("import", sheet, "--year", "2019", "--data-dir", data)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == f"error: cannot write {report}: No space left on device; nothing was written\n"
    assert snapshot(data) == before  # byte-identical, and no temporary file left
    assert litter(data / "reports") == []
    again = cli("import", sheet, "--year", "2019", "--data-dir", data)  # room again: it lands
    assert again.exit_code == 0, again.stderr
    assert "+ added     business_incubators" in again.stdout


@pytest.mark.parametrize("first", ["existing", "new"])
def test_disk_full_on_the_second_file_puts_the_first_back(
    cli: Invoke, data: Path, tmp_path: Path, first: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An import into two reports is refused whole: the one already written is put back (or removed)."""
    if first == "existing":
        write(data / "reports" / "2018.yaml", OLD_REPORT.replace("2019", "2018"))
    wide = write(tmp_path / "wide.csv", "年份,企业孵化器,培养创客\n2018,20,900\n2019,25,1100\n")
    reports = data / "reports"
    before = snapshot(data)
    fill_disk(monkeypatch, "rename", lambda n: n == 2)
    result = cli("import", wide, "--data-dir", data)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {reports / '2019.yaml'}: No space left on device; "
        f"put back {reports / '2018.yaml'} as it was: nothing was changed\n"
    )
    assert snapshot(data) == before


def test_when_nothing_can_be_put_back_the_message_says_which_file_changed(
    cli: Invoke, data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    write(data / "reports" / "2018.yaml", OLD_REPORT.replace("2019", "2018"))
    wide = write(tmp_path / "wide.csv", "年份,企业孵化器\n2018,20\n2019,25\n")
    reports = data / "reports"
    old_2019 = (reports / "2019.yaml").read_bytes()
    fill_disk(monkeypatch, "write", lambda n: n >= 2)  # the second report, and putting the first back
    result = cli("import", wide, "--data-dir", data)
    monkeypatch.undo()
    assert result.exit_code == 1
    assert result.stderr == (
        f"error: cannot write {reports / '2019.yaml'}: No space left on device; could not put back "
        f"{reports / '2018.yaml'} (No space left on device): it holds the imported figures; check it\n"
    )
    assert (reports / "2019.yaml").read_bytes() == old_2019
    cat = load_catalogue(SHIPPED / "targets.yaml")
    report, problems = load_report(reports / "2018.yaml", cat)  # whole, with the new figure
    assert problems == [] and report is not None and report.figures()["business_incubators"] == 20
    assert litter(reports) == []


# ------------------------------------------------------------------ killed in the middle


def start(*args: str | Path) -> subprocess.Popen[bytes]:
    """A real `dehong` process, its output thrown away."""
    return subprocess.Popen(
        dehong(*args), env=environ(), stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def let_go_when_waiting(proc: subprocess.Popen[bytes], report: Path, fd: int) -> float:
    """Release the lock held on `report` once `proc` waits for it; return the wall-clock time."""
    waiting_on(proc, report.parent / f".{report.name}.lock")
    released = time.time()
    os.close(fd)
    return released


def test_an_import_killed_at_random_points_never_leaves_half_a_report(
    cli: Invoke, data: Path, tmp_path: Path
) -> None:
    """SIGKILL `dehong import` again and again; every report stays loadable, old or new, never half.

    The import writes two reports (2018 is new, 2019 exists). One kill in three lands at a random
    point after the process starts; the others are aimed at the writes: the test holds the lock,
    waits until the import is waiting for it, lets go and kills it a random moment later. Each
    file must then be exactly its old bytes or exactly its new ones, wherever the kill landed.
    Each round starts again from the old files; what a kill leaves in the folder (temporary and
    lock files) stays there for the next import to deal with.
    """
    wide = write(
        tmp_path / "wide.csv", "年份,企业孵化器,培养创客,国家高新技术企业\n2018,20,900,7\n2019,25,1100,8\n"
    )
    reports = data / "reports"
    old = snapshot(reports)
    # The same import, run whole on a copy: what each file must hold once the import lands, and
    # how long it takes here, from the start and from the lock being let go to the files written
    # (to aim the kills; never asserted).
    copy = tmp_path / "copy"
    shutil.copytree(data, copy)
    started = time.monotonic()
    assert start("import", wide, "--data-dir", copy).wait(60) == 0
    whole = time.monotonic() - started
    new = snapshot(copy / "reports")
    assert sorted(new) == ["2018.yaml", "2019.yaml"] and new["2019.yaml"] != old["2019.yaml"]
    shutil.rmtree(copy)
    shutil.copytree(data, copy)
    fd = hold_lock(copy / "reports" / "2018.yaml")
    proc = start("import", wide, "--data-dir", copy)
    released = let_go_when_waiting(proc, copy / "reports" / "2018.yaml", fd)
    assert proc.wait(60) == 0
    to_write = max(max(p.stat().st_mtime for p in (copy / "reports").glob("*.yaml")) - released, 0.002)

    cat = load_catalogue(SHIPPED / "targets.yaml")
    rng = random.Random(20170302)
    landed: list[str] = []  # where each kill landed, shown when an assertion fails
    for i in range(12):
        if i % 3:  # two in three aimed at the writes
            fd = hold_lock(reports / "2018.yaml")
            proc = start("import", wide, "--data-dir", data)
            let_go_when_waiting(proc, reports / "2018.yaml", fd)
            time.sleep(rng.uniform(0, to_write * 1.5))
        else:
            proc = start("import", wide, "--data-dir", data)
            time.sleep(rng.uniform(0, whole * 1.2))
        proc.kill()
        code = proc.wait(60)
        state = {name: _state(reports / name, old.get(name), new[name]) for name in sorted(new)}
        landed.append(f"kill {i}: exit {code}, {state}, left {litter(reports)}")
        assert state["2019.yaml"] in ("old", "new") and state["2018.yaml"] in ("absent", "new"), landed
        for name in sorted(new):
            if state[name] != "absent":
                report, problems = load_report(reports / name, cat)
                assert report is not None and problems == [], (landed, problems)
        assert cli("validate", "--lang", "en", "--data-dir", data).exit_code == 0, landed
        (reports / "2018.yaml").unlink(missing_ok=True)
        (reports / "2019.yaml").write_bytes(old["2019.yaml"])

    last = subprocess.run(
        dehong("import", wide, "--data-dir", data), capture_output=True, text=True, env=environ()
    )
    assert last.returncode == 0, last.stderr
    assert last.stderr.startswith(f"imported: {reports / '2018.yaml'}, {reports / '2019.yaml'} "), landed
    assert litter(reports) == [], landed  # no temporary file, no lock file
    assert snapshot(reports) == new
    assert cli("validate", "--lang", "en", "--data-dir", data).exit_code == 0


def test_the_next_import_clears_what_a_killed_one_left(cli: Invoke, data: Path, sheet: Path) -> None:
    """A half-written temporary file and lock files, as SIGKILL leaves them: the next import removes them."""
    reports = data / "reports"
    half = write(reports / ".2019.yaml.k3j2a8x1.tmp", OLD_REPORT[:40])
    write(reports / ".2019.yaml.lock", "")
    write(reports / ".2017.yaml.lock", "")  # a report this import does not touch
    result = cli("import", sheet, "--year", "2019", "--data-dir", data)
    assert result.exit_code == 0, result.stderr
    assert result.stderr.endswith("; removed 1 leftover temporary file\n")
    assert not half.exists()
    assert litter(reports) == []
    assert cli("validate", "--lang", "en", "--data-dir", data).exit_code == 0


# ------------------------------------------------------------------------------- racing


def test_two_imports_racing_on_one_report_both_land(cli: Invoke, data: Path, tmp_path: Path) -> None:
    """Both wait on the lock the test holds, then race for it when it is let go."""
    a = write(tmp_path / "a.csv", "指标,数值\n企业孵化器,5\n培养创客,100\n")
    b = write(tmp_path / "b.csv", "指标,数值\n技术创新团队,3\n省级重点实验室,2\n")
    reports = data / "reports"
    fd = hold_lock(reports / "2019.yaml")
    procs = [
        subprocess.Popen(
            dehong("import", s, "--year", "2019", "--data-dir", data),
            env=environ(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for s in (a, b)
    ]
    try:
        for proc in procs:
            waiting_on(proc, reports / ".2019.yaml.lock")
    finally:
        os.close(fd)
    outs = [proc.communicate(timeout=60) for proc in procs]
    assert [proc.returncode for proc in procs] == [0, 0], outs
    for (_, err), sheet in zip(outs, (a, b), strict=True):
        assert err.startswith(f"imported: {reports / '2019.yaml'} (2 added, 0 replaced, 0 unchanged)"), sheet
    report, problems = load_report(reports / "2019.yaml", load_catalogue(SHIPPED / "targets.yaml"))
    assert problems == [] and report is not None
    assert report.figures() == {
        "gdp": 380,
        "national_high_tech_enterprises": 8,
        "business_incubators": 5,
        "makers_trained": 100,
        "innovation_teams": 3,
        "provincial_key_labs": 2,
    }
    assert (reports / "2019.yaml").read_text(encoding="utf-8").startswith("# 2019 report, kept by hand\n")
    assert litter(reports) == []
    assert cli("validate", "--lang", "en", "--data-dir", data).exit_code == 0


# ------------------------------------------------------------------------- lock timeout


def test_a_held_lock_times_out_and_changes_nothing(data: Path, sheet: Path) -> None:
    reports = data / "reports"
    fd = hold_lock(reports / "2019.yaml")
    try:
        before = snapshot(data)
        run = subprocess.run(
            dehong("import", sheet, "--year", "2019", "--data-dir", data),
            capture_output=True,
            text=True,
            env=environ("0.5"),
        )
        assert snapshot(data) == before
    finally:
        os.close(fd)
    assert run.returncode == 1
    assert run.stderr == (
        f"error: {reports / '2019.yaml'} is being written by another import "
        f"(lock {reports / '.2019.yaml.lock'}); gave up after 0.5 s. "
        "Nothing was changed; run the import again when it has finished\n"
    )
    assert run.stdout == ""


def test_new_report_waits_for_the_lock_too(cli: Invoke, data: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DEHONG_LOCK_TIMEOUT", "0.2")
    fd = hold_lock(data / "reports" / "2020.yaml")
    try:
        result = cli("new-report", "--year", "2020", "--data-dir", data)
    finally:
        os.close(fd)
    assert result.exit_code == 1
    assert "is being written by another import" in result.stderr and "gave up after 0.2 s" in result.stderr
    assert not (data / "reports" / "2020.yaml").exists()


@pytest.mark.parametrize("value", ["soon", "-1", "nan"])
def test_a_lock_timeout_that_is_not_a_number_of_seconds_is_a_usage_error(
    cli: Invoke, data: Path, sheet: Path, value: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DEHONG_LOCK_TIMEOUT", value)
    before = snapshot(data)
    result = cli("import", sheet, "--year", "2019", "--data-dir", data)
    assert result.exit_code == 2
    assert result.stderr.startswith("error: $DEHONG_LOCK_TIMEOUT must be ") and f"'{value}'" in result.stderr
    assert snapshot(data) == before


# ------------------------------------------------------- files that vanish or are not files

# The commands that read every report. `validate` on the same faults is held by
# tests/test_adversarial.py (the generated corpus cases and the folder tests).
READERS = [
    ("status",),
    ("export",),
    ("show", "national_high_tech_enterprises"),
]


def two_reports(data: Path) -> Path:
    """A second report beside 2019.yaml: the one that is made to go missing."""
    return write(data / "reports" / "2018.yaml", OLD_REPORT.replace("2019", "2018"))


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_a_report_deleted_between_listing_and_reading(
    cli: Invoke, data: Path, command: tuple[str, ...], monkeypatch: pytest.MonkeyPatch
) -> None:
    gone = two_reports(data)
    real = report_files

    def listing_then_delete(data_dir: Path) -> list[Path]:
        found = real(data_dir)
        gone.unlink()  # another process removes it right after the folder was listed
        return found

    for module in (locations, valid_reports, paths):  # where it is defined, and where it is imported
        monkeypatch.setattr(module, "report_files", listing_then_delete)
    result = cli(*command, "--data-dir", data)
    assert result.exit_code == 1
    assert f"{gone}:1:1: error[not-found]: no such file" in result.stdout + result.stderr
    no_traceback(result.stdout + result.stderr)


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.symlink_to(p.name), "error[unreadable]: cannot read: Too many levels of symbolic links"),
        (lambda p: p.mkdir(), "error[not-a-file]: is a directory, expected a YAML file"),
        (lambda p: p.symlink_to("nowhere.yaml"), "error[not-found]: no such file"),
    ],
    ids=["symlink-loop", "folder", "broken-link"],
)
def test_a_report_name_that_is_not_a_file(
    cli: Invoke, data: Path, command: tuple[str, ...], make: Callable[[Path], None], message: str
) -> None:
    bad = data / "reports" / "2018.yaml"
    make(bad)
    before = snapshot(data)
    result = cli(*command, "--data-dir", data)
    assert result.exit_code == 1
    assert f"{bad}:1:1: {message}" in result.stdout + result.stderr
    no_traceback(result.stdout + result.stderr)
    assert snapshot(data) == before


@pytest.mark.parametrize("command", READERS, ids=lambda c: c[0])
def test_a_reports_folder_that_is_a_symlink_loop(cli: Invoke, data: Path, command: tuple[str, ...]) -> None:
    reports = data / "reports"
    shutil.rmtree(reports)
    reports.symlink_to("reports")
    result = cli(*command, "--data-dir", data)
    assert result.exit_code == 1
    expected = f"{reports}: error[unreadable]: cannot list the folder: Too many levels of symbolic links"
    assert expected in result.stdout + result.stderr
    no_traceback(result.stdout + result.stderr)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda p: p.symlink_to(p.name), "is a symlink loop; fix or remove it, then import again"),
        (lambda p: p.symlink_to("nowhere.yaml"), "is a broken link (to nowhere.yaml); fix or remove it"),
        (lambda p: p.mkdir(), "is a directory, expected a YAML file"),
    ],
    ids=["symlink-loop", "broken-link", "folder"],
)
@pytest.mark.parametrize("command", ["import", "new-report"])
def test_writing_over_a_report_name_that_is_not_a_file_is_refused(
    cli: Invoke,
    data: Path,
    sheet: Path,
    command: str,
    make: Callable[[Path], None],
    message: str,
) -> None:
    """Before the fix, import replaced a looping or broken link with a new file and called it new."""
    bad = data / "reports" / "2018.yaml"
    make(bad)
    before = snapshot(data)
    args = ("import", sheet) if command == "import" else ("new-report",)
    result = cli(*args, "--year", "2018", "--data-dir", data)
    assert result.exit_code == 1
    if command == "new-report" and bad.is_dir():
        assert result.stderr == f"error: {bad} already exists; " + (
            "new-report never overwrites a report (edit it by hand, or add figures with `dehong import`)\n"
        )
    else:
        assert f"{bad}:1:1: error[" in result.stderr and message in result.stderr
    no_traceback(result.stderr)
    assert snapshot(data) == before


# ------------------------------------------------------------------------ import limits


def test_a_sheet_over_the_size_limit_is_refused_unread(cli: Invoke, data: Path, tmp_path: Path) -> None:
    sheet = tmp_path / "huge.csv"
    with sheet.open("wb") as fh:
        fh.write(SHEET.encode("utf-8"))
        fh.truncate(MAX_SOURCE_BYTES + 1)
    before = snapshot(data)
    result = cli("import", sheet, "--year", "2019", "--data-dir", data)
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{sheet}:1:1: error[too-large]: over 20 MiB; not a sheet")
    assert snapshot(data) == before


@pytest.mark.parametrize(
    ("cell", "words"),
    [
        ("1000000000000001", "1000000000000001 is too large to be a real figure"),
        ("1e16", "10000000000000000 is too large to be a real figure"),
        ("1000000000000000", None),  # the limit itself is accepted
    ],
)
def test_a_figure_beyond_the_largest_number_is_refused(
    cli: Invoke, data: Path, tmp_path: Path, cell: str, words: str | None
) -> None:
    assert MAX_MAGNITUDE == 1e15
    sheet = write(tmp_path / "big.csv", f"指标,数值\ntech_enterprise_sales,{cell}\n")
    before = snapshot(data)
    result = cli("import", sheet, "--year", "2019", "--data-dir", data)
    if words is None:
        assert result.exit_code == 0, result.stderr
        assert (
            cli("validate", "--lang", "en", "--data-dir", data).exit_code == 0
        )  # and what was written validates
        return
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{sheet}:2:2: error[range]: row 2, column 数值: {words}")
    assert snapshot(data) == before


# ----------------------------------------------------------------- no worker processes


def test_validate_with_one_job_needs_no_worker_process(
    cli: Invoke, empty_data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where no process can be started (a process limit, a sandbox), `-j 1` still validates.

    Before the fix, --jobs was accepted and ignored: enough files always went to a pool.
    """
    targets = empty_data_dir / "targets.yaml"
    extra = "".join(
        f"  - code: '53319{i}'\n    name: 测试县{i}\n    name_en: Test County {i}\n    level: county\n"
        for i in range(2)
    )
    targets.write_text(targets.read_text(encoding="utf-8").replace("regions:\n", f"regions:\n{extra}", 1))
    cat = load_catalogue(targets)
    for region in cat.regions:
        for year in range(cat.first_year, cat.last_year + 1):
            name = report_file_name(year, region.code, cat)
            header = f"year: {year}\nregion: '{region.code}'\nprovenance: official\nsource: 统计局\n"
            write(empty_data_dir / "reports" / name, header + "values: {}\n")
    count = len(report_files(empty_data_dir))
    assert count >= PARALLEL_THRESHOLD

    class NoProcesses:
        def __init__(self, *args: object, **kwargs: object) -> None:
            raise OSError(errno.EAGAIN, os.strerror(errno.EAGAIN))

    monkeypatch.setattr(concurrent.futures, "ProcessPoolExecutor", NoProcesses)
    result = cli("validate", "--lang", "en", "-j", "1", "--data-dir", empty_data_dir)
    assert result.exit_code == 0, result.stderr
    assert result.stderr == f"ok: {count + 1} files valid\n"
