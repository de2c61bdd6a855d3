"""The pipeline of the ten languages besides English (truce/multilingual): its steps, and whole records
of the invented articles in tests/fixtures/languages/."""
import csv
import pathlib

import numpy as np
import pytest

from truce.gazetteer import Gazetteer
from truce.inputs import InputDoc
from truce.multilingual import LANGUAGES
from truce import record
from truce.multilingual.actors import AGENTS, find_actors
from truce.multilingual.encoder import Encoder, align, language_offsets, parallel_sentences
from truce.multilingual.events import event_date, models
from truce.multilingual.places import Places, clitics
from truce.multilingual.segments import sentence_spans, words
from truce.multilingual.times import find_times

FIXTURES = pathlib.Path(__file__).parent / "fixtures" / "languages"
PUBLISHED = "2024-03-08"  # a Friday


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


def _sentence_words(text, language):
    return [words(text, language, a, b) for a, b in sentence_spans(text)]


def test_sentences_end_at_stops_of_every_script_and_at_line_breaks():
    text = "Первое предложение. Второе!\n第三句。第四句？ هل هذا الخامس؟ Sixth"
    assert [text[a:b] for a, b in sentence_spans(text)] == [
        "Первое предложение.", "Второе!", "第三句。", "第四句？", "هل هذا الخامس؟", "Sixth"]


@pytest.mark.parametrize("language,text,expected", [
    ("uk", "Делегація прибула до Львова.", ("Львова", "львів")),
    ("ru", "Делегация прибыла в Самару.", ("Самару", "самара")),
    ("es", "Los delegados llegaron ayer.", ("llegaron", "llegar")),
])
def test_words_keep_their_offsets_and_get_lemmas(language, text, expected):
    found = words(text, language)
    assert all(text[w.start:w.end] == w.text for w in found)
    assert any(w.text == expected[0] and expected[1] in [lemma.casefold() for lemma in w.lemmas] for w in found)


def test_chinese_is_cut_into_words():
    text = "代表团周三抵达成都。"
    found = words(text, "zh")
    assert "".join(w.text for w in found) == "代表团周三抵达成都"
    assert all(text[w.start:w.end] == w.text for w in found)


@pytest.mark.parametrize("language,text,value", [
    ("ar", "وصل الوفد في 3 مارس 2024.", "2024-03-03"),
    ("fa", "هیئت روز ۳ مارس ۲۰۲۴ رسید.", "2024-03-03"),
    ("ru", "Делегация прибыла 3 марта 2024 года.", "2024-03-03"),
    ("uk", "Делегація прибула 3 березня.", "2024-03-03"),
    ("es", "La delegación llegó el 3 de marzo de 2024.", "2024-03-03"),
    ("fr", "La délégation est arrivée le 3 mars.", "2024-03-03"),
    ("tr", "Heyet 3 Mart 2024'te geldi.", "2024-03-03"),
    ("zh", "代表团于2024年3月3日抵达。", "2024-03-03"),
    ("pt", "A delegação chegou em 3 de março de 2024.", "2024-03-03"),
    ("de", "Die Delegation kam am 3. März 2024 an.", "2024-03-03"),
])
def test_absolute_dates_in_every_language(language, text, value):
    assert value in [t.value for t in find_times(text, language, PUBLISHED)]


@pytest.mark.parametrize("language,text,value", [
    ("de", "Die Delegation kam am Dienstag an.", "2024-03-05"),
    ("ru", "Делегация прибыла вчера.", "2024-03-07"),
    ("zh", "代表团周三抵达。", "2024-03-06"),
    ("ar", "وصل الوفد يوم الجمعة.", "2024-03-08"),
])
def test_weekdays_and_relative_days_are_read_against_publication(language, text, value):
    assert [t.value for t in find_times(text, language, PUBLISHED)] == [value]


