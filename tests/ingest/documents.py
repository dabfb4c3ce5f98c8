"""Small documents written like PDF extractions, structured by the real pipeline."""

from vraagbaak.ingest.clean import Vocabulary
from vraagbaak.ingest.pipeline import structure_document
from vraagbaak.ingest.read import TextReader


def sections(corpus, text: str):
    path = corpus / "doc.txt"
    path.write_text(text)
    doc = TextReader().read(path)
    return structure_document(doc, Vocabulary.from_texts([text]))
