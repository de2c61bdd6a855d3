"""The `truce` command line: parses options, calls the pipeline, writes JSON. No analysis here."""
from __future__ import annotations

import json
import logging
import os
import sys
from contextlib import contextmanager
from pathlib import Path

import click

from . import __version__
from .errors import InputError, TruceError
from .inputs import doc_from_bytes, docs_from_jsonl, parse_published
from .record import json_line
from .settings import load_settings


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


warc_option = click.option("--warc", multiple=True, type=click.Path(dir_okay=False, exists=True),
                           help="A WARC file of HTML responses (as CC-NEWS) or a WET file, gzipped or not; "
                                "each page record is an article with its URL and date (repeatable).")
workers_option = click.option("--workers", type=click.IntRange(min=1), default=None,
                              help="Processes analyzing at once, each loading the model once "
                                   "(default: the number of cores).")


@click.group()
@click.version_option(__version__, prog_name="truce")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does to standard error.")
def cli(verbose):
    """truce: news articles in, structured political-event records out."""
    setup_logging(verbose)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--jsonl", "jsonl", type=click.File("rb"), help="Batch input: one JSON object a line ('-' for stdin).")
@warc_option
@click.option("--published", help="Publication date YYYY-MM-DD; relative dates are resolved against it.")
@click.option("--title", help="The article's title, when the file does not carry it.")
@click.option("--id", "doc_id", help="The record id (default: a hash of the content).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one object (an array for several files); jsonl: one record a line. "
                   "Default: json for one file, jsonl otherwise.")
@click.option("--model", help="spaCy model package or directory (default: en_core_web_md from PyPI).")
@click.option("--batch-size", type=int, help="Documents parsed together (default 32).")
@workers_option
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: FILES are input partitions (JSONL or Parquet; paths, globs or fsspec URLs) "
                   "analyzed on a Dask cluster into --output, one output partition each; resumable.")
