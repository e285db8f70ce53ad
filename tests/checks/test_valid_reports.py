"""checks/valid_reports.py: reports by region family, and the stream the export writes from."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import write

from dehong_cli.checks import valid_reports
from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.errors import DataError
from dehong_cli.model.report import Report


def _key(rep: Report) -> tuple[int, str | None]:
    return (rep.year, rep.region)


@pytest.mark.parametrize("jobs", [1, 2], ids=["one process", "workers"])
def test_the_stream_is_by_year_then_region_in_catalogue_order(
    data_dir: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(valid_reports, "PARALLEL_THRESHOLD", 2)  # the workers, even for a few files
    cat = load_catalogue(data_dir / "targets.yaml")
    write(
        data_dir / "reports" / "2018-533102.yaml",
        "year: 2018\nregion: '533102'\nprovenance: official\nsource: x\nvalues: {}\n",
    )
    write(
        data_dir / "reports" / "补报.yaml",
        "year: 2017\nregion: '533124'\nprovenance: official\nsource: x\nvalues: {}\n",
    )
    keys = list(valid_reports.iter_reports(data_dir, cat, _key, jobs=jobs))
    codes = [r.code for r in cat.regions]
    expected = sorted(keys, key=lambda k: (k[0], codes.index(k[1] or "533100")))
    assert keys == expected
    assert (2017, "533124") in keys and (2018, "533102") in keys
    assert len(keys) == len(list((data_dir / "reports").glob("*.yaml")))


@pytest.mark.parametrize("jobs", [1, 2], ids=["one process", "workers"])
def test_the_stream_stops_giving_at_an_invalid_file_and_lists_every_error(
    data_dir: Path, jobs: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(valid_reports, "PARALLEL_THRESHOLD", 2)
    cat = load_catalogue(data_dir / "targets.yaml")
    write(data_dir / "reports" / "2017-533102.yaml", "year: 2017\nregion: '533102'\nvalues: {gdp: 0x1F}\n")
    write(data_dir / "reports" / "2019-533102.yaml", "year: 2019\nregion: '533102'\nvalues: {gdp: 1_000}\n")
    given: list[tuple[int, str | None]] = []
    with pytest.raises(DataError) as refused:
        for key in valid_reports.iter_reports(data_dir, cat, _key, jobs=jobs):
            given.append(key)
    assert {Path(d.path).name for d in refused.value.diagnostics if d.code == "number-format"} == {
        "2017-533102.yaml",
        "2019-533102.yaml",
    }
    assert all(year <= 2017 for year, _ in given)  # nothing after the first invalid file


def test_a_region_and_below_follows_parents_down(data_dir: Path) -> None:
    cat = load_catalogue(data_dir / "targets.yaml")
    assert valid_reports.region_and_below(cat, "533103") == {"533103"}
    assert valid_reports.region_and_below(cat, "533100") == {r.code for r in cat.regions}
