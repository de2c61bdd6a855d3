"""Exports of stored events: CSV with ACLED-like columns, Parquet, GeoJSON, and the records as JSON Lines.

Every format streams: rows come from the store in batches and leave as they come, so a million events
take the memory of one batch. Filters are the store's EventFilter.
"""
from __future__ import annotations

import csv
import json
import logging
from typing import IO

from .store import EventFilter, Store
from .store.acled import acled_type

logger = logging.getLogger(__name__)
FORMATS = ("csv", "parquet", "geojson", "json")

# Every row is dated, as in ACLED: the event's day; the first day of its month or year; else the day
# its article was published (an undated event is reported as recent); else the day it was stored.
EVENT_DATE = ("COALESCE(event_date, CAST(CASE length(date_value) WHEN 7 THEN date_value || '-01' "
              "WHEN 4 THEN date_value || '-01-01' END AS DATE), published, CAST(ingested_at AS DATE))")
# ACLED's time_precision: 1 the day is known, 2 within a week (a week's date, or the report's day), 3 a month or more.
TIME_PRECISION = ("CASE WHEN date_value IS NOT NULL THEN (CASE date_precision WHEN 'day' THEN 1 WHEN 'week' THEN 2 "
                  "ELSE 3 END) WHEN published IS NOT NULL THEN 2 ELSE 3 END")
# ACLED's interaction: the two actor codes, the lower first, a missing second actor (0) last ("10").
INTERACTION = ("CASE WHEN inter1 IS NULL OR inter2 IS NULL THEN NULL WHEN inter2 = 0 THEN inter1 * 10 "
               "WHEN inter1 = 0 THEN inter2 * 10 WHEN inter1 <= inter2 THEN inter1 * 10 + inter2 "
               "ELSE inter2 * 10 + inter1 END")

# (column, SQL over events joined with their article, Parquet type). ACLED's names where ACLED has one.
COLUMNS = [
    ("event_id_cnty", "uid", "string"),
    ("event_date", EVENT_DATE, "date32"),
    ("year", f"CAST(EXTRACT(year FROM {EVENT_DATE}) AS INTEGER)", "int32"),
    ("time_precision", TIME_PRECISION, "int32"),
    ("date_text", "date_value", "string"),
    ("event_type", "acled_event_type", "string"),          # completed by acled.acled_type (see _acled_rows)
    ("sub_event_type", "acled_sub_event_type", "string"),
    ("actor1", "main_actor", "string"),
    ("assoc_actor_1", "assoc_actors", "string"),
    ("inter1", "inter1", "int32"),
    ("actor2", "main_recipient", "string"),
    ("assoc_actor_2", "assoc_recipients", "string"),
    ("inter2", "inter2", "int32"),
    ("interaction", INTERACTION, "int32"),
    ("country", "country", "string"),
    ("iso3", "iso3", "string"),
    ("admin1", "admin1", "string"),
    ("admin2", "admin2", "string"),
    ("location", "location_name", "string"),
    ("latitude", "lat", "float64"),
    ("longitude", "lon", "float64"),
    ("geo_precision", "CASE location_precision WHEN 'exact' THEN 1 WHEN 'near' THEN 1 WHEN 'city' THEN 1 "
                      "WHEN 'admin1' THEN 2 WHEN 'country' THEN 3 END", "int32"),
    ("source", "source_name", "string"),
    ("source_url", "source_url", "string"),
    ("notes", "regexp_replace(evidence, '\\s+', ' ', 'g')", "string"),  # one line: the sentence's breaks become spaces
    ("fatalities", "COALESCE(fatalities, 0)", "int32"),
    ("plover_event_type", "event_type", "string"),
    ("plover_mode", "mode", "string"),
    ("classifier_event_type", "acled_event_type", "string"),  # the classifier's own, blank or "Other" included
    ("classifier_sub_event_type", "acled_sub_event_type", "string"),
    ("factuality", "factuality", "string"),
    ("confidence", "confidence", "float64"),
    ("trigger", "trigger_text", "string"),
    ("incident_id", "incident_id", "string"),
    ("article_id", "article_id", "string"),
    ("article_title", "title", "string"),
]
SELECT = ", ".join(f"{sql} AS {name}" for name, sql, _ in COLUMNS)


