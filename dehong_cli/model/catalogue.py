"""The typed domain model: the plan's target catalogue and the yearly reports against it.

Models are frozen and validate shapes only. Rules that need the catalogue to judge a
report (known indicator ids, units, years, regions) live in `checks`, where they can be
reported with the file position of the offending field.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum
from functools import cached_property
from typing import Any, Literal

from pydantic import ConfigDict, Field, model_validator
from pydantic.config import JsonDict
from pydantic_core import PydanticCustomError

from dehong_cli.model.base import RegionRef, Text, _Model
from dehong_cli.model.units import Number, Scale, Unit, unit_label


class Direction(StrEnum):
    HIGHER = "higher"
    LOWER = "lower"


class Accrual(StrEnum):
    LEVEL = "level"
    ADDITIONS = "additions"
    ANNUAL = "annual"
    GROWTH_VS = "growth_vs"
    QUALITATIVE = "qualitative"


class Comparator(StrEnum):
    GE = ">="
    GT = ">"
    LE = "<="
    LT = "<"

    def holds(self, value: float, target: float) -> bool:
        match self:
            case Comparator.GE:
                return value >= target
            case Comparator.GT:
                return value > target
            case Comparator.LE:
                return value <= target
            case Comparator.LT:
                return value < target


class ComponentRole(StrEnum):
    NUMERATOR = "numerator"
    DENOMINATOR = "denominator"
    SUBJECT = "subject"
    COMPANION = "companion"


# ---------------------------------------------------------------------------- catalogue


class Plan(_Model):
    id: Text = Field(description="Stable identifier of the plan.")
    title: Text = Field(description="Title of the document, in Chinese as issued.")
    title_en: Text = Field(description="English rendering of the title.")
    document_number: Text = Field(description="The document number, e.g. 德发〔2017〕7号.")
    issuers: list[Text] = Field(min_length=1, description="Bodies that issued the document.")
    issue_date: dt.date = Field(description="Date the document was issued.")
    printed_date: dt.date | None = Field(default=None, description="Date the document was printed (印发).")
    region: RegionRef = Field(description="Code of the region the plan covers.")
    baseline_year: int = Field(description="Year whose values are the starting point (2016).")
    period_start: int = Field(description="First year of the plan period.")
    period_end: int = Field(description="Last year of the plan period.")
    target_year: int = Field(description="Year by which the goals are due.")
    source: Text = Field(description="Where the text of the plan was taken from.")


# How a sheet or report names the plan's whole region: 全州 for a prefecture, 全省 for a province.
WHOLE_REGION: dict[str, str] = {"prefecture": "全州", "province": "全省"}


class Region(_Model):
    code: RegionRef = Field(description="Administrative division code (GB/T 2260).")
    name: Text = Field(description="Chinese name.")
    name_en: Text = Field(description="English name.")
    level: Literal["province", "prefecture", "county"] = Field(description="Administrative level.")
    parent: RegionRef | None = Field(default=None, description="Code of the region this one lies in.")


class Strand(_Model):
    id: Text = Field(description="Stable ASCII identifier.")
    name: Text = Field(description="Chinese name.")
    name_en: Text = Field(description="English name.")
    source_section: Text = Field(description="The heading in the plan that the strand comes from.")


class Task(_Model):
    number: int = Field(ge=1, description="Number of the task in the plan (1–30).")
    title: Text = Field(description="The task's opening sentence, verbatim.")
    title_en: str | None = Field(default=None, description="English translation of the title.")
    section: Text = Field(description="Section of the plan the task stands in.")
    subsection: str | None = Field(default=None, description="Sub-heading, where there is one.")
    lead_departments: list[Text] = Field(description="责任部门, exactly as written.")
    supporting_departments: list[Text] = Field(default=[], description="配合部门, exactly as written.")
    note: str | None = Field(default=None, description="Remarks on how the text was read.")


class SourceClause(_Model):
    section: Text = Field(description="Section of the plan, with the strand heading where there is one.")
    quote: Text = Field(description="The words of the plan that set the goal, verbatim.")


class Component(_Model):
    id: Text = Field(description="Identifier under which reports may give this series.")
    name: Text = Field(description="Chinese name.")
    name_en: Text = Field(description="English name.")
    unit: Unit = Field(description="Unit kind of the series.")
    scale: Scale | None = Field(default=None, description="For money: 万元 or 亿元.")
    role: ComponentRole = Field(description="What the series is to its indicator.")
    aliases: list[Text] = Field(default=[], description="Other names statistical tables use for the series.")

    def unit_label(self) -> str:
        return unit_label(self.unit, self.scale)


def _older_task_field(schema: JsonDict) -> None:
    """The JSON Schema accepts an older catalogue's `task: N` in place of `tasks`, as the model does."""
    props, required = schema.get("properties"), schema.get("required")
    if isinstance(props, dict) and isinstance(required, list):
        props["task"] = {"type": "integer", "deprecated": True, "description": "Older form of tasks: [N]."}
        schema["required"] = [r for r in required if r != "tasks"]
        schema["oneOf"] = [{"required": ["tasks"]}, {"required": ["task"]}]


