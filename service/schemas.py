"""The JSON contract of the API; ``vraagbaak ask --json`` prints exactly these bodies."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Annotated, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, StringConstraints, field_validator

from vraagbaak.build_format import DocumentRecord, Kind
from vraagbaak.index.scope import MAX_FILTER_VALUES, Scope
from vraagbaak.index.search import MAX_QUESTION_CHARS, MAX_TOP_K, SURROGATE, WORDLIKE, SearchResult, visible_text
from vraagbaak.service.urls import original_url, passage_url, section_url, serves_original, source_url


def _whole_number(value: object) -> object:
    """JSON Schema counts 3.0 as an integer; a strict model would not."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


#: A collection or document named in a filter: spaces around it do not count, and spaces alone are empty (the
#: contract says so: a name holds something that is not a space).
FILTER_NAME = StringConstraints(strip_whitespace=True, min_length=1, pattern=r"\S")


class AskRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    question: str = Field(..., min_length=1, max_length=MAX_QUESTION_CHARS, pattern=WORDLIKE,
                          description="De vraag, in het Nederlands of Engels.", examples=["Wat doet de themagroep Financiën?"])
    @field_validator("question", mode="before")
    @classmethod
    def _valid_text(cls, value: object) -> object:
        if isinstance(value, str) and SURROGATE.search(value):
            raise ValueError("bevat tekens die geen geldige tekst zijn; typ of plak de vraag opnieuw")
        return value

    top_k: Annotated[int, BeforeValidator(_whole_number)] = Field(5, ge=1, le=MAX_TOP_K,
                                                                  description="Hoeveel passages terug te geven.")
    collections: list[Annotated[str, FILTER_NAME, StringConstraints(max_length=100)]] = Field(
        [], max_length=MAX_FILTER_VALUES, description="Zoek alleen in deze collecties (submappen van het corpus); "
        "leeg of weggelaten: geen filter.", examples=[["g40"]])
    documents: list[Annotated[str, FILTER_NAME, StringConstraints(max_length=200)]] = Field(
        [], max_length=MAX_FILTER_VALUES, description="Zoek alleen in deze documenten (id's uit /api/documents); "
        "leeg of weggelaten: geen filter.")
    years: list[Annotated[int, Field(ge=1900, le=2100), BeforeValidator(_whole_number)]] = Field(
        [], max_length=MAX_FILTER_VALUES, description="Zoek alleen in documenten over deze jaren; leeg of weggelaten: "
        "geen filter.")

    spelling: bool = Field(True, description=(
        "Verbeter tikfouten tegen de woorden van de rapporten ('voorziter' wordt 'voorzitter') voordat er gezocht "
        "wordt; `false` zoekt precies wat er getypt is."))

    @property
    def scope(self) -> Scope:
        return Scope(collections=self.collections, documents=self.documents, years=self.years)


class OtherYear(BaseModel):
    """The same text in another document (another year of the report)."""

    document: str
    title: str
    year: int | None
    url: str = Field(..., description="Opent die versie in de bron.")
    other_figures: bool = Field(False, description="Dezelfde tekst, maar met andere cijfers, aantallen of namen van "
                                                   "personen: wat deze passage zegt, geldt niet voor dat jaar.")


class Citation(BaseModel):
    document: str = Field(..., description="Id van het document.")
    title: str
    collection: str = Field("", description="Collectie (submap van het corpus) waar het document in staat.")
    year: int | None = Field(None, description="Het jaar waar het document over gaat, als dat bekend is.")
    section: list[str] = Field(..., description="Pad van koppen, van boven naar beneden.")
    page: int = Field(..., description="Eerste pagina van de passage.")
    page_end: int = Field(..., description="Laatste pagina van de passage.")
    page_label: str | None = Field(None, description="Het paginanummer dat op die pagina gedrukt staat (in een PDF, of in tekst met paginascheidingen), als dat bekend is.")
    page_end_label: str | None = Field(None, description="Het gedrukte paginanummer van de laatste pagina.")
    lines: tuple[int, int] = Field(..., description="Eerste en laatste regel in het bronbestand.")
    url: str = Field(..., description="Opent de bron op deze passage.")
    original_url: str | None = Field(None, description="Opent het originele PDF-bestand op de pagina van de eerste "
                                                       "gemarkeerde zin (bij een passage over twee pagina's).")
    links: list[str] = Field(..., description="Links die bij deze sectie horen.")
    also_in: list[OtherYear] = Field([], description="Dezelfde tekst staat ook in deze documenten (andere jaren), "
                                                      "nieuwste eerst; hij wordt maar één keer getoond. Met "
                                                      "``other_figures`` noemt dat jaar andere cijfers of namen.")


