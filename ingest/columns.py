"""A PDF page's columns and table rows: its fragments in reading order, then as lines with block starts.

The columns are split at the vertical gutter that the fewest fragments cross; a fragment that does cross
it (a full-width heading, a wide table) stands where it is, between the column runs before and after it.
Several fragments on one baseline within a column are a table's row, its cells joined by " | ".
"""

from __future__ import annotations

import bisect
import re
import statistics
from collections import defaultdict

from vraagbaak.ingest.blocks import OPENERS, SENTENCE_END
from vraagbaak.ingest.clean import BULLET
from vraagbaak.ingest.layout import TABLE_CELL_SEPARATOR, Fragment, PdfLine, baseline, on_baselines
from vraagbaak.ingest.ruled_tables import wrapped

#: A gutter is where at most this share of the page's fragments cross it (full-width headings and lines).
MAX_CROSSING = 0.15
#: A line at least this share as wide as its side of a gutter is prose (a table's cells are narrower) ...
FULL_LINE = 0.8
#: ... and a column whose lines are at least this share as wide as it, in the middle, is prose.
PROSE_LINE = 0.6
#: ... or at least this share of its lines open a list's item with a bullet.
LISTED = 0.4
#: A vertical gap larger than this many times the usual line distance starts a new block.
BLOCK_GAP = 1.45
#: Line distance assumed for a font size where the page gives no better measure (large headings).
LINE_SPACING = 1.2
#: A numbered title in bold ("2. Vaststellen agenda") after a line that ends a sentence ("Besluit: n.v.t.", in
#: bold too) opens a block: set in one font, the two read as one heading.
NUMBERED_TITLE = re.compile(r"\d{1,3}\.?\s+[A-ZÀ-Ý]")
#: The widest space (in ems) a justified line stretches to, beyond which alike gaps are a table's.
MAX_JUSTIFIED = 4
#: ... and in a paragraph, between its whole lines (``_in_prose``).
LOOSE = 8
#: A heading of at most this many lines that a column ends with, this many lines below the text before it and
#: below the other columns' ends, belongs to the full-width text after them.
BELOW_LINES = 2
BELOW_GAP = 2
#: A line at most this many line distances below a table's row, set where a later cell of the row starts (within
#: this many points), goes on in that cell.
CONTINUED_LINE = 1.3
CELL_ALIGN = 2.0
#: A section's number set apart from its title ("1.1", "2.3.4."), in bold: a heading's, whose text is no table's.
SECTION_NUMBER = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.?")
#: Text boxes side by side overlap in height by at least this share of the lower one; boxes that meet within this
#: many points are a table's shaded cells.
BESIDE = 0.5
CELL_MEETS = 2.0
#: A box's text belongs to the column that goes on within this many lines under it.
UNDER_BOX = 3
#: A line without a bullet this many times a paragraph's line distance below a list item is no part of it.
AFTER_LIST = 1.2
#: A bullet or number set apart from its text by a tab: the row is a list item, not a table row.
LIST_MARKER = re.compile(r"^([-–•▪·*●○■□❑◆❖➢]|\(?\d{1,3}[.)]|\(?[a-z][.)])$")
#: A line that opens a numbered list's item ("2. De begroting ...", "b) Verzoek ..."), and how far (in ems) from
#: the number of the item before it.
NUMBERED_ITEM = re.compile(r"\(?(?:\d{1,3}|[a-z])[.)]\s")
ITEM_ALIGN = 0.3
#: A list's first item, after the line that announces the list ("… de volgende aanbevelingen:").
FIRST_ITEM = re.compile(r"\(?(?:1|a)[.)]\s")


