"""Reading the compiled corpus: annotations joined to their texts."""
from __future__ import annotations

from pathlib import Path

from .sources import CORPUS_DIR, SHARED_EVAL_DEV, all_texts, numbered_objects

ANNOTATIONS = CORPUS_DIR / "annotations.jsonl"
# A tenth of the articles annotated twice, independently: the first annotation (before its review)
# and the second one, for the agreement figures.
AGREEMENT_FIRST = CORPUS_DIR / "agreement" / "first.jsonl"
AGREEMENT_SECOND = CORPUS_DIR / "agreement" / "second.jsonl"


class CorpusError(ValueError):
    """The corpus cannot be read: a missing file, a line that is not JSON, a text that changed."""


def read_annotations(path: Path = ANNOTATIONS) -> list[dict]:
    if not path.exists():
        raise CorpusError(f"{path}: no such corpus file")
    articles = []
    for number, article, error in numbered_objects(path):
        if error:
            raise CorpusError(f"{path.name}:{number}: {error}")
        articles.append(article)
    return articles


def load(path: Path = ANNOTATIONS, split: str | None = None, eval_dev: Path = SHARED_EVAL_DEV) -> list[dict]:
    """The annotated articles of `split` ('train', 'test' or None for all), each with its `text`."""
    texts = all_texts(CORPUS_DIR, eval_dev)
    articles = []
    for article in read_annotations(path):
        if split and article["split"] != split:
            continue
        source = texts.get(article["id"])
        if source is None:
            raise CorpusError(f"{article['id']}: its text is not to be found (is ../shared/eval-dev beside the repository?)")
        if source.sha256 != article["text_sha256"]:
            raise CorpusError(f"{article['id']}: the text differs from the one annotated")
        articles.append({**article, "text": source.text})
    return articles


def analysis_input(article: dict) -> dict:
    """The line `truce analyze --jsonl` reads for an annotated article."""
    line = {"id": article["id"], "text": article["text"]}
    for name in ("title", "published", "url"):
        if article.get(name):
            line[name] = article[name]
    return line
