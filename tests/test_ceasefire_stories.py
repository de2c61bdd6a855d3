"""Invented ceasefire stories: 3-5 short wire-style reports over weeks about one ceasefire (or two), with the
history a reader expects, run through the path `truce corpus timelines` takes (each report ingested in order
into a fresh in-memory store, the tracked ceasefires read as `truce query --ceasefires` prints them, and
scored by truce.corpus.timelines.score).

Every report, name and place here is invented for the test (written by an AI helper (Claude) for issue 24's
ninth round, 4 December 2026); none is taken from an article or from a held-out timeline. The countries and
groups are invented or generic, beside two real states (Colombia, South Sudan) with invented groups, so that
the gazetteer's countries are exercised too. Each story varies how the sides are named from report to report
(a coalition and "the internationally recognized government" against a movement, "the rebels" and its other
name; a federal government, its capital and "regional forces"; mediators who announce the truce and are not
sides) and how each step is phrased (in effect, extended or renewed, violated, expired, collapsed, lapsed).
"""
import pytest

from truce.corpus.timelines import score
from truce.inputs import doc_from_json
from truce.store import Store

# Each story: reports (id, published, text) in order, and the expected ceasefires (the corpus timelines'
# format: articles, and steps with status, date, optional `by` and `violated_by`).
STORIES = {
    "coalition-and-movement-truce-extended-twice-then-expired": {
        "reports": [
            ("cm-1", "2024-04-01",
             "AMMAN, April 1 - The United Nations envoy for Meridia, Lars Okonkwo, announced on Monday that the "
             "Khazari-led coalition and the Jabal movement had agreed to a two-month nationwide truce. The truce "
             "will take effect at 7 p.m. on Tuesday, he said."),
            ("cm-2", "2024-04-03",
             "Guns fell silent across Meridia as the truce began on Tuesday evening. The first day of the truce "
             "passed largely calmly, residents of the port city of Sabir said, though the internationally "
             "recognized government reported sporadic gunfire near the front line."),
            ("cm-3", "2024-06-01",
             "The warring parties in Meridia agreed to extend the truce by two months, the UN envoy said on "
             "Saturday. The Jabal movement, also known as Ansar al-Jabal, said it accepted the extension."),
            ("cm-4", "2024-08-01",
             "The UN envoy announced on Thursday that the truce between the internationally recognized government "
             "of Meridia and the rebels had been renewed for a further two months."),
            ("cm-5", "2024-10-03",
             "The truce in Meridia, extended twice since April, expired on Wednesday without renewal, and "
             "fighting resumed near Sabir, residents said."),
        ],
        "ceasefires": [{"articles": ["cm-1", "cm-2", "cm-3", "cm-4", "cm-5"], "steps": [
            {"status": "declared", "date": "2024-04-01"},
            {"status": "in_effect", "date": "2024-04-02"},
            {"status": "extended", "date": "2024-06-01"},
            {"status": "extended", "date": "2024-08-01"},
            {"status": "ended", "date": "2024-10-02"},
        ]}],
    },
    "federal-government-and-regional-forces-truce-then-a-new-cessation": {
        "reports": [
            ("fr-1", "2024-03-10",
             "The federal government of Tarsana declared an indefinite humanitarian truce on Sunday, effective "
             "immediately, to allow aid into the northern region. Velmar said the truce would last as long as the "
             "Northern Liberation Front refrained from attacks."),
            ("fr-2", "2024-03-20",
             "Regional forces in northern Tarsana accused federal troops of violating the truce on Tuesday, saying "
             "drones struck a market in the town of Odra."),
            ("fr-3", "2024-05-02",
             "Despite the truce, shelling killed 12 civilians in Odra on Wednesday, the rebels' leaders said, "
             "blaming the federal army."),
            ("fr-4", "2024-06-15",
             "The humanitarian truce in northern Tarsana collapsed on Saturday as renewed hostilities broke out "
             "around Odra, aid workers said."),
            ("fr-5", "2024-09-02",
             "Tarsana's federal government and the Northern Liberation Front signed a permanent cessation of "
             "hostilities on Monday in talks led by the African Union, the bloc's envoy announced."),
        ],
        "ceasefires": [
            {"articles": ["fr-1", "fr-2", "fr-3", "fr-4"], "steps": [
                {"status": "declared", "date": "2024-03-10"},
                {"status": "in_effect", "date": "2024-03-10"},
                {"status": "violated", "date": "2024-03-19", "violated_by": ["federal"]},
                {"status": "violated", "date": "2024-05-01", "violated_by": []},
                {"status": "ended", "date": "2024-06-15"},
            ]},
            {"articles": ["fr-5"], "steps": [{"status": "declared", "date": "2024-09-02"}]},
        ],
    },
    "two-states-border-ceasefire-extended-and-collapsed": {
        "reports": [
            ("bs-1", "2024-07-05",
             "Korvia and Ostrand agreed on Friday to a 30-day ceasefire along their disputed border, in talks "
             "hosted by the neighbouring Republic of Lenz."),
            ("bs-2", "2024-07-07",
             "The ceasefire between Korvia and Ostrand came into force on Saturday, and the border was quiet "
             "overnight, officials in both capitals said."),
            ("bs-3", "2024-07-15",
             "Korvia accused Ostrand on Monday of breaching the ceasefire, saying Ostrand's artillery shelled two "
             "border villages overnight. Ostrand denied the charge."),
            ("bs-4", "2024-08-03",
             "Korvia and Ostrand agreed on Saturday to a further extension of their ceasefire by 30 days, the "
             "Lenz foreign ministry said."),
            ("bs-5", "2024-08-30",
             "The border ceasefire between Korvia and Ostrand collapsed on Friday as fighting resumed around the "
             "town of Brel."),
        ],
        "ceasefires": [{"articles": ["bs-1", "bs-2", "bs-3", "bs-4", "bs-5"], "steps": [
            {"status": "declared", "date": "2024-07-05"},
            {"status": "in_effect", "date": "2024-07-06"},
            {"status": "violated", "date": "2024-07-15", "violated_by": ["Ostrand"]},
            {"status": "extended", "date": "2024-08-03"},
            {"status": "ended", "date": "2024-08-30"},
        ]}],
    },
    "government-and-guerrilla-truce-expired-without-renewal": {
        "reports": [
            ("gg-1", "2024-01-12",
             "Colombia's government and the People's Mountain Army signed a six-month bilateral ceasefire in "
             "Havana on Friday, with Norway and Cuba acting as guarantors."),
            ("gg-2", "2024-01-16",
             "The bilateral ceasefire between Colombian forces and the People's Mountain Army came into force at "
             "midnight on Monday, the defence ministry said."),
            ("gg-3", "2024-03-05",
             "The defence ministry in Bogota accused the guerrillas of repeated breaches of the truce, saying "
             "fighters attacked a police post in Cauca on Sunday."),
            ("gg-4", "2024-07-15",
             "The six-month truce between the Colombian government and the People's Mountain Army expired on "
             "Sunday without renewal, and the army resumed operations against the group."),
        ],
        "ceasefires": [{"articles": ["gg-1", "gg-2", "gg-3", "gg-4"], "steps": [
            {"status": "declared", "date": "2024-01-12"},
            {"status": "in_effect", "date": "2024-01-15"},
            {"status": "violated", "date": "2024-03-04", "violated_by": ["guerrilla"]},
            {"status": "ended", "date": "2024-07-14"},
        ]}],
    },
    "army-and-movement-truce-renewed-by-envoy-then-lapsed": {
        "reports": [
            ("am-1", "2024-05-04",
             "South Sudan's army and the Equatoria Freedom Movement agreed to a truce in talks mediated by the "
             "regional bloc IGAD, the bloc announced on Saturday. The truce took effect at midnight."),
            ("am-2", "2024-06-03",
             "IGAD's envoy announced on Monday that the truce between the government in Juba and the rebels had "
             "been renewed for three months."),
            ("am-3", "2024-07-20",
             "Despite the ceasefire, shelling killed seven civilians near Yei on Friday, residents said. The "
             "truce, extended in June, has been repeatedly violated by government troops, the Equatoria Freedom "
             "Movement said."),
            ("am-4", "2024-09-10",
             "Fighting resumed in Central Equatoria after the truce lapsed, a spokesman for the rebels said on "
             "Tuesday."),
        ],
        "ceasefires": [{"articles": ["am-1", "am-2", "am-3", "am-4"], "steps": [
            {"status": "declared", "date": "2024-05-04"},
            {"status": "in_effect", "date": "2024-05-05"},
            {"status": "extended", "date": "2024-06-03"},
            {"status": "violated", "date": "2024-07-19", "violated_by": ["government"]},
            {"status": "ended", "date": "2024-09-10"},
        ]}],
    },
}


def tracked_after(pipeline, reports) -> list[dict]:
    """Ingest the reports in order into a fresh in-memory store; its tracked ceasefires."""
    with Store(":memory:") as store:
        for report_id, published, text in reports:
            doc = doc_from_json({"id": report_id, "text": text, "published": published}, max_bytes=10_000_000)
            for record in pipeline.analyze([doc]):
                store.ingest(record)
        return store.ceasefires()


def story_result(pipeline, name) -> dict:
    story = STORIES[name]
    return score({"id": name, "ceasefires": story["ceasefires"]}, tracked_after(pipeline, story["reports"]))


# Stories the tracker does not yet hold (each its general cause: corpus/timelines/README.md, ninth round).
NOT_YET = {"coalition-and-movement-truce-extended-twice-then-expired",
           "federal-government-and-regional-forces-truce-then-a-new-cessation"}


@pytest.mark.parametrize("name", [pytest.param(n, marks=pytest.mark.xfail(strict=True)) if n in NOT_YET else n
                                  for n in sorted(STORIES)])
def test_an_invented_story_is_one_record_per_ceasefire_with_every_step_in_order(pipeline, name):
    result = story_result(pipeline, name)
    assert result["ok"], result
