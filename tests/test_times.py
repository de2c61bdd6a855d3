"""times: expressions found in a parsed article, anchored on its date and on the narrative."""
import pytest

from truce.article import Article
from truce.inputs import InputDoc
from truce.stages.times import governing_time

pytestmark = pytest.mark.model


def times_of(pipeline, text, published="2020-10-12"):
    rec = pipeline.analyze_one(InputDoc(id="t", text=text, published=published))
    return [(t.text, t.type, t.value) for t in rec.times], rec


def values_by_text(pipeline, text, published):
    found, _ = times_of(pipeline, text, published)
    return {t: v for t, _, v in found}


def test_times_weekday_tense_from_the_governing_verb(pipeline):
    found, _ = times_of(pipeline, "The rebels attacked the base on Saturday. Talks will resume on Thursday.")
    assert ("Saturday", "DATE", "2020-10-10") in found
    assert ("Thursday", "DATE", "2020-10-15") in found


def test_times_narrative_anchor_for_the_following_day(pipeline):
    found, _ = times_of(pipeline, "Fighting broke out on March 3, 2019. The following day, the army withdrew.")
    assert ("March 3, 2019", "DATE", "2019-03-03") in found
    assert any(v == "2019-03-04" for _, _, v in found)


def test_times_finds_what_the_ner_misses_and_skips_ages(pipeline):
    found, _ = times_of(pipeline, "A 6-year-old girl was hurt. The ceasefire is now holding, officials recently said.")
    texts = {t for t, _, _ in found}
    assert {"now", "recently"} <= texts
    assert not any("year-old" in t for t in texts)


def test_times_without_published_date_warns(pipeline):
    found, rec = times_of(pipeline, "Troops left the town last week.", published=None)
    assert found and found[0][2] == "XXXX-WXX"
    assert any("publication date" in w for w in rec.warnings)


def test_times_governing_time_of_a_clause(pipeline):
    text = "On Oct. 1 militias fired rockets at the airport. Early on Oct. 5 more rockets landed near the embassy."
    rec = pipeline.analyze_one(InputDoc(id="t", text=text, published="2020-10-12"))
    second = text.index("more rockets")
    article = Article(input=InputDoc(id="t", text=text), text=text, times=rec.times, doc=pipeline.nlp(text))
    assert governing_time(article, second, len(text)).value == "2020-10-05"
    assert governing_time(article, 0, text.index("airport.") + len("airport.")).value == "2020-10-01"


def test_times_a_year_ago_in_a_quarterly_report_is_that_quarter_a_year_before(pipeline):
    text = ("Acme said its third-quarter profit rose 12%. Sales were $40 million, up from $35 million a year ago. "
            "A year earlier, the company had posted a loss.")
    found, _ = times_of(pipeline, text, published="2021-01-20")
    values = [v for t, _, v in found if t.lower() in ("a year ago", "a year earlier")]
    assert values == ["2019-Q3", "2019-Q3"]  # the third quarter reported in January 2021 is 2020's


def test_times_a_year_ago_without_a_quarter_is_the_year(pipeline):
    found, _ = times_of(pipeline, "The town fell to the rebels a year ago.", published="2021-01-20")
    assert ("a year ago", "DATE", "2020") in found


def test_times_scheduled_dates_lie_ahead(pipeline):
    # Published in November: a dividend payable in February and a closing expected in December are
    # the coming ones, though the sentence's verb is in the past or passive.
    text = ("The company declared a dividend payable Feb. 1 to holders of record. "
            "The closing is expected in December.")
    found, _ = times_of(pipeline, text, published="2020-11-20")
    assert ("Feb. 1", "DATE", "2021-02-01") in found
    assert ("December", "DATE", "2020-12") in found


def test_times_the_words_the_ner_leaves_out_are_read_with_the_expression(pipeline):
    found, _ = times_of(pipeline, "The rebels attacked on Sunday night. This year's harvest failed.",
                        published="2021-01-05")
    values = {v for _, _, v in found}
    assert "2021-01-03TNI" in values
    assert "2021" in values


def test_times_that_year_and_the_following_month_follow_the_story(pipeline):
    text = ("The war began in 1995. That year, thousands fled. "
            "Talks opened in November 1996. The following month, a truce was signed.")
    found, _ = times_of(pipeline, text, published="2021-01-05")
    values = [(t, v) for t, _, v in found]
    assert ("That year", "1995") in values
    assert ("The following month", "1996-12") in values