class PassageOut(BaseModel):
    id: str
    rank: int
    score: float
    text: str = Field(..., description="De eigen woorden van het rapport.")
    highlights: list[tuple[int, int]] = Field(..., description="Tekenposities [begin, eind) van de best passende zinnen.")
    citation: Citation


class Suggestion(BaseModel):
    document: str
    title: str
    section: list[str]
    page: int
    url: str


#: What a person reads above the passages (uncertain) or instead of them (not found).
MESSAGES = {
    "answered": "",
    "uncertain": "Ik weet niet zeker of dit je vraag beantwoordt. Dit komt het dichtst in de buurt:",
    "not_found": "Dat staat niet in de rapporten. Kijk eens in deze secties, of stel je vraag anders: "
                 "noem bijvoorbeeld het onderwerp, de organisatie of de plaats waar het over gaat.",
}
#: Not found, and no section comes near enough to suggest.
NOT_FOUND_NOTHING_NEAR = ("Dat staat niet in de rapporten. Stel je vraag anders: noem bijvoorbeeld het onderwerp, de "
                          "organisatie of de plaats waar het over gaat.")


class SpellingFix(BaseModel):
    """A word of the question that the reports do not know, and the word of theirs it was searched as."""

    typed: str = Field(..., description="Het woord zoals het getypt is.")
    meant: str = Field(..., description="Het woord uit de rapporten waarop gezocht is.")


class AskResponse(BaseModel):
    question: str
    searched_as: str | None = Field(..., description=(
        "De vraag zoals er gezocht is, als er tikfouten zijn verbeterd (zie `corrections`; met `spelling: false` "
        "zoekt de vraag precies zoals getypt); anders null."))
    corrections: list[SpellingFix] = Field(..., description="De verbeterde woorden, in de volgorde van de vraag.")
    status: Literal["answered", "uncertain", "not_found"] = Field(..., description=(
        "`answered`: de passages beantwoorden de vraag. `uncertain`: de passages komen het dichtst in de buurt, "
        "maar het is niet zeker dat ze de vraag beantwoorden (toon ze met een voorbehoud). `not_found`: de "
        "rapporten beantwoorden de vraag niet; `passages` is leeg en `suggestions` noemt de dichtstbijzijnde secties."))
    answered: bool = Field(..., description="Waar alleen bij status `answered`.")
    confidence: float = Field(..., ge=0, le=1, description="Hoe zeker het is dat de passages de vraag beantwoorden (0-1).")
    message: str = Field(..., description="Tekst voor de gebruiker: het voorbehoud bij `uncertain`, de hint bij `not_found`.")
    passages: list[PassageOut]
    suggestions: list[Suggestion] = Field(..., description="Dichtstbijzijnde secties als er geen antwoord is.")

    @classmethod
    def from_result(cls, result: SearchResult, base_url: str = "",
                    documents: Mapping[str, DocumentRecord] | None = None) -> AskResponse:
        """``documents``: the index's records, which say whose original file is not served (``serves_original``)."""
        return cls(
            question=result.question,
            searched_as=result.searched,
            corrections=[SpellingFix(typed=c.typed, meant=c.meant) for c in result.corrections],
            status=result.status,
            answered=result.answered,
            confidence=min(max(result.confidence, 0.0), 1.0),
            message=NOT_FOUND_NOTHING_NEAR if result.status == "not_found" and not result.suggestions
            else MESSAGES[result.status],
            passages=[
                PassageOut(
                    id=h.passage.id, rank=h.rank, score=h.score, text=h.passage.text, highlights=h.highlights,
                    citation=Citation(**h.passage.citation.model_dump(include=set(Citation.model_fields)),
                                      url=passage_url(h.passage.document, h.passage.id, base_url),
                                      original_url=original_url(h.passage.citation, base_url, h.page)
                                      if documents is None or serves_original(documents[h.passage.document]) else None,
                                      also_in=[OtherYear(document=o.document, title=o.citation.title, year=o.citation.year,
                                                         url=passage_url(o.document, o.id, base_url),
                                                         other_figures=o.id in h.other_figures) for o in h.also]),
                )
                for h in result.hits
            ],
            suggestions=[Suggestion(document=s.document, title=s.title, section=s.section, page=s.page,
                                    url=section_url(s.document, s.section_index, base_url))
                         for s in result.suggestions],
        )


