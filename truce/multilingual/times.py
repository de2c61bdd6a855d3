"""times: dates in a text in one of the ten languages, normalised against the publication date.

The words come from two calendars' data, read once per language: dateparser's (months and weekdays
with their inflected forms, "yesterday", "today", "tomorrow" and the days beside them) and Babel's
CLDR names (months in their format and stand-alone forms, weekdays). Short abbreviations of
dateparser's ("mar", "сб") are left out: in running text they are other words more often than dates.
Shapes read: day month [year] ("5 de octubre de 2020", "5. Oktober", "5 жовтня 2020 року"), month
day [year], month year, Chinese "2020年10月5日" / "10月5日", a weekday alone (the latest such day on
or before publication: news reports what happened), the relative days, and a length of time ago
("il y a six semaines", "шість тижнів тому", "六周前": date_words.tsv's "ago" forms, counted back from
publication at the unit's precision). Without a publication
date a date without its year, a weekday or a relative day is kept with no value, never guessed.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass
from pathlib import Path

from .. import record

DATE_WORDS = Path(__file__).resolve().parents[1] / "resources" / "multilingual" / "date_words.tsv"

# dateparser's relative expressions read: (unit, how many of them from the publication's).
_RELATIVE_KEYS = {"0 day ago": ("day", 0), "1 day ago": ("day", -1), "2 day ago": ("day", -2), "in 1 day": ("day", 1),
                  "in 2 day": ("day", 2), "0 week ago": ("week", 0), "1 week ago": ("week", -1), "in 1 week": ("week", 1),
                  "0 month ago": ("month", 0), "1 month ago": ("month", -1), "in 1 month": ("month", 1),
                  "0 year ago": ("year", 0), "1 year ago": ("year", -1), "in 1 year": ("year", 1)}
# A year named alone ("en 2013", "2013 года", "2013年") is read within these bounds: other four-digit
# numbers (2500 soldiers) are counts.
_YEARS = (1900, 2100)
_MONTH_KEYS = ("january", "february", "march", "april", "may", "june", "july", "august", "september",
               "october", "november", "december")
_WEEKDAY_KEYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
# A dateparser month or weekday shorter than this is an abbreviation ("окт", "mar"): not read in
# running text. Relative days are words of their own ("dün", "أمس"): three letters are enough.
_MIN_LETTERS = {"zh": 2}
_DEFAULT_MIN_LETTERS = 4
# A date without a year more than this many days after publication is last year's ("28 December"
# in a report of 3 January).
_FUTURE_DAYS = 31
# Locales whose month names differ from the language's default one's (the Levant's and Iraq's
# Arabic months: تشرين الأول for أكتوبر).
_MORE_LOCALES = {"ar": ("ar_SY",)}


@dataclass(frozen=True)
class Calendar:
    """One language's date words and the expression that finds them."""
    months: dict[str, int]
    weekdays: dict[str, int]
    relative: dict[str, tuple[str, int]]
    ago: tuple[tuple[re.Pattern, str], ...]  # "six weeks ago": each form's expression and its unit
    numbers: dict[str, int]
    pattern: re.Pattern


@functools.cache
def calendar(language: str) -> Calendar:
    from babel import Locale

    info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
    shortest = _MIN_LETTERS.get(language, _DEFAULT_MIN_LETTERS)

    def long_enough(words, least=shortest):
        return {w.lower() for w in words if len(w) >= least and not w.endswith(".")}

    months = {_key(w): n for n, key in enumerate(_MONTH_KEYS, 1) for w in long_enough(info.get(key, []))}
    weekdays = {_key(w): n for n, key in enumerate(_WEEKDAY_KEYS) for w in long_enough(info.get(key, []))}
    relative = {_key(form): d for key, d in _RELATIVE_KEYS.items()
                for w in long_enough(info.get("relative-type", {}).get(key, []), min(shortest, 3)) for form in _without_article(w)}
    for name in (language, *_MORE_LOCALES.get(language, ())):
        locale = Locale.parse(name)
        for context in ("format", "stand-alone"):
            months.update((_key(w), n) for n, w in locale.months[context]["wide"].items())
            weekdays.update((_key(w), n) for n, w in locale.days[context]["wide"].items())
    more_months, more_relative = date_words(language)
    months.update(more_months)
    relative.update(more_relative)
    for word in not_dates(language):  # a calendar's abbreviation that is a common word of its own
        for words in (months, weekdays, relative):
            words.pop(_key(word), None)
    numbers, ago_forms = ago_words(language)
    ago = tuple((re.compile(_ago_expression(form, numbers), re.IGNORECASE), unit) for form, unit in ago_forms)
    return Calendar(months, weekdays, relative, ago, numbers, _pattern(language, months, weekdays, relative, ago))


