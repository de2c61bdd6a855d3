"""`truce analyze`: files and batches in, schema-valid records out; bad input gets a clear error."""
import json

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.model
SEED = ROOT / "samples" / "seed-article.txt"


def records(stdout):
    return [json.loads(line) for line in stdout.splitlines() if line.strip()]


def test_cli_analyze_one_file_writes_a_valid_record(run_cli, validate):
    result = run_cli("analyze", str(SEED), "--published", "2020-10-12", "--format", "json")
    assert result.exit_code == 0, result.stderr
    rec = validate(json.loads(result.stdout))
    assert rec["published"] == "2020-10-12"
    assert rec["title"].startswith("Iraq’s Resistance Announces Temporary Ceasefire")
    assert rec["text"].count(rec["title"]) == 1
    assert "Consider helping us" not in rec["text"] and "\nLINK\n" not in rec["text"]
    assert {"ORG", "PERSON", "GPE"} <= {e["label"] for e in rec["entities"]}


def test_cli_analyze_many_files_as_json_array_and_jsonl(run_cli, validate):
    files = [str(p) for p in sorted((ROOT / "samples").iterdir())]
    as_array = json.loads(run_cli("analyze", *files, "--format", "json").stdout)
    as_lines = records(run_cli("analyze", *files).stdout)
    assert [r["id"] for r in as_array] == [r["id"] for r in as_lines] and len(as_lines) == len(files)
    for rec in as_lines:
        validate(rec)


def test_cli_analyze_recognises_html_by_content_not_name(run_cli, tmp_path):
    page = tmp_path / "page.txt"
    page.write_text((ROOT / "samples" / "harbour-talks.html").read_text())
    rec = json.loads(run_cli("analyze", str(page)).stdout)
    assert "<p>" not in rec["text"] and "Valparaíso" in rec["text"]
    assert rec["source"]["name"] == "The Harbour Ledger"
    assert rec["published"] == "2024-03-14"


def test_cli_batch_keeps_ids_and_order_and_reports_bad_lines(run_cli, validate):
    lines = [
        json.dumps({"id": "one", "text": "Rebels shelled the town of Idlib on Monday.", "published": "2021-03-01"}),
        "this is not json",
        json.dumps({"id": "three", "text": ""}),
        json.dumps({"id": "four", "html": "<html><body><article><p>Police arrested 12 protesters in Lagos "
                    "on Friday, witnesses said.</p></article></body></html>"}),
        json.dumps({"id": "five", "text": "Talks resumed.", "published": "31/12/2020"}),
        json.dumps({"text": "No id given: the record gets a hash of the text."}),
    ]
    out = records(run_cli("analyze", "--jsonl", "-", input="\n".join(lines) + "\n").stdout)
    assert [r.get("id") for r in out][:5] == ["one", None, "three", "four", "five"]
    assert len(out[5]["id"]) == 16
    assert set(out[1]) == {"id", "error"} and "not valid JSON" in out[1]["error"]
    assert "empty" in out[2]["error"]
    assert "published" in out[4]["error"]
    for rec in (out[0], out[3], out[5]):
        validate(rec)


def test_cli_single_bad_file_exits_nonzero_with_a_message(run_cli, tmp_path):
    binary = tmp_path / "image.txt"
    binary.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" * 50)
    result = run_cli("analyze", str(binary))
    assert result.exit_code != 0
    assert "binary" in result.stderr and "Traceback" not in result.stderr


def test_cli_refuses_a_50_mb_page_without_reading_it_all(run_cli, tmp_path):
    huge = tmp_path / "huge.html"
    with huge.open("w") as f:
        f.write("<html><body>")
        for _ in range(50):
            f.write("<p>" + "filler words " * 80_000 + "</p>")
        f.write("</body></html>")
    result = run_cli("analyze", str(huge))
    assert result.exit_code != 0 and "limit" in result.stderr


def test_cli_refuses_an_invalid_published_date(run_cli):
    result = run_cli("analyze", str(SEED), "--published", "October 12")
    assert result.exit_code != 0 and "not a valid date" in result.stderr


def test_cli_wrong_encoding_is_decoded_not_refused(run_cli, tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Le ministre a déclaré à Genève que la trêve était rompue depuis lundi.".encode("latin-1"))
    rec = json.loads(run_cli("analyze", str(latin)).stdout)
    assert "Genève" in rec["text"]


def test_cli_every_command_has_help(run_cli):
    from truce.cli import cli
    for name in cli.commands:
        result = run_cli(name, "--help")
        assert result.exit_code == 0 and "Example" in result.stdout


def test_cli_analyze_warc_and_wet_give_records_with_url_and_date_and_an_error_line(run_cli, validate, tmp_path):
    import io

    from archive_files import broken_member, conversion_record, response_record, write_archive
    from warcio.warcwriter import WARCWriter

    w = WARCWriter(io.BytesIO(), gzip=True)
    page = ("<html><head><title>Truce holds</title></head><body><article><h1>Truce holds</h1><p>The truce between "
            "the army and the rebels held for a third day on Sunday, residents of the northern city said.</p>"
            "</article></body></html>")
    warc = write_archive(tmp_path / "news.warc.gz", [
        response_record(w, "https://news.example/truce", "2021-05-02T08:00:00Z", page),
        broken_member("truncated"),
        response_record(w, "https://news.example/again", "2021-05-04T08:00:00Z", page.replace("third", "fifth")),
    ])
    wet = write_archive(tmp_path / "news.warc.wet.gz", [
        conversion_record(w, "https://news.example/talks", "2021-05-03T09:30:00Z",
                          "Negotiators met in Geneva on Monday to discuss the ceasefire, a spokesman said.\n"),
        broken_member("headers"),
    ])
    result = run_cli("analyze", "--warc", str(warc), "--warc", str(wet))
    assert result.exit_code == 0, result.stderr
    out = records(result.stdout)
    assert [(r.get("source", {}).get("url"), r.get("published")) for r in out if "error" not in r] == [
        ("https://news.example/truce", "2021-05-02"), ("https://news.example/again", "2021-05-04"),
        ("https://news.example/talks", "2021-05-03")]
    errors = [r for r in out if "error" in r]
    assert [set(r) for r in errors] == [{"id", "error"}] * 2 and "news.warc.gz" in errors[0]["error"]
    assert "third day" in out[0]["text"] and "<p>" not in out[0]["text"] and "Geneva" in out[3]["text"]
    for rec in out:
        if "error" not in rec:
            validate(rec)


def test_cli_ingest_warc_stores_the_pages_and_reports_the_broken_record(run_cli, tmp_path):
    import io

    from archive_files import broken_member, response_record, write_archive
    from warcio.warcwriter import WARCWriter

    w = WARCWriter(io.BytesIO(), gzip=True)
    page = ("<html><body><article><h1>Talks resume</h1><p>Negotiators met in Geneva on Monday to discuss "
            "the ceasefire, a spokesman for the mediators said.</p></article></body></html>")
    warc = write_archive(tmp_path / "news.warc.gz", [
        response_record(w, "https://news.example/talks", "2021-05-03T09:30:00Z", page), broken_member("truncated")])
    result = run_cli("ingest", "--warc", str(warc), "--db", str(tmp_path / "store.duckdb"))
    assert result.exit_code == 0, result.stderr
    summaries = records(result.stdout)
    assert len(summaries) == 2 and summaries[0]["id"].startswith("urn:uuid:") and "error" not in summaries[0]
    assert "cut off" in summaries[1]["error"]
    assert "1 articles" in result.stderr
