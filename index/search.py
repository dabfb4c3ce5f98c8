"""``search(question, top_k)``: the one retrieval API that the CLI, the service and the evaluation use.

Dense search (FAISS) and Dutch keyword search (BM25) each propose candidates; a second pass scores
every candidate's sentences against the question (sentence embeddings are made at build time);
the three signals are fused (a weighted sum of normalised scores, or weighted reciprocal-rank
fusion: whichever the calibration chose). The best sentences are the highlights. The answer model
(``index.answerability``) grades the result from evidence per question-passage pair: ``answered``,
``uncertain`` (passages shown under a caveat) or ``not_found`` (no passages; the nearest sections
are suggested instead).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

import numpy as np
from pydantic import BaseModel

from vraagbaak.build_format import Manifest, Passage, chunking_settings
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMissing, InvalidQuestion
from vraagbaak.index import dense, store
from vraagbaak.index.answerability import CONSIDERED, AnswerModel, Evidence, Status
from vraagbaak.index.fuse import normalised_sum, reciprocal_rank_fusion
from vraagbaak.index.keyword import KeywordIndex
from vraagbaak.index.model import Embedder, load_embedder

MAX_QUESTION_CHARS = 1000
MAX_TOP_K = 20
#: Control characters and line separators: read as a space.
CONTROL_CHARS = r"\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029"
#: Invisible formatting (soft hyphen, zero-width characters, bidirectional marks and isolates, BOM): removed,
#: so a word they stand in stays one word.
INVISIBLE_CHARS = r"\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff"
CONTROL = re.compile(f"[{CONTROL_CHARS}]")
INVISIBLE = re.compile(f"[{INVISIBLE_CHARS}]")
#: A question must hold at least one character that is none of those, nor a space (also the API schema's pattern).
VISIBLE = rf"[^\s{CONTROL_CHARS}{INVISIBLE_CHARS}]"
#: Half of a UTF-16 pair on its own: not a character (JSON "\ud800", or bytes that are not UTF-8 on a command line).
SURROGATE = re.compile(r"[\ud800-\udfff]")
#: Sentences within this much of the best one are highlighted too.
HIGHLIGHT_MARGIN = 0.015
#: Share of the shorter passage two hits may overlap before the lower one counts as a repeat.
DUPLICATE_OVERLAP = 0.5


class SearchConfig(BaseModel):
    """Tunable search settings; the evaluation calibrates them and the manifest stores them."""

    candidates: int = 30
    fusion: Literal["rrf", "sum"] = "rrf"
    weights: tuple[float, float, float] = (1.0, 1.0, 1.0)  # dense, keyword, sentence
    #: False switches keyword search off entirely: no candidates, no evidence (the evaluation's ablation).
    keyword: bool = True
    answer_model: AnswerModel | None = None  # None: not calibrated, so every question counts as answered


def load_calibration(path: Path, fingerprint: str) -> dict:
    """The calibrated settings for this model from ``eval/calibration.json`` (empty if none)."""
    try:
        record = json.loads(Path(path).read_text()).get(fingerprint, {})
    except (OSError, ValueError):
        return {}
    return {k: v for k, v in record.items() if k in SearchConfig.model_fields}


@dataclass
class Hit:
    passage: Passage
    rank: int
    score: float
    highlights: list[tuple[int, int]]


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

    @property
    def answered(self) -> bool:
        return self.status == "answered"


def clean_question(question: object) -> str:
    if not isinstance(question, str):
        raise InvalidQuestion("De vraag moet tekst zijn.")
    if SURROGATE.search(question):
        raise InvalidQuestion("De vraag bevat tekens die geen geldige tekst zijn; typ of plak de vraag opnieuw.")
    text = " ".join(CONTROL.sub(" ", INVISIBLE.sub("", question)).split())
    if not text:
        raise InvalidQuestion("Stel een vraag: de vraag is leeg.")
    if len(text) > MAX_QUESTION_CHARS:
        raise InvalidQuestion(f"De vraag is te lang ({len(text)} tekens); houd het onder de {MAX_QUESTION_CHARS} tekens.")
    return text


class Searcher:
    """A loaded index: the only long-lived state of the service."""

    def __init__(self, build: Path, embedder: Embedder, manifest: Manifest):
        self.build = build
        self.embedder = embedder
        self.manifest = manifest
        self.config = SearchConfig(**manifest.search)
        self.passages = store.read_passages(build)
        self.passage_ids = {p.id: i for i, p in enumerate(self.passages)}
        self.vectors = np.load(build / "embeddings.npy", mmap_mode="r")
        self.sentence_vectors = np.load(build / "sentences.npy", mmap_mode="r")
        self.sentences = json.loads((build / "sentences.json").read_text())
        self.sentences_of: dict[int, list[int]] = {}
        for row, (pid, _, _) in enumerate(self.sentences):
            self.sentences_of.setdefault(pid, []).append(row)
        self.dense = dense.load_dense(build / "dense.faiss")
        self.keyword = KeywordIndex.load(build / "keyword")
        self.evidence = Evidence(self.keyword.tokenizer, [p.embed_text for p in self.passages],
                                 [self.passages[i].text[a:b] for i, a, b in self.sentences])
        self.documents = {d.id: d for d in store.read_documents(build)}
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
        """Ask the index one question made from its own first passage: it must answer without an error."""
        question = " ".join(self.passages[0].text.split()[:12])
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

    def search(self, question: str, top_k: int = 5, abstain: bool = True) -> SearchResult:
        """Best passages first. With ``abstain`` false, passages come back whatever the status
        (the evaluation measures ranking and the answer decision separately)."""
        text = clean_question(question)
        if not 1 <= top_k <= MAX_TOP_K:
            raise InvalidQuestion(f"top_k moet tussen 1 en {MAX_TOP_K} liggen.")
        query = self.embedder.encode_queries([text])[0]
        return self.search_vector(text, query, top_k, abstain)

    def search_vector(self, text: str, query: np.ndarray, top_k: int, abstain: bool = True,
                      config: SearchConfig | None = None, grade: bool = True) -> SearchResult:
        """The search for an embedded question; ``config`` overrides the calibrated settings (tuning), and
        without ``grade`` no evidence is computed (ranking only)."""
        config = config or self.config
        n = config.candidates
        dense_hits = dense.search_dense(self.dense, query, n)
        keyword_hits = self.keyword.search(text, n) if config.keyword else []
        by_keyword = [i for i, _ in keyword_hits]
        keyword_scores = dict(keyword_hits)
        candidates = list(dict.fromkeys([i for i, _ in dense_hits] + by_keyword))
        cosine = dict(zip(candidates, (self.vectors[candidates] @ query).tolist()))
        best_sentence: dict[int, tuple[float, list[int]]] = {i: self._sentences(i, query) for i in candidates}
        if config.fusion == "rrf":
            by_cosine = sorted(candidates, key=lambda i: -cosine[i])
            by_sentence = sorted(candidates, key=lambda i: -best_sentence[i][0])
            fused = reciprocal_rank_fusion([by_cosine, by_keyword, by_sentence], config.weights)
        else:
            fused = normalised_sum([cosine, {i: keyword_scores.get(i, 0.0) for i in candidates},
                                    {i: best_sentence[i][0] for i in candidates}], config.weights)
        ranked = self._distinct(sorted(candidates, key=lambda i: -fused[i]))
        evidence = self._evidence(text, ranked[:CONSIDERED], cosine, best_sentence, dense_hits,
                                  keyword_scores) if grade and ranked else []
        model = config.answer_model
        if model is not None and grade:
            status, confidence = model.grade(evidence)
        else:
            status, confidence = ("answered", 1.0) if ranked else ("not_found", 0.0)
        hits = [Hit(self.passages[i], rank, round(fused[i], 6), [tuple(self.sentences[r][1:]) for r in best_sentence[i][1]])
                for rank, i in enumerate(ranked[:top_k], start=1)]
        suggestions = [] if status != "not_found" else self._suggestions(ranked)
        return SearchResult(text, status, [] if status == "not_found" and abstain else hits, suggestions,
                            round(confidence, 4), evidence)

    def _evidence(self, text, top, cosine, best_sentence, dense_hits, keyword_scores) -> list[list[float]]:
        """One row of ``answerability.FEATURES`` per top passage."""
        question = self.evidence.question(text)
        mean_cosine = float(np.mean([s for _, s in dense_hits])) if dense_hits else 0.0
        rows = []
        for i in top:
            score, sentence_rows = best_sentence[i]
            rows.append(self.evidence.pair(question, i, sentence_rows, cosine[i], score, cosine[i] - mean_cosine,
                                           math.log1p(keyword_scores.get(i, 0.0))))
        return rows

    def _sentences(self, passage: int, query: np.ndarray) -> tuple[float, list[int]]:
        """The best sentence's score and the rows of the sentences within ``HIGHLIGHT_MARGIN`` of it."""
        rows = self.sentences_of.get(passage, [])
        if not rows:
            return float(self.vectors[passage] @ query), []
        scores = self.sentence_vectors[rows] @ query
        best = float(scores.max())
        return best, [r for r, s in zip(rows, scores) if s >= best - HIGHLIGHT_MARGIN]

    def _distinct(self, ranked: list[int]) -> list[int]:
        """Drop passages that repeat a better one (chunk overlap, or the same text twice)."""
        kept: list[int] = []
        seen_text: set[str] = set()
        for i in ranked:
            p = self.passages[i]
            key = " ".join(p.text.lower().split())
            if key in seen_text or any(self._overlap(p, self.passages[j]) for j in kept):
                continue
            seen_text.add(key)
            kept.append(i)
        return kept

    @staticmethod
    def _overlap(a: Passage, b: Passage) -> bool:
        if a.document != b.document or a.section_index != b.section_index:
            return False
        shared = min(a.end, b.end) - max(a.start, b.start)
        return shared > DUPLICATE_OVERLAP * min(a.end - a.start, b.end - b.start)

    def _suggestions(self, ranked: list[int], limit: int = 3) -> list[Suggestion]:
        found: list[Suggestion] = []
        seen: set[tuple[str, int]] = set()
        for i in ranked:
            p = self.passages[i]
            key = (p.document, p.section_index)
            if key in seen:
                continue
            seen.add(key)
            found.append(Suggestion(p.document, p.citation.title, p.citation.section, p.section_index, p.citation.page))
            if len(found) == limit:
                break
        return found