@click.option("--scheduler", help="[dask] Address of a running Dask scheduler (default: a local cluster of --workers processes).")
@click.option("--output", help="[dask] Folder or fsspec URL the output partitions are written to.")
@click.option("--output-format", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="[dask] Format of the output partitions.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
@click.option("--min-confidence", type=click.FloatRange(0, 1), help="Leave out events less sure than this "
              "(default: the events stage's threshold, see README).")
@click.option("--all-events", is_flag=True, help="Keep every event the detector finds (--min-confidence 0).")
@click.option("--events", "events_stage", type=click.Choice(["rules", "learned", "judged"]), default=None,
              help="The events stage: the rules' events judged by the learned detector (default), every event "
                   "of the rules, or the models trained on the corpus (also TRUCE_EVENTS).")
def analyze(files, jsonl, warc, published, title, doc_id, fmt, model, batch_size, workers, engine, scheduler, output,
            output_format, progress, min_confidence, all_events, events_stage):
    """Analyze articles (text or HTML, told apart by content) and write their records.

    \b
    Examples:
      truce analyze article.txt --published 2020-10-12
      truce analyze --jsonl articles.jsonl --format jsonl > records.jsonl
      truce analyze --warc CC-NEWS-20240101000000-00000.warc.gz > records.jsonl
      truce analyze --engine dask 'parts/*.jsonl' --output records/ --output-format parquet
    """
    if engine == "dask":
        if warc:
            raise click.UsageError("--engine dask reads JSONL or Parquet partitions, not --warc")
        return _analyze_on_dask(files, jsonl, output, output_format, scheduler, workers, model, batch_size)
    if scheduler or output:
        raise click.UsageError("--scheduler and --output go with --engine dask")
    if sum(map(bool, (files, jsonl, warc))) != 1:
        raise click.UsageError("give FILE arguments, --jsonl FILE or --warc FILE (one of them)")
    if (jsonl or warc) and (published or title or doc_id):
        raise click.UsageError("--published, --title and --id apply to FILE arguments; batches carry them on each item")
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one record: give one FILE with it")
    try:
        settings = load_settings(model=model, batch_size=batch_size, events=events_stage,
                                 min_confidence=0.0 if all_events else min_confidence)
        published = parse_published(published)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    if jsonl or warc:
        items = docs_from_jsonl(jsonl, max_bytes=settings.max_bytes) if jsonl else _warc_items(warc, settings.max_bytes)
        fmt = fmt or "jsonl"
    else:
        items = (_file_item(Path(path), published, title, doc_id, settings.max_bytes) for path in files)
        fmt = fmt or ("json" if len(files) == 1 else "jsonl")
    from .parallel import analyze_stream  # imported here so that --help does not load spaCy

    show = sys.stderr.isatty() if progress is None else progress
    try:
        failed = _write(_progress(analyze_stream(items, workers=workers, settings=settings), show), fmt,
                        many=bool(jsonl or warc) or len(files) > 1)
    except TruceError as exc:  # the model or a resource is missing: nothing was analyzed
        raise click.ClickException(str(exc)) from None
    if failed and files:
        sys.exit(1)


def _analyze_on_dask(files, jsonl, output, output_format, scheduler, workers, model, batch_size):
    if jsonl or not files:
        raise click.UsageError("--engine dask reads input partitions given as FILE arguments (not --jsonl)")
    if not output:
        raise click.UsageError("--engine dask writes partitions: give --output FOLDER (a path or fsspec URL)")
    from . import distributed

    try:
        settings = load_settings(model=model, batch_size=batch_size)
        summary = distributed.run(list(files), output, output_format, scheduler=scheduler,
                                  workers=workers or 2, settings=settings)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(f"{len(summary.written)} partitions written, {len(summary.skipped)} already there, "
               f"{len(summary.failed)} failed; {summary.records} records, {summary.errors} error lines", err=True)
    for source, reason in summary.failed.items():
        click.echo(f"error: {source}: {reason}", err=True)
    if summary.failed:
        sys.exit(1)


def _warc_items(paths, max_bytes):
    from .archives import docs_from_warc

    for path in paths:
        yield from docs_from_warc(path, max_bytes=max_bytes)


def _file_item(path: Path, published, title, doc_id, max_bytes):
    """An InputDoc for one file, or (id, message) when it cannot be read; the size is checked before reading."""
    try:
        if path.stat().st_size > max_bytes:
            raise InputError(f"the file is {path.stat().st_size / 1e6:.1f} MB; the limit is {max_bytes / 1e6:.1f} MB")
        return doc_from_bytes(path.read_bytes(), id=doc_id, published=published, title=title, max_bytes=max_bytes)
    except InputError as exc:
        return (doc_id or str(path), f"{path}: {exc}")
    except OSError as exc:
        return (doc_id or str(path), f"{path}: cannot read the file ({exc.strerror})")


def _progress(items, show: bool):
    if not show:
        return items
    from tqdm import tqdm

    return tqdm(items, unit="doc", file=sys.stderr)


def _write(results, fmt: str, many: bool) -> int:
    """Write results as they come; error lines of single files also go to stderr. Returns failures."""
    failed = 0
    array = fmt == "json" and many
    out = sys.stdout
    if array:
        out.write("[\n")
    for n, result in enumerate(results):
        if hasattr(result, "error"):
            failed += 1
            click.echo(f"error: {result.id}: {result.error}", err=True)
        if array:
            out.write((",\n" if n else "") + json_line(result))
        elif fmt == "json":
            out.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(json_line(result) + "\n")
        out.flush()
    if array:
        out.write("\n]\n")
    return failed


def _store(db):
    from .store import Store

    try:
        return Store(db)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None


def _shared_store(db):
    from .store import SharedStore

    try:
        return SharedStore(db)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None


db_option = click.option("--db", envvar="TRUCE_DB", help="DuckDB file (default truce.duckdb) or postgresql://... URL; "
                                                         "also TRUCE_DB.")
webhook_option = click.option("--webhook", envvar="TRUCE_WEBHOOK", help="POST each ingested article's ceasefire alerts "
                              "(new status, violation) as JSON to this URL; also TRUCE_WEBHOOK.")


def _webhook(url):
    from .alerts import webhook_from

    try:
        return webhook_from(url)
    except ValueError as exc:
        raise click.BadParameter(str(exc), param_hint="--webhook") from None


def filter_options(command):
    """The event filters shared by `query` and `export`."""
    for option in reversed([
        click.option("--country", help="ISO alpha-3 (IRQ), alpha-2 (IQ), English or common name (Burma, UK); "
                                        "`truce query --countries` lists the store's."),
        click.option("--since", type=click.DateTime(["%Y-%m-%d"]), help="Events on or after YYYY-MM-DD."),
        click.option("--until", type=click.DateTime(["%Y-%m-%d"]), help="Events on or before YYYY-MM-DD."),
        click.option("--type", "types", multiple=True, help="PLOVER event type (repeat for several)."),
        click.option("--factuality", multiple=True, help="asserted, negated, future, possible, conditional."),
        click.option("--actor", help="Part of an actor's or recipient's name."),
        click.option("--article", "article_id", help="Events of one article."),
        click.option("--validated-only", "validated", is_flag=True, help="Only events an analyst accepted or edited."),
        click.option("--min-confidence", type=click.FloatRange(0, 1), help="Only events at least this confident."),
    ]):
        command = option(command)
    return command


def _filters(country, since, until, types, factuality, actor, article_id, validated=False, min_confidence=None):
    from .store import EventFilter

    return EventFilter(country=country, since=since.date() if since else None, until=until.date() if until else None,
                       types=list(types), factuality=list(factuality), actor=actor, article_id=article_id,
                       review="validated" if validated else None, min_confidence=min_confidence)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, allow_dash=True, path_type=Path))
