"""A PDF's running headers, footers and page numbers, found from the layout and left out of its text.

Lines in the top or bottom margin that repeat, digits normalised, at the same distance from the page's top
or foot on most pages; a page number among them becomes the page's printed label. (``margins`` applies
the same rule to a text file whose pages are marked by form feeds.)
"""

from __future__ import annotations

import re
import statistics
from collections import Counter, defaultdict

from vraagbaak.ingest.footnotes import FOOTNOTE
from vraagbaak.ingest.headings import HEADING_SIZE_RATIO
from vraagbaak.ingest.layout import BASELINE_TOLERANCE, TABLE_CELL_SEPARATOR, Fragment, baseline
from vraagbaak.ingest.margins import REPEAT_SHARE, changing_numbers, line_shape, number_columns

#: A margin line, or a cell of one, that says which page it is on ("Pagina 2 van 3", "Blad 2", "blz. 2", "Page 2 of 3").
PAGE_OF = re.compile(r"\s*(?:pagina|bladzijde|blad|blz\.?|pag\.?|page)\s*(\d{1,4})(?:\s*(?:van|of|/)\s*\d{1,4})?\s*",
                     re.IGNORECASE)
#: The fields of a letter's follow-up header beside its page ("Datum 3 april 2024", "Ons kenmerk Z/24/5678").
LETTER_FIELD = re.compile(r"(?:datum|(?:ons |uw )?kenmerk|zaaknummer|referentie|onderwerp)\b", re.IGNORECASE)
#: A running header that changes from page to page (the chapter's title) has at most this many words.
MAX_RUNNING_WORDS = 12
#: Share of the page height at the top and at the bottom where running headers and footers stand; a bare page
#: number that counts with the pages may stand further in, on a line of its own (LaTeX's KOMA-Script sets it 15 %
#: from the foot).
MARGIN_ZONE = 0.12
NUMBER_ZONE = 0.2
#: A line repeated word for word at one place in the margin of this many pages is a running line however
#: long the document: a header that only a report's chapters carry, after a long front matter without it.
MIN_REPEATS = 3


def running_lines(pages: list[list[Fragment]], heights: list[float],
                   body: float) -> tuple[set[int], dict[int, str], list[str]]:
    """Margin lines that repeat at the same distance from the page's top or foot (within 8 points) on most
    pages (digits normalised), or word for word on ``MIN_REPEATS``: their ids, the page numbers among them,
    and one example of each. On a document of two pages, on both. Also a place in the margin that most pages fill with a short line in a font smaller than the
    body's, each repeated there or a heading's title (the chapter's title on odd pages, the report's on even
    ones), and bare page numbers (Arabic or Roman) that count with the pages, on two pages or more (further in than
    the margin, on a line of their own, on three); in a
    document with one page of text, a bare number at its very foot or head that is its own page number. A line
    whose number rises with its pages on ``MIN_REPEATS`` (a part's footer, "Bijlage 1 – pagina 2"), and a margin
    line that says it is on its own page ("Pagina 2 van 2", with the "Datum" and "Kenmerk" beside it: a
    letter's follow-up header), go too."""
    if len(pages) < 2:
        return _own_page_numbers(pages, heights, body, set(), {}, [])
    needed = max(2.0, REPEAT_SHARE * len(pages))
    seen: dict[tuple[bool, str], list[tuple[int, Fragment]]] = defaultdict(list)
    slots: dict[int, list[Fragment]] = defaultdict(list)
    counting: dict[tuple[int, bool, int, bool], list[Fragment]] = defaultdict(list)
    for fragments, height in zip(pages, heights):
        cells = _cells_per_baseline(fragments)
        for f in fragments:
            if _in_table_row(f, cells):  # a table's first row on each page repeats its shape, not its words
                continue
            edge = round(f.y / 4) if f.y < height / 2 else -round((height - f.y) / 4)  # from the foot: landscape too
            if _in_margin(f.y, height):  # a footer by its distance from the foot
                seen[(edge > 0, line_shape(f.text))].append((edge, f))
                slots[edge].append(f)
            if (value := page_number(f.text)) is None:
                continue
            outer = _in_margin(f.y, height)  # further in, on a line of its own: a number on three pages or more
            if outer or _in_margin(f.y, height, NUMBER_ZONE) and _alone(f, fragments):
                counting[(edge, f.text.strip().isascii() and f.text.strip().isdigit(), value - f.page, outer)].append(f)
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
        beside = all(any(id(g) in removed and abs(g.y - f.y) <= 1 for g in pages[f.page - 1]) for f in found)
        small = all(f.size < body - 0.5 for f in found)  # or, in any type, beside a running line on each page, on
        if not (found and (len(filled) >= needed and small or beside and len(filled) >= MIN_REPEATS)  # a few (a
                and all(len(f.text.split()) <= MAX_RUNNING_WORDS for f in found)  # short report's chapters open pages)
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
    for (*_, outer), found in counting.items():  # a bare number that counts with the pages on a few of them: the
        found = [f for f in found if id(f) not in removed  # body's 1-3 after a front matter numbered ii and iii; not
                 and f.page not in labels]  # where a footer numbers the page ("pagina 8" above the notes 1 and 2)
        if len({f.page for f in found}) >= (2 if outer else MIN_REPEATS):
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


def _alone(fragment: Fragment, fragments: list[Fragment]) -> bool:
    """Whether no other line stands within a line and a half of this one (a footer, not a note's raised mark)."""
    return not any(g is not fragment and abs(g.y - fragment.y) < 1.5 * fragment.size for g in fragments)


def _in_margin(y: float, height: float, zone: float = MARGIN_ZONE) -> bool:
    """Whether a line this far down a page of this height stands in its top or bottom margin (``zone`` of it)."""
    return y < height * zone or y > height * (1 - zone)


def declared_numbers(pages: list[list[Fragment]], heights: list[float], declared: dict[int, str]) -> set[int]:
    """Margin lines that print the label the PDF declares for their page ("iii" alone under a foreword,
    "Pagina 6" on a turned page): page numbers that no repetition showed, left out of the text."""
    found = set()
    for number, (fragments, height) in enumerate(zip(pages, heights), start=1):
        label = declared.get(number, "").lower()
        for f in fragments if label else ():
            if _in_margin(f.y, height) and DECLARED_NUMBER.sub("", f.text.lower()) == label:
                found.add(id(f))
    return found



def _cells_per_baseline(fragments: list[Fragment]) -> Counter:
    return Counter(baseline(f) for f in fragments)


def _in_table_row(fragment: Fragment, cells: Counter) -> bool:
    """A fragment in a row of four cells or more, or of three where it holds no word ("€ 275.000 20-12-"),
    with another row of three cells or more within three lines: a table's, not a header's or footer's
    (a lone row, of a left, a middle and a right part at most)."""
    key = baseline(fragment)
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
