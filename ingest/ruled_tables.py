"""Tables drawn with rules: each row read whole, however many lines its cells wrap to.

A table's row is what lies between two of its horizontal rules (a stroked line, a thin bar, or the edge of
a cell's shading); its cells are split at its vertical rules, or else where no line of the table has text
(the channels between its columns). Read line by line, a row whose cells wrap is several rows: "2024-22 |
Position paper … | Voorzitter en | 3 december" and then "aanbieden aan de vaste | wethouder | 2024", the
action cut off from who does it and when.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter
from dataclasses import dataclass, field
from functools import cached_property

from vraagbaak.ingest.clean import BULLET, KNOWN_ZIPF, Vocabulary, hyphen_joiner, zipf_nl
from vraagbaak.ingest.layout import BASELINE_TOLERANCE, TABLE_CELL_SEPARATOR, Fragment, PdfLine, on_baselines
from vraagbaak.ingest.redaction import compose, placed_objects

#: A stroke at most this many points off level (or plumb) is a rule if it is at least this long: a cell's edge,
#: not a mark or a letter's stroke.
STRAIGHT = 0.5
MIN_RULE = 10.0
#: A path of more segments is a drawing (a map's outlines, a chart's curve), not a table's rules, and is passed
#: over unread: reading each segment costs a call into PDFium.
MAX_SEGMENTS = 400
#: A closed path of at most this many segments is a box round what it holds (a rectangle, one with rounded
#: corners, a speech bubble): read as a whole where it stands beside other text (``columns.reading_order``).
BOX_SEGMENTS = 60
#: Pieces of one rule (each cell's edge drawn on its own) lie within this many points of one y ...
SAME_Y = 1.5
#: ... and meet within this many points.
MEETS = 3.0
#: The rules of one table start and end within this many points of each other.
ALIGN = 4.0
#: A table has at least this many rows between its horizontal rules (a table ruled above, under its header and
#: below holds two, and may hold many rows between two rules) ...
MIN_ROWS = 3
#: ... and a row (the text between two of them) holds at most this many lines in a cell: a table ruled only
#: above, below and under its header holds all its rows between two rules, left to the lines.
MAX_ROW_LINES = 12
#: Where only the channels between the text split a table's columns, a row's cell holds at most this many lines.
CHANNEL_ROW_LINES = 6
#: Baselines within this many points are one line across a row's cells.
SAME_LINE = 2.0
#: A channel between columns is at least this share of the text's size wide.
MIN_CHANNEL = 0.5
#: A line at least this share of a table's width is text across it, between two tables that share its rules.
ACROSS = 0.8
_NO_WORDS = Vocabulary()
#: Where a cell's line ends in a letter and the next starts with a lowercase one, until the document's words
#: say whether a word was broken there (``cell_breaks_resolved``).
CELL_BREAK = "\ue000"


@dataclass(frozen=True)
class Rules:
    """A page's horizontal (y, x0, x1) and vertical (x, y0, y1) rules, as the page reads (y down)."""

    horizontal: list[tuple[float, float, float]]
    vertical: list[tuple[float, float, float]]
    #: Closed shapes' bounds (left, top, right, bottom): a text box's fill or frame, a cell's shading.
    boxes: list[tuple[float, float, float, float]] = field(default_factory=list)

    @cached_property
    def tables(self) -> list[_Table]:
        """Once per page, for both the words cut at the tables' rules and the rows read between them."""
        return _tables(self)


