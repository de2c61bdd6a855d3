"""Shared fixtures: the pipeline is loaded once per test session (loading spaCy takes seconds)."""
import json
import os
import sys
import pathlib

import jsonschema
import pytest
from click.testing import CliRunner

from truce import cli
from truce.pipeline import Pipeline
from truce.settings import Settings

ROOT = pathlib.Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(ROOT / "tests"))  # the tests' helpers (servers.py)


@pytest.fixture(scope="session")
def default_pipeline():
    return Pipeline(Settings())


@pytest.fixture(scope="session")
def pipeline(default_pipeline):
    return default_pipeline


@pytest.fixture(scope="session")
def rules_pipeline(default_pipeline):
    """The rules events stage, which keeps every event its rules find (the default keeps the sure ones)."""
    return Pipeline(Settings(events="rules"), nlp=default_pipeline.nlp)


@pytest.fixture(scope="session")
def nlp(pipeline):
    return pipeline.nlp


@pytest.fixture(scope="session")
def record_schema():
    return json.loads((ROOT / "truce/schema/record.schema.json").read_text())


@pytest.fixture
def validate(record_schema):
    """Check one record against the shipped JSON Schema and every span against its text."""
    def check(rec: dict) -> dict:
        jsonschema.validate(rec, record_schema)
        for field in ("entities", "places", "times"):
            for span in rec[field]:
                assert rec["text"][span["start"]:span["end"]] == span["text"], (field, span)
        return rec
    return check


@pytest.fixture
def run_cli(pipeline, monkeypatch):
    """Invoke `truce ...` in-process, reusing the session's pipeline instead of loading spaCy again."""
    monkeypatch.setattr("truce.pipeline.load_nlp", lambda settings: pipeline.nlp)

    def invoke(*args, input=None):
        return CliRunner().invoke(cli.cli, list(args), input=input, catch_exceptions=False)
    return invoke


@pytest.fixture(scope="session")
def sample_records(pipeline):
    """The records of samples/ (the seed article and two invented ones), analysed once per session."""
    from truce.inputs import doc_from_bytes

    paths = sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.html"))
    docs = [doc_from_bytes(p.read_bytes(), max_bytes=10_000_000) for p in paths]
    return list(pipeline.analyze(docs))


def _analysed_fixture(pipeline, name):
    from truce.inputs import docs_from_jsonl

    with open(ROOT / "tests/fixtures" / name, "rb") as lines:
        return list(pipeline.analyze(docs_from_jsonl(lines, max_bytes=10_000_000)))


@pytest.fixture(scope="session")
def ceasefire_records(pipeline):
    """Three short invented articles about one ceasefire (declared, holding, broken), analysed once."""
    return _analysed_fixture(pipeline, "ceasefire_articles.jsonl")


@pytest.fixture(scope="session")
def incident_records(pipeline):
    """Two invented reports of one attack, from two outlets a day apart, analysed once."""
    return _analysed_fixture(pipeline, "incident_articles.jsonl")


@pytest.fixture(scope="session")
def postgres_url():
    """A real PostgreSQL server on loopback for the session (tests/servers.py), or $TRUCE_TEST_POSTGRES."""
    from servers import postgres_server

    if os.environ.get("TRUCE_TEST_POSTGRES"):
        yield os.environ["TRUCE_TEST_POSTGRES"]
        return
    with postgres_server() as url:
        if url is None:
            if os.environ.get("CI"):
                pytest.fail("PostgreSQL is not installed: `make test` installs Debian's postgresql")
            pytest.skip("PostgreSQL is not installed (apt-get install postgresql)")
        yield url


@pytest.fixture(params=["duckdb", "postgresql"])
def store_url(request, tmp_path):
    """An empty store on each backend: a DuckDB file, or a new database on the session's PostgreSQL."""
    if request.param == "duckdb":
        return str(tmp_path / "store.duckdb")
    import uuid

    import psycopg

    base = request.getfixturevalue("postgres_url")
    name = f"truce_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(base, autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")  # a name made here, not input
    return base.rsplit("/", 1)[0] + "/" + name
