"""TIMEX3 normalization: a temporal expression's text -> (type, value), TimeML style.

Pure functions over strings and dates, no parsing library: the times stage finds the expressions and
the tense that governs them, and calls `normalize`. The grammar is data, as HeidelTime's is:
resources/times/rules.tsv lists the rules by name, in the order they are tried, each with its pattern;
this module holds one normaliser per rule name (registered with @normaliser) that turns a match into a
type and value, and the tables the patterns draw on are TSV files beside rules.tsv.

Values follow TimeML: "2020-10-05", "2020-10", "2020-W41", "2020-Q3", "2020-SU", "199X", "P30D", "PXY",
"PT3H", "PRESENT_REF", "PAST_REF", "FUTURE_REF", "2020-10-05TMO". Without an anchor date, values that
need one are left with X digits.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

RESOURCES = Path(__file__).parent / "resources" / "times"


def _table(name: str) -> list[list[str]]:
    """The rows of a tab-separated resource file, less comments and its header line."""
    lines = [line for line in (RESOURCES / name).read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return [line.split("\t") for line in lines[1:]]


MONTHS = {m: i for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october",
     "november", "december"], start=1)}
MONTH_ABBR = {"jan": 1, "feb": 2, "mar": 3, "apr": 4, "jun": 6, "jul": 7, "aug": 8, "sep": 9, "sept": 9,
              "oct": 10, "nov": 11, "dec": 12}
WEEKDAYS = {d: i for i, d in enumerate(["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"])}
SEASONS = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
NUMBERS = {word: float(value) if "." in value else int(value) for word, value in _table("numbers.tsv")}
VAGUE = {"several", "few", "a few", "many", "some", "more", "numerous", "recent", "the past few", "past few"}
ORDINALS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4,
            "fifth": 5, "sixth": 6, "seventh": 7, "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11,
            "twelfth": 12, "thirteenth": 13, "fourteenth": 14, "fifteenth": 15, "sixteenth": 16,
            "seventeenth": 17, "eighteenth": 18, "nineteenth": 19, "twentieth": 20, "twenty-first": 21}
# TimeML duration units; hours and smaller go after a T.
UNITS = {"year": "Y", "yr": "Y", "month": "M", "week": "W", "day": "D", "hour": "H", "minute": "M",
         "second": "S", "decade": "E", "century": "C", "quarter": "Q", "weekend": "WE", "night": "D"}
TIME_UNITS = {"hour", "minute", "second"}
# "now", "recently", "the future": the words TimeML reads as references to the present, past or future.
REFERENCES = dict(_table("references.tsv"))
SETS = dict(_table("sets.tsv"))
PARTS_OF_DAY = dict(_table("parts_of_day.tsv"))

_NUMBER_WORD = r"(?:" + "|".join(sorted((re.escape(w) for w in NUMBERS), key=len, reverse=True)) + r")"
# A run of cardinal words ("thirty-five", "one hundred and twenty"); _num refuses runs English does not write.
_CARDINAL = r"(?:" + "|".join(sorted((w for w, v in NUMBERS.items() if " " not in w and isinstance(v, int)
                                     and w not in ("a", "an")), key=len, reverse=True)) + r")"
COMPOUND_NUMBER = rf"(?:(?:a|one)[\s-]+)?{_CARDINAL}(?:[\s-]+(?:and[\s-]+)?{_CARDINAL})+"
_NUM = r"(?:\d+(?:[.,]\d+)?|" + COMPOUND_NUMBER + "|" + _NUMBER_WORD + r")"
_UNIT = r"(?P<unit>years?|yrs?|months?|weeks?|days?|hours?|minutes?|seconds?|decades?|centuries|century|quarters?|weekends?|nights?)"
_MONTH = r"(?P<month>" + "|".join(list(MONTHS) + [m + r"\.?" for m in MONTH_ABBR]) + r")"
_APPROX = r"(?:(?:the|about|around|nearly|almost|roughly|approximately|more than|less than|fewer than|at least|at most|" \
          r"over|under|some|just|only|up to|another|an additional|the first|the last|the past|the next|the " \
          r"following|the previous|the final|past|last|next|first|previous|coming|final)\s+)*"


@dataclass(frozen=True, slots=True)
class Timex:
    type: str
    value: str | None


def _num(words: str) -> float | None:
    """'30', '2.5', 'six', 'a couple of', 'twenty-four', 'two hundred and twelve' -> a number; else None."""
    words = words.strip().lower().replace(",", "")
    if words in NUMBERS:
        return NUMBERS[words]
    try:
        return float(words)
    except ValueError:
        return _compound_number(words)


_MULTIPLIERS = {"hundred": 100, "thousand": 1000, "million": 1000000}


def _compound_number(words: str) -> int | None:
    """Number words written as English composes them ('thirty-five', 'a hundred and twenty', 'two thousand
    five hundred'); None for a run no English number is written as ('five six', 'twenty thirty')."""
    parts = [p for p in re.split(r"[\s-]+", words) if p != "and"]
    if parts and parts[0] in ("a", "one") and len(parts) > 1 and parts[1] in _MULTIPLIERS:
        parts[0] = "one"
    total = current = 0
    for part in parts:
        value = NUMBERS.get(part)
        if not isinstance(value, int) or part in ("a", "an"):
            return None
        if part in _MULTIPLIERS:
            if current == 0 or current % _MULTIPLIERS[part] == 0 and current >= _MULTIPLIERS[part]:
                return None
            current *= value
            if value >= 1000:
                total, current = total + current, 0
            continue
        tail = current % 100
        if tail and not (tail >= 20 and tail % 10 == 0 and value < 10):
            return None  # only "twenty" + "five" joins two small numbers
        current += value
    return (total + current) or None


def _fmt_num(n: float) -> str:
    return str(int(n)) if float(n).is_integer() else str(n)


def duration(n: float | None, unit: str) -> str:
    unit = unit.lower().rstrip("s") if unit.lower() != "centuries" else "century"
    code = UNITS[unit]
    if unit == "decade":  # TimeBank and AQUAINT count decades in years ("two decades": P20Y, "decades": PXY)
        unit, code, n = "year", "Y", None if n is None else n * 10
    amount = "X" if n is None else _fmt_num(n)
    if unit in ("hour", "minute") and n is not None and not float(n).is_integer():
        smaller = "M" if unit == "hour" else "S"  # "5 1/2 hours": PT5H30M, as TimeML writes it
        return f"PT{int(n)}{code}{round((n - int(n)) * 60)}{smaller}"
    return f"PT{amount}{code}" if unit in TIME_UNITS else f"P{amount}{code}"


def _month_of(word: str) -> int:
    w = word.lower().rstrip(".")
    return MONTHS.get(w) or MONTH_ABBR[w]


def _iso_week(day: dt.date) -> str:
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


def _shift_month(year: int, month: int, delta: int) -> tuple[int, int]:
    index = year * 12 + (month - 1) + delta
    return index // 12, index % 12 + 1


def _day(anchor: dt.date | None, delta_days: int = 0) -> str:
    return (anchor + dt.timedelta(days=delta_days)).isoformat() if anchor else "XXXX-XX-XX"


def _year_for_month(month: int, anchor: dt.date | None, tense: str, day: int = 15) -> str:
    """The year of a month named without one: the occurrence nearest the anchor, or the next one
    when the verb is explicitly future ("will meet in March")."""
    if anchor is None:
        return "XXXX"
    def when(year):
        return dt.date(year, month, min(day, 28))
    years = [anchor.year - 1, anchor.year, anchor.year + 1]
    if tense == "future":
        years = [y for y in years if when(y) >= anchor - dt.timedelta(days=31)]
    elif tense == "past":
        years = [y for y in years if when(y) <= anchor + dt.timedelta(days=31)]
    return str(min(years, key=lambda y: abs((when(y) - anchor).days)))


def _weekday(target: int, anchor: dt.date | None, tense: str, direction: str | None = None) -> str:
    """A bare weekday: the last one on or before the anchor in past tense, the next one in future tense."""
    if anchor is None:
        return "XXXX-XX-XX"
    ahead = (target - anchor.weekday()) % 7
    behind = (anchor.weekday() - target) % 7
    if direction == "next":
        return (anchor + dt.timedelta(days=ahead or 7)).isoformat()
    if direction is None and tense == "future":
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    if direction == "last":
        return (anchor - dt.timedelta(days=behind or 7)).isoformat()
    if direction == "this" and tense == "future" or direction is None and tense == "present" and ahead < behind:
        return (anchor + dt.timedelta(days=ahead)).isoformat()
    return (anchor - dt.timedelta(days=behind)).isoformat()


def _relative_unit(unit: str, delta: int, anchor: dt.date | None) -> str:
    """'last week', 'this month', 'next year', 'this quarter', 'last weekend'."""
    unit = unit.rstrip("s")
    if anchor is None:
        return {"year": "XXXX", "month": "XXXX-XX", "week": "XXXX-WXX", "quarter": "XXXX-QX"}.get(unit, "XXXX-XX-XX")
    if unit == "year":
        return str(anchor.year + delta)
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, delta)
        return f"{year}-{month:02d}"
    if unit in ("week", "weekend"):
        week = _iso_week(anchor + dt.timedelta(weeks=delta))
        return week + "-WE" if unit == "weekend" else week
    if unit == "quarter":
        index = anchor.year * 4 + (anchor.month - 1) // 3 + delta
        return f"{index // 4}-Q{index % 4 + 1}"
    if unit == "decade":
        return str(anchor.year // 10 + delta)[:3]
    if unit == "day":
        return _day(anchor, delta)
    if unit == "century":
        return str(anchor.year // 100 + delta)
    return _day(anchor, delta)


def _ago(n: float | None, unit: str, anchor: dt.date | None, sign: int = -1) -> str:
    """'three years ago' -> the year, 'two days ago' -> the day: the granularity of the unit."""
    unit = unit.rstrip("s") if unit != "centuries" else "century"
    if n is None:
        return "PAST_REF" if sign < 0 else "FUTURE_REF"
    n = int(n) * sign
    if anchor is None:
        return "XXXX"
    if unit == "year":
        return str(anchor.year + n)
    if unit == "decade":
        return str(anchor.year + 10 * n)[:3]
    if unit == "month":
        year, month = _shift_month(anchor.year, anchor.month, n)
        return f"{year}-{month:02d}"
    if unit == "week":
        return _iso_week(anchor + dt.timedelta(weeks=n))
    if unit == "day":
        return _day(anchor, n)
    if unit == "quarter":
        return _relative_unit("quarter", n, anchor)
    if unit == "century":
        return str(anchor.year // 100 + n)
    return _day(anchor, 0)


_NORMALISERS: dict[str, object] = {}


def normaliser(func):
    """Register a function that turns a rule's match into a Timex, under the rule's name in rules.tsv."""
    _NORMALISERS[func.__name__.lstrip("_")] = func
    return func


# -- explicit dates ------------------------------------------------------------------------------
@normaliser
def _month_day_year(m, anchor, tense):
    return Timex("DATE", f"{m['year']}-{_month_of(m['month']):02d}-{int(m['day']):02d}")


@normaliser
def _day_month_year(m, anchor, tense):
    return _month_day_year(m, anchor, tense)


@normaliser
def _month_day(m, anchor, tense):
    month = _month_of(m["month"])
    return Timex("DATE", f"{_year_for_month(month, anchor, tense, int(m['day']))}-{month:02d}-{int(m['day']):02d}")


@normaliser
def _day_month(m, anchor, tense):
    return _month_day(m, anchor, tense)


@normaliser
def _month_year(m, anchor, tense):
    return Timex("DATE", f"{m['year']}-{_month_of(m['month']):02d}")


@normaliser
def _bare_month(m, anchor, tense):
    month = _month_of(m["month"])
    mod = (m["mod"] or "").lower()
    if anchor is not None and mod == "last":
        return Timex("DATE", f"{anchor.year - 1 if month >= anchor.month else anchor.year}-{month:02d}")
    if anchor is not None and mod == "next":
        return Timex("DATE", f"{anchor.year + 1 if month <= anchor.month else anchor.year}-{month:02d}")
    if anchor is not None and mod == "this":
        return Timex("DATE", f"{anchor.year}-{month:02d}")  # "this September": this year's
    return Timex("DATE", f"{_year_for_month(month, anchor, tense)}-{month:02d}")


@normaliser
def _month_relative_year(m, anchor, tense):
    if anchor is None:
        return Timex("DATE", f"XXXX-{_month_of(m['month']):02d}")
    delta = {"this": 0, "last": -1, "next": 1}[m["which"].lower()]
    return Timex("DATE", f"{anchor.year + delta}-{_month_of(m['month']):02d}")


@normaliser
def _the_past_unit(m, anchor, tense):
    """With 'the', a stretch of time ("over the past decade"), not a calendar unit ("last year");
    but "the past year" is, in TimeBank, the year before."""
    if not m.group(0).lower().startswith("the "):
        return None
    if m["which"].lower() == "past" and m["unit"].lower() == "year":
        return Timex("DATE", _relative_unit("year", -1, anchor))
    return Timex("DURATION", "P10Y" if m["unit"].lower() == "decade" else duration(1, m["unit"]))


@normaliser
def _iso(m, anchor, tense):
    return Timex("DATE", f"{m['year']}-{m['month']}-{m['day']}")


@normaliser
def _numeric(m, anchor, tense):
    a, b = int(m["a"]), int(m["b"])
    month, day = (b, a) if a > 12 else (a, b)  # US order unless the first number cannot be a month
    year = m["year"] if len(m["year"]) == 4 else ("20" if int(m["year"]) < 50 else "19") + m["year"]
    if not (1 <= month <= 12 and 1 <= day <= 31):
        return None
    return Timex("DATE", f"{year}-{month:02d}-{day:02d}")


@normaliser
def _year(m, anchor, tense):
    return Timex("DATE", m["year"])


@normaliser
def _decade(m, anchor, tense):
    """TimeBank writes a decade named as a period ("the 1990s", "the late '80s") with its three
    digits, TimeML's decade granularity; a bare "1990s" with an X for the year."""
    digits = m["decade"][:3] if m["decade"] else "19" + m["short"]
    return Timex("DATE", digits if m.group(0).lower().startswith("the") else digits + "X")


@normaliser
def _century(m, anchor, tense):
    number = int(m["ord"]) if m["ord"] else ORDINALS.get((m["word"] or "").lower())
    if number is None:
        return None
    return Timex("DATE", f"{number - 1:02d}")


# -- quarters, halves, seasons -----------------------------------------------------------------
@normaliser
def _quarter(m, anchor, tense):
    """'The third quarter', 'its fourth quarter', 'a flat second quarter', 'next year's first quarter',
    'the first quarter of next year'."""
    return Timex("DATE", _quarter_of(ORDINALS[m["ord"].lower()], m["y1"] or m["y2"], m["which"] or m["which2"],
                                     anchor, tense))


@normaliser
def _quarter_code(m, anchor, tense):
    """The analysts' shorthand: 'Q3', 'Q1 2022', '2022 Q4'."""
    return Timex("DATE", _quarter_of(int(m["q"]), m["y1"] or m["y2"], None, anchor, tense))


def _quarter_of(quarter: int, year: str | None, which: str | None, anchor, tense: str) -> str:
    """A quarter's value: its year said, or relative to the anchor ('last', 'next'); a quarter not yet
    begun at the anchor, told in the past tense, is last year's ('profit rose in the third quarter',
    reported in January)."""
    if year is None and anchor is not None and not which and tense == "past" and quarter > (anchor.month - 1) // 3 + 1:
        year = str(anchor.year - 1)
    return f"{_year_said(year, which, anchor)}-Q{quarter}"


@normaliser
def _the_quarter(m, anchor, tense):
    """In reports of results, 'the quarter' is the last one closed unless the text says 'this'."""
    current = m.group(0).lower().startswith("this") or tense == "future"
    return Timex("DATE", _relative_unit("quarter", 0 if current else -1, anchor))


@normaliser
def _fiscal_year(m, anchor, tense):
    return Timex("DATE", str(anchor.year) if anchor else "XXXX")


_SPOKEN_TENS = r"(?P<tens>ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)(?:[\s-](?P<ones>one|two|three|four|five|six|seven|eight|nine))?"


@normaliser
def _spoken_year(m, anchor, tense):
    """Broadcast transcripts: 'nineteen ninety-six'."""
    year = _nineteen_said(m)
    return Timex("DATE", f"{year}-{_month_of(m['month']):02d}" if m["month"] else str(year))


def _nineteen_said(m) -> int:
    """The year of a match of 'nineteen' and %SPOKEN_TENS%: 'nineteen ninety-four' is 1994."""
    return 1900 + NUMBERS[m["tens"].lower()] + (NUMBERS[m["ones"].lower()] if m["ones"] else 0)


@normaliser
def _spoken_2000s(m, anchor, tense):
    return Timex("DATE", str(2000 + (NUMBERS[m["rest"].lower()] if m["rest"] else 0)))


@normaliser
def _spoken_decade(m, anchor, tense):
    digit = {"twenties": 2, "thirties": 3, "forties": 4, "fifties": 5, "sixties": 6, "seventies": 7, "eighties": 8,
             "nineties": 9}[m["tens"].lower()]
    return Timex("DATE", f"19{digit}" if m.group(0).lower().startswith("the") else f"19{digit}X")


@normaliser
def _half(m, anchor, tense):
    """'The first half of 2021', 'the second half of next year', 'the first half' (of the anchor's year)."""
    return Timex("DATE", f"{_year_said(m['year'], m['which'], anchor)}-H{ORDINALS.get(m['ord'].lower(), 2)}")


@normaliser
def _two_quarters(m, anchor, tense):
    """'The first two quarters of 2021' are its first half, 'the last two quarters of 2021' its second;
    'the last two quarters' of no year are the two just past, a length the other rules read."""
    if m["ord"].lower() != "first" and not (m["year"] or m["which"] or m.group(0).lower().endswith("the year")):
        return None
    return _half(m, anchor, tense)


@normaliser
def _season(m, anchor, tense):
    """'Spring 2021', 'the summer of next year', 'the winter of nineteen ninety-four' (a broadcast's year),
    'last winter' (the anchor's year, or one either side)."""
    code = SEASONS[m["season"].lower()]
    which = m["which"] or ({"last": "last", "next": "next"}.get((m["mod"] or "").lower()))
    year = m["year"] or (str(_nineteen_said(m)) if m["tens"] else None)
    return Timex("DATE", f"{_year_said(year, which, anchor)}-{code}")


def _year_said(year: str | None, which: str | None, anchor) -> str:
    """The year a part of a year lies in: the one written, else 'last', 'next' or this year's from the anchor."""
    if year:
        return year
    if anchor is None:
        return "XXXX"
    return str(anchor.year + {"last": -1, "next": 1}.get((which or "").lower(), 0))


# -- relative days and units ---------------------------------------------------------------------
@normaliser
def _deictic_day(m, anchor, tense):
    """'Yesterday', 'tomorrow morning', 'mid-afternoon yesterday'."""
    delta = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[m["word"].lower()]
    part = "tonight" if m["word"].lower() == "tonight" else (m["part"] or m["before"] or "").lower()
    if part:
        return Timex("TIME", f"{_day(anchor, delta)}T{PARTS_OF_DAY[part]}")
    return Timex("DATE", _day(anchor, delta))


@normaliser
def _part_of_day(m, anchor, tense):
    delta = -1 if (m["mod"] or "").lower() == "last" else (1 if (m["mod"] or "").lower() == "next" else 0)
    return Timex("TIME", f"{_day(anchor, delta)}T{PARTS_OF_DAY[m['part'].lower()]}")


@normaliser
def _overnight(m, anchor, tense):
    """'Strikes overnight killed 12': in a report, the night that ended on the day it was written."""
    return Timex("TIME", f"{_day(anchor, 0 if tense == 'future' else -1)}TNI")


@normaliser
def _part_of_day_on(m, anchor, tense):
    """'At dawn on Friday', 'dusk Saturday': that day's morning or evening."""
    day = _day_of(m["rest"], anchor, tense)
    return Timex("TIME", f"{day}T{PARTS_OF_DAY[' '.join(m['part'].lower().split())]}") if day else None


@normaliser
def _weekday_rule(m, anchor, tense):
    mod = (m["mod"] or "").lower()
    direction = {"last": "last", "past": "last", "previous": "last", "next": "next", "coming": "next", "this": "this"}.get(mod)
    value = _weekday(WEEKDAYS[m["weekday"].lower()], anchor, tense, direction)
    if m["part"]:
        return Timex("TIME", f"{value}T{PARTS_OF_DAY[m['part'].lower()]}")
    return Timex("DATE", value)


@normaliser
def _weekend(m, anchor, tense):
    if anchor is None:
        return Timex("DATE", "XXXX-WXX-WE")
    mod = (m["mod"] or "the").lower()
    saturday = anchor - dt.timedelta(days=(anchor.weekday() - 5) % 7)  # the last Saturday on or before
    if mod == "next" or mod == "this" and tense != "past" or mod == "the" and tense == "future":
        saturday += dt.timedelta(days=7)
    elif mod == "last" and anchor.weekday() >= 5:
        saturday -= dt.timedelta(days=7)
    return Timex("DATE", _iso_week(saturday) + "-WE")


HOLIDAYS = {name: (int(month), int(day)) for name, month, day in _table("holidays.tsv")}


def _thanksgiving(year: int) -> dt.date:
    first = dt.date(year, 11, 1)
    return first + dt.timedelta(days=(3 - first.weekday()) % 7 + 21)


MOVEABLE_FEASTS = {name: (reckoning, int(days)) for name, reckoning, days in _table("moveable_feasts.tsv")}


def _western_easter(year: int) -> dt.date:
    """Easter Sunday by the Gregorian computus (the anonymous algorithm of 1876)."""
    a, b, c = year % 19, year // 100, year % 100
    d, e = b // 4, b % 4
    g = (b - (b + 8) // 25 + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = c // 4, c % 4
    l = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return dt.date(year, month, day + 1)


def _orthodox_easter(year: int) -> dt.date:
    """Easter Sunday by the Julian computus (Meeus), moved to the Gregorian calendar (13 days, 1900-2099)."""
    d = (19 * (year % 19) + 15) % 30
    e = (2 * (year % 4) + 4 * (year % 7) - d + 34) % 7
    month, day = divmod(d + e + 114, 31)
    return dt.date(year, month, day + 1) + dt.timedelta(days=13)


def _feast_day(name: str, year: int) -> dt.date:
    if name.startswith("thanksgiving"):
        return _thanksgiving(year)
    if name in MOVEABLE_FEASTS:
        reckoning, days = MOVEABLE_FEASTS[name]
        easter = _orthodox_easter(year) if reckoning == "orthodox" else _western_easter(year)
        return easter + dt.timedelta(days=days)
    return dt.date(year, *HOLIDAYS[name])


@normaliser
def _holiday(m, anchor, tense):
    """'Christmas Eve', 'last Thanksgiving', 'Good Friday': the occurrence the tense points to."""
    name = " ".join(m["name"].lower().split())
    def on(year):
        return _feast_day(name, year)
    if anchor is None:
        fixed = name in HOLIDAYS
        return Timex("DATE", "XXXX-%02d-%02d" % (on(2001).month, on(2001).day) if fixed else "XXXX-XX-XX")
    mod = (m["mod"] or "").lower()
    candidates = [on(y) for y in (anchor.year - 1, anchor.year, anchor.year + 1)]
    if mod == "last" or mod == "" and tense == "past":
        day = max(d for d in candidates if d <= anchor)
    elif mod == "next" or tense == "future":
        day = min(d for d in candidates if d >= anchor)
    else:
        day = min(candidates, key=lambda d: abs((d - anchor).days))
    return Timex("DATE", day.isoformat())


@normaliser
def _this_unit(m, anchor, tense):
    mod = m["mod"].lower().replace("the ", "")
    if mod in ("same", "that", "following") and m["unit"] != "year":
        return None  # anchored on the narrative, not the publication date: left to the stage
    delta = {"last": -1, "past": -1, "previous": -1, "prior": -1, "latest": -1, "recent": -1,
             "next": 1, "coming": 1, "following": 1}.get(mod, 0)
    if m["unit"].lower() == "quarter" and mod in ("", "the") and tense == "past":
        delta = -1  # "profit fell in the quarter": the quarter last reported, before the one under way
    return Timex("DATE", _relative_unit(m["unit"].lower(), delta, anchor))


@normaliser
def _fortnight(m, anchor, tense):
    """'A fortnight': two weeks; 'a fortnight ago': the week two weeks back."""
    if m["dir"]:
        return Timex("DATE", _ago(2, "week", anchor))
    return Timex("DURATION", "P2W")


@normaliser
def _one_unit_ago(m, anchor, tense):
    return Timex("DATE", _ago(1, (m["unit"] or m["unit2"]).lower(), anchor))


@normaliser
def _n_units_ago(m, anchor, tense):
    n = _num(m["n"]) if m["n"].lower() not in VAGUE | {"a couple of"} else (2 if "couple" in m["n"].lower() else None)
    if m["dir"].lower() in ("later", "after"):
        return Timex("DURATION", duration(n, m["unit"]))  # "three days later": TimeML marks the stretch
    sign = -1 if m["dir"].lower() in ("ago", "earlier", "before") else 1
    if n is None:
        return Timex("DATE", "PAST_REF" if sign < 0 else "FUTURE_REF")
    return Timex("DATE", _ago(n, m["unit"].lower(), anchor, sign))


# -- durations and sets --------------------------------------------------------------------------
@normaliser
def _units_and_a_half(m, anchor, tense):
    """'A minute and a half': PT1M30S."""
    n = _num(m["n"])
    return Timex("DURATION", duration(None if n is None else n + 0.5, m["unit"]))


@normaliser
def _n_to_m_units(m, anchor, tense):
    """'two to three weeks': TimeBank gives a range its first figure."""
    return Timex("DURATION", duration(_num(m["n"]), m["unit"]))


@normaliser
def _n_units(m, anchor, tense):
    text = m["n"].lower()
    half = re.search(r"[\s-]+(?:and[\s-]+a[\s-]+half|1/2)$", text)
    if half:
        n = (_num(text[:half.start()]) or 0) + 0.5
    else:
        n = _num(text)
    if n is None and re.match(r"^an?[\s-]+\S", text):
        n = _num(re.sub(r"^an?[\s-]+", "", text))  # "a two-year boom": the article, then the count
    return Timex("DURATION", duration(n, m["unit"]))


@normaliser
def _vague_units(m, anchor, tense):
    """'Several years', 'the past few weeks', 'the weeks ahead'."""
    return Timex("DURATION", duration(None, m["unit"] or m["ahead"]))


@normaliser
def _bare_units(m, anchor, tense):
    unit = m["unit"].lower()
    if not unit.endswith("s") and unit not in ("centuries",):
        return None  # "year", "day" alone: which one is not said
    return Timex("DURATION", duration(None, unit))


@normaliser
def _the_full_year(m, anchor, tense):
    """In reports of results, "(the full) year" is the calendar year under way, not a stretch of one;
    "the year ended March 31" is (the stage reads the word after the expression)."""
    return Timex("DATE", _relative_unit("year", 0, anchor))


@normaliser
def _end_of_the_unit(m, anchor, tense):
    """'By the end of the year', 'at year-end': the year (or month) under way."""
    return Timex("DATE", _relative_unit((m["unit"] or m["year"]).lower(), 0, anchor))


@normaliser
def _the_week(m, anchor, tense):
    """'During the week': a week of the publication's year, which one the text does not say."""
    return Timex("DATE", f"{anchor.year}-WXX" if anchor else "XXXX-WXX")


@normaliser
def _the_unit(m, anchor, tense):
    return Timex("DURATION", duration(1, m["unit"]))


@normaliser
def _set(m, anchor, tense):
    text = m.group(0).lower()
    if text in SETS:
        return Timex("SET", SETS[text])
    return Timex("SET", duration(2 if "other" in text else 1, m["unit"]))


@normaliser
def _set_of_a_day(m, anchor, tense):
    """'Each July', 'every Friday': the month or weekday that recurs, as TimeML writes a SET."""
    if m["weekday"]:
        return Timex("SET", f"XXXX-WXX-{WEEKDAYS[m['weekday'].lower()] + 1}")
    return Timex("SET", f"XXXX-{_month_of(m['month']):02d}")


@normaliser
def _holiday_week(m, anchor, tense):
    """'Easter week', 'Christmas week': the ISO week the holiday falls in; the week under way when the
    story is written in it ("as Easter week began", told on its Monday), else the one the tense points to."""
    weeks = []
    for reading in ("present", tense):
        day = normalize(m["holiday"], anchor, reading)
        if day is None or not re.match(r"^\d{4}-\d{2}-\d{2}$", day.value or ""):
            return None
        weeks.append(_iso_week(dt.date.fromisoformat(day.value)))
    return Timex("DATE", weeks[0] if anchor is not None and weeks[0] == _iso_week(anchor) else weeks[1])


@normaliser
def _week_of(m, anchor, tense):
    """'The week of March 6': the ISO week that day falls in."""
    inner = normalize(m["rest"], anchor, tense)
    if inner is None or not re.match(r"^\d{4}-\d{2}-\d{2}$", inner.value or ""):
        return None
    return Timex("DATE", _iso_week(dt.date.fromisoformat(inner.value)))


@normaliser
def _day_next_to(m, anchor, tense):
    """'The day before last Tuesday', 'the day after Christmas'."""
    inner = normalize(m["rest"], anchor, tense)
    if inner is None or not re.match(r"^\d{4}-\d{2}-\d{2}$", inner.value or ""):
        return None
    delta = -1 if m["dir"].lower() == "before" else 1
    return Timex("DATE", (dt.date.fromisoformat(inner.value) + dt.timedelta(days=delta)).isoformat())


# -- times of day and references -------------------------------------------------------------------
@normaliser
def _hour_of_the_part(m, anchor, tense):
    """'Four in the morning', '10 at night'."""
    hour = int(m["h"]) if m["h"].isdigit() else NUMBERS[m["h"].lower()]
    if (m["part"] or "").lower() in ("afternoon", "evening") or m["night"] and 5 < hour < 12:
        hour += 12
    return Timex("TIME", f"{_day(anchor)}T{hour:02d}:00") if hour <= 24 else None


@normaliser
def _clock(m, anchor, tense):
    """'6 p.m.', '10:30 a.m. Tuesday', '8.30pm' (British), '14:00', "at 2 o'clock" (the hour as written)."""
    if not m["ampm"] and not m["min"] and "o'clock" not in m.group(0).lower():
        return None
    hour = int(m["h"]) % 12 + (12 if (m["ampm"] or "").lower().startswith("p") else 0) if m["ampm"] else int(m["h"])
    minutes = int(m["min"] or m["dot_min"] or 0)
    if hour > 24 or minutes > 59:
        return None
    day = _day_of(m["rest"], anchor, tense)
    return Timex("TIME", f"{day}T{hour:02d}:{minutes:02d}") if day else None


@normaliser
def _military_clock(m, anchor, tense):
    """'0600 GMT', '1430 local time on Friday': wire copy's 24-hour clock; TimeML drops the zone."""
    day = _day_of(m["rest"], anchor, tense)
    return Timex("TIME", f"{day}T{m['h']}:{m['min']}") if day else None


def _day_of(rest: str | None, anchor: dt.date | None, tense: str) -> str | None:
    """The day a clock time names after it ("10 p.m. Wednesday", "noon Saturday", "6 p.m. Saturday
    night"); the anchor's when it names none; None when what follows is not a day."""
    if not rest:
        return _day(anchor)
    inner = normalize(rest, anchor, tense)
    if inner is None or inner.type not in ("DATE", "TIME") or not re.match(r"^\d{4}-\d{2}-\d{2}(?:T[A-Z]{2})?$", inner.value or ""):
        return None
    return inner.value[:10]


@normaliser
def _noon(m, anchor, tense):
    day = _day_of(m["rest"], anchor, tense)
    return Timex("TIME", f"{day}T{'24:00' if m['w'].lower() == 'midnight' else '12:00'}") if day else None


def _reference(text: str) -> Timex | None:
    value = REFERENCES.get(text)
    return Timex("DATE", value) if value else None


def clean_expression(text: str) -> str:
    text = " ".join(text.replace("\u2019", "'").split()).strip(" .,;:()[]\"")  # "(July 27, 2012)": brackets are not the date
    text = re.sub(r"\s+ended\s+.*$", "", text)  # "the quarter ended Sept. 30": the quarter
    return re.sub(r"'s$", "", text)


def normalize(text: str, anchor: dt.date | None, tense: str = "past") -> Timex | None:
    """TIMEX3 type and value of one expression, or None when its value cannot be read.

    When the whole text matches no rule, leading words ("Earlier Friday", "as early as next week")
    and then trailing ones ("a minute and a half later") are dropped, two at most."""
    words = clean_expression(text).split()
    for cut in ((0, 0), (1, 0), (2, 0), (3, 0), (0, 1), (0, 2)):
        dropped = words[:cut[0]] + (words[len(words) - cut[1]:] if cut[1] else [])
        if len(words) - sum(cut) < 1 or not all(w.lower() in _DROPPABLE for w in dropped):
            continue
        found = _normalize(" ".join(words[cut[0]:len(words) - cut[1]]), anchor, tense)
        if found is not None:
            return found
    return None


def normalize_within(text: str, anchor: dt.date | None, tense: str = "past") -> Timex | None:
    """The value of the longest readable run of words in an expression no rule reads whole
    ("lower than a year ago", "both 1990 and"): of runs of one length, the tail first, then the head.
    None when no run can be read."""
    found = normalize(text, anchor, tense)
    if found is not None:
        return found
    words = clean_expression(text).split()
    for size in range(len(words) - 1, 0, -1):
        starts = dict.fromkeys([len(words) - size, 0, *range(1, len(words) - size)])
        for start in starts:
            found = _normalize(" ".join(words[start:start + size]), anchor, tense)
            if found is not None and found.value is not None:
                return found
    return None


# Words around an expression that do not change its value ("as early as next week", "Earlier Friday").
_DROPPABLE = {"as", "early", "earlier", "late", "later", "since", "until", "till", "by", "before", "after", "from",
              "between", "around", "about", "on", "in", "at", "of", "during", "through", "throughout", "the", "just",
              "only", "even", "and", "or", "to", "then", "long", "for", "within", "over", "into", "last", "this",
              "day", "also", "late", "again"}


def _normalize(text: str, anchor: dt.date | None, tense: str) -> Timex | None:
    lowered = text.lower()
    found = _reference(lowered) or _reference(re.sub(r"^(?:the\s+)?(?:very\s+)?", "", lowered))
    if found:
        return found
    named = explain(text, anchor, tense)
    return named[1] if named else None


def explain(text: str, anchor: dt.date | None, tense: str = "past") -> tuple[str, Timex] | None:
    """The name of the rule that reads the whole text, and its reading; None when none does."""
    for name, pattern in RULES:
        m = pattern.match(text)
        if m:
            result = _NORMALISERS[name](m, anchor, tense)
            if result is not None:
                return name, result
    return None


def _macros() -> dict[str, str]:
    """What the %NAME% placeholders of rules.tsv stand for, built from the tables."""
    hours = [w for w, n in NUMBERS.items() if isinstance(n, int) and 1 <= n <= 12 and " " not in w and w not in ("a", "an")]
    return {"%APPROX%": _APPROX, "%MONTH%": _MONTH, "%NUM%": _NUM, "%UNIT%": _UNIT, "%SPOKEN_TENS%": _SPOKEN_TENS,
            "%HOLIDAY%": "|".join(re.escape(h).replace(r"\ ", r"\s+") for h in sorted([*HOLIDAYS, *MOVEABLE_FEASTS], key=len, reverse=True)), "%SET%": "|".join(SETS), "%HOUR_WORD%": "|".join(hours)}


def _load_rules() -> list[tuple[str, re.Pattern]]:
    """rules.tsv in order, each pattern compiled to match a whole expression; every name must have a normaliser."""
    rules = []
    for name, pattern in _table("rules.tsv"):
        for macro, expansion in _macros().items():
            pattern = pattern.replace(macro, expansion)
        if name not in _NORMALISERS:
            raise KeyError(f"rules.tsv: no normaliser named {name!r} in truce/timenorm.py")
        rules.append((name, re.compile(rf"^(?:{pattern})$", re.I)))
    return rules


RULES = _load_rules()
