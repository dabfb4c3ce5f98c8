"""Find headings among blocks and decide how they nest.

No heading word list: a heading is a short block that does not read as a sentence. Its level
comes from evidence in the document itself:

* a heading followed directly by another heading is a container (a top section), and so is
  every heading that shares its first word ("Pijler Sociaal" like "Pijler Fysiek");
* a page title that extraction put at the foot of its page, in the middle of a sentence, is a
  top section and moves back to the top of its page;
* a heading that opens a page and belongs to no family of headings is a top section too;
* every other heading is a section inside the top section before it.

Where the reader knows fonts (PDF), they decide instead: a short block set larger than the body
text, or bold where the body is not, is a heading, and its level is the rank of its size among
the headings' sizes (the largest is level 1).
"""

from __future__ import annotations

import re
from collections import Counter

from vraagbaak.ingest.blocks import OPENERS, Block
from vraagbaak.ingest.clean import Reflower
from vraagbaak.ingest.links import URL

MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 14
MAX_HEADING_LINES = 2
#: A block set at least this much larger than the body text is a heading (font sizes known).
HEADING_SIZE_RATIO = 1.12
#: Headings set in a font can run over more lines and words than the text rules allow.
MAX_FONT_HEADING_LINES = 3
MAX_FONT_HEADING_CHARS = 220
NUMBERED = re.compile(r"^\d{1,3}(\.\d{1,3})*\.?\s+\S")


def heading_title(block: Block, reflower: Reflower) -> str:
    return reflower.paragraph(block.lines).text


def looks_like_heading(title: str) -> bool:
    """Short, capitalised, and not ending the way a sentence or a clause does."""
    head = title.lstrip(OPENERS)
    return (
        0 < len(title) <= MAX_HEADING_CHARS
        and len(title.split()) <= MAX_HEADING_WORDS
        and head[:1].isupper()
        and title[-1] not in ".,;:!?-…"
        and not URL.search(title)
    )


def detect_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """Mark heading blocks, split headings off the top of text blocks, and set levels."""
    if any(line.size for block in blocks for line in block.lines):
        return detect_font_headings(blocks, reflower)
    for block in blocks:
        if (block.kind == "text" and len(block.lines) <= MAX_HEADING_LINES and not block.is_bullet
                and looks_like_heading(heading_title(block, reflower))):
            block.kind = "heading"
    blocks = _split_leading_headings(blocks, reflower)
    _drop_false_headings(blocks)
    blocks = _move_displaced_titles(blocks)
    _assign_levels(blocks)
    return blocks


def _content(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind != "links"]


def _split_leading_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """A heading run into its first paragraph: "Thema X: ... manifest / ‘Het Nieuwe Normaal’ / Namens ...".

    Only headings that start with a word that starts other headings too are split off, and only
    when the line after them starts a new sentence.
    """
    prefixes = {w for w, n in Counter(b.first_word for b in blocks if b.kind == "heading").items() if n >= 2}
    result: list[Block] = []
    for block in blocks:
        if block.kind == "text" and block.first_word in prefixes and not block.is_bullet:
            for size in range(MAX_HEADING_LINES, 0, -1):
                if size >= len(block.lines):
                    continue
                head, rest = Block(block.lines[:size], "heading"), Block(block.lines[size:])
                if looks_like_heading(heading_title(head, reflower)) and not rest.starts_lowercase:
                    result += [head, rest]
                    break
            else:
                result.append(block)
            continue
        result.append(block)
    return result


def _drop_false_headings(blocks: list[Block]) -> None:
    """A "heading" that runs on into a lowercase sentence, or signs off a page, is text."""
    content = _content(blocks)
    for i, block in enumerate(content):
        if block.kind != "heading":
            continue
        after = content[i + 1] if i + 1 < len(content) else None
        before = content[i - 1] if i > 0 else None
        if after is not None and after.kind == "text" and after.starts_lowercase and after.page == block.page:
            block.kind = "text"
        elif after is None or after.page != block.page:
            # Last thing on its page: a heading only if it interrupts a sentence (a page title).
            if (before is not None and before.dangling and before.page == block.page
                    and after is not None and after.starts_lowercase):
                block.displaced = True
            else:
                block.kind = "text"


def _move_displaced_titles(blocks: list[Block]) -> list[Block]:
    for block in [b for b in blocks if b.displaced]:
        blocks.remove(block)
        first = next(i for i, b in enumerate(blocks) if b.page == block.page)
        blocks.insert(first, block)
    return blocks


def _assign_levels(blocks: list[Block]) -> None:
    content = _content(blocks)
    headings = [b for b in content if b.kind == "heading"]
    families = Counter(h.first_word for h in headings)
    containers = {
        content[i].first_word
        for i in range(len(content) - 1)
        if content[i].kind == "heading" and content[i + 1].kind == "heading"
    }
    opens_page = {id(b) for i, b in enumerate(content) if i == 0 or content[i - 1].page != b.page}
    for h in headings:
        top = h.first_word in containers or h.displaced or (id(h) in opens_page and families[h.first_word] == 1)
        h.level = 1 if top else 2


def body_font(blocks: list[Block]) -> tuple[float, bool]:
    """The size most text is set in, and whether that text is bold."""
    sizes: Counter[float] = Counter()
    bold: Counter[float] = Counter()
    for block in blocks:
        if block.kind == "text":
            for line in block.lines:
                sizes[round(line.size * 2) / 2] += len(line.text)
                bold[round(line.size * 2) / 2] += len(line.text) if line.bold else 0
    if not sizes:
        return 0.0, False
    size = sizes.most_common(1)[0][0]
    return size, bold[size] * 2 > sizes[size]


def detect_font_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """Headings from font size and weight; levels from the rank of the size (bold body-size headings last)."""
    body, body_bold = body_font(blocks)
    candidates = []
    for block in blocks:
        if block.kind != "text" or len(block.lines) > MAX_FONT_HEADING_LINES or block.is_bullet:
            continue
        title = heading_title(block, reflower)
        head = title.lstrip(OPENERS)
        numbered = NUMBERED.match(title) is not None  # "6. Voorstel tot ... Den Helder." is an agenda item's title
        if not (0 < len(title) <= MAX_FONT_HEADING_CHARS and (head[:1].isupper() or numbered)
                and (title[-1] not in ".,;:-…" or (numbered and title[-1] == ".")) and not URL.search(title)):
            continue
        if block.size >= body * HEADING_SIZE_RATIO or (block.bold and not body_bold and block.size >= body - 0.5):
            candidates.append(block)
    sizes = sorted({round(b.size * 2) / 2 for b in candidates}, reverse=True)
    for block in candidates:
        block.kind = "heading"
        block.level = sizes.index(round(block.size * 2) / 2) + 1
    return blocks
