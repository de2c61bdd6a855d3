"""language: the article's language (ISO 639-1), which chooses the pipeline that reads it.

lingua-language-detector (Apache-2.0), restricted to English and the ten other languages truce reads
(truce.multilingual.LANGUAGES), in its low-accuracy mode: trigram models only, loaded when a text
first needs them. A news article gives it hundreds of words, far more than that mode needs, and the
detector then takes about 40 MB instead of the full models' ~1 GB. A text is read as English, the
language truce read before it read others, unless another language is near certain: English keeps
a text when the detector gives English a confidence of ENGLISH_KEEPS or more (a short English
sentence full of names, "The Police Public Relations Officer, DSP ...", reads 0.58 French, 0.42
English), or cannot place it at all (digits only).
"""
from __future__ import annotations

import threading

from ..article import Article
from ..multilingual import LANGUAGES

ENGLISH = "en"
# The first characters decide: an article's language does not change past its opening paragraphs,
# and the detector's time grows with the text.
_SAMPLE_CHARS = 3000
ENGLISH_KEEPS = 0.1


class Language:
    """Fills article.language from the title and the opening of the text."""

    def __init__(self):
        self._detector = None
        self._lock = threading.Lock()

    def __call__(self, article: Article) -> None:
        article.language = self.identify(" ".join(filter(None, [article.title, article.text[:_SAMPLE_CHARS]])))

    def identify(self, text: str) -> str:
        confidences = {c.language.iso_code_639_1.name.lower(): c.value
                       for c in self.detector.compute_language_confidence_values(text)}
        if not confidences or confidences.get(ENGLISH, 0.0) >= ENGLISH_KEEPS:
            return ENGLISH
        code = max(confidences, key=confidences.get)
        return code if code in LANGUAGES and confidences[code] > 0 else ENGLISH

    @property
    def detector(self):
        with self._lock:  # the stages of a batch run in threads; the detector is built once
            if self._detector is None:
                from lingua import IsoCode639_1, Language as Lingua, LanguageDetectorBuilder

                languages = [Lingua.from_iso_code_639_1(getattr(IsoCode639_1, code.upper())) for code in (ENGLISH, *LANGUAGES)]
                self._detector = LanguageDetectorBuilder.from_languages(*languages).with_low_accuracy_mode().build()
            return self._detector