def _gutter(fragments: list[Fragment], prose_only: bool = False, loose: bool = True) -> float | None:
    """The x that the fewest fragments cross, in the middle of the page, if it really splits columns: not
    where most lines with text on both sides of it are a table's rows (``_table_row``); with ``prose_only``
    (a gutter within a column), only where both sides are prose; with ``loose`` (the page's own gutter), a
    justified line that its stretched spaces broke into words counts as one line of prose (``_prose``)."""
    if len(fragments) < 6:
        return None
    left_edge = min(f.x0 for f in fragments)
    right_edge = max(f.x1 for f in fragments)
    width = right_edge - left_edge
    best: tuple[int, float] | None = None
    for step in range(30, 71):
        x = left_edge + width * step / 100
        crossing = sum(1 for f in fragments if f.x0 < x < f.x1)
        if best is None or crossing < best[0]:
            best = (crossing, x)
    crossing, x = best
    lefts, rights = [f for f in fragments if f.x1 <= x], [f for f in fragments if f.x0 >= x]
    left, right = len(lefts), len(rights)
    if min(left, right) < 3:
        return None
    if crossing > MAX_CROSSING * (left + right):
        # Full-width text above or below the columns (a chapter that starts under them) crosses; where both
        # columns have text, few may, and both must be prose (a form's labels and values are no columns).
        top = max(min(f.y for f in lefts), min(f.y for f in rights))
        bottom = min(max(f.y for f in lefts), max(f.y for f in rights))
        side_by_side = _side_by_side(lefts, rights)
        if len(side_by_side) >= 3:  # where the columns stand side by side (a page number far below is no column)
            top, bottom = max(top, side_by_side[0]), min(bottom, side_by_side[-1])
        band_lefts, band_rights = ([f for f in side if top <= f.y <= bottom] for side in (lefts, rights))
        if (sum(1 for f in fragments if f.x0 < x < f.x1 and top <= f.y <= bottom) > MAX_CROSSING * (left + right)
                or not (band_lefts and band_rights and _prose(band_lefts, x - left_edge, loose)
                        and _prose(band_rights, right_edge - x, loose))):
            return None
    table = _table_across(fragments, x)
    if table:
        # The gap between a wide table's names and its figures, each line with cells on both sides; unless,
        # the table left out (its rows and the lines of its cells that wrap, a line above and below them),
        # columns of prose stand above or below it (a box beside the text).
        if prose_only:
            return None
        cells = [f for f in fragments if id(f) in table]
        reach = 2 * LINE_SPACING * statistics.median(f.size for f in cells)
        top, bottom = min(f.y for f in cells) - reach, max(f.y for f in cells) + reach
        return _gutter([f for f in fragments if not top <= f.y <= bottom], prose_only=True, loose=loose)
    if prose_only and not (_prose(lefts, x - left_edge, loose) and _prose(rights, right_edge - x, loose)):
        return None
    return x


def _side_by_side(lefts: list[Fragment], rights: list[Fragment]) -> list[float]:
    """The baselines of the left side's lines that have a line of the right side beside them, within half a line
    (columns set by a browser need not share baselines: a paragraph's margin shifts one column's lines), in the
    longest stretch of them without a gap of two lines: the columns, not a line beside a box above them."""
    ys = sorted(f.y for f in rights)
    stretches: list[list[float]] = []
    for f in sorted(lefts, key=lambda f: f.y):
        k = bisect.bisect_left(ys, f.y - LINE_SPACING * f.size / 2)
        if k < len(ys) and ys[k] <= f.y + LINE_SPACING * f.size / 2:
            if stretches and f.y - stretches[-1][-1] <= 2 * LINE_SPACING * f.size:
                stretches[-1].append(f.y)
            else:
                stretches.append([f.y])
    return max(stretches, key=len, default=[])


def _table_across(fragments: list[Fragment], x: float) -> dict[int, int]:
    """The cells of a wide table's rows across ``x`` (fragment id to its row's baseline), where such rows are
    most of the lines with text on both sides of ``x``: there it is the gap between the table's names and its
    figures, not a gutter. Else none: a line beside a small table in the other column is no cell of it. A row of a
    table on the left whose text on the right starts a sentence is a row too: the table's notes, in a last column
    of prose."""
    left_edge, right_edge = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    rows: dict[int, list[Fragment]] = defaultdict(list)
    for f in fragments:
        rows[baseline(f)].append(f)
    both = {key: row for key, row in rows.items() if any(f.x1 <= x for f in row) and any(f.x0 >= x for f in row)}
    full = {id(f) for f in fragments  # a prose line as wide as its side: a column's, beside a table or not
            if f.x1 - f.x0 >= FULL_LINE * ((x - left_edge) if f.x1 <= x else (right_edge - x))}
    right = sorted((f for f in fragments if f.x0 >= x), key=lambda f: f.y)
    opening = {id(f) for before, f in zip([None, *right], right)  # a line of the right side that starts a sentence
               if before is None or SENTENCE_END.search(before.text)}
    tables = {key for key, row in both.items() if _table_row(row) and not any(id(f) in full for f in row)
              or _table_row([f for f in row if f.x1 <= x]) and id(min((f for f in row if f.x0 >= x),
                                                                    key=lambda f: f.x0)) in opening}
    if len(both) < 3 or len(tables) * 2 < len(both):
        return {}
    return {id(f): key for key in tables for f in both[key]}


