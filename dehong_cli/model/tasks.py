"""A year's progress on the plan's numbered tasks: what each department did, in its own words.

`data/tasks/<year>.yaml` (or `<year>-<region code>.yaml`) holds one entry per task reported on.
The model checks shapes only; which task numbers and departments are right is for `checks.tasks`,
which can say where in the file a problem is.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, field_validator
from pydantic_core import PydanticCustomError

from dehong_cli.model.base import FileRegion, Text, _Model
from dehong_cli.model.report import Provenance
from dehong_cli.model.text import control_at


class TaskStatus(StrEnum):
    NOT_STARTED = "not_started"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DELAYED = "delayed"

    @property
    def word(self) -> str:
        """The Chinese word a department writes for the status."""
        return _WORDS[self]


_WORDS = {
    TaskStatus.NOT_STARTED: "未启动",
    TaskStatus.IN_PROGRESS: "推进中",
    TaskStatus.DONE: "已完成",
    TaskStatus.DELAYED: "滞后",
}
NOT_REPORTED = "未报送"  # a task with no entry for the year
STATUS_CHOICES = " | ".join(s.value for s in TaskStatus) + " (" + " | ".join(_WORDS.values()) + ")"


def parse_status(value: object) -> TaskStatus | None:
    """A status as written: its id or its Chinese word (spaces and case ignored); None if neither."""
    if not isinstance(value, str):
        return None
    text = "".join(value.split()).casefold()
    for status in TaskStatus:
        if text in (status.value, status.word):
            return status
    return None


def _status(value: Any) -> Any:
    if isinstance(value, TaskStatus):
        return value
    status = parse_status(value)
    if status is None:
        raise PydanticCustomError(
            "task_status",
            "'{given}' is not a task status; write one of {choices}",
            {"given": str(value), "choices": STATUS_CHOICES},
        )
    return status


def _evidence(value: Any) -> Any:
    # One piece of evidence may be written without the brackets.
    return [value] if isinstance(value, str) else value


class TaskEntry(_Model):
    status: Annotated[TaskStatus, BeforeValidator(_status)] = Field(description=STATUS_CHOICES)
    department: Text | None = Field(
        default=None, description="The reporting department: one of the task's, by name or variant."
    )
    progress: str | None = Field(default=None, description="What was done in the year, in words.")
    evidence: Annotated[list[Text], BeforeValidator(_evidence)] = Field(
        default=[], description="Documents that show it (文号, file names)."
    )
    note: str | None = Field(default=None, description="Remarks.")


class TaskProgress(_Model):
    year: int = Field(description="The year the progress is for.", strict=True)
    region: FileRegion = Field(default=None, description="Region code or name; default the plan's.")
    provenance: Provenance = Field(description="official, estimate or illustrative (made up).")
    source: Text = Field(description="Where the progress comes from (e.g. 各部门年度工作总结).")
    note: str | None = Field(default=None, description="Remarks on the file as a whole.")
    tasks: dict[str, TaskEntry] = Field(default={}, description="Entries keyed by task number.")

    @field_validator("tasks", mode="before")
    @classmethod
    def _no_tasks(cls, value: Any) -> Any:
        return {} if value is None else value  # `tasks:` with every entry commented out

    def entries(self) -> dict[int, TaskEntry]:
        """Entries by task number; keys that are not whole numbers are left out (checks name them)."""
        return {int(k): e for k, e in self.tasks.items() if task_number(k) is not None}


def control_character(text: str | None) -> str | None:
    """The first control character in a text (tab and line break aside), as U+XXXX, or None.

    Such a character (ESC starts a terminal escape) would reach the terminal, CSV or Markdown a
    view is printed to, so task text with one is refused.
    """
    at = control_at(text or "", allow_lines=True)  # the one rule, model/text.py
    return None if at is None or text is None else f"U+{ord(text[at]):04X}"


def task_number(key: object) -> int | None:
    """A key of `tasks:` as a task number: a whole number written in digits, else None."""
    text = str(key).strip()
    return int(text) if text.isdigit() and text.isascii() else None
