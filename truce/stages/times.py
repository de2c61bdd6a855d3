"""times: every temporal expression, with its TIMEX3 type and a value normalized like TimeML.

Finding: spaCy's DATE and TIME entities, less ages, bare numbers and names no rule can read, plus the
temporal words its NER leaves out ("now", "recently", "the future", "overnight", "0600 GMT", "Good
Friday"). Normalizing: `truce.timenorm` (its rules are data, in resources/times/) against the
publication date, or a wire dateline's day, with the tense of the governing verb deciding whether
"Monday" or "March" lies before or after it. Expressions anchored on the narrative ("the following
day", "that day") take the last explicit day mentioned before them. `governing_time` lets the event
stage ask which expression dates a clause.
"""
from __future__ import annotations

import datetime as dt
import re

from spacy.tokens import Doc, Span, Token

from .. import record
from ..article import Article
from ..nlp import text_of
from .. import timenorm
from ..timenorm import MONTHS, Timex


def normalize(text: str, anchor, tense: str = "past") -> Timex | None:
    """timenorm's reading, or None for a day that does not exist ("March 0", "February 30", "March 50"):
    the grammar reads any month and number as a day (found by fuzzing)."""
    return _on_a_real_day(timenorm.normalize, text, anchor, tense)


def normalize_within(text: str, anchor, tense: str = "past") -> Timex | None:
    return _on_a_real_day(timenorm.normalize_within, text, anchor, tense)


def _on_a_real_day(read, *args) -> Timex | None:
    try:
        timex = read(*args)
    except ValueError:  # the grammar's calendar arithmetic on a day that does not exist
        return None
    if timex is not None and timex.value and re.match(r"^\d{4}-\d{2}-\d{2}", timex.value):
        try:
            dt.date.fromisoformat(timex.value[:10])
        except ValueError:
            return None
    return timex


# Temporal words spaCy's NER does not mark as DATE but TimeML does.
_EXTRA = re.compile(
    r"\b(?:right now|just now|now|currently|recently|more recently|lately|nowadays|today|tonight|yesterday|tomorrow|"
    r"the (?:latest|year-earlier|year-ago) (?:quarter|period)|"
    r"the (?:near |distant )?future|the past|every (?:day|week|month|year)|daily|weekly|monthly|current|"
    r"at present|these days|from time to time|as soon as possible|the (?:near|short|long) term|overnight|"
    r"(?:(?:19|20)\d\d\s+)?Q[1-4](?:,?\s+(?:of\s+)?(?:19|20)\d\d)?)\b",
    re.I,
)
# Forms the NER sometimes misses whose reading is not in doubt: weekdays, month days, stretches
# counted in units ("two more weeks", "at least 20 more years"), clock times ("6 a.m.", "0600 GMT";
# not a zone's time glossed in brackets after the local one, "10 a.m. (0700 GMT)").
# A day of a month named in full ("26 February 2020", "February 26, 2020"), which the NER can split or
# tag as an event.
_MONTH_NAME = r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
_UNITS = r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|quarters?)"
_EXPLICIT = re.compile(
    r"\b(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|"
    r"(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec)\.\s+\d{1,2}\b|"
    r"\d{1,2}(?:st|nd|rd|th)?\s+" + _MONTH_NAME + r"(?:,?\s+(?:19|20)\d\d)?|" + _MONTH_NAME + r"\s+\d{1,2}(?:st|nd|rd|th)?(?:,\s+(?:19|20)\d\d)?(?!\d)|"
    r"(?:(?:the|its)\s+)?(?:fiscal\s+)?(?:first|second|third|fourth)[\s-]+quarter|fiscal\s+(?:19|20)\d\d|"
    r"(?:(?:at least|more than|over|about|nearly|almost|another)\s+)?(?:\d+|" + timenorm.COMPOUND_NUMBER + r"|two|three|four|"
    r"five|six|seven|eight|nine|ten|twelve|twenty|thirty|several|a few)(?:\s+more)?\s+" + _UNITS + r"(?:\s+ago)?|"
    r"\d{1,2}(?:[:.]\d\d)?\s*[ap]\.m\.|\d{1,2}(?:[:.]\d\d)?\s*[ap]m\b|(?<!\()(?:[01]\d|2[0-3]):?[0-5]\d\s*(?:GMT|UTC)\b)(?![\w-])"
)
# Holidays by name, capitalised as names are ("Good Friday", "Orthodox Easter", "Christmas Eve"), from
# timenorm's tables; the NER often tags them as events, or only their weekday.
_HOLIDAY = re.compile(r"\b(?:" + "|".join(r"\s+".join(w.capitalize() for w in name.split())
                                          for name in sorted([*timenorm.HOLIDAYS, *timenorm.MOVEABLE_FEASTS], key=len, reverse=True))
                      + r")\b")


def _inside_a_holiday(span: Span) -> bool:
    """A weekday the NER found inside a holiday's name ("Good [Friday]")."""
    return any(m.start() <= span.start_char and span.end_char <= m.end() and (m.start(), m.end()) != (span.start_char, span.end_char)
               for m in _HOLIDAY.finditer(text_of(span.doc), max(0, span.start_char - 20), span.end_char + 20))


# A year the NER reads as a number ("in 2021", "a 2015 drone strike", "the 1985 hijacking"): after a
# preposition, or between an article and a word in the singular (not "the 2000 troops").
_YEAR_AS_NUMBER = re.compile(r"\b(?:(?:in|since|by|until|till|before|after|during|from|through|of)\s+|(?:an?|the)\s+(?=\d{4}\s+[a-z]+[^s\W]\b))"
                             r"(?P<year>(?:19|20)\d\d)(?![\d,.%-]\w|\s*(?:%|percent))\b")
