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
