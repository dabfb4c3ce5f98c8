"""The format of a build: what ingest writes and every later stage reads.

Kept light on purpose (pydantic only), so the search, the service and the evaluation can read
passages, documents and the manifest without importing the ingest pipeline (langchain, scipy).
A build holds ids and offsets, never URLs: the service makes the links, so renaming a route
does not mean re-ingesting.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, TypeAdapter

from vraagbaak.config import Settings

#: Bump when the files of a build change meaning; older builds are then refused.
BUILD_FORMAT = 5
#: Bumped when a build of the previous version cannot be served as it is (the keyword index weighs passages
#: otherwise): such a build is refused until the next ingest. A version that only reads files into other
#: passages (or document descriptions) needs no bump: ``index.ingested``, a digest of what ingest made,
#: differs, so the next ``vraagbaak ingest`` rebuilds, and the old build serves until then.
INGEST_FORMAT = 14  # 14: a name and role on one line sign a text only where its text ends

MANIFEST = "manifest.json"
PASSAGES = "passages.jsonl"
DOCUMENTS = "documents.json"

#: Between the headings of a section path, wherever a path is shown as one line.
PATH_SEPARATOR = " › "
#: The recursive splitter's separators: paragraph, line, sentence, clause, word, character.
SEPARATORS = ["\n\n", "\n", r"(?<=[.!?…])\s+", r"(?<=[;:,])\s+", " ", ""]


#: What a document is: ``ingest.metadata`` tells it from its title and text, or a meta file names it.
Kind = Literal["annual_report", "position_paper", "decision_list", "other"]

class Citation(BaseModel):
    """Where a passage stands in its source, precisely enough for a person to check it."""

    document: str
    title: str
    #: The source file's path in the corpus folder ("g40/jaarverslag-2023.pdf").
    file: str = ""
    #: The collection (corpus sub-folder) and the year the document is about, if known.
    collection: str = ""
    year: int | None = None
    section: list[str]
    page: int
    page_end: int
    #: The page numbers printed on those pages, where the document shows them (PDF).
    page_label: str | None = None
    page_end_label: str | None = None
    lines: tuple[int, int]
    #: Runs of source lines; more than one when reading-order repair joined text from elsewhere.
    line_ranges: list[tuple[int, int]]
    #: Character offsets in the source file, one pair per line range.
    offsets: list[tuple[int, int]]
    links: list[str]


class Passage(BaseModel):
    id: str
    document: str
    #: Position of the passage in its document (reading order).
    order: int
    #: Index of the section in the document, and the passage's place in that section's text.
    section_index: int
    start: int
    end: int
    text: str
    #: What is embedded and keyword-indexed: the section path gives the text its context.
    embed_text: str
    citation: Citation


class SectionRecord(BaseModel):
    """A section for the source viewer: its text, and where in it each new page begins."""

    path: list[str]
    level: int
    page: int
    text: str
    #: (offset in ``text``, page number) at every page change.
    pages: list[tuple[int, int]]
    links: list[str]


class DocumentRecord(BaseModel):
    id: str
    title: str
    #: Path in the corpus folder.
    file: str
    sha256: str
    pages: int
    sections: list[SectionRecord]
    #: Printed page numbers by physical page (PDF running headers or footers).
    page_labels: dict[int, str] = {}
    #: Pages of a PDF with text under a dark box (``ingest.pdf``): left out of the text, and the original
    #: file, which still holds it, is not served.
    covered_pages: list[int] = []
    #: Pages of a PDF that are a picture without text (a scan): nothing of them is in the index.
    scanned_pages: list[int] = []
    collection: str
    organisation: str
    year: int | None
    kind: Kind
    passages: int
    #: When this content (this SHA-256) was first ingested, ISO 8601 in UTC.
    ingested_at: str


#: ``documents.json``: every document of the build, for the source viewer.
DOCUMENT_LIST = TypeAdapter(list[DocumentRecord])


class Manifest(BaseModel):
    """What a build was made from and with; a build that does not match the settings is refused."""

    model_config = ConfigDict(extra="forbid")

    format: int
    build: str
    created: str
    #: The embedder's name, source, fingerprint, dimensions, quantisation and prompts, the setting, and the
    #: number of texts per forward pass it embedded (one: every vector independent of the others).
    model: dict[str, Any]
    dimensions: int
    chunking: dict[str, Any]
    #: File name -> SHA-256 of every ingested source.
    corpus: dict[str, str]
    index: dict[str, Any]
    #: The calibrated search settings (``index.search.SearchConfig``).
    search: dict[str, Any]
    calibrated: bool
    problems: list[str]
    #: Every other file of the build (path relative to the build) -> SHA-256, checked before it is used.
    files: dict[str, str]


def chunking_settings(settings: Settings) -> dict[str, object]:
    """What decides the passages, recorded in the manifest so a mismatched index is refused."""
    return {"format": INGEST_FORMAT, "page_break": settings.page_break, "splitter": "RecursiveCharacterTextSplitter",
            "chunk_size": settings.chunk_size, "chunk_overlap": settings.chunk_overlap, "separators": SEPARATORS}
