"""What a PDF page is read into: fragments of words on one baseline, then lines with block starts.

The reading steps pass these between them: ``pdf`` (glyphs to fragments), ``columns`` (reading order and
blocks), ``pdf_margins`` (running headers, footers and page numbers) and ``footnotes``.
"""

from __future__ import annotations

from dataclasses import dataclass

#: Glyphs whose baselines differ by less than this many font sizes are on one line.
BASELINE_TOLERANCE = 0.35
TABLE_CELL_SEPARATOR = " | "


@dataclass
class Fragment:
    """A run of words on one baseline (top-down coordinates, points)."""

    page: int
    x0: float
    x1: float
    y: float
    size: float
    bold: bool
    text: str
    table: bool = False
    #: The baseline of its last line, where it holds several (a table's row whose cells wrap).
    last_y: float | None = None


@dataclass
class PdfLine:
    page: int
    text: str
    size: float
    bold: bool
    table: bool
    #: Starts a new block (after a gap, a font change, a column or a table boundary).
    new_block: bool
    #: First line of a column run (after a column or page break).
    run_start: bool = False


def baseline(fragment: Fragment) -> int:
    """Fragments with one key stand on one baseline, give or take a point (cells of a table's row)."""
    return round(fragment.y / 2)


def on_baselines(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Fragments top to bottom, those on one baseline (within ``BASELINE_TOLERANCE`` of the first's) together."""
    lines: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda f: (f.y, f.x0)):
        if lines and abs(lines[-1][0].y - f.y) <= BASELINE_TOLERANCE * max(f.size, 1):
            lines[-1].append(f)
        else:
            lines.append([f])
    return lines
