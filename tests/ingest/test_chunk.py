"""Section-aware chunking: readable sizes, never across sections, citations that point into the source."""

import pytest

from tests.ingest.documents import sections
from vraagbaak.errors import ConfigurationError
from vraagbaak.ingest.chunk import Chunker, passage_id
from vraagbaak.ingest.read import TextReader

SENTENCE = "De themagroep bespreekt elke maand de voortgang van het programma met de steden. "


def test_overlap_must_be_smaller_than_the_size():
    with pytest.raises(ConfigurationError, match="VRAAGBAAK_CHUNK_OVERLAP"):
        Chunker(chunk_size=300, chunk_overlap=300)


def test_spans_stay_near_the_size_and_a_short_tail_joins_the_passage_before():
    chunker = Chunker(chunk_size=400, chunk_overlap=80)
    text = SENTENCE * 12 + "Kort."
    spans = chunker.spans(text)
    assert len(spans) > 1 and all(end - start <= chunker.max_chars for start, end in spans)
    assert spans[-1][1] == len(text) and text[spans[-1][0]:spans[-1][1]].endswith(SENTENCE.strip() + " Kort.")
    assert all(text[start:end].strip()[-1] in ".!?" for start, end in spans)  # cut at sentence ends


def test_passages_never_span_sections_and_cite_their_lines(corpus):
    text = "Thema A\n\n" + SENTENCE * 8 + "\n\nThema B\n\n" + SENTENCE * 3 + "\n"
    path = corpus / "doc.txt"
    path.write_text(text)
    document = TextReader().read(path)
    found = sections(corpus, text)
    passages = Chunker(chunk_size=300, chunk_overlap=60).passages(document, found)
    assert {p.citation.section[-1] for p in passages} == {"Thema A", "Thema B"}
    for p in passages:
        assert p.embed_text.startswith(p.citation.section[-1] + "\n")
        start, end = p.citation.offsets[0]
        assert text[start:end].split()[0] == p.text.split()[0]
    assert [p.order for p in passages] == list(range(len(passages)))


def test_ids_depend_on_document_and_content_only():
    assert passage_id("doc", "Een  tekst\nhier") == passage_id("doc", "Een tekst hier")
    assert passage_id("doc", "Een tekst") != passage_id("ander", "Een tekst")


def test_fragments_without_words_are_no_passages(corpus):
    """A page number, letters spaced out of a drawing or a table's bare figures answer nothing; a short
    sentence of real words stays."""
    text = ("Thema A\n\n" + SENTENCE * 3 + "\n\n12\n\nThema B\n\nJA de n va n\n\nThema C\n\n"
            "10.916 16.025 - EU-subsidies 3.085\n\nThema D\n\nVan ons allemaal.\n")
    path = corpus / "doc.txt"
    path.write_text(text)
    passages = Chunker(chunk_size=300, chunk_overlap=60).passages(TextReader().read(path), sections(corpus, text))
    assert "Van ons allemaal." in {p.text for p in passages}
    assert not [p.text for p in passages if p.text in ("12", "JA de n va n") or "3.085" in p.text]
    assert [p.order for p in passages] == list(range(len(passages)))
