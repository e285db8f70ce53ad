"""The base of every catalogue and report model, and the small field types they share."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field
from pydantic_core import PydanticCustomError

Text = Annotated[str, Field(min_length=1)]


def _code_as_text(value: Any) -> Any:
    # A region code written unquoted (533103) is read as a number; it is still a code.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


RegionRef = Annotated[str, BeforeValidator(_code_as_text)]


def _written(value: Any) -> Any:
    # Left out, the region is the plan's (the default, which is not validated); written, it must name
    # one: `region: null` does not.
    if value is None:
        raise PydanticCustomError("string_type", "Input should be a valid string")
    return value


# The region a yearly file is for: left out, the plan's region.
FileRegion = Annotated[str | None, BeforeValidator(_code_as_text), BeforeValidator(_written)]
# A code names report files (2019-533103.yaml): letters, digits and _ only, never a path (../x).
RegionCode = Annotated[str, BeforeValidator(_code_as_text), Field(pattern=r"^[0-9A-Za-z_]{1,32}$")]


class _Model(BaseModel):
    # hide_input_in_errors: rendering the input of an alias bomb would never finish.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
