"""language: the article's language (ISO 639-1), which chooses the pipeline that reads it.

lingua-language-detector (Apache-2.0), restricted to English and the ten other languages truce reads
(truce.multilingual.LANGUAGES), in its low-accuracy mode: trigram models only, loaded when a text
first needs them. A news article gives it hundreds of words, far more than that mode needs, and the
detector then takes about 40 MB instead of the full models' ~1 GB. A text it cannot place (digits
only, a language it was not given) is read as English, the language truce read before it read others.
"""
from __future__ import annotations

import threading

from ..article import Article
from ..multilingual import LANGUAGES

ENGLISH = "en"
# The first characters decide: an article's language does not change past its opening paragraphs,
# and the detector's time grows with the text.
_SAMPLE_CHARS = 3000


class Language:
    """Fills article.language from the title and the opening of the text."""

    def __init__(self):
        self._detector = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> None:
        article.language = self.identify(" ".join(filter(None, [article.title, article.text[:_SAMPLE_CHARS]])))

    def identify(self, text: str) -> str:
        found = self.detector.detect_language_of(text)
        code = found.iso_code_639_1.name.lower() if found is not None else ENGLISH
        return code if code in LANGUAGES else ENGLISH

    @property
    def detector(self):
        with self._lock:  # the stages of a batch run in threads; the detector is built once
            if self._detector is None:
                from lingua import IsoCode639_1, Language as Lingua, LanguageDetectorBuilder

                languages = [Lingua.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in (ENGLISH, *LANGUAGES)]
                self._detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
            return self._detector