def test_times_a_clock_time_without_a_day_is_on_the_day_told_of(pipeline):
    text = "Rebels attacked the town on Dec. 30, 2020. The shelling stopped at 10 p.m."
    found, _ = times_of(pipeline, text, published="2021-01-05")
    assert ("10 p.m.", "TIME", "2020-12-30T22:00") in found


def test_times_the_year_ago_quarter_named_in_full(pipeline):
    text = ("Acme's third-quarter profit rose 12%. "
            "In the year-ago third quarter, it earned $4 million. Sales in the latest period were $40 million.")
    values = values_by_text(pipeline, text, published="2021-01-20")
    assert values.get("the year-ago third quarter") == "2019-Q3"
    assert values.get("the latest period") == "2020-Q3"  # the quarter the story reports on


def test_times_the_year_ended_on_a_date_is_a_stretch_of_twelve_months(pipeline):
    text = "Revenue for the year ended March 31 rose 8%. For the year, volume was flat."
    found, _ = times_of(pipeline, text, published="2021-05-10")
    values = [(t, ty, v) for t, ty, v in found if t.lower().startswith("the year")]
    assert values[0][1:] == ("DURATION", "P1Y")
    assert values[-1] == ("the year", "DATE", "2021")


def test_times_explicit_forms_the_ner_may_miss_are_found_and_ages_are_not(pipeline):
    text = ("The envoy, 52 years old, said the ceasefire would hold for at least two more weeks, "
            "in the near term at least. A six-year-old boy was hurt.")
    values = values_by_text(pipeline, text, published="2021-01-05")
    assert values.get("at least two more weeks") == "P2W"
    assert values.get("the near term") == "FUTURE_REF"
    assert not any("52" in t or "old" in t for t in values)


def test_times_both_years_are_read_one_by_one(pipeline):
    found, _ = times_of(pipeline, "Profit will be lower in both 1990 and 1991, analysts said.", published="1989-10-30")
    assert [v for _, _, v in found] == ["1990", "1991"]


def test_times_the_previous_weekday_is_counted_from_the_day_told_of(pipeline):
    text = "The rebels struck on Friday, Jan. 8, 2021. The previous Friday, they had shelled the port."
    found, _ = times_of(pipeline, text, published="2021-01-11")
    assert ("The previous Friday", "DATE", "2021-01-01") in found


def test_times_the_following_year_after_a_quarter(pipeline):
    text = "Profit fell in the third quarter of 2019. The following year, the company recovered."
    found, _ = times_of(pipeline, text, published="2021-01-11")
    assert ("The following year", "DATE", "2020") in found


def test_times_a_year_read_with_the_quarter_after_it(pipeline):
    found, _ = times_of(pipeline, "Profit was flat with the 2019 second quarter.", published="2020-08-01")
    assert any(v == "2019-Q2" for _, _, v in found)


def test_times_a_day_that_does_not_exist_has_no_value(pipeline):
    # Found by fuzzing: the grammar read "March 50" as 2021-03-50, and "March 0" ended the analysis.
    found, _ = times_of(pipeline, "The strike began on March 0 and ended on February 30, 2021. Talks resume March 50.")
    values = {t: v for t, _, v in found}
    assert values.get("March 0", "missing") is None
    assert values.get("February 30, 2021", "missing") is None
    assert values.get("March 50", "missing") is None
    found, _ = times_of(pipeline, "Talks resume on March 25.")
    assert ("March 25", "DATE", "2021-03-25") in found


def test_times_a_name_the_ner_tags_as_a_date_is_no_timex(pipeline):
    found, _ = times_of(pipeline, "Rebels rejected the last-minute offer on Sunday, a spokesman for the S&P 500 firm said.")
    texts = {t for t, _, _ in found}
    assert "Sunday" in texts
    assert not any("last-minute" in t or "S&P" in t for t in texts)
    found, _ = times_of(pipeline, "Revenue fell in the 2022-23 season.")
    assert any("2022-23" in t for t, _, _ in found)  # unread, but a year is named: still a time


