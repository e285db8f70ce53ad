"""`dehong validate` says what to write: the id for a name, the number for text, and more."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import Invoke


def _report(data: Path, body: str, source: str = "统计年鉴") -> Path:
    path = data / "reports" / "2019.yaml"
    path.write_text(
        f"year: 2019\nprovenance: official\nsource: '{source}'\nvalues:\n{body}", encoding="utf-8"
    )
    return path


@pytest.mark.parametrize(
    ("key", "wanted"),
    [
        ("省级科技型中小企业", "provincial_tech_smes"),
        ("高新技术企业", "national_high_tech_enterprises"),  # an alias
        ("地区生产总值", "gdp"),  # a component's name
    ],
)
def test_a_name_used_as_a_key_gets_the_id(cli: Invoke, empty_data_dir: Path, key: str, wanted: str) -> None:
    path = _report(empty_data_dir, f"  {key}: 5\n")
    result = cli("validate", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert (
        f"{path}:5:3: error[unknown-indicator]: unknown indicator '{key}'; use the id `{wanted}`"
        in result.stdout
    )


@pytest.mark.parametrize(
    ("text", "fix"),
    [("44%", "write 44"), ("1,234", "write 1234"), ("12家", "write 12"), ("１２", "write 12")],
)
def test_a_number_written_as_text_is_quoted_with_the_fix(
    cli: Invoke, empty_data_dir: Path, text: str, fix: str
) -> None:
    _report(empty_data_dir, f"  national_high_tech_enterprises: '{text}'\n")
    result = cli("validate", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert f"'{text}'" in result.stdout and fix in result.stdout


def test_the_new_report_placeholder_source_is_a_warning(cli: Invoke, empty_data_dir: Path) -> None:
    _report(
        empty_data_dir, "  national_high_tech_enterprises: 5\n", source="TODO: where the figures come from"
    )
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 0
    assert "warning[placeholder]" in result.stdout
    assert cli("validate", "--strict", "--data-dir", empty_data_dir).exit_code == 1


def test_a_ratio_out_of_range_names_both_components(cli: Invoke, empty_data_dir: Path) -> None:
    _report(empty_data_dir, "  rd_expenditure: 5000\n  gdp: 300\n")
    result = cli("validate", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "error[ratio-range]" in result.stdout
    assert "rd_expenditure is 5000 and gdp is 300" in result.stdout


def test_the_file_count_counts_files(cli: Invoke, empty_data_dir: Path) -> None:
    (empty_data_dir / "targets.yaml").write_text("schema_version: 1\n", encoding="utf-8")
    _report(empty_data_dir, "  national_high_tech_enterprises: 5\n")
    result = cli("validate", "--lang", "en", "--data-dir", empty_data_dir)
    assert result.exit_code == 1
    assert "in 2 files" in result.stderr  # the catalogue and the report, though the report went unchecked
