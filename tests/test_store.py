"""The store keeps each article once, whatever the backend: DuckDB (embedded) and PostgreSQL (a real
server started for the session) run the same tests."""
import json

import pytest

from truce.store import SCHEMA_VERSION, EventFilter, Store, StoreError, ingest_all
from truce.record import ErrorLine


@pytest.fixture
def store(store_url):
    with Store(store_url) as store:
        yield store


@pytest.fixture
def seed(sample_records):
    return next(r for r in sample_records if "Resistance" in (r.title or ""))


def test_a_new_store_is_at_the_current_schema_version(store_url):
    with Store(store_url) as store:
        assert store.version == SCHEMA_VERSION
    with Store(store_url) as again:  # opening again migrates nothing
        assert again.db.execute("SELECT version FROM schema_version ORDER BY version") == \
            [(n,) for n in range(1, SCHEMA_VERSION + 1)]


def test_a_store_from_a_newer_truce_is_refused(store_url):
    with Store(store_url) as store:
        store.db.execute("INSERT INTO schema_version (version) VALUES (?)", (SCHEMA_VERSION + 1,))
    with pytest.raises(StoreError, match="schema version"):
        Store(store_url)


def test_the_same_article_ingested_twice_is_stored_once(store, seed):
    first = store.ingest(seed)
    second = store.ingest(seed)
    assert first["replaced"] == [] and second["replaced"] == [seed.id]
    assert store.count_articles() == 1
    assert store.count_events() == len(seed.events)
    assert store.article(seed.id) == seed.model_dump(mode="json")


def test_the_same_text_under_another_id_replaces_the_first(store, seed):
    store.ingest(seed)
    renamed = seed.model_copy(update={"id": "seed-again"})
    assert store.ingest(renamed)["replaced"] == [seed.id]
    assert store.count_articles() == 1
    assert store.article(seed.id) is None and store.article("seed-again")["id"] == "seed-again"


def test_a_reanalysis_replaces_the_events(store, seed):
    store.ingest(seed)
    store.ingest(seed.model_copy(update={"events": seed.events[:2], "ceasefires": []}))
    assert [e["event_id"] for e in store.events(EventFilter(article_id=seed.id), limit=10)] != []
    assert store.count_events() == 2
    assert store.ceasefires() == []


def test_filters_narrow_the_events(store, sample_records):
    for record in sample_records:
        store.ingest(record)
    total = store.count_events()
    assaults = store.events(EventFilter(types=["ASSAULT"]), limit=1000)
    assert 0 < len(assaults) < total and {e["event_type"] for e in assaults} == {"ASSAULT"}
    iraq = store.events(EventFilter(country="IRQ"), limit=1000)
    assert iraq and {e["iso3"] for e in iraq} == {"IRQ"}
    assert store.count_events(EventFilter(country="IQ")) == len(iraq)
    dated = store.events(EventFilter(since=__import__("datetime").date(2000, 1, 1)), limit=1000)
    assert all(e["event_date"] is not None for e in dated)


def test_text_with_sql_in_it_is_stored_as_text(store, seed):
    hostile = seed.model_copy(update={"id": "x'); DROP TABLE events; --", "title": "O'Brien \"quoted\" ? %s"})
    store.ingest(hostile)
    assert store.article(hostile.id)["title"] == hostile.title
    assert store.count_events(EventFilter(actor="'; DROP")) == 0
    assert store.count_events() == len(seed.events)


def test_a_batch_passes_error_lines_through_and_goes_on(store, seed):
    out = list(ingest_all(store, [ErrorLine(id="bad", error="not valid JSON"), seed]))
    assert out[0] == {"id": "bad", "error": "not valid JSON"} and out[1]["id"] == seed.id


def test_cli_ingest_and_query(run_cli, tmp_path):
    db = str(tmp_path / "cli.duckdb")
    line = '{"id": "k1", "published": "2024-05-10", "text": "The Northern Unity Movement attacked an army post near Kidal on Thursday."}\n'
    for args in (["--jsonl", "-"], ["-"]):  # the second time under another spelling of standard input
        result = run_cli("ingest", *args, "--db", db, input=line)
        assert result.exit_code == 0, result.output
    with Store(db) as store:
        assert store.count_articles() == 1
    result = run_cli("query", "--db", db, "--type", "ASSAULT")
    assert '"article_id": "k1"' in result.output


def test_exports_stream_from_either_backend(store, sample_records, tmp_path):
    import duckdb

    from truce.export import export

    for record in sample_records:
        store.ingest(record)
    path = tmp_path / "events.parquet"
    with path.open("wb") as out:
        assert export(store, "parquet", out)["events"] == store.count_events() > 0
    assert duckdb.sql(f"SELECT count(*) FROM '{path}'").fetchall()[0][0] == store.count_events()


