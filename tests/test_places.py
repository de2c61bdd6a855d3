"""places: toponyms found, resolved with the document's help, and given a role."""
import pytest

from truce.inputs import InputDoc

pytestmark = pytest.mark.model


def places_of(pipeline, text):
    rec = pipeline.analyze_one(InputDoc(id="p", text=text, published="2020-10-12"))
    return rec.places


def first(places, text):
    return next(p for p in places if p.text == text)


def test_places_roles_literal_modifier_metonym(pipeline):
    places = places_of(pipeline, "Iraqi officials said Washington refused. Rockets landed in Baghdad on Monday.")
    assert first(places, "Iraqi").role == "modifier" and first(places, "Iraqi").country_code == "IQ"
    assert first(places, "Washington").role == "metonym"
    assert first(places, "Baghdad").role == "literal"


def test_places_airport_cue_resolves_to_the_airport(pipeline):
    place = first(places_of(pipeline, "Rockets landed near the Erbil airport late on Thursday."), "Erbil")
    assert place.feature == "airport" and abs(place.lat - 36.24) < 0.1


def test_places_document_countries_decide_ambiguous_names(pipeline):
    texts = {"US": "Police in Texas said the fire in Paris spread to homes near Dallas and Fort Worth.",
             "FR": "France said the protest in Paris drew thousands, with marches in Lyon and Marseille."}
    for country, text in texts.items():
        assert first(places_of(pipeline, text), "Paris").country_code == country


def test_places_same_name_same_place_in_a_document(pipeline):
    places = [p for p in places_of(pipeline, "Troops left Tripoli. Residents of Tripoli in Libya cheered.") if p.text == "Tripoli"]
    assert len(places) == 2 and places[0].geonameid == places[1].geonameid and places[0].country_code == "LY"


def test_places_inside_organisation_names_are_modifiers_not_event_places(pipeline):
    places = places_of(pipeline, "The Bank of Baghdad reopened its branches on Sunday.")
    assert all(p.role == "modifier" for p in places if p.text == "Baghdad")


def test_places_unknown_toponym_keeps_null_coordinates(pipeline):
    places = places_of(pipeline, "Fighting was reported in Zzyzxabad province.")
    assert all(p.lat is None and p.lon is None for p in places if "Zzyzxabad" in p.text)


def test_places_offsets_index_the_text(pipeline):
    text = "Kadhimi ordered forces out of the Green Zone, then flew from Baghdad to Erbil in Iraqi Kurdistan."
    for p in places_of(pipeline, text):
        assert text[p.start:p.end] == p.text


def test_places_a_lower_case_direction_is_not_part_of_the_name(pipeline):
    place = first(places_of(pipeline, "The suspect, of Wanstead in east London, was sentenced on Monday."), "London")
    assert place.country_code == "GB"


@pytest.mark.parametrize("text,not_a_place", [
    ("The Police Public Relations Officer, DSP Nwabuzor Chinwe, confirmed the arrest in Enugu.", "Officer"),
    ("Prosecutors dropped the charges against Mr Whitehouse in Glasgow.", "Whitehouse"),
    ("Police raided a POGO office in Manila on Tuesday.", "POGO"),
    ("Activist Gamal Eid was beaten in Cairo. Eid said he was followed by security men.", "Eid"),
    ("A man was detained in London under the Terrorism Act.", "Act"),
    ("Workers struck in Silao, Mexico, and President Andres Manuel Lopez Obrador (known as AMLO) spoke.", "AMLO"),
    ("Governor Bello visited the school in Kagara. Bello said the students would be freed.", "Bello"),
    ("UN, rights groups condemn the arrests in Kabul. The U.N. mission said it was alarmed.", "U.N."),
    ("UN, rights groups condemn the arrests in Kabul. The U.N. mission said it was alarmed.", "UN"),
])
def test_places_titles_acronyms_and_people_are_not_places(pipeline, text, not_a_place):
    rec = pipeline.analyze_one(InputDoc(id="p", text=text))
    assert not_a_place not in {p.text for p in rec.places}
    assert rec.places  # the real place is still found


