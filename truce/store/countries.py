"""Countries as the analyst names them: codes, English names and common names, resolved to the
alpha-2 code the store keeps for each event's location.

The gazetteer knows most common names ("Burma", "UK", "Ivory Coast", "Holland"); the few it lacks
are listed here. A name that means no country, or several, is an error with a message, never an
empty answer.
"""
from __future__ import annotations

import logging
import sqlite3

from ..errors import ResourceMissing
from ..gazetteer import Gazetteer, norm
from .backends import StoreError

logger = logging.getLogger(__name__)

# Common names the gazetteer does not carry for a country (GeoNames calls PS "Palestinian Territory").
COMMON_NAMES = {
    "palestine": "PS", "state of palestine": "PS", "palestinian territories": "PS",
    "occupied palestinian territories": "PS", "occupied palestinian territory": "PS",
}


class UnknownCountry(StoreError):
    """A country filter that names no country, or more than one."""


class Countries:
    """Country names and codes from the gazetteer, opened on first use and then kept."""

    def __init__(self, gazetteer: Gazetteer | None = None):
        self._gazetteer = gazetteer
        self._missing = False

    def names(self, iso2: str) -> tuple[str, str] | None:
        """(ISO alpha-3, English name) of an alpha-2 code; None when unknown or without a gazetteer."""
        gazetteer = self._open()
        return gazetteer.country(iso2) if gazetteer else None

    def code(self, given: str) -> str:
        """The alpha-2 code of a country given by code or name; raises UnknownCountry."""
        gazetteer = self._open()
        if gazetteer is None:  # no gazetteer built: only the code the store keeps can be matched
            if len(given.strip()) == 2 and given.strip().isalpha():
                return given.strip().upper()
            raise UnknownCountry(f"cannot resolve the country {given!r} without the gazetteer; give its ISO "
                                 "alpha-2 code (IQ), or build the gazetteer (make install)")
        codes = gazetteer.country_codes(given)
        if not codes and norm(given) in COMMON_NAMES:
            codes = [COMMON_NAMES[norm(given)]]
        if len(codes) == 1:
            return codes[0]
        if not codes:
            raise UnknownCountry(f"no country is called {given!r}; give an ISO code (IRQ, IQ) or a country's name "
                                 "(`truce query --countries` lists the countries in the store)")
        choices = ", ".join(f"{self.names(c)[1]} ({c})" for c in codes)
        raise UnknownCountry(f"{given!r} may mean {choices}; give one of the codes")

    def _open(self) -> Gazetteer | None:
        if self._gazetteer is None and not self._missing:
            try:
                self._gazetteer = Gazetteer()
            except (ResourceMissing, sqlite3.Error) as exc:  # no gazetteer built: countries keep their alpha-2 code only
                logger.warning("country names unavailable: %s", exc)
                self._missing = True
        return self._gazetteer
