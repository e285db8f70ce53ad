"""Where data files live and how they are named: the data directory, the report files, a report's key.

A report is known by its key, (year, region code), and its file name follows from that key:
`2019.yaml` for the plan's own region, `2019-<code>.yaml` for another. Everything that names,
finds or keys a report uses the functions here.
"""

from __future__ import annotations

import errno
import os
import re
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from dehong_cli.errors import DataError
from dehong_cli.files.locks import WriteRefused
from dehong_cli.files.read import file_error
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.diagnostic import Diagnostic
from dehong_cli.model.report import Report

DATA_ENV = "DEHONG_DATA_DIR"
REPORT_SUFFIX = ".yaml"  # the one ending of a report file's name


def is_report_file(name: str) -> bool:
    """Whether a file in reports/ is taken for a report: a YAML file, not hidden.

    One named 2019.yml (or 2019.YAML) is taken too, so that checks refuse its name: skipping it
    would leave its figures silently out of every status.
    """
    return not name.startswith(".") and name.lower().endswith((REPORT_SUFFIX, ".yml"))


def find_data_dir(explicit: Path | None) -> Path:
    """--data-dir, else $DEHONG_DATA_DIR, else ./data with a targets.yaml, else the packaged copy."""
    if explicit is not None:
        return explicit
    env = os.environ.get(DATA_ENV)
    if env:
        return Path(env)
    local = Path("data")
    if (local / "targets.yaml").is_file():
        return local
    return packaged_data_dir()


def installed_data_dir() -> Path:
    """The copy of data/ put inside the package by the wheel build (pyproject force-include)."""
    return Path(__file__).resolve().parent.parent / "data"


def packaged_data_dir() -> Path:
    built = installed_data_dir()
    if (built / "targets.yaml").is_file():
        return built
    return built.parent.parent / "data"  # a source checkout or editable install


def report_files(data_dir: Path) -> list[Path]:
    """The report files of a data directory; none when it has no reports/ folder (yet).

    A reports/ that is there but cannot be listed (a file, a broken link, a symlink loop, no
    permission) is an error: skipping it would pass every report in it unchecked.
    """
    reports = data_dir / "reports"
    where = str(reports)
    try:
        with os.scandir(reports) as entries:
            names = [entry.name for entry in entries]
    except FileNotFoundError:
        if not os.path.lexists(reports):
            return []
        raise file_error(
            where, "unreadable", "is a broken link, expected a folder of reports", folder=True
        ) from None
    except NotADirectoryError:
        raise file_error(
            where, "not-a-folder", "is a file, expected a folder of reports", folder=True
        ) from None
    except OSError as exc:
        raise file_error(
            where, "unreadable", f"cannot list the folder: {exc.strerror or exc}", folder=True
        ) from None
    # sorting names, not paths, is the same order at a fraction of the cost
    return [reports / name for name in sorted(names) if is_report_file(name)]


_REPORT_NAME = re.compile(r"^([0-9]{4})(?:-(.+))?$")  # ASCII digits: \d is ٢٠٢٠ too, and int() reads it


def report_name(name: str) -> tuple[int, str | None] | None:
    """The year and region part of a report file's name (2019.yaml, 2019-芒市.yaml), or None."""
    match = _REPORT_NAME.fullmatch(Path(name).stem)
    return (int(match[1]), match[2]) if match else None


def report_file_name(year: int, region_code: str, cat: Catalogue) -> str:
    return f"{year}.yaml" if region_code == cat.plan.region else f"{year}-{region_code}.yaml"


def report_key(report: Report, cat: Catalogue) -> tuple[int, str]:
    """(year, region code): two reports with the same key are the same report, given twice."""
    return (report.year, report.region_code(cat))


Key = tuple[int, str]  # (year, region code)


def name_key(name: str, cat: Catalogue) -> Key | None:
    """The key a report file's name gives (2019.yaml, 2019-533103.yaml, 2019-芒市.yaml), or None
    when the name gives none (another name, or a region the catalogue does not know)."""
    parts = report_name(name)
    if parts is None:
        return None
    region = cat.regions_by_key.get(parts[1]) if parts[1] else cat.home_region
    return None if region is None else (parts[0], region.code)


