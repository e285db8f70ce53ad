"""The shipped catalogue against the text of the plan: quotes verbatim, departments as written,
readings noted, links and scopes as decided (issues 11-13, 15)."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from conftest import ROOT, SHIPPED

from dehong_cli.checks.catalogue import load_catalogue
from dehong_cli.importer.names import Names
from dehong_cli.model.catalogue import Catalogue, Comparator
from dehong_cli.model.lookup import find_indicator

SEED_DIR = ROOT.parent / "shared" / "seed"  # CI keeps the seed beside the clone
CJK = re.compile(r"[\u3400-\u9fff]")
QUOTED = re.compile(r"「([^」]*)」")  # the one way notes quote the plan
OTHER_QUOTES = re.compile(r"[\"“‘]([^\"”’]*)[\"”’]")  # double or curly quotes: not used for the plan


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    return load_catalogue(SHIPPED / "targets.yaml")


def normalise(text: str) -> str:
    """Undo the copy losses of the seed on both sides: brackets and dashes dropped
    (〔2017〕7号 -> 〔20177, 2017—2020 -> 20172020), 号 after a number."""
    text = re.sub(r"[〔〕—–―-]", "", text)
    return re.sub(r"(?<=\d)号", "", text)


@pytest.fixture(scope="module")
def seed() -> str:
    files = sorted(SEED_DIR.glob("*.txt")) if SEED_DIR.is_dir() else []
    if not files:
        pytest.skip(f"the seed text is not at {SEED_DIR}")
    return normalise(files[0].read_text(encoding="utf-8"))


def notes(cat: Catalogue) -> list[tuple[str, str]]:
    """(where, note) for every note in the catalogue."""
    out = [(f"task {t.number}", t.note) for t in cat.tasks]
    out += [(f"department {d.id}", d.note) for d in cat.departments]
    out += [(i.id, i.note) for i in cat.indicators]
    return [(where, note) for where, note in out if note]


# ------------------------------------------------------------------------------- verbatim


def test_every_source_quote_is_in_the_seed(cat: Catalogue, seed: str) -> None:
    missing = [i.id for i in cat.indicators if normalise(i.source.quote) not in seed]
    assert missing == []


def test_every_quoted_passage_of_a_note_is_in_the_seed(cat: Catalogue, seed: str) -> None:
    quoted = [(where, q) for where, note in notes(cat) for q in QUOTED.findall(note) if CJK.search(q)]
    assert len(quoted) > 30
    assert [(where, q) for where, q in quoted if normalise(q) not in seed] == []


def test_notes_quote_the_plan_one_way(cat: Catalogue) -> None:
    other = [(w, q) for w, note in notes(cat) for q in OTHER_QUOTES.findall(note) if CJK.search(q)]
    assert other == [], "quote the plan in notes with 「」"


def test_task_titles_and_department_names_are_in_the_seed(cat: Catalogue, seed: str) -> None:
    assert [t.number for t in cat.tasks if normalise(t.title) not in seed] == []
    names = [n for d in cat.departments for n in (d.name, *d.variants)]
    assert [n for n in names if n not in seed] == []


def _seed_departments(seed: str) -> dict[int, tuple[list[str], list[str]]]:
    """Each task's 责任部门 and 配合部门 as the seed writes them."""
    out: dict[int, tuple[list[str], list[str]]] = {}
    for line in seed.splitlines():
        start = re.match(r"\s*(\d{1,2})(?=\D)", line)
        found = re.search(r"\(责任部门:([^)]*)", line)
        if not (start and found):
            continue
        lead, *rest = found[1].split(",")
        supporting: list[str] = []
        for part in rest:
            if part.startswith("配合部门:"):
                supporting += part.removeprefix("配合部门:").split("、")
            elif part.endswith("配合"):
                supporting.append(part.removesuffix("配合"))
        out[int(start[1])] = (lead.split("、"), supporting)
    return out