def drawn_rules(page, crop_left: float, crop_bottom: float, height: float) -> Rules:
    """The straight horizontal and vertical strokes of the page's paths (their segments, and the sides of their
    rectangles, a thin filled bar's too), in forms as placed on the page, and the bounds of short closed paths
    (``BOX_SEGMENTS``); curves are left out of the rules."""
    import pypdfium2.raw as raw

    horizontal, vertical, boxes = [], [], []
    matrix = raw.FS_MATRIX()
    x, y = ctypes.c_float(), ctypes.c_float()

    def add(a: tuple[float, float], b: tuple[float, float]) -> None:
        (x0, y0), (x1, y1) = a, b
        if abs(y1 - y0) <= STRAIGHT and abs(x1 - x0) >= MIN_RULE:
            horizontal.append(((y0 + y1) / 2, min(x0, x1), max(x0, x1)))
        elif abs(x1 - x0) <= STRAIGHT and abs(y1 - y0) >= MIN_RULE:
            vertical.append(((x0 + x1) / 2, min(y0, y1), max(y0, y1)))

    for obj, kind, to_page in placed_objects(page):
        if (kind != raw.FPDF_PAGEOBJ_PATH or (count := raw.FPDFPath_CountSegments(obj)) > MAX_SEGMENTS
                or not raw.FPDFPageObj_GetMatrix(obj, ctypes.byref(matrix))):
            continue
        a, b, c, d, e, f = compose((matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f), to_page)
        start = current = None
        outline: list[tuple[float, float]] = []  # a short path's points: a box round text, if it closes
        for k in range(count):
            segment = raw.FPDFPath_GetPathSegment(obj, k)
            raw.FPDFPathSegment_GetPoint(segment, ctypes.byref(x), ctypes.byref(y))
            point = (a * x.value + c * y.value + e - crop_left,  # on the page, as it reads (y down)
                     height - (b * x.value + d * y.value + f - crop_bottom))
            step = raw.FPDFPathSegment_GetType(segment)
            if count <= BOX_SEGMENTS:
                outline.append(point)
            if step == raw.FPDF_SEGMENT_LINETO and current is not None:
                add(current, point)
            if step == raw.FPDF_SEGMENT_MOVETO or start is None:
                start = point
            current = point
            if raw.FPDFPathSegment_GetClose(segment) and start is not None:
                add(current, start)
                current = start
        if outline and (raw.FPDFPathSegment_GetClose(segment) or math.dist(outline[0], outline[-1]) < MEETS):
            left, right = min(p[0] for p in outline), max(p[0] for p in outline)
            top, bottom = min(p[1] for p in outline), max(p[1] for p in outline)
            if right - left >= MIN_RULE and bottom - top >= MIN_RULE:
                boxes.append((left, top, right, bottom))
    return Rules(_merged(horizontal), _merged(vertical), boxes)


def _merged(pieces: list[tuple[float, float, float]]) -> list[tuple[float, float, float]]:
    """Pieces on one line (within ``SAME_Y``) that meet, as one rule: a row's edge drawn cell by cell, a thin bar's
    two long sides."""
    rules: list[list[float]] = []
    for at, start, end in sorted(pieces, key=lambda p: (p[0], p[1])):
        joins = next((rule for rule in rules if at - rule[0] <= SAME_Y
                      and start <= rule[2] + MEETS and end >= rule[1] - MEETS), None)
        if joins is None:
            rules.append([at, start, end])
        else:
            joins[1], joins[2] = min(joins[1], start), max(joins[2], end)
    return [(at, start, end) for at, start, end in rules]


@dataclass(frozen=True)
class _Table:
    left: float
    right: float
    #: The y of its horizontal rules, top to bottom: a row between each two.
    rows: list[float]


def _tables(rules: Rules) -> list[_Table]:
    """Horizontal rules stacked with the same left and right ends (within ``ALIGN``), ``MIN_ROWS`` rows between them."""
    stacks: list[list[tuple[float, float, float]]] = []
    for rule in sorted(rules.horizontal):
        for stack in stacks:
            if abs(stack[-1][1] - rule[1]) <= ALIGN and abs(stack[-1][2] - rule[2]) <= ALIGN and rule[0] - stack[-1][0] > SAME_Y:
                stack.append(rule)
                break
        else:
            stacks.append([rule])
    return [_Table(min(r[1] for r in s), max(r[2] for r in s), [r[0] for r in s]) for s in stacks if len(s) > MIN_ROWS]


