"""A table row read under its header: the text a row's sentence is embedded and judged by.

A PDF's table reaches the passages as rows of cells joined by " | ", the header row first ("Categorie | Soort
incident | 2023 | 2024 | Verschil"). A row alone ("Hulpverlening | Dier in nood | 517 | 546 | +29") does not say
what its figures are, so a question for the count of 2024 found the header, not the row, and no number in it.
Each row's sentence is embedded and judged as its cells named by the header's ("Categorie: Hulpverlening | Soort
incident: Dier in nood | 2023: 517 | 2024: 546 | Verschil: +29"); what is shown and highlighted stays the row as
the report prints it. A table cut over two passages lends its header to the rows of the second.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from vraagbaak.build_format import Passage

CELL = " | "
#: A cell that is a figure ("517", "+29", "4,9%", "€ 1.240") says the row holds data, not names of columns;
#: a year ("2024") names a column.
FIGURE = re.compile(r"[-+−–]?\s*(?:€\s*)?\d[\d.,]*\s*%?")
YEAR = re.compile(r"(?:19|20)\d\d")
#: Names of columns are short: a cell of more words, or one that ends a sentence, is data.
HEADER_WORDS = 5
HEADER_CHARS = 40

Header = tuple[tuple[str, ...], ...]  # the header rows, each its cells


def cells(line: str) -> tuple[str, ...]:
    return tuple(cell.strip() for cell in line.strip().split(CELL))


def names_columns(row: tuple[str, ...]) -> bool:
    """Whether a row reads as a table's header: short names and years, no figures, no sentences."""
    return all(not (FIGURE.fullmatch(c) and not YEAR.fullmatch(c)) and len(c) <= HEADER_CHARS
               and len(c.split()) <= HEADER_WORDS and not c.endswith(".") for c in row if c)


def named(header: Header, row: tuple[str, ...]) -> str:
    """The row's cells each after its column's name; a header row of another width (the top of a two-level
    header) is put before it as it is. With no row of the right width, the header is put before the row."""
    fitting = next((h for h in reversed(header) if abs(len(h) - len(row)) <= 1), None)
    lines = [CELL.join(h) for h in header if h is not fitting]
    if fitting is None:
        return "\n".join([*lines, CELL.join(row)])
    width = min(len(fitting), len(row))  # one cell more or less: the row names (or merges) its first column
    label = row[:len(row) - width]
    paired = [f"{name}: {value}" if name and value and name != value else value
              for name, value in zip(fitting[len(fitting) - width:], row[len(row) - width:])]
    return "\n".join([*lines, CELL.join([*label, *paired])])


class _Reader:
    """Follows one passage's lines: which header governs each row, and the one that runs on past its end."""

    def __init__(self, carried: Header | None):
        self.carried = carried
        self.header: Header = ()
        self.in_table = False
        self.headers_only = False  # the table so far is its header rows
        self.blank = False
        self.started = False  # a line other than a row was read: a carried header no longer applies

    def line(self, line: str) -> Header | None:
        """The header that names this line's cells, if it is a row of a table with a header."""
        if not line.strip():
            self.blank = self.in_table
            return None
        if CELL not in line:
            self.in_table = self.blank = False
            self.started = True
            return None
        row = cells(line)
        if not self.in_table or (self.blank and not self.headers_only and names_columns(row)):
            self._start(row)
            return None if self.headers_only else self.header or None
        if self.headers_only and not self.blank and row[0] == self.header[0][0] and names_columns(row):
            self.header = (*self.header, row)  # a second row: "Programma | Lasten | Baten", "Programma | 2024 …"
            return None
        if self.headers_only and not self.blank and len(self.header) == 1 and len(self.header[0]) == 2:
            self.header = ()  # two names right above the next row: a fact sheet's first label and value
        self.headers_only = self.blank = False
        return self.header or None

    def _start(self, row: tuple[str, ...]) -> None:
        self.in_table, self.blank = True, False
        if self.carried and not self.started:
            self.header, self.headers_only = self.carried, False
        elif names_columns(row):
            self.header, self.headers_only = (row,), True
        else:
            self.header, self.headers_only = (), False
        self.started = True

    def running_on(self) -> Header | None:
        return self.header if self.in_table and self.header else None


def sentence_texts(passages: Sequence[Passage], sentences: Sequence[tuple[int, int, int]]) -> list[str]:
    """The text of each sentence ``(passage row, start, end)`` as it is embedded and judged: a table row named
    by its header, any other sentence as it stands."""
    governing: dict[int, list[tuple[int, Header | None]]] = {}
    carried: dict[tuple[str, int], tuple[int, Header | None]] = {}  # (document, order): (section, header)
    for row in sorted(range(len(passages)), key=lambda r: (passages[r].document, passages[r].order)):
        passage = passages[row]
        section, header = carried.get((passage.document, passage.order), (-1, None))
        reader = _Reader(header if section == passage.section_index else None)
        offset, lines = 0, []
        for line in passage.text.split("\n"):
            lines.append((offset, reader.line(line)))
            offset += len(line) + 1
        governing[row] = lines
        carried[(passage.document, passage.order + 1)] = (passage.section_index, reader.running_on())
    return [_sentence_text(passages[p].text, a, b, governing[p]) for p, a, b in sentences]


def _sentence_text(text: str, start: int, end: int, lines: list[tuple[int, Header | None]]) -> str:
    """The sentence with each whole row in it named by its header; a piece of a row (a sentence that ends inside a
    cell: "Brand | Het pand brandde af." and "Niemand raakte gewond | 3") stays as it stands."""
    sentence = text[start:end]
    if CELL not in sentence:
        return sentence
    out, offset = [], start
    for part in sentence.split("\n"):
        at, header = next(((at, h) for at, h in reversed(lines) if at <= offset), (0, None))
        whole = at == offset and text.find("\n", offset) in (offset + len(part), -1)
        out.append(named(header, cells(part)) if header and CELL in part and whole else part)
        offset += len(part) + 1
    return "\n".join(out)
