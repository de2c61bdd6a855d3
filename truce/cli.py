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
from .settings import load_settings


def setup_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def dumps(result) -> str:
    return json.dumps(result.model_dump(mode="json"), ensure_ascii=False)


@click.group()
@click.version_option(__version__, prog_name="truce")
@click.option("-v", "--verbose", is_flag=True, help="Log what each stage does to standard error.")
def cli(verbose):
    """truce: news articles in, structured political-event records out."""
    setup_logging(verbose)


@cli.command()
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False, path_type=Path))
@click.option("--jsonl", "jsonl", type=click.File("rb"), help="Batch input: one JSON object a line ('-' for stdin).")
@click.option("--published", help="Publication date YYYY-MM-DD; relative dates are resolved against it.")
@click.option("--title", help="The article's title, when the file does not carry it.")
@click.option("--id", "doc_id", help="The record id (default: a hash of the content).")
@click.option("--format", "fmt", type=click.Choice(["json", "jsonl"]), default=None,
              help="json: one object (an array for several files); jsonl: one record a line. "
                   "Default: json for one file, jsonl otherwise.")
@click.option("--model", help="spaCy model package or directory (default: en_core_web_md from PyPI).")
@click.option("--batch-size", type=int, help="Documents parsed together (default 32).")
@click.option("--progress/--no-progress", default=None, help="Progress bar on stderr (default: when it is a terminal).")
def analyze(files, jsonl, published, title, doc_id, fmt, model, batch_size, progress):
    """Analyze articles (text or HTML, told apart by content) and write their records.

    \b
    Examples:
      truce analyze article.txt --published 2020-10-12
      truce analyze --jsonl articles.jsonl --format jsonl > records.jsonl
    """
    if bool(files) == bool(jsonl):
        raise click.UsageError("give FILE arguments or --jsonl FILE, not both and not neither")
    if jsonl and (published or title or doc_id):
        raise click.UsageError("--published, --title and --id apply to FILE arguments; in --jsonl mode put them on each line")
    if doc_id and len(files) > 1:
        raise click.UsageError("--id names one record: give one FILE with it")
    try:
        settings = load_settings(model=model, batch_size=batch_size)
        published = parse_published(published)
        from .pipeline import Pipeline  # imported here so that --help does not load spaCy

        pipeline = Pipeline(settings)
    except TruceError as exc:
        raise click.ClickException(str(exc)) from None
    if jsonl:
        items = docs_from_jsonl(jsonl, max_bytes=settings.max_bytes)
        fmt = fmt or "jsonl"
    else:
        items = (_file_item(path, published, title, doc_id, settings.max_bytes) for path in files)
        fmt = fmt or ("json" if len(files) == 1 else "jsonl")
    show = sys.stderr.isatty() if progress is None else progress
    failed = _write(pipeline.analyze(_progress(items, show)), fmt, many=bool(jsonl) or len(files) > 1)
    if failed and not jsonl:
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
            out.write((",\n" if n else "") + dumps(result))
        elif fmt == "json":
            out.write(json.dumps(result.model_dump(mode="json"), ensure_ascii=False, indent=2) + "\n")
        else:
            out.write(dumps(result) + "\n")
        out.flush()
    if array:
        out.write("\n]\n")
    return failed


def main():  # pragma: no cover - the console script calls cli()
    cli()


if __name__ == "__main__":  # pragma: no cover
    main()