def cuts(rules: Rules) -> list[tuple[float, float, float]]:
    """The vertical rules inside ruled tables, where a run of words is cut: a cell's last word close to the rule
    and the next cell's first word are two cells, however narrow the gap."""
    found = []
    for table in rules.tables:
        top, bottom = table.rows[0], table.rows[-1]
        found += [(x, y0, y1) for x, y0, y1 in rules.vertical
                  if table.left + ALIGN < x < table.right - ALIGN and y0 < bottom and y1 > top]
    return found


def ruled_rows(fragments: list[Fragment], rules: Rules) -> list[Fragment]:
    """The fragments with each ruled table's rows (``_Table``) as one fragment each, its cells joined by " | "
    and a cell's lines joined into its text; what lies outside such tables as it was, and so are rules stacked
    round text of one column (boxes) and a row of more than ``MAX_ROW_LINES`` lines in a cell."""
    taken: set[int] = set()
    rows: list[Fragment] = []
    for table in rules.tables:
        read, used = _read(table, [f for f in fragments if id(f) not in taken], rules)
        rows += read
        taken |= used
    if not taken:
        return fragments
    return [f for f in fragments if id(f) not in taken] + rows


def _read(table: _Table, fragments: list[Fragment], rules: Rules) -> tuple[list[Fragment], set[int]]:
    """The table's rows, and the fragments they were read from. Rows follow each other only while each holds text
    in more than one of the columns and no line across them (``_fits``): what does not, a heading above the table
    under the page's running rule, the text between two tables under each other, a box as wide as them, ends
    one table; a run of fewer than ``MIN_ROWS`` rows is none. Where only the channels between the text split
    the columns, a row is at most ``CHANNEL_ROW_LINES`` lines and opens with no heading (``_a_row_of_cells``):
    columns of prose between rules are no table."""
    width = table.right - table.left
    inner = [v for v in rules.vertical if table.left + ALIGN < v[0] < table.right - ALIGN]
    bands: list[list[Fragment]] = [[] for _ in table.rows[1:]]
    for f in fragments:
        if table.left - ALIGN <= (f.x0 + f.x1) / 2 <= table.right + ALIGN:
            n = next((n for n, (top, bottom) in enumerate(zip(table.rows, table.rows[1:])) if top < f.y <= bottom), None)
            if n is not None:
                bands[n].append(f)
    channels = _channels_by_stretch(bands, width)
    runs: list[list[tuple[list[Fragment], list[float], float, float, bool]]] = [[]]
    above: list[float] = []  # the columns of the row above: a header's shaded cells may be its only uprights
    for (top, bottom), band, band_channels in zip(zip(table.rows, table.rows[1:]), bands, channels):
        drawn = _one_each(sorted({round(v[0]) for v in inner if v[1] < bottom - SAME_Y and v[2] > top + SAME_Y}))
        ruled = drawn or above
        separators = ruled or band_channels
        above = ruled
        if not band:
            continue
        if _fits(band, separators, width) and (ruled or _a_row_of_cells(band, separators)):
            runs[-1].append((band, separators, top, bottom, bool(drawn)))
        elif runs[-1]:
            runs.append([])
    read: list[Fragment] = []
    used: set[int] = set()
    for run in runs:
        while run and _stray(*run[0][:2]):
            run.pop(0)
        while run and _stray(*run[-1][:2]):
            run.pop()
        if len(run) < MIN_ROWS:
            continue
        depths = [_depth(band, separators) for band, separators, _, _, _ in run]
        usual = statistics.median(depths)
        for (band, separators, top, bottom, boxed), depth in zip(run, depths):
            deep = depth > usual
            rows = [_row(merged + row, separators, row, deep, boxed)
                    for merged, row in _split_rows(band, separators, top, bottom, table, rules)]
            if len(rows) > 1 and None in rows:
                rows = [_row(band, separators, band, deep, boxed)]
            if None not in rows:
                read += rows
                used |= {id(f) for f in band}
    return read, used


