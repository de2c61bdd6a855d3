"""Exports read back in the tools analysts use: Parquet in DuckDB and pyarrow, GeoJSON as RFC 7946
Points, CSV with ACLED's column names, and the records as JSON Lines."""
import csv
import io
import json

import duckdb
import jsonschema
import pyarrow.parquet as pq
import pytest

from truce.export import COLUMNS, export
from truce.store import EventFilter, Store


@pytest.fixture(scope="module")
def store(sample_records, ceasefire_records, tmp_path_factory):
    with Store(str(tmp_path_factory.mktemp("export") / "export.duckdb")) as store:
        for record in sample_records + ceasefire_records:
            store.ingest(record)
        yield store


def test_parquet_reads_back_in_duckdb_with_the_same_event_count(store, tmp_path):
    path = tmp_path / "events.parquet"
    with path.open("wb") as out:
        counts = export(store, "parquet", out)
    assert counts["events"] == store.count_events() > 0
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == store.count_events()
    table = pq.read_table(path)
    assert table.column_names == [name for name, _, _ in COLUMNS]
    assert str(table.schema.field("event_date").type) == "date32[day]"


def test_geojson_features_all_have_a_point_geometry(store):
    out = io.StringIO()
    counts = export(store, "geojson", out)
    collection = json.loads(out.getvalue())
    assert collection["type"] == "FeatureCollection"
    assert len(collection["features"]) == counts["events"]
    assert counts["events"] + counts["without_coordinates"] == store.count_events()
    for feature in collection["features"]:
        lon, lat = feature["geometry"]["coordinates"]
        assert feature["geometry"]["type"] == "Point" and -180 <= lon <= 180 and -90 <= lat <= 90
        assert feature["properties"]["event_id_cnty"] == feature["id"]


def test_csv_has_acled_columns_and_one_row_per_event(store):
    out = io.StringIO()
    export(store, "csv", out, EventFilter(country="IRQ"))
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    for column in ("event_id_cnty", "event_date", "event_type", "sub_event_type", "actor1", "actor2", "country",
                   "location", "latitude", "longitude", "geo_precision", "source", "notes"):
        assert column in rows[0]
    assert len(rows) == store.count_events(EventFilter(country="IRQ"))
    assert {r["iso3"] for r in rows} == {"IRQ"}


def test_json_export_is_the_records(store, record_schema):
    out = io.StringIO()
    counts = export(store, "json", out, EventFilter(types=["RETREAT"]))
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    assert len(records) == counts["records"] > 0
    for record in records:
        jsonschema.validate(record, record_schema)
        assert any(e["event_type"] == "RETREAT" for e in record["events"])


def test_cli_export_to_a_file(run_cli, store, tmp_path):
    path = tmp_path / "assaults.parquet"
    result = run_cli("export", "--db", store.db.path, "--format", "parquet", "-o", str(path), "--type", "ASSAULT")
    assert result.exit_code == 0, result.output
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == store.count_events(EventFilter(types=["ASSAULT"]))


# -- the ACLED columns, on one invented article whose every field is known ------------------------------------

ACLED_EVENT_TYPES = {"Battles", "Violence against civilians", "Explosions/Remote violence", "Protests", "Riots",
                     "Strategic developments"}
DESK_TEXT = ("The Northern Unity Movement and its allies attacked an army post near Kidal,\nkilling three soldiers. "
             "French troops fired on villagers; 12 people were wounded. Students marched in Kowloon. "
             "The movement threatened to kill 20 hostages. Crowds protested across Hong Kong.")


def span(text: str) -> dict:
    start = DESK_TEXT.index(text)
    return {"start": start, "end": start + len(text), "text": text}


def desk_record():
    """Five events: a rebel attack on the army (3 killed, the sentence broken by a line break), foreign
    troops firing on villagers (wounded, undated), a protest in a district of Hong Kong (a month's date,
    the classifier's "Other"), a threat to kill (no one killed), and a protest across Hong Kong (filed,
    as by the events stage, under China at country precision)."""
    from truce.record import Record

    kidal = {**span("Kidal"), "name": "Kidal", "country_code": "ML", "admin1": "Kidal", "feature": "city", "lat": 18.44, "lon": 1.41}
    hong_kong = {**span("Hong Kong"), "name": "Hong Kong", "country_code": "HK", "feature": "country", "lat": 22.28,
                 "lon": 114.17}
    kowloon = {**span("Kowloon"), "name": "Kowloon", "country_code": "HK", "admin1": "Kowloon City", "feature": "city",
               "lat": 22.32, "lon": 114.18}
    event = lambda eid, kind, sentence, trigger, **more: {  # noqa: E731
        "id": eid, "event_type": kind, "factuality": "asserted", "evidence": span(sentence), "trigger": span(trigger),
        "confidence": 0.8, **more}
    return Record.model_validate({
        "id": "desk-1", "published": "2024-05-10", "source": {"name": "The Desk Ledger"}, "text": DESK_TEXT,
        "actors": [{"id": "a1", "name": "Northern Unity Movement", "kind": "group", "sector": "REB"},
                   {"id": "a2", "name": "its allies", "kind": "group"},
                   {"id": "a3", "name": "army", "kind": "organization", "sector": "MIL", "country": "MLI"},
                   {"id": "a4", "name": "French troops", "kind": "group", "sector": "MIL", "country": "FRA"},
                   {"id": "a5", "name": "villagers", "kind": "group", "sector": "CVL"},
                   {"id": "a6", "name": "Students", "kind": "group", "sector": "EDU"}],
        "places": [kidal, kowloon, hong_kong],
        "events": [
            event("e1", "ASSAULT", "The Northern Unity Movement and its allies attacked an army post near Kidal,\n"
                  "killing three soldiers.", "attacked", actors=["a1", "a2"], recipients=["a3"],
                  date={"value": "2024-05-09", "precision": "day"},
                  location={"place": 0, "name": "Kidal", "country_code": "ML", "lat": 18.44, "lon": 1.41, "precision": "city"},
                  quantities=[{"value": 3, "unit": "soldier", "text": "three soldiers"}]),
            event("e2", "ASSAULT", "French troops fired on villagers; 12 people were wounded.", "fired",
                  actors=["a4"], recipients=["a5"],
                  location={"place": 0, "name": "Kidal", "country_code": "ML", "lat": 18.44, "lon": 1.41, "precision": "city"},
                  quantities=[{"value": 12, "unit": "people", "text": "12 people"}]),
            event("e3", "PROTEST", "Students marched in Kowloon.", "marched", actors=["a6"],
                  acled={"event_type": "Other", "sub_event_type": "Diplomatic event"},
                  date={"value": "2024-05", "precision": "month"},
                  location={"place": 1, "name": "Kowloon", "country_code": "CN", "lat": 22.32, "lon": 114.18,
                            "precision": "city"}),
            event("e4", "THREATEN", "The movement threatened to kill 20 hostages.", "threatened", actors=["a1"],
                  quantities=[{"value": 20, "unit": "hostage", "text": "20 hostages"}]),
            event("e5", "PROTEST", "Crowds protested across Hong Kong.", "protested",
                  location={"place": 2, "name": "Hong Kong", "country_code": "CN", "lat": 22.28, "lon": 114.17,
                            "precision": "country"}),
        ]})


