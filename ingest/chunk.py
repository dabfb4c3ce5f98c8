"""Section-aware chunking into passages that carry everything a citation needs.

Each section is split on its own (a passage never spans two sections) with langchain's
recursive splitter: paragraphs first, then lines, then sentences, then words.
"""

from __future__ import annotations

import hashlib
import re

from langchain_text_splitters import RecursiveCharacterTextSplitter

from vraagbaak.build_format import PATH_SEPARATOR, SEPARATORS, Citation, Passage
from vraagbaak.errors import ConfigurationError
from vraagbaak.ingest.read import Line, SourceDocument
from vraagbaak.ingest.structure import Section

#: A passage needs this many words (of three letters or more) to be kept: a lone page number, letters
#: spaced out of a drawing ("JA de n va n") or a table's bare figures answer no question, and on a shelf
#: they win first places by chance.
MIN_WORDS = 2
WORD = re.compile(r"[^\W\d_]{3,}")


def passage_id(document: str, text: str) -> str:
    """Derived from document and content only, so re-ingesting unchanged text keeps ids."""
    return hashlib.sha256(f"{document}\n{' '.join(text.split())}".encode()).hexdigest()[:16]


def _line_ranges(lines: list[Line]) -> tuple[list[tuple[int, int]], list[tuple[int, int]]]:
    ranges: list[tuple[int, int]] = []
    offsets: list[tuple[int, int]] = []
    for line in lines:
        end = line.start + len(line.text)
        if ranges and line.number == ranges[-1][1] + 1:
            ranges[-1] = (ranges[-1][0], line.number)
            offsets[-1] = (offsets[-1][0], end)
        else:
            ranges.append((line.number, line.number))
            offsets.append((line.start, end))
    return ranges, offsets


class Chunker:
    """Splits each section on its own; sizes come from the settings (``VRAAGBAAK_CHUNK_SIZE``/``_OVERLAP``)."""

    def __init__(self, chunk_size: int, chunk_overlap: int):
        if chunk_overlap >= chunk_size:
            raise ConfigurationError("VRAAGBAAK_CHUNK_OVERLAP moet kleiner zijn dan VRAAGBAAK_CHUNK_SIZE.")
        self.chunk_size, self.chunk_overlap = chunk_size, chunk_overlap
        self.splitter = RecursiveCharacterTextSplitter(
            chunk_size=chunk_size,
            chunk_overlap=chunk_overlap,
            separators=SEPARATORS,
            is_separator_regex=True,
            keep_separator="end",
            add_start_index=True,
        )

    @property
    def min_chars(self) -> int:
        """Shorter pieces (a paragraph's last sentence) join the passage before them..."""
        return self.chunk_size // 3

    @property
    def max_chars(self) -> int:
        """...as long as the result stays readable in a chat widget."""
        return self.chunk_size + self.chunk_size // 5

    def spans(self, text: str) -> list[tuple[int, int]]:
        """Passage boundaries as offsets into ``text``."""
        spans: list[tuple[int, int]] = []
        for chunk in self.splitter.create_documents([text]):
            start = chunk.metadata["start_index"]
            end = start + len(chunk.page_content)
            if spans and end - start < self.min_chars and end - spans[-1][0] <= self.max_chars:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
        return spans

    @staticmethod
    def has_text(sections: list[Section]) -> bool:
        """Whether any section has the words a passage needs (known before the document has its id)."""
        return any(len(WORD.findall(section.body().text)) >= MIN_WORDS for section in sections)

    def passages(self, document: SourceDocument, sections: list[Section]) -> list[Passage]:
        passages: list[Passage] = []
        seen: dict[str, int] = {}
        for index, section in enumerate(sections):
            body = section.body()
            if not body.text.strip():
                continue
            for start, end in self.spans(body.text):
                raw = body.text[start:end]
                lines = sorted(body.lines_between(start, end), key=lambda line: line.number)
                text = raw.strip()
                if len(WORD.findall(text)) < MIN_WORDS:
                    continue
                base = passage_id(document.id, text)
                repeat = seen[base] = seen.get(base, -1) + 1
                pid = f"{base}-{repeat}" if repeat else base
                ranges, offsets = _line_ranges(lines)
                pages = [line.page for line in lines] or [section.page]
                context = PATH_SEPARATOR.join(section.path) or document.title
                passages.append(Passage(
                    id=pid, document=document.id, order=len(passages), section_index=index,
                    start=start, end=end, text=text, embed_text=f"{context}\n{text}",
                    citation=Citation(
                        document=document.id, title=document.title, file=document.file or document.path.name,
                        collection=document.collection, year=document.year, section=section.path,
                        page=min(pages), page_end=max(pages),
                        page_label=document.page_labels.get(min(pages)),
                        page_end_label=document.page_labels.get(max(pages)),
                        lines=(ranges[0][0], ranges[-1][1]) if ranges else (0, 0),
                        line_ranges=ranges, offsets=offsets,
                        links=section.links,
                    ),
                ))
        return passages