def _cells(band: list[Fragment], separators: list[float]) -> list[list[Fragment]]:
    """A row's fragments by the column their middle stands in."""
    edges = [float("-inf"), *separators, float("inf")]
    cells: list[list[Fragment]] = [[] for _ in edges[1:]]
    for f in band:
        middle = (f.x0 + f.x1) / 2
        cells[next(i for i in range(len(cells)) if edges[i] <= middle < edges[i + 1])].append(f)
    return cells


def _depth(band: list[Fragment], separators: list[float]) -> int:
    """The most lines a cell of the row holds."""
    return max(len(_lines(cell)) for cell in _cells(band, separators))


def _in_pieces(band: list[Fragment]) -> bool:
    """Whether a line of the row holds two fragments or more: cells side by side, not a heading or a note."""
    return any(abs(a.y - b.y) <= BASELINE_TOLERANCE * max(a.size, 1) for n, a in enumerate(band) for b in band[n + 1:])


def _a_row_of_cells(band: list[Fragment], separators: list[float]) -> bool:
    """Without rules between the columns: no cell of more than ``CHANNEL_ROW_LINES`` lines, and no heading above
    the rest (a line alone on its baseline, bold or larger where the rest is not), as an article's columns have."""
    if _depth(band, separators) > CHANNEL_ROW_LINES:
        return False
    first = min(f.y for f in band)
    opening = [f for f in band if abs(f.y - first) <= BASELINE_TOLERANCE * max(f.size, 1)]
    rest = [f for f in band if f not in opening]
    body = statistics.median(f.size for f in band)
    return not (len(opening) == 1 and rest and (opening[0].bold and not all(f.bold for f in rest)
                                                 or opening[0].size > body + 0.5))


def _split_rows(band: list[Fragment], separators: list[float], top: float, bottom: float, table: _Table,
                rules: Rules) -> list[tuple[list[Fragment], list[Fragment]]]:
    """The rows a row holds where cells of it are merged over several (rules inside it that do not reach across
    the table: "Lasten" beside four programmes, each with its figures; a portfolio holder beside three): for each,
    the merged cells and its own fragments; else the row itself. A header's cell over two columns ("2024" over
    "Begroting | Realisatie") splits nothing."""
    inside = sorted(r for r in rules.horizontal if top + SAME_Y < r[0] < bottom - SAME_Y
                    and r[1] < table.right - ALIGN and r[2] > table.left + ALIGN)
    if not inside:
        return [([], band)]
    start, end = min(r[1] for r in inside), max(r[2] for r in inside)
    merged = [f for f in band if not start <= (f.x0 + f.x1) / 2 <= end]
    edges = [top, *(r[0] for r in inside), bottom]
    rows = [[f for f in band if start <= (f.x0 + f.x1) / 2 <= end and upper < f.y <= lower]
            for upper, lower in zip(edges, edges[1:])]
    if not merged or any(len(_columns_of(row, separators)) < 2 for row in rows):
        return [([], band)]
    return [(merged, row) for row in rows]


def _row(band: list[Fragment], separators: list[float], own: list[Fragment], deep: bool,
         boxed: bool = False) -> Fragment | None:
    """A row's fragments as one, its cells joined by " | " and each cell's lines into its text, standing where its
    ``own`` fragments stand (not the cells merged over it and the rows beside it); None where its lines are rows
    of their own: in a row ``deep``er than the table's usual one, every cell on the same baselines
    (``_rows_of_a_grid``), or a cell of more than ``MAX_ROW_LINES``, unless vertical rules drawn through the row
    close its cells (``boxed``) and it is running text (``_plain``)."""
    cells = [cell for cell in _cells(band, separators) if cell]
    lines = [_lines(cell) for cell in cells]
    if (deep and _rows_of_a_grid(lines)) or any(len(own) > MAX_ROW_LINES and not (boxed and _plain(cell))
                                                 for cell, own in zip(cells, lines)):
        return None
    first = min(own, key=lambda f: (f.y, f.x0))
    weights: Counter[tuple[float, bool]] = Counter()
    for f in band:
        weights[(f.size, f.bold)] += len(f.text)
    (common, bold), _ = weights.most_common(1)[0]
    text = TABLE_CELL_SEPARATOR.join(wrapped([line for _, line in cell]) for cell in lines)
    return Fragment(first.page, min(f.x0 for f in band), max(f.x1 for f in band), first.y, common, bold, text,
                    table=True, last_y=max(f.y for f in own))