class DocumentOut(BaseModel):
    """One document on the shelf."""

    id: str
    title: str
    organisation: str = Field(..., description="Leeg als die niet bekend is.")
    year: int | None
    kind: Kind
    collection: str
    file: str = Field(..., description="Pad in de corpusmap.")
    pages: int
    passages: int
    ingested_at: str = Field(..., description="Wanneer deze inhoud voor het eerst is ingelezen (ISO 8601, UTC).")
    url: str = Field(..., description="Opent het document in de bron.")

    @classmethod
    def from_record(cls, record: DocumentRecord, base_url: str = "") -> DocumentOut:
        return cls(**record.model_dump(include=set(cls.model_fields) - {"url"}), url=source_url(record.id, base_url))


class DocumentList(BaseModel):
    documents: list[DocumentOut]
    collections: list[str] = Field(..., description="Alle collecties, voor een filter.")
    years: list[int] = Field(..., description="Alle jaren, voor een filter.")

    @classmethod
    def from_records(cls, records: list[DocumentRecord], base_url: str = "") -> DocumentList:
        """The shelf per collection, newest year first (the API and ``vraagbaak documents list``)."""
        shelf = sorted(records, key=lambda d: (d.collection, -(d.year or 0), d.title))
        return cls(documents=[DocumentOut.from_record(d, base_url) for d in shelf],
                   collections=sorted({d.collection for d in shelf}),
                   years=sorted({d.year for d in shelf if d.year}, reverse=True))


class ErrorDetail(BaseModel):
    code: str = Field(..., description="Vaste code, bedoeld voor programma's.")
    message: str = Field(..., description="Uitleg in het Nederlands, bedoeld voor mensen.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class FeedbackRequest(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)

    @field_validator("question", "comment", mode="before")
    @classmethod
    def _valid_text(cls, value: object) -> object:
        """Cleaned as ``/api/ask`` cleans a question: no control characters stored, no question of spaces only."""
        if isinstance(value, str) and SURROGATE.search(value):
            raise ValueError("bevat tekens die geen geldige tekst zijn")
        return visible_text(value) if isinstance(value, str) else value

    question: str = Field(..., min_length=1, max_length=MAX_QUESTION_CHARS, pattern=WORDLIKE)
    passage_id: str = Field(..., min_length=1, max_length=64, pattern=r"^[0-9a-f]{16}(-[0-9]{1,4})?$")
    helpful: bool
    comment: str | None = Field(None, max_length=2000)
    replaces: str | None = Field(None, pattern=r"^[0-9a-f]{32}$", description=(
        "Het `receipt` van de eerdere feedback van deze persoon op deze passage, die hiermee vervalt (een ander "
        "oordeel, of hetzelfde nog eens): zo telt één persoon één keer. Een bon geldt één keer, een dag lang."))


class FeedbackResponse(BaseModel):
    id: int
    stored: bool = True
    receipt: str = Field(..., description="Bewaar dit om deze feedback te vervangen (`replaces`); niemand anders kan dat.")
