"""Read a PDF from its layout: characters with positions and fonts -> lines in reading order.

``pypdfium2`` (PDFium, Apache-2.0) gives every character with its baseline, box, font size and
weight. From those:

* words and line fragments (here): glyphs on one baseline, split where the gap is wider than the font;
* columns, table rows and blocks (``columns``): a vertical gap, a change of font size or weight, or a
  table row starts a new block (written as a blank line, so the text pipeline after reading is the
  same for every format);
* running headers, footers and page numbers (``pdf_margins``), left out;
* note marks and footnotes (``footnotes``), each note after the paragraph that refers to it.
"""

from __future__ import annotations

import ctypes
import math
import re
import statistics
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Sized
from dataclasses import dataclass, field

from vraagbaak.ingest.columns import gutters, page_lines, reading_order
from vraagbaak.ingest.footnotes import (
    MARK_LIFT,
    MARK_SIZE_RATIO,
    continues,
    footnotes_after_their_marks,
    footnotes_before_their_paragraph,
    note_marks,
    raised_marks_to_their_lines,
)
from vraagbaak.ingest.headings import body_font
from vraagbaak.ingest.layout import BASELINE_TOLERANCE, Fragment, PdfLine
from vraagbaak.ingest.pdf_margins import declared_numbers, running_lines
from vraagbaak.ingest.redaction import address, covered, covering_boxes, hidden_where_drawn
from vraagbaak.ingest.ruled_tables import Rules, cell_breaks_resolved, cuts, drawn_rules, ruled_rows

#: A horizontal gap wider than this many font sizes separates two fragments (cells, columns).
FRAGMENT_GAP = 1.5
#: ... and this many where the word after it opens a column: three columns may stand 18 points apart. Where the
#: font size changes by more than ``SIZE_STEP`` points (a text box in smaller type beside the text), a gap of an em
#: splits between words, up to ``SIZE_RATIO`` times the size: a chapter's number in display type stays with its
#: title, a key figure with its label, and a note's number with its text.
COLUMN_GAP = 0.8
#: Where a narrow column's start is known (``_narrow_gutters``), a gap of this many font sizes before it splits the
#: lines it was seen between: wider than a space, also one a justified line stretched (a browser's justified cells).
EDGE_GAP = 0.6
SIZE_STEP = 0.5
SIZE_RATIO = 1.5
#: A narrow gutter (``_narrow_gutters``) is seen on this many lines, with this many ems of text before it.
NARROW_LINES = 4
NARROW_SIDE = 8
#: A justified line's gaps wider than a plain space (in ems), and how many times wider a gap between its words
#: must be to split it (``_justified_gap``).
STRETCHED = 0.6
#: ... at most this many ems (beyond it, alike gaps are a table's columns), and a word has two letters.
MAX_STRETCH = 2.0
JUSTIFIED = 1.4
WORD = re.compile(r"[^\W\d_]{2}")
#: A table's cell holds a word or a figure (a contents page's dot leaders do not).
CELL_TEXT = re.compile(r"[^\W_]")
#: A box at most this share of the page's height is a text box; a taller one is a background or a column's panel.
PANEL = 0.6
#: A gap between two characters' advances wider than this share of the font size is a space (a space is
#: 0.25-0.28 of it in common fonts; letters follow each other's advance, however tightly a line is justified).
WORD_GAP = 0.2
#: A subscript: one or two digits, lowered, right after a letter.
SUBSCRIPT_DIGITS = re.compile(r"[0-9]{1,2}")
SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")
#: At most this many font sizes between a subscript and the letter before it, or the word after it ("₂-uitstoot").
CLOSE_UP = 0.15
#: Symbol and Wingdings characters at the private-use codes Word gives them: its list bullets (U+F0B7,
#: U+F0A7, U+F0D8, ...) and the signs a text uses; a glyph PDFium cannot name at all (0) is left out.
SYMBOL_FONT = str.maketrans({"\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢", "\uf076": "❖", "\uf06e": "■",
                             "\uf0a8": "□", "\uf0fc": "✓", "\uf0fb": "✗", "\uf0b3": "≥", "\uf0a3": "≤",
                             "\uf0b1": "±", "\uf0ae": "→", "\uf0b4": "×", "\uf0b0": "°", "\uf02d": "–",
                             "\uf06c": "●", "\uf06f": "□", "\uf071": "❑", "\uf075": "◆", "\x00": None})
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
#: Degrees a character may lean from the text's direction and be read: a scan's lines lean as much as it was
#: skewed, and its OCR layer sets each at its slant; a diagonal "CONCEPT" or a line up the margin does not. Of
#: those, a character that leans more than ``LEAN`` degrees both from level and from the page's own slant (a stamp
#: set askew over a level page) is no part of its text.
MAX_TILT = 6
LEAN = 2
#: A page whose lines slant this many degrees or more is made level before lines are found (``_straightened``),
#: judged on at least ``SLANT_SAMPLE`` lines.
MIN_TILT = 0.05
SLANT_SAMPLE = 3
#: A run of characters this many font sizes long is a line whose slope tells the page's slant.
SLANT_RUN = 15
#: Accents set as characters of their own, and the combining mark each puts on the letter it stands over.
OVER = {"\u00b4": "\u0301", "`": "\u0300", "\u00a8": "\u0308", "\u02c6": "\u0302", "\u02dc": "\u0303",
        "\u00b8": "\u0327", "\u02c7": "\u030c", "\u02d8": "\u0306", "\u02da": "\u030a", "\u00af": "\u0304",
        "\u02dd": "\u030b", "\u02d9": "\u0307"}