def _rows(language: str):
    """resources/multilingual/date_words.tsv's (kind, value, form) rows for `language`."""
    for line in DATE_WORDS.read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        row_language, kind, value, forms = line.split("\t")
        if row_language == language:
            yield from ((kind, value, f.strip()) for f in forms.split(","))


def date_words(language: str) -> tuple[dict[str, int], dict[str, tuple[str, int]]]:
    """The months' case forms and the relative expressions resources/multilingual/date_words.tsv adds
    for `language` to what dateparser and Babel list."""
    months, relative = {}, {}
    for kind, value, form in _rows(language):
        if kind == "month":
            months[_key(form)] = int(value)
        elif kind == "relative":
            unit, count = value.split()
            relative[_key(form)] = (unit, int(count))
    return months, relative


def not_dates(language: str) -> list[str]:
    """The words of dateparser's or Babel's calendar that date_words.tsv says are not read as dates."""
    return [form for kind, _, form in _rows(language) if kind == "not"]


def ago_words(language: str) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """The number words and the "N units ago" forms (with their unit) of date_words.tsv for `language`."""
    numbers, ago = {}, []
    for kind, value, form in _rows(language):
        if kind == "number":
            numbers[_key(form)] = int(value)
        elif kind == "ago":
            ago.append((form, value))
    return numbers, ago


def _ago_expression(form: str, numbers: dict[str, int]) -> str:
    """The expression of an "ago" form: its words as written, any space any run of spaces, N a count
    (digits of any script, or a number word)."""
    words = "|".join(re.escape(w).replace("\\ ", r"\s+") for w in sorted(numbers, key=len, reverse=True))
    count = rf"(?P<n>(?<!\d)\d{{1,3}}{'|' + words if words else ''})"
    before, _, after = form.partition("N")
    return re.escape(before).replace("\\ ", r"\s+") + count + re.escape(after).replace("\\ ", r"\s+")


def _without_article(phrase: str) -> tuple[str, ...]:
    """The phrase, and without its first word when that is a short article or preposition ("el mes
    pasado" is also written "del mes pasado", "a finales del año pasado"): the rest is read alone
    when it still has two words."""
    first, _, rest = phrase.partition(" ")
    return (phrase, rest) if len(first) <= 3 and " " in rest else (phrase,)


def _key(word: str) -> str:
    """The form a calendar word is looked up by. The expression matches ignoring case, and Python's
    case folding pairs Turkish dotless ı with I and i, so "SALI" or "Sali" must find "salı": the
    key writes every i alike."""
    return word.lower().replace("i\u0307", "i").replace("ı", "i")