def _goes_on(run: list[Fragment], after: list[Fragment] | None) -> bool:
    """Whether the sentence a run ends in goes on in the run after it, on the next line: a paragraph's last line,
    short enough to stand in a column, after its lines across the page's gutter."""
    if not run or after is None or isinstance(after, Boxed) or SENTENCE_END.search(run[-1].text):
        return False
    return 0 < after[0].y - run[-1].y <= 2 * LINE_SPACING * run[-1].size


def _rows_across(fragments: list[Fragment], x: float) -> dict[int, int]:
    """A table's header row of three cells or more with cells on both sides of the gutter at ``x``, right above a
    row of a ruled table that crosses it (under text in CSS columns, a ruled table's rows read whole, its header in
    cells apart): no cell a line as wide as its side, no side a justified line broken into words (``_justified``).
    Headings of columns side by side have the columns' lines below them; a column's last line beside the other's
    has prose below, or nothing. Each cell to its row's baseline."""
    left_edge, right_edge = min(f.x0 for f in fragments), max(f.x1 for f in fragments)
    widths = (x - left_edge, right_edge - x)
    rows: dict[int, list[Fragment]] = defaultdict(list)
    for f in fragments:
        rows[baseline(f)].append(f)
    found: dict[int, int] = {}
    below: list[Fragment] | None = None  # the line below, from the bottom up
    for key in sorted(rows, reverse=True):
        row = sorted(rows[key], key=lambda f: f.x0)
        sides = ([f for f in row if f.x1 <= x], [f for f in row if f.x0 >= x])
        if (len(row) >= 3 and all(sides) and len(sides[0]) + len(sides[1]) == len(row)
                and not any(f.x1 - f.x0 >= FULL_LINE * width for side, width in zip(sides, widths) for f in side)
                and not any(_justified(side, width) for side, width in zip(sides, widths))
                and below is not None and below[0].y - row[0].y <= 2 * LINE_SPACING * row[0].size
                and any(f.table and f.x0 < x < f.x1 for f in below)):
            found |= {id(f): key for f in row}
        below = row
    return found


def _prose(fragments: list[Fragment], width: float, loose: bool = False) -> bool:
    """Most lines fill their column (``width``, to the gutter), or many open a list's item (a slide's two lists
    side by side, their items wrapping short): text, not a table's short cells. With ``loose``, a line that its
    stretched spaces broke into words (``_justified``) and that ends where the side's whole lines end counts as one
    (a browser's narrow columns, justified without hyphens)."""
    rows = [sorted(row, key=lambda f: f.x0) for row in on_baselines(fragments)]
    whole = [row[0].x1 for row in rows if len(row) == 1]
    end = statistics.median(whole) if loose and whole else None
    lines = []
    for row in rows:
        one = end is not None and abs(row[-1].x1 - end) <= CELL_ALIGN and _justified(row, width)
        lines += [row[-1].x1 - row[0].x0] if one else [f.x1 - f.x0 for f in row]
    return (statistics.median(lines) >= PROSE_LINE * width
            or sum(1 for f in fragments if BULLET.match(f.text)) >= LISTED * len(fragments))


def _table_row(row: list[Fragment]) -> bool:
    """Four cells or more, or a name followed by figures only ("Stichting Oostzaanse Molens | € 73.600"): a
    table's row. Lines of two or three text columns side by side are neither."""
    cells = sorted(row, key=lambda f: f.x0)
    return len(cells) >= 4 or (len(cells) >= 2 and all(_figure(f.text) for f in cells[1:]))