#: A dotless letter takes an accent in place of its dot (TeX sets "ï" as "¨" over "ı").
DOTLESS = {"\u0131": "i", "\u0237": "j"}
#: PDFium's weight estimate is unreliable (695 for regular Arial); the font's name says it.
BOLD_NAME = re.compile(rb"(?i)bold|black|heavy|semibold|demi")


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
        raise PdfUnreadable("dit is geen PDF (het bestand begint niet met %PDF-): het is beschadigd, of een ander soort "
                             "bestand met de naam van een PDF")
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
        pages, heights, scanned, covered, page_boxes = [], [], [], [], []
        drawn = 0  # pages without text that hold a picture or a drawing
        for i in range(len(document)):
            fragments, height, hidden, boxes = _page_fragments(document[i], i + 1)
            pages.append(fragments)
            page_boxes.append(boxes)
            heights.append(height)
            if hidden:
                covered.append(i + 1)
            if not fragments:
                page = document[i]
                if next(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=2), None) is not None:
                    scanned.append(i + 1)
                drawn += next(page.get_objects(max_depth=2), None) is not None
                page.close()
    except pdfium.PdfiumError as exc:
        raise PdfUnreadable("de PDF is beschadigd") from exc
    finally:
        document.close()
    if not any(pages) and not drawn:
        raise PdfUnreadable("de PDF bevat geen tekst: de pagina's zijn leeg")
    if not any(pages):
        raise PdfUnreadable("de PDF heeft geen tekstlaag (gescand?); maak er eerst doorzoekbare tekst van (OCR)")
    body, _ = body_font(f for fragments in pages for f in fragments)
    removed, labels, examples = running_lines(pages, heights, body)
    if any(declared.get(page, label) != label for page, label in labels.items()):
        declared = {}  # the PDF's labels say otherwise than its pages print: the pages are believed
    removed |= declared_numbers(pages, heights, declared)
    labels = {**declared, **labels}  # what the page prints, else the label the PDF gives it (/PageLabels)
    lines: list[PdfLine] = []
    for fragments, boxes in zip(pages, page_boxes):
        kept = [f for f in fragments if id(f) not in removed]
        lines += footnotes_after_their_marks(page_lines(reading_order(kept, boxes)), body)
    lines = _tables_over_pages(footnotes_before_their_paragraph(lines))
    _join_continuations(lines)
    cell_breaks_resolved(lines)
    return PdfLayout(lines, len(pages), labels, examples, title, scanned, covered, author)