def test_places_a_shared_demonym_names_its_largest_nation(pipeline):
    places = places_of(pipeline, "Chinese authorities arrested the publisher in Hong Kong. Hong Kong police said "
                                 "the arrest in Hong Kong was lawful.")
    assert first(places, "Chinese").country_code == "CN"


def test_places_where_a_group_is_based_is_a_modifier(pipeline):
    places = places_of(pipeline, "A Geneva-based charity said its staff were attacked in Goma, and a rights group "
                                 "based in Nairobi confirmed it.")
    assert first(places, "Geneva").role == "modifier" and first(places, "Nairobi").role == "modifier"
    assert first(places, "Goma").role == "literal"


def test_places_a_cue_word_decides_before_the_other_places_are_counted(pipeline):
    places = places_of(pipeline, "A manhunt by the Niger state Police Command for five kidnapped school girls is on.")
    assert first(places, "Niger").country_code == "NG" and first(places, "Niger").feature == "admin1"


def test_places_a_harbour_may_be_the_harbour_of_any_town_of_its_name(pipeline):
    scottish = places_of(pipeline, "A UK union condemned the owners. The ship was detained in Aberdeen Harbour in October.")
    assert first(scottish, "Aberdeen Harbour").country_code == "GB"
    hong_kong = places_of(pipeline, "Police detained the ship in Aberdeen Harbour, Hong Kong.")
    assert first(hong_kong, "Aberdeen Harbour").country_code == "HK"


def test_places_a_name_said_with_its_cue_once_means_that_throughout(pipeline):
    places = [p for p in places_of(pipeline, "Troops were sent to Niger on Monday. Gunmen had attacked a school "
                                             "in Kagara, Niger State, and abducted students.") if p.text.startswith("Niger")]
    assert len(places) == 2 and {p.country_code for p in places} == {"NG"}


def test_places_the_state_an_area_lies_in(pipeline):
    places = places_of(pipeline, "Gunmen abducted students at a school in the Rafi Local Government Area of Niger.")
    assert first(places, "Niger").country_code == "NG" and first(places, "Niger").feature == "admin1"


def test_places_a_body_or_title_named_after_a_place_is_a_modifier(pipeline):
    places = places_of(pipeline, "The men are members of the Islamic State of Iraq and al-Sham, and the Governor of "
                                 "Kano met them in Kano.")
    assert first(places, "Iraq").role == "modifier"
    assert [p.role for p in places if p.text == "Kano"] == ["modifier", "literal"]


def test_places_part_of_an_unknown_name_lies_in_a_country_the_text_names(pipeline):
    place = first(places_of(pipeline, "German police said the suspect had broken into an apartment in Praia da Luz. "
                                      "Police in Portugal searched it."), "Praia da Luz")
    assert place.country_code in (None, "PT")  # not Praia, Cape Verde's capital district


def test_places_bare_congo_is_the_congo_the_document_is_about(pipeline):
    kinshasa = places_of(pipeline, "Fighting in Congo killed 30 people near Goma and Bukavu.")
    brazzaville = places_of(pipeline, "Troops in Congo clashed with rebels near Brazzaville and Pointe-Noire.")
    assert first(kinshasa, "Congo").country_code == "CD" and first(brazzaville, "Congo").country_code == "CG"


def test_places_a_name_the_ner_split_at_of_is_read_whole(pipeline):
    places = places_of(pipeline, "Gunmen attacked a mining company in the Democratic Republic of the Congo on Sunday.")
    assert [(p.text, p.country_code) for p in places] == [("Democratic Republic of the Congo", "CD")]


def test_places_where_a_named_person_lives_is_a_modifier(pipeline):
    places = places_of(pipeline, "John Smith, 45, of Leeds, was arrested in Manchester. A man from Bradford was "
                                 "stabbed in the street.")
    assert first(places, "Leeds").role == "modifier"
    assert first(places, "Manchester").role == "literal" and first(places, "Bradford").role == "literal"


