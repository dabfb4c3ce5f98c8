"""Read a PDF from its layout: characters with positions and fonts -> lines in reading order.

``pypdfium2`` (PDFium, Apache-2.0) gives every character with its baseline, box, font size and
weight. From those:

* words and line fragments: glyphs on one baseline, split where the gap is wider than the font;
* columns: the vertical gutter that the fewest fragments cross; fragments that do cross it are
  full width and stand where they are, between the column runs before and after them;
* running headers and footers: lines in the top or bottom margin that repeat, digits normalised,
  at the same height on most pages; a page number among them becomes the page's printed label;
* blocks: a vertical gap, a change of font size or weight, or a table row starts a new block
  (written as a blank line, so the text pipeline after reading is the same for every format);
* tables: several fragments on one baseline within a column are a row, its cells joined by " | ".
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
from collections import Counter, defaultdict
from dataclasses import dataclass, field

from vraagbaak.ingest.blocks import OPENERS, SENTENCE_END
from vraagbaak.ingest.headings import HEADING_SIZE_RATIO, body_font
from vraagbaak.ingest.margins import REPEAT_SHARE, changing_numbers, line_shape, number_columns
from vraagbaak.ingest.redaction import address, covered, covering_boxes

#: A horizontal gap wider than this many font sizes separates two fragments (cells, columns).
FRAGMENT_GAP = 1.5
#: ... and this many where the word after it opens a column: three columns may stand 18 points apart.
COLUMN_GAP = 0.8
#: A line at least this share as wide as its side of a gutter is prose (a table's cells are narrower) ...
FULL_LINE = 0.8
#: ... and a column whose lines are at least this share as wide as it, in the middle, is prose.
PROSE_LINE = 0.6
#: Glyphs whose baselines differ by less than this many font sizes are on one line.
BASELINE_TOLERANCE = 0.35
#: A gap between two characters' advances wider than this share of the font size is a space (a space is
#: 0.25-0.28 of it in common fonts; letters follow each other's advance, however tightly a line is justified).
WORD_GAP = 0.2
#: A margin line, or a cell of one, that says which page it is on ("Pagina 2 van 3", "Blad 2", "blz. 2", "Page 2 of 3").
PAGE_OF = re.compile(r"\s*(?:pagina|bladzijde|blad|blz\.?|pag\.?|page)\s*(\d{1,4})(?:\s*(?:van|of|/)\s*\d{1,4})?\s*",
                     re.IGNORECASE)
#: The fields of a letter's follow-up header beside its page ("Datum 3 april 2024", "Ons kenmerk Z/24/5678").
LETTER_FIELD = re.compile(r"(?:datum|(?:ons |uw )?kenmerk|zaaknummer|referentie|onderwerp)\b", re.IGNORECASE)
#: A running header that changes from page to page (the chapter's title) has at most this many words.
MAX_RUNNING_WORDS = 12
#: Footnote marks after a sentence's full stop.
NOTE_MARKS = "¹²³⁴⁵⁶⁷⁸⁹⁰*†‡"
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
PLAIN_DIGITS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹", "0123456789")
#: A note mark set as a superscript: a number of at most three digits (or a star), this much smaller than
#: its line's type and raised above its baseline by this share of its own size.
MARK_SIZE_RATIO = 0.88
MARK_RAISE = 0.2
#: ... and at most this share of the line's size.
MARK_LIFT = 0.6
#: A footnote at the foot of a page: a line in small type that starts with its number.
FOOTNOTE = re.compile(r"^\s*([0-9]{1,3}|[¹²³⁴⁵⁶⁷⁸⁹⁰]{1,3})[\s.)]")
#: A word that may be a note mark set as a superscript.
MARK = re.compile(r"[0-9]{1,3}|\*")
#: What a note mark ends with once joined to its word, and the punctuation that may follow it.
RAISED_MARKS = "⁰¹²³⁴⁵⁶⁷⁸⁹*"
CLOSING = re.compile(r"[.,;:!?)]+")
#: Symbol and Wingdings characters at the private-use codes Word gives them: its list bullets (U+F0B7,
#: U+F0A7, U+F0D8, ...) and the signs a text uses; a glyph PDFium cannot name at all (0) is left out.
SYMBOL_FONT = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf06e": "■",
                             "\uf0a8": "□", "\uf0fc": "✓", "\uf0fb": "✗", "\uf0b3": "≥", "\uf0a3": "≤",
                             "\uf0b1": "±", "\uf0ae": "→", "\uf0b4": "×", "\uf0b0": "°", "\x00": None})
#: A simple TrueType font marked symbolic is read by PDFium through the Mac Roman table whatever encoding
#: the PDF gives it: a Windows "ö" (code 0xF6) comes out as "ˆ", "ë" as "Î", "é" as "È". These are the
#: characters that then stand for a Windows accented letter; no Dutch word holds one among lowercase letters.
MAC_MISREAD = {m: w for b in range(0xE0, 0x100) if (m := bytes([b]).decode("mac_roman")) != (w := bytes([b]).decode("cp1252"))
               and not m.islower() and w.isalpha() and w.islower() and m not in "‚„\uf8ffˇ"}
#: Those characters as read from a symbolic TrueType font, marked (private-use code points) while the page is read,
#: so that only they are taken back; ``misread_accents`` turns each into its letter or back into itself.
MARKED = str.maketrans({m: chr(0xF0000 + i) for i, m in enumerate(MAC_MISREAD)})
UNMARKED = {chr(0xF0000 + i): m for i, m in enumerate(MAC_MISREAD)}
#: The font flag (PDF 32000, table 121) of a symbolic font, whose simple TrueType PDFium reads through the Mac table.
SYMBOLIC = 4
#: What stands for text under such a shape while the page is read ("[zwartgelakt]" in the text).
COVERED = "\u2588"
#: A page without /Rotate reads in another direction only if this share of its characters runs that way.
TURNED_SHARE = 0.8
#: Degrees a character may lean from the text's direction and still belong to it.
MAX_TILT = 2
#: Share of the page height at the top and at the bottom where running headers and footers stand.
MARGIN_ZONE = 0.12
#: A line repeated word for word at one place in the margin of this many pages is a running line however
#: long the document: a header that only a report's chapters carry, after a long front matter without it.
MIN_REPEATS = 3
#: A vertical gap larger than this many times the usual line distance starts a new block.
BLOCK_GAP = 1.45
#: Line distance assumed for a font size where the page gives no better measure (large headings).
LINE_SPACING = 1.2
#: PDFium's weight estimate is unreliable (695 for regular Arial); the font's name says it.
BOLD_NAME = re.compile(rb"(?i)bold|black|heavy|semibold|demi")
TABLE_CELL_SEPARATOR = " | "
#: A bullet or number set apart from its text by a tab: the row is a list item, not a table row.
LIST_MARKER = re.compile(r"^([-–•▪·*●○]|\(?\d{1,3}[.)]|\(?[a-z][.)])$")


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


@dataclass
class PdfLayout:
    lines: list[PdfLine]
    pages: int
    #: Printed page labels by physical page number, where a running header or footer carries one, else where
    #: the PDF declares one (its /PageLabels, which a PDF viewer shows: "iii" for a foreword numbered alone).
    page_labels: dict[int, str] = field(default_factory=dict)
    #: The running header and footer lines that were dropped: one example of each (for ``ingest --inspect``).
    removed: list[str] = field(default_factory=list)
    #: The title in the PDF's document information, if it has one.
    title: str | None = None
    #: Pages with a picture and not a character of text: a scanned page in a typed report.
    scanned: list[int] = field(default_factory=list)
    #: Pages with text under a dark box drawn over it: blacked out, but still in the file (left out).
    covered: list[int] = field(default_factory=list)
    #: The author in the PDF's document information, if it has one ("Gemeente Oosterveld", or a person).
    author: str | None = None


class PdfUnreadable(Exception):
    """Encrypted, damaged, or without a text layer; ``reason`` says which, in Dutch."""

    def __init__(self, reason: str):
        super().__init__(reason)
        self.reason = reason


def read_layout(data: bytes) -> PdfLayout:
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    if b"%PDF-" not in data[:1024]:
        raise PdfUnreadable("dit is geen PDF (het bestand begint niet met %PDF-); geef het de juiste extensie")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise PdfUnreadable("de PDF is versleuteld (beveiligd met een wachtwoord)") from exc
        raise PdfUnreadable("de PDF is beschadigd") from exc
    try:
        information = document.get_metadata_dict(skip_empty=True)
        title, author = information.get("Title"), information.get("Author")
        declared = {i + 1: label for i in range(len(document)) if (label := document.get_page_label(i).strip())}
        if all(label == str(page) for page, label in declared.items()):
            declared = {}  # the physical count again: nothing a reader would look for
        pages, heights, scanned, covered = [], [], [], []
        for i in range(len(document)):
            fragments, height, hidden = _page_fragments(document[i], i + 1)
            pages.append(fragments)
            heights.append(height)
            if hidden:
                covered.append(i + 1)
            if not fragments:
                page = document[i]
                if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2), None) is not None:
                    scanned.append(i + 1)
                page.close()
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable("de PDF is beschadigd") from exc
    finally:
        document.close()
    if not any(pages):
        raise PdfUnreadable("de PDF heeft geen tekstlaag (gescand?); maak er eerst doorzoekbare tekst van (OCR)")
    body, _ = body_font(f for fragments in pages for f in fragments)
    removed, labels, examples = _running_lines(pages, heights, body)
    if any(declared.get(page, label) != label for page, label in labels.items()):
        declared = {}  # the PDF's labels say otherwise than its pages print: the pages are believed
    removed |= _declared_numbers(pages, heights, declared)
    labels = {**declared, **labels}  # what the page prints, else the label the PDF gives it (/PageLabels)
    lines: list[PdfLine] = []
    for fragments in pages:
        kept = [f for f in fragments if id(f) not in removed]
        lines += _footnotes_after_their_marks(_page_lines(_reading_order(kept)), body)
    lines = _footnotes_before_their_paragraph(lines)
    _join_continuations(lines)
    return PdfLayout(lines, len(pages), labels, examples, title, scanned, covered, author)


def _page_fragments(page, number: int) -> tuple[list[Fragment], float, int]:
    """Glyphs -> words -> fragments (top-down y, as the page reads), the page's height as it reads, and how
    many characters a dark box drawn over them hides (``redaction.covering_boxes``), which are left out.

    A landscape page is often a portrait page turned (``/Rotate 90``) with its text drawn turned the other
    way: the text's own direction, that of most of its characters, says how the page reads, and positions
    are turned to match. Characters in any other direction (a diagonal "CONCEPT", a line up the margin) are
    no part of the running text and are left out."""
    import pypdfium2.raw as raw

    width, height = page.get_width(), page.get_height()  # as shown: turned by the page's rotation
    crop_left, crop_bottom, _, _ = page.get_bbox()  # what a viewer shows (the CropBox, inherited, in order, clipped)
    rotated = page.get_rotation() in (90, 270)
    if rotated:
        width, height = height, width
    textpage = page.get_textpage()
    hidden = 0
    try:
        handle = textpage.raw
        covers, order = covering_boxes(page)
        x, y = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        loose = raw.FS_RECTF()
        raw_glyphs: list[tuple] = []
        for i in range(textpage.count_chars()):
            char = chr(raw.FPDFText_GetUnicode(handle, i))
            if char in "\r\n":
                raw_glyphs.append((" ", None))
                continue
            if char in "\x02\ufffe":  # PDFium's mark for a hyphen at a line end, printed "-" or soft:
                char = "-"  # the evidence rules decide whether it joins a word or keeps a compound
            left, bottom, right, top = textpage.get_charbox(i)
            box = (left - crop_left, bottom - crop_bottom, right - crop_left, top - crop_bottom)
            raw.FPDFText_GetLooseCharBox(handle, i, ctypes.byref(loose))  # the advance, where the ink is narrower
            if len(covers) and covered((left, bottom, right, top), order.get(address(raw.FPDFText_GetTextObject(
                    handle, i))), covers):
                hidden += not char.isspace()
                char = COVERED  # gone from the text; the place keeps a mark, so the sentence reads on
            raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
            size = raw.FPDFText_GetFontSize(handle, i)
            known = raw.FPDFText_GetFontInfo(handle, i, name, len(name), ctypes.byref(flags))
            if known and flags.value & SYMBOLIC and char in MAC_MISREAD:
                char = char.translate(MARKED)  # maybe a Windows letter read through the Mac table: the word decides
            bold = bool(known) and BOLD_NAME.search(name.value) is not None
            angle = raw.FPDFText_GetCharAngle(handle, i)
            raw_glyphs.append((char, (box, x.value - crop_left, y.value - crop_bottom, size, bold,
                                      round(math.degrees(angle)) % 360 if angle >= 0 else None,
                                      (loose.left - crop_left, loose.bottom - crop_bottom, loose.right - crop_left,
                                       loose.top - crop_bottom))))
    finally:
        textpage.close()
        page.close()
    angles = Counter(g[1][5] for g in raw_glyphs if g[1] and g[1][5] is not None and not g[0].isspace())
    direction = 0
    if angles:
        angle, count = angles.most_common(1)[0]
        if rotated or count >= TURNED_SHARE * sum(angles.values()):  # a long line up the margin of a sparse page
            direction = (round(angle / 90) % 4) * 90  # does not turn the page
    def across(left: float, bottom: float, right: float, top: float) -> tuple[float, float]:
        """A box's extent along the text's own direction, as the page reads."""
        return {0: (left, right), 270: (bottom, top), 180: (width - right, width - left),
                90: (height - top, height - bottom)}[direction]

    glyphs: list[tuple[str, float, float, float, float, bool, float, float]] = []
    for char, data in raw_glyphs:
        if data is None:
            glyphs.append((" ", 0, 0, 0, 0, False, 0, 0))
            continue
        box, origin_x, origin_y, size, bold, angle, advance = data
        if angle is not None and min(abs(angle - direction), 360 - abs(angle - direction)) > MAX_TILT:
            continue
        down = {0: height - origin_y, 270: origin_x, 180: origin_y, 90: width - origin_x}[direction]
        glyphs.append((char, *across(*box), down, size, bold, *across(*advance)))
    shown_width, shown_height = (width, height) if direction in (0, 180) else (height, width)
    fragments = [f for f in _fragments(_words(glyphs, gaps=direction != 0), number)  # the middle on the page as
                 if 0 <= (f.x0 + f.x1) / 2 <= shown_width and 0 <= f.y <= shown_height]  # shown: a line over its edge
    return fragments, shown_height, hidden  # stays, a printer's note in the bleed (outside the CropBox) goes


def misread_accents(word: str) -> str:
    """A word's accented letters that PDFium read through the wrong table, restored: "coˆperatie" is
    "coöperatie", "financiÎle" "financiële", "ÈÈn" "één". Only characters of a symbolic TrueType font count,
    as ``_page_fragments`` marks them (``MARKED``), and only beside a lowercase letter (or beside another such
    character): "Île" and a quote before a word stay as they are, and so does any character of another font
    ("l·l", a "‡" note mark).

    >>> [misread_accents(w.translate(MARKED)) for w in ("coˆperatie", "ÈÈn", "Îles", "„Ëlise")]
    ['coöperatie', 'één', 'Îles', '„Ëlise']
    >>> misread_accents("coˆperatie")  # not marked: another font's character, read as printed
    'coˆperatie'
    """
    if not any(c in UNMARKED for c in word):
        return word
    chars = list(word)
    changed = True
    while changed:
        changed = False
        for i, mark in enumerate(chars):
            if mark not in UNMARKED:
                continue
            char = UNMARKED[mark]
            before = UNMARKED.get(chars[i - 1], chars[i - 1]) if i else ""
            after = UNMARKED.get(chars[i + 1], chars[i + 1]) if i + 1 < len(chars) else ""
            lower_before, lower_after = before.isalpha() and before.islower(), after.isalpha() and after.islower()
            marked_before, marked_after = i > 0 and chars[i - 1] in UNMARKED, i + 1 < len(chars) and chars[i + 1] in UNMARKED
            if (lower_before and (char.isalpha() or lower_after or not after.isalnum())) or (
                    char.isalpha() and (lower_after and marked_before or marked_after and not before.isalpha())):
                chars[i] = MAC_MISREAD[char]
                changed = True
    return "".join(UNMARKED.get(c, c) for c in chars)


def _words(glyphs, gaps: bool = False) -> list[tuple[str, float, float, float, float, bool]]:
    """Characters (text, x0, x1, y, size, bold, and x0, x1 of their advance) between spaces (or baseline jumps)
    become words: (text, x0, x1, y, size, bold). With ``gaps``, also where the next character's advance starts a
    space's width after the last one's: PDFium puts in the spaces a PDF leaves out (words drawn one by one) only
    for text that runs across the page, not for text turned with it."""
    words = []
    current: list = []

    def flush():
        text = "".join(g[0] for g in current)
        text = "•" if text == "\x00" else misread_accents(text.translate(SYMBOL_FONT))  # a lone glyph without a character: a bullet
        text = text.replace(COVERED, "[zwartgelakt]")
        if text:
            sizes = Counter(round(g[4], 1) for g in current)
            bold = sum(g[5] for g in current) * 2 > len(current)
            words.append((text, current[0][1], max(g[2] for g in current), current[0][3], sizes.most_common(1)[0][0], bold))
        current.clear()

    usual = _letter_gaps(glyphs) if gaps else {}
    space = False  # a space after covered text: the next glyph decides whether the mark goes on
    for n, glyph in enumerate(glyphs):
        if glyph[0].isspace():
            space = True
            if not (current and current[-1][0] == COVERED):
                flush()
            continue
        if current and (abs(glyph[3] - current[-1][3]) > BASELINE_TOLERANCE * max(glyph[4], 1)
                        or gaps and glyph[6] - current[-1][7] > usual.get(n, 0.0) + WORD_GAP * max(glyph[4], 1)):
            flush()
        if glyph[0] == COVERED and current and current[-1][0] == COVERED:  # words under one box: one mark
            current[-1] = (COVERED, current[-1][1], glyph[2], *current[-1][3:7], glyph[7])
        else:
            if space:
                flush()
            current.append(glyph)
        space = False
    flush()
    return words


def _letter_gaps(glyphs) -> dict[int, float]:
    """Per glyph, the usual gap between the advances of neighbouring letters on its line (the median): spaced-out
    letters ("S a m e n v a t t i n g" set with extra spacing) stand that far apart, and only a gap wider than
    that by a space is one."""
    usual: dict[int, float] = {}
    line: list[int] = []

    def close() -> None:
        found = [glyphs[b][6] - glyphs[a][7] for a, b in zip(line, line[1:])]
        median = max(0.0, statistics.median(found)) if found else 0.0
        usual.update((n, median) for n in line)
        line.clear()

    for n, glyph in enumerate(glyphs):
        if glyph[0].isspace():
            continue
        if line and abs(glyph[3] - glyphs[line[-1]][3]) > BASELINE_TOLERANCE * max(glyph[4], 1):
            close()
        line.append(n)
    close()
    return usual


def _fragments(words, page: int) -> list[Fragment]:
    """Words on one baseline, left to right, split where the gap is wider than the font (the larger of the
    two words'), and where a word opens a column after a narrower gap (``_split_at``); a chapter's large
    number stays with its title."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (w[3], w[1])):
        for line in reversed(lines[-4:]):
            if abs(line[0][3] - word[3]) <= BASELINE_TOLERANCE * max(word[4], 1):
                line.append(word)
                break
        else:
            lines.append([word])
    runs: list[list] = []
    for line in _raised_marks_to_their_lines(lines):
        line.sort(key=lambda w: w[1])
        line = _note_marks(line)
        run = [line[0]]
        for word in line[1:]:
            if word[1] - run[-1][2] > FRAGMENT_GAP * max(word[4], run[-1][4], 1):
                runs.append(run)
                run = []
            run.append(word)
        runs.append(run)
    fragments = [_fragment(run, page) for run in runs]
    edges = _column_edges(fragments)
    if not edges:
        return fragments
    return [_fragment(part, page) for run in runs for part in _split_at(run, edges)]


def _column_edges(fragments: list[Fragment]) -> list[float]:
    """Where the columns right of the page's gutters start: the x most of their lines start at."""
    gutters = _gutters(fragments)
    edges = []
    for gutter, end in zip(gutters, [*gutters[1:], float("inf")]):
        starts = Counter(round(f.x0) for f in fragments if gutter <= f.x0 < end)
        if starts and (found := starts.most_common(1)[0])[1] >= 3:
            edges.append(float(found[0]))
    return edges


def _split_at(run: list, edges: list[float]) -> list[list]:
    """A run split where a word opens a column (at its left edge) after a gap wider than ``COLUMN_GAP`` of
    the smaller of the two fonts: a heading in large type, or a line of a narrow column, must not bridge
    the gutter to the next column's line."""
    for i in range(1, len(run)):
        before, after = run[i - 1], run[i]
        if (any(abs(after[1] - edge) <= 2 for edge in edges)
                and after[1] - before[2] > COLUMN_GAP * max(min(before[4], after[4]), 1)):
            return [run[:i], *_split_at(run[i:], edges)]
    return [run]


def _raised_marks_to_their_lines(lines: list[list]) -> list[list]:
    """A note mark raised further than one line's tolerance (a third of an em, as word processors set it)
    comes out as a line of its own: it goes to the line below it whose word it follows."""
    for i, line in enumerate(lines):
        for mark in [w for w in line if MARK.fullmatch(w[0])] if len(line) <= 2 else []:
            for below in lines[i + 1:i + 4]:
                size = max(w[4] for w in below)
                if not (0 < below[0][3] - mark[3] <= MARK_LIFT * size and mark[4] <= MARK_SIZE_RATIO * size):
                    continue
                if any(0 <= mark[1] - w[2] <= 0.5 * size for w in below):
                    line.remove(mark)
                    below.append(mark)
                    break
    return [line for line in lines if line]


def _note_marks(line: list) -> list:
    """A note mark set as a superscript ("stuk.¹") is written as one, joined to the word before it: as a
    word of its own, "per stuk. 1 Daarnaast" reads as a number in the sentence."""
    sizes = Counter()
    for w in line:
        sizes[w[4]] += len(w[0])
    size = sizes.most_common(1)[0][0]
    baseline = statistics.median(w[3] for w in line if w[4] == size)
    kept: list = []
    for w in line:
        if (kept and MARK.fullmatch(w[0]) and w[4] <= MARK_SIZE_RATIO * size
                and baseline - w[3] >= MARK_RAISE * w[4] and w[1] - kept[-1][2] <= 0.5 * size):
            before = kept[-1]
            kept[-1] = (before[0] + w[0].translate(SUPERSCRIPT), before[1], w[2], before[3], before[4], before[5])
            continue
        if (kept and kept[-1][0][-1:] in RAISED_MARKS and CLOSING.fullmatch(w[0])
                and w[1] - kept[-1][2] <= 0.5 * size):  # "voorlopig¹" and its full stop set apart after the mark
            before = kept[-1]
            kept[-1] = (before[0] + w[0], before[1], w[2], before[3], before[4], before[5])
            continue
        kept.append(w)
    return kept


def _fragment(words, page: int) -> Fragment:
    chars = Counter()
    for w in words:
        chars[(w[4], w[5])] += len(w[0])
    (size, bold), _ = chars.most_common(1)[0]
    return Fragment(page, words[0][1], max(w[2] for w in words), statistics.median(w[3] for w in words), size, bold,
                    " ".join(w[0] for w in words))


def _running_lines(pages: list[list[Fragment]], heights: list[float],
                   body: float) -> tuple[set[int], dict[int, str], list[str]]:
    """Margin lines that repeat at the same distance from the page's top or foot (within 8 points) on most
    pages (digits normalised), or word for word on ``MIN_REPEATS``: their ids, the page numbers among them,
    and one example of each. On a document of two pages, on both. Also a place in the margin that most pages fill with a short line in a font smaller than the
    body's, each repeated there or a heading's title (the chapter's title on odd pages, the report's on even
    ones), and bare page numbers (Arabic or Roman) that count with the pages, on two pages or more; in a
    document with one page of text, a bare number at its very foot or head that is its own page number. A line
    whose number rises with its pages on ``MIN_REPEATS`` (a part's footer, "Bijlage 1 – pagina 2"), and a margin
    line that says it is on its own page ("Pagina 2 van 2", with the "Datum" and "Kenmerk" beside it: a
    letter's follow-up header), go too."""
    if len(pages) < 2:
        return _own_page_numbers(pages, heights, body, set(), {}, [])
    needed = max(2.0, REPEAT_SHARE * len(pages))
    seen: dict[tuple[bool, str], list[tuple[int, Fragment]]] = defaultdict(list)
    slots: dict[int, list[Fragment]] = defaultdict(list)
    counting: dict[tuple[int, bool, int], list[Fragment]] = defaultdict(list)
    for fragments, height in zip(pages, heights):
        cells = _cells_per_baseline(fragments)
        for f in fragments:
            if _in_table_row(f, cells):  # a table's first row on each page repeats its shape, not its words
                continue
            if _in_margin(f.y, height):  # a footer by its distance from
                edge = round(f.y / 4) if f.y < height / 2 else -round((height - f.y) / 4)  # the foot: landscape too
                seen[(edge > 0, line_shape(f.text))].append((edge, f))
                slots[edge].append(f)
                if (value := page_number(f.text)) is not None:
                    counting[(edge, f.text.strip().isascii() and f.text.strip().isdigit(), value - f.page)].append(f)
    removed: set[int] = set()
    labels: dict[int, str] = {}
    examples: list[str] = []
    for placed in seen.values():  # at one distance from the edge, give or take two steps (a landscape page's
        edge = Counter(e for e, _ in placed).most_common(1)[0][0]  # margin is seldom its portrait pages')
        found = [f for e, f in placed if abs(e - edge) <= 2]
        pages_found = len({f.page for f in found})
        if pages_found < needed and (pages_found < MIN_REPEATS or (len({f.text for f in found}) > 1
                                                                   and not _counts_with_pages(found))
                                     or len(found[0].text.split()) > MAX_RUNNING_WORDS
                                     or statistics.median(f.size for f in found) >= HEADING_SIZE_RATIO * body):
            continue  # on fewer pages than most, only a short line repeated word for word, not in a heading's size
        if (len({f.text for f in found}) > 1 and statistics.median(f.size for f in found) >= HEADING_SIZE_RATIO * body
                and all(f.y < heights[f.page - 1] / 2 for f in found)):
            continue  # "Bijlage 1", "Bijlage 2", … each opening its page in a heading's size: headings, not a header
        removed.update(id(f) for f in found)
        examples.append(found[0].text)
        if pages_found >= needed:
            labels.update((f.page, number) for f, number in changing_numbers(found))
    headings = {_plain(f.text) for fragments in pages for f in fragments if f.size >= HEADING_SIZE_RATIO * body}
    for found in slots.values():  # a header that names each page's chapter: short lines in a small font, one place,
        filled = {f.page for f in found}  # each repeated or a heading's title (not footnotes or rows); the place filled
        found = [f for f in found if id(f) not in removed]  # on most pages, also by a line already left out (the
        repeated = Counter(f.text for f in found)  # report's name on even pages, after a cover without a header)
        if not (found and len(filled) >= needed and all(f.size < body - 0.5 for f in found)
                and all(len(f.text.split()) <= MAX_RUNNING_WORDS for f in found)
                and not any(FOOTNOTE.match(f.text) and _plain(f.text) not in headings for f in found)):
            continue  # a note that opens with its number, not a chapter's "2 Bevindingen"
        named = [_heading_named(f.text, headings) for f in found if repeated[f.text] == 1]
        if None not in named and len({prefix for prefix in named if prefix}) <= 1:
            removed.update(id(f) for f in found)
            examples += sorted({f.text for f in found})[:3]
    for fragments, height in zip(pages, heights):  # "Pagina 2 van 2", "Blad 2" in the margin of its own page: a
        for f in fragments:  # letter's follow-up header, once in a letter of two pages, and said to be one
            said = next((m for cell in f.text.split(TABLE_CELL_SEPARATOR) if (m := PAGE_OF.fullmatch(cell))), None) \
                if id(f) not in removed and _in_margin(f.y, height) else None  # a cell of its own, not "zie pagina 5"
            if said and int(said.group(1)) == f.page:
                block = [g for g in fragments if g is f or (_in_margin(g.y, height) and abs(g.y - f.y) <= 4 * f.size
                                                            and LETTER_FIELD.match(g.text))]  # its "Datum", "Kenmerk"
                removed.update(id(g) for g in block)
                examples += [g.text for g in block]
                labels.setdefault(f.page, said.group(1))
    for found in counting.values():  # a bare number that counts with the pages on a few of them: the body's
        found = [f for f in found if id(f) not in removed]  # 1-3 after a front matter numbered ii and iii
        if len({f.page for f in found}) >= 2:
            removed.update(id(f) for f in found)
            examples.append(found[0].text)
            labels.update((f.page, f.text.strip()) for f in found)
    return _own_page_numbers(pages, heights, body, removed, labels, examples)


def _counts_with_pages(found: list[Fragment]) -> bool:
    """Whether lines of one shape differ by a number that rises with their pages ("Bijlage 1 – pagina 2" on the
    appendix's second page): a footer of a part of the document, on fewer than most pages."""
    if not any(c.isalpha() for c in found[0].text):
        return False  # a bare page number is counted below, where it also labels its page
    return any(len(set(values)) > 1 and len({int(v) - f.page for v, f in zip(values, found)}) == 1
               for values in number_columns(found))


def _in_margin(y: float, height: float) -> bool:
    """Whether a line this far down a page of this height stands in its top or bottom margin."""
    return y < height * MARGIN_ZONE or y > height * (1 - MARGIN_ZONE)


def _declared_numbers(pages: list[list[Fragment]], heights: list[float], declared: dict[int, str]) -> set[int]:
    """Margin lines that print the label the PDF declares for their page ("iii" alone under a foreword,
    "Pagina 6" on a turned page): page numbers that no repetition showed, left out of the text."""
    found = set()
    for number, (fragments, height) in enumerate(zip(pages, heights), start=1):
        label = declared.get(number, "").lower()
        for f in fragments if label else ():
            if _in_margin(f.y, height) and DECLARED_NUMBER.sub("", f.text.lower()) == label:
                found.add(id(f))
    return found


def _baseline(fragment: Fragment) -> int:
    """Fragments with one key stand on one baseline, give or take a point (cells of a table's row)."""
    return round(fragment.y / 2)


def _cells_per_baseline(fragments: list[Fragment]) -> Counter:
    return Counter(_baseline(f) for f in fragments)


def _in_table_row(fragment: Fragment, cells: Counter) -> bool:
    """A fragment in a row of four cells or more, or of three where it holds no word ("€ 275.000 20-12-"),
    with another row of three cells or more within three lines: a table's, not a header's or footer's
    (a lone row, of a left, a middle and a right part at most)."""
    key = _baseline(fragment)
    row = cells[key]
    if not (row >= 4 or (row >= 3 and not re.search(r"[^\W\d_]{2}", fragment.text))):
        return False
    reach = max(1, round(3 * fragment.size / 2))
    return any(cells[k] >= 3 for k in range(key - reach, key + reach + 1) if k != key)


def _own_page_numbers(pages: list[list[Fragment]], heights: list[float], body: float, removed: set[int],
                      labels: dict[int, str], examples: list[str]) -> tuple[set[int], dict[int, str], list[str]]:
    """In a document with one page of text (a newsletter whose other pages are pictures), where no repeat can
    confirm a page number: a bare Arabic number in the margin, no larger than the body text, on the
    outermost line of the page, equal to the page's place in the file; the small print beside it on that
    line ("Wijknieuws Zuiderpark · nummer 3") is the page's footer and goes too."""
    if sum(1 for fragments in pages if fragments) != 1:
        return removed, labels, examples
    for fragments, height in zip(pages, heights):
        kept = [f for f in fragments if id(f) not in removed]
        if not kept or kept[0].page in labels:
            continue
        for edge in (max(f.y for f in kept), min(f.y for f in kept)):
            line = [f for f in kept if abs(f.y - edge) <= BASELINE_TOLERANCE * max(f.size, 1)]
            if len(line) > 2:  # a table's row, not a number with a footer beside it
                continue
            number = next((f for f in line if f.text.strip().isdigit() and page_number(f.text) == f.page
                           and f.size <= body + 0.5), None)  # a chapter's number in large type is a heading
            if number is None or not _in_margin(edge, height):
                continue
            if any(f is not number and f.size >= body - 0.5 for f in line):
                continue  # "Aantal bijlagen: 1" in the body's type: a value, not a page number
            gone = [number] + [f for f in line if f is not number]
            removed.update(id(f) for f in gone)
            labels[number.page] = number.text.strip()
            examples += [f.text for f in gone if f.text not in examples]
            break
    return removed, labels, examples


def _heading_named(text: str, headings: set[str]) -> str | None:
    """What stands before a heading's title the line ends in ("grip op schulden —" before "2 Bevindingen";
    "" for the title alone), or None if it names no heading. A chapter's header is the report's name, the
    same on every page, and the chapter's title."""
    plain = _plain(text)
    if plain in headings:
        return ""
    for heading in headings:
        if len(heading) < 4 or not plain.endswith(heading):
            continue
        found = re.search(rf"^(.*?\S)\s*[—–:|-]?\s*\d*\s*{re.escape(heading)}$", plain)
        if found and found.group(1) != plain:
            return found.group(1).rstrip(" —–:|-")
    return None


def _plain(text: str) -> str:
    """A title without its number, case or spacing: "2 Besluiten" and "BESLUITEN" alike."""
    return " ".join(re.sub(r"^[\d.]+\s+", "", text.strip()).lower().split())


#: What may stand around a page number: "Pagina 6", "pag. 6", "- 6 -", "page 6".
DECLARED_NUMBER = re.compile(r"^\s*(?:pagina|pag\.|blz\.|page|p\.)?[\s\-–—]*|[\s\-–—]*$")
ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def page_number(text: str) -> int | None:
    """The value of a line that is only a page number: "12", or a Roman "iv" / "XII" of the front matter."""
    text = text.strip()
    if re.fullmatch(r"[0-9]{1,4}", text):  # ASCII digits: "²" is a footnote mark; "2023" a year, not a page
        return None if re.fullmatch(r"(?:19|20)\d\d", text) else int(text)
    if not 0 < len(text) <= 7 or not re.fullmatch(r"[ivxlcdm]+|[IVXLCDM]+", text):
        return None
    values = [ROMAN[c] for c in text.lower()]
    total = sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))
    return total if total > 0 else None


