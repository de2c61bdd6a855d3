"""Fuzz the cleaning stage: scraped plain text through the line rules, HTML through trafilatura.

Plain text always comes back with some text (chrome rules never empty a page) and a title taken from
it; HTML gives an article text or an InputError ("no article text"), never another exception.

    python fuzz/fuzz_clean.py fuzz/corpus/clean -max_total_time=600
"""
import atheris

from _harness import run

with atheris.instrument_imports(include=["truce"]):
    from truce.article import Article
    from truce.errors import InputError
    from truce.inputs import InputDoc
    from truce.stages.clean import Clean, clean_text

clean = Clean()


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_html = provider.ConsumeBool()
    content = provider.ConsumeUnicodeNoSurrogates(provider.remaining_bytes())
    if as_html:
        article = Article(input=InputDoc(id="fuzz", html=content))
        try:
            clean(article)
        except InputError:
            return
        assert article.text.strip()
        return
    cleaned, title = clean_text(content)
    assert bool(cleaned.strip()) == bool(content.strip())
    assert title is None or title in content


if __name__ == "__main__":
    run(test_one_input)