@click.option("--jsonl", "jsonl", type=click.File("rb"), help="Batch input: one JSON object a line ('-' for stdin).")
@click.option("--records", type=click.File("rb"), help="Records already written by `truce analyze --format jsonl`.")
@warc_option
@click.option("--published", help="Publication date YYYY-MM-DD of FILE arguments.")
@workers_option
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
@db_option
@webhook_option
def ingest(files, jsonl, records, warc, published, workers, progress, db, webhook):
    """Analyze articles and store their records (a second ingest of an article replaces the first).

    \b
    Examples:
      truce ingest article.txt --published 2020-10-12
      truce ingest --jsonl articles.jsonl --db postgresql://localhost/truce
      cat articles.jsonl | truce ingest -
      truce ingest --records out/samples.jsonl
      truce ingest --warc CC-NEWS-20240101000000-00000.warc.gz
    """
    if sum(map(bool, (files, jsonl, records, warc))) != 1:
        raise click.UsageError("give FILE arguments, --jsonl FILE, --records FILE or --warc FILE (one of them)")
    if files == (Path("-"),):
        files, jsonl = (), click.open_file("-", "rb")
    hook = _webhook(webhook)
    shared = _shared_store(db)  # opened for a few records at a time, so `truce serve` goes on meanwhile
    if records:
        from .store.ingest import records_from_jsonl

        results = records_from_jsonl(records)
    else:
        try:
            settings = load_settings()
            published = parse_published(published)
        except TruceError as exc:
            raise click.ClickException(str(exc)) from None
        from .parallel import analyze_stream

        if jsonl:
            items = docs_from_jsonl(jsonl, max_bytes=settings.max_bytes)
        elif warc:
            items = _warc_items(warc, settings.max_bytes)
        else:
            items = (_file_item(path, published, None, None, settings.max_bytes) for path in files)
        results = analyze_stream(items, workers=workers, settings=settings)
    from .store import ingest_batches

    failed = stored = 0
    show = sys.stderr.isatty() if progress is None else progress
    try:
        for summary in ingest_batches(shared, _progress(results, show)):
            failed += "error" in summary
            stored += "error" not in summary
            if hook and summary.get("alerts"):
                hook.post(summary["alerts"])
            click.echo(json.dumps(summary, ensure_ascii=False))
        with shared.open() as store:
            click.echo(f"{store.count_articles()} articles, {store.count_events()} events in the store "
                       f"(schema version {store.version})", err=True)
    except TruceError as exc:  # the store stayed busy, or a resource is missing: what was stored stays
        raise click.ClickException(f"{exc} ({stored} records were stored; ingesting is idempotent, so the same "
                                   "input can be given again)") from None
    finally:
        shared.close()
    if failed and files:
        sys.exit(1)


@cli.command()
@click.option("--feed", "feeds", multiple=True, help="An RSS, Atom or JSON feed to watch (repeatable).")
@click.option("--sitemap", "sitemaps", multiple=True, help="A sitemap or sitemap index to watch (repeatable).")
@click.option("--sources", "sources_file", type=click.Path(dir_okay=False, exists=True, path_type=Path),
              help="A file of `feed URL` and `sitemap URL` lines.")
@click.option("--every", type=click.FloatRange(min=0.1), default=30.0, show_default=True,
              help="Minutes from one round's start to the next's.")