def _gutter(fragments: list[Fragment], prose_only: bool = False) -> float | None:
    """The x that the fewest fragments cross, in the middle of the page, if it really splits columns: not
    where most lines with text on both sides of it are a table's rows (``_table_row``); with ``prose_only``
    (a gutter within a column), only where both sides are prose."""
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
    left = sum(1 for f in fragments if f.x1 <= x)
    right = sum(1 for f in fragments if f.x0 >= x)
    if min(left, right) < 3 or crossing > 0.15 * (left + right):
        return None
    rows: dict[int, list[Fragment]] = defaultdict(list)
    for f in fragments:
        rows[_baseline(f)].append(f)
    both = [row for row in rows.values() if any(f.x1 <= x for f in row) and any(f.x0 >= x for f in row)]
    full = {id(f) for f in fragments  # a prose line as wide as its side: a column's, beside a table or not
            if f.x1 - f.x0 >= FULL_LINE * ((x - left_edge) if f.x1 <= x else (right_edge - x))}
    tables = sum(1 for row in both if _table_row(row) and not any(id(f) in full for f in row))
    if len(both) >= 3 and tables * 2 >= len(both):
        return None  # the gap between a wide table's names and its figures: each line has cells on both sides
    if prose_only and not (_prose([f for f in fragments if f.x1 <= x], x - left_edge)
                           and _prose([f for f in fragments if f.x0 >= x], right_edge - x)):
        return None
    return x


