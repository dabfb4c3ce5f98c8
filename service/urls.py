"""Links into the source viewer. Only the service makes URLs: a build stores ids and offsets."""

from __future__ import annotations

from urllib.parse import quote

from vraagbaak.build_format import Citation, DocumentRecord

SOURCE_ROUTE = "/source/{document}"
ORIGINAL_ROUTE = "/files/{document}.pdf"


def source_url(document: str, base: str = "") -> str:
    return base.rstrip("/") + SOURCE_ROUTE.format(document=quote(document, safe=""))


def passage_url(document: str, passage_id: str, base: str = "") -> str:
    """Opens the source at the passage, highlighted.

    >>> passage_url("g40-jaarverslag-2023", "ae1dbf39354361c2")
    '/source/g40-jaarverslag-2023?passage=ae1dbf39354361c2#passage-ae1dbf39354361c2'
    """
    return f"{source_url(document, base)}?passage={passage_id}#passage-{passage_id}"


def serves_original(record: DocumentRecord) -> bool:
    """A PDF is served as it is, unless text a dark box covers is still in it (``DocumentRecord.covered_pages``):
    the service shows no more of a document than a reader of its pages sees."""
    return record.file.lower().endswith(".pdf") and not record.covered_pages


def original_url(citation: Citation, base: str = "", page: int | None = None) -> str | None:
    """Opens the original PDF at ``page`` (the page of the passage's first highlighted sentence), else at the
    passage's first page; None for other formats (and documents whose original is not served: the caller).

    >>> c = Citation(document="raad-2015", title="Raad", file="raad-2015.pdf", section=[], page=3, page_end=4,
    ...              lines=(1, 2), line_ranges=[], offsets=[], links=[])
    >>> original_url(c), original_url(c, page=4)
    ('/files/raad-2015.pdf#page=3', '/files/raad-2015.pdf#page=4')
    """
    if not citation.file.lower().endswith(".pdf"):
        return None
    return f"{original_file_url(citation.document, base)}#page={page or citation.page}"


def original_file_url(document: str, base: str = "") -> str:
    return base.rstrip("/") + ORIGINAL_ROUTE.format(document=quote(document, safe=""))


def section_url(document: str, section_index: int, base: str = "") -> str:
    """Opens the source at a section.

    >>> section_url("g40-jaarverslag-2023", 4, "https://vraagbaak.example/")
    'https://vraagbaak.example/source/g40-jaarverslag-2023#section-4'
    """
    return f"{source_url(document, base)}#section-{section_index}"
