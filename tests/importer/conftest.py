"""The shipped catalogue, read once for the importer's tests."""

from __future__ import annotations

import pytest
from conftest import SHIPPED

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.model.catalogue import Catalogue


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")
