"""Note marks and footnotes in a PDF: a mark set as a superscript stays with its word, and a page's
footnotes go after the paragraph that refers to them, or before the paragraph they interrupt.
"""

from __future__ import annotations

import re
import statistics
from collections import Counter

from vraagbaak.ingest.blocks import OPENERS, SENTENCE_END
from vraagbaak.ingest.headings import body_font
from vraagbaak.ingest.layout import PdfLine

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
#: A footnote's own number stands before its text with a space after it, up to this share of the text's size
#: (a browser's footnote list sets its numbers about two thirds of an em apart, LibreOffice at a tab of 1.4 ems).
NUMBER_GAP = 1.5


def raised_marks_to_their_lines(lines: list[list], apart: float) -> list[list]:
    """A note mark raised further than one line's tolerance (a third of an em, as word processors set it)
    comes out as a line of its own, or on the line of the other column's words at its height: it goes to the
    line below it whose word it follows ("Oost³ begeleidde"), or that it opens (a footnote's own number
    before its text, "³ Het Regionaal Werkcentrum …"). A mark counts alone on its line, or ``apart`` font
    sizes from the line's other words."""
    for i, line in enumerate(lines):
        for mark in [w for w in line if MARK.fullmatch(w[0]) and _alone(w, line, apart)]:
            for below in lines[i + 1:i + 4]:
                size = max(w[4] for w in below)
                if not (0 < below[0][3] - mark[3] <= MARK_LIFT * size and mark[4] <= MARK_SIZE_RATIO * size):
                    continue
                if (any(0 <= mark[1] - w[2] <= 0.5 * size for w in below)
                        or 0 <= min(w[1] for w in below) - mark[2] <= NUMBER_GAP * size):
                    line.remove(mark)
                    below.append(mark)
                    break
    return [line for line in lines if line]


def _alone(word: tuple, line: list, apart: float) -> bool:
    return len(line) <= 2 or all(other is word or other[1] - word[2] > apart * max(other[4], word[4])
                                 or word[1] - other[2] > apart * max(other[4], word[4]) for other in line)


def note_marks(line: list) -> list:
    """A note mark set as a superscript ("stuk.¹") is written as one, joined to the word before it: as a
    word of its own, "per stuk. 1 Daarnaast" reads as a number in the sentence. It is smaller than, and raised
    above, both the line's type and the word before it: a box in smaller type on a baseline of its own beside
    the text ("Op 27 september") holds no marks."""
    sizes = Counter()
    for w in line:
        sizes[w[4]] += len(w[0])
    size = sizes.most_common(1)[0][0]
    baseline = statistics.median(w[3] for w in line if w[4] == size)
    kept: list = []
    for w in line:
        if (kept and MARK.fullmatch(w[0]) and w[4] <= MARK_SIZE_RATIO * min(size, kept[-1][4])
                and min(baseline, kept[-1][3]) - w[3] >= MARK_RAISE * w[4] and w[1] - kept[-1][2] <= 0.5 * size):
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


def continues(before: PdfLine, line: PdfLine) -> bool:
    """Whether ``line``, opening a column or page, goes on with the sentence of ``before``."""
    same_font = abs(line.size - before.size) <= 0.5 and line.bold == before.bold
    ended = SENTENCE_END.search(before.text.rstrip(NOTE_MARKS))  # "… een besluit.¹" ends its sentence
    return same_font and (line.text.lstrip(OPENERS)[:1].islower() or not ended)


def footnotes_after_their_marks(lines: list[PdfLine], body: float) -> list[PdfLine]:
    """A page's footnotes (its last lines, in type smaller than the body's, each note opening with its
    number, one more than the note before) go after the paragraph that carries their mark ("stuk.¹"), as
    paragraphs of their own: so a note is cited in the section that refers to it, not in whichever section
    ends the page. Marks are looked for in the notes' order, each after the one before, and only after a
    word or after a number's closing stop ("in 2023.²"; "m²" and "10⁶" are no marks). A note whose mark is not found stays where it was."""
    end = len(lines)
    while end > 0 and lines[end - 1].size < body - 0.5 and not lines[end - 1].table:
        end -= 1
    end = next((k for k in range(end, len(lines)) if FOOTNOTE.match(lines[k].text) and (
        k == end or lines[k].new_block)), len(lines))  # after a text box in small type read before them
    if end in (0, len(lines)):
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
        pattern = re.compile(rf"(?:[^\W\d_⁰¹²³⁴⁵⁶⁷⁸⁹]{{2}}[.,;:!?)’”]?|\d[.,;:!?)’”]){mark}(?![⁰¹²³⁴⁵⁶⁷⁸⁹])")
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


def footnotes_before_their_paragraph(lines: list[PdfLine]) -> list[PdfLine]:
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
        if (k == i or k == 0 or lines[k - 1].table or abs(lines[k - 1].size - body) > 0.5  # notes under a title
                or line.page == lines[k - 1].page  # or in a box's small type, or a column's: no sentence of the
                or not continues(lines[k - 1], line)):  # body runs on over them to the next page
            continue
        start = k - 1
        while start > 0 and (not (lines[start].new_block or lines[start].run_start)
                             or (lines[start].run_start and continues(lines[start - 1], lines[start]))):
            start -= 1
        if lines[start].page != lines[k].page:  # the paragraph began a page earlier: moving the notes there
            continue  # would put a later page's text before it
        notes = lines[k:i]
        notes[0].new_block = True
        lines[start:i] = notes + lines[start:k]
        lines[start + len(notes)].new_block = True
    return lines