def _page_fragments(page, number: int) -> tuple[list[Fragment], float, int, list[tuple[float, float, float, float]]]:
    """Glyphs -> words -> fragments (top-down y, as the page reads), the page's height as it reads, how many
    characters a dark box drawn over them hides (``redaction.covering_boxes``), which are left out, and the
    rectangles drawn on it (``Rules.boxes``: text boxes are read box by box).

    A landscape page is often a portrait page turned (``/Rotate 90``) with its text drawn turned the other
    way: the text's own direction, that of most of its characters, says how the page reads, and positions
    are turned to match. Characters in any other direction (a diagonal "CONCEPT", a line up the margin) are
    no part of the running text and are left out. A character's size is its font's times the scale it is drawn
    at: a browser's PDF sets 13.3 px type drawn at 0.75 (10 pt), some writers set every font at 1 and scale it."""
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
        rules = drawn_rules(page, crop_left, crop_bottom, height) if not rotated else Rules([], [])
        x, y = ctypes.c_double(), ctypes.c_double()
        name = ctypes.create_string_buffer(128)
        flags = ctypes.c_int()
        loose = raw.FS_RECTF()
        matrix = raw.FS_MATRIX()
        raw_glyphs: list[tuple] = []
        # Characters under a dark box drawn after them: (glyph, box, the box's grey, the text object).
        suspects: list[tuple[int, tuple, float, int]] = []
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
            drawn_in = address(raw.FPDFText_GetTextObject(handle, i)) if len(covers) else None
            cover = covered((left, bottom, right, top), order.get(drawn_in), covers) if drawn_in else None
            if cover is not None and not char.isspace():
                suspects.append((len(raw_glyphs), box, cover, drawn_in))
            raw.FPDFText_GetCharOrigin(handle, i, ctypes.byref(x), ctypes.byref(y))
            raw.FPDFText_GetMatrix(handle, i, ctypes.byref(matrix))  # the size as drawn: the font's, times the
            size = raw.FPDFText_GetFontSize(handle, i) * math.hypot(matrix.c, matrix.d)  # scale it is drawn at
            known = raw.FPDFText_GetFontInfo(handle, i, name, len(name), ctypes.byref(flags))
            if known and flags.value & SYMBOLIC and char in MAC_MISREAD:
                char = char.translate(MARKED)  # maybe a Windows letter read through the Mac table: the word decides
            bold = bool(known) and BOLD_NAME.search(name.value) is not None
            angle = raw.FPDFText_GetCharAngle(handle, i)
            raw_glyphs.append((char, (box, x.value - crop_left, y.value - crop_bottom, size, bold,
                                      math.degrees(angle) % 360 if angle >= 0 else None,
                                      (loose.left - crop_left, loose.bottom - crop_bottom, loose.right - crop_left,
                                       loose.top - crop_bottom))))
        if suspects:  # a turned page is drawn turned: its boxes are not checked against the drawing
            at = [True] * len(suspects) if rotated else hidden_where_drawn(page, [(b, c) for _, b, c, _ in suspects],
                                                                            height)
            hiding = {drawn_in for (*_, drawn_in), gone in zip(suspects, at) if gone}
            for k, *_, drawn_in in suspects:  # one character of a text object hidden: all of them under the box
                if drawn_in in hiding:  # gone from the text; the place keeps a mark, so the sentence reads on
                    raw_glyphs[k] = (COVERED, raw_glyphs[k][1])
                    hidden += 1
    finally:
        textpage.close()
        page.close()
    quarters = Counter(round(g[1][5] / 90) % 4 for g in raw_glyphs if g[1] and g[1][5] is not None
                       and not g[0].isspace())
    direction = 0
    if quarters:
        quarter, count = quarters.most_common(1)[0]
        if rotated or count >= TURNED_SHARE * sum(quarters.values()):  # a long line up the margin of a sparse page
            direction = quarter * 90  # does not turn the page
    def across(left: float, bottom: float, right: float, top: float) -> tuple[float, float]:
        """A box's extent along the text's own direction, as the page reads."""
        return {0: (left, right), 270: (bottom, top), 180: (width - right, width - left),
                90: (height - top, height - bottom)}[direction]

    glyphs: list[tuple[str, float, float, float, float, bool, float, float]] = []
    tilts: list[float] = []
    for char, data in raw_glyphs:
        if data is None:
            glyphs.append((" ", 0, 0, 0, 0, False, 0, 0))
            tilts.append(0.0)
            continue
        box, origin_x, origin_y, size, bold, angle, advance = data
        tilt = 0.0 if angle is None else (angle - direction + 180) % 360 - 180
        if abs(tilt) > MAX_TILT:
            continue
        down = {0: height - origin_y, 270: origin_x, 180: origin_y, 90: width - origin_x}[direction]
        glyphs.append((char, *across(*box), down, size, bold, *across(*advance)))
        tilts.append(tilt)
    shown_width, shown_height = (width, height) if direction in (0, 180) else (height, width)
    slant = _slant(glyphs)  # a character leaning from level and from the page's slant (a stamp set askew) is no text
    lean = math.degrees(math.atan(slant))
    glyphs = [g for g, tilt in zip(glyphs, tilts) if min(abs(tilt), abs(tilt - lean)) <= LEAN or not g[0].strip()]
    glyphs = _accents_placed(_straightened(glyphs, shown_width / 2, slant))
    if direction != 0:
        rules = Rules([], [])  # drawn as the page is stored, not as its text reads
    fragments = [f for f in _fragments(_words(glyphs, gaps=direction != 0), number, cuts(rules))  # the middle on
                 if 0 <= (f.x0 + f.x1) / 2 <= shown_width and 0 <= f.y <= shown_height]  # the page as shown: a line
    boxes = [b for b in rules.boxes if b[3] - b[1] <= PANEL * shown_height]
    return ruled_rows(fragments, rules), shown_height, hidden, boxes  # over its edge stays: a printer's note


