"""Split a document's lines into blocks: runs of lines between blank lines, page breaks, links and tables.

Blocks are the units that heading detection and reading-order repair reason about.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from vraagbaak.ingest.clean import BULLET, normalise_line
from vraagbaak.ingest.links import is_url_line
from vraagbaak.ingest.read import Line

OPENERS = "‘“'\"([«"
CLOSERS = "’”'\")]»"
#: A sentence ends with one of these, possibly followed by closing quotes or brackets.
SENTENCE_END = re.compile(r"[.!?:;…][’'\"”)\]»]*$")

#: A line that leaves its sentence open: it ends in a word or a comma (not in a footnote's number).
OPEN_SENTENCE = re.compile(r"(?:[^\W\d_]{2}|,)$")

#: A title in lower case before a name ("mr. Hendrika van Doorn", "drs. ing. J. Jansen") opens a sentence: a
#: signature under a foreword, not the end of a sentence from elsewhere.
NAME_TITLE = re.compile(r"(?:(?:mr|dr|drs|ir|ing|prof|mw|mevr|dhr|ds)\.\s*)+[A-ZÀ-Ý]")
#: A list's item lettered in lower case ("a. de dijkversterking …", "(b) noodwaterpunten …") opens its own text.
LETTERED_ITEM = re.compile(r"\(?[a-z][.)]\s")

BlockKind = Literal["text", "heading", "links", "table"]


@dataclass(eq=False)
class Block:
    lines: list[Line]
    kind: BlockKind = "text"
    #: Headings: 1 for a top section, 2 for a section inside it (deeper in a numbered outline).
    level: int = 0
    #: Text that continues the sentence of the text block before it (after reading-order repair).
    continues: bool = False
    #: A heading printed as a page title and extracted at the end of its page.
    displaced: bool = False
    #: A numbered heading of the document's outline ("3.4.4 Uitvoeringskosten"); its level is its depth.
    outline: bool = False
    #: Text written straight under a numbered heading, with no blank line between: that heading's own text
    #: ("Voorzitter werkgroep: Lotte Bakker, wethouder van Alkmaar"), never a heading of its own.
    attached: bool = False

    @property
    def page(self) -> int:
        return self.lines[0].page

    @property
    def text(self) -> str:
        """The lines joined with spaces (no de-hyphenation): for decisions, not for display."""
        return " ".join(normalise_line(line.text) for line in self.lines)

    @property
    def first_word(self) -> str:
        return self.text.lstrip(OPENERS).split(" ", 1)[0]

    @property
    def starts_lowercase(self) -> bool:
        """Begins mid-sentence: "economie we willen ...", "‘water en bodem’ ..." (not "mr. Hendrika …" or "a. de
        dijk …")."""
        head = self.text.lstrip(OPENERS)
        return bool(head) and head[0].islower() and not NAME_TITLE.match(head) and not LETTERED_ITEM.match(self.text)

    @property
    def ends_sentence(self) -> bool:
        return bool(SENTENCE_END.search(self.text))

    @property
    def dangling(self) -> bool:
        """Text that stops mid-sentence, as at the foot of a column."""
        return self.kind == "text" and not self.ends_sentence

    @property
    def is_bullet(self) -> bool:
        return bool(BULLET.match(self.text))

    @property
    def size(self) -> float:
        """The font size most of the block is set in (0 for plain text)."""
        sizes = [line.size for line in self.lines for _ in line.text]
        return max(set(sizes), key=sizes.count) if sizes else 0.0

    @property
    def bold(self) -> bool:
        return all(line.bold for line in self.lines)


def _in_sentence(current: list[Line], current_kind: BlockKind, lines: list[Line], number: int) -> bool:
    """Whether a line that is only a URL is words of a sentence: the text line before it, on its page, leaves
    its sentence open, and the URL ends it ("... op https://.../wieontvingen.") or the next line carries
    on in lower case ("Op www.pwc.nl treft u ..."). A list of links under a title stays a list. ``number``:
    the URL line's place in ``lines``."""
    line = lines[number]
    if current_kind != "text" or not current or line.page != current[-1].page or is_url_line(current[-1].text):
        return False
    if not OPEN_SENTENCE.search(normalise_line(current[-1].text)):
        return False
    following = next((lines[k] for k in range(number + 1, len(lines)) if not lines[k].blank), None)
    carries_on = (following is not None and following.page == line.page and not is_url_line(following.text)
                  and following.text.lstrip()[:1].islower())
    return bool(re.search(r"[.,;:!?)]$", line.text.strip())) or carries_on


def split_blocks(lines: list[Line]) -> list[Block]:
    """Group lines into blocks; a line that is only a URL becomes (part of) a links block, unless it carries
    on a sentence the block's last line left open ("... zoeken naar de ontvanger op" / "https://…/wieontvingen."):
    lifted out, that sentence would lose its own last words."""
    blocks: list[Block] = []
    current: list[Line] = []
    current_kind: BlockKind = "text"

    def flush() -> None:
        nonlocal current
        if current:
            blocks.append(Block(current, current_kind))
        current = []

    for number, line in enumerate(lines):
        if line.blank:
            flush()
            continue
        kind: BlockKind = ("links" if is_url_line(line.text) and not _in_sentence(current, current_kind, lines, number)
                           else "table" if line.table else "text")
        # Plain text has no layout, so a page change ends a block; a PDF reader marks the blocks itself
        # (a blank line), and a sentence that runs on over a page break stays one block.
        if current and (kind != current_kind or (line.page != current[-1].page and not line.size)):
            flush()
        current_kind = kind
        current.append(line)
    flush()
    return blocks