def _article(pipeline, text, published="2020-10-12"):
    rec = pipeline.analyze_one(InputDoc(id="t", text=text, published=published))
    return Article(input=InputDoc(id="t", text=text), text=text, published=published, times=rec.times, doc=pipeline.nlp(text))


def test_times_governing_time_may_follow_the_clause_in_its_sentence(pipeline):
    text = "Rebels shelled the market, killing six, on Saturday. Aid workers arrived later."
    article = _article(pipeline, text)
    clause_end = text.index(", killing")
    assert governing_time(article, 0, clause_end).value == "2020-10-10"


def test_times_a_sentence_without_a_time_goes_on_with_the_day_before_it_in_its_paragraph(pipeline):
    text = ("Gunmen stormed the village on Sunday. They burned the market.\n\n"
            "The army sent reinforcements last week. Soldiers set up checkpoints.\n\nResidents fled.")
    article = _article(pipeline, text)
    burned = text.index("They burned")
    assert governing_time(article, burned, text.index("\n\n")).value == "2020-10-11"
    checkpoints = text.index("Soldiers")
    assert governing_time(article, checkpoints, text.rindex("\n\n")) is None  # a week is no day
    fled = text.index("Residents")
    assert governing_time(article, fled, len(text)) is None  # a new paragraph


def test_times_governing_time_skips_expressions_without_a_calendar_value(pipeline):
    text = "Militias recently attacked the convoy near the border on Thursday night."
    article = _article(pipeline, text)
    clause_end = text.index(" near")
    time = governing_time(article, 0, clause_end)
    assert time is not None and time.value.startswith("2020-10-08")


def test_times_clock_times_of_wire_copy(pipeline):
    found, _ = times_of(pipeline, "The truce began at 6 p.m. local Saturday night. The ceasefire took effect at "
                                  "0600 GMT on Thursday. The blast came at 10 a.m. (0700 GMT).")
    assert ("6 p.m. local Saturday night", "TIME", "2020-10-10T18:00") in found
    assert ("0600 GMT on Thursday", "TIME", "2020-10-08T06:00") in found
    assert not any("0700" in t for t, _, _ in found)  # the same time in another zone


def test_times_a_range_of_clock_times_is_two_expressions(pipeline):
    found, _ = times_of(pipeline, "Officials said a curfew would last from 8 p.m. to 6 a.m.")
    assert ("8 p.m.", "TIME", "2020-10-12T20:00") in found and ("6 a.m.", "TIME", "2020-10-12T06:00") in found


def test_times_a_dateline_is_the_day_the_story_was_filed(pipeline):
    text = "YANGON, May 6 (AFP) - Soldiers opened fire on protesters on Friday, witnesses said. Two more died yesterday."
    found, _ = times_of(pipeline, text, published="2021-05-08")  # a Saturday; the story was filed on Thursday
    assert found == [("May 6", "DATE", "2021-05-06"), ("Friday", "DATE", "2021-04-30"), ("yesterday", "DATE", "2021-05-05")]
    found, _ = times_of(pipeline, text.replace("May 6", "Dec. 30"), published="2022-01-02")
    assert found[0] == ("Dec. 30", "DATE", "2021-12-30")  # never after the publication


def test_times_a_date_that_opens_a_sentence_is_no_dateline(pipeline):
    found, _ = times_of(pipeline, "On May 16 - a Friday - rebels shelled the port. They withdrew on Sunday.", published="2021-05-08")
    assert ("May 16", "DATE", "2021-05-16") in found


@pytest.mark.parametrize("sentence,expected", [
    ("The three states are expected to join the alliance in June.", "2021-06"),  # looks ahead
    ("Officials hope to finish the talks by Aug. 15.", "2021-08-15"),
    ("Police have been searching for the gunman since Dec. 23.", "2019-12-23"),  # the perfect tells of the past
    ("The truce had been scheduled to expire in December.", "2019-12"),  # a plan already overtaken
])
def test_times_tense_of_infinitives_and_perfects(pipeline, sentence, expected):
    found, _ = times_of(pipeline, sentence, published="2020-10-12")
    assert [v for _, _, v in found] == [expected]


