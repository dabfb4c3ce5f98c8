"""``search(question, top_k)``: the one retrieval API that the CLI, the service and the evaluation use.

Dense search (FAISS) and Dutch keyword search (BM25) each propose candidates; a second pass scores
every candidate's sentences against the question (sentence embeddings are made at build time);
the three signals are fused (a weighted sum of normalised scores, or weighted reciprocal-rank
fusion: whichever the calibration chose); on a shelf, the documents the question's words point to
(``index.document_prior``) and those it names are favoured. The best sentences are the highlights. The answer model
(``index.answerability``) grades the result from evidence per question-passage pair: ``answered``,
``uncertain`` (passages shown under a caveat) or ``not_found`` (no passages; the nearest sections
are suggested instead).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel, ValidationError

from vraagbaak.build_format import Manifest, Passage, chunking_settings
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMismatch, IndexMissing, InvalidQuestion
from vraagbaak.index import dense, store, table_rows
from vraagbaak.index.answerability import (
    CONSIDERED,
    AnswerModel,
    Asks,
    Evidence,
    Status,
    asks,
    gives_reason,
    holds_answer,
    names_holder,
    numbered,
    other_number,
    says_why,
)
from vraagbaak.index.asking import the_question
from vraagbaak.index.document_prior import DocumentPrior
from vraagbaak.index.fuse import normalised_sum, reciprocal_rank_fusion
from vraagbaak.index.keyword import KeywordIndex, fold, words
from vraagbaak.index.model import Embedder, load_embedder
from vraagbaak.index.person_names import person_names
from vraagbaak.index.repeats import DATE_KINDS, FIGURE_KINDS, Repeats
from vraagbaak.index.scope import Scope, Selection, Shelf, years_in
from vraagbaak.index.spelling import Correction, Speller, dutch_words
from vraagbaak.ingest.headings import SIGNING_ROLE
from vraagbaak.ingest.metadata import printable

MAX_QUESTION_CHARS = 1000
#: What an empty question is told, by the API and the command line (which puts "Fout: " before it).
EMPTY_QUESTION = "De vraag is leeg. Typ een vraag over de rapporten."
MAX_TOP_K = 20
#: Passages ranked after repeats are dropped, at least: the evaluation's MRR@10, and suggestions to choose from.
RANKED_AT_LEAST = 10
#: How far under the answer threshold the confidence of an answer a check made uncertain is set (or further, where
#: it was lower).
UNDER_THRESHOLD = 0.01
#: A question must hold at least one letter or digit (also the API schema's pattern): "?" alone asks nothing.
WORDLIKE = r"[^\W_]"
#: A letter of another script than the Latin (after folding): its words are not in the stop-word lists.
OTHER_SCRIPT = re.compile(r"[^\W\d_a-z]")
#: Half of a UTF-16 pair on its own: not a character (JSON "\ud800", or bytes that are not UTF-8 on a command line).
SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Sentences within this much of the best one are highlighted too.
HIGHLIGHT_MARGIN = 0.015
#: The share of its document's passages a passage's ``margin`` is measured against (30 of the 56 passages of
#: the report the answer model was fitted on), and the fewest it needs to be measured against its own.
TYPICAL_SHARE = 30 / 56
MIN_TYPICAL = 10
#: A sentence that holds what the question asks for is highlighted too when within this much of the best one.
TYPE_MARGIN = 0.05
#: A question for who wrote or signed a text ("Wie schreef het voorwoord?", "Wie ondertekende de inleiding?").
SIGNED = re.compile(r"\b(?:schreef|schreven|geschreven|schrijver|auteur|ondertekend\w*|tekende|getekend|wrote|written|signed)\b")
#: A section's signature stands in the last this many characters of its passage.
SIGNATURE_CHARS = 200
#: What a signature at a text's end holds besides the name: a closing formula or the role it signs with.
SIGNS = re.compile(rf"\b(?:hoogachtend|met (?:vriendelijke|hartelijke) groet(?:en)?|{SIGNING_ROLE.pattern})",
                   re.IGNORECASE)
#: Answer types an answer plainly has or has not: a first passage without one is no answer, whatever the models say.
CRISP_KINDS = frozenset({"contact", "date", "time"})
#: An amount of money must stand in one of this many passages shown first: the passages an answer's precision
#: counts (``Searcher._amount_shown``) ...
AMOUNT_WITHIN = 3
#: ... where an amount, a rate ("5 procent van de WOZ-waarde"), "120,-" or a pay scale ("schaal 11") counts; not
#: "gratis", which a passage says of so many things (a free course beside the fire whose cost was asked).
AMOUNT = re.compile(r"€|%|\b\d+,-|\b(?:euro|eur|miljoen|miljard|mln|mld|million|billion|procent|percent"
                    r"|schaal|salarisschaal)\b", re.IGNORECASE)


class SearchConfig(BaseModel):
    """Tunable search settings; the evaluation calibrates them and the manifest stores them."""

    candidates: int = 30
    fusion: Literal["rrf", "sum"] = "rrf"
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0)  # dense, keyword, sentence
    #: False switches keyword search off entirely: no candidates, no evidence (the evaluation's ablation).
    keyword: bool = True
    #: False leaves typing errors as they are (the evaluation's ablation; a question may also ask for that).
    spelling: bool = True
    answer_model: AnswerModel | None = None  # None: not calibrated, so every question counts as answered


def first_reason(error: ValidationError) -> str:
    """A pydantic error's first message, as a clause of a Dutch sentence."""
    return error.errors()[0]["msg"].removeprefix("Value error, ")


