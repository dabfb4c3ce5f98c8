"""What of a chat message is the question: "Goedemorgen! Ik werk in Zwolle. Wat doet de themagroep Wonen?"
asks what its last sentence asks.

Greetings, thanks, a general plea for help ("kun je me helpen?") and who the asker is or why they ask
("Ik ben beleidsadviseur in Deventer.", "Ik schrijf een notitie voor het college.") would otherwise be
searched and judged with the question: "Mijn collega vroeg het me." made an answerable question look
like a personal one, and "Mijn e-mail is ..." like one about nothing in the reports. Only such
sentences are left out, and only when they say nothing about the subject: every other sentence stays
("Ik lees over de opschalingskorting. Wat vindt de G40 daarvan?", "Ik schrijf een notitie over de
Participatiewet. Wat vindt de G40?", "Wie is voorzitter? Ik bedoel in 2023."). A message whose question
points back to a sentence left out ("Ik werk bij Zwolle. Wat doet mijn gemeente?"), or whose left-out
sentence names a year, is searched whole.
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
#: Openers that also open a plea for help ("Kun je me helpen?", "Could you help me?").
PLEA_OPENERS = frozenset("kan kun kunt mag can could".split())
#: Asking to be told, beyond the lead-ins the answer evidence knows (``SEEKING``): "Ik moet weten wie ...".
TELL_ME = re.compile(r"\b(?:ik (?:moet|wil|zou) (?:graag )?(?:weten|horen)|ik vroeg me af|graag wil ik weten"
                     r"|kun(?:t)? (?:je|jij|u) (?:me|mij) (?:vertellen|zeggen|uitleggen))\b", re.IGNORECASE)
#: A sentence ends at "?" or "!" before a space; at "." only before a capital, a digit or a question's opening
#: word, and never after an abbreviation ("Zie o.a. het verslag", "bijv. In Zwolle", "(afd. Werk)").
STRONG_END = re.compile(r"(?<=[?!])\s+(?=\S)")
FULL_STOP = re.compile(r"(?<=\.)\s+(?=\S)")
ABBREVIATION = re.compile(r"(?:^|[\s(\[\"'])(?:(?:[a-z]{1,3}\.){2,}|(?:afd|gem|ca|art|zgn|enz|dhr|mevr|mw|drs|dr|ir"
                          r"|prof|mr|nr|blz|vgl|resp|incl|excl|evt|bijv|bv|pag|tel|vs|etc|jl|jr|sr|st|min|max|ong"
                          r"|mln|mld|mrd|ad)\.)$", re.IGNORECASE)
#: Words of greeting, thanks and asking for help: a sentence of these (and a first name beside them) says
#: nothing about what is asked.
CHAT_WORDS = frozenset("""hoi hallo hey hi hello dag goedemorgen goedemiddag goedenavond goedendag beste geachte dear
morning afternoon there vraagbaak dank danke bedankt bedank dankjewel dankuwel wel thanks thank thx alvast groet
groeten groetjes gr mvg vriendelijke hartelijke hartelijk kind regards cheers super top fijn fijne prima oke ok
helpen help hulp vraag vraagje vragen iets even snel kun kunt mag can could would please alstublieft alsjeblieft graag
you me""".split())
#: Who the asker is and why they ask: "Ik ben nieuw bij de gemeente Emmen.", "Mijn e-mail is ...", "Ik bereid
#: een raadsvoorstel voor.", "ik moet het in een memo noemen", "I just started at the municipality of Helmond.",
#: "Ik wil hier veel over weten omdat ik een notitie schrijf."
ABOUT_THE_ASKER = re.compile(
    r"^\W*(?:\w+,?\s+){0,2}(?:ik (?:ben|werk|zit (?:bij|in|op)|sta|heet|bereid|schrijf|maak|moet"
    r"|(?:wil|zou) (?:hier|daar|er)\b"
    r"|heb (?:dit|het|dat) nodig|(?:wil|ga) (?:het|dit|dat|deze informatie) (?:gebruiken|noemen|opnemen|verwerken)"
    r"|doe (?:onderzoek|een)|kom van)|mijn (?:naam|e-?mail|mail|telefoon|nummer|collega|manager|leidinggevende"
    r"|wachtwoord|adres|postcode|bsn|gebruikersnaam"
    r"|wethouder|afdeling|team|baas)|namens|voor (?:een|mijn|ons|onze) (?:notitie|memo|raadsvoorstel|presentatie"
    r"|overleg|brief|nota|collegevoorstel|vergadering|raadsinformatiebrief)|i (?:am|work|just started|need (?:it|this)"
    r" for|'m)|my (?:name|email|colleague|manager))\b", re.IGNORECASE)
#: What a question says that names no subject of its own: "Wie is de voorzitter?", "Wat zijn de resultaten
#: van de themagroep?" take theirs from the sentence before ("Ik zit in de themagroep Wonen.").
GENERIC = frozenset("""themagroep themagroepen g40 netwerk stedennetwerk steden stad gemeenten gemeente voorzitter
voorzitters secretaris trekker trekkers resultaten resultaat stand standpunt rol doel doelen plannen plan bijeenkomst
bijeenkomsten leden lid doet deed gedaan bereikt zegt zei vindt vinden bijgedragen aanpak pijler thema themas jaarverslag
rapport rapporten verslag precies eigenlijk allemaal zitten zit daarin erin group network cities city chair results
does say""".split())
#: Words that point back to something said before them, and a time said before ("toen", "dan").
POINTING_BACK = re.compile(r"\b(?:die|dat|deze|dit|daar|hier|hij|zij|ze|hem|diens|zo'n|toen|dan|genoemde|bovenstaande"
                           r"|it|this|that|they|them|he|she|him|those|these|there|then|(?:daar|hier|er)(?:aan|af|bij"
                           r"|door|in|mee|na|naar|om|onder|op|over|tegen|toe|uit|van|voor))\b")
#: The asker's own organisation ("mijn gemeente", "wij", "onze stad"), which a sentence about the asker names,
#: before or after the question.
OWN = re.compile(r"\b(?:mijn|m'n|onze|ons|wij|we|my|our|us)\b")
#: A subject said in a sentence about the asker: "een notitie over de Participatiewet", "onderzoek naar ..."; not
#: the "over" of "hier ... over weten", which points back to the question.
SUBJECT = re.compile(r"\b(?:over(?! (?:(?:te|nog|meer|veel|alles|graag|wat) )?(?:weten|horen|lezen|vertellen)\b)"
                     r"|naar|rond|omtrent|inzake|betreffende"
                     r"|aangaande|m\.b\.t\.|met betrekking tot"
                     r"|geïnteresseerd in|interesse in|bezig met|werk(?:t)? aan|about|on|regarding|into)\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def sentences(text: str) -> list[str]:
    """The sentences of a message, split where a sentence plainly ends."""
    parts: list[str] = []
    for piece in STRONG_END.split(text):
        for part in FULL_STOP.split(piece):
            if parts and parts[-1].endswith(".") and (not _starts_sentence(part) or ABBREVIATION.search(parts[-1])):
                parts[-1] = f"{parts[-1]} {part}"
            else:
                parts.append(part)
    return parts


def _starts_sentence(piece: str) -> bool:
    first = piece.split(maxsplit=1)[0]
    return first[:1].isupper() or first[:1].isdigit() or _opening(first) in QUESTION_OPENERS


def _opening(sentence: str) -> str:
    first = sentence.split(maxsplit=1)[0] if sentence.split() else ""
    return fold(first).strip("¿¡\"'“‘(,:.!?")


def chat(sentence: str) -> bool:
    """A greeting, thanks or plea for help, naming nothing the question is about: a word of those, and
    otherwise only such words and a name ("Groet, Sanne"); never a sentence that opens a question ("Wie is
    Sanne?", "Waarom?") other than a plea ("Kun je me helpen?")."""
    found = words(sentence)
    opening = _opening(sentence)
    if opening in QUESTION_OPENERS - PLEA_OPENERS:
        return False
    if not found:
        return not sentence.rstrip().endswith("?")  # "Oké.", "!!": nothing; "Waarom?" asks
    return any(w in CHAT_WORDS for w in found) and all(w in CHAT_WORDS or w.capitalize() in first_names()
                                                       for w in found)


def asks(sentence: str) -> bool:
    """A sentence that asks: it ends with "?", opens with a question's word, or asks to be told ("Ik zoek ...",
    "Ik moet weten wie ...")."""
    return (sentence.rstrip().endswith("?") or _opening(sentence) in QUESTION_OPENERS or bool(SEEKING.search(sentence))
            or bool(TELL_ME.search(sentence))) and not chat(sentence)


def about_the_asker(sentence: str) -> bool:
    """Who the asker is or why they ask, not what about ("een notitie over de Participatiewet" says that)."""
    return bool(ABOUT_THE_ASKER.search(sentence)) and not asks(sentence) and not SUBJECT.search(sentence)


def the_question(text: str) -> str:
    """``text`` without its sentences of greeting, thanks and about the asker, when a sentence that asks is left
    and it does not point back to one of them; else the whole text."""
    parts = sentences(text)
    if len(parts) < 2:
        return text
    chatting = [chat(part) for part in parts]
    kept = [i for i, part in enumerate(parts) if not (chatting[i] or about_the_asker(part))]
    if not any(asks(parts[i]) for i in kept):
        return text
    dropped = [i for i in range(len(parts)) if i not in kept and not chatting[i]]  # about the asker
    question = " ".join(parts[i] for i in kept)
    said = fold(question)
    if dropped and ((dropped[0] < kept[0] and POINTING_BACK.search(said)) or OWN.search(said)
                    or not set(words(question)) - GENERIC or any(YEAR.search(parts[i]) for i in dropped)):
        return text  # "Ik werk bij Zwolle. Wat doet mijn gemeente?"; "Ik zit in de themagroep Wonen. Wie is voorzitter?"
    return question