_AGE = re.compile(r"\b(?:\d+|[a-z]+)[- ](?:year|month|week|day)s?[- ]old\b|\byears? old\b|^aged?\b", re.I)
_BARE_NUMBER = re.compile(r"^(?:\d{1,3}s?|\d{5,})$")
# A part of the day on its own ("at night") is seldom annotated; with a day ("Friday night") it is.
_BARE_PART_OF_DAY = {"night", "morning", "evening", "afternoon", "tonight"}
# "annual report", "an overnight curfew": a kind, not a time ("strikes overnight killed 12" is one).
_NOT_TIMEX_ADJ = {"annual", "quarterly", "daily", "weekly", "monthly", "yearly", "overnight"}
_NARRATIVE = {
    "the following day": 1, "the next day": 1, "the day after": 1, "a day later": 1, "the next morning": 1,
    "the day before": -1, "the previous day": -1, "the preceding day": -1, "a day earlier": -1,
    "that day": 0, "the same day": 0, "that same day": 0, "the same night": 0, "the day": 0,
    "the previous night": -1, "the night before": -1,
}
_TENSE_CUES = timenorm._table("tense_cues.tsv")
_FUTURE_AUX = {word for word, kind, _ in _TENSE_CUES if kind == "aux"}
_PRESENT_AUX = {"is", "are", "am", "'s", "'re", "be"}
# A date that a payment, a deadline or a rule falls due on lies ahead ("payable Dec. 1", "effective June 1").
_SCHEDULED = {word for word, kind, _ in _TENSE_CUES if kind == "scheduled"}
# An infinitive after these verbs tells of what is to come ("expected to join in April").
_LOOKS_AHEAD = {word for word, kind, _ in _TENSE_CUES if kind == "looks_ahead"}
# Words just before the expression that put it ahead ("as soon as Tuesday").
_OPENS_AHEAD = [word.split() for word, kind, _ in _TENSE_CUES if kind == "opens_ahead"]
# Verbs whose "until" names a deadline still to come ("postponed until Tuesday morning").
_DEFERS = {word for word, kind, _ in _TENSE_CUES if kind == "defers"}
# A verb whose object is a plan ("planned a rally", "scheduled a vote"): a day it names is the plan's.
_PLANS = {word for word, kind, _ in _TENSE_CUES if kind == "plans"}



class Times:
    """Fills article.times from article.doc and article.published."""

    def __call__(self, article: Article) -> None:
        anchor = dt.date.fromisoformat(article.published) if article.published else None
        spans = expressions(article.doc)
        if spans and anchor is None:
            article.warnings.append("no publication date: dates relative to it are left underspecified (X)")
        article.times = list(resolve(spans, anchor))


def expressions(doc: Doc) -> list[Span]:
    """Temporal expressions in text order: the NER's, filtered, and the words it misses."""
    found = [_extended(piece) for ent in _joined(doc) for part in _split_range(ent) for piece in _length_and_day(part)
             if _is_timex(piece)]
    found = [span for span in found if not _inside_a_holiday(span)]
    found = _widened_to_explicit_forms(doc, found)
    taken = {i for span in found for i in range(span.start_char, span.end_char)}
    text = text_of(doc)
    missed = [(m.start(), m.end()) for m in [*_HOLIDAY.finditer(text), *_EXTRA.finditer(text), *_EXPLICIT.finditer(text)]]
    missed += [(m.start("year"), m.end("year")) for m in _YEAR_AS_NUMBER.finditer(text)]
    for start, end in missed:
        if taken.isdisjoint(range(start, end)) and not _AGE.match(text[start:end + 8]):
            taken.update(range(start, end))
            span = doc.char_span(start, end, alignment_mode="expand")
            if span is not None and not _not_a_time_here(span):
                found.append(span)
    return _clock_times_on_their_day(sorted(found, key=lambda s: s.start_char))


def _widened_to_explicit_forms(doc: Doc, found: list[Span]) -> list[Span]:
    """An explicit form that holds the NER's pieces whole replaces them: "26 February 2019", where the NER
    found "February 2019" and left the day out as a number."""
    for m in _EXPLICIT.finditer(text_of(doc)):
        inner = [span for span in found if m.start() <= span.start_char and span.end_char <= m.end()]
        overlapping = [span for span in found if span.start_char < m.end() and m.start() < span.end_char]
        if not inner or len(inner) != len(overlapping) or any((s.start_char, s.end_char) == m.span() for s in inner):
            continue
        span = doc.char_span(m.start(), m.end(), label="DATE", alignment_mode="expand")
        if span is not None and (span.start_char, span.end_char) == m.span():
            found = sorted([s for s in found if s not in inner] + [span], key=lambda s: s.start_char)
    return found


def _not_a_time_here(span: Span) -> bool:
    """A word of _EXTRA used as no time: a model's name ("Audi Q3"), an adjective of kind ("an annual
    report", "an overnight curfew") or part of a name ("the Daily Ledger"), or "now" opening a sentence
    before a comma, where it orders the discourse ("Now, he says, ...") rather than naming the present
    ("Now officials are investigating")."""
    word = span[0]
    if re.match(r"^Q[1-4]$", word.text) and word.i > 0 and word.doc[word.i - 1].pos_ == "PROPN":
        return True  # a model's name ("the Audi Q3"), not a quarter
    if len(span) != 1:
        return False
    if word.lower_ == "now":
        following = word.doc[word.i + 1] if word.i + 1 < len(word.doc) else None
        return word.is_sent_start and following is not None and following.text == ","
    if word.text[0].isupper() and not word.is_sent_start and word.lower_ in _NOT_TIMEX_ADJ:
        return True  # a name: "the Daily Ledger", "Weekly Standard"
    return word.lower_ in _NOT_TIMEX_ADJ and word.pos_ == "ADJ"


