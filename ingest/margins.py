"""Running headers, footers and page numbers in a text file whose pages are known (form feeds).

A PDF's margins are found from the layout (``ingest.pdf``); text extracted from a PDF keeps them as
ordinary lines at the top and bottom of each page ("Tweede Kamer, vergaderjaar 2018–2019, 35 200,
nr. 1", "20"). Left in, they become the heading of every section that follows them and split
sentences that run over a page break. The rule is the PDF's, with the first and last lines of a
page standing for its margins: a line among a page's first or last ``MARGIN_LINES`` non-blank lines
that repeats, digits normalised, in the margins of at least half of the pages is running text of
the document (top or bottom alike: on a page that holds nothing else, the footer is among the first
lines too). A bare number in the margins is a page number where it counts up with the pages; it
and the numbers that change from page to page in running lines are the printed page labels.
"""

from __future__ import annotations

import re
from collections import defaultdict
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from vraagbaak.ingest.read import Line

#: How many non-blank lines at the top and at the bottom of a page count as its margins.
MARGIN_LINES = 3
#: A margin line is running text of the document when it repeats on at least this share of pages.
REPEAT_SHARE = 0.5
#: Fewer pages than this give no evidence of what repeats.
MIN_PAGES = 4


def _shape(text: str) -> str:
    """A margin line with its numbers normalised, so "nr. 1 … 20" and "nr. 1 … 21" are one line."""
    return re.sub(r"\d+", "#", " ".join(text.split()))


def running_lines(lines: list[Line]) -> tuple[set[int], dict[int, str], list[str]]:
    """The numbers of the lines that are running headers or footers, the printed page labels among
    them (by physical page), and one example of each running line."""
    pages: dict[int, list[Line]] = defaultdict(list)
    for line in lines:
        if not line.blank:
            pages[line.page].append(line)
    if len(pages) < MIN_PAGES:
        return set(), {}, []
    seen: dict[str, list[Line]] = defaultdict(list)
    for page_lines in pages.values():
        margins = page_lines[:MARGIN_LINES] + page_lines[MARGIN_LINES:][-MARGIN_LINES:]
        for line in margins:
            seen[_shape(line.text)].append(line)
    removed: set[int] = set()
    numbered: list[tuple[Line, int]] = []
    examples: list[str] = []
    for shape, found in seen.items():
        if len({line.page for line in found}) < REPEAT_SHARE * len(pages):
            continue
        numbers = [re.findall(r"\d+", line.text) for line in found]
        for position in range(min(map(len, numbers), default=0)):
            values = [n[position] for n in numbers]
            if len(set(values)) > 1 and all(len(v) <= 4 for v in values):
                numbered += [(line, int(n[position])) for line, n in zip(found, numbers)]
        if shape == "#":
            continue  # a bare number is a page number only where it counts with the pages (below)
        removed.update(line.number for line in found)
        examples.append(found[0].text.strip())
    labels: dict[int, str] = {}
    run = _counting(numbered)
    for line, value in run:
        labels.setdefault(line.page, str(value))
    page_numbers = [line for line, _ in run if _shape(line.text) == "#"]
    removed.update(line.number for line in page_numbers)
    examples += [page_numbers[0].text.strip()] if page_numbers else []
    return removed, labels, examples


def _counting(numbered: list[tuple[Line, int]]) -> list[tuple[Line, int]]:
    """The longest run of margin numbers that rises with the pages (two on a page where the text holds a
    spread of two): page numbers, not a year on the title page, a chapter number or the last entry of a
    table of contents."""
    numbered = sorted(numbered, key=lambda item: item[0].number)
    best = [1] * len(numbered)
    before = [-1] * len(numbered)
    for i, (line, value) in enumerate(numbered):
        for j in range(i):
            other, other_value = numbered[j]
            if (other.page, other.number) < (line.page, line.number) and other_value < value and best[j] + 1 > best[i]:
                best[i], before[i] = best[j] + 1, j
    if not numbered:
        return []
    i = max(range(len(numbered)), key=best.__getitem__)
    run = []
    while i >= 0:
        run.append(numbered[i])
        i = before[i]
    return run[::-1]
