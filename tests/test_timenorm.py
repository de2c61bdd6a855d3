"""TIMEX3 values, family by family, with the publication date (the anchor) varied."""
import datetime as dt

import pytest

from truce import timenorm
from truce.timenorm import normalize, normalize_within

D = dt.date


@pytest.mark.parametrize("text,anchor,expected", [
    # explicit dates in their news forms
    ("Oct. 5", D(2020, 10, 12), ("DATE", "2020-10-05")),
    ("5 October 2020", D(2021, 1, 1), ("DATE", "2020-10-05")),
    ("October 5, 2020", D(2021, 1, 1), ("DATE", "2020-10-05")),
    ("10/05/2020", D(2021, 1, 1), ("DATE", "2020-10-05")),
    ("25/12/2019", D(2021, 1, 1), ("DATE", "2019-12-25")),
    ("March 1989", D(1989, 10, 27), ("DATE", "1989-03")),
    ("1990", D(1989, 10, 27), ("DATE", "1990")),
    ("1990s", D(2000, 1, 1), ("DATE", "199X")),
    ("the third quarter", D(1989, 10, 26), ("DATE", "1989-Q3")),
    ("fiscal second-quarter", D(1989, 10, 26), ("DATE", "1989-Q2")),
    ("this summer", D(1989, 11, 1), ("DATE", "1989-SU")),
    ("nineteen ninety-six", D(1998, 1, 1), ("DATE", "1996")),
    # relative to the publication date
    ("yesterday", D(2020, 10, 12), ("DATE", "2020-10-11")),
    ("tomorrow", D(2020, 12, 31), ("DATE", "2021-01-01")),
    ("last week", D(2020, 10, 12), ("DATE", "2020-W41")),
    ("earlier this month", D(2020, 10, 12), ("DATE", "2020-10")),
    ("next year", D(2020, 10, 12), ("DATE", "2021")),
    ("two days ago", D(2020, 3, 1), ("DATE", "2020-02-28")),
    ("three years ago", D(2020, 10, 12), ("DATE", "2017")),
    ("last month", D(2021, 1, 15), ("DATE", "2020-12")),
    # durations and sets
    ("30 days", D(2020, 10, 12), ("DURATION", "P30D")),
    ("within 30 days", D(2020, 10, 12), ("DURATION", "P30D")),
    ("for six months", D(2020, 10, 12), ("DURATION", "P6M")),
    ("30-day", D(2020, 10, 12), ("DURATION", "P30D")),
    ("several years", D(2020, 10, 12), ("DURATION", "PXY")),
    ("two hours", D(2020, 10, 12), ("DURATION", "PT2H")),
    ("the past decade", D(2020, 10, 12), ("DURATION", "P10Y")),
    ("every week", D(2020, 10, 12), ("SET", "P1W")),
    ("daily", D(2020, 10, 12), ("SET", "P1D")),
    # times of day
    ("3 p.m.", D(2020, 10, 12), ("TIME", "2020-10-12T15:00")),
    ("this morning", D(2020, 10, 12), ("TIME", "2020-10-12TMO")),
    ("10 p.m. Wednesday", D(1998, 2, 13), ("TIME", "1998-02-11T22:00")),
    # references
    ("now", D(2020, 10, 12), ("DATE", "PRESENT_REF")),
    ("recently", D(2020, 10, 12), ("DATE", "PAST_REF")),
    ("the near future", D(2020, 10, 12), ("DATE", "FUTURE_REF")),
    # modifiers that do not change the value
    ("Earlier Friday", D(2000, 1, 7), ("DATE", "2000-01-07")),
    ("as early as next week", D(2020, 10, 12), ("DATE", "2020-W43")),
    # a decade named as a period has TimeML's decade granularity; the bare form an X for the year
    ("the 1990s", D(2000, 1, 1), ("DATE", "199")),
    ("the late '80s", D(1995, 6, 1), ("DATE", "198")),
    ("the nineties", D(2001, 1, 1), ("DATE", "199")),
    ("1980s", D(2000, 1, 1), ("DATE", "198X")),
    ("the last half of 1989", D(1990, 1, 1), ("DATE", "1989-H2")),
    # calendar units of reports of results
    ("the full year", D(2020, 12, 31), ("DATE", "2020")),
    ("the full year", D(2021, 1, 1), ("DATE", "2021")),
    ("the past year", D(2021, 1, 1), ("DATE", "2020")),
    ("the end of the year", D(2019, 10, 30), ("DATE", "2019")),
    ("year-end", D(2019, 10, 30), ("DATE", "2019")),
    ("the end of the month", D(2020, 1, 31), ("DATE", "2020-01")),
    ("the week", D(2020, 12, 29), ("DATE", "2020-WXX")),
    # "later" marks a stretch of time, the range's first figure stands for it
    ("three days later", D(2020, 10, 12), ("DURATION", "P3D")),
    ("a few days later", D(2020, 10, 12), ("DURATION", "PXD")),
    ("two to three weeks", D(2020, 10, 12), ("DURATION", "P2W")),
    ("about a decade", D(2020, 10, 12), ("DURATION", "P10Y")),
    # a clock word with its day
    ("noon Saturday", D(2021, 1, 1), ("TIME", "2020-12-26T12:00")),
    ("midnight", D(2021, 1, 1), ("TIME", "2021-01-01T24:00")),
    # stretches and references
    ("the weeks ahead", D(2020, 10, 12), ("DURATION", "PXW")),
    ("the coming months ahead", D(2020, 10, 12), ("DURATION", "PXM")),
    ("eight trading days", D(2020, 10, 12), ("DURATION", "P8D")),
    ("three business days", D(2020, 10, 12), ("DURATION", "P3D")),
    ("the past two quarters", D(2020, 10, 12), ("DURATION", "P2Q")),
    ("every quarter", D(2020, 10, 12), ("SET", "P1Q")),
    ("a later date", D(2020, 10, 12), ("DATE", "FUTURE_REF")),
    # parts of days, days next to days, fractions
    ("four in the morning", D(2021, 1, 1), ("TIME", "2021-01-01T04:00")),
    ("10 at night", D(2021, 1, 1), ("TIME", "2021-01-01T22:00")),
    ("mid-afternoon yesterday", D(2021, 1, 1), ("TIME", "2020-12-31TAF")),
    ("the day before last Tuesday", D(2021, 1, 7), ("DATE", "2021-01-04")),
    ("the day after Christmas", D(2021, 1, 7), ("DATE", "2020-12-26")),
    ("about 5 1/2 hours", D(2021, 1, 1), ("DURATION", "PT5H30M")),
    ("a minute and a half", D(2021, 1, 1), ("DURATION", "PT1M30S")),
])
def test_timenorm_families(text, anchor, expected):
    found = normalize(text, anchor)
    assert (found.type, found.value) == expected


