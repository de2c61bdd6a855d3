"""The language stage: which language an article is in, and so which pipeline reads it."""
import pytest

from truce.multilingual import LANGUAGES
from truce.stages.language import ENGLISH, Language

# Sentences invented for these tests, one a language.
SENTENCES = {
    "en": "The council postponed its vote on the new bridge after a long debate.",
    "ar": "أجل المجلس التصويت على الجسر الجديد بعد نقاش طويل.",
    "fa": "شورا رأی‌گیری درباره پل جدید را پس از بحثی طولانی به تعویق انداخت.",
    "ru": "Совет отложил голосование по новому мосту после долгих споров.",
    "uk": "Рада відклала голосування щодо нового мосту після тривалої дискусії.",
    "es": "El consejo aplazó la votación sobre el nuevo puente tras un largo debate.",
    "fr": "Le conseil a reporté son vote sur le nouveau pont après un long débat.",
    "tr": "Meclis, uzun bir tartışmanın ardından yeni köprü oylamasını erteledi.",
    "zh": "经过长时间辩论，委员会推迟了对新桥的投票。",
    "pt": "O conselho adiou a votação sobre a nova ponte depois de um longo debate.",
    "de": "Der Rat hat die Abstimmung über die neue Brücke nach langer Debatte verschoben.",
}


@pytest.fixture(scope="module")
def language():
    return Language()


def test_every_language_has_a_sentence_here():
    assert set(SENTENCES) == {ENGLISH, *LANGUAGES}


@pytest.mark.parametrize("code", sorted(SENTENCES))
def test_identifies_the_language_of_one_sentence(language, code):
    assert language.identify(SENTENCES[code]) == code


def test_text_without_words_is_read_as_english(language):
    assert language.identify("2024 - 17:30 / 42") == ENGLISH


def test_english_samples_are_read_by_the_english_pipeline(sample_records):
    assert sample_records and all(r.language == ENGLISH for r in sample_records)
    assert all(r.entities for r in sample_records)  # spaCy's stages ran: only English has entities


def test_a_short_english_sentence_full_of_names_stays_english(language):
    assert language.identify("The Harbour Works Liaison Officer, Capt Obiora Nwankwo, opened the session in Onitsha.") == ENGLISH
