"""Read a document file into numbered lines with page numbers.

Plain text comes from PDF extraction, where page breaks survive as a form feed (pdftotext) or
only as a convention (in the G40 files: a line that begins with one space). That convention is a
setting of the reader, not a constant; a form feed always starts a page. PDF files are read from
their layout (``ingest.pdf``): lines in reading order with their font size and weight, running
headers and footers left out, a blank line between blocks.
"""

from __future__ import annotations

import errno
import hashlib
import os
import re
import unicodedata
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING

from vraagbaak.config import DEFAULT_PAGE_BREAK
from vraagbaak.errors import ConfigurationError, VraagbaakError
from vraagbaak.ingest.links import scrub
from vraagbaak.ingest.margins import running_lines
from vraagbaak.ingest.metadata import DEFAULT_COLLECTION, collection_of, file_title, slug

if TYPE_CHECKING:
    from vraagbaak.ingest.pdf import PdfLayout

SUPPORTED_SUFFIXES = (".txt", ".pdf")
#: Control characters other than the tab, and the line and paragraph separators (a backspace where a
#: converter lost a bullet): a space each, so offsets into the file stay right. (NUL marks a binary file.)
CONTROL_AS_SPACE = {c: " " for c in [*range(0x01, 0x09), *range(0x0b, 0x20), *range(0x7f, 0xa0), 0x2028, 0x2029]
                    if c != 0x0c}


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
    #: Font size in points and weight, where the format has them (PDF); 0 and False for plain text.
    size: float = 0.0
    bold: bool = False
    #: A table row, its cells joined by " | ".
    table: bool = False

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
    #: Printed page numbers by physical page, where the document shows them (in running headers or footers).
    page_labels: dict[int, str] = field(default_factory=dict)
    #: Running header and footer lines left out of the text, one example each, for a person to check.
    removed: list[str] = field(default_factory=list)
    #: The corpus sub-folder the file is in (``ingest.metadata.collection_of``), and its path in the corpus.
    collection: str = DEFAULT_COLLECTION
    file: str = ""
    #: The title and author the file itself declares (PDF document information), if any.
    declared_title: str | None = None
    declared_author: str | None = None
    #: A PDF's pages, counted in the file (a last page without text counts too), and its scanned pages.
    pages: int = 0
    scanned_pages: list[int] = field(default_factory=list)
    #: A PDF's pages with text under a dark box drawn over it (a redaction that left the text in the file).
    covered_pages: list[int] = field(default_factory=list)
    #: The encoding a text file was read in when it was not UTF-8 (``decode_text``), for a warning.
    encoding: str | None = None
    #: Filled in by ``ingest.metadata.describe`` once the structure is known.
    organisation: str = ""
    year: int | None = None
    kind: str = "other"

    @property
    def page_count(self) -> int:
        return max(self.pages, max((line.page for line in self.lines), default=0))


