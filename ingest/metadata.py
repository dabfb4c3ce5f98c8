"""What a document is: its collection, title, organisation, year and kind.

Found in the file where possible (the PDF's own title, the largest or first heading, a "Gemeente X"
line and years on the first page, words such as "jaarverslag") and otherwise in the file name; a
``NAME.meta.json`` beside the file (``corpus/g40/jaarverslag-2023.meta.json`` for
``jaarverslag-2023.pdf``) overrides any of it:

    {"title": "Jaarverslag 2023", "organisation": "G40 Stedennetwerk", "year": 2023, "kind": "annual_report"}
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Sequence
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from vraagbaak.build_format import Kind
from vraagbaak.errors import requirement

KIND_LABELS: dict[str, str] = {"annual_report": "jaarverslag", "position_paper": "position paper",
                               "decision_list": "besluitenlijst", "other": "overig"}
#: Files directly in the corpus folder belong to this collection; a sub-folder is a collection of its own.
DEFAULT_COLLECTION = "algemeen"
META_SUFFIX = ".meta.json"

#: Words that say what kind of document it is, searched in the file name, the title and the first page.
KIND_WORDS: list[tuple[Kind, re.Pattern[str]]] = [
    ("decision_list", re.compile(r"besluitenlijst|besluiten\s*lijst|decision list", re.IGNORECASE)),
    ("annual_report", re.compile(r"jaarverslag|jaarrapport|jaarrekening|annual report|jaarbericht", re.IGNORECASE)),
    ("position_paper", re.compile(r"position\s*paper|positionpaper|standpunt|visiedocument|manifest", re.IGNORECASE)),
]
KIND_WORDS_PATTERN = re.compile("|".join(pattern.pattern for _, pattern in KIND_WORDS), re.IGNORECASE)
YEAR = re.compile(r"(?<!\d)(19[5-9]\d|20\d\d)(?!\d)")
#: The end of a word that names a kind of document ("Zorgverslag", "Evaluatierapport", "Raadsbrief").
DOCUMENT_WORD = re.compile(r"(?i)(verslag|rapport|rapportage|notitie|nota|lijst|begroting|rekening|monitor|plan"
                           r"|visie|brief|memo|advies|evaluatie|onderzoek|analyse|verkenning|paper|agenda|programma"
                           r"|register|akkoord|voorstel|verordening)$")
#: A line of at most this many words may say what kind of document it is (``title_lines``).
TITLE_WORDS = 8
#: Headings that open many documents but name none.
GENERIC_HEADINGS = frozenset("""voorwoord inhoud inhoudsopgave inleiding samenvatting colofon bijlage bijlagen
agenda besluitenlijst index contents foreword introduction summary""".split())
#: A public body named on a line of its own, or after a separator ("Programmabegroting 2025 · Gemeente
#: Veldhaven", "Gemeente Havenstad, afdeling Sociaal", "GEMEENTE ZWOLLE"): the organisation behind a
#: municipal document. The name is capitalised words, with the small words of Dutch place names between
#: them ("Bergen op Zoom", "Wijk bij Duurstede", "Vallei en Veluwe") and a region in brackets ("Bergen (NH)").
PUBLIC_BODY = re.compile(
    r"(?:^|[·|•–—]\s*)((?:Gemeente|GEMEENTE|Provincie|PROVINCIE|Waterschap|WATERSCHAP|Hoogheemraadschap)"
    r"(?: (?:(?:aan den|aan de|aan|op|bij|en|den|de|der|van|in|ter|ten) )?(?:'s-)?[A-Z][\w'’-]*){1,3}"
    r"(?: \([A-Z]{1,3}\))?)(?=\s*(?:$|[,·|•–—(]|- |\d{4}\b))", re.MULTILINE)
#: The first page's first lines, where a document names its maker (a text file without page breaks is one
#: page: a member list at its end must not name it).
FIRST_LINES = 40
#: The lines of a cover, where a document names its maker above or under its title.
COVER_LINES = 6
#: A date in a file name ends the organisation's name before it.
MONTHS = frozenset("""januari februari maart april mei juni juli augustus september oktober november december jan feb
mrt apr jun jul aug sep sept okt nov dec""".split())
#: File name words that are not the organisation's name.
NOT_ORGANISATION = frozenset("def definitief concept versie final v1 v2 v3 nl en".split())


class MetaFile(BaseModel):
    """``NAME.meta.json``: every field optional, nothing else allowed (a typo must not pass silently)."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(None, min_length=1, max_length=300)
    organisation: str | None = Field(None, min_length=1, max_length=200)
    year: int | None = Field(None, ge=1900, le=2100)
    kind: Kind | None = None

    @field_validator("title", "organisation", mode="before")
    @classmethod
    def _one_line(cls, value: object) -> object:
        """Spaces and line breaks as one space, none at either end: a title of blanks is empty, and refused."""
        return " ".join(value.split()) if isinstance(value, str) else value

    @field_validator("kind", mode="before")
    @classmethod
    def _dutch_kind(cls, value: object) -> object:
        """A kind as ``vraagbaak documents`` prints it ("jaarverslag", "Besluitenlijst") means its id."""
        if isinstance(value, str):
            by_label = {label: kind for kind, label in KIND_LABELS.items()}
            return by_label.get(" ".join(value.split()).lower(), value)
        return value