def _slant(glyphs: list[tuple]) -> float:
    """How much a skewed scan's lines fall (points down per point across; 0 for a page set by a writer): the typical
    slope of the page's runs of characters (one after the other, each close to the right of the one before, as a
    line's words are), from ``SLANT_SAMPLE`` runs as long as a line."""
    steepest = math.tan(math.radians(MAX_TILT))
    slopes, run = [], []
    for glyph in glyphs:
        if not (glyph[4] and glyph[0].strip()):
            continue
        if run and not (0 < glyph[1] - run[-1][1] <= 3 * glyph[4]
                        and abs(glyph[3] - run[-1][3]) <= steepest * (glyph[1] - run[-1][1]) + glyph[4] / 4):
            slopes += _slope(run)
            run = []
        run.append(glyph)
    slopes += _slope(run)
    slant = statistics.median(slopes) if len(slopes) >= SLANT_SAMPLE else 0.0
    return slant if abs(slant) >= math.tan(math.radians(MIN_TILT)) else 0.0


def _slope(run: list[tuple]) -> list[float]:
    """The slope of a run of characters as long as a line of words (none for a shorter one)."""
    span = run[-1][1] - run[0][1] if run else 0.0
    return [(run[-1][3] - run[0][3]) / span] if run and span >= SLANT_RUN * run[0][4] else []


def _straightened(glyphs: list[tuple], middle: float, slant: float) -> list[tuple]:
    """A skewed scan's lines made level: its OCR layer sets each word where the scan shows it, so a line of a
    page turned by one degree falls 9 points over 500 and its halves join the lines above and below. Each
    character is lowered by the rise of the page's ``slant`` at its place, measured from the page's middle."""
    if not slant:
        return glyphs
    return [(g[0], g[1], g[2], g[3] - ((g[1] + g[2]) / 2 - middle) * slant, *g[4:]) if g[4] else g for g in glyphs]