def _figure(text: str) -> bool:
    """A cell of figures: an amount, a date, a share ("€ 73.600", "20-12-2023", "12 %", "2025 2027")."""
    return bool(re.search(r"\d", text)) and len(text.split()) <= 3 and not re.search(r"[^\W\d_]{4}", text)


def gutters(fragments: list[Fragment], depth: int = 2) -> list[float]:
    """The page's column gutters, left to right: the best one, then within each side of it (three or four
    columns)."""
    gutter = _gutter(fragments, prose_only=depth < 2, loose=depth == 2)
    if gutter is None or depth == 1:
        return [] if gutter is None else [gutter]
    left = gutters([f for f in fragments if f.x1 <= gutter], depth - 1)
    right = gutters([f for f in fragments if f.x0 >= gutter], depth - 1)
    return [*left, gutter, *right]


def reading_order(fragments: list[Fragment], boxes: list[tuple[float, float, float, float]] = ()
                  ) -> list[list[Fragment]]:
    """Runs of fragments in reading order: per band between fragments that cross a gutter (full width), each
    column top to bottom, left to right, and then what stands below the columns (``_below_the_columns``). Text
    boxes beside other text (``_beside``) are read each on their own, a row of them left to right, after the
    text beside them: in the run that goes on under them (their column), else the one beside them, before its first
    sentence (or first line after a table) that starts below them."""
    groups = _beside(fragments, boxes)
    if not groups:
        return _asides(_in_columns(fragments))
    inside = {id(f) for *_, group in groups for f in group}
    flow = _asides(_in_columns([f for f in fragments if id(f) not in inside]))

    def column(top: float, bottom: float, left: float, right: float) -> int | None:
        """The run the box belongs to: the one that goes on right under it (within ``UNDER_BOX`` lines), else the
        last one with text to its left (a box floated right of a paragraph whose lines cross the page's gutter, a run
        per line; a column that starts further down, under a heading of its own, is not the box's), else the first
        one beside it or under it."""
        under = [n for n, run in enumerate(flow) if any(f.y > bottom and f.x0 < right and f.x1 > left for f in run)]
        right_under = [n for n in under if any(f.y <= bottom + UNDER_BOX * LINE_SPACING * f.size for f in flow[n]
                                               if f.y > bottom and f.x0 < right and f.x1 > left)]
        to_the_left = [n for n, run in enumerate(flow) if any(top <= f.y <= bottom and f.x1 <= left for f in run)]
        beside = [n for n, run in enumerate(flow) if any(top <= f.y <= bottom for f in run)]
        return (right_under[:1] or to_the_left[-1:] or beside[:1] or under[:1] or [None])[0]

    waiting: dict[int | None, list[tuple[float, float, Boxed]]] = defaultdict(list)
    for top, bottom, left, right, group in groups:
        box = Boxed(_rows(sorted(group, key=lambda f: (f.y, f.x0))))
        waiting[column(top, bottom, left, right)].append((top, bottom, box))
    runs: list[list[Fragment]] = []
    for n, run in enumerate(flow):
        for top, bottom, box in waiting.pop(n, []):
            before = [runs[-1][-1] if runs and not isinstance(runs[-1], Boxed) else None, *run]  # the line before each
            at = next((k for k, f in enumerate(run) if f.y > bottom and (
                before[k] is None or before[k].y < top or before[k].table and not f.table
                or SENTENCE_END.search(before[k].text))), len(run))
            if at == len(run) and _goes_on(run, flow[n + 1] if n + 1 < len(flow) else None):
                waiting[n + 1].append((top, bottom, box))  # after the sentence the next run ends
                continue
            if at:
                runs.append(run[:at])
                run = run[at:]
            runs.append(box)
        if run:
            runs.append(run)
    return runs + [box for boxes_left in waiting.values() for *_, box in boxes_left]