def _prose(fragments: list[Fragment], width: float) -> bool:
    """Most lines fill their column (``width``, to the gutter): text, not a table's short cells."""
    return statistics.median(f.x1 - f.x0 for f in fragments) >= PROSE_LINE * width


def _table_row(row: list[Fragment]) -> bool:
    """Four cells or more, or a name followed by figures only ("Stichting Oostzaanse Molens | € 73.600"): a
    table's row. Lines of two or three text columns side by side are neither."""
    cells = sorted(row, key=lambda f: f.x0)
    return len(cells) >= 4 or (len(cells) >= 2 and all(_figure(f.text) for f in cells[1:]))


def _figure(text: str) -> bool:
    """A cell of figures: an amount, a date, a share ("€ 73.600", "20-12-2023", "12 %", "2025 2027")."""
    return bool(re.search(r"\d", text)) and len(text.split()) <= 3 and not re.search(r"[^\W\d_]{4}", text)


def _gutters(fragments: list[Fragment], depth: int = 2) -> list[float]:
    """The page's column gutters, left to right: the best one, then within each side of it (three or four
    columns)."""
    gutter = _gutter(fragments, prose_only=depth < 2)
    if gutter is None or depth == 1:
        return [] if gutter is None else [gutter]
    left = _gutters([f for f in fragments if f.x1 <= gutter], depth - 1)
    right = _gutters([f for f in fragments if f.x0 >= gutter], depth - 1)
    return [*left, gutter, *right]