def _clock_times_on_their_day(spans: list[Span]) -> list[Span]:
    """A clock time and the day after it as one expression ("0600 GMT on Thursday"), when the grammar
    reads the two together as a time of that day; the NER's own pairs are joined in `_joined`."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.start - prev.end <= 2 and all(t.lower_ in _CLOCK_TO_DAY for t in span.doc[prev.end:span.start]):
            day, reading = normalize(span.text, _SOME_DAY), normalize(span.doc[prev.start:span.end].text, _SOME_DAY)
            if day is not None and re.match(r"^\d{4}-\d\d-\d\d(?:T[A-Z]{2})?$", day.value or "") \
                    and reading is not None and reading.type == "TIME":
                out[-1] = Span(span.doc, prev.start, span.end, label="TIME")
                continue
        out.append(span)
    return out


# Words between a clock time and the day it is on: "10 p.m. on Wednesday", "6 p.m. local Saturday".
_CLOCK_TO_DAY = {"on", "local", "time", ","}
# A range's word the NER sometimes keeps at the end of its first half ("from 8 p.m. to").
_DANGLING = {"to", "until", "till", "through", "and", "or", "-", "–"}


def _without_dangling_word(span: Span) -> Span:
    end = span.end
    while end - 1 > span.start and span.doc[end - 1].lower_ in _DANGLING:
        end -= 1
    return span if end == span.end else Span(span.doc, span.start, end, label=span.label_)


def _joined(doc: Doc) -> list[Span]:
    """DATE/TIME entities, a clock time and the day after it joined ("10 p.m. Wednesday"), and a part of
    the day and the day it is of ("the early morning of February 26")."""
    ents = [_without_dangling_word(e) for e in doc.ents if e.label_ in ("DATE", "TIME")]
    out: list[Span] = []
    for ent in ents:
        prev = out[-1] if out else None
        if prev is not None and ent.label_ in ("DATE", "TIME") and ent.start - prev.end <= 2 and (
                prev.label_ == "TIME" and all(t.lower_ in _CLOCK_TO_DAY for t in doc[prev.end:ent.start]) or _part_of_the_day_of(prev, ent)):
            out[-1] = Span(doc, prev.start, ent.end, label="TIME")
        elif prev is not None and _part_of_the_year_of(prev, ent):
            out[-1] = Span(doc, prev.start, ent.end, label="DATE")
        else:
            out.append(ent)
    return out


def _part_of_the_year_of(part: Span, year: Span) -> bool:
    """'the winter' 'of' 'nineteen ninety-four': a part of a year and the year it is of, which the NER
    may tag apart, are one expression when the grammar reads them together in that year."""
    if [t.lower_ for t in part.doc[part.end:year.start]] != ["of"]:
        return False
    alone = normalize(year.text, _SOME_DAY)
    if alone is None or not re.match(r"^\d{4}$", alone.value or ""):
        return False
    together = normalize(part.doc[part.start:year.end].text, _SOME_DAY)
    return together is not None and (together.value or "").startswith(alone.value + "-")


def _part_of_the_day_of(part: Span, day: Span) -> bool:
    """'the early morning of February 26', with "of" between the two or kept in the first ("the evening of")."""
    between = [t.lower_ for t in part.doc[part.end:day.start]]
    if all(t.isdigit() for t in between) and len(part) > 1 and part[-1].lower_ == "of":
        return part[-2].lower_ in _PARTS_OF_THE_DAY  # "the evening of" [11] "November": the NER may leave the day out
    return between == ["of"] and part[-1].lower_ in _PARTS_OF_THE_DAY


_PARTS_OF_THE_DAY = {"morning", "afternoon", "evening", "night", "hours"}


_RANGE_SEPARATOR = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s(?:and|to|through|until|or|ended|ending)\s|\s*[-–]\s*(?=\D))\s*")
_RANGE_OPENER = re.compile(r"^(?:between|from|both)\s+", re.I)


def _split_range(span: Span) -> list[Span]:
    """'between 1994 and 1997', '1994, 1995 and 1996': one expression per date, as TimeML has them."""
    text = span.text
    joined_reading = (normalize(text, _SOME_DAY) is not None or _YEAR_AGO.match(text)) and not re.search(r"\sended\s", text)
    if not _RANGE_SEPARATOR.search(text) or joined_reading and not _RANGE_OPENER.match(text):
        return [span]
    opener = _RANGE_OPENER.match(text)
    offset = opener.end() if opener else 0
    pieces, last = [], offset
    for sep in _RANGE_SEPARATOR.finditer(text, offset):
        pieces.append((last, sep.start()))
        last = sep.end()
    pieces.append((last, len(text)))
    pieces = [(a, b) for a, b in pieces if text[a:b].strip()]
    if len(pieces) < 2 or any(normalize(text[a:b], _SOME_DAY) is None for a, b in pieces):
        return [span]
    base = span.start_char
    parts = [span.doc.char_span(base + a, base + b, label=span.label_, alignment_mode="contract") for a, b in pieces]
    return [p for p in parts if p is not None and len(p)] or [span]


_SOME_DAY = dt.date(2000, 6, 15)  # any date: splitting asks only whether each piece can be read


_A_UNIT = re.compile(r"(?:years?|months?|weeks?|days?|hours?|minutes?|decades?|centuries|quarters?)")


def _length_and_day(span: Span) -> list[Span]:
    """'for more than four hours Friday', 'three days last week': a length and the day or week it fell in,
    which the NER tags as one, are two expressions in TimeML (a DURATION and a DATE)."""
    for cut in range(span.start + 1, span.end):
        if not _a_count_then_a_day(span, cut):
            continue
        length, day = normalize(span.doc[span.start:cut].text, _SOME_DAY), normalize(span.doc[cut:span.end].text, _SOME_DAY)
        if length is not None and length.type == "DURATION" and day is not None and day.type == "DATE" \
                and re.match(r"^\d{4}", day.value or ""):
            after_on = cut + 1 if span.doc[cut].lower_ == "on" and cut + 1 < span.end else cut
            return [Span(span.doc, span.start, cut, label=span.label_), Span(span.doc, after_on, span.end, label="DATE")]
    return [span]


def _a_count_then_a_day(span: Span, cut: int) -> bool:
    """Whether the span's words before `cut` end in a count of units and those after it open a day, not a
    preposition that ties the two into one expression ("the first nine months of 1997", "during the day
    Friday", "the day before Tuesday")."""
    left, first = span.doc[span.start:cut], span.doc[cut]
    return bool(_A_UNIT.fullmatch(left[-1].lower_)) and any(t.like_num for t in left) \
        and (first.pos_ not in ("ADP", "SCONJ") or first.lower_ == "on")


# Words the NER leaves outside an expression that TimeML puts inside: "[This] year's results",
# "Sunday [night]", "the 1988 [quarter]".
_LEFT_MODIFIERS = {"this", "last", "next", "that", "early", "late", "mid", "the", "each", "every"}
_RIGHT_PARTS = {"morning", "afternoon", "evening", "night", "quarter", "period", "half"}
_ORDINAL_PARTS = {"first", "second", "third", "fourth"}
_DAWN_AND_DUSK = {"dawn", "daybreak", "dusk", "nightfall"}


def _extended(span: Span) -> Span:
    doc = span.doc
    start, end = span.start, span.end
    if start > 0 and doc[start - 1].lower_ in _LEFT_MODIFIERS and doc[start - 1].ent_type_ not in ("DATE", "TIME"):
        start -= 1
    elif start > 0 and doc[start - 1].lower_ in _DAWN_AND_DUSK:
        start -= 1  # "[dawn] Friday"
    elif start > 1 and doc[start - 1].lower_ == "on" and doc[start - 2].lower_ in _DAWN_AND_DUSK:
        start -= 2  # "at [dawn on] Friday"
    day_or_year = re.match(r"^\d{4}-\d\d-\d\d$|^\d{4}$", (normalize(span.text, _SOME_DAY) or Timex("", None)).value or "")
    if day_or_year and end < len(doc) and doc[end].lower_ in _ORDINAL_PARTS and end + 1 < len(doc) \
            and doc[end + 1].lower_ in _RIGHT_PARTS:
        end += 1  # "the 1988 [second] quarter"
    if day_or_year and end < len(doc) and doc[end].lower_ in _RIGHT_PARTS and _alone(doc[end]):
        end += 1
    if (start, end) == (span.start, span.end):
        return span
    if normalize(doc[start:end].text, _SOME_DAY) is None and not _YEAR_AGO.match(doc[start:end].text):
        return span
    return Span(doc, start, end, label=span.label_)


def _alone(token) -> bool:
    """Outside any entity, or an entity of its own ("night" tagged TIME by itself)."""
    following = token.doc[token.i + 1] if token.i + 1 < len(token.doc) else None
    return not token.ent_type_ or token.ent_iob_ == "B" and (following is None or following.ent_iob_ != "I")


def _is_timex(span: Span) -> bool:
    text = span.text.strip()
    if _AGE.search(text) or _BARE_NUMBER.match(text) or not _readable(text):
        return False
    if len(span) == 1 and span[0].lower_ in _BARE_PART_OF_DAY - {"tonight"}:
        return False
    return not (_not_a_time_here(span) or _a_month_in_lower_case(span) or _a_quoted_title(span))


def _a_month_in_lower_case(span: Span) -> bool:
    """A month's name written without its capital in a cased text is the word, not the month: "joined
    this march", "the may of a bill"."""
    months = [t for t in span if t.lower_ in MONTHS]
    return bool(months) and all(t.text.islower() for t in months) and not any(t.like_num for t in span) \
        and text_of(span.doc) != text_of(span.doc).lower()


_QUOTES = "\"'`\u201c\u201d\u2018\u2019"


def _a_quoted_title(span: Span) -> bool:
    """A quotation of two words or more, all of it in title case, is a name ("appearing on 'This Week,'",
    "told ''60 Minutes.''"): a programme or a book, not a time."""
    text = text_of(span.doc)
    before = text[:span.start_char].rstrip()
    after = text[span.end_char:].lstrip(" ,.")
    words = [t for t in span if t.is_alpha]
    return len(span) > 1 and bool(before) and before[-1] in _QUOTES and bool(after) and after[0] in _QUOTES \
        and bool(words) and all(t.text[0].isupper() for t in words)  # one word ("'Tomorrow,' he said") may be a reply


def _readable(text: str) -> bool:
    """Whether some run of the words is a time the grammar can read: the NER also tags names ("Adam",
    "the S&P 500") and compounds ("a last-minute deal") as DATE or TIME."""
    if _YEARLIKE.search(text):
        return True  # "the 2022-23 season": a time the grammar cannot read is still a time
    try:
        return timenorm.normalize_within(text, _SOME_DAY) is not None
    except ValueError:  # a day that does not exist ("February 30") is still written as a date
        return True


_YEARLIKE = re.compile(r"(?<!\d)(?:1[5-9]|20)\d\d(?!\d)")


def auxiliaries(verb) -> set[str]:
    """The auxiliaries a verb has, lower-cased ("has", "been", "will")."""
    return {c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")}


def tense_of(span: Span) -> str:
    """'past' or 'future': from the verb that governs the expression (news defaults to the past)."""
    token = span.root
    before = [t.lower_ for t in span.doc[max(0, span.start - 3):span.start]]
    opening = [t.lower_ for t in span[:3]]
    if any(before[len(before) - len(cue):] == cue or opening[:len(cue)] == cue for cue in _OPENS_AHEAD):
        return "future"
    for _ in range(6):
        if token.lower_ in _SCHEDULED:
            return "future"
        if token.lower_ == "until" and token.head.lemma_.lower() in _DEFERS:
            return "future"
        if token.pos_ in ("VERB", "AUX") or token.head.i == token.i:
            break
        token = token.head
    if token.pos_ not in ("VERB", "AUX"):
        return "past"
    token = _finite_verb_of(token)
    auxes = auxiliaries(token)
    going_to = token.lower_ != "going" or token.i + 1 < len(token.doc) and token.doc[token.i + 1].lower_ == "to"
    if auxes & _FUTURE_AUX or token.lower_ in _FUTURE_AUX and going_to:  # "going on since April" is no future
        return "future"
    if "to" in auxes:  # an infinitive has no tense of its own: the verb it depends on may look ahead
        head = token.head
        if any(c.lower_ == "had" for c in head.children if c.dep_ in ("aux", "auxpass")):
            return "past"  # "had been scheduled to expire at midnight Friday": a plan already overtaken
        if head.lemma_.lower() == "be" and head.tag_ == "VBD":
            return "present"  # "the truce was to hold over Easter": a plan told in the past, either side
        return "future" if head.lemma_.lower() in _LOOKS_AHEAD else "present"
    if token.tag_ == "VBN" and auxes and auxes <= _PRESENT_AUX:
        return "present"  # "closing is expected in December", "is scheduled for Dec. 10"
    if token.lemma_.lower() in _PLANS and any(c.dep_ == "dobj" and c.pos_ == "NOUN" for c in token.children):
        return "present"  # "planned a rally on Saturday": the day is the rally's, on either side of the telling
    if token.tag_ in ("VBD", "VBN") or auxes & {"did", "had", "was", "were", "has", "have", "'ve"}:
        return "past"  # the perfect too tells of what has happened ("have been searching since Oct. 23")
    # Present or infinitive ("talks resume Monday", "is expected to meet Friday"): either side.
    return "present"


def _finite_verb_of(verb):
    """The verb whose tense a bare participle clause shares: "The shares fell, sliding to $20 in March
    from $31 in January" is told in the past of "fell", not in a present of its own."""
    while (verb.tag_ == "VBG" and verb.dep_ in ("advcl", "conj") and verb.head.pos_ in ("VERB", "AUX")
           and not any(c.dep_ in ("aux", "auxpass", "mark") for c in verb.children)):
        verb = verb.head
    return verb


def resolve(spans: list[Span], anchor: dt.date | None):
    """Record times for the spans, anchoring narrative expressions on the last explicit day, and
    year-ago comparisons in results reporting on the quarter under discussion."""
    last_day: dt.date | None = None
    last_month: str | None = None
    last_quarter: str | None = None
    dateline = _dateline(spans)
    for span in spans:
        year_ago = _year_ago_quarter(span, last_quarter)
        timex = None
        if span is dateline:
            timex = _dateline_day(span.text, anchor)
            anchor = _filing_day(timex, anchor)  # the rest of the story is told from the day it was filed
        elif anchor is None and span.start_char < _HEADLINE_REACH and _FULL_DATE.search(span.text):
            timex = normalize_within(span.text, None)  # a byline's full date ("March 31, 2018") tells when an undated story was written
            if timex is not None and _DAY.match(timex.value or ""):
                anchor = dt.date.fromisoformat(timex.value[:10])
        timex = timex or (_year_ended(span) or _quarter_told_of(span.text, last_quarter) or _narrative(_with_its_direction(span), last_day or anchor) or _narrative_unit(span.text, last_month, anchor)
                 or year_ago or normalize_within(span.text, anchor, tense_of(span)))
        if timex is None:
            timex = Timex(span.label_ if span.label_ in ("DATE", "TIME") else "DATE", None)
        elif last_day and timex.type == "TIME" and not _NAMES_A_DAY.search(span.text):
            timex = Timex("TIME", last_day.isoformat() + timex.value[10:])  # "at 10 p.m.": the day told of
        if timex.type in ("DATE", "TIME") and timex.value and re.match(r"^\d{4}-\d{2}-\d{2}", timex.value):
            last_day = dt.date.fromisoformat(timex.value[:10])
        calendar = re.match(r"^\d{4}(?:-\d\d(?!\d))?", timex.value or "")
        if timex.type in ("DATE", "TIME") and calendar:
            last_month = calendar.group(0)  # "1995" or "1996-11"
        if timex.value and re.match(r"^\d{4}-Q\d$", timex.value) and year_ago is None and _closed_by(timex.value, anchor) \
                and span[0].lower_ not in ("a", "an"):
            # the quarter under discussion, not the one it is compared with, a forecast, a fiscal quarter, nor one
            # described in passing ("after a flat second quarter, profit rose")
            last_quarter = timex.value
        yield record.Time(start=span.start_char, end=span.end_char, text=span.text, type=timex.type, value=timex.value)


_FULL_DATE = re.compile(r"\b\d{1,2}\b.*\b(?:19|20)\d\d\b")


def _closed_by(quarter: str, anchor: dt.date | None) -> bool:
    """Whether a quarter ('1990-Q3') had ended before the one the anchor lies in. One still under way or
    ahead is a forecast, or a company's fiscal quarter ("its fourth quarter ended Sept. 30", reported in
    November): neither is the calendar quarter that "the latest quarter" and "a year ago" refer to."""
    return anchor is None or (int(quarter[:4]), int(quarter[-1])) < (anchor.year, (anchor.month - 1) // 3 + 1)


# A wire dateline's place: capitals, perhaps a region after a comma ("GAZA CITY, Gaza Strip", "FLINT, Mich.").
_PLACE = r"[A-Z][A-Z .'-]+(?:,[ \t]*[A-Z][\w.]*(?:[ \t][A-Z][\w.]*)*)?"
# The named dateline patterns of resources/times/datelines.tsv ("YANGON, May 6 (AFP) -").
DATELINES = [(name, re.compile("(?m)" + pattern.replace("%PLACE%", _PLACE).replace("\\u2013", "\u2013").replace("\\u2014", "\u2014")))
             for name, pattern in timenorm._table("datelines.tsv")]


def dateline_match(text: str) -> tuple[str, re.Match] | None:
    """The first wire dateline in the top of a text, and the name of the rule that reads it."""
    found = [(m.start(), name, m) for name, pattern in DATELINES for m in pattern.finditer(text[:500])]
    return min(found, key=lambda f: f[0])[1:] if found else None


def _dateline(spans: list[Span]) -> Span | None:
    """The expression that is the date of the article's dateline, if it has one."""
    if not spans:
        return None
    found = dateline_match(text_of(spans[0].doc))
    if found is None:
        return None
    m = found[1]
    return next((span for span in spans if span.start_char == m.start("date") and span.end_char <= m.end("date") + 1), None)


def _dateline_day(text: str, anchor: dt.date | None) -> Timex | None:
    """A dateline's day lies on or just before the publication (never after it): "May 6" filed in a
    story published on May 7 is this year's, in one published on January 2 last year's."""
    timex = normalize(text, anchor, "past")
    if timex is None or anchor is None or not re.match(r"^\d{4}-\d\d-\d\d$", timex.value or "") or re.search(r"\d{4}", text):
        return timex
    day = dt.date.fromisoformat(timex.value)
    while day > anchor + dt.timedelta(days=1):
        day = _same_day_a_year_before(day)
    return Timex("DATE", day.isoformat())


def _same_day_a_year_before(day: dt.date) -> dt.date:
    return day.replace(year=day.year - 1) if (day.month, day.day) != (2, 29) else dt.date(day.year - 1, 2, 28)


def _filing_day(dateline: Timex | None, published: dt.date | None) -> dt.date | None:
    """The day the rest of the story is told from: the dateline's when the story was filed up to a week
    before its publication ("Friday" in a story filed on Saturday and published on Monday), else the
    publication's; the dateline's too when the publication date is unknown and the dateline names a year."""
    if dateline is None or not re.match(r"^\d{4}-\d\d-\d\d$", dateline.value or ""):
        return published
    filed = dt.date.fromisoformat(dateline.value)
    if published is None or 0 < (published - filed).days <= 7:
        return filed
    return published


# "A year ago" after a quarter has been named compares with that quarter, wherever the sentence is;
# "the year-ago period" names its quarter itself.
_YEAR_AGO = re.compile(r"^(?:(?:the )?(?:quarter|period) )?(?:a|one) year (?:ago|earlier|before)$|"
                       r"^(?:the )?(?:\w+ )?year[- ](?:earlier|ago)(?: \w+){0,2}$|"
                       r"^(?:the )?\d{4} (?:period|quarter)$|^last year's? (?:quarter|period)$", re.I)
_ORDINAL_QUARTER = re.compile(r"\b(first|second|third|fourth)\b", re.I)
# A stretch of months a result is reported for ("the first nine months", "the six-month period", "the first
# half"): "a year earlier" in its sentence compares with the same stretch of the year before.
_A_STRETCH_OF_MONTHS = re.compile(r"\b(?:\w+[- ]months?|(?:first|second) half|half[- ]year)\b", re.I)


_NAMES_A_DAY = re.compile(r"\b(?:today|tonight|yesterday|tomorrow|this|last|next|\w+day|\d{4}|"
                          + "|".join(MONTHS) + r"|[A-Z][a-z]{2}\.)", re.I)


_A_YEAR_ENDED = re.compile(r"^(?:the|its|a)\s+(?:fiscal\s+)?year(?:\s+(?:ended|ending)\b.*)?$", re.I)


_THE_QUARTER = re.compile(r"^(?:the|that|the same|the latest)\s+(?:fiscal\s+)?(?:quarter|period)$", re.I)


def _quarter_told_of(text: str, last_quarter: str | None) -> Timex | None:
    """'The quarter', 'the latest period', 'that quarter': the quarter the story reports on."""
    if last_quarter is None or not _THE_QUARTER.match(" ".join(text.split())):
        return None
    return Timex("DATE", last_quarter)


def _year_ended(span: Span) -> Timex | None:
    """'Revenue for the year ended March 31': a twelve-month stretch, not the calendar year."""
    after = text_of(span.doc)[span.end_char:span.end_char + 10]
    ended = re.search(r"\s(?:ended|ending)\s", span.text) or re.match(r"\s+(?:ended|ending)\b", after)
    return Timex("DURATION", "P1Y") if ended and _A_YEAR_ENDED.match(span.text.strip()) else None


def _year_ago_quarter(span: Span, last_quarter: str | None) -> Timex | None:
    """'Profit fell from a year ago' in a story about the third quarter means that quarter a year before;
    in a sentence that compares a stretch of months ("net for the nine months ... a year earlier"), the
    year before, since the figure compared is not a quarter's."""
    text = span.text.strip()
    if last_quarter is None:
        return None
    if not _YEAR_AGO.match(text):
        return None
    year, quarter = last_quarter.split("-")
    explicit = re.search(r"\d{4}", span.text)
    if _A_STRETCH_OF_MONTHS.search(text):
        return None  # "the year-earlier nine months" names its stretch: the grammar reads it
    if _A_STRETCH_OF_MONTHS.search(span.sent.text) and not _ORDINAL_QUARTER.search(text) and "quarter" not in text.lower():
        return Timex("DATE", explicit.group(0) if explicit else str(int(year) - 1))
    named = _ORDINAL_QUARTER.search(text)
    if named:  # "the year-ago third quarter"
        quarter = "Q" + str(("first", "second", "third", "fourth").index(named.group(1).lower()) + 1)
    return Timex("DATE", f"{explicit.group(0) if explicit else int(year) - 1}-{quarter}")


_NARRATIVE_UNIT = re.compile(r"^(?:(?:earlier|later|early|late)\s+(?:in\s+)?)?(?P<mod>that|that same|the same|the following|"
                             r"the previous|the preceding|the prior)\s+(?P<unit>year|month)$", re.I)


def _narrative_unit(text: str, last_mentioned: str | None, anchor: dt.date | None) -> Timex | None:
    """'That year', 'the following month': the year or month of the last date mentioned, or the one
    next to it, not the publication's."""
    m = _NARRATIVE_UNIT.match(" ".join(text.split()).strip(" .,"))
    if m is None:
        return None
    reference = last_mentioned or (anchor.isoformat()[:7] if anchor else None)
    unit = m["unit"].lower()
    if reference is None or unit == "month" and len(reference) < 7:
        return Timex("DATE", "XXXX" if unit == "year" else "XXXX-XX")
    day = dt.date(int(reference[:4]), int(reference[5:7]) if len(reference) >= 7 else 6, 15)
    return normalize(f"{_DIRECTION.get(m['mod'].lower().split()[-1], 'this')} {unit}", day)


_DIRECTION = {"previous": "last", "preceding": "last", "prior": "last", "following": "next", "next": "next"}
_NARRATIVE_WEEKDAY = re.compile(r"^the (?P<dir>previous|preceding|following|next) (?P<day>(?:mon|tues|wednes|thurs|fri|satur|sun)day)$")


def _with_its_direction(span: Span) -> str:
    """'The day' with the word after it when that word points before or after an event told of ("the day
    before he took the poison", "the day after his death"), as TimeML reads it: the day before or after."""
    following = span.doc[span.end] if span.end < len(span.doc) else None
    preceding = span.doc[span.start - 1].lower_ if span.start else ""
    if preceding in (",", "in"):  # "Oct. 12, the day before the crash" is Oct. 12; "later in the day" is that day
        return span.text
    if following is not None and following.lower_ in ("before", "after") and span.text.lower() in ("the day", "the night"):
        return f"{span.text} {following.lower_}"
    return span.text


def _narrative(text: str, reference: dt.date | None) -> Timex | None:
    """'The following day', 'that day', 'the previous Friday': counted from the last day told of."""
    key = re.sub(r"^(?:earlier|later|early|late)\s+(?:in\s+)?", "", " ".join(text.lower().split()).strip(" .,"))
    weekday = _NARRATIVE_WEEKDAY.match(key)
    if key not in _NARRATIVE and not weekday:
        return None
    if reference is None:
        return Timex("DATE", "XXXX-XX-XX")
    if weekday:  # the weekday before or after the reference day, as "last Friday" is before today
        return normalize(f"{_DIRECTION[weekday['dir']]} {weekday['day']}", reference)
    return Timex("DATE", (reference + dt.timedelta(days=_NARRATIVE[key])).isoformat())


def governing_time(article: Article, start: int, end: int, trigger: Token | None = None) -> record.Time | None:
    """The temporal expression that dates the clause at [start, end): of those inside it, the one attached
    to the clause's own verb, else the first; else the nearest one before it in its sentence, else the
    first one after it there ("Rebels shelled the town, killing six, on Saturday"). Only expressions
    with a calendar value count: "now" or "the past" cannot date an event, and would hide the day the
    sentence names. Neither does a wire dateline (the day the story was filed, not the day anything in
    it happened), nor an expression inside a clause of another verb that the clause holds ("was
    arrested on Friday" is not dated by "who was nominated earlier this week"; "threatened to disrupt
    the convention in July" not by July). A noun naming the event (`trigger`) is dated first by the time
    it holds itself: "the 2004 bombing", "a coup on February 1", "protests that broke out in January". When
    its sentence names no other time, one in a clause told with the act dates it ("was detained while
    visiting her brother in May 2019"), not one in a complement the verb reaches for (`_in_a_complement`)."""
    filed = _dateline_start(article)
    dated = [t for t in article.times if t.type in ("DATE", "TIME") and _CALENDAR.match(t.value or "") and t.start != filed]
    inside = [t for t in dated if start <= t.start and t.end <= end]
    told_with: list[record.Time] = []
    if trigger is not None and article.doc is not None and trigger.pos_ in ("NOUN", "PROPN"):
        own = [t for t in inside if _held_by_noun(article.doc, t, trigger)]
        if own:
            return own[0]
    if article.doc is not None and inside:
        clause = article.doc.char_span(start, end, alignment_mode="expand")
        if clause is not None:
            attached = [t for t in inside if _steps_to(article.doc, t, clause.root) is not None]
            if attached:  # the one nearest the verb: "visited Taiwan in August" before "before the election this month"
                return min(attached, key=lambda t: _steps_to(article.doc, t, clause.root))
            held = [t for t in inside if _in_another_clause(article.doc, t, clause.root)]
            inside = [t for t in inside if t not in held]
            if _told_in_the_past(clause.root):  # "welcome the extension of the truce that was signed in May 2019" is today's
                told_with = [t for t in held if not _in_a_complement(article.doc, t, clause.root)]
    if inside:
        return inside[0]
    if article.doc is None:
        return None
    sentence = article.doc.char_span(start, end, alignment_mode="expand")
    if sentence is None:
        return None
    sent = sentence[0].sent
    if sentence.root.tag_ == "VBD":  # what has happened happened before the story was written
        dated = [t for t in dated if not _after_publication(article, t)]
    before = [t for t in dated if sent.start_char <= t.start and t.end <= start]
    after = [t for t in dated if end <= t.start and t.end <= sent.end_char]
    if not before and not after and told_with:
        return told_with[0]  # "was arrested while taking her daughter to see her parents in April 2016"
    return (before[-1] if before else after[0] if after else _told_just_before(article, dated, sent)
            or _headline_told_in_the_lead(article, dated, sent))


def _after_publication(article: Article, time: record.Time) -> bool:
    return bool(article.published and _DAY.match(time.value or "") and time.value[:10] > article.published[:10])


def narrative_day(article: Article, start: int) -> record.Time | None:
    """The day the story is telling of at a clause that names no time and whose sentence and paragraph
    name none either: the last day named before it in the article. Not a day named after it: a lead
    that names no day tells the latest news, and the next day named is often background ("On January
    9 ..."). Days after the publication are plans, not the story's day; the wire dateline is the filing
    day, not the story's."""
    filed = _dateline_start(article)
    days = [t for t in article.times if t.type in ("DATE", "TIME") and _DAY.match(t.value or "") and t.start != filed
            and not _after_publication(article, t)]
    before = [t for t in days if t.end <= start]
    return before[-1] if before else None


def _headline_told_in_the_lead(article: Article, dated: list[record.Time], sent: Span) -> record.Time | None:
    """A headline (the paragraph of one sentence that opens the text, naming no time) reports what the lead tells:
    it takes the first day named in the paragraph after it ("Journalist detained in capital" / "Police
    detained X on Tuesday ...")."""
    text = text_of(article.doc)
    words = [t for t in sent if not t.is_space]
    if not words or sent.start_char > _HEADLINE_REACH or text[:sent.start_char].strip():
        return None  # a headline opens the text: a one-sentence paragraph after it is the body's
    end = words[-1].idx + len(words[-1])
    if "\n" not in text[end:end + 4] or sent.start_char > 0 and "\n" not in text[max(0, sent.start_char - 2):sent.start_char]:
        return None  # not a paragraph of its own
    lead_start = len(text) - len(text[end:].lstrip())
    lead_end = text.find("\n\n", lead_start)
    lead_end = len(text) if lead_end < 0 else lead_end
    days = [t for t in dated if lead_start <= t.start and t.end <= lead_end and _DAY.match(t.value)]
    return days[0] if days else None


_HEADLINE_REACH = 300  # characters from the top within which a headline starts


def _told_just_before(article: Article, dated: list[record.Time], sent: Span) -> record.Time | None:
    """A sentence that names no time goes on with the day of the sentence before it in its paragraph
    ("Gunmen stormed the village on Sunday. They burned the market."); only a day carries over."""
    if sent.start == 0:
        return None
    previous = article.doc[sent.start - 1].sent
    words = [t for t in previous if not t.is_space]
    if not words or "\n\n" in text_of(article.doc)[words[-1].idx:sent.start_char]:  # the parser keeps a blank line in the sentence before
        return None
    days = [t for t in dated if previous.start_char <= t.start and t.end <= previous.end_char and _DAY.match(t.value)]
    return days[-1] if days else None


# A value naming a calendar year, quarter, month, week or day (underspecified digits allowed: "XXXX-05-06").
_CALENDAR = re.compile(r"^(?:\d{4}|XXXX)(?:$|-)")
_DAY = re.compile(r"^\d{4}-\d\d-\d\d")


def _steps_to(doc: Doc, time: record.Time, root) -> int | None:
    """How many steps up the parse the expression hangs from the clause's verb, if it does within four
    steps and through no other verb."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    token = span.root if span is not None else None
    for steps in range(1, 5):
        if token is None or token.head.i == token.i:
            return None
        token = token.head
        if token == root:
            return steps
        if token.pos_ in ("VERB", "AUX"):
            return None
    return None


def _held_by_noun(doc: Doc, time: record.Time, noun: Token) -> bool:
    """Whether the expression modifies the noun, within three steps: as a word of it ("the 2014
    abduction"), through a preposition ("a coup on February 1") or through a clause that describes it
    ("talks held on Sunday", "protests that broke out on 20 September"), not through another verb."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    token = span.root if span is not None else None
    for _ in range(3):
        if token is None or token.head.i == token.i:
            return False
        if token.pos_ in ("VERB", "AUX") and token.i != span.root.i and not (token.dep_ in ("acl", "relcl") and token.head == noun):
            return False
        token = token.head
        if token == noun:
            return True
    return False


# Dependencies that open a clause of its own: a relative clause, a complement, a clausal subject.
_OWN_CLAUSE = {"relcl", "acl", "xcomp", "ccomp", "csubj", "csubjpass", "parataxis"}


def _in_another_clause(doc: Doc, time: record.Time, root) -> bool:
    """Whether the expression belongs to a clause of its own below the clause's verb ("who was
    nominated earlier this week", "to disrupt the convention in July")."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None and token != root and token.head.i != token.i:
        if token.dep_ in _OWN_CLAUSE:
            return True
        token = token.head
    return False


def _told_in_the_past(verb) -> bool:
    """A verb in the simple past or the past perfect, active or passive ("arrested", "was arrested", "had fled")."""
    auxes = auxiliaries(verb)
    return verb.tag_ == "VBD" and not auxes or verb.tag_ == "VBN" and bool(auxes) and not auxes & (_PERFECT_AUX | _PRESENT_AUX)


def _in_a_complement(doc: Doc, time: record.Time, root) -> bool:
    """Whether the expression belongs to an act the verb reaches for or reports rather than one told with
    it: a complement ("threatened to storm the capital in July", "said it would close on Nov. 1") or a
    clause in the future. A clause that tells the circumstances of the act ("while taking her daughter
    to see her parents in April 2016", "who was jailed in 2010") is told with it."""
    span = doc.char_span(time.start, time.end, alignment_mode="expand")
    token = span.root if span is not None else None
    while token is not None and token != root and token.head.i != token.i:
        if token.dep_ in ("xcomp", "ccomp", "csubj", "csubjpass", "parataxis"):
            return True
        if token.pos_ in ("VERB", "AUX") and any(c.lower_ in _FUTURE_AUX | {"would"} for c in token.children if c.dep_ == "aux"):
            return True
        token = token.head
    return False


def _dateline_start(article: Article) -> int | None:
    """Where the wire dateline's date starts in the text, if the article has one."""
    found = dateline_match(article.text) if article.text else None
    return found[1].start("date") if found else None


def _clause_verb(article: Article, start: int, end: int):
    """The head word of the clause at [start, end), or None when the text has no parse there."""
    clause = article.doc.char_span(start, end, alignment_mode="expand") if article.doc is not None else None
    return clause.root if clause is not None else None


def told_as_present(article: Article, start: int, end: int) -> bool:
    """Whether the clause at [start, end) tells in the present what is under way as the story is
    written ("The ministry urges calm", "Rights groups are calling for his release"): in a sentence of
    the body (not a headline, which tells past events in the present), its verb in the simple present
    or the present progressive. Such a clause, naming no time, is dated by the publication."""
    verb = _clause_verb(article, start, end)
    if verb is None:
        return False
    sentence = verb.sent
    words = [t for t in sentence if not t.is_space]
    if not words or words[-1].text not in _SENTENCE_ENDS:
        return False
    auxes = auxiliaries(verb)
    if verb.dep_ in ("ccomp", "parataxis") and verb.head.tag_ == "VBD":
        return False  # a present quoted in a past report ("'We demand our pensions,' she said") is not today's
    return verb.tag_ in ("VBZ", "VBP") and not auxes or verb.tag_ == "VBG" and bool(auxes & {"is", "are", "am", "'s", "'re"})


def told_as_news(article: Article, start: int, end: int, trigger: Token | None = None) -> bool:
    """Whether the clause at [start, end) tells in the present perfect what has just happened ("Police
    have arrested the party's leader", "The ministry has revoked the order"): news as of the
    publication. Not the act a noun names in it ("has been convicted over the kidnapping of ...": the
    kidnapping may be years old)."""
    verb = _clause_verb(article, start, end)
    if verb is None or trigger is not None and trigger.pos_ not in ("VERB", "AUX"):
        return False
    auxes = auxiliaries(verb)
    return verb.tag_ == "VBN" and bool(auxes & _PERFECT_AUX)


_PERFECT_AUX = {"has", "have", "'ve"}
_SENTENCE_ENDS = {".", "!", "?", "\"", "\u201d", "'", "\u2019"}


def counted_from_what_it_follows(article: Article, trigger: Token | None) -> record.Time | None:
    """The day of an act told in a clause of "after" or "before" that a length measures, counted from the
    day of the clause it qualifies: "His remarks come two days after the minister denounced the plan"
    (the publication's day less two days: the remarks are told in the present), "The editor was dismissed
    on Friday, a day after his criticism of the army" (Friday less one day), "Residents fled on Monday,
    two weeks before the militia burned the market" (Monday and two weeks). Counted in years or months,
    the act is dated to its year or month. None when no such length, or no day to count from."""
    if article.doc is None or trigger is None:
        return None
    found = _length_and_direction(trigger)
    if found is None:
        return None
    length, direction, qualified = found
    measured = next((t for t in article.times if t.type == "DURATION" and t.start <= length.idx < t.end), None)
    m = _COUNTED.match(measured.value or "") if measured is not None else None
    day = _day_of(article, qualified, length) if m else None
    if day is None:
        return None
    n, unit = int(m["n"]) * direction, m["unit"]
    if unit == "Y":
        value = str(day.year - n)
    elif unit == "M":
        year, month = divmod(day.year * 12 + day.month - 1 - n, 12)
        value = f"{year:04d}-{month + 1:02d}"
    else:
        value = (day - dt.timedelta(days=n * (7 if unit == "W" else 1))).isoformat()
    return record.Time(start=measured.start, end=measured.end, text=measured.text, type="DATE", value=value)


_COUNTED = re.compile(r"^P(?P<n>\d+)(?P<unit>[DWMY])$")


def _length_and_direction(trigger: Token) -> tuple[Token, int, Token] | None:
    """The length ("two days"), +1 for "after" or -1 for "before", and the word the clause qualifies:
    the verb of the main clause, or the day a noun phrase stands beside ("Friday, a day after ...")."""
    token = trigger
    for _ in range(4):
        marks = [c for c in token.children if c.dep_ == "mark" and c.lower_ in _SIDES]
        lengths = [c for c in token.children if c.dep_ == "npadvmod" and c.lower_ in _UNITS]
        if token.dep_ == "advcl" and marks and lengths:
            return lengths[0], _SIDES[marks[0].lower_], token.head
        head = token.head
        if token.dep_ == "pobj" and head.lower_ in _SIDES and head.head.lower_ in _UNITS:
            return head.head, _SIDES[head.lower_], head.head.head
        if head.i == token.i or token.dep_ in ("ROOT", "ccomp", "relcl"):
            return None
        token = head
    return None


_SIDES = {"after": 1, "before": -1}
_UNITS = {"day", "days", "week", "weeks", "month", "months", "year", "years"}


def _day_of(article: Article, qualified: Token, length: Token) -> dt.date | None:
    """The day of the clause or time the counted clause qualifies: a day it names itself, else, for a
    clause told in the present ("The strike comes three years after ..."), the publication's."""
    filed = _dateline_start(article)
    days = [t for t in article.times if _DAY.match(t.value or "") and t.start != filed]
    own = [t for t in days if t.start <= qualified.idx < t.end]
    if not own and qualified.pos_ in ("VERB", "AUX"):
        own = [t for t in days if _steps_to(article.doc, t, qualified) is not None]
    if own:
        return dt.date.fromisoformat(own[0].value[:10])
    if qualified.tag_ in ("VBZ", "VBP") and article.published:
        return dt.date.fromisoformat(article.published[:10])
    return None
