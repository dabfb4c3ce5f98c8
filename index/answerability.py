"""Does this passage answer this question? Evidence per question-passage pair, and the graded decision.

Global scores (how similar is the best passage) separate answerable questions from questions about
the reports' own themes that the reports do not answer barely better than chance. So the evidence
is computed for each candidate passage and its best sentence:

* ``cosine``, ``sentence``, ``margin``: embedding similarity of the passage and of its best sentence,
  and how far the passage stands above the mean of the question's nearest passages in the best
  passage's document (within that document, so it does not shrink when other reports are added;
  over the whole index for a document too small to have that many);
* ``keyword``: the passage's BM25 score (log scale; with its own document's statistics);
* ``cover_passage``, ``cover_sentence``: how much of the question's content the passage and its best
  sentence cover, weighted by IDF, over the keyword index's folded, decompounded, stemmed tokens;
* ``rarest_missing``: the IDF of the rarest question term the passage lacks (relative to a term the
  corpus never uses): a near miss typically names one specific thing ("contributie", "secretaris")
  that the passage about its theme does not mention; ``unseen_terms``: question terms no passage has;
* ``type_missing``: the question asks for someone, a date or day, a time, a number or a place (wie,
  wanneer, op welke datum, hoe laat, hoeveel, waar, welke steden, and their English forms) and the best
  sentences hold none that the question does not already name: the year a question asks about does
  not answer "hoeveel", and a report's year everywhere does not answer "op welke datum". A question
  about a person in a role ("Wie is de voorzitter van ...?") wants a person's name
  (``index.person_names``), where another "wie" may be answered by an organisation; a count ("Hoeveel
  woningen ...?") wants a number of the things counted (``counts``), not any number;
* ``corpus_cover``, ``unknown``, ``foreign``: the share of the question's words the corpus uses at
  all, Dutch words it never uses, and the share of English words (so an English question is judged
  on the embeddings, not refused for its language);
* ``off_domain``: words of personal municipal services, weather and general knowledge (paspoort,
  afvalkalender, openingstijden, ...; also typed one letter wrong, "afvalkalnder") that the passage
  does not contain;
* ``personal``: the question speaks of the asker ("ik", "mijn", "I", "my"), outside a lead-in such as "Ik
  zoek informatie over", "Waar vind ik" or "Mijn wethouder vraagt": "Hoe vraag ik verlof aan?", "Mijn
  laptop start niet" ask for a service to one person, which a report of a city network does not give.

Two logistic models decide. The answer model, fitted on question-passage pairs of the tuning
questions (the correct passage against the best-ranked wrong ones), gives each candidate a
probability; the question's confidence is the highest among the top few. The domain model, fitted
on the best pair of each tuning question, gives the probability that the question lies outside
what the reports are about (off-topic against answerable and near-miss questions): those
separate well, unlike near misses. Then: ``not_found`` when the domain model says outside (or
nothing was found), ``answered`` when the confidence reaches the answer threshold, ``uncertain``
otherwise. Everything is fitted by ``vraagbaak eval --calibrate`` on the tuning part of the question
set; nothing here is guessed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import numpy as np
from pydantic import BaseModel, model_validator
from rapidfuzz.distance import OSA
from wordfreq import zipf_frequency

from vraagbaak.index.keyword import STOPWORDS, TOKEN, Tokenizer, bm25_idf, fold, verb_form, words
from vraagbaak.index.person_names import ROLES, person_names
from vraagbaak.index.spelling import on_a_word_list
from vraagbaak.ingest.links import EMAIL, EMAIL_PLACEHOLDER

Status = Literal["answered", "uncertain", "not_found"]
#: Each status as a person reads it (the owners' pages, ``vraagbaak ask``); the API keeps the words above.
STATUS_LABELS: dict[str, str] = {"answered": "beantwoord", "uncertain": "onzeker", "not_found": "niet gevonden"}
FEATURES = ("cosine", "sentence", "margin", "keyword", "cover_passage", "cover_sentence", "rarest_missing",
            "unseen_terms", "type_missing", "corpus_cover", "unknown", "foreign", "off_domain",
            "personal")
#: From this share of English content words a question is judged as an English one (``AnswerModel.status``).
FOREIGN_SHARE = 0.5
#: The question's confidence is the best pair probability among this many top passages.
CONSIDERED = 3
MIN_WORD = 4

MONTHS = "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december"
MONTHS_EN = "january|february|march|april|may|june|july|august|september|october|november|december"
WEEKDAYS = "maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag|monday|tuesday|wednesday|thursday|friday"
#: A question's opening, before its question phrase: a leading mark, a lead-in that asks to be told ("Weet
#: je ...", "Can you tell me ..."), and at most one word ("Met hoeveel", "Sinds wanneer", "Op welke datum").
OPENING = (r"^[\W_]*(?:(?:weet (?:je|jij|u)|(?:do|does) (?:you|anyone) know|(?:kun|kunt|kan|can|could)\b[\w ]{0,30}?"
           r"\b(?:vertellen|zeggen|tell me))\s+)?(?:\w+ )?")
#: A role a question asks the holder of, singular or plural, and at most two words before it that do not start
#: a clause or a "van" phrase: "Wie is de voorzitter?", "Wie waren de sprekers?", "Wie is de nieuwe directeur?",
#: not "What is the name of the organisation that chairs the group?".
ROLE = (r"(?:(?!(?:van|of|die|dat|that|which|who)\b)[\w'-]+ ){0,2}"
        rf"(?:{'|'.join(ROLES)}|persoon|personen|person|people|kamerleden)(?:s|en|sen|n)?\b")
#: What a question asks for, by its question phrase (folded; the first that matches decides). A sharper
#: phrase goes first: "op welke datum" asks for a day, not a year.
QUESTION_TYPES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(rf"{OPENING}(?:{pattern})\b"), kind)
                                                              for pattern, kind in (
    (r"welke (datum|dag)|what date|which day", "date"),
    (r"(wat|welk) (is|zijn|was|waren) (het|de|zijn|haar|hun) (telefoonnummer|telefoonnummers|e-?mailadres"
     r"|e-?mailadressen|mailadres)|(telefoonnummer|e-?mailadres|mailadres)\b|hoe (kan|kun|kunt) (ik|je|u)\b"
     r"[^?]*\b(bellen|mailen|e-?mailen|contact opnemen)|what (is|are) (the|his|her|their) (phone number"
     r"|telephone number|e-?mail address)|how (can|do) (i|we) (call|e-?mail|contact)", "contact"),
    (r"hoe laat|what time", "time"),
    (r"wanneer|when|welk jaar|what year|which year", "when"),
    (r"hoe vaak|how often", "frequency"),
    (r"wat (kost|kosten|kostte|kostten)|hoeveel (geld|kost|kosten|kostte|kostten|budget)|welk bedrag|hoe duur"
     r"|(voor|tegen) welke prijs|welke (huurprijs|koopprijs|verkoopprijs|tarieven)|welk (tarief|uurtarief|salaris)"
     r"|wat (heeft|hebben|had|hadden)\b[^,?]*\bgekost(?=\W*$)|hoeveel (heeft|hebben|had|hadden)\b(?![^,?]*\baan\b)"
     r"[^,?]*\bgekost(?=\W*$)|how much money|how much (does|did|do) .* cost"
     r"|(wat|hoe hoog|hoeveel) (is|was|zijn|waren) (het|de|zijn|haar|hun) ((?!(van|voor|rond|over|bij|met|om|of|en"
     r"|die|dat|de|het|een)\b)[\w-]+ ){0,2}(budget|salaris|loon|prijs"
     r"|kosten|bedrag|tarief|tarieven|uurtarief|huur|huurprijs|vergoeding|boete|leges)"
     r"|wat (verdient|verdiende|verdienen|verdienden)|what (is|was) (the|his|her|their) (budget|salary|price|cost)"
     r"|how much (does|did) .* earn", "money"),
    (r"hoeveel|hoe (groot|hoog|lang|veel|oud)|welk (percentage|deel|bedrag)|wat (kost|kosten|kostte|kostten)"
     r"|wat (heeft|hebben|had|hadden)\b[^,?]*\bgekost(?=\W*$)"
     r"|how (many|much|long|old|big|large)|what (percentage|share|amount)", "number"),
    (rf"(wie|who) (is|was|zijn|waren|are|were) (de|het|the) {ROLE}|wie (zit|zat|zitten|zaten)\b.*\bvoor(?=\W*$)"
     rf"|who (chairs|chaired)\b|(wat|what) (is|was|zijn|waren|are|were) (de|the) (naam|namen|name|names) (van|of)"
     rf" (de|het|the) {ROLE}|hoe (heet|heette|heten) (de|het) {ROLE}|(welke|which) {ROLE}", "person"),
    (r"wie|who|whom|whose|hoe (heet|heette|heten)|wat (is|was|zijn|waren) de (naam|namen)|what (is|was|are|were) the"
     r" names?|(welke|which) (persoon|personen|minister|ministers|burgemeester"
     r"|burgemeesters|wethouder|wethouders|voorzitter|voorzitters|rechter|spreker|sprekers|hoogleraar|bestuurder"
     r"|bestuurders|ervaringsdeskundige|organisatie|organisaties|person|people|minister|ministers|mayor|mayors"
     r"|speaker|speakers|organisation|organisations|organization|organizations|partij|partijen|party|parties)"
     r"|(welke|welk|which) (\w+ )?(aannemer|aannemers|bedrijf|bedrijven|leverancier|leveranciers|adviesbureau"
     r"|adviesbureaus|instelling|instellingen|school|scholen|basisschool|basisscholen|vereniging|verenigingen"
     r"|stichting|stichtingen|corporatie|corporaties|woningcorporatie|woningcorporaties|company|companies"
     r"|contractor|supplier|schools)", "who"),
    (r"waar|where|(welke|which) (stad|steden|gemeente|gemeenten|plaats|plaatsen|regio|regio's|city|cities|town"
     r"|towns|municipality|municipalities)|(welke|which) (\w+ )?(straat|straten|wijk|wijken|buurt|buurten|dorp"
     r"|dorpen|kern|kernen|locatie|locaties|street|streets|neighbourhood|neighbourhoods|village|villages)", "where"),
))
#: A question that asks why ("Waarom ...?", "Hoe komt het dat ...?", "Wat is de reden ...?", "Why ...?"): shown with
#: a sentence that gives a reason (``REASON``) where the best ones do not, and answered only by a first passage that
#: gives a cause (``says_why``); not answer evidence (the answer models were fitted without it).
ASKS_REASON = re.compile(rf"{OPENING}(?:waarom|why|hoe komt het|wat (?:is|was|zijn|waren) de (?:reden|oorzaak"
                         r"|oorzaken|redenen)|what (?:is|was|are|were) the (?:reason|cause)s?|om welke reden)\b")
REASON_WORDS = (r"omdat|doordat|vanwege|dankzij|daardoor|daarom|oorzaak|oorzaken|reden|redenen|komt(?: \w+){0,2} door"
                r"|because|due to|caused by")
REASON = re.compile(rf"\b(?:{REASON_WORDS})\b")
#: What a passage that answers a question why says: ``REASON``'s words, and the wider ones of a cause or a purpose
#: ("door", "wegens", "na", "aanleiding", "als gevolg van", "gelet op", "om ... te"): a first passage with none of them
#: does not say why. A weak test (half the bundled report's paragraphs pass it, a passive's "door" and a time's "na"
#: too), but the passages that only state what a near miss asks the reason of ("De vaccinatiegraad daalde naar 89,6
#: procent") fail it.
CAUSE = re.compile(rf"\b(?:{REASON_WORDS}|door|wegens|na|aanleiding|gevolge?|wijten|danken|in verband met|hierdoor"
                   r"|want|immers|namelijk|vandaar|dus|zodoende|gezien|gelet op|op grond van|met het oog op|zodat|opdat"
                   r"|teneinde|om(?: [^\W\d]+){0,4} te|as a result|owing to|in order to|so that)\b")
#: "Waar gaat het over?", "Waar pleit de G40 voor als ...?": "waar" with a stranded preposition asks what
#: about, not where; a preposition that opens a phrase ("van de themagroep", "op 12 mei") does not count.
PRONOMINAL = re.compile(rf"{OPENING}waar\b.*\b(voor|op|over|aan|mee|van|uit|door|om|tegen|toe)\b"
                        r"(?!\s+(de|het|een|die|dit|deze|dat|zijn|haar|hun|mijn|onze|jullie|\d+)\b)")
#: Dutch and English number words; not English "ten", which Dutch uses in "ten behoeve", "ten slotte".
NUMBER_WORDS = (r"twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|twintig|dertig|veertig|vijftig|honderd"
                r"|duizend|miljoen|miljard|tientallen|honderden|duizenden|helft|kwart|procent|two|three|four|five"
                r"|six|seven|eight|nine|hundred|thousand|million|billion|percent")
#: "Hoeveel" and the words after it, of which one is the thing counted ("Met hoeveel mensen ...").
COUNTED = re.compile(r"\bhoeveel\s+((?:[\w'-]+\s+){0,2}[\w'-]+)")
#: Words after "hoeveel" that ask for an amount, a share or a frequency, not for a count of things; or a difference
#: ("Hoeveel minder gas …?" is answered by "daalt met 85 procent"; "meer" is a stop word, which asks none either).
AMOUNTS = frozenset("geld euro euros procent keer maal vaak subsidie budget kost kosten kostte kostten bedraagt "
                    "bedroeg bedragen betaalt betaalde betalen tijd jaar jaren uur uren dagen weken maanden "
                    "minder".split())
#: How near (in words) a number must stand to the thing a question counts ...
COUNT_WINDOW = 3
#: ... not counting a year and the little words beside it: "Het aantal meldingen steeg in 2023 naar 14.730" gives the
#: count of "meldingen".
COUNT_FILLER = frozenset({"in", "op", "naar", "tot"})
#: Words and numbers as written ("1.240", "5,3"), to find a number near the thing counted.
NUMBER_TOKEN = re.compile(r"[a-z0-9](?:[a-z0-9.,]*[a-z0-9])?")
#: A number in words, however compounded ("vijftien", "eenenveertig", "tweeentwintig" as folded, "honderdvijftig").
NUMBER_WORD = (r"(?:een|twee|drie|vier|vijf|zes|zeven|acht|negen|tien|elf|twaalf|dertien|veertien|twintig|dertig"
               r"|veertig|vijftig|zestig|zeventig|tachtig|negentig|honderd|duizend|en)+")
COUNT_NUMBER = re.compile(rf"\d[\d.,]*|(?!(?:een|en|eens|enen)$){NUMBER_WORD}|{NUMBER_WORDS}")  # not "een": mostly "a"
YEAR_LIKE = re.compile(r"(?:19|20)\d\d")
#: Numbers that count nothing: an amount ("€ 1,15", "2,3 miljoen euro"), a share ("34 procent", "12%") or a rate
#: ("1,15 per inwoner").
NOT_A_COUNT = re.compile(r"€\s*\d[\d.,]*(?:\s*(?:mln|miljoen|miljard|mld)\b)?"
                         r"|\b\d[\d.,]*\s*(?:(?:mln|miljoen|miljard|mld)\s+)?(?:(?:euro|eur|procent|per)\b|%)", re.IGNORECASE)
#: A capitalised word within a sentence: a place or a name, however short ("met Nidos", "in Zwolle"), also after
#: an initial or a title ("mevrouw mr. F. Ouali", "dr. Jansen"), where a full stop does not end a sentence.
NAME = (r"(?:(?<=[a-zà-ÿ,;:] )|(?<=[a-z]\. [A-Z]\. )|(?<=[A-Z]\.[A-Z]\. )|(?<=heer [A-Z]\. )|(?<=rouw [A-Z]\. )"
        r"|(?<=\b(?:mr|dr|ir|mw)\. )|(?<=\b(?:drs|dhr)\. )|(?<=\bprof\. ))[A-Z][a-zà-ÿ]{2,}(?:[- ][A-Z][a-zà-ÿ]+)*")
#: Candidate answers in a sentence, per type. Only a candidate the question does not already contain counts.
ANSWER_TYPES: dict[str, re.Pattern[str]] = {
    "date": re.compile(rf"\b\d{{1,2}} ({MONTHS}|{MONTHS_EN})\b|\b({MONTHS_EN}) \d{{1,2}}\b"
                       rf"|\b\d{{1,2}}-\d{{1,2}}(-\d{{2,4}})?\b|\b({WEEKDAYS})\b", re.IGNORECASE),
    "time": re.compile(r"\b\d{1,2}[.:]\d{2}\b(?!\s*(euro|miljoen|miljard|%))|\b\d{1,2} uur\b|\b\d{1,2} ?(am|pm)\b",
                       re.IGNORECASE),
    "when": re.compile(rf"\b(1[89]\d\d|20\d\d|{MONTHS}|{MONTHS_EN}|voorjaar|najaar|zomer|winter|kwartaal"
                       r"|\d{1,2}[-/]\d{1,2})\b", re.IGNORECASE),
    "number": re.compile(rf"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d.,]*|\b({NUMBER_WORDS}|één)\b|€", re.IGNORECASE),
    "who": re.compile(rf"{NAME}|\b[A-Z][A-Za-z]*[A-Z][A-Za-z0-9]*\b|\bG\d+\b|\b(wethouder|burgemeester|minister"
                      r"|staatssecretaris|voorzitter|directeur|ministerie|gemeente|vereniging|bureau|themagroep|pijler"
                      r"|hoogleraar|professor|mayor|alderman|chair)\b"),
    "where": re.compile(NAME),
    "money": re.compile(r"€|\b(euro|eur|miljoen|miljard|mln|mld|million|billion)\b", re.IGNORECASE),
    "frequency": re.compile(rf"(?<![\w.,])(?!(?:19|20)\d\d\b)\d[\d.,]*|\b({NUMBER_WORDS}|één|keer|maal|dagelijks"
                           r"|wekelijks|maandelijks|jaarlijks|per (?:dag|week|maand|kwartaal|jaar))\b", re.IGNORECASE),
}

#: Words that ask rather than say what about (beyond the keyword index's stop words): not content to cover.
ASKING = frozenset("""waarover waarmee waardoor waarvoor waarin waaruit waarop waaraan hoelang hoezo welk welke
noem geef vertel beschrijf what which who when where how many much does did about tell""".split())

#: Lead-ins that ask to be told or shown something in the reports, not for a service to the asker: left out
#: before looking for the asker ("Ik zoek informatie over ...", "Waar vind ik ...", "I'd like to know ...").
SEEKING = re.compile(r"\b(?:ik (?:wil|zou) (?:graag )?(?:weten|lezen|willen weten)|ik vraag me af"
                     r"|ik ben (?:benieuwd|op zoek)|ik zoek|waar (?:vind|lees|kan) ik"
                     r"|i(?:'d| would) like to know|i want to know|i wonder"
                     r"|i(?:'m| am) looking for|where (?:can|do) i (?:find|read)"
                     r"|kan ik(?=[^?]*\b(?:vinden|lezen|opzoeken|nalezen|terugvinden|inzien)\b)"
                     r"|mag ik (?:even )?(?:weten|vragen)|ik heb een vraag)\b", re.IGNORECASE)
#: Asking for someone else: "Mijn wethouder vraagt ...", "Mijn collega wil weten ...": no service to the asker.
ON_BEHALF = re.compile(r"\b(?:(?:mijn|onze) (?:wethouder|burgemeester|collega|manager|leidinggevende|directeur|baas"
                       r"|raadslid|griffier|college|raad|team|afdeling)s? (?:vraagt|vroeg|vragen|vroegen|wil weten"
                       r"|wilde weten)(?: (?:me|mij|ons))?|my (?:alderman|mayor|colleague|manager|boss|director|council"
                       r"|team) (?:asks|asked|wants to know))\b", re.IGNORECASE)
#: The asker in a Dutch question ("kun je me vertellen" is a lead-in, so not "me").
DUTCH_ASKER = re.compile(r"\b(?:ik|mijn|mij|m['’]n)\b", re.IGNORECASE)
#: The asker in an English question: "I" and "my", not in "i.s.m." or "MY-project"; a Roman "I" ("fase I")
#: stands in a Dutch question, where this is not looked for.
ENGLISH_ASKER = re.compile(r"(?<![\w.\-])(?:i|my)(?![\w.\-])", re.IGNORECASE)
#: Personal municipal services, weather and general knowledge: what no report of a city network covers.
OFF_DOMAIN = frozenset("""
paspoort identiteitskaart rijbewijs id-kaart uittreksel geboorteakte trouwen huwelijk verhuizing verhuisd
afvalkalender afval container vuilnis grofvuil kliko milieustraat parkeervergunning parkeren parkeerplaats
parkeerboete bekeuring hondenbelasting afvalstoffenheffing ozb aanslag kwijtschelding toeslag belastingdienst
openingstijden geopend balie afspraak loket stadhuis stadswinkel
weer weersverwachting weerbericht buienradar regen regenen temperatuur graden sneeuw zonnig
recept koken voetbal wedstrijd ajax psv feyenoord eredivisie olympische film bioscoop concert vakantie vlucht
hoofdstad president wachtwoord printer laptop inloggen wifi outlook reserveren vergaderzaal
passport driving licence license garbage bin parking fine weather forecast rain recipe football password birth baby
""".split())
#: The weather asked about ("mooi weer", "wat voor weer"), where "weer" is no "again": a passage that says "weer"
#: (again) does not hold it.
WEATHER = re.compile(r"\b(?:(?:mooi|slecht|lekker|koud|warm|nat|guur|zonnig) weer|wat voor weer|het weer (?:morgen"
                     r"|vandaag|overmorgen|dit weekend|volgende week)|weer (?:wordt|worden) het (?:morgen|vandaag))\b",
                     re.IGNORECASE)
#: "Weer" that means "again" ("Wanneer gaat het zwembad weer open?"), which no passage need repeat: a black-box
#: question about a decision list got "not found" for it.
AGAIN = re.compile(r"\bweer (?:open\w*|geopend|terug|beschikbaar|bereikbaar|toegankelijk|in gebruik|mogelijk"
                   r"|normaal|eens|aan het werk|thuis)\b", re.IGNORECASE)


#: A question that opens with the weather ("Het weer in Enschede?", "weer morgen zwolle", "Hoe is het weer in …?"),
#: unless what follows makes it "again" (``AGAIN``: "Hoe is het weer mogelijk …").
OPENS_WITH_WEATHER = re.compile(r"^[\W_]*(?:(?:hoe|wat)\s+(?:is|wordt|was|werd)\s+)?(?:het\s+)?weer\b", re.IGNORECASE)


def asks_weather(question: str) -> bool:
    """Whether "weer" in the question is the weather (``WEATHER``, ``OPENS_WITH_WEATHER``): elsewhere it mostly means
    "again" ("Zagen zij elkaar weer?", "als de stroomprijs weer zakt", a black-box question made not found), which no
    passage need say."""
    return bool(WEATHER.search(question) or (OPENS_WITH_WEATHER.match(question) and not AGAIN.search(question)))


def again(question: str) -> set[str]:
    """The words of "weer open", "weer geopend", … (``AGAIN``) in a question that does not ask about the weather."""
    if asks_weather(question):
        return set()
    return {w for match in AGAIN.finditer(question) for w in words(match.group())}
#: Off-domain words this long are also found typed one letter wrong ("afvalkalnder"), when the typed word
#: is no word of any list; a shorter one would find too much. (Not as a compound's last part: "vertrouwen"
#: and "fietsparkeren" end in one too.)
OFF_DOMAIN_PART = 6
LONG_OFF_DOMAIN = tuple(sorted(w for w in OFF_DOMAIN if len(w) >= OFF_DOMAIN_PART))


class KnownWords:
    """Which words the corpus uses (folded, stemmed, compounds), to tell a question about unknown things
    from a paraphrase."""

    def __init__(self, tokenizer: Tokenizer, vocabulary: set[str] | None = None):
        self.tokenizer = tokenizer
        self.words = tokenizer.parts if vocabulary is None else vocabulary
        self.stems = set(tokenizer.stemmer.stemWords(sorted(self.words)))

    def known(self, word: str) -> bool:
        return (word in self.words
                or verb_form(word, self.tokenizer.stemmer.stemWord(word), self.stems, self.tokenizer.verbs) in self.stems
                or bool(self.tokenizer.split(word)))

    def lexical(self, question: str) -> dict[str, float]:
        """Coverage, unknown Dutch words and foreign share of a question."""
        content = [w for w in words(question) if len(w) >= MIN_WORD and not w.isdigit()]
        if not content:
            return {"coverage": 1.0, "unknown": 0.0, "foreign": 0.0}
        english = {w for w in content if zipf_frequency(w, "en") > zipf_frequency(w, "nl")}
        unknown = [w for w in content if not self.known(w)]
        return {
            "coverage": 1 - len(unknown) / len(content),
            "unknown": float(sum(1 for w in unknown if w not in english)),
            "foreign": len(english) / len(content),
        }


class Logistic(BaseModel):
    """A fitted logistic regression over standardised ``FEATURES``: JSON in the manifest, never a pickle."""

    mean: list[float]
    scale: list[float]
    coef: list[float]
    intercept: float

    def probabilities(self, rows: np.ndarray) -> np.ndarray:
        x = (np.asarray(rows, dtype=float) - np.array(self.mean)) / np.array(self.scale)
        return 1 / (1 + np.exp(-(x @ np.array(self.coef) + self.intercept)))


class AnswerModel(BaseModel):
    answer: Logistic
    domain: Logistic
    answer_threshold: float
    domain_threshold: float
    #: The domain threshold for a question mostly in English (``FOREIGN_SHARE``), calibrated on those alone: its
    #: words are not the reports' (Dutch) words, so the lexical evidence makes it look more outside than a Dutch
    #: question of the same meaning. Between the two thresholds it is ``uncertain``, never answered, so the
    #: answer threshold is as before. None (a calibration from before it): ``domain_threshold`` alone.
    foreign_domain_threshold: float | None = None

    @model_validator(mode="after")
    def _one_weight_per_feature(self) -> AnswerModel:
        """A model fitted on other evidence (an older version's) must be refused, not misapplied."""
        for model in (self.answer, self.domain):
            if not len(model.coef) == len(model.mean) == len(model.scale) == len(FEATURES):
                raise ValueError(f"het antwoordmodel heeft {len(model.coef)} gewichten voor {len(FEATURES)} kenmerken")
        return self

    def grade(self, rows: list[list[float]]) -> tuple[Status, float]:
        """Status and confidence from the evidence rows of the top passages (best first).

        The confidence is the best pair's probability of answering, but never more than the chance that
        the question is about the reports at all."""
        if not rows:
            return "not_found", 0.0
        answers = float(self.answer.probabilities(np.array(rows)).max())
        outside = float(self.domain.probabilities(np.array(rows[:1]))[0])
        return self.status(answers, outside, is_foreign(rows[0])), min(answers, 1 - outside)

    def status(self, answers: float, outside: float, foreign: bool = False) -> Status:
        """``not_found`` only when the question looks outside the reports and no passage looks like its
        answer: when the two models disagree, the passages are shown under the caveat (``uncertain``)
        rather than withheld, as a question put in other words than the report's can look outside it. So
        is a question mostly in English (``foreign``) that only its own domain threshold keeps inside."""
        if outside >= self.domain_threshold:
            english_inside = (foreign and self.foreign_domain_threshold is not None
                              and outside < self.foreign_domain_threshold)
            return "uncertain" if answers >= self.answer_threshold or english_inside else "not_found"
        return "answered" if answers >= self.answer_threshold else "uncertain"


def is_foreign(row: list[float] | np.ndarray) -> bool:
    """Whether a question's evidence row (``FEATURES``) says it is mostly in English."""
    return row[FEATURES.index("foreign")] >= FOREIGN_SHARE


@lru_cache(maxsize=4096)
def off_domain(word: str) -> bool:
    """A word of ``OFF_DOMAIN``, or, when it is no word of any list, one of them typed one letter wrong."""
    if word in OFF_DOMAIN:
        return True
    if len(word) <= OFF_DOMAIN_PART or on_a_word_list(word):
        return False
    return any(OSA.distance(word, w, score_cutoff=1) <= 1 for w in LONG_OFF_DOMAIN)


def question_type(question: str) -> str | None:
    """The answer type a question asks for, from its question phrase ("Sinds wanneer ..." asks for a date)."""
    text = " ".join(fold(question).split())
    kind = next((kind for pattern, kind in QUESTION_TYPES if pattern.search(text)), None)
    return None if kind == "where" and PRONOMINAL.search(text) else kind


def named_in(question: str) -> set[str]:
    """The question's own words (folded), which no candidate answer may merely repeat (``holds_answer``)."""
    return set(TOKEN.findall(fold(question)))


#: The role a question asks the holder of, by the word before "van", "bij", … or the question mark: "Wie is de
#: interim-manager van de afdeling …?", "Hoe heet de klachtencoördinator?", "Wie is de nieuwe directeur?".
HOLDER = re.compile(rf"{OPENING}(?:(?:wie|who) (?:is|was|zijn|waren|are|were)|hoe (?:heet|heette|heten))"
                    r" (?:de|het|the) (?:[\w'-]+ ){0,2}?([\w'-]{4,})"
                    r"(?= (?:van|of|bij|in|op|voor|namens|die|dat|at|for)\b|\W*$)")
#: A role a person holds, as the end of the word (folded): "interim-manager", "klachtencoordinator", "projectleider";
#: not "opdrachtgever" or "eigenaar", which an organisation holds as often.
PERSON_ROLE = re.compile(rf"(?:{'|'.join(ROLES)}|manager|coordinator|adviseur|leider|functionaris|ambtenaar"
                         r"|medewerker|beheerder|dijkgraaf|heemraad|inspecteur|griffier|controller|consulent"
                         r"|regisseur|coach|vertrouwenspersoon)(?:s|en|sen|n)?$")


@dataclass(frozen=True)
class Asks:
    """What a question asks for: the answer type (``question_type``), its own words (``named_in``), for
    "Hoeveel woningen ...?" the stems of what it counts (``counted_in``), whether it asks why (``ASKS_REASON``),
    and the role whose holder it asks (``HOLDER``)."""

    kind: str | None
    named: frozenset[str]
    counted: frozenset[str] = frozenset()
    reason: bool = False
    role: str | None = None


def asks(question: str, stem: Callable[[str], str]) -> Asks:
    kind = question_type(question)
    text = " ".join(fold(question).split())
    holder = HOLDER.search(text) if kind in ("person", "who") else None
    role = holder.group(1) if holder and PERSON_ROLE.search(holder.group(1)) else None
    return Asks(kind, frozenset(named_in(question)), counted_in(question, stem) if kind == "number" else frozenset(),
                ASKS_REASON.search(text) is not None, role)


def names_holder(asked: Asks, sentences: list[str], stem: Callable[[str], str]) -> bool:
    """Whether a passage that names the role a question asks the holder of names one with it: in a sentence that
    names the role, or the next, a name the question does not (``who``, not only a person's name as
    ``person_names`` knows one: "onder voorzitterschap van Ans Rijpkema"). "… wordt tijdelijk aangestuurd door een
    interim-manager" does not say who the interim-manager is, whoever else the passage names. A passage that does
    not name the role is not judged here."""
    role = re.compile(rf"(?<!\w){re.escape(asked.role)}") if asked.role else None
    at = [i for i, sentence in enumerate(sentences) if role and role.search(fold(sentence))]
    anyone = replace(asked, kind="who", counted=frozenset())
    return not at or any(holds_answer(anyone, " ".join(sentences[i:i + 2]), stem) for i in at)


#: A thing named by its number: "fase 2", "buslijn 47", "actie 2024-023", and in a passage the numbers listed after
#: it ("fase 1 en 2", "fase 1, 2 en 3", "fase 1 t/m 3"). A stopword ("op 12 december", "tot 21 jaar") or a word of
#: quantity ("ruim 300 woningen") before the number names nothing.
NUMBER = r"\d+(?:[./-]\d+)*[a-z]?(?![\w.,/-]*\d)"
NUMBERED = re.compile(rf"\b([a-z][a-z-]{{2,}})\s+({NUMBER}(?:\s*(?:,|en|of|t/m|tot en met|[-–])\s*{NUMBER})*)")
LISTED = re.compile(rf"{NUMBER}|t/m|tot en met|[-–]")
#: A thing named by an ordinal before it, as "fase 2" is by a number after it: "de tweede fase", "het derde kwartaal";
#: not a number word ("de eerste twee jaar"), a phrase ("in de eerste plaats", "de Tweede Kamer") or a unit of the
#: calendar, which an ordinal counts within another ("de tweede week van maart" is no "week 10").
ORDINALS = ("eerste", "tweede", "derde", "vierde", "vijfde", "zesde", "zevende", "achtste", "negende", "tiende")
ORDINAL = re.compile(rf"\b({'|'.join(ORDINALS)})\s+([a-z][a-z-]{{2,}})")
NOT_ORDINAL_THINGS = frozenset("""plaats keer kamer lijn hand instantie orde graad helft week weken dag dagen maand
maanden jaar jaren kwart""".split())
QUANTITY = frozenset("""ruim ongeveer circa bijna ruwweg hooguit maximaal minimaal maximum minimum gemiddeld slechts
precies exact totaal zeker pakweg krap omstreeks rond""".split())


def numbered(text: str) -> dict[str, set[str]]:
    """The things a text names by number, each with its numbers: {"fase": {"1", "2"}}, a range written out ("fase 1
    t/m 3": 1, 2 and 3), an ordinal before it as its number ("de tweede fase": 2). Years are left out: a year the
    question names is checked on its own (``Searcher._bears_out``)."""
    found: dict[str, set[str]] = {}
    for thing, listed in NUMBERED.findall(fold(text)):
        if thing in STOPWORDS or thing in QUANTITY:
            continue
        items = LISTED.findall(listed)
        numbers = {n for n in items if n[0].isdigit() and not YEAR_LIKE.fullmatch(n)}
        for low, mark, high in zip(items, items[1:], items[2:]):
            if (mark in ("t/m", "tot en met", "-", "–") and low.isdigit() and high.isdigit()
                    and int(high) - int(low) < 50):
                numbers |= {str(n) for n in range(int(low), int(high) + 1)}
        if numbers:
            found.setdefault(thing, set()).update(numbers)
    for ordinal, thing in ORDINAL.findall(fold(text)):
        if not (thing in STOPWORDS or thing in NOT_ORDINAL_THINGS or re.fullmatch(NUMBER_WORDS, thing)):
            found.setdefault(thing, set()).add(str(ORDINALS.index(ordinal) + 1))
    return found


def other_number(question: dict[str, set[str]], passage: str) -> bool:
    """Whether the passage names a thing the question names by number only by other numbers: "Fase 1 is in oktober
    opgeleverd" does not answer "Wanneer wordt fase 2 opgeleverd?". A number and its parts are one ("fase 2" and
    "fase 2a", "artikel 5" and "artikel 5.2")."""
    if not question:
        return False
    in_passage = numbered(passage)

    def alike(a: str, b: str) -> bool:
        return any(re.match(rf"{re.escape(one)}(?!\d)", other) for one, other in ((a, b), (b, a)))

    return any(thing in in_passage and not any(alike(n, m) for n in numbers for m in in_passage[thing])
               for thing, numbers in question.items())


def gives_reason(sentence: str) -> bool:
    """Whether a sentence says why: "De stijging komt vooral door de hoge energierekening", "omdat", "vanwege"."""
    return REASON.search(" ".join(fold(sentence).split())) is not None


def says_why(text: str) -> bool:
    """Whether a passage gives a cause at all (``CAUSE``): the least a passage that answers "Waarom ...?" does."""
    return CAUSE.search(" ".join(fold(text).split())) is not None


def counted_in(question: str, stem: Callable[[str], str]) -> frozenset[str]:
    """The stems of the words after "hoeveel" (at most three, one of them the thing counted: "Hoeveel
    alleenstaande minderjarige vreemdelingen ...?"), unless it asks for an amount rather than a count ("hoeveel
    geld", "hoeveel procent", "hoeveel keer"). Dutch only: an English question's words are not the report's."""
    found = COUNTED.search(" ".join(fold(question).split()))
    if not found:
        return frozenset()
    words_after = TOKEN.findall(found.group(1))
    if not words_after or words_after[0] in STOPWORDS or words_after[0] in AMOUNTS:
        return frozenset()  # "Hoeveel is er uitgegeven …?", "Hoeveel geld …?": an amount, not things counted
    following = [w for w in words_after if w not in STOPWORDS]
    return frozenset(stem(w) for w in following if len(w) >= 3 and not w.isdigit())


def counts(sentence: str, counted: frozenset[str], named: frozenset[str], stem: Callable[[str], str]) -> bool:
    """Whether the sentence puts a number (not one the question names, not a year) within ``COUNT_WINDOW`` words of
    a thing the question counts: "twaalf bijeenkomsten" answers "Hoeveel bijeenkomsten ...?", "Het aantal woningen
    steeg tot 1.240" answers "Hoeveel woningen ...?", and "twaalf bijeenkomsten" does not answer "Hoeveel
    woningen ...?". A compound counts for its last part ("woningbouwprojecten" for "projecten"). An amount of money,
    a share or a rate counts nothing: "€ 1,15 per inwoner" does not answer "Hoeveel inwoners ...?" (``NOT_A_COUNT``)."""
    return bool(counted_numbers(sentence, counted, named, stem))


def counted_numbers(text: str, counted: frozenset[str], named: frozenset[str],
                    stem: Callable[[str], str]) -> frozenset[str]:
    """The numbers a text gives of the things a question counts (``counts``): "96 gemalen en 231 stuwen" gives 96
    and 231 for "Hoeveel gemalen en stuwen …?", whatever else it counts."""
    written = NUMBER_TOKEN.findall(fold(NOT_A_COUNT.sub(" ", text)))
    year = [bool(YEAR_LIKE.fullmatch(t)) for t in written]
    tokens = [t for i, t in enumerate(written) if not year[i] and not (
        t in COUNT_FILLER and ((i and year[i - 1]) or (i + 1 < len(written) and year[i + 1])))]
    stems = [stem(t) for t in tokens]
    found = set()
    for i, token in enumerate(tokens):
        if not COUNT_NUMBER.fullmatch(token) or token in named:
            continue
        if any(j != i and any(stems[j] == c or (len(c) >= MIN_WORD and stems[j].endswith(c)) for c in counted)
               for j in range(max(0, i - COUNT_WINDOW), min(len(tokens), i + COUNT_WINDOW + 1))):
            found.add(token)
    return frozenset(found)


def personal(question: str, foreign: float) -> float:
    """1.0 if the asker speaks of themself outside a lead-in ("Hoe vraag ik verlof aan?", "my password"):
    a need of one person, which a report does not meet; ``foreign``: the question's share of English words."""
    rest = ON_BEHALF.sub(" ", SEEKING.sub(" ", question))
    return float(bool(DUTCH_ASKER.search(rest) or (foreign >= 0.5 and ENGLISH_ASKER.search(rest))))


def holds_answer(asked: Asks, sentence: str, stem: Callable[[str], str]) -> bool:
    """Whether the sentence holds something of the asked-for type that the question does not already name:
    "Hoeveel woningen bouwden de steden in 2023?" is not answered by the year 2023; and for a count, a number
    of the things counted (``counts``)."""
    kind = asked.kind
    if kind is None:
        return True
    if asked.counted:
        return counts(sentence, asked.counted, asked.named, stem)
    candidates = (person_names(sentence) if kind == "person" else contacts(sentence, asked.named) if kind == "contact"
                  else (match.group() for match in ANSWER_TYPES[kind].finditer(sentence)))
    for candidate in candidates:
        found = set(TOKEN.findall(fold(candidate)))
        if not found or not found <= asked.named:  # "€" has no word, and is an answer
            return True
    return False


#: A question for a contact that names the one kind it wants ("telefoonnummer", "bellen"; "e-mailadres", "mailen").
ASKS_PHONE = re.compile(r"^(?:telefoon\w*|tel|bel|bellen|phone|telephone|call)$")
ASKS_MAIL = re.compile(r"mail")


def contacts(sentence: str, named: frozenset[str] = frozenset()) -> list[str]:
    """The phone numbers (as ``phonenumbers`` finds them, in any spelling), e-mail addresses and removed
    addresses of a sentence: what answers "Wat is het telefoonnummer van …?". Where the question's words
    (``named``) ask for one kind only, only that kind: an e-mail address is no telephone number."""
    import phonenumbers

    phone = any(ASKS_PHONE.match(w) for w in named)
    mail = any(ASKS_MAIL.search(w) for w in named)
    numbers = [] if mail and not phone else [m.raw_string for m in phonenumbers.PhoneNumberMatcher(sentence, "NL")]
    if phone and not mail:
        return numbers
    return numbers + EMAIL.findall(sentence) + [EMAIL_PLACEHOLDER] * sentence.count(EMAIL_PLACEHOLDER)


@dataclass(frozen=True)
class Statistics:
    """What the evidence compares a question with: the whole index's passages, or a scope's."""

    known_words: KnownWords
    idf: dict[str, float]
    unseen_idf: float


def inverse_frequencies(passage_terms: list[set[str]]) -> tuple[dict[str, float], float]:
    """IDF per term (BM25's formula, as the keyword index uses), and the IDF of a term no passage has."""
    frequency: dict[str, int] = {}
    for terms in passage_terms:
        for term in terms:
            frequency[term] = frequency.get(term, 0) + 1
    n = max(len(passage_terms), 1)
    return {t: bm25_idf(n, f) for t, f in frequency.items()}, bm25_idf(n, 0)


class Evidence:
    """Computes the pair features for one loaded index: token sets and IDF are prepared once."""

    def __init__(self, tokenizer: Tokenizer, passage_texts: list[str], sentence_texts: list[str]):
        self.tokenizer = tokenizer
        self.passage_terms = [set(tokenizer(t)) for t in passage_texts]
        self.sentence_texts = sentence_texts
        self.sentence_terms = [set(tokenizer(t)) for t in sentence_texts]
        self.passage_words = [set(words(t)) for t in passage_texts]
        self._folded = " " + " \n ".join(" ".join(words(t)) for t in passage_texts) + " "
        self.whole = Statistics(KnownWords(tokenizer), *inverse_frequencies(self.passage_terms))
        self._scopes: dict[frozenset[str], Statistics] = {}

    def prints(self, name: str) -> bool:
        """Whether the reports print this name in full ("Paul Depla"): a name they make public, which a question
        log may keep; "Jan van den Berg" is not public because "Jan" and "Berg" each occur somewhere."""
        phrase = " ".join(words(name))
        return bool(phrase) and f" {phrase} " in self._folded

    def scoped(self, key: frozenset[str], rows: np.ndarray) -> Statistics:
        """The words, terms and IDF of the passages in a scope: a question is judged against what the
        scope says, so a word used only by a filtered-out document counts as unknown, as it would on
        a shelf of the scope's documents alone."""
        found = self._scopes.get(key)
        if found is None:
            if len(self._scopes) > 64:
                self._scopes.clear()
            vocabulary = {w for r in rows for w in self.passage_words[r] if len(w) >= MIN_WORD and not w.isdigit()}
            found = self._scopes[key] = Statistics(KnownWords(self.tokenizer, vocabulary),
                                                   *inverse_frequencies([self.passage_terms[r] for r in rows]))
        return found

    def question(self, question: str, scope: Statistics | None = None, asked: Asks | None = None) -> dict[str, object]:
        """Everything about the question alone, computed once per search (``scope``: from :meth:`scoped`; ``asked``:
        what it asks, where the search has it already)."""
        stats = scope or self.whole
        terms = set(self.tokenizer.query(" ".join(w for w in words(question) if w not in ASKING), stats.idf))
        lexical = stats.known_words.lexical(question)
        meaning_again = again(question)
        return {"terms": terms, "weight": sum(stats.idf.get(t, stats.unseen_idf) for t in terms), "stats": stats,
                "asks": asked or asks(question, self.tokenizer.stemmer.stemWord),
                "off_domain": {"weer (het weer)" if w == "weer" else w for w in words(question)
                               if off_domain(w) and w not in meaning_again and (w != "weer" or asks_weather(question))},
                "personal": personal(question, lexical["foreign"]),
                "unseen": float(sum(1 for t in terms if t not in stats.idf)), **lexical}

    def pair(self, q: dict[str, object], passage: int, sentences: list[int], cosine: float, sentence: float,
             margin: float, keyword: float, given: set[str] | None = None) -> list[float]:
        """The row for one passage; ``sentences`` are the rows of its best sentences; ``given``: terms the passage
        covers without saying them (the name of the organisation whose document it is)."""
        terms: set[str] = q["terms"]  # type: ignore[assignment]
        weight: float = q["weight"] or 1.0  # type: ignore[assignment]
        idf, unseen_idf = q["stats"].idf, q["stats"].unseen_idf  # type: ignore[attr-defined]
        best_terms: set[str] = set(given or ())
        for row in sentences:
            best_terms |= self.sentence_terms[row]
        in_passage = self.passage_terms[passage] | (given or set())
        cover_passage = sum(idf.get(t, 0.0) for t in terms & in_passage) / weight
        cover_sentence = sum(idf.get(t, 0.0) for t in terms & best_terms) / weight
        missing = terms - in_passage
        rarest_missing = max((idf.get(t, unseen_idf) for t in missing), default=0.0) / unseen_idf
        asked: Asks = q["asks"]  # type: ignore[assignment]
        stem = self.tokenizer.stemmer.stemWord
        type_missing = float(bool(asked.kind) and not any(holds_answer(asked, self.sentence_texts[r], stem)
                                                          for r in sentences))
        off = q["off_domain"] - self.passage_words[passage]  # type: ignore[operator]
        return [cosine, sentence, margin, keyword, cover_passage if terms else 1.0, cover_sentence if terms else 1.0,
                rarest_missing, q["unseen"], type_missing, q["coverage"], q["unknown"], q["foreign"], float(len(off)),
                q["personal"]]