def _rows_of_a_grid(cells: list[list[tuple[float, str]]]) -> bool:
    """Every cell on the same two or more baselines: rows a table ruled only above and below holds between two of
    its rules, each line a row of its own; a row whose cells wrap has a cell of fewer lines than another."""
    if len(cells) < 2:
        return False
    baselines = [[y for y, _ in cell] for cell in cells]
    first = baselines[0]
    return len(first) >= 2 and all(
        len(other) == len(first) and all(abs(a - b) <= SAME_LINE for a, b in zip(first, other))
        for other in baselines[1:])


def _fits(band: list[Fragment], separators: list[float], width: float) -> bool:
    """Text in more than one of the table's columns, and no line of text across where they meet (wider than half
    the table, by more than an em each side: a cell's text may run over its rule, "2024-26" in a narrow
    column, or into the next cell where a browser set them close, "Steenwijkerland Inhuur van twee")."""
    return len(_columns_of(band, separators)) > 1 and not any(
        f.x1 - f.x0 > width / 2 and _crosses(f, x) for f in band for x in separators)


def _stray(band: list[Fragment], separators: list[float]) -> bool:
    """Text in at most half the columns and across where two of them meet (by more than an em each side): notes in
    two columns between the table's last rule and the footer's, no row of it. Inside a table, and in a row that
    fills its columns, it is a cell's text run into the next (``_fits``)."""
    return 2 * len(_columns_of(band, separators)) <= len(separators) + 1 and any(
        _crosses(f, x) for f in band for x in separators)


def _columns_of(band: list[Fragment], separators: list[float]) -> set[int]:
    """The columns (their numbers) the row's fragments stand in, by their middles."""
    return {sum(1 for x in separators if x <= (f.x0 + f.x1) / 2) for f in band}


def _crosses(f: Fragment, x: float) -> bool:
    """Whether the fragment runs across ``x`` by more than an em each side."""
    return f.x0 < x - f.size and f.x1 > x + f.size


def _one_each(xs: list[int]) -> list[float]:
    """Vertical rules within ``ALIGN`` of each other as one (a cell's side drawn by both cells)."""
    merged: list[float] = []
    for x in xs:
        if not merged or x - merged[-1] > ALIGN:
            merged.append(float(x))
    return merged


def _channels_by_stretch(bands: list[list[Fragment]], width: float) -> list[list[float]]:
    """Each band's channels (``_channels``), found over the stretch of bands it stands in: a band with a line across
    the table (``ACROSS`` of its width: a paragraph between two tables) stands apart and ends one. Three striped
    tables on one page, of other columns each, share the stripes' edges; their channels taken together left one, and
    a row's amounts ran together ("Brandweerzorg € 39.870.000 € 30.115.400 …")."""
    stretches: list[list[int]] = [[]]
    for n, band in enumerate(bands):
        if any(f.x1 - f.x0 >= ACROSS * width for f in band):
            stretches += [[n], []]  # its own: what stands beside the line may belong to either table
        else:
            stretches[-1].append(n)
    found: list[list[float]] = [[] for _ in bands]
    for stretch in stretches:
        channels = _channels([f for n in stretch if _in_pieces(bands[n]) for f in bands[n] if f.x1 - f.x0 <= width / 2])
        for n in stretch:
            found[n] = channels
    return found