def export(store: Store, fmt: str, out: IO, filters: EventFilter | None = None) -> dict:
    """Write the events (or, for json, the records of the articles they come from) to `out`.
    `out` is a text stream, or a binary one for parquet. Returns counts for the log."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown export format {fmt!r}; choose one of {', '.join(FORMATS)}")
    return {"csv": _csv, "parquet": _parquet, "geojson": _geojson, "json": _records}[fmt](store, out, filters)


def _batches(store: Store, filters):
    for names, rows in store.stream_events(filters, columns=SELECT, joined=True):
        yield names, _acled_rows(names, rows)


def _acled_rows(names: list[str], rows: list[tuple]) -> list[tuple]:
    """Rows with an ACLED event type wherever ACLED has one: the classifier's, else one from the PLOVER type."""
    at = {name: names.index(name) for name in ("event_type", "sub_event_type", "plover_event_type", "inter2")}
    out = []
    for row in rows:
        given = row[at["event_type"]], row[at["sub_event_type"]]
        typed = acled_type(row[at["plover_event_type"]], *given, row[at["inter2"]])
        if typed != given:  # most rows keep the classifier's type: copied only when it changes
            row = list(row)
            row[at["event_type"]], row[at["sub_event_type"]] = typed
            row = tuple(row)
        out.append(row)
    return out


def _csv(store: Store, out: IO, filters) -> dict:
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([name for name, _, _ in COLUMNS])
    written = 0
    for _, rows in _batches(store, filters):
        writer.writerows(rows)
        written += len(rows)
    return {"events": written}


def _parquet(store: Store, out: IO, filters) -> dict:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([(name, getattr(pa, kind)()) for name, _, kind in COLUMNS])
    written = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for _, rows in _batches(store, filters):
            columns = list(zip(*rows))
            writer.write_batch(pa.record_batch([pa.array(c, type=f.type) for c, f in zip(columns, schema)], schema=schema))
            written += len(rows)
    return {"events": written}


def _geojson(store: Store, out: IO, filters) -> dict:
    """A FeatureCollection of Points (RFC 7946: longitude first); events without coordinates are left
    out and counted, since a feature without a geometry is useless on a map."""
    out.write('{"type": "FeatureCollection", "features": [\n')
    written = skipped = 0
    for names, rows in _batches(store, filters):
        for row in rows:
            props = dict(zip(names, row))
            lat, lon = props.pop("latitude"), props.pop("longitude")
            if lat is None or lon is None:
                skipped += 1
                continue
            props["event_date"] = props["event_date"].isoformat() if props["event_date"] else None
            feature = {"type": "Feature", "id": props["event_id_cnty"],
                       "geometry": {"type": "Point", "coordinates": [lon, lat]}, "properties": props}
            out.write((",\n" if written else "") + json.dumps(feature, ensure_ascii=False))
            written += 1
    out.write("\n]}\n")
    if skipped:
        logger.warning("geojson: %d event(s) without coordinates left out", skipped)
    return {"events": written, "without_coordinates": skipped}


def _records(store: Store, out: IO, filters) -> dict:
    """The article records (JSON Lines) of every article with a matching event; all articles when unfiltered."""
    where, params = store.where(filters)
    sql = "SELECT record FROM articles"
    if where:
        sql += f" WHERE id IN (SELECT article_id FROM events {where})"
    written = 0
    for _, rows in store.db.stream(f"{sql} ORDER BY published NULLS LAST, id", params):
        for (text,) in rows:
            out.write(text + "\n")
            written += 1
    return {"records": written}
