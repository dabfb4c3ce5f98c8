"""What of a chat message is the question: "Goedemorgen! Ik werk in Zwolle. Wat doet de themagroep Wonen?"
asks what its last sentence asks.

Greetings, thanks, a general plea for help ("kun je me helpen?"), who the asker is and why they ask
("Ik ben beleidsadviseur in Deventer.", "Ik schrijf een notitie voor het college.") would otherwise be
searched and judged with the question: "Mijn collega vroeg het me." made an answerable question look
like a personal one, and "Mijn e-mail is ..." like one about nothing in the reports. Those sentences
are left out; every other sentence stays, as it may carry the subject or the year ("Ik lees over de
opschalingskorting. Wat vindt de G40 daarvan?", "Wie is voorzitter? Ik bedoel in 2023."). A message
whose question points back to a sentence about the asker ("Ik werk bij Zwolle. Wat doet mijn
gemeente?"), or whose sentence about the asker names a year, is searched whole.
"""

from __future__ import annotations

import re

from vraagbaak.index.answerability import SEEKING
from vraagbaak.index.keyword import fold, words
from vraagbaak.index.person_names import first_names

#: Words a question opens with, Dutch and English: a sentence that starts so asks, with or without "?".
QUESTION_OPENERS = frozenset("""wat wie waar wanneer waarom hoe hoeveel welke welk waarover waarmee waardoor
waarvoor waarin waaruit waarop waaraan sinds tot vanaf is zijn was waren kan kun kunt kunnen mag moet moeten
heeft hebben had doet doen wordt worden werd zou zouden noem geef vertel leg
what who where when why how which whose whom is are was were can could does do did should will would""".split())
#: A sentence ends at "?" or "!" before a space; at "." only before a capital, a digit or a question's opening
#: word ("Zie o.a. het verslag" and "bijv. de G40" go on).
STRONG_END = re.compile(r"(?<=[?!])\s+(?=\S)")
FULL_STOP = re.compile(r"(?<=\.)\s+(?=\S)")
#: Words of greeting, thanks and asking for help: a sentence of only these (and a first name, "Vraagbaak")
#: says nothing about what is asked.
CHAT_WORDS = frozenset("""hoi hallo hey hi hello dag goedemorgen goedemiddag goedenavond goedendag beste geachte dear
morning afternoon vraagbaak dank danke bedankt bedank dankjewel dankuwel thanks thank thx alvast groet groeten
gr mvg vriendelijke hartelijke hartelijk super top fijn prima helpen help hulp vraag vraagje vragen iets even snel
kun kunt mag please alstublieft alsjeblieft graag regards cheers""".split())
#: Who the asker is and why they ask: "Ik ben nieuw bij de gemeente Emmen.", "Mijn e-mail is ...", "Ik bereid
#: een raadsvoorstel voor.", "ik moet het in een memo noemen", "I just started at the municipality of Helmond."
ABOUT_THE_ASKER = re.compile(
    r"^\W*(?:\w+,?\s+){0,2}(?:ik (?:ben|werk|zit (?:bij|in|op)|sta|heet|bereid|schrijf|maak|moet"
    r"|heb (?:dit|het|dat) nodig|(?:wil|ga) (?:het|dit|dat|deze informatie) (?:gebruiken|noemen|opnemen|verwerken)"
    r"|doe (?:onderzoek|een)|kom van)|mijn (?:naam|e-?mail|mail|telefoon|nummer|collega|manager|leidinggevende"
    r"|wachtwoord|adres|postcode|bsn|gebruikersnaam"
    r"|wethouder|afdeling|team|baas)|namens|voor (?:een|mijn|ons|onze) (?:notitie|memo|raadsvoorstel|presentatie"
    r"|overleg|brief|nota|collegevoorstel|vergadering|raadsinformatiebrief)|i (?:am|work|just started|need (?:it|this)"
    r" for|'m)|my (?:name|email|colleague|manager))\b", re.IGNORECASE)
#: Words that point back to something said before them, the asker's own organisation ("mijn gemeente", "wij")
#: and a time said before ("toen", "dan").
POINTING_BACK = re.compile(r"\b(?:die|dat|deze|dit|daar|hier|hij|zij|ze|hem|haar|hun|diens|zo'n|toen|dan|genoemde"
                           r"|bovenstaande|mijn|m'n|onze|ons|wij|we|it|its|this|that|they|them|he|she|him|his|her|their"
                           r"|those|these|there|then|my|our|us|(?:daar|hier|er)(?:aan|af|bij|door|in|mee|na|naar|om"
                           r"|onder|op|over|tegen|toe|uit|van|voor))\b")
#: Abbreviations whose full stop ends no sentence, whatever follows ("bijv. In Zwolle").
ABBREVIATIONS = re.compile(r"(?:^|\s)(?:o\.a|bijv|b\.v|t\.a\.v|m\.b\.t|i\.s\.m|ca|art|zgn|enz|e\.d|dhr|mevr|mw|drs|dr|ir"
                           r"|prof|mr|nr|blz|vgl|resp|incl|excl|evt|d\.w\.z|m\.a\.w|e\.g|i\.e|etc)\.$", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def sentences(text: str) -> list[str]:
    """The sentences of a message, split where a sentence plainly ends."""
    parts: list[str] = []
    for piece in STRONG_END.split(text):
        for part in FULL_STOP.split(piece):
            if parts and parts[-1].endswith(".") and (not _starts_sentence(part) or ABBREVIATIONS.search(parts[-1])):
                parts[-1] = f"{parts[-1]} {part}"
            else:
                parts.append(part)
    return parts


def _starts_sentence(piece: str) -> bool:
    first = piece.split(maxsplit=1)[0]
    return first[:1].isupper() or first[:1].isdigit() or _opening(first) in QUESTION_OPENERS


def _opening(word: str) -> str:
    return fold(word).strip("¿¡\"'“‘(,:")


def chat(sentence: str) -> bool:
    """A greeting, thanks or plea for help, naming nothing the question is about."""
    return all(w in CHAT_WORDS or w.capitalize() in first_names() for w in words(sentence))


def asks(sentence: str) -> bool:
    """A sentence that asks: it ends with "?", opens with a question's word, or asks to be told ("Ik zoek ...")."""
    first = sentence.split(maxsplit=1)[0] if sentence.split() else ""
    return (sentence.rstrip().endswith("?") or _opening(first) in QUESTION_OPENERS
            or bool(SEEKING.search(sentence))) and not chat(sentence)


def the_question(text: str) -> str:
    """``text`` without its sentences of greeting, thanks and about the asker, when a sentence that asks is left
    and it does not point back to one of them; else the whole text."""
    parts = sentences(text)
    if len(parts) < 2:
        return text
    kept = [i for i, part in enumerate(parts) if not (chat(part) or (ABOUT_THE_ASKER.search(part) and not asks(part)))]
    if not any(asks(parts[i]) for i in kept):
        return text
    dropped = [part for i, part in enumerate(parts) if i not in kept and not chat(part)]
    before = [parts[i] for i in range(kept[0]) if not chat(parts[i])]  # what a word in the question may point to
    question = " ".join(parts[i] for i in kept)
    if (before and POINTING_BACK.search(fold(question))) or any(YEAR.search(part) for part in dropped):
        return text  # "Ik werk bij Zwolle. Wat doet mijn gemeente?"; "Ik schrijf over 2022. ..."
    return question