def _reading_order(fragments: list[Fragment]) -> list[list[Fragment]]:
    """Runs of fragments in reading order: per band between fragments that cross a gutter (full width), each
    column top to bottom, left to right."""
    gutters = _gutters(fragments)
    ordered = sorted(fragments, key=lambda f: (f.y, f.x0))
    if not gutters:
        return [_rows(ordered)]
    edges = [float("-inf"), *gutters, float("inf")]
    runs: list[list[Fragment]] = []
    columns: list[list[Fragment]] = [[] for _ in gutters] + [[]]

    def close_band():
        for column in columns:
            if column:
                runs.append(_rows(column))
                column.clear()

    for f in ordered:
        column = next((i for i in range(len(columns)) if edges[i] <= f.x0 and f.x1 <= edges[i + 1]), None)
        if column is None:
            close_band()
            runs.append([f])
        else:
            columns[column].append(f)
    close_band()
    return runs


def _rows(fragments: list[Fragment]) -> list[Fragment]:
    """Fragments of one column, top to bottom; several on one baseline are a table row, joined into one."""
    rows: list[list[Fragment]] = []
    for f in sorted(fragments, key=lambda f: (f.y, f.x0)):
        if rows and abs(rows[-1][0].y - f.y) <= BASELINE_TOLERANCE * max(f.size, 1):
            rows[-1].append(f)
        else:
            rows.append([f])
    joined = []
    for row in rows:
        if len(row) == 2 and LIST_MARKER.match(row[0].text):  # "-   tekst", "6.   Voorstel": a list item
            first, second = row
            joined.append(Fragment(first.page, first.x0, second.x1, first.y, second.size, second.bold,
                                   f"{first.text} {second.text}"))
            continue
        if len(row) == 1:
            joined.append(row[0])
            continue
        first = row[0]
        joined.append(Fragment(first.page, first.x0, max(f.x1 for f in row), first.y, first.size, first.bold,
                               TABLE_CELL_SEPARATOR.join(f.text for f in row), table=True))
    return joined