class Indicator(_Model):
    model_config = ConfigDict(json_schema_extra=_older_task_field)  # merged with _Model's

    id: Text = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable ASCII identifier.")
    name: Text = Field(description="Chinese name.")
    name_en: Text = Field(description="English name.")
    definition: Text = Field(description="What is measured, in one sentence.")
    strand: Text = Field(description="Id of the strand the goal belongs to.")
    unit: Unit = Field(description="Unit kind: percent (written in percent), count, money or none.")
    scale: Scale | None = Field(default=None, description="For money: 万元 or 亿元.")
    measure: str | None = Field(default=None, description="For counts: the measure word of the text.")
    direction: Direction = Field(description="Whether higher or lower values are better.")
    accrual: Accrual = Field(description="How yearly values combine towards the target.")
    comparator: Comparator | None = Field(default=None, description="How a value is held to the target.")
    target: Number | None = Field(default=None, description="The target value, in the indicator's unit.")
    compare_with: str | None = Field(default=None, description="growth_vs: id of the companion series.")
    components: list[Component] = Field(default=[], description="Series a ratio or growth goal is made of.")
    source: SourceClause = Field(description="The clause of the plan the goal comes from.")
    note: str | None = Field(default=None, description="The reading chosen where the text is ambiguous.")
    # Links, scope and names (issues 11-13, 15). Older catalogues wrote `task: N` and a
    # `departments:` list; `task` is read as `tasks: [N]` and `departments` is still accepted.
    tasks: list[int] = Field(min_length=1, description="Numbers of the tasks that drive the goal.")
    departments: list[Text] | None = Field(
        default=None,
        description="Older catalogues only: responsible departments as listed; "
        "by default they are derived from the linked tasks (Catalogue.departments_of).",
    )
    applies_to: Literal["whole_region", "each_level", "region_government", "each_subregion"] = Field(
        default="whole_region",
        description="Whom the goal binds: the region as a whole (counties contribute), each level's "
        "government against its own figures (同级), the region's own government only, or each "
        "sub-region separately.",
    )
    rollup: Literal["sum", "recompute", "none"] | None = Field(
        default=None,
        description="How sub-region figures combine into the region's; none: never derived from them. "
        "Unset: derived from unit, accrual and components.",
    )
    aliases: list[Text] = Field(default=[], description="Other names statistical tables use for the goal.")
    reconstructed: bool = Field(
        default=False, description="The target was rebuilt from damaged text; the note says how."
    )

    @model_validator(mode="before")
    @classmethod
    def _one_task_is_a_list(cls, data: Any) -> Any:
        """`task: N` (older catalogues) is read as `tasks: [N]`; both at once is refused."""
        if isinstance(data, dict) and "task" in data:
            if "tasks" in data:
                raise PydanticCustomError("task_and_tasks", "give either 'task' or 'tasks', not both")
            data = {k: v for k, v in data.items() if k != "task"} | {"tasks": [data["task"]]}
        return data

    @property
    def task(self) -> int:
        """The first linked task."""
        return self.tasks[0]

    @property
    def is_ratio(self) -> bool:
        return any(c.role is ComponentRole.NUMERATOR for c in self.components)

    def component(self, role: ComponentRole) -> Component | None:
        return next((c for c in self.components if c.role is role), None)

    def unit_label(self) -> str:
        return unit_label(self.unit, self.scale, self.measure)

    def display_name(self, lang: str = "zh") -> str:
        return self.name_en if lang == "en" else self.name


class Department(_Model):
    id: Text = Field(pattern=r"^[a-z][a-z0-9_]*$", description="Stable ASCII identifier.")
    name: Text = Field(description="The name as the plan writes it.")
    name_en: Text = Field(description="English name.")
    kind: Literal["department", "county_governments", "unspecified"] = Field(
        default="department",
        description="department: one body; county_governments: the governments of every county; "
        "unspecified: words such as 相关部门 that name no body.",
    )
    variants: list[Text] = Field(default=[], description="Other spellings of the name found in the plan.")
    note: str | None = Field(default=None, description="Remarks on the body or its spellings.")


