"""Links into the source viewer. Only the service makes URLs: a build stores ids and offsets."""

from __future__ import annotations

from urllib.parse import quote

SOURCE_ROUTE = "/source/{document}"


def source_url(document: str, base: str = "") -> str:
    return base.rstrip("/") + SOURCE_ROUTE.format(document=quote(document, safe=""))


def passage_url(document: str, passage_id: str, base: str = "") -> str:
    """Opens the source at the passage, highlighted.

    >>> passage_url("g40-jaarverslag-2023", "ae1dbf39354361c2")
    '/source/g40-jaarverslag-2023?passage=ae1dbf39354361c2#passage-ae1dbf39354361c2'
    """
    return f"{source_url(document, base)}?passage={passage_id}#passage-{passage_id}"


def section_url(document: str, section_index: int, base: str = "") -> str:
    """Opens the source at a section.

    >>> section_url("g40-jaarverslag-2023", 4, "https://vraagbaak.example/")
    'https://vraagbaak.example/source/g40-jaarverslag-2023#section-4'
    """
    return f"{source_url(document, base)}#section-{section_index}"