def test_task_departments_are_exactly_as_written(cat: Catalogue, seed: str) -> None:
    written = _seed_departments(seed)
    assert sorted(written) == list(range(1, 31))
    for task in cat.tasks:
        assert (task.lead_departments, task.supporting_departments) == written[task.number], task.number


# ---------------------------------------------------------------------------- registry


def test_every_spelling_in_the_tasks_resolves(cat: Catalogue) -> None:
    spellings = {d for t in cat.tasks for d in (*t.lead_departments, *t.supporting_departments)}
    assert sorted(s for s in spellings if cat.department(s) is None) == []


def test_known_variants_and_kinds(cat: Catalogue) -> None:
    def body(name: str) -> str:
        found = cat.department(name)
        assert found is not None, name
        return found.id

    assert body("州工息委") == body("州工信委")
    assert body("州旅游发展委") == body("州旅发委")
    assert cat.departments_by_id[body("州科技局科协")].kind == "department"  # one body, never split
    assert cat.department("州科技局") is None
    assert cat.departments_by_id[body("相关部门")].kind == "unspecified"
    assert cat.departments_by_id[body("各县市人民政府")].kind == "county_governments"
    assert all(d.id.isascii() for d in cat.departments)


def test_unspecified_departments_are_explained(cat: Catalogue) -> None:
    for number in (23, 24, 28):
        task = cat.tasks_by_number[number]
        assert task.supporting_departments == ["相关部门"]
        assert task.note and "unspecified" in task.note


def test_departments_derive_from_the_linked_tasks(cat: Catalogue) -> None:
    fund = cat.by_id["innovation_special_fund"]
    assert fund.departments is None
    assert cat.departments_of(fund) == ["州财政局", "相关部门"]
    assert [d.kind for d in cat.bodies_of(fund)] == ["department", "unspecified"]
    core = cat.by_id["core_technologies"]
    assert "州工息委" in cat.lead_departments_of(core)  # as written (task 3)
    derived = cat.departments_of(core)
    assert "州工信委" in derived and "州工息委" not in derived  # each body once, by its registry name
    assert "州旅发委" in derived and "州旅游发展委" not in derived
    assert "州知识产权局" not in derived  # task 16 is no longer linked


# ------------------------------------------------------------------------------- goals


def test_links_reviewed_against_the_text(cat: Catalogue) -> None:
    assert cat.by_id["core_technologies"].tasks == list(range(1, 9))
    assert cat.by_id["core_technologies"].task == 1
    for ind in cat.indicators:
        if len(ind.tasks) > 1 or ind.id in {
            "sci_tech_progress_contribution",
            "collaborative_innovation_platforms",
        }:
            assert ind.note and "task" in ind.note.casefold(), ind.id


def test_every_goal_without_yishang_says_so(cat: Catalogue) -> None:
    floors = [i for i in cat.indicators if i.comparator is Comparator.GE]
    lacking = {i.id for i in floors if "以上" not in i.source.quote}
    assert lacking == {
        "collaborative_innovation_platforms",
        "productivity_promotion_centres",
        "incubated_small_enterprises",
        "entrepreneurship_mentors",
        "makers_trained",
        "leading_talents",
        "sci_tech_commissioner_fund",
        "innovation_special_fund",
    }
    said = {i.id for i in cat.indicators if i.note and "No 以上" in i.note}
    assert said == lacking


def test_readings_are_written_down(cat: Catalogue) -> None:
    def note(iid: str) -> str:
        text = cat.by_id[iid].note
        assert text, iid
        return text

    for iid in ("collaborative_innovation_platforms", "prefectural_innovation_bases"):
        assert cat.by_id[iid].accrual.value == "level" and "建成" in note(iid)
        assert "「建成一批重大科技创新基地」" in note(iid)
    assert "建成" in note("business_incubators")
    assert "科技型企业" in note("tech_enterprise_sales") and "never says" in note("tech_enterprise_sales")
    fund = note("innovation_special_fund")
    assert all(words in fund for words in ("(1)", "(2)", "(3)", "more plausible"))
    assert "营业收入" in note("industrial_rd_intensity") and "2019" in note("industrial_rd_intensity")
    assert "task" in note("major_new_products")


