"""Distributed analysis with Dask: input partitions in, output partitions out, resumable.

    truce analyze --engine dask 'data/part-*.jsonl' --output out/ [--output-format parquet]
                  [--scheduler tcp://scheduler:8786]

Input partitions are JSONL files (one {"id", "text"|"html", "published", ...} object a line, as for
`--jsonl`) or Parquet files with the same fields as columns, given as paths, globs or fsspec URLs
(s3://, gs://, ...: the filesystem's own package, s3fs or gcsfs, must be installed on every
machine). Each input partition becomes one output partition of the same name in OUTPUT:
`<name>.jsonl` (one record or {"id", "error"} a line, exactly what `truce analyze --jsonl` writes) or
`<name>.parquet` (columns id, error, record: the record as JSON text, so every partition has one
schema whatever its records hold).

Resumable: an output partition is written under OUTPUT/.truce-tmp/ and renamed into place when
complete, so an output partition that exists is whole; a re-run skips those and does the rest. Run
one run at a time into an OUTPUT.

Each Dask worker loads the pipeline once and keeps it for every partition it is given; start workers
with one thread each (`--nthreads 1`) and as many worker processes as cores.
"""
from __future__ import annotations

import datetime as dt
import logging
import posixpath
import threading
import uuid
from dataclasses import dataclass, field
from typing import Iterator

from . import record
from .errors import InputError
from .inputs import doc_from_json, docs_from_jsonl
from .settings import Settings

logger = logging.getLogger(__name__)
TMP = ".truce-tmp"
INPUT_SUFFIXES = {".jsonl": "jsonl", ".json": "jsonl", ".ndjson": "jsonl", ".parquet": "parquet"}
COMPRESSIONS = (".gz", ".bz2", ".xz", ".zst")


@dataclass
class Summary:
    """What a run did: partitions written now, found already written, and failed (with the reason)."""

    written: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    failed: dict[str, str] = field(default_factory=dict)
    records: int = 0
    errors: int = 0


def run(inputs: list[str], output: str, output_format: str = "jsonl", scheduler: str | None = None,
        workers: int = 2, settings: Settings | None = None, client=None) -> Summary:
    """Analyze every input partition not yet in `output` on a Dask cluster: `client`'s, else the
    scheduler's at `scheduler`, else a LocalCluster of `workers` single-threaded worker processes."""
    from distributed import Client, LocalCluster, as_completed
    from fsspec.core import url_to_fs

    if not logger.isEnabledFor(logging.INFO):  # Dask logs its start and stop at INFO unless told
        logging.getLogger("distributed").setLevel(logging.WARNING)
    settings = settings or Settings()
    partitions = expand(inputs)
    targets = output_names(partitions, output, output_format)
    fs, root = url_to_fs(output)
    fs.makedirs(root, exist_ok=True)
    done = {posixpath.basename(p) for p in fs.ls(root, detail=False)}
    summary = Summary(skipped=[t for t in targets if posixpath.basename(t) in done])
    todo = [(p, t) for p, t in zip(partitions, targets) if posixpath.basename(t) not in done]
    if not todo:
        return summary
    own_client = client is None
    if own_client and scheduler:
        client = Client(scheduler)
    elif own_client:
        client = Client(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, dashboard_address=None,
                                     silence_logs=logging.WARNING))
    try:
        futures = {client.submit(analyze_partition, source, target, output_format, settings, pure=False): source
                   for source, target in todo}
        for future in as_completed(futures):
            source = futures[future]
            try:
                counts = future.result()
            except Exception as exc:  # one partition's failure does not stop the others; a re-run retries it
                summary.failed[source] = f"{type(exc).__name__}: {exc}"
                logger.error("partition %s failed: %s", source, exc)
                continue
            summary.written.append(counts["output"])
            summary.records += counts["records"]
            summary.errors += counts["errors"]
    finally:
        if own_client:
            client.close()
            if not scheduler:
                client.cluster.close()
    if not summary.failed and fs.exists(posixpath.join(root, TMP)):
        fs.rm(posixpath.join(root, TMP), recursive=True)  # what killed runs left half-written
    return summary