def _asides(runs: list[list[Fragment]]) -> list[list[Fragment]]:
    """A column beside the end of a paragraph that goes on below both columns, as wide as the page (a frame
    without a border beside the text: "… tot na de inwerkingtreding van de Omgevingswet," | "Doorlooptijd …" |
    "omdat zij verwachtten …"), is read after the paragraph's sentence ends, as a text box is. Only where the text
    below opens in lowercase where the paragraph's column starts, in its type, and the column beside does not
    go on with the paragraph's sentence itself."""
    runs = list(runs)
    n = 0
    while n + 2 < len(runs):
        first, aside, below = runs[n], runs[n + 1], runs[n + 2]
        last, opening = first[-1], below[0]
        if (not last.table and not SENTENCE_END.search(last.text) and not opening.table
                and opening.text.lstrip(OPENERS)[:1].islower() and abs(opening.size - last.size) <= 0.5
                and abs(opening.x0 - min(f.x0 for f in first)) <= CELL_ALIGN
                and min(f.x0 for f in aside) >= max(f.x1 for f in first) - CELL_ALIGN
                and min(f.y for f in aside) < last.y
                and not aside[0].text.lstrip(OPENERS)[:1].islower()):
            taken = 3  # the paragraph may go on in the runs after ``below``, as far as its sentence
            while (not any(SENTENCE_END.search(f.text) for f in below) and n + taken < len(runs)
                   and not runs[n + taken][0].table and abs(runs[n + taken][0].x0 - opening.x0) <= CELL_ALIGN
                   and abs(runs[n + taken][0].size - opening.size) <= 0.5):
                below = [*below, *runs[n + taken]]
                taken += 1
            end = next((k + 1 for k, f in enumerate(below) if SENTENCE_END.search(f.text)), len(below))
            runs[n:n + taken] = [[*first, *below[:end]], Boxed(aside), *([below[end:]] if below[end:] else [])]
            n += 2
        else:
            n += 1
    return runs


def _a_cell(box: tuple[float, float, float, float], boxes: list[tuple[float, float, float, float]]) -> bool:
    """Whether another box meets this one side to side or top to bottom: a table's shaded cells, not a text box."""
    left, top, right, bottom = box
    return any(other != box and (
        (abs(other[0] - right) <= CELL_MEETS or abs(left - other[2]) <= CELL_MEETS)
        and min(bottom, other[3]) - max(top, other[1]) > 0
        or (abs(other[1] - bottom) <= CELL_MEETS or abs(top - other[3]) <= CELL_MEETS)
        and min(right, other[2]) - max(left, other[0]) > 0) for other in boxes)


class Boxed(list):
    """A text box's lines: a block of its own, not a column that may go on with the sentence before it."""


def _beside(fragments: list[Fragment], boxes: list[tuple[float, float, float, float]]
            ) -> list[tuple[float, float, float, float, list[Fragment]]]:
    """The text of each box (two lines or more) with text beside it (two lines or more at its height: a slide's
    callouts, a frame beside the text), with the top, bottom, left and right of its row of boxes (side by side:
    overlapping in height by at least ``BESIDE`` of the lower), in reading order: read line by line, their lines
    ran on across the boxes as a table's rows. A line stands in the smallest box round it; a ruled table's rows
    are read by their rules."""
    held: dict[tuple[float, float, float, float], list[Fragment]] = defaultdict(list)
    for f in fragments:
        around = [b for b in boxes if b[0] - 1 <= f.x0 and f.x1 <= b[2] + 1 and b[1] <= f.y <= b[3]]
        if around and not f.table:
            held[min(around, key=lambda b: (b[2] - b[0]) * (b[3] - b[1]))].append(f)
    texted = [b for b, group in held.items() if len(on_baselines(group)) >= 2 and not _a_cell(b, boxes)]
    texted = [b for b in texted if not any(o != b and b[0] <= o[0] and o[2] <= b[2] and b[1] <= o[1] and o[3] <= b[3]
                                           for o in texted)]  # a box round another is read as the text round it

    def side_by_side(a, b) -> bool:
        overlap = min(a[3], b[3]) - max(a[1], b[1])
        return (a[2] <= b[0] or b[2] <= a[0]) and overlap >= BESIDE * min(a[3] - a[1], b[3] - b[1])

    def beside_text(box) -> bool:
        own = {id(f) for f in held[box]}
        return sum(1 for f in fragments if id(f) not in own and box[1] <= f.y <= box[3]
                   and (f.x1 <= box[0] or box[2] <= f.x0)) >= 2

    found = sorted((b for b in texted if beside_text(b)), key=lambda b: b[1])
    rows: list[list[tuple[float, float, float, float]]] = []
    for box in found:
        if rows and any(side_by_side(box, other) for other in rows[-1]):
            rows[-1].append(box)
        else:
            rows.append([box])
    return [(min(b[1] for b in row), max(b[3] for b in row), min(b[0] for b in row), max(b[2] for b in row), held[box])
            for row in rows for box in sorted(row, key=lambda b: b[0])]