def test_reconstructed_goals(cat: Catalogue) -> None:
    rebuilt = [i for i in cat.indicators if i.reconstructed]
    assert [i.id for i in rebuilt] == ["productivity_promotion_centres"]
    assert all((i.note or "").startswith("Reconstructed.") for i in rebuilt)
    centres = cat.by_id["productivity_promotion_centres"].note or ""
    assert "个" in centres and "家" in centres


def test_independent_intellectual_property(cat: Catalogue) -> None:
    texts = [t for i in cat.indicators for t in (i.name_en, i.definition, i.note or "")]
    assert not [t for t in texts if "own intellectual property" in t]
    assert "independent intellectual property" in cat.by_id["major_new_products"].name_en


def test_whom_goals_bind(cat: Catalogue) -> None:
    scopes = {i.id: i.applies_to for i in cat.indicators if i.applies_to != "whole_region"}
    assert scopes == {
        "fiscal_st_spending_growth": "each_level",
        "sci_tech_commissioner_fund": "region_government",
        "innovation_special_fund": "region_government",
        "county_special_funds": "each_subregion",
    }
    assert "州本级" in (cat.by_id["fiscal_st_spending_growth"].note or "")
    county_funds = cat.by_id["county_special_funds"]
    assert county_funds.accrual.value == "qualitative" and county_funds.tasks == [28]
    headline = cat.by_id["sci_tech_progress_contribution"]
    assert headline.rollup == "none" and "never derived" in (headline.note or "")
    assert [i.id for i in cat.indicators if i.rollup is not None] == [headline.id]


def test_qualitative_outcomes_of_the_headline(cat: Catalogue) -> None:
    for iid in ("innovation_system", "open_collaborative_innovation", "border_innovation_highland"):
        ind = cat.by_id[iid]
        assert (ind.strand, ind.accrual.value, ind.target) == ("headline", "qualitative", None)
        assert ind.tasks and ind.note


def test_plan_header_and_task_titles(cat: Catalogue) -> None:
    assert cat.plan.printed_date == dt.date(2017, 3, 3)
    assert cat.plan.issue_date == dt.date(2017, 3, 2)
    assert "Carrying Out" in cat.plan.title_en and "People's Government" in cat.plan.title_en
    assert [t.number for t in cat.tasks if not t.title_en] == []


def test_counties_lie_in_the_prefecture(cat: Catalogue) -> None:
    counties = [r.code for r in cat.regions if r.level == "county"]
    assert [r.code for r in cat.children("533100")] == counties
    assert cat.home_region.parent is None


# ----------------------------------------------------------------------------- aliases


@pytest.mark.parametrize(
    ("name", "goal"),
    [
        ("R&D经费投入强度", "rd_expenditure_gdp_ratio"),
        ("研发投入强度", "rd_expenditure_gdp_ratio"),
        ("ｒ＆ｄ经费投入强度", "rd_expenditure_gdp_ratio"),  # full-width, any case
        ("规上工业企业研发经费投入强度", "industrial_rd_intensity"),
        ("高新技术企业", "national_high_tech_enterprises"),
        ("地区生产总值", "rd_expenditure_gdp_ratio"),  # a component's alias: its goal
        ("创业导师", "entrepreneurship_mentors"),
    ],
)
def test_lookup_accepts_aliases(cat: Catalogue, name: str, goal: str) -> None:
    assert find_indicator(cat, name).id == goal


@pytest.mark.parametrize(
    ("header", "series"),
    [
        ("研发投入强度", "rd_expenditure_gdp_ratio"),
        ("地区生产总值", "gdp"),
        ("GDP", "gdp"),
        ("规模以上工业企业营业收入", "industrial_main_revenue"),
        ("科技企业孵化器", "business_incubators"),
    ],
)
def test_import_matches_aliases(cat: Catalogue, header: str, series: str) -> None:
    assert Names.of(cat).indicator(header) == series