@pytest.mark.parametrize("text,anchor,expected", [
    ("last December", D(2021, 1, 10), "2020-12"),      # across the year boundary
    ("December", D(2021, 1, 10), "2020-12"),           # the nearest December
    ("Dec. 28", D(2021, 1, 3), "2020-12-28"),
    ("January", D(2020, 12, 20), "2021-01"),
    ("last week", D(2021, 1, 4), "2020-W53"),          # ISO week of the year before
    ("this September", D(2021, 2, 5), "2021-09"),      # this year's, ahead or behind
    ("this September", D(2021, 11, 5), "2021-09"),
    ("the year", D(2020, 12, 31), "2020"),              # the year of a report is the calendar year
    ("the year", D(2021, 1, 1), "2021"),
    # quarters with their modifiers
    ("its fourth quarter", D(2019, 12, 2), "2019-Q4"),
    ("a flat second quarter", D(2019, 12, 2), "2019-Q2"),
    ("the seasonally slow third quarter", D(2021, 1, 5), "2020-Q3"),  # reported in January: last year's
    ("next year's first quarter", D(2019, 12, 2), "2020-Q1"),
    ("last year's fourth quarter", D(2020, 1, 2), "2019-Q4"),
])
def test_timenorm_year_boundaries(text, anchor, expected):
    assert normalize(text, anchor).value == expected


@pytest.mark.parametrize("tense,expected", [("past", "2020-10-09"), ("future", "2020-10-16")])
def test_timenorm_weekday_follows_the_tense(tense, expected):
    # 2020-10-12 is a Monday: "Friday" is the last one in a past clause, the next one in a future clause.
    assert normalize("Friday", D(2020, 10, 12), tense).value == expected