def _accents_placed(glyphs: list[tuple]) -> list[tuple]:
    """An accent set as a character of its own over a letter (TeX's old OT1 fonts have no "é": "´e´en" for
    "één", "Financi¨en") joined to the letter it stands over: the letter beside it whose width holds the accent's
    middle. An accent that stands over no letter ("auto´s") stays."""
    joined: list[tuple] = []
    skip = -1
    for i, glyph in enumerate(glyphs):
        if i == skip:
            continue
        mark = OVER.get(glyph[0])
        if mark and glyph[4]:
            middle = (glyph[1] + glyph[2]) / 2
            for k in (i + 1, i - 1):
                if 0 <= k < len(glyphs) and k != skip and glyphs[k][4] and glyphs[k][0].isalpha():
                    letter = glyphs[k]
                    if letter[1] <= middle <= letter[2] and abs(letter[3] - glyph[3]) <= letter[4] / 2:
                        placed = unicodedata.normalize("NFC", DOTLESS.get(letter[0], letter[0]) + mark)
                        if k < i:
                            joined[-1] = (placed, *letter[1:])
                        else:
                            joined.append((placed, *letter[1:]))
                            skip = k
                        break
            else:
                joined.append(glyph)
            continue
        joined.append(glyph)
    return joined


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
            sizes = Counter(round(g[4], 2) for g in current)  # to a tenth, a 4.67 mark on 5.33 type failed the ratio
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


def _fragments(words, page: int, cuts: list[tuple[float, float, float]] = ()) -> list[Fragment]:
    """Words on one baseline, left to right, split where the gap is wider than the font (the larger of the
    two words'), or than an em between words whose size changes a little, where a table's vertical rule stands
    between them (``cuts``: x, top, bottom), and where a word opens a column after a narrower gap (``_split_at``);
    a chapter's large number stays with its title."""
    lines: list[list] = []
    for word in sorted(words, key=lambda w: (w[3], w[1])):
        for line in reversed(lines[-4:]):
            if abs(line[0][3] - word[3]) <= BASELINE_TOLERANCE * max(word[4], 1):
                line.append(word)
                break
        else:
            lines.append([word])
    runs: list[list] = []
    for line in raised_marks_to_their_lines(_subscripts_to_their_lines(lines), FRAGMENT_GAP):
        line.sort(key=lambda w: w[1])
        line = note_marks(line)
        stretched = _justified_gap(line)
        run = [line[0]]
        for word in line[1:]:
            gap = word[1] - run[-1][2]
            if (gap > max(FRAGMENT_GAP * max(word[4], run[-1][4], 1), JUSTIFIED * stretched)
                    or SIZE_STEP < abs(word[4] - run[-1][4]) <= (SIZE_RATIO - 1) * min(word[4], run[-1][4])
                    and gap > max(word[4], run[-1][4])
                    and WORD.search(word[0]) and WORD.search(run[-1][0])
                    or any(run[-1][2] - 1 <= x <= word[1] + 1 and top < word[3] <= bottom
                           for x, top, bottom in cuts)):
                runs.append(run)
                run = []
            run.append(word)
        runs.append(run)
    fragments = [_fragment(run, page) for run in runs]
    edges = _column_edges(fragments)
    narrow = _narrow_gutters(runs, edges)
    if not (edges or narrow):
        return fragments
    result = []
    for run in runs:
        near = [(x, end) for x, top, bottom, end in narrow if top - 2 <= run[0][3] <= bottom + 2]  # a line's words'
        starts = [(x, COLUMN_GAP) for x in edges] + [(x, EDGE_GAP) for x, end in near if not end]  # baselines differ
        result += [_fragment(part, page) for part in _split_at(run, starts, [x for x, end in near if end])]
    return result