def test_times_overnight_and_dawn_in_conflict_reports(pipeline):
    found, _ = times_of(pipeline, "Air strikes overnight killed 12 people. The offensive began at dawn on Friday. "
                                  "The army imposed an overnight curfew.")
    assert ("overnight", "TIME", "2020-10-11TNI") in found  # the night before the report
    assert ("dawn on Friday", "TIME", "2020-10-09TMO") in found
    assert sum(t == "overnight" for t, _, _ in found) == 1  # "an overnight curfew" is a kind of curfew


def test_times_a_part_of_the_day_of_a_named_day_is_one_expression(nlp):
    from spacy.tokens import Span
    from truce.stages.times import expressions
    doc = nlp("In the early morning of October 2, gunmen kidnapped 40 pupils.")
    # as the NER sometimes splits it: a TIME, "of", a DATE
    doc.ents = [Span(doc, 1, 4, label="TIME"), Span(doc, 5, 7, label="DATE")]
    assert [s.text for s in expressions(doc)] == ["the early morning of October 2"]


def test_times_british_clock_times_have_a_value(pipeline):
    found, _ = times_of(pipeline, "The attack began at 8.30pm and ended at 9.10pm. Prices rose 3.50 percent.")
    assert ("8.30pm", "TIME", "2020-10-12T20:30") in found and ("9.10pm", "TIME", "2020-10-12T21:10") in found
    assert not any("3.50" in t for t, _, _ in found)


def test_times_holidays_by_name_including_those_that_move_with_easter(pipeline):
    found, _ = times_of(pipeline, "Police fired on worshippers on Good Friday. The truce was to hold over "
                                  "Orthodox Easter.", published="2023-04-20")
    assert ("Good Friday", "DATE", "2023-04-07") in found
    assert ("Orthodox Easter", "DATE", "2023-04-16") in found
    assert not any(t == "Friday" for t, _, _ in found)


def test_times_the_night_before_a_day_told_of(pipeline):
    found, _ = times_of(pipeline, "The army entered the town on March 3, 2019. The previous night, rebels shelled the port.")
    assert any(t.lower() == "the previous night" and v == "2019-03-02" for t, _, v in found)


def test_times_a_headline_takes_the_first_day_of_the_lead(pipeline):
    text = ("Activist detained in the capital\n\nPolice detained a rights activist on Tuesday, her lawyer said.\n\n"
            "She was questioned for hours.\n\nOfficials deny abuse")
    article = _article(pipeline, text)
    assert governing_time(article, 0, text.index("\n")).value == "2020-10-06"
    last = text.rindex("Officials")
    assert governing_time(article, last, len(text)) is None  # no paragraph follows it to tell it
    # only the paragraph that opens the text is a headline: a one-sentence paragraph after it is the body's
    text = ("Court upholds verdict\n\nThe assembly condemns the ruling.\n\nJudges upheld the verdict on Tuesday.")
    article = _article(pipeline, text)
    condemns = text.index("The assembly")
    assert governing_time(article, condemns, text.index("\n\nJudges")) is None


