"""PLOVER contexts: what an event is about (military, diplomatic, legal, migration, ...).

The manual warns that contexts read off a whole document mislead ("an ASSAULT with an 'elections'
context does not imply electoral violence"), so an event takes the contexts its own sentence names,
from cue lists written from the manual's descriptions (resources/events/contexts.tsv), and those its
mode implies (a 'cyber' COERCE is in the cyber context, manual 3.15).
"""
from __future__ import annotations

import re
from pathlib import Path

CONTEXTS = Path(__file__).resolve().parents[2] / "resources" / "events" / "contexts.tsv"
CONTEXT_OF_MODE = {"cyber": "cyber", "misinformation": "misinformation"}
_KEPT_SENTENCES = 4096  # the contexts of the last sentences read, a bound on memory


class ContextTagger:
    def __init__(self, path: Path = CONTEXTS):
        self._named: dict[str, tuple[str, ...]] = {}
        self.patterns: list[tuple[str, re.Pattern]] = []
        for line in path.read_text(encoding="utf-8").splitlines():
            if not line.strip() or line.startswith("#"):
                continue
            name, cues = line.split("\t")
            words = sorted((c.strip() for c in cues.split(",") if c.strip()), key=len, reverse=True)
            # Acronyms (all capitals) match as written, other cues in any case.
            cased = [re.escape(w) for w in words if w.isupper()]
            plain = [re.escape(w) for w in words if not w.isupper()]
            parts = [f"(?i:{'|'.join(plain)})" if plain else "", "|".join(cased)]
            alternatives = "|".join(p for p in parts if p)
            self.patterns.append((name, re.compile(rf"\b(?:{alternatives})(?:s|es)?\b")))

    def __call__(self, sentence: str, mode: str | None = None) -> list[str]:
        found = list(self.named(sentence))
        implied = CONTEXT_OF_MODE.get(mode or "")
        if implied and implied not in found:
            found.append(implied)
        return found

    def named(self, sentence: str) -> tuple[str, ...]:
        """The contexts a sentence's words name, searched once a sentence: its events all ask."""
        found = self._named.get(sentence)  # one lookup: the articles of a batch run in threads
        if found is None:
            if len(self._named) >= _KEPT_SENTENCES:
                self._named.clear()
            found = self._named[sentence] = tuple(name for name, pattern in self.patterns if pattern.search(sentence))
        return found
