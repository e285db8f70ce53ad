"""The words of the views in both languages: every status, accrual, unit and label has both."""

from __future__ import annotations

import re

import pytest
from builders import catalogue, indicator

from dehong_cli.model.catalogue import Accrual
from dehong_cli.model.lookup import find_status
from dehong_cli.model.status import STATUS_ZH, Status
from dehong_cli.render import calculation, show
from dehong_cli.render.fit import cells, fit, narrowest, wrap
from dehong_cli.render.formatting import quantity, target_text
from dehong_cli.render.vocabulary import ACCRUAL_WORDS, accrual_word, span, status_word

CJK = re.compile(r"[\u4e00-\u9fff]")


@pytest.mark.parametrize("status", list(Status))
def test_every_status_has_a_chinese_word_and_its_id_in_english(status: Status) -> None:
    assert CJK.fullmatch(status_word(status, "zh")[0])
    assert status_word(status, "en") == status.value
    assert find_status(STATUS_ZH[status], "--status") is status
    assert find_status(status.value.upper().replace("_", "-"), "--status") is status


def test_status_words_are_distinct() -> None:
    assert len(set(STATUS_ZH.values())) == len(Status)


@pytest.mark.parametrize("accrual", list(Accrual))
def test_every_accrual_has_words_in_both_languages(accrual: Accrual) -> None:
    assert accrual in ACCRUAL_WORDS
    assert CJK.search(accrual_word(accrual, "zh")) and not CJK.search(accrual_word(accrual, "en"))


@pytest.mark.parametrize(
    ("over", "zh", "en"),
    [
        ({"unit": "money", "scale": "万元", "measure": None}, "50 万元", "50 10k yuan"),
        ({"unit": "money", "scale": "亿元", "measure": None}, "50 亿元", "50 100M yuan"),
        ({"unit": "count", "measure": "家"}, "50家", "50"),
        ({"unit": "percent", "measure": None}, "50%", "50%"),
    ],
)
def test_units_in_both_languages(over: dict[str, object], zh: str, en: str) -> None:
    cat = catalogue(indicator("x", **over))
    ind = cat.indicators[0]
    assert quantity(50, ind, "zh") == zh
    assert quantity(50, ind, "en") == en
    assert not CJK.search(target_text(ind, "en"))


def test_labels_have_both_languages() -> None:
    for table in (show.LABELS, calculation.LABELS):
        for en, zh in table.values():
            assert not CJK.search(en) and (CJK.search(zh) or zh == en == "R")


def test_one_year_is_not_a_range() -> None:
    assert span(2017, 2017) == "2017" and span(2017, 2019) == "2017–2019"


def test_fit_breaks_only_where_it_may() -> None:
    assert cells("科技ab") == 6
    assert fit("16项 (2017–19)", 9) == ["16项", "(2017–19)"]
    assert fit("(2017–19)", 8) is None  # a year range is never split
    assert fit(">= 20项 (新增)", 7) == [">= 20项", "(新增)"]
    assert narrowest("科技进步贡献率") == 8  # seven characters in two lines of four at most
    lines = wrap("以企业为主体、市场为导向、产学研用的技术创新体系", 12)
    assert len(lines) == 2 and all(cells(line) <= 12 for line in lines)
    assert lines[-1].endswith("…") and not lines[-1].startswith("、")  # 、 stays with what it follows