def _in_columns(fragments: list[Fragment]) -> list[list[Fragment]]:
    found = gutters(fragments)
    ordered = sorted(fragments, key=lambda f: (f.y, f.x0))
    if not found:
        return [_rows(ordered)]
    edges = [float("-inf"), *found, float("inf")]
    runs: list[list[Fragment]] = []
    columns: list[list[Fragment]] = [[] for _ in found] + [[]]
    across: dict[int, int] = {}  # a wide table's cells across a gutter, to their row (``_table_across``)
    for x in found:
        across |= _table_across(ordered, x) or _rows_across(ordered, x)
    row: list[Fragment] = []  # the cells of the last such row, so far

    def close_band(followed: bool = True):
        below = _below_the_columns([c for c in columns if c]) if followed else []
        for column in columns:
            if column:
                runs.append(_rows(column))
                column.clear()
        if below:
            runs.append(_rows(sorted(below, key=lambda f: (f.y, f.x0))))

    for f in ordered:
        column = next((i for i in range(len(columns)) if edges[i] <= f.x0 and f.x1 <= edges[i + 1]), None)
        if id(f) in across:
            close_band()
            if row and across[id(row[-1])] == across[id(f)]:
                row.append(f)
                runs[-1] = _rows(row)
            else:
                row = [f]
                runs.append(row[:])
        elif column is None:
            close_band()
            runs.append([f])
            row = []
        else:
            columns[column].append(f)
            row = []  # a row's cells interrupted: the rest of them a run of their own
    close_band(followed=False)
    return runs


def _below_the_columns(columns: list[list[Fragment]]) -> list[Fragment]:
    """A heading (at most ``BELOW_LINES`` lines, bold or larger than its column's text, ending no sentence) or
    notes in small type that a column holds last, below the end of every other one, after a gap of more than
    ``BELOW_GAP`` lines, where full-width text follows: what follows the columns, read after all of them. A
    column's end in its own type (the last page of an article, its right column short) stays where it is."""
    ends = [max(f.y for f in column) for column in columns]
    below: list[Fragment] = []
    for n, column in enumerate(columns if len(columns) > 1 else []):
        others = max(end for m, end in enumerate(ends) if m != n)
        body = statistics.median(f.size for f in column)
        k = len(column) - BELOW_LINES
        while k < len(column) and (k < 1 or column[k].y <= others or column[k].y - column[k - 1].y
                                   <= BELOW_GAP * LINE_SPACING * column[k - 1].size):  # lines of the text above
            k += 1
        tail = column[k:]
        if tail and all(f.bold or abs(f.size - body) > 0.5 for f in tail) and not (  # a heading, or notes
                tail[-1].size >= body and SENTENCE_END.search(tail[-1].text)):
            below += tail
            del column[k:]
    return below