class DocumentMeta(BaseModel):
    collection: str = DEFAULT_COLLECTION
    title: str
    organisation: str = ""
    year: int | None = None
    kind: Kind = "other"


#: Letters that Unicode does not decompose into a Latin letter and a mark, written as Latin letters.
UNDECOMPOSED = str.maketrans({"ø": "o", "Ø": "O", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE", "ß": "ss", "ł": "l",
                              "Ł": "L", "đ": "d", "Đ": "D", "ı": "i", "þ": "th", "ð": "d"})


def slug(text: str) -> str:
    """URL-safe, readable: "G40 Jaarverslag 2023 (def)" -> "g40-jaarverslag-2023-def"."""
    ascii_text = unicodedata.normalize("NFKD", text.translate(UNDECOMPOSED)).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text).strip("-")


def collection_of(path: Path, corpus_dir: Path) -> str:
    """The first sub-folder under the corpus folder, or the default collection."""
    parts = Path(path).relative_to(corpus_dir).parts
    return (slug(parts[0]) or DEFAULT_COLLECTION) if len(parts) > 1 else DEFAULT_COLLECTION


def printable(text: str) -> str:
    """A title or name as one line without control or format characters: a file name may carry a terminal's
    escape codes or a line break, which ``vraagbaak documents`` would print as they are."""
    kept = "".join(" " if unicodedata.category(c) == "Cc" else "" if unicodedata.category(c) == "Cf" else c for c in text)
    return " ".join(kept.split())  # a soft hyphen or zero-width space joins what it stood in


def file_title(path: Path) -> str:
    """A readable title from the file name ("g40-jaarverslag-2023" -> "G40 jaarverslag 2023")."""
    words = re.sub(r"[-_]+", " ", Path(path).stem).strip()
    return words[:1].upper() + words[1:]


def meta_path(path: Path) -> Path:
    return Path(path).with_name(Path(path).stem + META_SUFFIX)