@click.option("--once", is_flag=True, help="One round, then exit.")
@click.option("--delay", type=click.FloatRange(min=0), default=1.0, show_default=True,
              help="Seconds between two requests to one host (robots.txt's Crawl-delay when longer).")
@click.option("--timeout", type=click.FloatRange(min=0.1), default=20.0, show_default=True,
              help="Seconds a fetch may take, from request to last byte.")
@click.option("--max-pages", type=click.IntRange(min=1), help="Pages fetched per round at most (the rest wait).")
@click.option("--proxy", help="An http://HOST:PORT proxy for every request (default: $http_proxy).")
@workers_option
@db_option
def watch(feeds, sitemaps, sources_file, every, once, delay, timeout, max_pages, proxy, workers, db):
    """Fetch the new articles of feeds and sitemaps into the store, politely, round after round.

    Each page is fetched once (what was fetched is kept in the store, so a stopped watch goes on where
    it was); robots.txt is obeyed; feeds are read with conditional GETs; syndicated copies of a stored
    article become sources of it. Prints one JSON line per page, as `truce ingest` does.

    \b
    Examples:
      truce watch --feed https://example.org/rss.xml --every 15 --db out/truce.duckdb
      truce watch --sources sources.txt --once
    """
    from . import watch as watching

    try:
        sources = [watching.Source("feed", u) for u in feeds] + [watching.Source("sitemap", u) for u in sitemaps] + \
            (watching.read_sources(sources_file) if sources_file else [])
        settings = load_settings()
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    if not sources:
        raise click.UsageError("give --feed URL, --sitemap URL or --sources FILE")
    shared = _shared_store(db)
    watcher = watching.Watcher(shared, watching.Fetcher(delay, timeout, settings.max_bytes, proxy=proxy),
                               watching.analyzer(settings, workers), max_pages)
    try:
        watching.run(watcher, sources, None if once else every,
                     emit=lambda line: click.echo(json.dumps(line, ensure_ascii=False)),
                     report=lambda counts: click.echo(f"watch round: {counts}", err=True))
    except KeyboardInterrupt:
        click.echo("watch stopped; the next watch of this store goes on where it was", err=True)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    finally:
        shared.close()


@cli.command()
@filter_options
@click.option("--limit", type=int, default=50, show_default=True)
@click.option("--offset", type=int, default=0)
@click.option("--ceasefires", is_flag=True, help="List the tracked ceasefires with their history instead.")
@click.option("--countries", "countries", is_flag=True, help="List the countries of the stored events with their "
                                                             "event counts instead.")
@db_option
def query(country, since, until, types, factuality, actor, article_id, validated, min_confidence, limit, offset,
          ceasefires, countries, db):
    """Print stored events (or ceasefires, or countries) as JSON lines, newest first.

    \b
    Examples:
      truce query --type ASSAULT --country Burma --since 2020-10-01
      truce query --countries
      truce query --ceasefires --db postgresql://localhost/truce
    """
    if ceasefires and countries:
        raise click.UsageError("--ceasefires and --countries are two listings: give one")
    with _store(db) as store:
        try:
            rows = store.ceasefires() if ceasefires else store.event_countries() if countries else \
                store.events(_filters(country, since, until, types, factuality, actor, article_id, validated,
                                     min_confidence), limit, offset)
        except TruceError as exc:  # an unknown country
            raise click.ClickException(str(exc)) from None
        for row in rows:
            click.echo(json.dumps(row, ensure_ascii=False, default=str))


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["csv", "parquet", "geojson", "json"]), required=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), help="File to write (default: stdout).")
@filter_options
@db_option
def export(fmt, output, country, since, until, types, factuality, actor, article_id, validated, min_confidence, db):
    """Export stored events: CSV (ACLED-like columns), Parquet, GeoJSON, or the records (json: JSON Lines).

    \b
    Examples:
      truce export --format csv --country IRQ --since 2020-10-01 > iraq.csv
      truce export --format parquet -o events.parquet --type ASSAULT
      truce export --format csv --validated-only > reviewed.csv
    """
    from .export import export as run_export

    filters = _filters(country, since, until, types, factuality, actor, article_id, validated, min_confidence)
    with _store(db) as store:
        try:
            store.where(filters)  # an unknown country is refused before the output file is made
        except TruceError as exc:
            raise click.ClickException(str(exc)) from None
        with _output(output, binary=fmt == "parquet") as out:
            counts = run_export(store, fmt, out, filters)
    click.echo(f"exported {', '.join(f'{v} {k}' for k, v in counts.items())}", err=True)