def _rows(fragments: list[Fragment]) -> list[Fragment]:
    """Fragments of one column, top to bottom; several on one baseline are a table row, joined into one, unless
    they are a line of justified prose (``_justified``); a line below a row with nothing in its first column and
    each piece where a later cell starts goes on in those cells (``_continues``)."""
    rows = on_baselines(fragments)
    width = max((f.x1 for f in fragments), default=0.0) - min((f.x0 for f in fragments), default=0.0)
    joined: list[Fragment] = []
    cells: list[list[Fragment]] = []  # the last table row's cells, each with the lines it goes on with
    for k, row in enumerate(rows):
        row.sort(key=lambda f: f.x0)  # left to right: a list's number a little below its text's baseline first
        if cells and (found := _continues(cells, row)) is not None:
            for n, f in zip(found, row):
                cells[n].append(f)
            first = cells[0][0]
            joined[-1] = Fragment(first.page, first.x0, max(f.x1 for cell in cells for f in cell), first.y,
                                  first.size, first.bold, TABLE_CELL_SEPARATOR.join(
                                      wrapped([f.text for f in cell]) for cell in cells), table=True, last_y=row[0].y)
            continue
        cells = []
        if len(rows) > 1 and _justified(row, width, LOOSE if _in_prose(rows, k, width) else MAX_JUSTIFIED):
            first = row[0]
            joined.append(Fragment(first.page, first.x0, row[-1].x1, first.y, first.size, first.bold,
                                   " ".join(f.text for f in row)))
            continue
        if len(row) == 2 and LIST_MARKER.match(row[0].text):  # "-   tekst", "6.   Voorstel": a list item
            first, second = row
            joined.append(Fragment(first.page, first.x0, second.x1, first.y, second.size, second.bold,
                                   f"{first.text} {second.text}"))
            continue
        if len(row) == 1:
            joined.append(row[0])
            continue
        first = row[0]
        cells = [[f] for f in row]
        joined.append(Fragment(first.page, first.x0, max(f.x1 for f in row), first.y, first.size, first.bold,
                               TABLE_CELL_SEPARATOR.join(f.text for f in row), table=True))
    return joined


def _continues(cells: list[list[Fragment]], row: list[Fragment]) -> list[int] | None:
    """The cells (their numbers) that a line's pieces go on in, if it goes on with a table's row: at most a line
    below the row's last line, in its type, nothing where the first cell starts, and each piece where a later
    cell starts ("Aanwezig: | M. Verhoeven-de Graaf (voorzitter), …, A. Roozendaal", then "(secretaris-directeur)"
    under the names), in the weight of the cell it goes on in. A row whose cells wrap under a first cell that does
    not is read whole; where the first cell wraps too, its next line cannot be told from the next row's, and is a
    row of its own."""
    last = max(f.y for cell in cells for f in cell)
    size = cells[0][0].size
    if any(abs(f.size - size) > 0.5 or BULLET.match(f.text) for f in row) or not (
            0 < row[0].y - last <= CONTINUED_LINE * LINE_SPACING * size) or (
            cells[0][0].bold and SECTION_NUMBER.fullmatch(cells[0][0].text)):
        return None  # "1.1 | Aanleiding" and the paragraph under its title: a numbered heading, not a row
    found = []
    for f in row:
        n = next((n for n, cell in enumerate(cells) if abs(cell[0].x0 - f.x0) <= CELL_ALIGN), None)
        if not n or (found and n <= found[-1]) or f.bold != cells[n][-1].bold or (
                _figure(f.text) and _figure(cells[n][-1].text)):
            return None  # in another weight, or a figure under a figure: the next row's, its name left out
        found.append(n)
    return found


def _justified(row: list[Fragment], width: float, widest: float = MAX_JUSTIFIED) -> bool:
    """A line of justified prose that its stretched spaces broke into fragments ("Het  team  wordt  gefinancierd
    uit  de"): three or more, on words, as wide as its column (``width``), the gaps between them alike (within
    a quarter of their median) and at most ``widest`` ems. A table's cells stand at their columns' own
    distances, or hold figures."""
    if len(row) < 3 or row[-1].x1 - row[0].x0 < FULL_LINE * width:
        return False
    gaps = [b.x0 - a.x1 for a, b in zip(row, row[1:])]
    median = statistics.median(gaps)
    return (all(abs(g - median) <= 0.25 * median for g in gaps) and median <= widest * row[0].size
            and sum(re.search(r"[^\W\d_]{2}", f.text) is not None for f in row) >= 0.75 * len(row))