#: A line of a table of contents: a title, leaders (dots, spaced or not, middle dots, underscores, an ellipsis), a
#: page number, maybe in a cell of its own ("2.1 Nieuwbouw ........ 4", "Inleiding ______ | 2").
CONTENTS_LINE = re.compile(r"(?:(?:[.·_]\s?){5,}|…{2,})\s*(?:\|\s*)?(\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
#: Without leaders, a title and a page number in a cell of its own ("1 Inleiding | 2"): only under a heading
#: that says it is the table of contents, as a table of figures looks the same.
CONTENTS_ENTRY = re.compile(r"^\S.*\s\|\s(\d{1,4}|[ivxlc]{1,6})\s*$", re.IGNORECASE)
CONTENTS_HEADING = re.compile(r"^\s*(?:inhoud|inhoudsopgave|inhoudstafel|contents|table of contents)\s*$", re.IGNORECASE)


def contents_lines(lines: list[Line]) -> set[int]:
    """The numbers of the lines of a table of contents, left out: it answers no question, and a passage of
    them outranked the chapters they list. At least three such lines in a row whose page numbers do not
    go down and stay within the document's pages; a summary of figures with dot leaders
    ("Personeelskosten ........ 850") is kept."""
    pages = max((line.page for line in lines), default=0) + 20
    runs: list[list[tuple[Line, str]]] = [[]]
    listed = False  # below a heading "Inhoud", where an entry needs no leaders
    for line in lines:
        if line.blank:
            continue
        match = CONTENTS_LINE.search(line.text) or (CONTENTS_ENTRY.search(line.text) if listed else None)
        if match:
            runs[-1].append((line, match.group(1)))
            continue
        listed = bool(CONTENTS_HEADING.match(line.text))
        if runs[-1]:
            runs.append([])
    found: set[int] = set()
    for run in runs:
        numbers = [int(n) for _, n in run if n.isdigit()]
        if len(run) >= 3 and numbers == sorted(numbers) and all(n <= pages for n in numbers):
            found.update(line.number for line, _ in run)
    return found


#: Byte-order marks of the encodings Windows' Notepad calls "Unicode".
UTF16_MARKS = (b"\xff\xfe", b"\xfe\xff")


def decode_text(data: bytes, name: str) -> tuple[str, str | None]:
    """The text of a ``.txt`` file and, when some of it was not UTF-8, how it was read instead.

    UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are read as they are. A line
    that is no UTF-8 is read as Windows-1252, the West European encoding of older Windows programs, when that
    gives plain text: a civil servant's export should not be refused over its encoding, nor a whole file
    garbled for one pasted character; the note names the lines, to check their accented letters."""
    if data.startswith(b"%PDF-"):
        raise DocumentError(f"{name}: dit is een PDF met de extensie .txt; hernoem het bestand naar .pdf.")
    if data.startswith(UTF16_MARKS):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError:
            text = ""
        if _plain(text) and sum(ord(c) < 0x3000 for c in text) >= 0.9 * len(text):  # not bytes read as Chinese
            return text, None
        raise _binary(name)
    if b"\x00" in data:
        if data.count(b"\x00") >= len(data) // 3:  # every other byte nothing: UTF-16 without its mark
            raise DocumentError(f"{name}: dit lijkt tekst in UTF-16 zonder byte-order mark; sla het bestand op als "
                                "UTF-8.")
        raise _binary(name)
    try:
        return data.decode("utf-8-sig"), None
    except UnicodeDecodeError:
        pass
    pieces, other = [], []
    for number, line in enumerate(re.split(rb"(?<=\n)", data.removeprefix(b"\xef\xbb\xbf")), start=1):
        for piece in re.split(rb"(?<=\r)", line):  # a file with CR line ends is no single long line
            try:
                text, windows = _utf8_or_windows(piece)
            except UnicodeDecodeError:
                raise DocumentError(f"{name}: de tekst is geen geldige UTF-8 (regel {number}); sla het bestand op "
                                    "als UTF-8.") from None
            pieces.append(text)
            if windows:
                other.append(number)
    text = "".join(pieces)
    if not _plain(text):
        raise _binary(name)
    other = sorted(set(other))
    shown = ", ".join(map(str, other[:5])) + (f" en {len(other) - 5} meer" if len(other) > 5 else "")
    return text, f"Windows-1252 ({'regel' if len(other) == 1 else 'regels'} {shown})"


def _utf8_or_windows(data: bytes) -> tuple[str, bool]:
    """``data`` as UTF-8, each byte run that is no UTF-8 read as Windows-1252 (a byte that encoding leaves
    undefined, such as 0x81, raises UnicodeDecodeError), and whether any was."""
    out, at = [], 0
    while True:
        try:
            out.append(data[at:].decode("utf-8"))
            return "".join(out), at > 0
        except UnicodeDecodeError as exc:
            out.append(data[at:at + exc.start].decode("utf-8") + data[at + exc.start:at + exc.end].decode("cp1252"))
            at += exc.end


def _binary(name: str) -> DocumentError:
    return DocumentError(f"{name}: dit is een binair bestand, geen tekst; lever platte tekst (UTF-8) of PDF aan.")


def _plain(text: str) -> bool:
    """Text without control characters but tabs, line ends and form feeds: what a text file holds."""
    return bool(text) and not any(ord(c) < 0x20 and c not in "\t\n\r\f" for c in text)


def document_id(path: Path) -> str:
    """A URL-safe id from the file name: stable across runs and collections, readable in citations."""
    return slug(path.stem) or "document"


class TextReader:
    """Reads ``.txt`` (UTF-8) and ``.pdf`` files into :class:`SourceDocument`."""

    def __init__(self, page_break: str = DEFAULT_PAGE_BREAK):
        try:
            self.page_break = re.compile(page_break)
        except re.error as exc:
            where = f" (bij teken {exc.pos + 1})" if exc.pos is not None else ""
            raise ConfigurationError(f"VRAAGBAAK_PAGE_BREAK is geen geldige reguliere expressie{where}.") from exc

    def read(self, path: Path, corpus_dir: Path | None = None) -> SourceDocument:
        """``corpus_dir`` gives the file its collection and its path in the corpus (else: its name), which the
        errors name: two collections may hold files of the same name."""
        path = Path(path)
        collection = collection_of(path, Path(corpus_dir)) if corpus_dir else DEFAULT_COLLECTION
        file = path.relative_to(corpus_dir).as_posix() if corpus_dir else path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise DocumentError(f"{file}: kan het bestand niet lezen ({_reason(exc)}). "
                                "Het bestand is overgeslagen.") from exc
        if not data.strip():
            raise DocumentError(f"{file}: het bestand is leeg. Het bestand is overgeslagen; voeg tekst toe of haal "
                                "het weg uit de corpusmap.")
        digest = hashlib.sha256(data).hexdigest()
        labels: dict[int, str] = {}
        removed: list[str] = []
        title, author, pages, scanned, covered, encoding = None, None, 0, [], [], None
        if path.suffix.lower() == ".pdf":
            lines, layout = self._pdf_lines(data, file)
            labels, removed, title, author, pages = (layout.page_labels, layout.removed, layout.title, layout.author,
                                                     layout.pages)
            scanned, covered = layout.scanned, layout.covered
        else:
            text, encoding = decode_text(data, file)
            lines = self._text_lines(text)
            if "\f" in text:  # pages a PDF had, with its margins; the page-break rule alone marks no margins
                running, labels, removed = running_lines(lines)
                lines = [line for line in lines if line.number not in running]
        contents = contents_lines(lines)
        lines = [replace(line, text="") if line.number in contents else line for line in lines]
        if not any(not line.blank for line in lines):
            raise DocumentError(f"{file}: er staat geen leesbare tekst in het bestand.")
        lines = [replace(line, text=scrub(line.text)) for line in lines]
        return SourceDocument(document_id(path), file_title(path), path, digest, lines, labels, removed, collection, file, title,
                              author, pages=pages, scanned_pages=scanned, covered_pages=covered, encoding=encoding)

    def _text_lines(self, text: str) -> list[Line]:
        lines: list[Line] = []
        page, offset, page_has_text = 1, 0, False
        for number, full in enumerate(text.split("\n"), start=1):
            raw = full.rstrip("\r")
            match = self.page_break.match(raw)
            if (match or "\f" in raw) and page_has_text:
                page, page_has_text = page + 1, False
            skip = match.end() if match else 0
            cleaned = raw[skip:].replace("\f", "").translate(CONTROL_AS_SPACE)
            line = Line(number, page, offset + skip, unicodedata.normalize("NFC", cleaned))
            lines.append(line)
            page_has_text = page_has_text or not line.blank
            offset += len(full) + 1
        while lines and lines[-1].blank:
            lines.pop()
        return lines

    def _pdf_lines(self, data: bytes, name: str) -> tuple[list[Line], PdfLayout]:
        from vraagbaak.ingest.pdf import PdfUnreadable, read_layout

        try:
            layout = read_layout(data)
        except PdfUnreadable as exc:
            raise DocumentError(f"{name}: {exc.reason}. Het bestand is overgeslagen.") from exc
        except Exception as exc:  # one strange PDF must not stop the others from being ingested
            raise DocumentError(f"{name}: de PDF kon niet worden gelezen ({type(exc).__name__}). "
                                "Het bestand is overgeslagen.") from exc
        lines: list[Line] = []
        offset = 0
        for pdf_line in layout.lines:
            if pdf_line.new_block and lines:
                lines.append(Line(len(lines) + 1, pdf_line.page, offset, ""))
                offset += 1
            text = unicodedata.normalize("NFC", pdf_line.text)
            lines.append(Line(len(lines) + 1, pdf_line.page, offset, text, pdf_line.size, pdf_line.bold, pdf_line.table))
            offset += len(text) + 1
        return lines, layout


@dataclass
class CorpusListing:
    """What a corpus folder holds: its visible files, and what could not be looked into. ``unreadable`` are
    paths relative to the corpus (a folder that cannot be opened, a link to nothing), each with a Dutch
    sentence in ``problems``: a report that was in the index must not silently drop out with them."""

    files: list[Path] = field(default_factory=list)
    unreadable: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def list_corpus(corpus_dir: Path) -> CorpusListing:
    """Every file of a corpus folder and its sub-folders, sorted; hidden files and folders left out. A folder
    linked from elsewhere is followed; one linked from inside the corpus is read under its own name, and one
    that holds the corpus (a link up) not at all. A link to nothing and a folder that cannot be read are
    named."""
    root = Path(corpus_dir)
    listing = CorpusListing()
    seen: set[str] = set()

    def refused(error: OSError) -> None:
        if not error.filename or Path(error.filename) == root:
            raise DocumentError(f"De corpusmap {root} kan niet worden gelezen ({_reason(error)}); er is niets "
                                "veranderd.") from error
        relative = Path(error.filename).relative_to(root).as_posix()
        listing.unreadable.append(relative)
        listing.problems.append(f"{relative}/: deze map kan niet worden gelezen ({_reason(error)}); wat erin staat, "
                                "is niet gelezen.")

    inside = os.path.realpath(root)
    for folder, folders, names in os.walk(root, onerror=refused, followlinks=True):
        real = os.path.realpath(folder)
        if real in seen:
            folders.clear()  # a link to a folder already read: no second copy, no endless loop
            continue
        seen.add(real)
        for up in [f for f in folders if _link_up(Path(folder) / f, inside)]:
            listing.problems.append(f"{(Path(folder) / up).relative_to(root).as_posix()}/: deze koppeling wijst naar een "
                                    "map boven de corpusmap; die is niet gelezen.")
        folders[:] = sorted(f for f in folders if not f.startswith(".") and not _link_within(Path(folder) / f, inside)
                            and not _link_up(Path(folder) / f, inside))
        for name in sorted(names):
            path = Path(folder) / name
            if name.startswith("."):
                continue
            if path.is_file():
                listing.files.append(path)
            elif path.is_symlink() and not path.exists():
                relative = path.relative_to(root).as_posix()
                listing.unreadable.append(relative)
                listing.problems.append(f"{relative}: deze koppeling wijst naar een bestand of map dat er niet (meer) "
                                        "is; het is overgeslagen.")
    listing.files.sort()
    return listing


def _link_within(path: Path, corpus: str) -> bool:
    """A linked folder whose target is in the corpus already: the folder itself is read, under its own name."""
    return path.is_symlink() and os.path.commonpath([os.path.realpath(path), corpus]) == corpus


def _link_up(path: Path, corpus: str) -> bool:
    """A linked folder that holds the corpus itself: following it would read what lies beside the corpus."""
    if not path.is_symlink():
        return False
    target = os.path.realpath(path)
    return os.path.commonpath([target, corpus]) == target


def _reason(error: OSError) -> str:
    """The reason an operating-system call failed, in Dutch for the common ones."""
    return {errno.EACCES: "geen leesrechten", errno.EPERM: "geen leesrechten", errno.ENOENT: "bestaat niet (meer)",
            errno.EIO: "leesfout van de schijf", errno.ENOTDIR: "is geen map",
            errno.EISDIR: "is een map"}.get(error.errno, error.strerror or type(error).__name__)


def visible_files(corpus_dir: Path) -> list[Path]:
    """Every file of a corpus folder and its sub-folders, sorted; hidden files and folders left out."""
    return list_corpus(corpus_dir).files


def is_document(path: Path) -> bool:
    """A file ingest reads (by its suffix)."""
    return path.suffix.lower() in SUPPORTED_SUFFIXES


def corpus_files(corpus_dir: Path) -> list[Path]:
    """The documents of a corpus folder and its sub-folders (collections), sorted; hidden files and
    folders and other suffixes are ignored."""
    return [p for p in visible_files(corpus_dir) if is_document(p)]