@contextmanager
def _output(path: Path | None, binary: bool):
    """The file to write, or standard output (left open)."""
    if path is None:
        yield click.open_file("-", "wb") if binary else sys.stdout
        return
    with path.open("wb") if binary else path.open("w", encoding="utf-8", newline="") as out:
        yield out


@cli.command()
@click.option("--format", "fmt", type=click.Choice(["jsonl", "json", "atom"]), default="jsonl", show_default=True,
              help="One alert a line, a JSON Feed 1.1, or an Atom feed.")
@click.option("--limit", type=int, default=100, show_default=True)
@db_option
def alerts(fmt, limit, db):
    """Print the ceasefire alerts (a new ceasefire, a change of status, a violation), newest first.

    \b
    Examples:
      truce alerts --db out/truce.duckdb
      truce alerts --format atom > alerts.xml
    """
    from .alerts import atom_feed, json_feed

    with _store(db) as store:
        found = store.alerts(limit)
    if fmt == "atom":
        click.echo(atom_feed(found), nl=False)
    elif fmt == "json":
        click.echo(json.dumps(json_feed(found), ensure_ascii=False, indent=1))
    else:
        for alert in found:
            click.echo(json.dumps(alert, ensure_ascii=False))


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on (loopback by default).")
@click.option("--port", type=int, default=8000, show_default=True)
@db_option
@webhook_option
def serve(host, port, db, webhook):
    """Serve the JSON API (/api/..., its OpenAPI spec at /openapi.json) and the analyst's dashboard (/).

    \b
    Examples:
      truce serve --db out/truce.duckdb            # then open http://127.0.0.1:8000/
      TRUCE_API_TOKEN=secret truce serve --port 8080
    """
    import uvicorn

    from .web.app import create_app

    app = create_app(db, webhook=_webhook(webhook))
    if not os.environ.get("TRUCE_API_TOKEN") and host not in ("127.0.0.1", "localhost", "::1"):
        click.echo("TRUCE_API_TOKEN is not set: writes (POST /api/analyze, /api/ingest) are refused to other machines",
                   err=True)
    click.echo(f"truce dashboard: http://{host}:{port}/  (API: http://{host}:{port}/docs)", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning")


@cli.group()
def corpus():
    """The annotated event corpus (corpus/): check it, score truce on it, measure agreement.

    \b
    Examples:
      truce corpus check
      truce corpus stats
      truce corpus score --split test --events rules
      truce corpus agreement
      truce corpus translations --score
      truce corpus real --score
    """


corpus_file_option = click.option("--corpus", "corpus_path", type=click.Path(dir_okay=False, path_type=Path),
                                  help="Corpus file (default: corpus/annotations.jsonl).")


@corpus.command("check")
@click.argument("files", nargs=-1, type=click.Path(exists=True, dir_okay=False, path_type=Path))
def corpus_check(files):
    """Validate corpus files (default: the corpus and its agreement annotations)."""
    from .corpus.check import check_file
    from .corpus.load import AGREEMENT_FIRST, AGREEMENT_SECOND, ANNOTATIONS
    from .corpus.sources import all_texts

    texts = all_texts()
    files = files or [f for f in (ANNOTATIONS, AGREEMENT_FIRST, AGREEMENT_SECOND) if f.exists()]
    if not files:
        raise click.ClickException("no corpus file to check")
    failed = False
    for path in files:
        found = check_file(path, texts)
        for problem in found:
            click.echo(problem, err=True)
        failed |= bool(found)
        click.echo(f"{path.name}: {'refused, ' + str(len(found)) + ' problems' if found else 'valid'}")
    if failed:
        sys.exit(1)


@corpus.command("score")
@click.option("--split", type=click.Choice(["test", "train", "all"]), default="test", show_default=True)
@click.option("--records", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="Records already written by `truce analyze` (default: analyze the split now).")
@click.option("--min-confidence", type=float, help="Score only events at or above this confidence.")
@click.option("--events", "events_stage", type=click.Choice(["rules", "learned", "judged"]), default=None,
              help="The events stage to score (default: the settings', judged unless TRUCE_EVENTS says).")
@corpus_file_option
@workers_option
def corpus_score(split, records, min_confidence, events_stage, corpus_path, workers):
    """Score truce's events on a split of the corpus (figures as JSON)."""
    from .corpus.evaluate import evaluate
    from .corpus.load import ANNOTATIONS, CorpusError

    try:
        figures = evaluate(None if split == "all" else split, records, corpus_path or ANNOTATIONS, workers, min_confidence,
                           events_stage)
    except (CorpusError, TruceError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(figures, indent=1))


@corpus.command("timelines")
@click.option("--dir", "folder", type=click.Path(file_okay=False, exists=True, path_type=Path),
              help="Folder of timeline files (default: corpus/timelines).")
@click.option("--eval-dev", type=click.Path(file_okay=False, path_type=Path),
              help="The shared eval-dev folder the stand-off articles are read from (default: ../shared/eval-dev).")
def corpus_timelines(folder, eval_dev):
    """Ingest each ceasefire timeline's articles in order into a fresh store and score the tracked
    ceasefires against its expected history (one line per timeline; exits 1 if one fails)."""
    from .corpus.sources import SHARED_EVAL_DEV
    from .corpus.timelines import TIMELINES_DIR, load_timelines, run
    from .pipeline import Pipeline

    results = run(load_timelines(folder or TIMELINES_DIR), Pipeline(load_settings()), eval_dev or SHARED_EVAL_DEV)
    for result in results:
        click.echo(json.dumps(result, ensure_ascii=False))
    if not all(r.get("ok", True) for r in results):
        sys.exit(1)


@corpus.command("translations")
@click.option("--raw", "raw_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder of the helpers' <lang>.jsonl translations (default: /work/translations).")
@click.option("--score", "do_score", is_flag=True, help="Also score truce on the compiled translations.")
def corpus_translations(raw_dir, do_score):
    """Compile translated test articles into corpus/translations/ (problems listed), and score truce on them."""
    from .corpus.load import CorpusError
    from .corpus.translations import RAW, compile_all, score_all

    try:
        report = {"compiled": compile_all(raw_dir or RAW)}
        if do_score:
            report["scores"] = score_all()
    except (CorpusError, TruceError) as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(report, indent=1, ensure_ascii=False))


