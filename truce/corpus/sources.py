"""Where the corpus's article texts come from, and how they are joined to the annotations.

Two kinds of source, as their licences allow:
- texts shipped in the repository (``corpus/texts/*.jsonl``: Voice of America's own stories, US
  government works in the public domain), read as they are;
- articles of the public annotated sets in ``../shared/eval-dev`` (HRDsAttack, PolNeAR, GeoWebNews, and the
  article-extraction benchmark's article bodies),
  whose texts are not ours to ship: the corpus keeps stand-off annotations (file, id, offsets, the
  text's SHA-256) and the loader joins the text back from the shared file.
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse

REPO = Path(__file__).resolve().parents[2]
CORPUS_DIR = REPO / "corpus"
SHARED_EVAL_DEV = REPO.parent / "shared" / "eval-dev"

# The PolNeAR publishers' short names, as the outlets call themselves.
POLNEAR_OUTLETS = {"nyt": "The New York Times", "wash-post": "The Washington Post", "politico": "Politico",
                   "breitbart": "Breitbart", "west-journal": "The Western Journal", "usa-today": "USA Today",
                   "huff-post": "HuffPost"}


@dataclass(frozen=True)
class SourceText:
    """One article as the corpus knows it: its text and where the text came from."""
    id: str
    text: str
    title: str | None
    published: str | None
    url: str | None
    outlet: str | None
    licence: str
    origin: dict  # {"file": ..., "id": ...}: the file the text is read from and its id there

    @property
    def sha256(self) -> str:
        return text_sha256(self.text)


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def numbered_objects(path: Path):
    """(line number, the line's JSON value or None, the parse error or None) for each non-blank line."""
    with open(path, encoding="utf-8") as lines:
        for number, line in enumerate(lines, 1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line), None
            except json.JSONDecodeError as error:
                yield number, None, f"not JSON ({error})"


def _read_jsonl(path: Path):
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _hrds(item: dict) -> SourceText:
    return SourceText(f"hrds:{item['id']}", item["text"], item.get("title"), (item.get("publish_date") or "")[:10] or None,
                      None, None, "HRDsAttack annotations MIT (Dataminr); article text the publisher's, not shipped",
                      {"file": "hrds_attack.jsonl", "id": item["id"]})


def _polnear(item: dict) -> SourceText:
    outlet = POLNEAR_OUTLETS.get(item.get("publisher"), item.get("publisher"))
    return SourceText(f"polnear:{item['id']}", item["text"], item.get("title"), (item.get("publication_date") or "")[:10] or None,
                      None, outlet, "PolNeAR (no licence statement); article text the publisher's, not shipped",
                      {"file": "attribution.jsonl", "id": item["id"]})


def _gwn(item: dict) -> SourceText:
    host = urlparse(item.get("url") or "").netloc.lower().removeprefix("www.") or None
    return SourceText(f"gwn:{item['id']}", item["text"], item.get("title"), None, item.get("url"), host,
                      "GeoWebNews (GPL-3.0 data set); article text the publisher's, not shipped",
                      {"file": "geo_gwn.jsonl", "id": item["id"]})


def _aeb(item: dict) -> SourceText:
    # The benchmark's ground-truth article body is the text: the page itself is a cleaning test, not a story.
    host = urlparse(item.get("url") or "").netloc.lower().removeprefix("www.") or None
    return SourceText(f"aeb:{item['id'][:16]}", item["gold_text"], None, None, item.get("url"), host,
                      "article-extraction-benchmark (MIT, Scrapinghub); article text the publisher's, not shipped",
                      {"file": "article_extraction.jsonl", "id": item["id"]})


def _voa(item: dict) -> SourceText:
    return SourceText(f"voa:{item['id']}", item["text"], item.get("title"), (item.get("published") or "")[:10] or None,
                      item.get("url"), "Voice of America", "public domain (US government work, VOA)",
                      {"file": "corpus/texts/voa.jsonl", "id": item["id"]})


_SHARED = {"hrds_attack.jsonl": _hrds, "attribution.jsonl": _polnear, "geo_gwn.jsonl": _gwn,
           "article_extraction.jsonl": _aeb}


def shared_texts(eval_dev: Path = SHARED_EVAL_DEV) -> dict[str, SourceText]:
    """Every article of the shared sets the corpus may draw on, by corpus id."""
    texts = {}
    for name, make in _SHARED.items():
        for item in _read_jsonl(eval_dev / name):
            source = make(item)
            texts[source.id] = source
    return texts


def shipped_texts(corpus_dir: Path = CORPUS_DIR) -> dict[str, SourceText]:
    """The texts shipped with the corpus (public domain), by corpus id."""
    path = corpus_dir / "texts" / "voa.jsonl"
    return {source.id: source for source in map(_voa, _read_jsonl(path))} if path.exists() else {}


def all_texts(corpus_dir: Path = CORPUS_DIR, eval_dev: Path = SHARED_EVAL_DEV) -> dict[str, SourceText]:
    return {**shared_texts(eval_dev), **shipped_texts(corpus_dir)}