def read_meta_file(path: Path, shown: str | None = None) -> tuple[MetaFile, str | None]:
    """The override beside ``path``, and a Dutch problem sentence if it exists but cannot be used as a
    whole. Each field is judged on its own: a typo in one key does not throw away a good title.
    ``shown``: the document as the problem names it (its path in the corpus)."""
    file = meta_path(path)
    if not file.is_file():
        return MetaFile(), None
    name = meta_path(Path(shown)).as_posix() if shown else file.name
    allowed = (f"Toegestaan: title, organisation, year (een jaartal), kind ({', '.join(KIND_LABELS)}, of in het "
               f"Nederlands: {', '.join(KIND_LABELS.values())}).")
    try:
        data = json.loads(file.read_text(encoding="utf-8-sig"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        why = ("kan niet worden gelezen" if isinstance(exc, OSError) else
               "is geen UTF-8" if isinstance(exc, UnicodeDecodeError) else
               f"geen geldige JSON (regel {exc.lineno}, kolom {exc.colno})" if isinstance(exc, json.JSONDecodeError)
               else "geen geldige JSON")
        return MetaFile(), (f"{name}: {why}; het bestand wordt niet gebruikt, de gegevens komen uit "
                            f"het document zelf. {allowed}")
    if not isinstance(data, dict):
        return MetaFile(), f"{name}: geen JSON-object; het bestand wordt niet gebruikt. {allowed}"
    kept, wrong = {}, []
    for key, value in data.items():
        if key not in MetaFile.model_fields:
            wrong.append(f"{key}: onbekend veld")
            continue
        try:
            kept.update(MetaFile.model_validate({key: value}).model_dump(include={key}))
        except ValidationError as exc:
            wrong.append(f"{key}: {_dutch(exc.errors()[0])}")
    if not wrong:
        return MetaFile(**kept), None
    return MetaFile(**kept), (f"{name}: {'; '.join(wrong)}; dat wordt niet gebruikt, de rest van het bestand wel "
                              f"(wat ontbreekt komt uit het document zelf). {allowed}")


def _dutch(error: dict) -> str:
    """What a meta file's value must be, in Dutch."""
    kind = error["type"]
    if kind in ("int_parsing", "int_type", "int_from_float", "greater_than_equal", "less_than_equal"):
        return "moet een jaartal tussen 1900 en 2100 zijn"
    if kind == "literal_error":
        return f"moet een van deze zijn: {', '.join(KIND_LABELS)}"
    return requirement(error)


def usable_title(title: str | None, first_page: str = "", running: Sequence[str] = ()) -> str | None:
    """A PDF's own title, unless it is empty, a word processor's leftover ("Microsoft Word - x.docx", a PDF
    library's "(anonymous)"), a file's name ("JV2024_opmaak_def_v3"), or a template's that the first page does
    not bear out: a council's decision list of 29 June 2015 carried "Aandachtspuntenlijst raadsvergadering 3
    november 2008". A first page of few words (a cover picture) cannot say, and the title stands."""
    title = " ".join((title or "").split())
    if len(title) < 4 or re.search(r"\.(docx?|pdf|indd|pptx?)$|^microsoft|^untitled|^naamloos|^\(?anonymous\)?$"
                                   r"|^[^\s_]+(?:_[^\s_]+)+$", title, re.IGNORECASE):
        return None
    on_page = set(re.findall(r"\w{3,}", first_page.lower()))
    in_title = set(re.findall(r"\w{3,}", title.lower()))
    bearing = on_page | set(re.findall(r"\w{3,}", " ".join(running).lower()))  # a running header bears it out too
    if len(on_page) >= 20 and in_title and len(in_title & bearing) < len(in_title) / 2:
        return None
    return title


#: A numbered part of a document ("1. Opening en vaststelling agenda", "3.1 Wonen"), which opens it; not a count ("25
#: jaar Stedennetwerk") or a year.
NUMBERED_PART = re.compile(r"\d{1,2}(?:\.\d{1,2})*\.\s|\d{1,2}(?:\.\d{1,2})+\s")


def heading_title(headings: list[str], file_name: str) -> str | None:
    """The first heading, if it names the document rather than opening it ("Voorwoord", "1. Opening"); a heading of one
    word only if it names a kind of document ("Zorgverslag", "Testrapport"), not a theme ("Wonen"), and the file's
    name (``file_name``, as :func:`file_title` gives it) says no more: a kind word alone, or a word of the
    heading ("verslag.txt", "a.txt"; not "politie-jaarverslag-2017", "Bodemdaling" beside "Onderzoek")."""
    for heading in headings[:1]:
        words, name = heading.split(), file_name.strip().lower()
        if heading.strip(" .:").lower() in GENERIC_HEADINGS or NUMBERED_PART.match(heading.strip()):
            return None
        says_no_more = not name or (len(name.split()) == 1 and (DOCUMENT_WORD.fullmatch(name) or name in heading.lower()))
        if 2 <= len(words) <= 14 or (len(words) == 1 and says_no_more and DOCUMENT_WORD.search(heading.strip(" .:"))):
            return _with_kind(heading.strip(), headings[1:2])
    return None


def _with_kind(title: str, following: list[str]) -> str:
    """A first heading that names only the organisation ("Waterschap Lindevliet"), with the next one where that says
    what the document is ("Jaarverslag 2022"): two held-out shelves listed a text report by its maker's name alone,
    beside its other years' PDFs titled "Waterschap Lindevliet Jaarverslag 2023"."""
    if reads_as_organisation(title) and not _names_kind(title) and following and len(following[0].split()) <= 6 and (
            _names_kind(following[0])):
        return f"{title} {following[0].strip()}"
    return title


def _names_kind(text: str) -> bool:
    """Whether a line says what kind of document it is ("Jaarverslag 2022", "Beleidsplan Klimaatadaptatie")."""
    return bool(KIND_WORDS_PATTERN.search(text) or any(DOCUMENT_WORD.search(w) for w in re.findall(r"\w+", text)))


def detect_year(*texts: str, now: int | None = None) -> int | None:
    """The first year in the first text that has one; in running text (the last), the most frequent year up to
    next year: a report is not published after today, and "de doelen voor 2030" is no year of publication."""
    for text in texts[:-1]:
        found = YEAR.findall(text)
        if found:
            return int(found[0])
    latest = (now or date.today().year) + 1
    counts = Counter(y for y in YEAR.findall(texts[-1]) if int(y) <= latest) if texts else Counter()
    return int(counts.most_common(1)[0][0]) if counts else None


def title_lines(page: str) -> str:
    """The short lines of a page (a title, a heading, a cover's line): where a page says what kind of document it
    is. A sentence that mentions "de jaarrekening" (a subsidy's condition) does not make it an annual report."""
    return "\n".join(line for line in page.splitlines() if 0 < len(line.split()) <= TITLE_WORDS)


def detect_kind(*texts: str) -> Kind:
    for text in texts:
        for kind, pattern in KIND_WORDS:
            if pattern.search(text):
                return kind
    return "other"


#: Dutch words that join a name's parts: never an abbreviation, though short.
PARTICLES = frozenset({"de", "den", "der", "het", "van", "in", "op", "en", "te", "ten", "ter"})


def organisation_from_name(path: Path) -> str:
    """The file name's words before the kind word ("politie-jaarverslag-2017" -> "Politie"), a year or a date, or
    before a word that names a document ("notitie-afvalbeleid-2024" names no organisation,
    "utrecht-programmabegroting-2025" does)."""
    words = re.split(r"[-_\s]+", Path(path).stem)
    before: list[str] = []
    for word in words:
        if (any(pattern.fullmatch(word) or pattern.match(word) for _, pattern in KIND_WORDS) or YEAR.fullmatch(word)
                or DOCUMENT_WORD.search(word)
                or word.lower() in MONTHS and before and re.fullmatch(r"\d{1,2}", before[-1])):  # "… 3 juni 2025"
            break
        before.append(word)
    else:
        return ""
    kept = [w for w in before if w and w.lower() not in NOT_ORGANISATION and re.search(r"[^\W\d_]", w)]  # not "20251014"
    return " ".join(_name_word(w, kept[i - 1] if i else "") for i, w in enumerate(kept))


def _name_word(word: str, before: str) -> str:
    """A word of an organisation's name: a short one is an abbreviation ("GGD", "NS", "G40"), but not a Dutch
    particle, which stays lowercase ("Provincie van Utrecht", "GGD in de Regio") except where it opens the
    name or a municipality's ("Gemeente De Bilt", "Gemeente Den Helder")."""
    if word.lower() in PARTICLES and not word.isupper():  # "OM" as the file name writes it is the Openbaar Ministerie
        return word.capitalize() if not before or before.lower() == "gemeente" else word.lower()
    return word.upper() if any(c.isdigit() for c in word) or len(word) <= 3 else word[:1].upper() + word[1:]


def organisation_on_page(first_page: str) -> str:
    """The public body the first lines of the first page name on a line of their own ("Gemeente Oosterwold"),
    if any; a name set in capitals is written as a name."""
    found = PUBLIC_BODY.search("\n".join(first_page.splitlines()[:FIRST_LINES]))
    if not found:
        return ""
    name = found.group(1)
    return " ".join(w if "'" in w else w.capitalize() for w in name.split()) if name.isupper() else name


#: A word an organisation's name ends in, alone or as a compound's last part ("Stedennetwerk", "Omgevingsdienst"); a
#: company, coalition, covenant or collective only as a compound's ("Werkbedrijf", "Stedencoalitie": "Het Gezonde
#: Bedrijf" on a cover is a title, "Collectief Vervoer" a service).
ORGANISATION_WORD = re.compile(r"(?:gemeente|provincie|netwerk|ministerie|stichting|vereniging|bureau|dienst|raad"
                               r"|platform|regio|waterschap|politie|corporatie|instituut|centrum|federatie|unie"
                               r"|agentschap|autoriteit|inspectie|rekenkamer|commissie|ggd|samenwerking|coöperatie|partners"
                               r"|academie|universiteit|hogeschool|school|fonds|kamer|ombudsman|overheid"
                               r"|archief|museum|bibliotheek|alliantie|consortium|\wcoalitie|\wverbond|\wcollectief"
                               r"|\wbedrijf|g\d+)$")


def reads_as_organisation(name: str) -> bool:
    """Whether a name reads as an organisation's: a word of it ends in an organisation's word (``ORGANISATION_WORD``),
    not after a particle, where it is a surname ("Raad van State", not "Marieke de Raad")."""
    words = name.split()
    return any(ORGANISATION_WORD.search(w.lower()) and not (i and words[i - 1].lower() in PARTICLES)
               for i, w in enumerate(words))


def organisation_declared(author: str | None, first_page: str, running: Sequence[str] = ()) -> str:
    """The PDF's author as the organisation when it reads as one (a word of it ends in an organisation's word:
    "Stedennetwerk Oost", "Omgevingsdienst Rivierenland") and the document bears it out: it stands on a line
    of its own, or opens one, in a running header or footer or on the first page (the file name "SNO
    Jaarverslag 2024" says only "SNO"). A person's name, or the "Gebruiker" a word processor fills in, is none."""
    name = " ".join((author or "").split())
    words = name.split()
    if not 1 <= len(words) <= 6 or not reads_as_organisation(name):
        return ""
    said = name.lower()
    return name if any(re.search(rf"(?:^|[·|•–—-]\s*){re.escape(said)}(?:\s*[·|•–—,-]|$)", " ".join(line.split()).lower())
                       for line in [*first_page.splitlines()[:FIRST_LINES], *running]) else ""


def organisation_named(first_page: str, running: Sequence[str] = ()) -> str:
    """An organisation's name that a line of the cover (its first ``COVER_LINES``) or a running line holds as a part
    of its own ("Stedennetwerk Midden" above the title, "Positionpaper Wonen 2025 | Stedennetwerk Midden" in the
    footer): words in capitals but for particles, no figures, one of them an organisation's word."""
    cover = [line for line in first_page.splitlines()[:COVER_LINES] if "|" not in line]  # not a table's row
    for line in [*cover, *running]:
        for part in re.split(r"\s+[|·•–—-]\s+|\s*[|·•]\s*", line):
            words = part.split()
            form = LEGAL_FORM.match(" ".join(words))
            if line in running and form:  # "Gemeenschappelijke regeling Regio Lindeland" in every header
                words = words[len(form.group().split()):]
            if name := _as_name(words):
                return name
    return ""


def _as_name(words: list[str]) -> str:
    """The words as an organisation's name, if they read as one: capitals but for particles, no figures, one of them an
    organisation's word, none a document's ("Nieuwsbrief Raad" is a title)."""
    name = " ".join(words)
    return name if (1 <= len(words) <= 5 and not re.search(r"\d", name) and reads_as_organisation(name)
                    and all(w[:1].isupper() or w.lower() in PARTICLES for w in words) and words[0][:1].isupper()
                    and not any(DOCUMENT_WORD.search(w) or KIND_WORDS_PATTERN.search(w) for w in words)) else ""


def organisation_in_title(title: str) -> str:
    """The organisation a title names after the kind of document and its year ("Jaarverslag 2024 Provincie
    Gelderveen"; a year at its end left out), from its first organisation's word: an annual report, decision list or
    position paper is its maker's, where "Evaluatie 2024 Gemeente Zwolle" may be anyone's. The title, not a cover's
    line: a title set large wraps there ("Jaarverslag 2024 Provincie" above "Gelderveen")."""
    words = title.split()
    start = 0
    while start < len(words) and (KIND_WORDS_PATTERN.fullmatch(words[start]) or YEAR.fullmatch(words[start])):
        start += 1
    if not any(KIND_WORDS_PATTERN.fullmatch(word) for word in words[:start]):
        return ""
    end = len(words)
    while end > start and YEAR.fullmatch(words[end - 1]):
        end -= 1
    opens = next((i for i in range(start, end) if ORGANISATION_WORD.search(words[i].lower())), end)
    name = words[opens:end]  # "Jaarverslag Integriteit Gemeente Zwolle": the municipality's, on integrity
    if len(name) == 1 and ORGANISATION_WORD.fullmatch(name[0].lower()):
        return ""  # a kind of body without its name: "Jaarverslag 2024 Wet Open Overheid", "Positionpaper Gemeente"
    return _as_name(name)


#: A letter's subject line under its letterhead ("Onderwerp: Voortgang aanpak energiearmoede", "Betreft: …").
SUBJECT = re.compile(r"^[ \t]*(?:Onderwerp|Betreft)[ \t]*:[ \t]*(\S[^\n]{2,150}?)[ \t]*$", re.MULTILINE | re.IGNORECASE)


def letter_subject(first_page: str) -> str:
    """The subject line among the first page's first lines, if any."""
    found = SUBJECT.search("\n".join(first_page.splitlines()[:FIRST_LINES]))
    return found.group(1) if found else ""


#: The legal form of a body of several municipalities, before its name ("Gemeenschappelijke regeling Regio Lindeland").
LEGAL_FORM = re.compile(r"(?i:gemeenschappelijke regeling|openbaar lichaam|gemeenschappelijk orgaan)\s+(?=[A-Z])")


def describe(path: Path, collection: str, pdf_title: str | None, headings: list[str], first_page: str,
             shown: str | None = None, running: Sequence[str] = (),
             pdf_author: str | None = None) -> tuple[DocumentMeta, str | None]:
    """Everything known about a document, and a problem sentence if its meta file was unusable (``shown``:
    the document's path in the corpus, for that sentence). The running headers and footers left out of the
    text (``running``) bear out a PDF's title too ("Verkeersmonitor 2024" at the head of every page), date it
    and may name its municipality, as may the PDF's author ("Gemeente Oosterveld"; a person's name is none),
    also any organisation's name the document bears out (``organisation_declared``)."""
    override, problem = read_meta_file(path, shown)
    declared, named = usable_title(pdf_title, first_page, running), heading_title(headings, file_title(path))
    if (declared and named and len(declared.split()) == 1 < len(named.split()) and DOCUMENT_WORD.search(declared)
            and declared.lower() in named.lower()):
        declared = named  # a kind alone ("Raadsvoorstel") says less than the first page ("Raadsvoorstel Kaderbrief 2025")
    if not declared and named and _as_name(named.split()) and (subject := letter_subject(first_page)):
        named = subject  # a letterhead ("Ministerie van Wonen en Leefomgeving") is its maker, the subject what it is
    title = printable(override.title or declared or named or file_title(path)) or printable(file_title(path))
    meta = DocumentMeta(
        collection=collection,
        title=title,
        organisation=printable(override.organisation if override.organisation is not None
                               else organisation_on_page(first_page) or organisation_on_page("\n".join(running))
                               or organisation_on_page(pdf_author or "")
                               or organisation_declared(pdf_author, first_page, running)
                               or organisation_named(first_page, running) or organisation_in_title(title)
                               or organisation_from_name(path)),
        year=override.year or detect_year(Path(path).stem, title, headings[0] if headings else "", " ".join(running),
                                          first_page),
        kind=override.kind or detect_kind(Path(path).stem, title, title_lines(first_page)),
    )
    return meta, problem
