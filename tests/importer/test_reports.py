"""A report-shaped file read as a sheet."""

from __future__ import annotations

from pathlib import Path

import pytest

from dehong_cli.errors import UsageError
from dehong_cli.model.catalogue import Catalogue
from dehong_cli.model.report import Provenance

from .sheets import figures, sheet_from


def test_a_report_file_as_input(cat: Catalogue, tmp_path: Path) -> None:
    text = (
        "year: 2019\nregion: 芒市\nprovenance: estimate\nsource: 芒市科技局\n"
        "values:\n  business_incubators: 5\n  makers_trained: {value: 90, source: 团市委}\n  gdp:\n"
    )
    sheet = sheet_from(cat, tmp_path, "r.yaml", text)
    assert figures(sheet) == {
        (2019, "533103", "business_incubators"): 5,
        (2019, "533103", "makers_trained"): 90,
    }
    assert [f.source for f in sheet.figures] == ["芒市科技局", "团市委"]
    assert {f.provenance for f in sheet.figures} == {Provenance.ESTIMATE}
    with pytest.raises(UsageError, match="not --year 2018"):
        sheet_from(cat, tmp_path, "r.yaml", text, year=2018)
