"""The Doc readings the stages share (truce.nlp): kept once a Doc, and the same as spaCy's own."""
from truce.nlp import noun_chunks_of, text_of

TEXT = ("The mayor of Lowbridge met two union leaders on Monday. They asked the city council for a new bus "
        "depot.\n\nPolice arrested a man near the old harbour after a long chase.")


def test_noun_chunks_of_a_sentence_are_spacys(nlp):
    doc = nlp(TEXT)
    for sentence in doc.sents:
        ours = [(c.start, c.end, c.label_) for c in noun_chunks_of(doc, within=sentence)]
        assert ours == [(c.start, c.end, c.label_) for c in sentence.noun_chunks]
    assert [c.text for c in noun_chunks_of(doc)] == [c.text for c in doc.noun_chunks]
    assert any(c.text == "the city council" for c in noun_chunks_of(doc))


def test_text_of_is_the_docs_text_read_once(nlp):
    doc = nlp(TEXT)
    assert text_of(doc) == doc.text == TEXT
    assert text_of(doc) is text_of(doc)  # kept, not rebuilt from the tokens


def test_a_doc_without_a_parse_has_no_chunks(nlp):
    assert noun_chunks_of(nlp.make_doc("Two union leaders met.")) == []
