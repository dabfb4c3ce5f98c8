"""Lay out a report as an A4 PDF with a known truth, to test and measure PDF reading.

Two columns (or one), a running header and a page-numbered footer, headings in larger bold
type, left-aligned body text hyphenated at line ends with Dutch patterns (pyphen) and a chosen
hyphen character, optionally a table and a page without a text layer (as a scan). The truth
records every heading path, every line-end break inside a word and the running lines, so a test
or the benchmark can check what the reader made of it. Needs ``reportlab``, ``pyphen`` and the
DejaVu fonts (Debian's fonts-dejavu-core): test and benchmark tools, not the product.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
PAGE_WIDTH, PAGE_HEIGHT = 595.0, 842.0
MARGIN, GUTTER = 56.0, 20.0
BODY_SIZE, LEADING, PARAGRAPH_GAP = 10.0, 13.0, 9.0
HEADING_SIZES = {1: 16.0, 2: 12.5, 3: 11.0}
HEADER_SIZE = 8.0
#: The table, when asked for, follows the first paragraph of this section.
TABLE_SECTION = 2


@dataclass
class ReportSection:
    path: list[str]
    paragraphs: list[str]


@dataclass
class Break:
    """A word broken over two lines: the reader should give back ``joined``."""

    left: str
    right: str
    joined: str
    compound: bool


@dataclass
class Truth:
    headings: list[list[str]] = field(default_factory=list)
    breaks: list[Break] = field(default_factory=list)
    header: str = ""
    footer: str = ""
    pages: int = 0
    #: Paragraphs that run on into the next column or page.
    continued: int = 0
    table: list[list[str]] = field(default_factory=list)
    #: Physical page -> printed page number.
    labels: dict[int, str] = field(default_factory=dict)


class _Layout:
    def __init__(self, path: Path, hyphen: str, columns: int, header: str, footer: str, first_label: int):
        import pyphen
        from reportlab.pdfbase import pdfmetrics
        from reportlab.pdfbase.ttfonts import TTFont
        from reportlab.pdfgen import canvas

        for name, file in (("Body", "DejaVuSans.ttf"), ("Bold", "DejaVuSans-Bold.ttf")):
            pdfmetrics.registerFont(TTFont(name, str(FONT_DIR / file)))
        self.width = pdfmetrics.stringWidth
        self.canvas = canvas.Canvas(str(path), pagesize=(PAGE_WIDTH, PAGE_HEIGHT), invariant=1)
        self.hyphenator = pyphen.Pyphen(lang="nl_NL")
        self.hyphen, self.columns = hyphen, columns
        self.column_width = (PAGE_WIDTH - 2 * MARGIN - (columns - 1) * GUTTER) / columns
        self.truth = Truth(header=header, footer=footer)
        self.first_label = first_label
        self.page = 0
        self._new_page()

    # Pages and columns
    def _new_page(self, running: bool = True) -> None:
        if self.page:
            self.canvas.showPage()
        self.page += 1
        self.column = 0
        self.y = PAGE_HEIGHT - MARGIN - 24
        if not running:
            return
        label = str(self.first_label + self.page - 1)
        self.truth.labels[self.page] = label
        self.canvas.setFont("Body", HEADER_SIZE)
        self.canvas.drawString(MARGIN, PAGE_HEIGHT - 36, self.truth.header)
        self.canvas.drawRightString(PAGE_WIDTH - MARGIN, 30, self.truth.footer.format(page=label))

    def _next_column(self) -> None:
        if self.column + 1 < self.columns:
            self.column += 1
            self.y = PAGE_HEIGHT - MARGIN - 24
        else:
            self._new_page()

    @property
    def x(self) -> float:
        return MARGIN + self.column * (self.column_width + GUTTER)

    def _room(self, height: float) -> bool:
        return self.y - height >= MARGIN + 10

    # Content
    def heading(self, path: list[str]) -> None:
        size = HEADING_SIZES[min(len(path), 3)]
        lines = self._wrap(path[-1], "Bold", size, hyphenate=False)
        if not self._room(len(lines) * size * 1.3 + 3 * LEADING + size):
            self._next_column()
        elif self.y < PAGE_HEIGHT - MARGIN - 24:
            self.y -= size
        for line in lines:
            self.canvas.setFont("Bold", size)
            self.canvas.drawString(self.x, self.y, line)
            self.y -= size * 1.3
        self.y -= 4
        self.truth.headings.append(list(path))

    def paragraph(self, text: str) -> None:
        lines = self._wrap(text, "Body", BODY_SIZE, hyphenate=True)
        for i, line in enumerate(lines):
            if not self._room(LEADING):
                self._next_column()
                if i:
                    self.truth.continued += 1
            self.canvas.setFont("Body", BODY_SIZE)
            self.canvas.drawString(self.x, self.y, line)
            self.y -= LEADING
        self.y -= PARAGRAPH_GAP

    def table(self, rows: list[list[str]]) -> None:
        if not self._room(len(rows) * LEADING + PARAGRAPH_GAP):
            self._next_column()
        positions = [self.x + self.column_width * share for share in (0.0, 0.45, 0.75)]
        for row in rows:
            self.canvas.setFont("Body", BODY_SIZE)
            for x, cell in zip(positions, row):
                self.canvas.drawString(x, self.y, cell)
            self.y -= LEADING
        self.y -= PARAGRAPH_GAP
        self.truth.table = rows

    def scanned_page(self) -> None:
        """A page that is only a picture: drawn shapes, no text layer (and so no running header or footer)."""
        self._new_page(running=False)
        self.canvas.setFillGray(0.85)
        self.canvas.rect(MARGIN, MARGIN + 40, PAGE_WIDTH - 2 * MARGIN, PAGE_HEIGHT - 2 * MARGIN - 80, fill=1, stroke=0)
        self.canvas.setFillGray(0)
        self._new_page()

    def _wrap(self, text: str, font: str, size: float, hyphenate: bool) -> list[str]:
        """Greedy line filling; a word that does not fit is broken at a hyphenation point if one fits."""
        words = text.split()
        lines: list[str] = []
        current = ""
        limit = self.column_width
        while words:
            word = words.pop(0)
            shown = word.replace("-", self.hyphen) if self.hyphen == "\u2010" else word
            candidate = f"{current} {shown}" if current else shown
            if self.width(candidate, font, size) <= limit:
                current = candidate
                continue
            split = self._split(word, current, font, size, limit) if hyphenate and current else None
            if split is not None:
                left, right, compound = split
                mark = "" if compound else self.hyphen
                shown_left = left.replace("-", self.hyphen) if self.hyphen == "\u2010" else left
                lines.append(f"{current} {shown_left}{mark}")
                self.truth.breaks.append(Break(left, right, word, compound))
                words.insert(0, right)
                current = ""
                continue
            if current:
                lines.append(current)
                words.insert(0, word)
                current = ""
            else:  # a single word wider than the column: let it overflow rather than loop
                lines.append(shown)
        if current:
            lines.append(current)
        return lines

    def _split(self, word: str, current: str, font: str, size: float, limit: float):
        """Where ``word`` can break so that its left part (and the hyphen) still fits on the line."""
        core = re.match(r"^([^\W\d_]+)(.*)$", word)
        options: list[tuple[str, str, bool]] = []
        if "-" in word.strip("-"):
            head, _, tail = word.rpartition("-")
            if head and tail:
                options.append((head + "-", tail, True))
        if core and len(core.group(1)) >= 6:
            stem, rest = core.groups()
            options += [(left, right + rest, False) for left, right in self.hyphenator.iterate(stem)
                        if len(left) >= 3 and len(right) >= 3]
        for left, right, compound in sorted(options, key=lambda o: -len(o[0])):
            shown = left.replace("-", self.hyphen) if self.hyphen == "\u2010" else left
            if self.width(f"{current} {shown}{'' if compound else self.hyphen}", font, size) <= limit:
                return left, right, compound
        return None


def make_pdf(path: Path, sections: list[ReportSection], hyphen: str = "\u2010", columns: int = 2,
             header: str = "G40 Stedennetwerk  Jaarverslag 2023", footer: str = "{page}",
             table: list[list[str]] | None = None, scanned_page_after: int | None = None, first_label: int = 1) -> Truth:
    """Write the report to ``path`` and return what a perfect reader would find."""
    layout = _Layout(Path(path), hyphen, columns, header, footer, first_label)
    for index, section in enumerate(sections):
        if section.path:
            layout.heading(section.path)
        for number, paragraph in enumerate(section.paragraphs):
            layout.paragraph(paragraph)
            if table is not None and index == TABLE_SECTION and number == 0:
                layout.table(table)
        if scanned_page_after == index:
            layout.scanned_page()
    layout.canvas.showPage()
    layout.canvas.save()
    layout.truth.pages = layout.page
    return layout.truth


def sections_of_text_report(path: Path) -> list[ReportSection]:
    """The sections and paragraphs that the text pipeline finds in a ``.txt`` report: the content to lay out."""
    from vraagbaak.config import Settings
    from vraagbaak.ingest.pipeline import ingest_corpus

    result = ingest_corpus(Settings(corpus_dir=Path(path).parent))
    [document] = [d for d in result.documents if d.source.path.name == Path(path).name]
    return [ReportSection(s.path, [p.text.replace("\n", " ") for p in s.paragraphs]) for s in document.sections]
