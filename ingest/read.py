"""Read a document file into numbered lines with page numbers.

Plain text comes from PDF extraction, where page breaks survive only as a convention (in the
G40 files: a line that begins with one space). That convention is a setting of the reader,
not a constant. PDF files are read page by page with pypdf.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from vraagbaak.config import DEFAULT_PAGE_BREAK
from vraagbaak.errors import ConfigurationError, VraagbaakError

SUPPORTED_SUFFIXES = (".txt", ".pdf")


class DocumentError(VraagbaakError):
    """A corpus file that cannot be read; the message names the file and says what to do."""

    code = "document"


@dataclass(frozen=True)
class Line:
    """One line of the source, as extracted: ``number`` is 1-based, ``start`` a character offset."""

    number: int
    page: int
    start: int
    text: str

    @property
    def blank(self) -> bool:
        return not self.text.strip()


@dataclass(frozen=True)
class SourceDocument:
    id: str
    title: str
    path: Path
    sha256: str
    lines: list[Line]

    @property
    def page_count(self) -> int:
        return max((line.page for line in self.lines), default=0)


def document_id(path: Path) -> str:
    """A URL-safe id from the file name: stable across runs, readable in citations."""
    slug = re.sub(r"[^a-z0-9]+", "-", unicodedata.normalize("NFKD", path.stem).encode("ascii", "ignore").decode().lower())
    return slug.strip("-") or "document"


def document_title(path: Path) -> str:
    """A readable title from the file name ("g40-jaarverslag-2023" -> "G40 jaarverslag 2023")."""
    words = re.sub(r"[-_]+", " ", path.stem).strip()
    return words[:1].upper() + words[1:]


class TextReader:
    """Reads ``.txt`` (UTF-8) and ``.pdf`` files into :class:`SourceDocument`."""

    def __init__(self, page_break: str = DEFAULT_PAGE_BREAK):
        try:
            self.page_break = re.compile(page_break)
        except re.error as exc:
            raise ConfigurationError(f"VRAAGBAAK_PAGE_BREAK is geen geldige reguliere expressie: {exc}.") from exc

    def read(self, path: Path) -> SourceDocument:
        path = Path(path)
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"{path.name}: kan het bestand niet lezen ({exc.strerror}).") from exc
        if not data.strip():
            raise DocumentError(f"{path.name}: het bestand is leeg; voeg tekst toe of haal het weg uit de corpusmap.")
        digest = hashlib.sha256(data).hexdigest()
        if path.suffix.lower() == ".pdf":
            lines = self._pdf_lines(path, data)
        else:
            lines = self._text_lines(path, data)
        if not any(not line.blank for line in lines):
            raise DocumentError(f"{path.name}: er staat geen leesbare tekst in het bestand.")
        return SourceDocument(document_id(path), document_title(path), path, digest, lines)

    def _text_lines(self, path: Path, data: bytes) -> list[Line]:
        if b"\x00" in data:
            raise DocumentError(f"{path.name}: dit is een binair bestand, geen tekst; lever platte tekst (UTF-8) of PDF aan.")
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise DocumentError(
                f"{path.name}: de tekst is geen geldige UTF-8 (byte {exc.start}); sla het bestand op als UTF-8."
            ) from exc
        lines: list[Line] = []
        page, offset, page_has_text = 1, 0, False
        for number, full in enumerate(text.split("\n"), start=1):
            raw = full.rstrip("\r")
            match = self.page_break.match(raw)
            if match and page_has_text:
                page, page_has_text = page + 1, False
            skip = match.end() if match else 0
            line = Line(number, page, offset + skip, unicodedata.normalize("NFC", raw[skip:].replace("\f", "")))
            lines.append(line)
            page_has_text = page_has_text or not line.blank
            offset += len(full) + 1
        while lines and lines[-1].blank:
            lines.pop()
        return lines

    def _pdf_lines(self, path: Path, data: bytes) -> list[Line]:
        from io import BytesIO

        from pypdf import PdfReader
        from pypdf.errors import PyPdfError

        try:
            pages = [page.extract_text() or "" for page in PdfReader(BytesIO(data)).pages]
        except (PyPdfError, ValueError, KeyError) as exc:
            raise DocumentError(f"{path.name}: de PDF is beschadigd of versleuteld en kan niet worden gelezen.") from exc
        lines: list[Line] = []
        number = offset = 0
        for page_number, page_text in enumerate(pages, start=1):
            for raw in page_text.split("\n"):
                number += 1
                lines.append(Line(number, page_number, offset, unicodedata.normalize("NFC", raw)))
                offset += len(raw) + 1
        return lines


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The documents of a corpus folder, sorted; hidden files and other suffixes are ignored."""
    return sorted(
        p for p in Path(corpus_dir).iterdir()
        if p.is_file() and not p.name.startswith(".") and p.suffix.lower() in SUPPORTED_SUFFIXES
    )
