"""What of a chat message is the question: "Goedemorgen! Ik werk in Zwolle. Wat doet de themagroep Wonen?"
asks what the last sentence asks.

A greeting, a word about the asker or a thank-you around a question that stands on its own would
otherwise be searched and judged with it: "Mijn collega vroeg het me." made an answerable question
look like a personal one, and "Mijn e-mail is ..." like one about nothing in the reports. A question
that points back ("Wat houdt die in?", "Waar was dat?") or names nothing keeps the sentences before it.
"""

from __future__ import annotations

import re

from vraagbaak.index.keyword import fold, words

#: Words a question opens with, Dutch and English: a sentence that starts so asks, with or without "?".
QUESTION_OPENERS = frozenset("""wat wie waar wanneer waarom hoe hoeveel welke welk waarover waarmee waardoor
waarvoor waarin waaruit waarop waaraan sinds tot vanaf is zijn was waren kan kun kunt kunnen mag moet moeten
heeft hebben had doet doen wordt worden werd zou zouden noem geef vertel leg
what who where when why how which whose whom is are was were can could does do did should will would""".split())
#: A sentence ends at ".", "!" or "?" (or several) before a space and a word; "o.a. met" does not end one,
#: as the next word must start with a capital or be a question's opening word.
SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=\S)")
#: Words that point back to something said before them: the question then needs its context.
POINTING_BACK = re.compile(r"\b(?:die|dat|deze|dit|daar|hier|hij|zij|ze|hem|haar|hun|diens|zo'n|it|its|this|that|they|them|he|she|him|his|her|their"
                           r"|those|these|there|(?:daar|hier|er)(?:aan|af|bij|door|in|mee|na|naar|om|onder|op|over"
                           r"|tegen|toe|uit|van|voor))\b")


def sentences(text: str) -> list[str]:
    """The sentences of a message, split where a sentence plainly ends."""
    parts: list[str] = []
    for piece in SENTENCE_END.split(text):
        if parts and not _starts_sentence(piece):
            parts[-1] = f"{parts[-1]} {piece}"
        else:
            parts.append(piece)
    return parts


def _starts_sentence(piece: str) -> bool:
    first = piece.split(maxsplit=1)[0]
    return first[:1].isupper() or first[:1].isdigit() or fold(first).strip("¿¡\"'“‘(") in QUESTION_OPENERS


def asks(sentence: str) -> bool:
    """A sentence that asks: it ends with a question mark or opens with a question's word."""
    first = sentence.split(maxsplit=1)[0] if sentence.split() else ""
    return sentence.rstrip().endswith("?") or fold(first).strip("¿¡\"'“‘(,:") in QUESTION_OPENERS


def the_question(text: str) -> str:
    """The part of ``text`` that asks: from its first asking sentence to its last, when the message has
    other sentences too and that part stands on its own; else the whole text."""
    parts = sentences(text)
    asking = [i for i, part in enumerate(parts) if asks(part)]
    if len(parts) < 2 or not asking:
        return text
    question = " ".join(parts[asking[0]:asking[-1] + 1])
    if question == text or not words(question) or POINTING_BACK.search(fold(question)):
        return text
    return question