def _pattern(language: str, months, weekdays, relative, ago) -> re.Pattern:
    def alternatives(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    month, day, year = f"(?:{alternatives(months)})", r"\d{1,2}", r"\d{4}"
    # "N units ago" first: its count is no day of a date.
    first = [f"(?P<a>{'|'.join(p.pattern.replace('(?P<n>', '(?:') for p, _ in ago)})"] if ago else []
    if language == "zh":
        shapes = first + [rf"(?:(?P<zy>{year})年)?(?P<zm>{day})月(?:(?P<zd>{day})[日号])?"]
    else:
        of = r"(?:\s+de|\s+del)?"  # "5 de octubre de 2020", "octubre del 2020"
        shapes = first + [rf"(?P<d1>{day})\.?{of}\s+(?P<m1>{month})(?:,?{of}\s+(?P<y1>{year}))?",
                  rf"(?P<m2>{month})\s+(?P<d2>{day})(?!\d)(?:,\s*(?P<y2>{year}))?",
                  rf"(?P<m3>{month}){of}\s+(?P<y3>{year})"]
    shapes += [rf"(?P<r>{alternatives(relative)})", rf"(?P<w>{alternatives(weekdays)})", rf"(?P<m4>{month})"]
    shapes.append(r"(?P<y4>\d{4})(?=年)" if language == "zh" else r"(?<![\d.,])(?P<y4>\d{4})(?![\d.,]\d)")
    body = "|".join(f"(?:{s})" for s in shapes)
    if language == "zh":
        return re.compile(body)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def find_times(text: str, language: str, published: str | None) -> list[record.Time]:
    cal = calendar(language)
    base = dt.date.fromisoformat(published) if published else None
    found = []
    for m in cal.pattern.finditer(text):
        value = _value(m, cal, base)
        if value is None and m.group("y4"):
            continue  # four digits out of the years' bounds: a count
        found.append(record.Time(start=m.start(), end=m.end(), text=m.group(), type="DATE", value=value))
    return found


def _value(m: re.Match, cal: Calendar, base: dt.date | None) -> str | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    if "w" in groups:
        return (base - dt.timedelta(days=(base.weekday() - cal.weekdays[_key(groups["w"])]) % 7)).isoformat() if base else None
    if "a" in groups:
        return _ago(groups["a"], cal, base) if base else None
    if "r" in groups:
        return _relative(*cal.relative[_key(groups["r"])], base) if base else None
    if "y4" in groups:
        year = int(groups["y4"])  # int() reads every script's digits (Persian ۲۰۱۳, Arabic ٢٠١٣)
        return f"{year:04d}" if _YEARS[0] <= year < _YEARS[1] else None
    month = groups.get("zm") or next((groups[k] for k in ("m1", "m2", "m3", "m4") if k in groups), None)
    month = int(month) if month.isdigit() else cal.months[_key(month)]
    day = next((groups[k] for k in ("zd", "d1", "d2") if k in groups), None)
    year = next((groups[k] for k in ("zy", "y1", "y2", "y3") if k in groups), None)
    if not 1 <= month <= 12:
        return None
    if day is None and year is None:  # a month alone: the latest such month on or before publication
        return f"{base.year - (month > base.month + (base.day + _FUTURE_DAYS) // 31):04d}-{month:02d}" if base else None
    if day is None:
        return f"{int(year):04d}-{month:02d}"
    if year is None:
        if base is None:
            return None
        year = base.year - (dt.date(base.year, month, 1) > base + dt.timedelta(days=_FUTURE_DAYS))
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None


def _ago(text: str, cal: Calendar, base: dt.date) -> str | None:
    """'six weeks ago' as the unit it counts in (the week of the day six weeks before publication)."""
    for expression, unit in cal.ago:
        if m := expression.fullmatch(text):
            count = m.group("n")
            count = int(count) if count.isdigit() else cal.numbers[_key(re.sub(r"\s+", " ", count))]
            return _relative(unit, -count, base)
    return None


def _relative(unit: str, count: int, base: dt.date) -> str:
    """'this week', 'last month', 'next year' ... as an ISO day, week ('2020-W41'), month or year."""
    if unit == "day":
        return (base + dt.timedelta(days=count)).isoformat()
    if unit == "week":
        year, week, _ = (base + dt.timedelta(weeks=count)).isocalendar()
        return f"{year:04d}-W{week:02d}"
    if unit == "month":
        months = base.year * 12 + base.month - 1 + count
        return f"{months // 12:04d}-{months % 12 + 1:02d}"
    return f"{base.year + count:04d}"