def _in_prose(rows: list[list[Fragment]], k: int, width: float) -> bool:
    """Whether row ``k`` stands between lines of one piece each, one of them as wide as the column, a line apart:
    in a paragraph, where a line of three long words justified without hyphens spreads them ``LOOSE`` ems apart
    ("regenwater      in      Oudebrug."); a table's rows have rows of cells around them."""
    around = [rows[n] for n in (k - 1, k + 1) if 0 <= n < len(rows)
              and abs(rows[n][0].y - rows[k][0].y) <= 2 * LINE_SPACING * rows[k][0].size]
    return bool(around) and all(len(r) == 1 for r in around) and any(
        r[0].x1 - r[0].x0 >= FULL_LINE * width for r in around)


def page_lines(runs: list[list[Fragment]]) -> list[PdfLine]:
    """Lines with block starts: a new run, a wide vertical gap, a font change or a table boundary; after a list
    item, also a line without a bullet set further below it than a line of text is below the one before
    ("• Zutphen", then "Per 1 januari 2024 trad …" after the list's spacing): the paragraph after the list,
    where a line that goes on with the item follows at the text's own distance; and a bold numbered title
    after a line that ends a sentence (``NUMBERED_TITLE``); and a numbered list's next item, set where
    an item before it has its number, after a line that ends a sentence (at the list's own distance, the
    items read as one paragraph: "… of het beleid werkt. 2. De begroting …"; after a nested list's items too:
    "… bij nacht. 2. Schoon water"), a bulleted item or a line set further in (its own, or a nested item's: "a. kans
    50 procent" / "2. Uitval …"), or its first after a line that announces it ("… de volgende
    aanbevelingen:") or, nested, set further in than the item above it ("1. Waterveiligheid" / "a. de dijk …")."""
    distances = [b.y - _last(a) for run in runs for a, b in zip(run, run[1:]) if 0 < b.y - _last(a) < 4 * a.size]
    usual = statistics.median(distances) if distances else 0.0
    in_text = [b.y - _last(a) for run in runs for a, b in zip(run, run[1:])  # within paragraphs, not item to item
               if 0 < b.y - _last(a) < 4 * a.size and not BULLET.match(a.text) and not BULLET.match(b.text)]
    text_distance = statistics.median(in_text) if in_text else usual
    lines: list[PdfLine] = []
    for run in runs:
        previous: Fragment | None = None
        item = False  # the line before is (part of) a list item
        numbered_at: list[float] = []  # where the numbered items' numbers stand, the last one last
        for f in run:
            bullet = bool(BULLET.match(f.text))
            numbered = NUMBERED_ITEM.match(f.text) is not None
            new_block = (
                previous is None
                or f.table != previous.table
                or abs(f.size - previous.size) > 0.5
                or f.bold != previous.bold
                or f.y - _last(previous) > BLOCK_GAP * max(usual, LINE_SPACING * f.size)
                or (item and not bullet and f.y - _last(previous) > AFTER_LIST * max(text_distance, LINE_SPACING * f.size))
                or (f.bold and NUMBERED_TITLE.match(f.text) is not None and SENTENCE_END.search(previous.text) is not None)
                or (numbered and any(abs(f.x0 - x) <= ITEM_ALIGN * f.size for x in numbered_at)
                    and (item or SENTENCE_END.search(previous.text) is not None
                         or previous.x0 - f.x0 > ITEM_ALIGN * f.size))
                or (FIRST_ITEM.match(f.text) is not None and (previous.text.rstrip().endswith(":") or (
                    bool(numbered_at) and f.x0 - numbered_at[-1] > ITEM_ALIGN * f.size and f.y - _last(previous)
                    <= BLOCK_GAP * max(usual, LINE_SPACING * f.size))))
            )
            if numbered:
                numbered_at.append(f.x0)
            lines.append(PdfLine(f.page, f.text, f.size, f.bold, f.table, new_block,
                                 run_start=previous is None and not isinstance(run, Boxed)))
            item = bullet or (item and not new_block)
            previous = f
    return lines


def _last(fragment: Fragment) -> float:
    """The baseline of a fragment's last line: a ruled table's row may hold several (``ruled_tables``)."""
    return fragment.y if fragment.last_y is None else fragment.last_y