@dataclass
class Hit:
    passage: Passage
    rank: int
    score: float
    highlights: list[tuple[int, int]]
    #: The same text in other documents (other years of a report), newest first; shown once, listed here.
    also: list[Passage] = field(default_factory=list)
    #: Ids of those in ``also`` that give other figures (``Repeats.other_figures``): the same text, other numbers.
    other_figures: list[str] = field(default_factory=list)
    #: The page of the first highlighted sentence (a passage may run over two pages); 0: its first page.
    page: int = 0


@dataclass
class Suggestion:
    """A section near the question, offered when the reports do not answer it."""

    document: str
    title: str
    section: list[str]
    section_index: int
    page: int


@dataclass
class SearchResult:
    question: str
    status: Status
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[Suggestion] = field(default_factory=list)
    #: Probability that the best passages answer the question (1.0 when the answer model is not calibrated).
    confidence: float = 1.0
    #: Evidence rows (``answerability.FEATURES``) of the top ranked passages, best first.
    evidence: list[list[float]] = field(default_factory=list)
    #: The question's embedding (for the question log's grouping).
    vector: np.ndarray | None = None
    #: Typing errors corrected before the search; ``searched`` is then the question as searched.
    corrections: list[Correction] = field(default_factory=list)
    searched: str | None = None
    #: What was searched, always: the asking part of the message (``index.asking``), typing errors corrected.
    asked: str | None = None

    @property
    def answered(self) -> bool:
        return self.status == "answered"


def visible_text(text: str) -> str:
    """The text as a question is read: accents composed with their letters (macOS pastes "ö" as "o" and a
    mark, which would split the word), then as a title is printed (``printable``: invisible characters
    removed, control characters and runs of spaces one space, none at either end)."""
    return printable(unicodedata.normalize("NFC", text))


