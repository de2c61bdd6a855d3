"""The pipeline: loads resources once, then runs the stages over batches of documents.

Order (each stage reads what the ones before it added to the Article):
    clean      text, title, published, source        (per document)
    language   the article's language (ISO 639-1): English goes on below; the ten other languages
               truce reads go through truce.multilingual.pipeline instead (no spaCy parse)
    nlp        one spaCy Doc per article              (batched with nlp.pipe)
    entities   named and nominal mentions
    places     toponyms resolved in the gazetteer, with their role
    times      TIMEX3 expressions normalized against `published`
    attributions  source / cue / content of quotes and reported statements
    actors     mentions grouped into actors, with country and sector; attribution sources linked
    events     PLOVER events with roles, factuality, condition, date, place, quantities, claims
    ceasefires each ceasefire's parties, dates, conditions and status, from the events

A document that fails anywhere becomes an `ErrorLine` in its place; the batch goes on. The CLI, the
benchmark and the tests all call `Pipeline.analyze` (through `truce.parallel.analyze_stream` for
several processes).

The stages of a batch's articles run in one thread per article, inside an embeddings `gathering`: the
events stage's sentence embeddings of the whole batch then run as one batch (see truce/embeddings.py),
the costliest step of the stages. The threads share the GIL, so this is about batching, not
parallelism; stages keep no per-article state on themselves (each reads and fills its Article only),
which is what makes it safe.
"""
from __future__ import annotations

import logging
import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Iterable, Iterator

from . import record
from .article import Article
from .embeddings import Gathering
from .errors import InputError, TruceError
from .inputs import InputDoc
from .nlp import load_nlp
from .settings import Settings
from .stages.clean import Clean
from .gazetteer import Gazetteer
from .stages.actors import Actors
from .stages.attributions import Attributions
from .stages.ceasefires import Ceasefires
from .stages.entities import Entities
from .stages.events import Events
from .stages.language import ENGLISH, Language
from .stages.places import Places
from .stages.times import Times

logger = logging.getLogger(__name__)
Result = record.Record | record.ErrorLine


class Pipeline:
    def __init__(self, settings: Settings, nlp=None, gazetteer: Gazetteer | None = None):
        self.settings = settings
        self.nlp = nlp if nlp is not None else load_nlp(settings)
        self.clean = Clean()
        self.language = Language()
        gazetteer = gazetteer or Gazetteer()
        self.gazetteer = gazetteer
        self._foreign = None  # built when the first article in another language comes
        self._foreign_lock = threading.Lock()
        self.doc_stages = [Entities(), Places(gazetteer), Times(), Attributions(), Actors(gazetteer),
                           Events(gazetteer=gazetteer, **_event_options(settings)), Ceasefires(gazetteer)]

    def analyze(self, docs: Iterable[InputDoc | tuple[str | None, str]]) -> Iterator[Result]:
        """Records (or error lines) in input order; items may be pre-failed (id, message) pairs."""
        batch: list = []
        chars = 0
        for item in docs:
            batch.append(item)
            chars += len(item.content) if isinstance(item, InputDoc) else 0
            if len(batch) >= self.settings.batch_size or chars >= self.settings.batch_chars:
                yield from self._analyze_batch(batch)
                batch, chars = [], 0
        if batch:
            yield from self._analyze_batch(batch)

    def analyze_one(self, doc: InputDoc) -> Result:
        return next(self._analyze_batch([doc]))

    def _analyze_batch(self, items: list) -> Iterator[Result]:
        results: list[Result | Article] = [self._cleaned(item) for item in items]
        articles = [a for a in results if isinstance(a, Article)]
        english = [a for a in articles if a.language == ENGLISH]
        for article, doc in zip(english, self.nlp.pipe((a.text for a in english), batch_size=self.settings.batch_size)):
            article.doc = doc
        finished = iter(self._finished_together(articles))
        for result in results:
            yield next(finished) if isinstance(result, Article) else result

    def _finished_together(self, articles: list[Article]) -> list[Result]:
        """Every article's stages, one thread an article, their sentence embeddings gathered into one batch."""
        if len(articles) < 2:
            return [self._finished(article) for article in articles]
        gathering = Gathering(len(articles))
        with ThreadPoolExecutor(len(articles), thread_name_prefix="truce-article") as threads:
            return list(threads.map(gathering.run, [self._finished] * len(articles), articles))

    def _cleaned(self, item) -> Article | record.ErrorLine:
        if isinstance(item, tuple):
            return record.ErrorLine(id=item[0], error=item[1])
        article = Article(input=item)
        try:
            self.clean(article)
            if len(article.text) > self.settings.max_chars:
                raise InputError(f"the article text has {len(article.text):,} characters; "
                                 f"the limit is {self.settings.max_chars:,}")
            self.language(article)
        except TruceError as exc:
            return record.ErrorLine(id=item.id, error=str(exc))
        except Exception as exc:  # a library failing on hostile markup must not end the batch
            logger.exception("cleaning failed for %s", item.id)
            return record.ErrorLine(id=item.id, error=f"cleaning failed: {type(exc).__name__}: {exc}")
        return article

    def _finished(self, article: Article) -> Result:
        try:
            if article.language == ENGLISH:
                for stage in self.doc_stages:
                    stage(article)
            else:
                self.foreign(article)
            rec = article.to_record()
        except Exception as exc:  # one article's failure is reported on its own line
            logger.exception("analysis failed for %s", article.id)
            return record.ErrorLine(id=article.id, error=f"analysis failed: {type(exc).__name__}: {exc}")
        finally:
            article.doc = None  # free the Doc; records do not need it
        return rec

    @property
    def foreign(self):
        """The pipeline of the ten other languages (truce.multilingual), loaded on first use."""
        with self._foreign_lock:  # the articles of a batch run in threads
            if self._foreign is None:
                from .multilingual.pipeline import ForeignPipeline

                self._foreign = ForeignPipeline(self.gazetteer)
            return self._foreign


def _event_options(settings: Settings) -> dict:
    from .stages.events import LEARNED

    options = {"models": LEARNED, "judge": settings.events == "judged"} if settings.events != "rules" else {}
    if settings.min_confidence is not None:
        options["min_confidence"] = settings.min_confidence
    return options