def test_places_dc_is_the_us_capital_district(pipeline):
    place = first(places_of(pipeline, "He was arrested at the embassy in DC on Friday."), "DC")
    assert place.country_code == "US"


def test_places_a_name_is_no_evidence_for_its_own_reading(pipeline):
    # Read alone, Alexandria is the Egyptian city; the text's other names put it in Virginia.
    places = places_of(pipeline, "He pleaded guilty in federal court in Alexandria on Thursday. The U.S. "
                                 "District Court for the Eastern District of Virginia will sentence him.")
    assert first(places, "Alexandria").country_code == "US"


def test_places_a_name_the_ner_cut_short_is_read_whole(pipeline):
    places = places_of(pipeline, "State investigators in Nizhny Novgorod say there is no need for a criminal case.")
    assert [p.name for p in places] == ["Nizhniy Novgorod"]


def test_places_the_gulf_states_are_the_persian_gulf(pipeline):
    place = places_of(pipeline, "Migrant workers in the Gulf States are poorly treated.")[0]
    assert place.feature == "region" and place.country_code is None  # not Gulf Province, Papua New Guinea


def test_places_who_did_a_passive_act_is_a_metonym(pipeline):
    places = places_of(pipeline, "Western Sahara was invaded and occupied by Morocco in 1975.")
    assert first(places, "Morocco").role == "metonym"


def test_places_a_name_in_apposition_to_a_noun_for_people_is_a_person(pipeline):
    texts = ["Sheikh had been detained while the appeal by Mr Pearl's parents, Judea and Ruth, was heard.",
             "The activist's sister, Sahara, said by phone that he was taken."]
    for text in texts:
        assert not [p for p in places_of(pipeline, text) if p.text in ("Judea", "Sahara")]
    kept = places_of(pipeline, "A man from Montgomery, Alabama, was charged. Its neighbour, Rwanda, closed the border.")
    assert {"Alabama", "Rwanda"} <= {p.text for p in kept}


def test_places_a_sea_named_after_a_country_is_the_sea(pipeline):
    places = places_of(pipeline, "Pirates kidnapped 12 sailors in the Gulf of Guinea and two more in the Strait of Malacca.")
    assert [(p.name, p.country_code) for p in places] == [("Gulf of Guinea", None), ("Strait of Malacca", None)]


def test_places_an_organisation_truce_lists_or_its_initials_name_no_place(pipeline):
    places = places_of(pipeline, "Hamas authorities in Gaza detained opponents, the Saudi Press Agency (SPA) said. "
                                 "The Taliban denied it.")
    assert not {"Hamas", "SPA", "Taliban"} & {p.text for p in places}
    kept = places_of(pipeline, "Zoran, from Sulaymaniyah in the Kurdistan Region of Iraq (KRI), was detained.")
    assert "KRI" in {p.text for p in kept}  # after a place's name, the initials are the place's


def test_places_a_name_from_truce_s_lists_is_that_place_s_own(pipeline):
    # "Gaza" is the Gaza Strip's name in regions.tsv, as much as the Mozambican province's own
    assert first(places_of(pipeline, "Hamas authorities in Gaza detained opponents."), "Gaza").country_code == "PS"
    place = first(places_of(pipeline, "Protesters were painted as puppets of the West."), "West")
    assert place.feature == "region" and place.country_code is None  # not Cameroon's West Region


def test_places_a_state_abbreviation_counts_only_with_its_period(pipeline):
    assert not [p for p in places_of(pipeline, "Mass graves were found near the river on Monday.") if p.country_code == "US"]
    kentucky = places_of(pipeline, "Police in Louisville, Ky. detained two men on Friday.")
    assert any(p.text == "Ky." and p.name == "Kentucky" for p in kentucky)
