"""The `truce` command line: parses options, calls the pipeline, writes JSON. No analysis here."""
from __future__ import annotations

import json
import logging
import sys
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


@click.group()
@click.version_option(__version__, prog_name="truce")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does to standard error.")
def cli(verbose):
    """truce: news articles in, structured political-event records out."""
    setup_logging(verbose)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--jsonl", "jsonl", type=click.File("rb"), help="Batch input: one JSON object a line ('-' for stdin).")
@click.option("--published", help="Publication date YYYY-MM-DD; relative dates are resolved against it.")
@click.option("--title", help="The article's title, when the file does not carry it.")
@click.option("--id", "doc_id", help="The record id (default: a hash of the content).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one object (an array for several files); jsonl: one record a line. "
                   "Default: json for one file, jsonl otherwise.")
@click.option("--model", help="spaCy model package or directory (default: en_core_web_md from PyPI).")
@click.option("--batch-size", type=int, help="Documents parsed together (default 32).")
@click.option("--workers", type=click.IntRange(min=1), default=None,
              help="Processes analyzing at once, each loading the model once (default: the number of cores).")
@click.option("--engine", type=click.Choice(["local", "dask"]), default="local", show_default=True,
              help="dask: FILES are input partitions (JSONL or Parquet; paths, globs or fsspec URLs) "
                   "analyzed on a Dask cluster into --output, one output partition each; resumable.")
@click.option("--scheduler", help="[dask] Address of a running Dask scheduler (default: a local cluster of --workers processes).")
@click.option("--output", help="[dask] Folder or fsspec URL the output partitions are written to.")
@click.option("--output-format", type=click.Choice(["jsonl", "parquet"]), default="jsonl", show_default=True,
              help="[dask] Format of the output partitions.")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
def analyze(files, jsonl, published, title, doc_id, fmt, model, batch_size, workers, engine, scheduler, output,
            output_format, progress):
    """Analyze articles (text or HTML, told apart by content) and write their records.

    \b
    Examples:
      truce analyze article.txt --published 2020-10-12
      truce analyze --jsonl articles.jsonl --format jsonl > records.jsonl
      truce analyze --engine dask 'parts/*.jsonl' --output records/ --output-format parquet
    """
    if engine == "dask":
        return _analyze_on_dask(files, jsonl, output, output_format, scheduler, workers, model, batch_size)
    if scheduler or output:
        raise click.UsageError("--scheduler and --output go with --engine dask")
    if bool(files) == bool(jsonl):
        raise click.UsageError("give FILE arguments or --jsonl FILE, not both and not neither")
    if jsonl and (published or title or doc_id):
        raise click.UsageError("--published, --title and --id apply to FILE arguments; in --jsonl mode put them on each line")
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one record: give one FILE with it")
    try:
        settings = load_settings(model=model, batch_size=batch_size)
        published = parse_published(published)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    if jsonl:
        items = docs_from_jsonl(jsonl, max_bytes=settings.max_bytes)
        fmt = fmt or "jsonl"
    else:
        items = (_file_item(Path(path), published, title, doc_id, settings.max_bytes) for path in files)
        fmt = fmt or ("json" if len(files) == 1 else "jsonl")
    from .parallel import analyze_stream  # imported here so that --help does not load spaCy

    show = sys.stderr.isatty() if progress is None else progress
    try:
        failed = _write(_progress(analyze_stream(items, workers=workers, settings=settings), show), fmt,
                        many=bool(jsonl) or len(files) > 1)
    except TruceError as exc:  # the model or a resource is missing: nothing was analyzed
        raise click.ClickException(str(exc)) from None
    if failed and not jsonl:
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


def main():  # pragma: no cover - the console script calls cli()
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