def clean_question(question: object) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("De vraag moet tekst zijn.")
    if SURROGATE.search(question):
        raise InvalidQuestion("De vraag bevat tekens die geen geldige tekst zijn; typ of plak de vraag opnieuw.")
    text = visible_text(question)
    if not text:
        raise InvalidQuestion(EMPTY_QUESTION)
    if not re.search(WORDLIKE, text):
        raise InvalidQuestion("Stel een vraag in woorden: alleen leestekens of symbolen zijn geen vraag.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"De vraag is te lang ({len(text)} tekens); de grens is {MAX_QUESTION_CHARS} tekens.")
    return text


def has_subject(text: str) -> bool:
    """Whether a question names anything to look for: "het", "waarom?" and "de de de" do not (a number or a
    word of another script does, as the stop-word lists cannot tell)."""
    return bool(words(text) or re.search(r"\d", text) or OTHER_SCRIPT.search(fold(text)))


def _mean_of_best(scores: np.ndarray, n: int) -> float:
    """The mean of the ``n`` highest scores: how alike a question's nearest passages of a document are, which
    a passage must stand out from (the evidence's ``margin``)."""
    k = min(n, len(scores))
    return float(np.partition(scores, len(scores) - k)[len(scores) - k:].mean()) if k else 0.0


#: How much a year named in a question favours that year's documents, as a share of the spread of the candidates'
#: scores: enough to put the asked year's version of a text first, not a document of that year that answers
#: something else ("Wat was de exploitatieruimte in de begroting 2024?" in the budget of 2025).
YEAR_WEIGHT = 0.25
#: How much a passage of another organisation's report that names the organisation a question names is favoured, as a
#: share of that spread (the organisation's own documents: all of it): a regional body's report on a road "tussen
#: Lindewaarde en Markvliet" stays in the race with the municipality's own papers, which had all come first.
MENTION_WEIGHT = 0.5
#: How much the documents a question's words point to are favoured (``_favour_likely``), as a share of that spread
#: times the document's probability: chosen on the tuning questions of a shelf (see the README, "Across documents").
LIKELY_WEIGHT = 0.25


class Searcher:
    """A loaded index: what the service holds between requests (``service.state``)."""

    def __init__(self, build: Path, embedder: Embedder, manifest: Manifest):
        self.build = build
        self.embedder = embedder
        self.manifest = manifest
        try:
            self.config = SearchConfig(**manifest.search)
        except ValidationError as exc:
            raise IndexMismatch(f"De index in {build} is gemaakt door een andere versie van Vraagbaak "
                               f"({first_reason(exc)}); voer 'vraagbaak ingest' opnieuw uit.") from exc
        self.passages = store.read_passages(build)
        self.passage_ids = {p.id: i for i, p in enumerate(self.passages)}
        self.vectors = np.asarray(np.load(build / "embeddings.npy", mmap_mode="r"))  # mapped; plain arrays index faster
        self.sentence_vectors = np.asarray(np.load(build / "sentences.npy", mmap_mode="r"))
        self.sentences = json.loads((build / "sentences.json").read_text())
        self.sentences_of: dict[int, list[int]] = {}
        for row, (pid, _, _) in enumerate(self.sentences):
            self.sentences_of.setdefault(pid, []).append(row)
        self.dense = dense.load_dense(build / "dense.faiss")
        self.keyword = KeywordIndex.load(build / "keyword")
        self.evidence = Evidence(self.keyword.tokenizer, [p.embed_text for p in self.passages],
                                 table_rows.sentence_texts(self.passages, self.sentences))
        self.speller = Speller(self.keyword.tokenizer, self.evidence.passage_words,
                              [p.embed_text for p in self.passages])
        self.shelf = Shelf(store.read_documents(build), self.passages)
        self.documents = self.shelf.documents
        self.prior = DocumentPrior(self.keyword, self.shelf.document_of)
        self.repeats = Repeats(self.passages, self.documents, self.evidence.passage_words,
                               self.keyword.tokenizer.stemmer.stemWord, self._sentence_texts)
        self._selectors: dict[frozenset[str], object] = {}
        self._spellers: dict[frozenset[str], Speller] = {}
        self._check_counts()

    def _check_counts(self) -> None:
        """Every artefact describes the same passages and sentences, as the manifest says."""
        expected = (self.manifest.index.get("passages"), self.manifest.index.get("sentences"))
        found = (len(self.passages), len(self.sentences))
        if (found != expected or not self.passages or self.vectors.shape[0] != found[0] or self.dense.ntotal != found[0]
                or self.sentence_vectors.shape[0] != found[1]):
            raise IndexMissing(
                f"De index in {self.build} is onvolledig: {found[0]} passages, {self.vectors.shape[0]} vectoren, "
                f"{self.dense.ntotal} in FAISS en {found[1]} zinnen, waar het manifest {expected[0]} passages en "
                f"{expected[1]} zinnen noemt; voer 'vraagbaak ingest' opnieuw uit.")

    def self_test(self) -> None:
        """Ask the index a question made from its own first passage: it must answer without an error. It asks
        for a person, so the first user to do so does not wait for the name lists to load."""
        dutch_words()  # loaded now, not on the first question with a word no other list knows
        question = "Wie is de voorzitter van " + " ".join(self.passages[0].text.split()[:12]) + "?"
        if not self.search(question, 3, abstain=False).hits:
            raise IndexMissing(f"De index in {self.build} geeft geen antwoord op een proefvraag; voer 'vraagbaak ingest' "
                               "opnieuw uit.")

    @classmethod
    def load(cls, settings: Settings, embedder: Embedder | None = None) -> Searcher:
        """Open the current build, refusing one made with another model or chunker."""
        build = store.current_build(settings.data_dir)
        manifest = store.read_manifest(build)
        store.verify(build, manifest)
        embedder = embedder or load_embedder(settings)
        store.check_compatible(manifest, embedder.info.as_dict(), chunking_settings(settings))
        return cls(build, embedder, manifest)

    def search(self, question: str, top_k: int = 5, abstain: bool = True, scope: Scope | None = None,
               spelling: bool = True) -> SearchResult:
        """Best passages first, from the documents in ``scope`` (all by default). With ``abstain`` false,
        passages come back whatever the status (the evaluation measures ranking and the answer decision
        separately); with ``spelling`` false, words the reports do not know are searched as typed."""
        clean_question(question)  # a wrong question is said before a wrong top_k or scope
        if not 1 <= top_k <= MAX_TOP_K:
            raise InvalidQuestion(f"top_k moet tussen 1 en {MAX_TOP_K} liggen.")
        selection = self.shelf.select(scope or Scope())
        text, searched, corrections = self.prepare(question, spelling, selection)
        if not has_subject(text):  # whatever came first would be chance: not found, and the hint to rephrase
            return SearchResult(text, "not_found", confidence=0.0)
        query = self.embedder.encode_queries([searched])[0]
        result = self.search_vector(searched, query, top_k, abstain, selection=selection)
        result.question, result.vector, result.asked = text, query, searched
        if corrections:
            result.corrections, result.searched = corrections, searched
        return result

    def prepare(self, question: str, spelling: bool = True,
                selection: Selection | None = None) -> tuple[str, str, list[Correction]]:
        """The question as read (cleaned), as searched (its asking part, ``index.asking``, with typing errors
        corrected against the words of the documents searched, unless ``spelling`` or the settings switch that
        off) and the corrections: the service, the calibration and the evaluation all search a question as this
        prepares it."""
        text = clean_question(question)
        asked = the_question(text)  # a greeting or a word about the asker around the question is not searched
        if not (spelling and self.config.spelling):
            return text, asked, []
        searched, corrections = self._speller(selection).correct(asked)
        return text, searched, corrections

    def _speller(self, selection: Selection | None) -> Speller:
        """The whole shelf's, or one made for a scope (and kept): a word only a filtered-out document uses
        is no correction, as the evidence would count it as unknown."""
        if selection is None:
            return self.speller
        found = self._spellers.get(selection.documents)
        if found is None:
            if len(self._spellers) > 64:
                self._spellers.clear()
            rows = selection.rows
            found = self._spellers[selection.documents] = Speller(
                self.keyword.tokenizer, [self.evidence.passage_words[r] for r in rows],
                [self.passages[r].embed_text for r in rows])
        return found

    def search_vector(self, text: str, query: np.ndarray, top_k: int, abstain: bool = True,
                      config: SearchConfig | None = None, grade: bool = True,
                      selection: Selection | None = None) -> SearchResult:
        """The search for an embedded question; ``config`` overrides the calibrated settings (tuning),
        without ``grade`` no evidence is computed (ranking only), and ``selection`` limits both searches."""
        config = config or self.config
        n = config.candidates
        within = None if selection is None else self._selector(selection)
        if selection is None:
            dense_hits = dense.search_dense(self.dense, query, n)
        elif within is None:
            dense_hits = dense.search_rows(self.vectors, selection.rows, query, n)
        else:
            dense_hits = dense.search_dense(self.dense, query, n, within, len(selection.rows))
        keyword_hits, asked_scores = self._keyword(text, n, selection) if config.keyword else ([], {})
        by_keyword = [i for i, _ in keyword_hits]
        keyword_scores = dict(keyword_hits)
        candidates = list(dict.fromkeys([i for i, _ in dense_hits] + by_keyword))
        cosine = dict(zip(candidates, (self.vectors[candidates] @ query).tolist()))
        best_sentence = self._sentences(candidates, query)
        if config.fusion == "rrf":
            by_cosine = sorted(candidates, key=lambda i: -cosine[i])
            by_sentence = sorted(candidates, key=lambda i: -best_sentence[i][0])
            fused = reciprocal_rank_fusion([by_cosine, by_keyword, by_sentence], config.weights)
        else:
            fused = normalised_sum([cosine, {i: keyword_scores.get(i, 0.0) for i in candidates},
                                    {i: best_sentence[i][0] for i in candidates}], config.weights)
        years = years_in(text)
        fused = self._favour_likely(fused, text)
        fused = self._favour_named(fused, text, years, None if selection is None else selection.documents)
        order = sorted(candidates, key=lambda i: -fused[i])
        asked_words = frozenset(w for w in words(text) if not w.isdigit() or int(w) not in years)  # a year: _shown
        asked = asks(text, self.evidence.tokenizer.stemmer.stemWord)
        figures = ("dates" if asked.kind in DATE_KINDS else "numbers" if asked.kind in FIGURE_KINDS
                   else "names" if asked.kind in ("who", "person") else "")
        ranked, also = self.repeats.distinct(order, years, max(top_k, CONSIDERED, RANKED_AT_LEAST), asked_words,
                                             figures, asked.counted,
                                             lambda i: " ".join(self._sentence_texts(i, best_sentence[i][1])))
        ranked = self.repeats.in_order(ranked, years, asked_words)
        nearest = [score for _, score in dense_hits] if selection is None else None
        evidence = self._evidence(text, asked, query, ranked[:CONSIDERED], cosine, best_sentence, asked_scores,
                                  n, nearest) if grade and ranked else []
        model = config.answer_model
        if model is not None and grade:
            status, confidence = model.grade(evidence)
            if status == "answered" and not (self._bears_out(years, numbered(text), ranked[0], asked, text)
                                             and self._amount_shown(ranked, asked)):
                # the confidence says so too: "onzeker, zekerheid 0.95" read as a contradiction (a black-box test)
                status, confidence = "uncertain", min(confidence, model.answer_threshold - UNDER_THRESHOLD)
        else:
            status, confidence = ("answered", 1.0) if ranked else ("not_found", 0.0)
        ranked = self._signed_first(ranked, text, asked)  # shown first; the grade stands on the ranking's evidence
        hits = [self._hit(i, rank, fused[i], self._shown_sentences(i, query, best_sentence[i], asked), also.get(i, []))
                for rank, i in enumerate(ranked[:top_k], start=1)]
        suggestions = [] if status != "not_found" else self._suggestions(order)  # all candidates: sections, not repeats
        return SearchResult(text, status, [] if status == "not_found" and abstain else hits, suggestions,
                            round(confidence, 4), evidence)

    def _signed_first(self, ranked: list[int], text: str, asked: Asks) -> list[int]:
        """"Wie schreef het voorwoord?": the passage of the section the question names whose end names a person (the
        section's signature, "Paul Depla, voorzitter G40 Stedennetwerk") comes first, among the ranked ones. The
        section's other passages say what was written, not who wrote it. Where no such section is ranked and the first
        passage ends in no name, a ranked document's last passage that ends in a signature does (a closing formula or
        a signing role, and a person's name): a letter's ("Wie heeft de Kamerbrief ondertekend?"), not a colophon's
        "Vormgeving: Pieter Bakker"."""
        if asked.kind not in ("who", "person") or not SIGNED.search(fold(text)):
            return ranked
        asked_words = set(words(text))

        def signed(i: int) -> bool:
            return next(person_names(self.passages[i].text[-SIGNATURE_CHARS:]), None) is not None

        for j, i in enumerate(ranked[:RANKED_AT_LEAST]):
            title = set(words((self.passages[i].citation.section or [""])[-1]))
            if title and title <= asked_words and signed(i):
                return [i, *ranked[:j], *ranked[j + 1:]]
        if ranked and signed(ranked[0]):
            return ranked
        for j, i in enumerate(ranked[:RANKED_AT_LEAST]):  # a letter's signature ends the letter
            if self.shelf.rows_of(self.passages[i].document)[-1] == i and SIGNS.search(
                    self.passages[i].text[-SIGNATURE_CHARS:]) and signed(i):
                return [i, *ranked[:j], *ranked[j + 1:]]
        return ranked

    def _favour_likely(self, fused: dict[int, float], text: str) -> dict[int, float]:
        """The candidates' scores raised by ``LIKELY_WEIGHT`` of the spread times their document's probability
        among the candidates' documents (``DocumentPrior``): on one report, or with the question's words in every
        report alike, the order stays."""
        document_of = self.shelf.document_of
        competing = {int(document_of[i]) for i in fused}
        if len(competing) < 2:
            return fused
        likely = self.prior(text, competing)
        spread = max(fused.values()) - min(fused.values())
        return {i: f + LIKELY_WEIGHT * spread * likely[int(document_of[i])] for i, f in fused.items()}

    def _favour_named(self, fused: dict[int, float], text: str, years: set[int],
                      within: frozenset[str] | None) -> dict[int, float]:
        """The candidates' scores with those of the documents the question names raised: by an organisation or a
        kind of document, by the spread of the scores (they come first); by a year, which may be what it asks
        about ("gepland in juni 2025"), by ``YEAR_WEIGHT`` of it, unless the year picks one of the reports an
        organisation or kind names ("de politie in 2017"). A passage that names the organisation, of a document that
        belongs to no organisation, counts as named: a joint paper or a regional decision list, where "Waar opent
        Brakelveen een jongerenpunt?" is answered; of another organisation's document, by ``MENTION_WEIGHT``, so the
        organisation's own documents come first where they answer as well ("Wie is de dijkgraaf van Lindevliet?" is
        asked of the water board's reports before the municipality's budget that mentions it)."""
        named = self.shelf.named(text, set(), within)
        by_year = self.shelf.named(text, years, within) if years else frozenset()
        if not (named or by_year):
            return fused
        naming = self.shelf.bodies_named(text, within) if named else {}
        runs = {run for found in naming.values() for run in found}
        spread = max(fused.values()) - min(fused.values())
        weight = 1.0 if named and by_year < named else YEAR_WEIGHT

        def favoured(i: int) -> float:
            document = self.passages[i].document
            if document in named:
                return 1.0
            if document in naming or not self.shelf.mentions(i, runs):  # its own, left out by the kind asked for
                return 0.0
            return 1.0 if document not in self.shelf.bodies else MENTION_WEIGHT

        return {i: f + spread * (favoured(i) + weight * (self.passages[i].document in by_year))
                for i, f in fused.items()}

    def _bears_out(self, years: set[int], things: dict[str, set[str]], first: int, asked: Asks | None = None,
                   question: str = "") -> bool:
        """Whether each year the question names is the first passage's document's, or stands in its text or its
        own headings (not a title heading every passage of the document has), and each thing it names by number is
        not named there by other numbers only: a report of 2024 that gives the houses built in 2024 does not answer
        "Hoeveel woningen worden er in 2025 opgeleverd?", nor the unemployment of 2024 "Wat was de werkloosheid in
        2023?", nor "Fase 1 is opgeleverd" "Wanneer wordt fase 2 opgeleverd?". Nor does a passage without a phone
        number, an e-mail address, a day or a clock time answer a question that asks for one (``CRISP_KINDS``):
        "bereikbaar via het algemene nummer" gives none; nor one that names the role whose holder is asked
        without a holder (``names_holder``); nor, for a question why, one without a word of a cause (``says_why``).
        Nor, where the ``question`` names an organisation of the shelf (in any scope), a passage that is not of that
        organisation's documents and does not name it: "Wat is het uurtarief van de GGD?" is not answered by the
        omgevingsdienst's rate in a regional decision list, nor, scoped to Brakelveen, "Wat was de algemene reserve
        van Zuiderkaap?" by Brakelveen's."""
        passage = self.passages[first]
        # its text with its own headings ("Kerncijfers 2023"), not the title heading the whole document has
        where = "\n".join([*passage.citation.section[self.shelf.shared_headings[passage.document]:], passage.text])
        stem = self.evidence.tokenizer.stemmer.stemWord
        return all(self.shelf.documents[passage.document].year == year
                   or re.search(rf"(?<!\d){year}(?!\d)", where) for year in years
                   ) and not other_number(things, passage.embed_text) and (
            asked is None or asked.kind not in CRISP_KINDS or holds_answer(asked, passage.text, stem)) and (
            asked is None or asked.role is None
            or names_holder(asked, self._sentence_texts(first), stem)) and (
            asked is None or not asked.reason or says_why(passage.text)) and self._of_named(first, question)

    def _of_named(self, first: int, question: str) -> bool:
        """Whether a passage is of a document of an organisation the question names, or names it (``_bears_out``)."""
        naming = self.shelf.bodies_named(question)
        return not naming or self.passages[first].document in naming or self.shelf.mentions(
            first, {run for runs in naming.values() for run in runs})

    def _sentence_texts(self, i: int, rows: list[int] | None = None) -> list[str]:
        """The texts of a passage's sentences (``rows``: some of them, all by default)."""
        return [self.passages[i].text[start:end] for _, start, end in
                map(self.sentences.__getitem__, self.sentences_of.get(i, []) if rows is None else rows)]

    def _amount_shown(self, ranked: list[int], asked: Asks) -> bool:
        """A question for an amount of money ("Wat kost …?", "Hoeveel heeft de bestrijding van de brand gekost?") is
        answered only if one of the first ``AMOUNT_WITHIN`` passages gives an amount: the fire's date and the
        hectares burnt, beside the right names, do not answer it."""
        return asked.kind != "money" or any(AMOUNT.search(self.passages[i].text) for i in ranked[:AMOUNT_WITHIN])

    def _hit(self, i: int, rank: int, score: float, sentence_rows: list[int], also: list[int]) -> Hit:
        passage = self.passages[i]
        highlights = [tuple(self.sentences[r][1:]) for r in sentence_rows]
        return Hit(passage, rank, round(score, 6), highlights, [self.passages[j] for j in also],
                   [self.passages[j].id for j in also if self.repeats.other_figures(i, j)],
                   self._page_at(passage, min(h[0] for h in highlights)) if highlights else passage.citation.page)

    def _page_at(self, passage: Passage, offset: int) -> int:
        """The page a character of the passage stands on, from its section's page changes."""
        section = self.documents[passage.document].sections[passage.section_index]
        page = section.page
        for start, number in section.pages:
            if start > passage.start + offset:
                break
            page = number
        return page

    def _keyword(self, text: str, n: int, selection: Selection | None) -> tuple[list[tuple[int, float]],
                                                                                 dict[int, float]]:
        """BM25 over the scope: a passage scores by its own document's statistics, so a scope only masks. A
        document the question favours by an organisation's name is searched without that name (``without_names``),
        where some word is left: that ranks. The answer evidence keeps the scores of the question as asked, as the
        answer models were fitted on them."""
        mask = None if selection is None else selection.mask
        asked = self.keyword.search(text, n, mask)
        by_query: dict[str, list[np.ndarray]] = {}
        for document, stripped in self.shelf.without_names(text, None if selection is None else
                                                          selection.documents).items():
            if words(stripped):
                by_query.setdefault(stripped, []).append(self.shelf.rows_of(document))
        if not by_query:
            return asked, dict(asked)
        instead = [(np.concatenate(rows), stripped) for stripped, rows in by_query.items()]
        return self.keyword.search(text, n, mask, instead), dict(asked)

    def _selector(self, selection: Selection):
        found = self._selectors.get(selection.documents, False)
        if found is False:
            if len(self._selectors) > 256:
                self._selectors.clear()
            found = self._selectors[selection.documents] = dense.selector(self.dense, selection.rows)
        return found

    def _evidence(self, text: str, asked: Asks, query, top, cosine, best_sentence, keyword_scores, n: int,
                  nearest: list[float] | None) -> list[list[float]]:
        """One row of ``answerability.FEATURES`` per top passage. The question is judged against the
        vocabulary, IDF and nearest passages of the best passage's document, not of the whole shelf: so
        the evidence means the same on a shelf of one report (where it was calibrated) as on a shelf of
        fifty, and a word only another document uses counts as unknown. The ``margin`` compares a passage
        with the question's best ``TYPICAL_SHARE`` of its document's passages, at most ``n``: in the report
        the answer model was fitted on, its best 30 of 56. With 30 of any document, a small report's margins
        were those of its every passage, the weakest included, and its answers looked surer (the README
        measures a report cut in two halves). A document of fewer than ``n`` passages is too small to say
        what is rare, and one of fewer than ``n`` and ``MIN_TYPICAL`` what is typical (one passage would be
        its own margin): that is judged against the whole index, whatever the scope, so a scope only masks.
        ``nearest``: the dense search's scores over the whole index, if it was not scoped. A passage of a document
        of the organisation the question names covers that name: "Brakelveen", rare in the municipality's own
        report, was the rarest word the answer to "Hoeveel meldingen openbare ruimte kreeg Brakelveen?" missed."""
        document = self.passages[top[0]].document
        members = self.shelf.rows_of(document)
        own = len(members) >= n and len(self.documents) > 1
        scope = self.evidence.scoped(frozenset({document}), members) if own else None
        if len(members) >= min(n, MIN_TYPICAL):
            typical = _mean_of_best(self.shelf.block_of(self.vectors, document) @ query,
                                    min(n, max(MIN_TYPICAL, round(TYPICAL_SHARE * len(members)))))
        else:
            if nearest is None:
                nearest = [score for _, score in dense.search_dense(self.dense, query, n)]
            typical = float(np.mean(nearest)) if nearest else 0.0
        question = self.evidence.question(text, scope, asked)
        shown = frozenset(self.passages[i].document for i in top)
        names = {d: self.evidence.tokenizer.query(" ".join(w for run in runs for w in run), question["terms"])
                 for d, runs in self.shelf.bodies_named(text, shown).items()}
        rows = []
        for i in top:
            score, sentence_rows = best_sentence[i]
            rows.append(self.evidence.pair(question, i, sentence_rows, cosine[i], score, cosine[i] - typical,
                                           math.log1p(keyword_scores.get(i, 0.0)),
                                           set(names.get(self.passages[i].document, ()))))
        return rows

    def _shown_sentences(self, i: int, query: np.ndarray, best: tuple[float, list[int]], asked: Asks) -> list[int]:
        """The sentences a passage highlights: the best ones (``_sentences``), and where none of them holds what
        the question asks for (a date for "Wanneer ...?", a number for "Hoeveel ...?") the best one of the
        passage that does, if it is within ``TYPE_MARGIN`` of the best: "Wanneer werd het position paper
        gepresenteerd?" marked the sentence that names the paper, not the next one with its date. So for a
        question that asks why, and a sentence that gives a reason ("De stijging komt vooral door …"). Shown only:
        the answer models judge the best sentences, as they were fitted."""
        score, rows = best
        stem, texts = self.evidence.tokenizer.stemmer.stemWord, self.evidence.sentence_texts
        if not (asked.kind or asked.reason):
            return rows

        def wanted(text: str) -> bool:
            return holds_answer(asked, text, stem) if asked.kind else gives_reason(text)

        if not rows or any(wanted(texts[r]) for r in rows):
            return rows
        others = [r for r in self.sentences_of.get(i, []) if r not in rows and wanted(texts[r])]
        if not others:
            return rows
        scores = self.sentence_vectors[others] @ query
        top = int(np.argmax(scores))
        return sorted([*rows, others[top]]) if scores[top] >= score - TYPE_MARGIN else rows

    def _sentences(self, passages: list[int], query: np.ndarray) -> dict[int, tuple[float, list[int]]]:
        """Per passage, the best sentence's score and the rows of the sentences within ``HIGHLIGHT_MARGIN``
        of it (a passage without sentences scores as a whole). One product for all candidates."""
        rows = [self.sentences_of.get(i, []) for i in passages]
        flat = [r for group in rows for r in group]
        scores = (self.sentence_vectors[flat] @ query).tolist() if flat else []
        found, start = {}, 0
        for i, group in zip(passages, rows):
            if not group:
                found[i] = (float(self.vectors[i] @ query), [])
                continue
            own = scores[start:start + len(group)]
            start += len(group)
            best = max(own)
            found[i] = (best, [r for r, s in zip(group, own) if s >= best - HIGHLIGHT_MARGIN])
        return found

    @cached_property
    def _section_starts(self) -> dict[tuple[str, int], int]:
        """The page each section starts on: a suggestion links to its section, which opens there."""
        starts: dict[tuple[str, int], int] = {}
        for p in self.passages:
            key = (p.document, p.section_index)
            starts[key] = min(starts.get(key, p.citation.page), p.citation.page)
        return starts

    def _suggestions(self, ranked: list[int], limit: int = 3) -> list[Suggestion]:
        found: list[Suggestion] = []
        seen: set[tuple[str, int]] = set()
        for i in ranked:
            p = self.passages[i]
            key = (p.document, p.section_index)
            if key in seen:
                continue
            seen.add(key)
            found.append(Suggestion(p.document, p.citation.title, p.citation.section, p.section_index,
                                    self._section_starts[key]))
            if len(found) == limit:
                break
        return found