def _justified_gap(line: list) -> float:
    """The space a justified line stretches between its words, if it does: of its gaps wider than a plain space,
    three or more, most alike (within a fifth of their median), at most two ems (a table's evenly spaced
    figures stand further apart). A short justified line's gaps ("leden.  De  grootste  is") may pass
    ``FRAGMENT_GAP``; only a gap well beyond them (the gutter) splits it. 0 for any other line."""
    wide = [b[1] - a[2] for a, b in zip(line, line[1:])  # between words: a table's figures may stand alike
            if b[1] - a[2] > STRETCHED * max(a[4], b[4]) and WORD.search(a[0]) and WORD.search(b[0])]
    if len(wide) < 3:
        return 0.0
    median = statistics.median(wide)
    size = statistics.median(w[4] for w in line)
    alike = [g for g in wide if abs(g - median) <= 0.2 * median]
    return median if len(alike) >= 0.75 * len(wide) and median <= MAX_STRETCH * size else 0.0


def _subscripts_to_their_lines(lines: list[list]) -> list[list]:
    """A digit set as a subscript ("CO₂", "NO₂") is lowered further than one line's tolerance and comes out as a
    line of its own, which split the sentence it stands in ("De CO -uitstoot … ⏎ 2 ⏎ 2019 met 27 procent"): a
    small digit just below a line, right after a letter of it, is written as a subscript in that word, and a
    word that follows it without a gap ("-uitstoot") joins it too."""
    for i, line in enumerate(lines):
        for mark in list(line) if all(SUBSCRIPT_DIGITS.fullmatch(w[0]) for w in line) else []:  # "CO₂, NO₂ en SO₂"
            for above in reversed(lines[max(0, i - 3):i]):
                size = max(w[4] for w in above)
                if not (0 < mark[3] - statistics.median(w[3] for w in above) <= MARK_LIFT * size
                        and mark[4] <= MARK_SIZE_RATIO * size):
                    continue
                word = next((w for w in above if 0 <= mark[1] - w[2] <= CLOSE_UP * size and w[0][-1:].isalpha()), None)
                if word is None:
                    continue
                line.remove(mark)
                joined = (word[0] + mark[0].translate(SUBSCRIPT), word[1], mark[2], *word[3:])
                after = next((w for w in above if 0 <= w[1] - mark[2] <= CLOSE_UP * size), None)
                if after is not None:
                    above.remove(after)
                    joined = (joined[0] + after[0], joined[1], after[2], *joined[3:])
                above[above.index(word)] = joined
                break
    return [line for line in lines if line]


def _column_edges(fragments: list[Fragment]) -> list[float]:
    """Where the columns right of the page's gutters start: the x most of their lines start at, within two points
    (a browser's column starts 312.5 to 313.4 points in; a box beside it, at 370 on fewer lines, is not its edge)."""
    between = gutters(fragments)
    edges = []
    for gutter, end in zip(between, [*between[1:], float("inf")]):
        starts: dict[int, list[Fragment]] = defaultdict(list)
        for f in fragments:
            if gutter <= f.x0 < end:
                starts[round(f.x0)].append(f)
        clusters = [(x, sum(len(starts[near]) for near in group)) for x, group in _clustered(starts)]
        if clusters and (found := max(clusters, key=lambda c: c[1]))[1] >= 3:
            edges.append(float(found[0]))
    return edges