# -- conflict news: each construction of issue 22 with the rule that reads it (rules.tsv, datelines.tsv) --------
@pytest.mark.parametrize("construction,text,published,expression,value", [
    ("dateline month_day_agency", "YANGON, May 6 (AFP) - Soldiers opened fire on marchers early Friday morning.",
     "2026-05-07", "May 6", "2026-05-06"),
    ("weekday_rule with a part of the day, from the dateline's day", "YANGON, May 6 (AFP) - Soldiers opened fire on "
     "marchers early Friday morning.", "2026-05-07", "early Friday morning", "2026-05-01TMO"),
    ("dateline day_month_agency", "BEIRUT, 12 March (AFP) - Shelling resumed on Sunday in the south.", "2026-03-13",
     "Sunday", "2026-03-08"),
    ("weekday_rule night", "Militants attacked the checkpoint on Saturday night, killing four.", "2026-05-07",
     "Saturday night", "2026-05-02TNI"),
    ("clock with its day, first end of a range", "The truce ran from 6 p.m. local Saturday night until midnight April 21.",
     "2026-04-22", "6 p.m. local Saturday night", "2026-04-18T18:00"),
    ("noon, second end of a range", "The truce ran from 6 p.m. local Saturday night until midnight April 21.",
     "2026-04-22", "midnight April 21", "2026-04-21T24:00"),
    ("this_unit with earlier", "The army said earlier this month that it would withdraw.", "2026-05-20",
     "earlier this month", "2026-05"),
    ("the_unit", "In the hour before the blast, police sealed off the square.", "2026-05-20", "the hour", "PT1H"),
    ("n_units inside a name", "Both sides agreed to a 30-day ceasefire on Tuesday.", "2026-05-20", "30-day", "P30D"),
    ("n_units inside a name, hours", "A 72-hour truce ended on Monday.", "2026-05-20", "72-hour", "PT72H"),
    ("part of the day of a date", "Fighters burned the market on the evening of 11 November.", "2026-05-20",
     "the evening of 11 November", "2025-11-11"),
    ("a year the NER reads as a number", "The commander was killed in a 2015 drone strike.", "2026-05-20", "2015", "2015"),
    ("deadline deferred", "The talks were postponed until Tuesday morning.", "2026-05-20", "Tuesday morning", "2026-05-26TMO"),
    ("opens ahead", "Aid could arrive as soon as Tuesday.", "2026-05-20", "as soon as Tuesday", "2026-05-26"),
    ("opens ahead, ahead of", "Troops deployed ahead of Sunday's vote.", "2026-05-20", "Sunday", "2026-05-24"),
    ("month_relative_year with of", "The mayor was released in February of last year.", "2026-05-20",
     "February of last year", "2025-02"),
])
def test_times_conflict_news_constructions(pipeline, construction, text, published, expression, value):
    found, _ = times_of(pipeline, text, published=published)
    assert (expression, value) in {(t, v) for t, _, v in found}, (construction, found)


@pytest.mark.parametrize("line,rule,date", [
    ("KABUL, Oct. 2 (Xinhua) -- Rebels shelled the airport.", "month_day_agency", "Oct. 2"),
    ("GAZA CITY, Gaza Strip, Oct. 9 -- Strikes hit the camp.", "month_day_dash", "Oct. 9"),
    ("KHARTOUM, 3 June (AFP) - Troops moved in.", "day_month_agency", "3 June"),
])
def test_times_each_dateline_rule_reads_its_example(line, rule, date):
    from truce.stages.times import dateline_match
    name, match = dateline_match("\n" + line)
    assert (name, match["date"]) == (rule, date)


def test_times_a_date_opening_a_sentence_matches_no_dateline_rule():
    from truce.stages.times import dateline_match
    assert dateline_match("On May 16, rebels shelled the port.") is None


def test_times_now_opening_a_sentence_before_a_comma_orders_the_discourse(pipeline):
    found, _ = times_of(pipeline, "Now, the minister says, the border is calm. Now officials are counting the dead.")
    assert [t for t, _, _ in found] == ["Now"]
    assert found[0] == ("Now", "DATE", "PRESENT_REF")


def test_times_the_day_before_an_event_and_in_apposition(pipeline):
    found, _ = times_of(pipeline, "Rebels took the town on March 17, 2019. The army had shelled it the day before they arrived.")
    assert ("the day", "DATE", "2019-03-16") in found
    found, _ = times_of(pipeline, "He was last seen on March 3, 2019, the day before the raid.")
    assert all(v == "2019-03-03" for t, _, v in found if t == "the day")


def test_times_an_undated_story_is_anchored_on_its_bylines_full_date(pipeline):
    found, _ = times_of(pipeline, "By Jane Roe, The Valley Ledger March 31, 2018 2:36 pm. Police arrested two men "
                                  "on Thursday.", published=None)
    assert ("Thursday", "DATE", "2018-03-29") in found
    assert not any(t == "Ledger" or t.startswith("Valley") for t, _, _ in found)


# -- which expression dates an event -----------------------------------------------------------------------------
def test_times_the_dateline_dates_no_event(pipeline):
    text = "FLINT, Mich., Oct. 4 (UPI) - A former governor criticized the new law during a rally."
    article = _article(pipeline, text, published="2026-10-05")
    assert governing_time(article, text.index("A former"), len(text)) is None


def test_times_a_time_in_another_verbs_clause_does_not_date_the_event(pipeline):
    text = "The novelist, who was praised earlier this week, was arrested on Friday."
    article = _article(pipeline, text)
    assert governing_time(article, 0, len(text)).text == "Friday"
    text = "The rebels threatened to storm the capital in July."
    article = _article(pipeline, text)
    assert governing_time(article, 0, len(text)) is None