@pytest.mark.parametrize("language,text,value", [
    ("es", "La guerra empezó en 2013.", "2013"),
    ("fa", "جنگ در سال ۲۰۱۳ آغاز شد.", "2013"),
    ("zh", "战争于2013年爆发。", "2013"),
    ("ru", "Переговоры прошли в прошлом месяце.", "2024-02"),
    ("fr", "Les pourparlers ont eu lieu en janvier.", "2024-01"),
    ("pt", "As negociações começaram em dezembro.", "2023-12"),  # a month after publication is last year's
    ("de", "Die Gespräche fanden letzte Woche statt.", "2024-W09"),
    ("es", "Las conversaciones se celebraron a finales del mes pasado.", "2024-02"),
    ("ru", "Выборы прошли в прошлом году.", "2023"),
    ("tr", "Heyet SALI günü geldi.", "2024-03-05"),  # Turkish dotless ı, read in capitals
])
def test_years_months_and_relative_weeks_months_years(language, text, value):
    assert [t.value for t in find_times(text, language, PUBLISHED)] == [value]


@pytest.mark.parametrize("language,text,value", [
    ("ru", "Переговоры сорвались в августе.", "2023-08"),  # prepositional case after "в"
    ("uk", "Переговори зірвалися у жовтні.", "2023-10"),  # locative case after "у"
    ("ru", "Протесты начались в конце прошлого года.", "2023"),
    ("de", "Die Proteste begannen Ende vergangenen Jahres.", "2023"),
    ("de", "Die Gespräche fanden in der vergangenen Woche statt.", "2024-W09"),
    ("pt", "Nesta semana, os rebeldes atacaram aldeias.", "2024-W10"),
    ("ar", "بدأت الاحتجاجات في العام الماضي.", "2023"),
    ("tr", "Protestolar geçen yılın sonunda başladı.", "2023"),
    ("fr", "Les manifestations ont commencé l'an dernier.", "2023"),
    ("zh", "双方上月举行了会谈。", "2024-02"),
])
def test_case_forms_and_relative_words_of_the_date_words_table(language, text, value):
    assert [t.value for t in find_times(text, language, PUBLISHED)] == [value]