def _narrow_gutters(runs: list[list], columns: list[float]) -> list[tuple[float, float, float, bool]]:
    """Where columns set a gutter of an em or so apart start (LaTeX's ``multicols`` and ``twocolumn`` leave 10
    points): the x at which, on ``NARROW_LINES`` or more lines, a word starts after a gap of ``COLUMN_GAP`` with
    ``NARROW_SIDE`` ems of text before it and half that after, a word or figure on both sides, and where no word of a
    line between the first and the last of them stands in the gap before it. A justified page's wide gaps do not
    line up; a list's text after its bullets has too little before it. With them, a table's columns as narrowly
    apart (``_table_columns``). Each with the baselines between which it stands, and whether it is a column's right
    edge (x, top, bottom, end): a table's figures set flush right end at one x."""
    if not runs:
        return []
    gap = COLUMN_GAP * statistics.median(w[4] for run in runs for w in run)  # the page's: no word may stand in it
    starts: dict[int, list[float]] = defaultdict(list)  # x -> the baselines of the lines with a gap ending there
    for run in runs:
        size = max(statistics.median(w[4] for w in run), 1)
        for before, after in zip(run, run[1:]):
            if (after[1] - before[2] > COLUMN_GAP * size and before[2] - run[0][1] >= NARROW_SIDE * size
                    and run[-1][2] - after[1] >= NARROW_SIDE / 2 * size
                    and CELL_TEXT.search(before[0]) and CELL_TEXT.search(after[0])):  # not a contents page's leaders
                starts[round(after[1])].append(after[3])
    edges = []
    for x, group in _clustered(starts):
        baselines = sorted(y for near in group for y in starts[near])
        if len(baselines) < NARROW_LINES:
            continue
        first = min(group)
        if not any(w[1] < first - 1 and w[2] > first - gap for run in runs
                   if baselines[0] <= run[0][3] <= baselines[-1] for w in run):
            edges.append((float(x), baselines[0], baselines[-1], False))
    return edges + _table_columns(runs, [*columns, *(x for x, *_ in edges)], gap)


def _table_columns(runs: list[list], gutters: list[float], gap: float) -> list[tuple[float, float, float, bool]]:
    """Where a table's columns start or end that stand an em or so apart (LaTeX's tables, no rules between their
    columns): the x's at which, on ``NARROW_LINES`` lines or more, a word starts after (or, figures set flush
    right, ends before) a gap of ``COLUMN_GAP``, where as many lines have two of them or more: the table's rows,
    between whose first and last baseline they hold, and where no word of the lines between stands in that gap
    (justified prose's wide gaps line up by chance, its words across them on other lines). A list's text after its
    bullets lines up at one x only; the page's own columns (``gutters``) count for none. ``gap``: the page's
    column gap (``COLUMN_GAP`` of its usual size)."""
    lines: dict[int, list] = defaultdict(list)
    for run in runs:
        lines[round(run[0][3])].extend(run)
    gaps: list[tuple[int, int, int]] = []  # (line, where the word before ends, where the word after starts)
    for key, words in lines.items():
        words.sort(key=lambda w: w[1])
        gaps += [(key, round(before[2]), round(after[1])) for before, after in zip(words, words[1:])
                 if after[1] - before[2] > COLUMN_GAP * max(before[4], after[4], 1)
                 and CELL_TEXT.search(before[0]) and CELL_TEXT.search(after[0])
                 and not any(abs(after[1] - edge) <= 2 for edge in gutters)]  # the page's own columns
    columns = []  # (x, whether a column's right edge, the gap beside it that no word of the table may stand in)
    for side in (False, True):
        found: dict[int, set[int]] = defaultdict(set)
        for key, end, start in gaps:
            found[end if side else start].add(key)
        columns += [(x, side, (max(group) + 1, max(group) + gap - 1) if side
                     else (min(group) - gap + 1, min(group) - 1))
                    for x, group in _clustered(found) if len(set().union(*(found[n] for n in group))) >= NARROW_LINES]
    for _ in range(2):  # a column that a word of the table's lines stands across is none: justified prose's gaps
        aligned = Counter(key for key, end, start in gaps  # a gap between two of the table's columns: a row has
                          if any(abs((end if side else start) - x) <= 2 for x, side, _ in columns))  # two (three cells)
        rows = sorted(key for key, count in aligned.items() if count >= 2)
        if len(rows) < NARROW_LINES:
            return []
        within = [w for key in lines if rows[0] <= key <= rows[-1] for w in lines[key]]
        columns = [(x, side, (low, high)) for x, side, (low, high) in columns
                   if not any(w[1] < high and w[2] > low for w in within)]
    top, bottom = min(w[3] for w in lines[rows[0]]), max(w[3] for w in lines[rows[-1]])
    in_rows = set(rows)
    return [(float(x), top, bottom, side) for x, side, _ in columns
            if sum(1 for key, end, start in gaps if key in in_rows and abs((end if side else start) - x) <= 2)
            >= NARROW_LINES]


