"""times: dates in a text in one of the ten languages, normalised against the publication date.

The words come from two calendars' data, read once per language: dateparser's (months and weekdays
with their inflected forms, "yesterday", "today", "tomorrow" and the days beside them) and Babel's
CLDR names (months in their format and stand-alone forms, weekdays). Short abbreviations of
dateparser's ("mar", "сб") are left out: in running text they are other words more often than dates.
Shapes read: day month [year] ("5 de octubre de 2020", "5. Oktober", "5 жовтня 2020 року"), month
day [year], month year, Chinese "2020年10月5日" / "10月5日", a weekday alone (the latest such day on
or before publication: news reports what happened), and the relative days. Without a publication
date a date without its year, a weekday or a relative day is kept with no value, never guessed.
"""
from __future__ import annotations

import datetime as dt
import functools
import importlib
import re
from dataclasses import dataclass

from .. import record

_RELATIVE_KEYS = {"0 day ago": 0, "1 day ago": -1, "2 day ago": -2, "in 1 day": 1, "in 2 day": 2}
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
    relative: dict[str, int]
    pattern: re.Pattern


@functools.cache
def calendar(language: str) -> Calendar:
    from babel import Locale

    info = importlib.import_module(f"dateparser.data.date_translation_data.{language}").info
    shortest = _MIN_LETTERS.get(language, _DEFAULT_MIN_LETTERS)

    def long_enough(words, least=shortest):
        return {w.lower() for w in words if len(w) >= least and not w.endswith(".")}

    months = {w: n for n, key in enumerate(_MONTH_KEYS, 1) for w in long_enough(info.get(key, []))}
    weekdays = {w: n for n, key in enumerate(_WEEKDAY_KEYS) for w in long_enough(info.get(key, []))}
    relative = {w: d for key, d in _RELATIVE_KEYS.items() for w in long_enough(info.get("relative-type", {}).get(key, []), min(shortest, 3))}
    for name in (language, *_MORE_LOCALES.get(language, ())):
        locale = Locale.parse(name)
        for context in ("format", "stand-alone"):
            months.update((w.lower(), n) for n, w in locale.months[context]["wide"].items())
            weekdays.update((w.lower(), n) for n, w in locale.days[context]["wide"].items())
    return Calendar(months, weekdays, relative, _pattern(language, months, weekdays, relative))


def _pattern(language: str, months, weekdays, relative) -> re.Pattern:
    def alternatives(words):
        return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))

    month, day, year = f"(?:{alternatives(months)})", r"\d{1,2}", r"\d{4}"
    if language == "zh":
        shapes = [rf"(?:(?P<zy>{year})年)?(?P<zm>{day})月(?:(?P<zd>{day})[日号])?"]
    else:
        of = r"(?:\s+de|\s+del)?"  # "5 de octubre de 2020", "octubre del 2020"
        shapes = [rf"(?P<d1>{day})\.?{of}\s+(?P<m1>{month})(?:,?{of}\s+(?P<y1>{year}))?",
                  rf"(?P<m2>{month})\s+(?P<d2>{day})(?!\d)(?:,\s*(?P<y2>{year}))?",
                  rf"(?P<m3>{month}){of}\s+(?P<y3>{year})"]
    shapes += [rf"(?P<w>{alternatives(weekdays)})", rf"(?P<r>{alternatives(relative)})"]
    body = "|".join(f"(?:{s})" for s in shapes)
    if language == "zh":
        return re.compile(body)
    return re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE)


def find_times(text: str, language: str, published: str | None) -> list[record.Time]:
    cal = calendar(language)
    base = dt.date.fromisoformat(published) if published else None
    return [record.Time(start=m.start(), end=m.end(), text=m.group(), type="DATE", value=_value(m, cal, base))
            for m in cal.pattern.finditer(text)]


def _value(m: re.Match, cal: Calendar, base: dt.date | None) -> str | None:
    groups = {k: v for k, v in m.groupdict().items() if v}
    if "w" in groups:
        return (base - dt.timedelta(days=(base.weekday() - cal.weekdays[groups["w"].lower()]) % 7)).isoformat() if base else None
    if "r" in groups:
        return (base + dt.timedelta(days=cal.relative[groups["r"].lower()])).isoformat() if base else None
    month = groups.get("zm") or next((groups[k] for k in ("m1", "m2", "m3") if k in groups), None)
    month = int(month) if month.isdigit() else cal.months[month.lower()]
    day = next((groups[k] for k in ("zd", "d1", "d2") if k in groups), None)
    year = next((groups[k] for k in ("zy", "y1", "y2", "y3") if k in groups), None)
    if not 1 <= month <= 12:
        return None
    if day is None:
        return f"{int(year):04d}-{month:02d}" if year else None
    if year is None:
        if base is None:
            return None
        year = base.year - (dt.date(base.year, month, 1) > base + dt.timedelta(days=_FUTURE_DAYS))
    try:
        return dt.date(int(year), month, int(day)).isoformat()
    except ValueError:
        return None
