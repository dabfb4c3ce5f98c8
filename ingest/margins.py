"""Running headers, footers and page numbers in a text file whose pages are marked by form feeds.

A PDF's margins are found from the layout (``ingest.pdf``); text extracted from a PDF keeps them as
ordinary lines at the top and bottom of each page ("Tweede Kamer, vergaderjaar 2018–2019, 35 200,
nr. 1", "20"). Left in, they become the heading of every section that follows them and split
sentences that run over a page break. The rule is the PDF's, with the first and last lines of a
page standing for its margins:

* a line of words among a page's first or last ``MARGIN_LINES`` non-blank lines that repeats, digits
  normalised, in the margins of at least half of the pages (and at least ``MIN_REPEATS``) is running
  text of the document (top or bottom alike: on a page that holds nothing else, the footer is among
  the first lines too); a long one is left out wherever it stands, as extraction sometimes puts a
  footer mid-page. Not a line that also stands inside the pages as often as on pages in their margins
  or more (a short one: half as often): that is the text's own ("Besluit:", "Portefeuillehouder: E.
  Bakker" under each item of a decision list, at the top of two of its four pages, were left out
  everywhere);
* a bare number in the margins is a page number where it counts with the pages: the longest run of
  them that rises by at most two a page (two printed pages on one, in a spread), so a year on the
  title page, a chapter number or the last entry of a table of contents stays. Where the pages
  carry no bare number, numbers that change from page to page in a running line are used instead.
  Page numbers become the pages' printed labels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING, Protocol, TypeVar

if TYPE_CHECKING:
    from vraagbaak.ingest.read import Line

#: How many non-blank lines at the top and at the bottom of a page count as its margins.
MARGIN_LINES = 3
#: A margin line is running text of the document when it repeats on at least this share of pages.
REPEAT_SHARE = 0.5
#: Fewer pages than this give no evidence of what repeats.
MIN_PAGES = 4
#: A running line repeats on at least this many pages: on two of four it is as likely the text's own.
MIN_REPEATS = 3
#: A running line needs this many letters; a row of figures ("€ 1,2  3,4") is a table's, not the page's.
MIN_LETTERS = 3
#: A running line this long is left out wherever it stands; a short one ("Inhoud") only in the margins.
ANYWHERE_CHARS = 20
#: The shape of a bare number (see ``line_shape``).
PAGE_NUMBER = "#"


class _Printed(Protocol):
    text: str


#: A line of text or a PDF fragment: anything with printed text.
Printed = TypeVar("Printed", bound=_Printed)


def line_shape(text: str) -> str:
    """A line with its numbers normalised, so "nr. 1 … 20" and "nr. 1 … 21" are one line, and its cells in any
    order, so a footer mirrored on even pages ("2 | Beleidsplan Sport") is the odd pages' ("Beleidsplan Sport | 3")."""
    return re.sub(r"\d+", "#", in_shape_order(text))


def in_shape_order(text: str) -> str:
    """A line's cells ordered by their shape (numbers normalised): the same for a footer and its mirror image."""
    cells = " ".join(text.split()).split(" | ")  # cells of one shape shorter first: "2 | 2024" and "2024 | 3" alike
    return " | ".join(sorted(cells, key=lambda cell: (re.sub(r"\d+", "#", cell), len(cell))))


def running_lines(lines: list[Line]) -> tuple[set[int], dict[int, str], list[str]]:
    """The numbers of the lines that are running headers, footers or page numbers, the printed page
    labels (by physical page), and one example of each kind of line left out."""
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if not line.blank:
            pages[line.page].append(line)
    if len(pages) < MIN_PAGES:
        return set(), {}, []
    seen: dict[str, list[Line]] = defaultdict(list)
    inside: dict[str, int] = defaultdict(int)
    for page_lines in pages.values():
        margins = page_lines[:MARGIN_LINES] + page_lines[MARGIN_LINES:][-MARGIN_LINES:]
        for line in margins:
            seen[line_shape(line.text)].append(line)
        for line in page_lines[MARGIN_LINES:-MARGIN_LINES]:
            inside[line_shape(line.text)] += 1
    on_pages = {shape: len({line.page for line in found}) for shape, found in seen.items()}
    repeated = {shape: found for shape, found in seen.items()
                if on_pages[shape] >= max(MIN_REPEATS, REPEAT_SHARE * len(pages))
                and (shape == PAGE_NUMBER or inside[shape] * (1 if len(shape) >= ANYWHERE_CHARS else 2)
                     < on_pages[shape])}  # page numbers: ``_counting``
    running = [shape for shape in repeated if sum(c.isalpha() for c in shape) >= MIN_LETTERS]  # in reading order
    removed = {line.number for shape in running for line in repeated[shape]}
    anywhere = {shape for shape in running if len(shape) >= ANYWHERE_CHARS}
    removed |= {line.number for line in lines if not line.blank and line_shape(line.text) in anywhere}
    examples = [repeated[shape][0].text.strip() for shape in running]

    bare = [(line, int(line.text)) for line in repeated.get(PAGE_NUMBER, []) if len(line.text.strip()) <= 4]
    run = _counting(bare)
    labels = _labels(run)
    if labels:
        numbers = [line for line, _ in run]
        numbers += [line for line in seen.get(PAGE_NUMBER, []) if labels.get(line.page) == line.text.strip()]
        removed |= {line.number for line in numbers}
        examples.append(numbers[0].text.strip())
    else:
        changing = [(line, int(value)) for shape in running for line, value in changing_numbers(repeated[shape])]
        labels = _labels(_counting(changing))
    return removed, labels, examples


def _labels(run: list[tuple[Line, int]]) -> dict[int, str]:
    """Each page's printed number: the first of the run on it (a spread's first page)."""
    labels: dict[int, str] = {}
    for line, value in run:
        labels.setdefault(line.page, str(value))
    return labels


def number_columns(found: list[Printed]) -> list[list[str]]:
    """The numbers of lines of one shape (``line_shape``), position by position: one list per position, a number
    per line (none where the lines hold different counts of numbers)."""
    numbers = [re.findall(r"\d+", in_shape_order(line.text)) for line in found]
    if len({len(n) for n in numbers}) != 1:
        return []
    return [list(column) for column in zip(*numbers)]


def changing_numbers(found: list[Printed]) -> list[tuple[Printed, str]]:
    """The numbers of one running line (a text line, or a PDF fragment) that differ from page to page
    ("pagina 12"), by position: the page labels it prints."""
    changing: list[tuple[Printed, str]] = []
    for values in number_columns(found):
        if len(set(values)) > 1 and all(len(v) <= 4 for v in values):
            changing += list(zip(found, values))
    return changing


def _counting(numbered: list[tuple[Line, int]]) -> list[tuple[Line, int]]:
    """The longest run of margin numbers that counts with the pages: each later in the text than the one
    before, higher by at least one and by at most two per page in between (two printed pages on one
    page of text, in a spread), plus one (a spread's second number on the same page)."""
    numbered = sorted(numbered, key=lambda item: item[0].number)
    best = [1] * len(numbered)
    before = [-1] * len(numbered)
    for i, (line, value) in enumerate(numbered):
        for j in range(i):
            other, other_value = numbered[j]
            if 0 < value - other_value <= 2 * (line.page - other.page) + 1 and best[j] + 1 > best[i]:
                best[i], before[i] = best[j] + 1, j
    if not numbered:
        return []
    i = max(range(len(numbered)), key=best.__getitem__)
    run = []
    while i >= 0:
        run.append(numbered[i])
        i = before[i]
    return run[::-1]