def _page_lines(runs: list[list[Fragment]]) -> list[PdfLine]:
    """Lines with block starts: a new run, a wide vertical gap, a font change or a table boundary."""
    distances = [b.y - a.y for run in runs for a, b in zip(run, run[1:]) if 0 < b.y - a.y < 4 * a.size]
    usual = statistics.median(distances) if distances else 0.0
    lines: list[PdfLine] = []
    for run in runs:
        previous: Fragment | None = None
        for f in run:
            new_block = (
                previous is None
                or f.table != previous.table
                or abs(f.size - previous.size) > 0.5
                or f.bold != previous.bold
                or f.y - previous.y > BLOCK_GAP * max(usual, LINE_SPACING * f.size)
            )
            lines.append(PdfLine(f.page, f.text, f.size, f.bold, f.table, new_block, run_start=previous is None))
            previous = f
    return lines


def _continues(before: PdfLine, line: PdfLine) -> bool:
    """Whether ``line``, opening a column or page, goes on with the sentence of ``before``."""
    same_font = abs(line.size - before.size) <= 0.5 and line.bold == before.bold
    ended = SENTENCE_END.search(before.text.rstrip(NOTE_MARKS))  # "… een besluit.¹" ends its sentence
    return same_font and (line.text.lstrip(OPENERS)[:1].islower() or not ended)


