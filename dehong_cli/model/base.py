"""The base of every catalogue and report model, and the small field types they share."""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field

Text = Annotated[str, Field(min_length=1)]


def _code_as_text(value: Any) -> Any:
    # A region code written unquoted (533103) is read as a number; it is still a code.
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


RegionRef = Annotated[str, BeforeValidator(_code_as_text)]
# A code names report files (2019-533103.yaml): letters, digits and _ only, never a path (../x).
RegionCode = Annotated[str, BeforeValidator(_code_as_text), Field(pattern=r"^[0-9A-Za-z_]{1,32}$")]


class _Model(BaseModel):
    # hide_input_in_errors: rendering the input of an alias bomb would never finish.
    model_config = ConfigDict(frozen=True, extra="forbid", hide_input_in_errors=True)