def test_records_that_cannot_be_stored_become_error_lines():
    # Found while fuzzing: a lone surrogate in a record ("\ud800" in its JSON) ended `truce ingest --records`
    # with a traceback at the first write; now that line is an error and the batch goes on.
    import io

    from truce.store.ingest import records_from_jsonl

    lines = b'{"id": "s1", "text": "Troops \\ud800 left."}\n{"id": "ok", "text": "Fine."}\n[1]\n7\n{"id": "e", "error": "x", "more": 1}\n'
    lines += b'{"id": {"not": "a string"}, "text": 5}\n{"id": 7, "text": "Seven."}\n'  # the first ended the batch too
    out = list(records_from_jsonl(io.BytesIO(lines)))
    assert [type(o).__name__ for o in out] == ["ErrorLine", "Record", "ErrorLine", "ErrorLine", "ErrorLine", "ErrorLine",
                                               "ErrorLine"]
    assert out[5].id is None and out[6].id == "7"
    assert out[0].id == "s1" and "surrogates not allowed" in out[0].error


def test_a_duckdb_file_held_by_another_process_is_waited_for_then_refused_clearly(tmp_path):
    import subprocess
    import sys
    import time

    from truce.store import StoreBusy

    db = str(tmp_path / "held.duckdb")
    holder = subprocess.Popen([sys.executable, "-c", "import duckdb, sys, time\n"
                               f"c = duckdb.connect({db!r}); print('held', flush=True); time.sleep(float(sys.argv[1]))",
                               "1.5"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(StoreBusy, match="held by another process .PID"):
            Store(db, wait=0.2)
        started = time.monotonic()
        with Store(db, wait=20) as store:  # the holder lets go after 1.5 s: the wait gets through
            assert store.count_articles() == 0
        assert time.monotonic() - started < 20
    finally:
        holder.kill()
        holder.wait()


# -- countries by any common name, and the CLI's listing ---------------------------------------------------------

PLACES = {"MM": "Mandalay", "GB": "Belfast", "PS": "Hebron", "HK": "Kowloon", "CI": "Bouaké", "IQ": "Mosul"}
STORED_UNDER = {"HK": "CN"}  # as the events stage files it (and ACLED): Hong Kong is China's admin1


def relocated(seed, iso2: str, events: int):
    """The seed article's first events, moved to a town of another country (a dateline added to the
    text, so stored apart, and to its places)."""
    from truce.record import Location, Place

    text = seed.text + f"\nDateline: {PLACES[iso2]}."
    start = text.rindex(PLACES[iso2])
    place = Place(start=start, end=start + len(PLACES[iso2]), text=PLACES[iso2], name=PLACES[iso2], country_code=iso2,
                  feature="city")
    location = Location(place=len(seed.places), name=PLACES[iso2], country_code=STORED_UNDER.get(iso2, iso2),
                        precision="city")
    moved = [e.model_copy(update={"id": f"e{n}", "location": location}) for n, e in enumerate(seed.events[:events])]
    return seed.model_copy(update={"id": f"in-{iso2}", "text": text, "places": [*seed.places, place],
                                   "events": moved, "ceasefires": []})


@pytest.fixture
def world_db(tmp_path, seed):
    db = str(tmp_path / "world.duckdb")
    with Store(db) as store:
        for n, iso2 in enumerate(PLACES, start=1):
            store.ingest(relocated(seed, iso2, n))
    return db


@pytest.mark.parametrize("name, iso2", [
    ("Burma", "MM"), ("Myanmar", "MM"), ("MMR", "MM"), ("UK", "GB"), ("Britain", "GB"), ("gbr", "GB"),
    ("Palestine", "PS"), ("PSE", "PS"), ("Hong Kong", "HK"), ("HK", "HK"), ("Ivory Coast", "CI"),
    ("Côte d'Ivoire", "CI"), ("Iraq", "IQ"), ("IRQ", "IQ"),
])
def test_cli_query_country_by_any_common_name(run_cli, world_db, name, iso2):
    result = run_cli("query", "--db", world_db, "--country", name, "--limit", "100")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == list(PLACES).index(iso2) + 1
    assert {r["country_code"] for r in rows} == {STORED_UNDER.get(iso2, iso2)}


@pytest.mark.parametrize("name, message", [
    ("Atlantis", "no country is called 'Atlantis'"),
    ("Congo", "may mean Democratic Republic of the Congo (CD), Republic of the Congo (CG)"),
])
def test_cli_unknown_country_is_an_error_not_an_empty_answer(run_cli, world_db, tmp_path, name, message):
    result = run_cli("query", "--db", world_db, "--country", name)
    assert result.exit_code != 0 and message in result.stderr and result.stdout == ""
    out = tmp_path / "nothing.csv"
    result = run_cli("export", "--db", world_db, "--format", "csv", "--country", name, "-o", str(out))
    assert result.exit_code != 0 and message in result.stderr and not out.exists()


def test_cli_query_countries_lists_the_stores_countries_with_counts(run_cli, world_db):
    result = run_cli("query", "--db", world_db, "--countries")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert {r["iso2"]: r["events"] for r in rows} == {STORED_UNDER.get(iso2, iso2): n for n, iso2 in enumerate(PLACES, start=1)}
    assert [r["events"] for r in rows] == sorted((r["events"] for r in rows), reverse=True)
    assert {r["iso3"] for r in rows} == {"MMR", "GBR", "PSE", "CHN", "CIV", "IRQ"}


def test_cli_ingest_draws_a_progress_bar_when_asked(run_cli, tmp_path, seed):
    records = tmp_path / "records.jsonl"
    records.write_text(relocated(seed, "GB", 1).model_dump_json() + "\n" + relocated(seed, "HK", 1).model_dump_json() + "\n")
    db = str(tmp_path / "progress.duckdb")
    shown = run_cli("ingest", "--records", str(records), "--db", db, "--progress")
    hidden = run_cli("ingest", "--records", str(records), "--db", db, "--no-progress")
    assert shown.exit_code == hidden.exit_code == 0
    assert "2doc" in shown.stderr.replace(" ", "") and "doc" not in hidden.stderr
    assert shown.stdout.count('"id"') == hidden.stdout.count('"id"') == 2


DESK_COLUMNS = "SELECT event_id, review_key, acled_type, acled_sub_type FROM events ORDER BY event_id"


def test_a_version_1_store_gets_the_acled_fields_of_its_events_when_opened(store_url, seed, monkeypatch, tmp_path):
    from truce.store import schema
    from truce.store.backends import connect
    from truce.store.ingest import article_row, event_row

    with monkeypatch.context() as old_truce:  # the store as truce wrote it at schema version 1
        old_truce.setattr(schema, "MIGRATIONS", schema.MIGRATIONS[:1])
        old_truce.setattr(schema, "SCHEMA_VERSION", 1)
        db = connect(store_url)
        assert schema.migrate(db) == 1
        version_1 = set(db.columns("SELECT * FROM events LIMIT 0")[0])
        db.execute("INSERT INTO articles (id, content_hash, title, published, source_name, source_url, text, record, "
                   "ingested_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", article_row(seed))
        with Store(":memory:") as names:
            for rank, event in enumerate(seed.events):
                row = {k: v for k, v in event_row(seed, rank, event, names.countries.names).items()
                       if k in version_1 and k not in schema.ACLED_COLUMNS}
                row["incident_id"] = row["uid"]
                db.execute(f"INSERT INTO events ({', '.join(row)}) VALUES ({', '.join('?' for _ in row)})", list(row.values()))
        db.close()
    columns = f"SELECT event_id, {', '.join(schema.ACLED_COLUMNS)} FROM events ORDER BY event_id"
    with Store(store_url) as migrated:
        assert migrated.version == SCHEMA_VERSION
        backfilled = migrated.db.execute(columns)
        desk = migrated.db.execute(DESK_COLUMNS)  # migration 3: review keys and the ACLED type shown
    with Store(str(tmp_path / "fresh.duckdb")) as fresh:
        fresh.ingest(seed)
        assert backfilled == fresh.db.execute(columns)
        assert desk == fresh.db.execute(DESK_COLUMNS) and all(row[1] and row[2] for row in desk)
    assert any(row[1:] != (0,) + (None,) * 6 + (0, 0) for row in backfilled)


def test_cli_ingest_into_a_file_held_too_long_says_so_and_what_was_stored(run_cli, tmp_path, seed, monkeypatch):
    import subprocess
    import sys

    records = tmp_path / "records.jsonl"
    records.write_text(relocated(seed, "GB", 1).model_dump_json() + "\n")
    db = str(tmp_path / "held.duckdb")
    with Store(db):
        pass
    holder = subprocess.Popen([sys.executable, "-c", f"import duckdb, time\nc = duckdb.connect({db!r}); print('held', flush=True)\n"
                               "time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        monkeypatch.setenv("TRUCE_DUCKDB_WAIT", "0.3")
        result = run_cli("ingest", "--records", str(records), "--db", db)
    finally:
        holder.kill()
        holder.wait()
    assert result.exit_code != 0 and "held by another process" in result.stderr and "Traceback" not in result.stderr
    monkeypatch.delenv("TRUCE_DUCKDB_WAIT")
    assert run_cli("ingest", "--records", str(records), "--db", db).exit_code == 0  # given again once it is free
    with Store(db) as store:
        assert store.count_articles() == 1