def test_timenorm_month_follows_the_tense():
    assert normalize("March", D(2020, 10, 12), "future").value == "2021-03"
    assert normalize("March", D(2020, 10, 12), "past").value == "2020-03"


def test_timenorm_without_anchor_leaves_values_underspecified():
    assert normalize("yesterday", None).value == "XXXX-XX-XX"
    assert normalize("5 October 2020", None).value == "2020-10-05"


def test_timenorm_unreadable_expression_gives_none():
    assert normalize("the time of troubles", D(2020, 1, 1)) is None


@pytest.mark.parametrize("text,anchor,expected", [
    ("lower than a year ago", D(2021, 3, 4), "2020"),                  # the readable tail
    ("1999 and beyond", D(2019, 12, 2), "1999"),                      # the readable head
])
def test_timenorm_within_reads_the_longest_readable_run(text, anchor, expected):
    assert normalize(text, anchor) is None
    assert normalize_within(text, anchor).value == expected


def test_timenorm_within_gives_none_when_nothing_is_readable():
    assert normalize_within("the time of troubles", D(2020, 1, 1)) is None


def test_timenorm_a_quarter_ahead_of_the_anchor_is_last_years_unless_the_verb_looks_ahead():
    assert normalize("the third quarter", D(2021, 1, 5), "past").value == "2020-Q3"
    assert normalize("the third quarter", D(2021, 1, 5), "future").value == "2021-Q3"
    assert normalize("the first quarter", D(2021, 1, 5), "past").value == "2021-Q1"


def test_timenorm_a_vague_count_joined_to_its_unit():
    assert normalize("several-year", D(2020, 1, 1)).value == "PXY"


# -- the grammar as data: every rule of resources/times/rules.tsv is named, has examples, and reads them ------
_EXAMPLES = timenorm._table("examples.tsv")


def test_timenorm_every_rule_has_a_normaliser_and_an_example():
    rule_names = [name for name, _ in timenorm.RULES]
    assert len(rule_names) == len(set(rule_names)), "a rule name is used twice in rules.tsv"
    assert set(rule_names) == set(timenorm._NORMALISERS)
    assert set(rule_names) <= {row[0] for row in _EXAMPLES}


@pytest.mark.parametrize("rule,text,anchor,tense,type_,value", _EXAMPLES, ids=[f"{r[0]}:{r[1]}" for r in _EXAMPLES])
def test_timenorm_rule_reads_its_example(rule, text, anchor, tense, type_, value):
    named = timenorm.explain(" ".join(timenorm.clean_expression(text).split()), dt.date.fromisoformat(anchor), tense)
    assert named is not None, f"no rule reads {text!r}"
    assert named[0] == rule
    assert (named[1].type, named[1].value) == (type_, value)


def test_timenorm_a_rule_without_a_normaliser_is_refused(monkeypatch):
    monkeypatch.setattr(timenorm, "_table", lambda name: [["no_such_rule", "x"]])
    with pytest.raises(KeyError, match="no_such_rule"):
        timenorm._load_rules()


def test_timenorm_a_date_in_brackets_is_read_whole():
    assert normalize("(July 27, 2012", D(2020, 5, 26)).value == "2012-07-27"
    assert normalize("'80s", D(2020, 5, 26)).value == "198X"  # the apostrophe of a decade stays


@pytest.mark.parametrize("words,expected", [
    ("thirty-five", 35), ("twenty four", 24), ("one hundred and twenty", 120), ("a hundred and six", 106),
    ("two thousand five hundred", 2500), ("five six", None), ("twenty thirty", None), ("hundred hundred", None),
])
def test_timenorm_number_words_compose_as_english_writes_them(words, expected):
    assert timenorm._num(words) == expected


def test_timenorm_counts_in_words_read_like_digits():
    assert normalize("the past twenty-five years", D(2022, 3, 1)).value == "P25Y"
    assert normalize("two hundred years ago", D(2022, 3, 1)).value == "1822"
    assert normalize("Q4 of 2021", D(2022, 3, 1)).value == "2021-Q4"