def _footnotes_after_their_marks(lines: list[PdfLine], body: float) -> list[PdfLine]:
    """A page's footnotes (its last lines, in type smaller than the body's, each note opening with its
    number, one more than the note before) go after the paragraph that carries their mark ("stuk.¹"), as
    paragraphs of their own: so a note is cited in the section that refers to it, not in whichever section
    ends the page. Marks are looked for in the notes' order, each after the one before, and only after a
    word ("m²" and "10⁶" are no marks). A note whose mark is not found stays where it was."""
    end = len(lines)
    while end > 0 and lines[end - 1].size < body - 0.5 and not lines[end - 1].table:
        end -= 1
    if end in (0, len(lines)) or not FOOTNOTE.match(lines[end].text):
        return lines
    notes: list[tuple[int, list[PdfLine]]] = []
    for line in lines[end:]:
        opening = FOOTNOTE.match(line.text)
        number = int(opening.group(1).translate(PLAIN_DIGITS)) if opening else None
        if not notes or (number is not None and number == notes[-1][0] + 1):  # "14 april 2023, …" runs on
            notes.append((number if number is not None else -1, []))
        notes[-1][1].append(line)
    text = lines[:end]
    places: list[tuple[int, int, list[PdfLine]]] = []  # (insert before this line of ``text``, note order, note)
    stay: list[PdfLine] = []
    searched = 0
    for order, (number, note) in enumerate(notes):
        mark = str(number).translate(SUPERSCRIPT)
        pattern = re.compile(rf"[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹]{{2}}[.,;:!?)’”]?{mark}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
        at = next((i for i in range(searched, len(text)) if number > 0 and pattern.search(text[i].text)), None)
        if at is None:
            stay += note
            continue
        searched = at
        after = at + 1
        while after < len(text) and not (text[after].new_block or text[after].run_start):
            after += 1
        places.append((after, order, note))
    for after, _, note in sorted(places, key=lambda place: (place[0], place[1]), reverse=True):
        note[0].new_block = True
        if after < len(text):
            text[after].new_block = True
        text[after:after] = note
    return text + stay


def _footnotes_before_their_paragraph(lines: list[PdfLine]) -> list[PdfLine]:
    """Footnotes at the foot of a page (lines in a font smaller than the body's) that stand between a sentence
    and its next page go before the paragraph they interrupt, so the sentence stays whole (the page order
    stays too)."""
    lines = list(lines)
    body, _ = body_font(lines)
    for i in range(1, len(lines)):
        line = lines[i]
        if not line.run_start or line.table:
            continue
        k = i
        while k > 0 and not lines[k - 1].table and lines[k - 1].size < body - 0.5 and not lines[k - 1].run_start:
            k -= 1
        if k == i or k == 0 or lines[k - 1].table or not _continues(lines[k - 1], line):
            continue
        start = k - 1
        while start > 0 and (not (lines[start].new_block or lines[start].run_start)
                             or (lines[start].run_start and _continues(lines[start - 1], lines[start]))):
            start -= 1
        if lines[start].page != lines[k].page:  # the paragraph began a page earlier: moving the notes there
            continue  # would put a later page's text before it
        notes = lines[k:i]
        notes[0].new_block = True
        lines[start:i] = notes + lines[start:k]
        lines[start + len(notes)].new_block = True
    return lines


def _join_continuations(lines: list[PdfLine]) -> None:
    """A sentence that runs on over a column or page break stays one block: the next column opens in the
    same font with a lowercase word, or the column before stopped without ending its sentence."""
    for before, line in zip(lines, lines[1:]):
        if not line.run_start or line.table or before.table:
            continue
        if _continues(before, line):
            line.new_block = False
