"""Ordered blocks become sections: a heading path, reflowed paragraphs and the links under them."""

from __future__ import annotations

from dataclasses import dataclass, field

from vraagbaak.ingest.blocks import Block
from vraagbaak.ingest.clean import MappedText, Reflower
from vraagbaak.ingest.links import urls_in

PARAGRAPH_BREAK = "\n\n"


@dataclass
class Section:
    path: list[str]
    level: int
    page: int
    paragraphs: list[MappedText] = field(default_factory=list)
    links: list[str] = field(default_factory=list)
    #: The heading's font size, where the reader knows fonts (shown by ``ingest --inspect``).
    size: float = 0.0

    def body(self) -> MappedText:
        """All paragraphs as one text, separated by blank lines, with their line anchors."""
        body = MappedText()
        for para in self.paragraphs:
            if body.text:
                body.text += PARAGRAPH_BREAK
            shift = len(body.text)
            body.anchors += [(offset + shift, line) for offset, line in para.anchors]
            body.text += para.text
        return body

    def add_links(self, urls: list[str]) -> None:
        self.links += [u for u in urls if u not in self.links]


def build_sections(blocks: list[Block], reflower: Reflower) -> list[Section]:
    """Walk the blocks in reading order; text before the first heading gets an empty path."""
    first_page = blocks[0].page if blocks else 1
    sections = [Section(path=[], level=0, page=first_page)]
    open_headings: list[tuple[int, str]] = []  # (level, title) of the headings the current one sits in
    for block in blocks:
        current = sections[-1]
        if block.kind == "heading":
            title = reflower.paragraph(block.lines).text
            while open_headings and open_headings[-1][0] >= block.level:
                open_headings.pop()
            open_headings.append((block.level, title))
            path = [t for _, t in open_headings]
            sections.append(Section(path=path, level=len(path), page=block.page, size=block.size))
        elif block.kind == "links":
            current.add_links(urls_in("\n".join(line.text for line in block.lines)))
        elif block.continues and current.paragraphs:
            for line in block.lines:
                reflower.append(current.paragraphs[-1], line)
        else:
            current.paragraphs.append(reflower.paragraph(block.lines))
    for section in sections:
        for para in section.paragraphs:
            section.add_links(urls_in(para.text))
    return [s for s in sections if s.path or s.paragraphs]