def expand(inputs: list[str]) -> list[str]:
    """Paths, globs and URLs to a sorted list of partition URLs; unknown file types are refused."""
    from fsspec.core import url_to_fs

    partitions = []
    for given in inputs:
        fs, path = url_to_fs(given)
        found = sorted(fs.glob(path)) if any(c in path for c in "*?[") else [path]
        if not found:
            raise InputError(f"no input partition matches {given}")
        for p in found:
            if partition_format(p) is None:
                raise InputError(f"{given}: {p} is neither JSONL (.jsonl, .json, .ndjson) nor Parquet (.parquet)")
            partitions.append(p if "://" not in given else fs.unstrip_protocol(p))
    return partitions


def partition_format(path: str) -> str | None:
    return INPUT_SUFFIXES.get(posixpath.splitext(_without_compression(path))[1])


def output_names(partitions: list[str], output: str, output_format: str) -> list[str]:
    """The output partition of each input: its name, less its suffixes, in OUTPUT."""
    names = [posixpath.splitext(posixpath.basename(_without_compression(p)))[0] + "." + output_format
             for p in partitions]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError(f"input partitions in different folders share a name ({', '.join(twice)}); "
                         "output partitions are named after them, so give each a distinct name")
    return [posixpath.join(output.rstrip("/"), n) for n in names]


def _without_compression(path: str) -> str:
    return next((path[:-len(c)] for c in COMPRESSIONS if path.endswith(c)), path)


def analyze_partition(source: str, target: str, output_format: str, settings: Settings) -> dict:
    """Run on a worker: analyze one partition and write its output atomically (temp file, then rename)."""
    from fsspec.core import url_to_fs

    with _pipeline_lock:
        results = list(worker_pipeline(settings).analyze(read_partition(source, settings)))
    fs, path = url_to_fs(target)
    folder, name = posixpath.split(path)
    temporary = posixpath.join(folder, TMP, f"{name}.{uuid.uuid4().hex}")
    fs.makedirs(posixpath.join(folder, TMP), exist_ok=True)
    with fs.open(temporary, "wb") as f:
        write_results(results, f, output_format)
    fs.mv(temporary, path)
    errors = sum(isinstance(r, record.ErrorLine) for r in results)
    return {"output": target, "records": len(results) - errors, "errors": errors}


_pipeline_lock = threading.Lock()  # a worker started with several threads still runs one analysis at a time


def worker_pipeline(settings: Settings):
    """This process's pipeline, loaded on first use and kept (shared with truce.parallel's workers)."""
    from .parallel import process_pipeline

    return process_pipeline(settings)


def read_partition(source: str, settings: Settings) -> Iterator:
    """InputDocs, or (id, error message) for rows that cannot be read, as `docs_from_jsonl` gives them."""
    import fsspec

    if partition_format(source) == "parquet":
        import pyarrow.parquet as pq

        with fsspec.open(source, "rb") as f:
            rows = pq.read_table(f).to_pylist()
        for row in rows:
            try:
                yield doc_from_json({k: _plain(v) for k, v in row.items()}, max_bytes=settings.max_bytes)
            except InputError as exc:
                yield (str(row["id"]) if row.get("id") is not None else None, str(exc))
    else:
        with fsspec.open(source, "rb", compression="infer") as f:
            yield from docs_from_jsonl(f, max_bytes=settings.max_bytes)


def _plain(value):
    """Parquet dates and timestamps as the ISO strings JSONL input has."""
    return value.isoformat() if isinstance(value, (dt.date, dt.datetime)) else value


def write_results(results: list, f, output_format: str) -> None:
    if output_format == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        table = pa.table({
            "id": pa.array([r.id for r in results], pa.string()),
            "error": pa.array([r.error if isinstance(r, record.ErrorLine) else None for r in results], pa.string()),
            "record": pa.array([None if isinstance(r, record.ErrorLine) else record.json_line(r) for r in results], pa.string()),
        })
        pq.write_table(table, f)
    else:
        f.write("".join(record.json_line(r) + "\n" for r in results).encode("utf-8"))

