"""importer/new_report.py: a blank report, written only where no report is yet."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHIPPED

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.files.locks import WriteRefused
from dehong_cli.importer.new_report import new_report
from dehong_cli.model.catalogue import Catalogue


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


@pytest.fixture
def data(tmp_path: Path) -> Path:
    (tmp_path / "reports").mkdir()
    return tmp_path


def test_new_report_refuses_to_overwrite(cat: Catalogue, data: Path) -> None:
    path = new_report(cat, data, 2020, "533102")
    assert path == data / "reports" / "2020-533102.yaml"
    before = path.read_bytes()
    with pytest.raises(WriteRefused, match="already exists"):
        new_report(cat, data, 2020, "533102")
    assert path.read_bytes() == before
