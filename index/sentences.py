"""Sentence boundaries inside a passage, as offsets: the unit of highlights and the second pass."""

from __future__ import annotations

import re

from vraagbaak.ingest.headings import NAME_TITLES

#: A sentence ends at . ! ? (with closing quotes, and a note mark: "geholpen.¹ De gemiddelde …") before a capital,
#: digit, quote or bullet, or at a line break.
BOUNDARY = re.compile(r"(?<=[.!?…])([¹²³⁴⁵⁶⁷⁸⁹⁰*†‡]*)[’'\"”)]*\s+(?=[A-ZÀ-Ý0-9‘“'\"•(])|\n+")
MIN_SENTENCE = 12
#: A title or initials before a name end no sentence ("mr. drs. Annelies Verhoeff", "drs. M.C. Oudshoorn", "drs. A.
#: Verhoeff"); one capital with a full stop alone does not say so ("energielabel A. Daarnaast").
TITLES = "|".join(sorted(NAME_TITLES))
TITLE_BEFORE_NAME = re.compile(rf"(?:^|[\s(])(?:(?:[A-Z]\.){{2,}}|(?i:{TITLES})\.(?:\s+[A-Z]\.)?)$")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """``[(start, end), ...]`` covering the sentences of ``text``, whitespace trimmed.

    >>> t = "Dit is zin één. En dit is twee! Ok"
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Dit is zin één.', 'En dit is twee! Ok']
    >>> t = "Er werden 812 huishoudens geholpen.¹ De gemiddelde schuld was 41.000 euro."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Er werden 812 huishoudens geholpen.¹', 'De gemiddelde schuld was 41.000 euro.']
    >>> t = "De commissie bestaat uit mr. drs. A. Verhoeff en drs. M.C. Oudshoorn. Zij is onafhankelijk."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['De commissie bestaat uit mr. drs. A. Verhoeff en drs. M.C. Oudshoorn.', 'Zij is onafhankelijk.']
    >>> t = "Elke woning krijgt energielabel A. Daarnaast komt er een moestuin."
    >>> [t[a:b] for a, b in sentence_spans(t)]
    ['Elke woning krijgt energielabel A.', 'Daarnaast komt er een moestuin.']
    """
    spans: list[tuple[int, int]] = []
    start = 0
    for match in BOUNDARY.finditer(text):
        if "\n" not in match.group(0) and TITLE_BEFORE_NAME.search(text, 0, match.start()):
            continue  # not at a line break: a title or initials before a name
        _add(text, start, match.start() + len(match.group(1) or ""), spans)  # a note mark stays with its sentence
        start = match.end()
    _add(text, start, len(text), spans)
    return spans


def _add(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if spans and end - start < MIN_SENTENCE:
        spans[-1] = (spans[-1][0], end)  # "Drs." or a stray fragment joins the sentence before it
    else:
        spans.append((start, end))