def test_every_form_of_the_date_words_table_is_found_in_running_text():
    from truce.multilingual.times import DATE_WORDS, date_words

    languages = {line.split("\t")[0] for line in DATE_WORDS.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")}
    for language in languages:
        months, relative = date_words(language)
        for form in [*months, *relative]:
            found = find_times(f"« {form} »", language, PUBLISHED)
            assert [t.text.lower() for t in found] == [form], (language, form)


@pytest.mark.parametrize("language,text,value", [
    # Counted back from the publication (Friday 8 March 2024), at the unit's precision.
    ("ru", "Переговоры начались шесть недель назад.", "2024-W04"),
    ("uk", "Переговори почалися шість тижнів тому.", "2024-W04"),
    ("tr", "Görüşmeler altı hafta önce başladı.", "2024-W04"),
    ("pt", "As conversas começaram há seis semanas.", "2024-W04"),
    ("es", "Las conversaciones empezaron hace seis semanas.", "2024-W04"),
    ("fr", "Les discussions ont commencé il y a six semaines.", "2024-W04"),
    ("de", "Die Gespräche begannen vor sechs Wochen.", "2024-W04"),
    ("ar", "بدأت المحادثات قبل ستة أسابيع.", "2024-W04"),
    ("fa", "گفتگوها شش هفته پیش آغاز شد.", "2024-W04"),
    ("zh", "会谈六周前开始。", "2024-W04"),
    ("es", "El puente cayó hace 3 días.", "2024-03-05"),
    ("de", "Vor einem Jahr begann der Streik.", "2023"),
    ("tr", "Köprü on iki gün önce yıkıldı.", "2024-02-25"),
    ("ru", "Мост построили двадцать лет назад, в 2004 году.", None),
    ("zh", "两个月前，工人罢工。", "2024-01"),
    ("ar", "انهار الجسر قبل يومين.", "2024-03-06"),
    ("fa", "پل ۳ روز پیش فرو ریخت.", "2024-03-05"),
])
def test_a_length_of_time_ago_is_counted_back_from_the_publication(language, text, value):
    found = find_times(text, language, PUBLISHED)
    if value is None:  # no number word for twenty: the year alone is read, nothing else
        assert [t.value for t in found] == ["2004"]
    else:
        assert [t.value for t in found] == [value]


def test_every_ago_form_of_the_date_words_table_is_found_with_digits_and_words():
    from truce.multilingual.times import DATE_WORDS, ago_words

    languages = {line.split("\t")[0] for line in DATE_WORDS.read_text(encoding="utf-8").splitlines()
                 if line.strip() and not line.startswith("#")}
    for language in languages:
        numbers, forms = ago_words(language)
        for form, unit in forms:
            for count in ("7", max(numbers, key=numbers.get)):
                text = form.replace("N", count)
                found = find_times(f"« {text} »", language, PUBLISHED)
                assert [t.text.lower() for t in found] == [text.lower()], (language, text)
                assert found[0].value is not None


def test_a_calendar_abbreviation_that_is_a_common_word_is_no_date():
    assert find_times("Протест підтримали серед студентів.", "uk", PUBLISHED) == []  # "among"
    assert [t.value for t in find_times("Протест почався у середу.", "uk", PUBLISHED)] == ["2024-03-06"]


def test_a_count_of_four_digits_is_no_year():
    assert find_times("Llegaron 2500 soldados y 1.950 policías.", "es", PUBLISHED) == []


def _time(start, value, text="t"):
    return record.Time(start=start, end=start + len(text), text=text, type="DATE", value=value)


def test_an_event_date_is_its_sentences_else_the_story_day_else_the_publication():
    times = [_time(5, "2024-03-06"), _time(40, "2024-03-20"), _time(80, "2023")]
    assert event_date(times, 70, 100, PUBLISHED).value == "2023"  # the sentence's own
    # Named no time: the last day named before it, not one after publication (a plan).
    assert event_date(times, 50, 70, PUBLISHED).model_dump(exclude_none=True) == {"value": "2024-03-06", "precision": "day", "text": "t"}
    assert event_date(times, 0, 4, PUBLISHED).value == PUBLISHED  # nothing before: the publication's day
    assert event_date(times, 0, 4, None) is None
    week = event_date([_time(0, "2024-W09")], 0, 10, PUBLISHED)
    assert (week.value, week.precision) == ("2024-02-26", "week")


def test_a_year_named_alone_gives_way_to_a_more_precise_time_of_the_sentence():
    # "The minister, in office since 2019, resigned on Tuesday": the year is background.
    times = [_time(10, "2019"), _time(40, "2024-03-05")]
    assert event_date(times, 0, 60, PUBLISHED).value == "2024-03-05"
    assert event_date([_time(10, "2019"), _time(40, "2021")], 0, 60, PUBLISHED).value == "2019"


def test_without_a_publication_date_a_weekday_has_no_value():
    found = find_times("La delegación llegó el martes.", "es", None)
    assert [(t.text, t.value) for t in found] == [("martes", None)]


@pytest.mark.parametrize("language,text,name,code", [
    ("uk", "Делегація прибула до Львова.", "Lviv", "UA"),
    ("ru", "Переговоры прошли в Казани.", "Kazan", "RU"),
    ("ar", "وصل الوفد إلى والقاهرة.", "Cairo", "EG"),
    ("zh", "代表团抵达开罗。", "Cairo", "EG"),
    ("fr", "La délégation est arrivée au Caire.", "Cairo", "EG"),
    ("tr", "Heyet Kahire'ye ulaştı.", "Cairo", "EG"),
    ("de", "Die Delegation reiste nach Österreich.", "Austria", "AT"),
])
def test_places_are_resolved_with_their_english_name(gazetteer, language, text, name, code):
    places = Places(gazetteer).find(text, language, _sentence_words(text, language))
    assert (name, code) in [(p.name, p.country_code) for p in places]
    assert all(text[p.start:p.end] == p.text for p in places)


def test_a_sentence_opening_common_word_is_no_town(gazetteer):
    text = "Sol y viento en la costa."
    assert Places(gazetteer).find(text, "es", _sentence_words(text, "es")) == []


def test_a_german_noun_is_no_town(gazetteer):
    # German capitalises every noun: "Rat" (council) is also a town's name in GeoNames.
    text = "Der Leiter sprach vor dem Rat in Berlin."
    found = Places(gazetteer).find(text, "de", _sentence_words(text, "de"))
    assert [p.text for p in found] == ["Berlin"]


def test_a_time_expression_is_no_place(gazetteer):
    text = "وصل الوفد يوم الخميس."
    times = find_times(text, "ar", PUBLISHED)
    assert Places(gazetteer).find(text, "ar", _sentence_words(text, "ar"), [(t.start, t.end) for t in times]) == []


def test_clitics_resource_lists_prefixes_of_known_languages():
    table = clitics()
    assert set(table) <= set(LANGUAGES) and all(table.values())


def test_agents_resource_rows_are_complete():
    with open(AGENTS, encoding="utf-8") as rows:
        table = list(csv.reader((r for r in rows if r.strip() and not r.startswith("#")), delimiter="\t"))
    assert table and all(len(row) == 5 and row[1] in ("group", "organization") and row[3] in LANGUAGES for row in table)
    by_agent = {}
    for name, _, _, language, _ in table:
        by_agent.setdefault(name, set()).add(language)
    assert all(languages == set(LANGUAGES) for languages in by_agent.values()), by_agent


def test_actors_from_countries_and_agents(gazetteer):
    text = "Полиция задержала протестующих в Польше."
    ws = words(text, "ru")
    places = Places(gazetteer).find(text, "ru", [ws])
    actors, spans = find_actors(text, "ru", ws, places, gazetteer)
    named = {a.name: a for a in actors}
    assert named["Poland"].country == "POL" and named["Poland"].kind == "state" and "Польше" in named["Poland"].aliases
    assert named["police"].sector == "COP" and named["protesters"].sector == "OPP"
    assert all(text[a:b] in {named[n].name for n in named} | {x for n in named for x in named[n].aliases} for a, b, _ in spans)


@pytest.fixture(scope="module")
def fixture_records(pipeline):
    docs = [InputDoc(id=p.stem, text=p.read_text(encoding="utf-8"), published=PUBLISHED) for p in sorted(FIXTURES.glob("*.txt"))]
    return {r.id: r.model_dump(mode="json") for r in pipeline.analyze(docs)}


def test_there_is_an_invented_article_in_every_language():
    assert {p.stem for p in FIXTURES.glob("*.txt")} == set(LANGUAGES)


@pytest.mark.parametrize("language", LANGUAGES)
def test_an_article_in_each_language_gives_a_valid_record(fixture_records, validate, language):
    record = validate(fixture_records[language])
    assert record["language"] == language
    assert record["text"].strip() == (FIXTURES / f"{language}.txt").read_text(encoding="utf-8").strip()
    assert record["places"] and all(p["name"] and p["lat"] is not None for p in record["places"])
    assert record["times"] and any(t["value"] for t in record["times"])
    assert record["actors"] and record["events"]
    for event in record["events"]:
        assert record["text"][event["evidence"]["start"]:event["evidence"]["end"]] == event["evidence"]["text"]
        assert event["actors"] == [] and event["recipients"] == []
    assert any("not read" in w for w in record["warnings"])
    assert record["entities"] == [] and record["attributions"] == [] and record["ceasefires"] == []


def test_parallel_sentences_cover_every_language_and_give_its_offset():
    sentences = parallel_sentences()
    assert set(sentences) == {"en", *LANGUAGES}
    assert len({len(rows) for rows in sentences.values()}) == 1 and all(all(s.strip() for s in rows) for rows in sentences.values())
    assert set(language_offsets()) == set(LANGUAGES)


def test_align_takes_a_languages_offset_away_and_leaves_english():
    vectors = np.random.default_rng(0).normal(size=(3, 384)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    assert np.array_equal(align(vectors, "en"), vectors)
    moved = align(vectors, "pt")
    assert np.allclose(np.linalg.norm(moved, axis=1), 1.0, atol=1e-5)
    expected = vectors - language_offsets()["pt"]
    assert np.allclose(moved, expected / np.linalg.norm(expected, axis=1, keepdims=True), atol=1e-5)


# The same two reports and two sentences without an event, invented for this test, in every language.
SAME_STORY = {
    "en": ("Protesters set fire to tyres and blocked roads in the city centre on Monday.",
           "The river is about four hundred kilometres long."),
    "ar": ("أشعل محتجون النار في إطارات وأغلقوا الطرق في وسط المدينة يوم الاثنين.", "يبلغ طول النهر نحو أربعمئة كيلومتر."),
    "fa": ("معترضان روز دوشنبه لاستیک‌ها را آتش زدند و خیابان‌های مرکز شهر را بستند.", "طول این رودخانه حدود چهارصد کیلومتر است."),
    "ru": ("В понедельник протестующие подожгли покрышки и перекрыли дороги в центре города.",
           "Длина реки составляет около четырехсот километров."),
    "uk": ("У понеділок протестувальники підпалили шини й перекрили дороги в центрі міста.",
           "Довжина річки становить близько чотирьохсот кілометрів."),
    "es": ("Los manifestantes quemaron neumáticos y bloquearon calles del centro de la ciudad el lunes.",
           "El río mide unos cuatrocientos kilómetros de largo."),
    "fr": ("Des manifestants ont incendié des pneus et bloqué des routes du centre-ville lundi.",
           "Le fleuve mesure environ quatre cents kilomètres de long."),
    "tr": ("Protestocular pazartesi günü şehir merkezinde lastik yakıp yolları kapattı.", "Nehrin uzunluğu yaklaşık dört yüz kilometredir."),
    "zh": ("抗议者周一在市中心焚烧轮胎并封锁道路。", "这条河长约四百公里。"),
    "pt": ("Manifestantes incendiaram pneus e bloquearam ruas no centro da cidade na segunda-feira.",
           "O rio tem cerca de quatrocentos quilômetros de extensão."),
    "de": ("Demonstranten zündeten am Montag Reifen an und blockierten Straßen in der Innenstadt.",
           "Der Fluss ist etwa vierhundert Kilometer lang."),
}


def test_a_report_is_an_event_and_a_fact_is_not_in_every_language():
    """The classifier saw English only: a language whose vectors lie apart from English's must not
    lose its events (Portuguese's did, before its offset was taken away)."""
    plover, _ = models()
    none = plover.labels.index("NONE")
    vectors = Encoder().embed([s for language in SAME_STORY for s in SAME_STORY[language]]).reshape(len(SAME_STORY), 2, -1)
    for language, pair in zip(SAME_STORY, vectors):
        p_none = plover.probabilities(align(pair, language), language)[:, none]
        assert p_none[0] < plover.none_threshold <= p_none[1], (language, p_none)


def test_a_sentence_gets_a_further_event_for_each_other_type_that_reaches_the_second_threshold():
    from truce.multilingual.events import sentence_types

    # columns: NONE, then four types
    probabilities = np.array([0.2, 0.05, 0.45, 0.18, 0.12])
    assert sentence_types(probabilities, 0, None) == [2]
    assert sentence_types(probabilities, 0, 0.15) == [2, 3]
    assert sentence_types(probabilities, 0, 0.1) == [2, 3, 4]
    assert sentence_types(probabilities, 0, 0.01, most=2) == [2, 3]


def test_the_none_bias_of_a_language_lowers_its_none_probability_only():
    plover, _ = models()
    assert set(plover.none_bias) == {"ar", "fa", "ru", "uk", "es", "fr", "tr", "zh", "pt", "de"}
    vector = Encoder().embed(["Soldados cerraron el paso fronterizo durante la noche."])
    plain, moved = plover.probabilities(vector), plover.probabilities(vector, "es")
    none = plover.labels.index("NONE")
    assert (moved[0, none] < plain[0, none]) == (plover.none_bias["es"] > 0)
    others = [i for i in range(len(plover.labels)) if i != none]
    assert np.allclose(moved[0, others] / moved[0, others].sum(), plain[0, others] / plain[0, others].sum(), atol=1e-5)


def test_a_sentence_read_again_is_not_embedded_again():
    encoder = Encoder(cache_size=2)
    first = encoder.embed(["Die Brücke wurde gesperrt."])
    encoder._model.query = None  # the engine must not be called for a sentence it has read
    assert np.array_equal(encoder.embed(["Die Brücke wurde gesperrt."]), first)