class Catalogue(_Model):
    schema_version: Literal[1] = Field(description="Version of this file's format.")
    plan: Plan = Field(description="The plan the targets come from.")
    regions: list[Region] = Field(min_length=1, description="The prefecture and its counties.")
    strands: list[Strand] = Field(min_length=1, description="Groups of goals, as the plan lists them.")
    tasks: list[Task] = Field(description="The plan's numbered tasks with their departments.")
    indicators: list[Indicator] = Field(min_length=1, description="The goals.")
    departments: list[Department] = Field(
        default=[], description="Registry of the bodies the tasks name, with their other spellings."
    )

    @cached_property
    def departments_by_name(self) -> dict[str, Department]:
        """Registry entries by name and by every variant spelling (the first entry wins)."""
        out: dict[str, Department] = {}
        for d in self.departments:
            for name in (d.name, *d.variants):
                out.setdefault(name, d)
        return out

    @cached_property
    def departments_by_id(self) -> dict[str, Department]:
        return {d.id: d for d in self.departments}

    def department(self, name: str) -> Department | None:
        """The registry entry a spelling (name or variant) stands for, or None."""
        return self.departments_by_name.get(name.strip())

    def tasks_of(self, ind: Indicator) -> list[Task]:
        """The tasks a goal is linked to, in the order the goal lists them (unknown numbers left out)."""
        by_number = self.tasks_by_number
        return [by_number[n] for n in ind.tasks if n in by_number]

    def lead_departments_of(self, ind: Indicator) -> list[str]:
        """责任部门 of the linked tasks, as written, in task order, each once."""
        return list(dict.fromkeys(d for t in self.tasks_of(ind) for d in t.lead_departments))

    def supporting_departments_of(self, ind: Indicator) -> list[str]:
        """配合部门 of the linked tasks that are not also lead departments, as written."""
        lead = set(self.lead_departments_of(ind))
        found = (d for t in self.tasks_of(ind) for d in t.supporting_departments)
        return [d for d in dict.fromkeys(found) if d not in lead]

    def departments_of(self, ind: Indicator) -> list[str]:
        """Responsible departments: an older catalogue's own list where it gives one, else the lead
        then the supporting departments of the linked tasks, each body once. With a registry, each
        spelling is given as the registry's name (州工息委 as 州工信委); as-written spellings stay
        available from lead_departments_of and supporting_departments_of."""
        if ind.departments is not None:
            return list(ind.departments)
        named = (*self.lead_departments_of(ind), *self.supporting_departments_of(ind))
        return list(dict.fromkeys((d.name if (d := self.department(n)) else n) for n in named))

    def bodies_of(self, ind: Indicator) -> list[Department]:
        """The registry entries behind `departments_of`, each once; spellings not in the registry
        are left out."""
        found = (self.department(d) for d in self.departments_of(ind))
        return list({d.id: d for d in found if d is not None}.values())

    def children(self, code: str) -> list[Region]:
        """The regions whose parent is `code`, in catalogue order."""
        return [r for r in self.regions if r.parent == code]

    @cached_property
    def by_id(self) -> dict[str, Indicator]:
        return {i.id: i for i in self.indicators}

    @cached_property
    def series(self) -> dict[str, tuple[Indicator, Component | None]]:
        """Every id a report may carry: indicators, and the components of ratio/growth goals."""
        out: dict[str, tuple[Indicator, Component | None]] = {}
        for ind in self.indicators:
            out[ind.id] = (ind, None)
            for comp in ind.components:
                out[comp.id] = (ind, comp)
        return out

    @cached_property
    def ratios(self) -> list[tuple[Indicator, Component, Component]]:
        """The ratio goals, each with its numerator and denominator series."""
        out = []
        for ind in self.indicators:
            num, den = ind.component(ComponentRole.NUMERATOR), ind.component(ComponentRole.DENOMINATOR)
            if num is not None and den is not None:
                out.append((ind, num, den))
        return out

    @cached_property
    def regions_by_key(self) -> dict[str, Region]:
        """Regions by code, Chinese and English name; the plan's region also by 全州 (全省, 全市)."""
        out: dict[str, Region] = {}
        for r in self.regions:
            out[r.code] = out[r.name] = out[r.name_en] = r
        home = next((r for r in self.regions if r.code == self.plan.region), None)
        if home is not None and (whole := WHOLE_REGION.get(home.level)) is not None:
            out.setdefault(whole, home)
        return out

    def series_unit(self, key: str) -> str:
        """The unit of a report series as sheets and comments write it (亿元, %, 家; `count` for a
        count without a measure word; '' for a plain number), which `dehong import` reads back."""
        ind, comp = self.series[key]
        thing: Indicator | Component = ind if comp is None else comp
        return thing.unit_label() or ("count" if thing.unit is Unit.COUNT else "")

    @cached_property
    def tasks_by_number(self) -> dict[int, Task]:
        return {t.number: t for t in self.tasks}

    @property
    def home_region(self) -> Region:
        return self.regions_by_key[self.plan.region]

    @property
    def first_year(self) -> int:
        return self.plan.baseline_year

    @property
    def last_year(self) -> int:
        """Reports are accepted up to five years past the target year."""
        return self.plan.target_year + 5
