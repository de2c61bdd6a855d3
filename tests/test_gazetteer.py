"""The gazetteer is built at install time and loads offline, fast, with transliterations."""
import socket
import time

import pytest

from truce.gazetteer import Gazetteer, norm


@pytest.fixture(scope="module")
def gazetteer():
    return Gazetteer()


def test_gazetteer_loads_without_network(monkeypatch):
    def refuse(*args, **kwargs):
        raise OSError("network disabled in this test")
    monkeypatch.setattr(socket, "socket", refuse)
    started = time.perf_counter()
    gazetteer = Gazetteer()
    assert gazetteer.lookup("Baghdad")
    assert time.perf_counter() - started < 5  # opening is instant; generous bound for slow CI disks


@pytest.mark.parametrize("names", [("Erbil", "Arbil", "Irbil", "Hewler"), ("Kyiv", "Kiev"), ("Kharkiv", "Kharkov")])
def test_gazetteer_transliterations_reach_the_same_city(gazetteer, names):
    ids = [{e.id for e in gazetteer.lookup(n) if e.feature == "city"} for n in names]
    assert set.intersection(*ids)


@pytest.mark.parametrize("name,feature,country", [
    ("Syria", "country", "SY"), ("Iraqi", "country", "IQ"), ("U.S.", "country", "US"),
    ("Basra Governorate", "admin1", "IQ"), ("Green Zone", "landmark", "IQ"), ("Erbil airport", "airport", "IQ"),
    ("Middle East", "region", None), ("Europe", "continent", None),
])
def test_gazetteer_has_every_kind_of_place(gazetteer, name, feature, country):
    assert any(e.feature == feature and e.country_code == country for e in gazetteer.lookup(name))


def test_gazetteer_norm_folds_case_accents_and_punctuation():
    assert norm("Kata’ib") == norm("kataib")
    assert norm("Ṣalāḥ ad-Dīn") == "salah ad din"
    assert norm("the U.S.") == "us"