@dataclass(frozen=True, slots=True)
class ReportIndex:
    """The report files of a data folder, listed once and indexed by the key their names give.

    A file whose name gives no key (`notes.yaml`, `2019-unknown.yaml`) may hold any region's
    figures, so it is in every selection (`unkeyed`); its content says whose they are.
    """

    folder: Path
    by_key: dict[Key, list[Path]]
    unkeyed: tuple[Path, ...]

    def for_regions(self, codes: Collection[str]) -> list[Path]:
        """The files named for these regions, and every file whose name gives no key, by name."""
        chosen = [p for (_, code), paths in self.by_key.items() if code in codes for p in paths]
        return sorted([*chosen, *self.unkeyed], key=lambda p: p.name)

    def path_for(self, year: int, code: str, cat: Catalogue) -> Path:
        """The report file for a year and region: an existing one under any accepted name, else the
        usual name. A 2019.yml is found too, and then refused by its name (checks), rather than a
        2019.yaml written beside it."""
        found = self.by_key.get((year, code), [])
        if len(found) > 1:
            raise DataError(
                [
                    Diagnostic(
                        str(p),
                        1,
                        1,
                        "duplicate-report",
                        f"one of {len(found)} reports for {year}, region {code}",
                    )
                    for p in found
                ]
            )
        return found[0] if found else inside_reports(self.folder.parent, report_file_name(year, code, cat))


def report_index(data_dir: Path, cat: Catalogue) -> ReportIndex:
    """List the reports folder once and index its files by key (see ReportIndex)."""
    by_key: dict[Key, list[Path]] = {}
    unkeyed: list[Path] = []
    for path in report_files(data_dir):
        key = name_key(path.name, cat)
        if key is None:
            unkeyed.append(path)
        else:
            by_key.setdefault(key, []).append(path)
    return ReportIndex(data_dir / "reports", by_key, tuple(unkeyed))


def report_files_for(data_dir: Path, cat: Catalogue, codes: Collection[str]) -> list[Path]:
    """The report files a command about these regions needs: those named for them, and those whose
    name gives no key (they may be anyone's). One listing of the folder; no file is opened."""
    return report_index(data_dir, cat).for_regions(codes)


def find_report(data_dir: Path, cat: Catalogue, year: int, code: str) -> Path:
    """The report file for a year and region (see ReportIndex.path_for). Lists the folder: to find
    many, build one `report_index` and ask it."""
    return report_index(data_dir, cat).path_for(year, code, cat)


def inside_reports(data_dir: Path, name: str) -> Path:
    """reports/NAME, refused unless NAME is one plain file name that stays inside reports/: a name
    built from data (a region code such as `../../x`) must never write elsewhere."""
    reports = data_dir / "reports"
    path = reports / name
    plain = name == Path(name).name and name not in {"", ".", ".."} and "\\" not in name
    if not plain or not path.resolve().is_relative_to(reports.resolve()):
        raise DataError(
            [Diagnostic(str(path), None, None, "path", f"report file name {name!r} leads outside {reports}")]
        )
    return path


def report_exists(path: Path) -> bool:
    """Whether a report is there. A broken link (or a loop of links) is not a free name: writing
    over it would replace the link with a file and report a "new file"; refuse it instead."""
    if not os.path.lexists(path):
        return False
    if path.is_symlink() and not path.exists():
        what = "a symlink loop" if _is_loop(path) else f"a broken link (to {os.readlink(path)})"
        raise DataError(
            [Diagnostic(str(path), 1, 1, "unreadable", f"is {what}; fix or remove it, then import again")]
        )
    return True


def _is_loop(path: Path) -> bool:
    try:
        path.stat()
    except OSError as exc:
        return exc.errno == errno.ELOOP
    return False


def check_writable(data_dir: Path) -> None:
    """Refuse to write into the copy of data/ installed inside the package."""
    installed = installed_data_dir()
    if installed.is_dir() and data_dir.resolve() == installed:
        raise WriteRefused(
            f"{data_dir} is the copy of data/ installed with the package; "
            "pass --data-dir (or set DEHONG_DATA_DIR) to the folder your reports live in"
        )