def test_times_a_past_event_is_not_dated_by_a_plan(pipeline):
    text = "The minister condemned the raid as the embassy said it would close on Nov. 1."
    article = _article(pipeline, text)
    time = governing_time(article, 0, text.index(" as"))
    assert time is None or time.value <= "2020-10-12"


def test_times_the_present_is_the_publication_and_the_rest_the_story_day(pipeline):
    from truce.stages.times import narrative_day, told_as_present
    text = ("Police arrested two reporters on Tuesday.\n\nThe union demands their release.\n\n"
            "Officers searched their homes.\n\n\"We demand justice,\" a colleague said.")
    article = _article(pipeline, text)
    demands = text.index("The union")
    assert told_as_present(article, demands, text.index("\n\nOfficers"))
    searched = text.index("Officers")
    assert not told_as_present(article, searched, text.index("\n\n\""))
    assert narrative_day(article, searched).value == "2020-10-06"
    quoted = text.index("We demand")
    assert not told_as_present(article, quoted, quoted + len("We demand justice"))
    assert narrative_day(_article(pipeline, "Officers searched the homes."), 0) is None
    # a lead naming no day tells the latest news: a day named later is background, not its day
    lead = _article(pipeline, "Rebels announced a truce.\n\nOn January 9 the envoy met both sides in Geneva.")
    assert narrative_day(lead, 0) is None


def test_times_a_forecast_quarter_is_not_the_quarter_under_discussion(pipeline):
    text = ("Acme said its third-quarter profit rose 8%. Analysts expect weak demand through the second quarter "
            "of 2021. A year earlier, the company had posted a loss.")
    found, _ = times_of(pipeline, text, published="2020-10-20")
    assert [v for t, _, v in found if t.lower() == "a year earlier"] == ["2019-Q3"]


def test_times_a_fiscal_quarter_still_under_way_is_not_the_quarter_under_discussion(pipeline):
    # "its fourth quarter ended Sept. 30", reported in November, is a fiscal quarter: "the latest
    # quarter" is the last calendar quarter closed, and "a year ago" is that calendar quarter a year before
    text = ("Brightwater Mills said earnings for its fourth quarter ended Sept. 30 rose 9%. In the latest quarter, "
            "flour sales climbed to $12 million from $10 million a year ago.")
    values = values_by_text(pipeline, text, published="2020-11-04")
    assert values["the latest quarter"] == "2020-Q3"
    assert values["a year ago"] == "2019-Q3"


def test_times_a_noun_naming_the_event_is_dated_by_the_time_it_holds(pipeline):
    text = "A trial opened in Lyon on Monday over the 2011 bombing of a river ferry."
    article = _article(pipeline, text)
    bombing = next(t for t in article.doc if t.text == "bombing")
    assert governing_time(article, 0, len(text), bombing).value == "2011"
    assert governing_time(article, 0, len(text)).text == "Monday"  # the clause's own verb: the trial
    text = "Students were jailed after protests that broke out on 14 March, the group said."
    article = _article(pipeline, text)
    protests = next(t for t in article.doc if t.text == "protests")
    assert governing_time(article, 0, len(text), protests).value == "2020-03-14"


def test_times_a_day_of_a_month_named_in_full_is_found(pipeline):
    found, _ = times_of(pipeline, "Two men beat the cartoonist on 26 February 2019 outside his flat.", published="2020-01-20")
    assert ("26 February 2019", "DATE", "2019-02-26") in [(t, ty, v) for t, ty, v in found]


def test_times_the_time_nearest_the_verb_dates_its_clause(pipeline):
    text = "Rebels attacked veterans of the 2014 campaign on Tuesday."  # "2014" hangs from "veterans", four steps away
    article = _article(pipeline, text)
    assert governing_time(article, 0, len(text)).text == "Tuesday"


# -- issue 22, fourth round: invented sentences for each new reading ---------------------------------------------
def test_times_a_participle_clause_is_told_in_the_tense_of_its_verb(pipeline):
    values = values_by_text(pipeline, "The shares fell sharply, sliding to $20 in March from $31 in January.", "2023-10-30")
    assert values["March"] == "2023-03"  # not the March ahead, nearer to October than the one behind


