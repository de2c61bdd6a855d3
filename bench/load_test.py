"""Load test of `truce serve` on loopback: a bounded number of requests at a fixed concurrency.

    python bench/load_test.py                          # 2,000 requests, 50 at a time (make load-test)
    python bench/load_test.py --requests 200 --concurrency 20 --records out/samples.jsonl

Starts `truce serve` (the real command, in its own process, with TRUCE_API_TOKEN set) on a free loopback
port over a fresh DuckDB store holding the records of samples/ (analysed first unless --records is
given), then sends the requests with httpx from one asyncio loop: the dashboard's reads (events with
filters, one event with its sources, one article, the timeline, the ceasefires, the page and its
script), and one request in 50 a write: POST /api/ingest with the token (analysed and stored) or without
it (must be refused with 401). The server's first analysis, which loads the NLP pipeline, is made
before the clock starts. An error is a failed connection or a status other than the one
expected. Prints the figures and writes them to bench/load_results.json.
"""
from __future__ import annotations

import argparse
import asyncio
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "load-test-token"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def truce(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "truce.cli", *args], cwd=ROOT, check=True, **kwargs)


def fill_store(db: str, records: Path | None, workdir: Path) -> None:
    if records is None:
        records = workdir / "samples.jsonl"
        with records.open("w") as out:
            truce("analyze", *map(str, sorted((ROOT / "samples").glob("*.txt")) + sorted((ROOT / "samples").glob("*.html"))),
                  "--format", "jsonl", stdout=out)
    truce("ingest", "--records", str(records), "--db", db, stdout=subprocess.DEVNULL)


def requests_to_send(base: httpx.Client, n: int) -> list[tuple[str, str, dict, int]]:
    """(method, path, options, expected status) for n requests, cycling through the dashboard's calls."""
    events = base.get("/api/events", params={"limit": 20}).json()["events"]
    uid, article = events[0]["uid"], events[0]["article_id"]
    reads = [("/api/events", {"params": {"limit": 100}}), ("/api/events", {"params": {"type": "ASSAULT", "limit": 1000}}),
             ("/api/events", {"params": {"country": "IRQ", "since": "2020-01-01"}}),
             ("/api/events", {"params": {"actor": "army", "offset": 5}}), (f"/api/events/{uid}", {}),
             (f"/api/articles/{article}", {}), ("/api/timeline", {}), ("/api/ceasefires", {}), ("/", {}),
             ("/map.js", {}), ("/api/table", {"params": {"sort": "confidence", "q": "the"}}), ("/api/points", {}),
             ("/api/trends", {"params": {"period": "week", "split": "country"}}), (f"/api/events/{uid}/audit", {})]
    plan = []
    for i in range(n):
        if i % 50 == 25:
            authorized = i % 100 == 25
            body = {"id": f"load-{i}", "text": f"Police fired tear gas at protesters in Nairobi on Monday ({i}).",
                    "published": "2024-07-08"}
            headers = {"Authorization": f"Bearer {TOKEN}"} if authorized else {}
            plan.append(("POST", "/api/ingest", {"json": body, "headers": headers}, 200 if authorized else 401))
        else:
            path, options = reads[i % len(reads)]
            plan.append(("GET", path, options, 200))
    return plan


async def send_all(url: str, plan, concurrency: int) -> tuple[list[tuple[str, float]], list[str]]:
    """(method, seconds) of each request, and the errors."""
    latencies, errors = [], []
    queue = iter(plan)
    limits = httpx.Limits(max_connections=concurrency, max_keepalive_connections=concurrency)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=120) as client:
        async def worker():
            for method, path, options, expected in queue:  # one shared iterator: each request sent once
                started = time.perf_counter()
                try:
                    response = await client.request(method, path, **options)
                    if response.status_code != expected:
                        errors.append(f"{method} {path}: {response.status_code}, expected {expected}")
                except httpx.HTTPError as exc:
                    errors.append(f"{method} {path}: {type(exc).__name__} {exc}")
                latencies.append((method, time.perf_counter() - started))
        await asyncio.gather(*(worker() for _ in range(concurrency)))
    return latencies, errors


def percentile(values: list[float], p: float) -> float:
    return statistics.quantiles(values, n=1000, method="inclusive")[int(p * 10) - 1] if len(values) > 1 else values[0]


def summary(seconds: list[float]) -> dict:
    ms = [1000 * s for s in seconds]
    if not ms:
        return {}
    return {"p50": round(percentile(ms, 50), 1), "p95": round(percentile(ms, 95), 1), "p99": round(percentile(ms, 99), 1),
            "max": round(max(ms), 1)}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=50)
    parser.add_argument("--records", type=Path, help="records to serve (default: analyse samples/ first)")
    parser.add_argument("--output", type=Path, default=ROOT / "bench" / "load_results.json")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="truce-load-") as tmp:
        db = str(Path(tmp) / "load.duckdb")
        fill_store(db, args.records, Path(tmp))
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        server_log = Path(tmp) / "serve.log"
        server = subprocess.Popen([sys.executable, "-m", "truce.cli", "serve", "--db", db, "--port", str(port)], cwd=ROOT,
                                  env={**os.environ, "TRUCE_API_TOKEN": TOKEN}, stderr=server_log.open("w"))
        try:
            with httpx.Client(base_url=url) as client:
                deadline = time.monotonic() + 60
                while True:
                    try:
                        client.get("/api/ceasefires").raise_for_status()
                        break
                    except httpx.HTTPError:
                        if time.monotonic() > deadline or server.poll() is not None:
                            raise SystemExit("truce serve did not start")
                        time.sleep(0.2)
                plan = requests_to_send(client, args.requests)
                # The server loads the NLP pipeline on its first analysis: done before the clock starts.
                client.post("/api/analyze", json={"text": "Warm-up."}, headers={"Authorization": f"Bearer {TOKEN}"},
                            timeout=120).raise_for_status()
            started = time.perf_counter()
            latencies, errors = asyncio.run(send_all(url, plan, args.concurrency))
            elapsed = time.perf_counter() - started
        finally:
            server.terminate()
            server.wait(timeout=30)
            server_errors = server_log.read_text().splitlines()[1:]  # after the line saying where it listens
    figures = {"requests": len(latencies), "concurrency": args.concurrency, "errors": len(errors),
               "writes": sum(method == "POST" for method, *_ in plan), "seconds": round(elapsed, 2),
               "requests_per_second": round(len(latencies) / elapsed, 1),
               "latency_ms": summary([s for _, s in latencies]),
               "reads_latency_ms": summary([s for method, s in latencies if method == "GET"]),
               "writes_latency_ms": summary([s for method, s in latencies if method == "POST"]),
               "first_errors": errors[:5], "server_log": server_errors[-20:]}
    print(json.dumps(figures, indent=2))
    args.output.write_text(json.dumps(figures, indent=2) + "\n")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