@pytest.fixture(scope="module")
def desk_db(tmp_path_factory):
    db = str(tmp_path_factory.mktemp("desk") / "desk.duckdb")
    with Store(db) as store:
        store.ingest(desk_record())
    return db


def exported_rows(db, fmt="csv", filters=None):
    with Store(db) as store:
        if fmt == "csv":
            out = io.StringIO()
            export(store, "csv", out, filters)
            return {r["event_id_cnty"].split(":")[1]: r for r in csv.DictReader(io.StringIO(out.getvalue()))}
        out = io.BytesIO()
        export(store, "parquet", out, filters)
        return {r["event_id_cnty"].split(":")[1]: r for r in pq.read_table(io.BytesIO(out.getvalue())).to_pylist()}


@pytest.mark.parametrize("column, expected", [
    ("fatalities", {"e1": 3, "e2": 0, "e3": 0, "e4": 0}),
    ("inter1", {"e1": 2, "e2": 8, "e3": 6, "e4": 2}),
    ("inter2", {"e1": 1, "e2": 7, "e3": 0, "e4": 0}),
    ("interaction", {"e1": 12, "e2": 78, "e3": 60, "e4": 20}),
    ("actor1", {"e1": "Northern Unity Movement", "e2": "French troops", "e3": "Students", "e4": "Northern Unity Movement"}),
    ("assoc_actor_1", {"e1": "its allies", "e2": None, "e3": None, "e4": None}),
    ("actor2", {"e1": "army", "e2": "villagers", "e3": None, "e4": None}),
    ("admin1", {"e1": "Kidal", "e2": "Kidal", "e3": "Hong Kong", "e4": None, "e5": "Hong Kong"}),
    ("admin2", {"e1": None, "e2": None, "e3": "Kowloon City", "e4": None, "e5": None}),
    ("country", {"e1": "Mali", "e3": "China", "e4": None, "e5": "China"}),
    ("event_type", {"e1": "Battles", "e2": "Violence against civilians", "e3": "Protests", "e4": "Strategic developments"}),
    ("sub_event_type", {"e1": "Armed clash", "e2": "Attack", "e3": "Peaceful protest", "e4": "Other"}),
    ("classifier_event_type", {"e1": None, "e2": None, "e3": "Other", "e4": None}),
    ("time_precision", {"e1": 1, "e2": 2, "e3": 3, "e4": 2}),
    ("event_date", {"e1": "2024-05-09", "e2": "2024-05-10", "e3": "2024-05-01", "e4": "2024-05-10"}),
])
def test_parquet_has_acleds_fields(desk_db, column, expected):
    rows = exported_rows(desk_db, "parquet")
    found = {eid: rows[eid][column] for eid in expected}
    if column == "event_date":
        found = {eid: value.isoformat() for eid, value in found.items()}
    assert found == expected


def test_csv_notes_stay_on_one_line_and_every_row_is_dated_and_typed(desk_db, store):
    rows = exported_rows(desk_db)
    assert rows["e1"]["notes"] == "The Northern Unity Movement and its allies attacked an army post near Kidal, killing three soldiers."
    for db_rows in (rows, exported_rows(store.db.path)):
        for row in db_rows.values():
            assert "\n" not in row["notes"] and row["notes"].strip()
            assert row["event_type"] in ACLED_EVENT_TYPES and row["sub_event_type"]
            assert row["event_date"] and row["time_precision"] in ("1", "2", "3")
            assert row["year"] == row["event_date"][:4]
            assert row["fatalities"].isdigit()


def test_cli_country_filter_finds_a_territory_filed_under_its_sovereign(run_cli, desk_db):
    result = run_cli("query", "--db", desk_db, "--country", "Hong Kong")
    assert result.exit_code == 0, result.output
    assert sorted(json.loads(line)["event_id"] for line in result.stdout.splitlines()) == ["e3", "e5"]
    assert set(exported_rows(desk_db, filters=EventFilter(country="China"))) == {"e3", "e5"}
    assert set(exported_rows(desk_db, filters=EventFilter(country="Mali"))) == {"e1", "e2"}