def test_times_a_recurring_month_or_weekday_is_a_set(pipeline):
    found, _ = times_of(pipeline, "Pilgrims walk to the shrine each August, and traders meet every Thursday.")
    assert ("each August", "SET", "XXXX-08") in found
    assert any(v == "XXXX-WXX-4" for _, t, v in found if t == "SET")


def _token(article, word):
    return next(t for t in article.doc if t.text == word)


def test_times_an_act_after_a_length_is_counted_back_from_the_clause_it_qualifies(pipeline):
    from truce.stages.times import counted_from_what_it_follows
    text = "The council's vote comes two days after the governor vetoed the budget."
    article = _article(pipeline, text, published="2023-05-12")
    assert counted_from_what_it_follows(article, _token(article, "vetoed")).value == "2023-05-10"
    text = "The strike comes three years after miners were evicted from the valley."
    article = _article(pipeline, text, published="2023-05-12")
    assert counted_from_what_it_follows(article, _token(article, "evicted")).value == "2020"
    text = "The reporter was dismissed on Friday, a day after her criticism of the army."
    article = _article(pipeline, text, published="2023-05-15")
    assert counted_from_what_it_follows(article, _token(article, "criticism")).value == "2023-05-11"
    # no length, or nothing to count from: nothing
    text = "The governor vetoed the budget after the council voted."
    article = _article(pipeline, text, published="2023-05-12")
    assert counted_from_what_it_follows(article, _token(article, "voted")) is None


def test_times_the_present_perfect_tells_the_news_of_the_day(pipeline):
    from truce.stages.times import told_as_news
    text = "Police have detained the editor of a weekly paper."
    article = _article(pipeline, text)
    assert told_as_news(article, 0, len(text), _token(article, "detained"))
    text = "A guard has been sentenced over the killing of a prisoner."
    article = _article(pipeline, text)
    assert told_as_news(article, 0, len(text), _token(article, "sentenced"))
    assert not told_as_news(article, 0, len(text), _token(article, "killing"))  # the killing may be years old
    text = "Police detained the editor of a weekly paper."
    article = _article(pipeline, text)
    assert not told_as_news(article, 0, len(text), _token(article, "detained"))


def test_times_a_time_in_a_clause_told_with_the_act_dates_it_when_the_sentence_names_no_other(pipeline):
    text = "The activist was detained at the border while visiting her brother in May 2019."
    article = _article(pipeline, text)
    assert governing_time(article, 0, len(text)).value == "2019-05"
    text = "The militia threatened to shell the port in July."  # an act reached for, not told with it
    article = _article(pipeline, text)
    assert governing_time(article, 0, len(text)) is None
    text = "The mediators welcome the extension of the truce that was signed in Doha in May 2019."
    article = _article(pipeline, text)  # told in the present: today's act, not the truce's day
    assert governing_time(article, 0, len(text)) is None


def test_times_an_act_a_verb_tells_in_a_story_naming_no_day_is_the_news_of_the_publication(pipeline):
    from truce.stages.events.attach import event_date
    text = "Soldiers stormed the offices of an opposition newspaper.\n\nThe raid followed the arrest of its editor."
    article = _article(pipeline, text, published="2023-03-02")
    stormed = _token(article, "stormed")
    assert event_date(article, stormed.sent, stormed).value == "2023-03-02"
    arrest = _token(article, "arrest")  # an act a noun names may be old: undated, so a later mention can date it
    assert event_date(article, arrest.sent, arrest) is None
    text = "The truce takes effect on March 9.\n\nThe parties agreed to refrain from air strikes."
    article = _article(pipeline, text, published="2023-03-02")  # a story opening on a plan may tell the plan
    agreed = _token(article, "agreed")
    assert event_date(article, agreed.sent, agreed) is None


def test_times_counts_in_words_seasons_and_quarter_codes(pipeline):
    found = values_by_text(pipeline, "The old mill was built one hundred and twenty years ago. Its owners plan to "
                                     "reopen it in spring 2022, after sales fell in Q3.", "2021-06-01")
    assert found["one hundred and twenty years ago"] == "1901"
    assert found["spring 2022"] == "2022-SP"
    assert found["Q3"] == "2020-Q3"