def _clustered(starts: dict[int, Sized]) -> list[tuple[int, list[int]]]:
    """The x's at which words start, in groups within two points of the first (one column's edge, give or take
    its glyphs' bearings), each with the x most of its words start at."""
    groups: list[list[int]] = []
    for x in sorted(starts):
        if groups and x - groups[-1][0] <= 2:
            groups[-1].append(x)
        else:
            groups.append([x])
    return [(max(group, key=lambda x: len(starts[x])), group) for group in groups]


def _split_at(run: list, starts: list[tuple[float, float]], ends: list[float] = ()) -> list[list]:
    """A run split where a word opens a column (at its left edge, ``starts``: x and the gap in font sizes wider than
    which it splits), or closes one set flush right (at its right edge, ``ends``: a table's figures, after a gap of
    ``COLUMN_GAP``), with the smaller of the two fonts: a heading in large type, or a line of a narrow column, must
    not bridge the gutter to the next column's line; nor a justified cell's line the padding of its cell (a
    browser's table, 0.8 ems apart, ``EDGE_GAP``)."""
    for i in range(1, len(run)):
        before, after = run[i - 1], run[i]
        gap, size = after[1] - before[2], max(min(before[4], after[4]), 1)
        if (any(abs(after[1] - x) <= 2 and gap > wider * size for x, wider in starts)
                or any(abs(before[2] - end) <= 2 for end in ends) and gap > COLUMN_GAP * size):
            return [run[:i], *_split_at(run[i:], starts, ends)]
    return [run]


def _fragment(words, page: int) -> Fragment:
    chars = Counter()
    for w in words:
        chars[(w[4], w[5])] += len(w[0])
    (size, bold), _ = chars.most_common(1)[0]
    return Fragment(page, words[0][1], max(w[2] for w in words), statistics.median(w[3] for w in words), size, bold,
                    " ".join(w[0] for w in words))


def _tables_over_pages(lines: list[PdfLine]) -> list[PdfLine]:
    """A table that runs on over a page: its header row, repeated atop the next page, is left out, and the rest of
    the page's last row, where it goes on there ("Ook de locatie van de regionale" / "meldkamer sinds juni 2024."),
    stays in the table's block, right under that row: the block of text right under the repeated header. It keeps
    its own page, so a passage that holds it cites both."""
    kept: list[PdfLine] = []
    header: PdfLine | None = None  # the first row of the last table
    last_row: PdfLine | None = None
    repeated_on: int | None = None  # the page whose repeated header was left out
    joined = False  # a line was joined to the row cut off
    for line in lines:
        opens = line.table and not (kept and kept[-1].table and kept[-1].page == line.page) and repeated_on != line.page
        if (opens and header is not None and last_row is not None and line.text == header.text
                and line.page == last_row.page + 1 and kept[-1] is last_row):  # the table ran to the page's end
            repeated_on = line.page
            continue
        if repeated_on == line.page and not line.table and last_row is not None and not (line.new_block and joined):
            line.new_block, line.table = False, True  # the block right under the header: the rest of the row the
            kept.append(line)  # page's end cut off, read in its table's block (on its own page, as cited)
            joined = True
            continue
        if repeated_on == line.page:
            repeated_on = None  # a row, or the page's own text after that block
        joined = False
        if opens:
            header = line
        if line.table:
            last_row = line
        kept.append(line)
    return kept


def _join_continuations(lines: list[PdfLine]) -> None:
    """A sentence that runs on over a column or page break stays one block: the next column opens in the
    same font with a lowercase word, or the column before stopped without ending its sentence."""
    for before, line in zip(lines, lines[1:]):
        if not line.run_start or line.table or before.table:
            continue
        if continues(before, line):
            line.new_block = False