@corpus.command("real")
@click.option("--score", "do_score", is_flag=True, help="Also score truce on the real articles.")
def corpus_real(do_score):
    """Check the real articles in other languages (corpus/real/), and score truce on them."""
    from .corpus.real import check_all, score_all

    report = {"checked": check_all()}
    if do_score:
        report["scores"] = score_all()
    click.echo(json.dumps(report, indent=1, ensure_ascii=False))
    if any(r["problems"] for r in report["checked"].values()):
        sys.exit(1)


@corpus.command("texts")
@click.option("--split", type=click.Choice(["test", "train", "all"]), default="test", show_default=True)
@corpus_file_option
def corpus_texts(split, corpus_path):
    """The split's articles as `truce analyze --jsonl` input."""
    from .corpus.load import ANNOTATIONS, CorpusError, analysis_input, load

    try:
        articles = load(corpus_path or ANNOTATIONS, None if split == "all" else split)
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    for article in articles:
        click.echo(json.dumps(analysis_input(article), ensure_ascii=False))


@corpus.command("stats")
@corpus_file_option
def corpus_stats(corpus_path):
    """What the corpus holds: articles, outlets, events by type and factuality."""
    from .corpus.load import ANNOTATIONS, CorpusError, load
    from .corpus.stats import stats

    try:
        click.echo(json.dumps(stats(load(corpus_path or ANNOTATIONS)), indent=1))
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None


@corpus.command("agreement")
def corpus_agreement():
    """Agreement between the two independent annotations of a tenth of the articles (corpus/agreement/)."""
    from .corpus.agreement import agreement
    from .corpus.load import AGREEMENT_FIRST, AGREEMENT_SECOND, CorpusError, load

    try:
        first = {a["id"]: a for a in load(AGREEMENT_FIRST)}
        second = {a["id"]: a for a in load(AGREEMENT_SECOND)}
    except CorpusError as exc:
        raise click.ClickException(str(exc)) from None
    click.echo(json.dumps(agreement(first, second, {i: a["text"] for i, a in first.items()}), indent=1))


def main():  # pragma: no cover - the console script calls cli()
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