def test_times_a_day_a_plan_names_is_the_plans_on_either_side(pipeline):
    planned = values_by_text(pipeline, "Dock workers planned a strike at the port on Saturday.", "2021-05-14")
    held = values_by_text(pipeline, "Dock workers held a strike at the port on Saturday.", "2021-05-14")
    assert planned["Saturday"] == "2021-05-15"  # the nearest Saturday, the day after a Friday's story
    assert held["Saturday"] == "2021-05-08"


def test_times_a_lower_case_month_and_a_quoted_title_are_no_times(pipeline):
    found = values_by_text(pipeline, "Nurses joined this march through the capital on Sunday. The minister told "
                                     "\"Next Week\" viewers that talks resumed in March. \"Tomorrow,\" he said.",
                           "2021-05-10")
    assert "this march" not in found and "Next Week" not in found
    assert found["March"] == "2021-03" and found["Sunday"] == "2021-05-09" and found["Tomorrow"] == "2021-05-11"


def test_times_a_clock_time_and_its_day_after_a_comma_are_one_time(pipeline):
    found = values_by_text(pipeline, "The offer for the shares runs until 5 p.m. EST, Dec. 3, the bank said.", "2021-11-20")
    assert found["5 p.m. EST, Dec. 3"] == "2021-12-03T17:00"


def test_times_a_quarter_code_after_a_name_is_a_model(pipeline):
    found = values_by_text(pipeline, "Police stopped an Audi Q3 near the border after sales fell in Q2.", "2021-11-20")
    assert found == {"Q2": "2021-Q2"}


def test_times_a_year_earlier_beside_a_stretch_of_months_is_the_year_before(pipeline):
    # the figure compared is the stretch's, not the quarter's: the year before; a stretch the
    # expression names itself is read as written
    text = ("Brightwater Mills said its third-quarter profit rose 8%. For the nine months, net was $30 million, "
            "compared with $24 million a year earlier. Quarterly sales were $40 million, up from $35 million a year ago. "
            "Net for the year-earlier nine months included a gain.")
    found, _ = times_of(pipeline, text, published="2020-11-04")
    values = [(t, v) for t, _, v in found]
    assert ("a year earlier", "2019") in values
    assert ("a year ago", "2019-Q3") in values
    assert ("the year-earlier nine months", "P9M") in values


def test_times_a_quarter_told_in_passing_is_not_the_quarter_under_discussion(pipeline):
    text = ("Brightwater Mills posted a 9% gain in third-quarter profit. After a weak second quarter, flour sales "
            "recovered. Charges taken in the year-earlier period were small.")
    values = values_by_text(pipeline, text, published="2020-11-04")
    assert values["a weak second quarter"] == "2020-Q2"
    assert values["the year-earlier period"] == "2019-Q3"


def test_times_a_season_of_a_year_said_in_words_is_one_expression(pipeline):
    # broadcast transcripts write years in words; the NER may tag the season and the year apart
    found = values_by_text(pipeline, "Fuel prices are back at the level we saw in the winter of nineteen ninety-four.",
                           "1998-02-23")
    assert found == {"the winter of nineteen ninety-four": "1994-WI"}


def test_times_a_length_used_as_an_adjective_after_an_article_keeps_its_count(pipeline):
    # "a two-year boom": the article is not part of the number (it once read as a vague "PXY")
    found = values_by_text(pipeline, "Analysts saw the end of a two-year boom in the steel industry.", "2021-10-26")
    assert "P2Y" in found.values() and "PXY" not in found.values()


def test_times_the_first_two_quarters_of_a_year_are_its_first_half(pipeline):
    found = values_by_text(pipeline, "Mills expect weak demand through the first two quarters of 2022, and "
                                     "sales fell in the last two quarters.", "2021-10-26")
    assert found["the first two quarters of 2022"] == "2022-H1"
    assert found["the last two quarters"] == "P2Q"  # the two just past: a length


def test_times_a_length_and_the_day_it_fell_on_are_two_expressions(pipeline):
    found, _ = times_of(pipeline, "The envoy spoke for more than three hours Tuesday. The talks lasted two days "
                                  "last week. During the day Friday, the guns were quiet.", "2021-03-05")
    assert ("more than three hours", "DURATION", "PT3H") in found
    assert ("Tuesday", "DATE", "2021-03-02") in found
    assert ("two days", "DURATION", "P2D") in found
    assert not any(t == "the day" for t, _, _ in found)  # no count: one expression with its day
