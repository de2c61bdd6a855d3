"""Read a generated JSONL batch of N lines (default a million) through truce's batch reader under a memory
limit, and print what came out and the peak RSS as JSON. Used by tests/test_limits.py; run it by hand
for other sizes:  python scripts/jsonl_reader_memory.py 1000000 --limit-mb 400

One line in ten is bad, in turn: broken JSON, not an object, no text, binary bytes, a bad date, a lone
surrogate (kept, replaced); every 1,000th is 100,000-level nested arrays, every 250,000th a 25 MB page;
the rest are short articles.
Lines are made as they are read, so the test holds no file and the batch no memory of its own.
"""
import argparse
import json
import resource
import sys

from truce.inputs import InputDoc, docs_from_jsonl

BAD = [b'{"id": "b%d", "text": "unterminated', b'["b%d"]', b'{"id": "b%d"}', b'{"id": "b%d", "text": "\xff\xfe\x00"}',
       b'{"id": "b%d", "text": "Fine.", "published": "next week"}', b'{"id": "b%d", "text": "Troops \\ud800 left."}']
REFUSED = [True, True, True, True, True, False]  # the lone surrogate is replaced, the line kept
DEEP = b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}\n"  # every 1,000th line
HUGE = b'{"id": "huge", "text": "' + b"x" * 25_000_000 + b'"}\n'  # every 250,000th line: a 25 MB page


def lines(n: int):
    for i in range(n):
        if i % 250_000 == 12_345:
            yield HUGE
        elif i % 1000 == 499:
            yield DEEP
        elif i % 10 == 9:
            yield BAD[(i // 10) % len(BAD)].replace(b"%d", str(i).encode()) + b"\n"
        else:
            yield json.dumps({"id": f"g{i}", "text": f"Rebels attacked an army post near Kidal on day {i}, the army said.",
                              "published": "2020-10-12"}).encode() + b"\n"


def expected(i: int) -> tuple[str, bool]:
    """The id line i must keep, and whether it is refused."""
    if i % 250_000 == 12_345:
        return "huge", True
    if i % 1000 == 499:
        return "deep", True
    if i % 10 == 9:
        return f"b{i}", REFUSED[(i // 10) % len(BAD)]
    return f"g{i}", False


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("lines", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--limit-mb", type=int, default=400, help="address-space limit (RLIMIT_AS) of this process")
    args = parser.parse_args()
    limit = args.limit_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    docs = errors = out_of_order = unexpected = 0
    for i, item in enumerate(docs_from_jsonl(lines(args.lines), max_bytes=10_000_000)):
        expected_id, expected_refused = expected(i)
        refused = not isinstance(item, InputDoc)
        docs, errors = docs + (not refused), errors + refused
        found_id = item[0] if refused else item.id
        out_of_order += found_id not in (expected_id, None)  # a line that is not an object has no id to keep
        unexpected += refused != expected_refused
    print(json.dumps({"lines": args.lines, "items": docs + errors, "docs": docs, "errors": errors,
                      "out_of_order": out_of_order, "unexpected": unexpected, "limit_mb": args.limit_mb,
                      "peak_rss_mb": peak_rss_mb()}))


def peak_rss_mb() -> float:
    """This program's own peak: getrusage's would include the parent's when it was started by a big process
    (Linux carries the peak over an exec)."""
    with open("/proc/self/status") as status:
        kb = next(int(line.split()[1]) for line in status if line.startswith("VmHWM:"))
    return round(kb / 1024, 1)


if __name__ == "__main__":
    sys.exit(main())
