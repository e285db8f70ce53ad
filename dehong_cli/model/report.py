"""A yearly report: the figures one region gives for one year, with where they come from."""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import BeforeValidator, Field
from pydantic_core import PydanticCustomError

from dehong_cli.model.base import FileRegion, Text, _Model
from dehong_cli.model.units import Number

if TYPE_CHECKING:
    from dehong_cli.model.catalogue import Catalogue, Region


class Provenance(StrEnum):
    OFFICIAL = "official"
    ESTIMATE = "estimate"
    ILLUSTRATIVE = "illustrative"


class ValueEntry(_Model):
    value: Number | None = Field(description="The figure, in the indicator's unit; null if not known.")
    source: str | None = Field(default=None, description="Where this figure comes from.")
    note: str | None = Field(default=None, description="Remarks on the figure.")


def _entry(value: Any) -> Any:
    """A value may be written bare (`12`) or as a mapping (`{value: 12, source: …}`)."""
    if value is None or isinstance(value, dict):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return {"value": value}
    kind = "text" if isinstance(value, str) else type(value).__name__
    raise PydanticCustomError(
        "value_type",
        "expected a number written as a plain decimal, or a mapping with value/source/note; got {kind}",
        {"kind": kind},
    )


Entry = Annotated[ValueEntry | None, BeforeValidator(_entry)]


class Report(_Model):
    year: int = Field(description="The year the figures are for.", strict=True)
    region: FileRegion = Field(default=None, description="Region code or name; default the prefecture.")
    provenance: Provenance = Field(description="official, estimate or illustrative (made up).")
    source: Text = Field(description="Where the figures come from.")
    note: str | None = Field(default=None, description="Remarks on the report as a whole.")
    values: dict[str, Entry] = Field(default={}, description="Figures keyed by indicator (or component) id.")

    def region_key(self, cat: Catalogue) -> str:
        """The region as written (code or name); the plan's region when the report names none."""
        return cat.plan.region if self.region is None else self.region

    def region_in(self, cat: Catalogue) -> Region | None:
        """The catalogue's region this report is for; None when it names an unknown one."""
        return cat.regions_by_key.get(self.region_key(cat))

    def region_code(self, cat: Catalogue) -> str:
        """The code reports are keyed by: the region's code, or the unknown name as written."""
        region = self.region_in(cat)
        return region.code if region is not None else self.region_key(cat)

    def with_region(self, cat: Catalogue) -> Report:
        """The report with its region written out, as a file written for it says it."""
        return self if self.region is not None else self.model_copy(update={"region": cat.plan.region})

    def figures(self) -> dict[str, float | int]:
        """The reported numbers, leaving out entries with no value."""
        return {k: e.value for k, e in self.values.items() if e is not None and e.value is not None}