def _channels(fragments: list[Fragment]) -> list[float]:
    """The middles of the channels between columns that no cell's text crosses (at least ``MIN_CHANNEL`` of the
    text's size wide); of rows in more than one piece, so a heading between the rules above does not count."""
    if not fragments:
        return []
    size = statistics.median(f.size for f in fragments)
    covered = sorted((f.x0, f.x1) for f in fragments)
    channels, reach = [], covered[0][1]
    for start, end in covered[1:]:
        if start - reach >= MIN_CHANNEL * size:
            channels.append((reach + start) / 2)
        reach = max(reach, end)
    return channels


def _plain(cell: list[Fragment]) -> bool:
    """A cell of running text, without a bullet or a line in another weight: a long one is still a row's, where a
    form's cell laid out as a page ("Toelichting" with its bold headings and bullets) is read as a page."""
    return len({f.bold for f in cell}) == 1 and not any(BULLET.match(f.text) for f in cell)


def _lines(cell: list[Fragment]) -> list[tuple[float, str]]:
    """A cell's lines top to bottom (baseline, text), pieces on one baseline joined left to right."""
    return [(line[0].y, " ".join(f.text for f in sorted(line, key=lambda f: f.x0))) for line in on_baselines(cell)]


def wrapped(lines: list[str]) -> str:
    """A cell's wrapped lines as its text: a word broken at a line end ("Binnen-", "stadsmonitor") joined, as the
    text's paragraphs are (``clean.hyphen_joiner``, without the corpus's words); between a letter and a
    lowercase letter, a ``CELL_BREAK`` that ``cell_breaks_resolved`` makes a space or nothing."""
    text = lines[0]
    for line in lines[1:]:
        if text[-1:] in "-\u2010\u2011\u00ad" and len(text) > 1 and text[-2].isalpha():  # a hyphen of any kind
            text = text[:-1] + hyphen_joiner(text.rsplit(" ", 1)[-1][:-1], line, _NO_WORDS) + line
        elif text[-1:].isalpha() and line[:1].islower():
            text = f"{text}{CELL_BREAK}{line}"
        else:
            text = f"{text} {line}"
    return text


#: Besides a letter or digit, what a line may end with where its block's next word follows, not a piece of its last.
WORD_END = tuple(".,;:!?)’”'\"%")


def cell_breaks_resolved(lines: list[PdfLine]) -> None:
    """Each ``CELL_BREAK`` in the document's lines as nothing where a word processor broke a word to fit a narrow
    cell ("Volksgezondh" / "eid": the whole is a word of the document or of Dutch, a piece is not; "vastgoedonderho"
    / "ud": a piece of one or two letters the document never has alone, after no Dutch word), else as a space (words
    that wrapped: "wethouder" / "en", "Wat doen we" / "nu")."""
    running = "".join(("\n" if line.new_block or not (before[-1:].isalnum() or before.endswith(WORD_END)) else " ")
                      + line.text
                      for before, line in zip(["", *(line.text for line in lines)], lines))  # a block's words run on:
    words = Vocabulary.from_texts([running.replace(CELL_BREAK, "-\n")])  # a line's first word counts; pieces do not

    def known(piece: str) -> bool:  # a word of Dutch, or of the document more than once (not a stray piece)
        return zipf_nl(piece.lower()) >= KNOWN_ZIPF or words.count(piece) > 1

    def broken(left: str, right: str) -> bool:  # counted as neither words nor line ends
        short = len(right) <= 2 and not words.count(right)  # "s", "ud"; not "de", "nu", "ha"
        if words.is_word(left + right):
            return short or not (known(left) and known(right))
        return short and zipf_nl(left.lower()) < KNOWN_ZIPF  # "vastgoedonderho" / "ud"; not "we" / "nu"

    for line in lines:
        if CELL_BREAK in line.text:
            parts = line.text.split(CELL_BREAK)
            text = parts[0]
            for part in parts[1:]:
                left, right = re.search(r"\w*$", text).group(), re.match(r"\w*", part).group()
                text += ("" if left and right and broken(left, right) else " ") + part
            line.text = text
