"""Syndicated copies are one article with several sources, on both backends; other reports of the same
event stay articles of their own. The texts are the invented pages of tests/fixtures/watch/."""
from pathlib import Path

import pytest

from truce import dedup
from truce.inputs import doc_from_bytes
from truce.record import Source
from truce.store import Store, sources
from truce.store.schema import MIGRATIONS

PAGES = Path(__file__).parent / "fixtures" / "watch"
ORIGINAL = "wire.test/2026/04/kessen-truce-agreed.html"
COPY = "daily.test/news/valley-truce-signed.html"
SAME_EVENT = "daily.test/news/kessen-first-day.html"  # another outlet's own report of the same truce


@pytest.fixture(scope="module")
def records(pipeline):
    """The three pages analysed once, each with its address as its source."""
    docs = []
    for path in (ORIGINAL, COPY, SAME_EVENT):
        doc = doc_from_bytes((PAGES / path).read_bytes(), id=path.split("/")[-1].removesuffix(".html"), max_bytes=10**7)
        doc.url = "http://" + path
        docs.append(doc)
    original, copy, same_event = pipeline.analyze(docs)
    return {"original": original, "copy": copy, "same_event": same_event}


@pytest.fixture
def store(store_url):
    with Store(store_url) as store:
        yield store


def test_a_copy_with_small_changes_is_the_same_story_and_another_report_is_not(records):
    original, copy, other = (records[k].text for k in ("original", "copy", "same_event"))
    assert dedup.similarity(original, copy) >= dedup.SAME_STORY > dedup.similarity(original, other)
    assert set(dedup.band_keys(original)) & set(dedup.band_keys(copy))  # found without reading every text
    assert dedup.band_keys(original) == dedup.band_keys(original) and len(dedup.band_keys(original)) == dedup.BANDS
    assert dedup.band_keys("... !!") == [] and dedup.similarity("", original) == 0.0


@pytest.mark.model
def test_a_syndicated_copy_becomes_a_source_of_the_stored_article(store, records):
    original, copy = records["original"], records["copy"]
    store.ingest(original)
    summary = store.ingest(copy)
    assert summary["copy_of"] == original.id and summary["sources"] == 2
    assert store.count_articles() == 1 and store.article(copy.id) is None
    assert store.count_events() == len(original.events)  # the story's events are not counted twice
    found = sources.sources_of(store.db, original.id)
    assert [(s["id"], s["url"], s["outlet"]) for s in found] == [
        (original.id, "http://" + ORIGINAL, "Meridian Wire"), (copy.id, "http://" + COPY, "The Harbour Daily")]
    assert found[0]["similarity"] == 1.0 and dedup.SAME_STORY <= found[1]["similarity"] < 1.0
    assert sources.original_id(store.db, copy.id) == original.id


@pytest.mark.model
def test_copies_and_reanalyses_received_again_add_no_source(store, records):
    original, copy = records["original"], records["copy"]
    store.ingest(original)
    store.ingest(copy)
    first_fetch = sources.sources_of(store.db, original.id)[1]["fetched"]
    store.ingest(copy)
    assert store.ingest(original)["replaced"] == [original.id]  # a re-analysis, not a copy of itself
    found = sources.sources_of(store.db, original.id)
    assert [s["id"] for s in found] == [original.id, copy.id] and found[1]["fetched"] == first_fetch
    assert store.count_articles() == 1


@pytest.mark.model
def test_another_report_of_the_same_event_stays_an_article(store, records):
    store.ingest(records["original"])
    summary = store.ingest(records["same_event"])
    assert "copy_of" not in summary and store.count_articles() == 2
    assert [s["id"] for s in sources.sources_of(store.db, records["same_event"].id)] == [records["same_event"].id]


@pytest.mark.model
def test_the_same_text_under_another_id_keeps_the_sources_it_replaces(store, records):
    original, copy = records["original"], records["copy"]
    store.ingest(original)
    store.ingest(copy)
    renamed = original.model_copy(update={"id": "kessen-again"})
    assert store.ingest(renamed)["replaced"] == [original.id]
    assert [s["id"] for s in sources.sources_of(store.db, "kessen-again")] == [original.id, copy.id, "kessen-again"]
    assert sources.sources_of(store.db, original.id) == []


@pytest.mark.model
def test_a_store_from_before_sources_gets_them_when_migrated(store, records):
    """The migration's last step fills band keys and own sources for the articles already stored."""
    original = records["original"]
    store.ingest(original)
    for table in ("article_sources", "article_bands"):
        store.db.execute(f"DELETE FROM {table}")  # as a store written before the migration
    assert sources.original_of(store.db, records["copy"]) is None  # no band keys: nothing to find it by
    assert sources.MIGRATION[-1] is sources.add_band_keys and any(sources.MIGRATION[0] in m for m in MIGRATIONS)
    sources.add_band_keys(store.db)
    assert [s["id"] for s in sources.sources_of(store.db, original.id)] == [original.id]
    assert store.ingest(records["copy"])["copy_of"] == original.id


@pytest.mark.model
def test_a_near_duplicate_from_the_same_source_or_from_none_stays_an_article(store, records):
    """Only another source's version is a syndicated copy: an outlet's second version of its own story,
    or texts given without any source, are kept apart."""
    original, copy = records["original"], records["copy"]
    store.ingest(original)
    same_outlet = copy.model_copy(update={"id": "second-version", "source": original.source})
    assert "copy_of" not in store.ingest(same_outlet)
    unsourced = copy.model_copy(update={"id": "no-source", "source": Source(),
                                        "text": copy.text + "\nPrinted from the archive."})
    assert "copy_of" not in store.ingest(unsourced)
    assert store.count_articles() == 3
    assert "copy_of" in store.ingest(copy) and store.count_articles() == 3  # another outlet's is still a copy
