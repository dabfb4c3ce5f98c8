"""Run the question set through ``search`` and through the comparisons; compute every metric.

Configurations, all in one run on the same questions:

* the project's pipeline, as the service runs it;
* the pipeline with each stage switched off in turn (no cleaning, no section-aware chunking,
  no keyword search at all, no second pass), so each stage's contribution is visible;
* BM25 alone and dense alone over naive 1000-character chunks of the raw text.
"""

from __future__ import annotations

import copy
import shutil
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.config import Settings
from vraagbaak.errors import InvalidQuestion
from vraagbaak.eval import metrics
from vraagbaak.eval.baselines import Chunk, NaiveBM25, NaiveDense, Ranking, naive_chunks
from vraagbaak.eval.dataset import QAPair, contains_evidence, normal
from vraagbaak.index import store
from vraagbaak.index.build import build_index
from vraagbaak.index.model import Embedder, load_embedder
from vraagbaak.index.search import Searcher
from vraagbaak.ingest.pipeline import Stages

K = 10
#: Stable ids of the configurations (for JSON, tests and thresholds) and their Dutch display labels.
LABELS = {
    "vraagbaak": "Vraagbaak",
    "no_keyword": "zonder trefwoordzoeken",
    "no_sentences": "zonder tweede ronde (zinnen)",
    "no_spelling": "zonder tikfoutverbetering",
    "no_cleaning": "zonder opschonen",
    "no_sections": "zonder secties",
    NaiveBM25.id: NaiveBM25.name,
    NaiveDense.id: NaiveDense.name,
}
BASELINES = frozenset({NaiveBM25.id, NaiveDense.id})


@dataclass
class Outcome:
    pair: QAPair
    relevant: list[bool]
    total_relevant: int
    status: str
    confidence: float
    ms: float
    top: Chunk | None

    @property
    def rank(self) -> int | None:
        return metrics.first_relevant(self.relevant)


@dataclass
class ConfigResult:
    id: str
    outcomes: list[Outcome] = field(default_factory=list)

    @property
    def name(self) -> str:
        return LABELS[self.id]

    def answerable(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.pair.answerable]

    def summary(self) -> dict[str, float]:
        return summarise(self.outcomes)


def summarise(outcomes: list[Outcome]) -> dict[str, float]:
    """Ranking with the answer decision off (answerable questions), then each status per group of questions,
    and the precision of ``answered``: the evidence in the top 3, over every question answered (a near miss
    answered counts as wrong) and over the answerable ones (the issue's target). A figure with nothing to
    count is left out, not 0: a set of off-topic questions has no recall."""
    answerable = [o for o in outcomes if o.pair.answerable]
    ranks = [o.rank for o in answerable]
    result: dict[str, float] = {}
    if answerable:
        result.update({f"recall@{k}": metrics.recall_at(ranks, k) for k in (1, 3, 5, 10)})
        result["mrr@10"] = metrics.mrr_at(ranks, K)
        result["ndcg@10"] = metrics.ndcg_at([o.relevant for o in answerable], [o.total_relevant for o in answerable], K)
    result.update(metrics.decision_figures([o.pair.group for o in outcomes], [o.status for o in outcomes],
                                           [any(o.relevant[:3]) for o in outcomes]))
    times = [o.ms for o in outcomes]
    result["latency_p50_ms"] = metrics.percentile(times, 50)
    result["latency_p95_ms"] = metrics.percentile(times, 95)
    result["questions"] = len(outcomes)
    return result


class PipelineRetriever:
    """The project's own search, asked for 10 passages without abstaining (abstention is measured apart)."""

    def __init__(self, searcher: Searcher):
        self.searcher = searcher

    def rank(self, question: str, k: int = K) -> Ranking:
        try:
            result = self.searcher.search(question, k, abstain=False)
        except InvalidQuestion:  # "?" in an outside set: the service refuses it, so it counts as not found
            return Ranking([], "not_found", 0.0)
        return Ranking([Chunk(h.passage.text, PATH_SEPARATOR.join(h.passage.citation.section)) for h in result.hits],
                       result.status, result.confidence)


def evaluate(retriever, pairs: list[QAPair], texts: list[str], config_id: str) -> ConfigResult:
    """Ask every question; ``texts`` are all passages of this configuration (for nDCG's ideal ranking)."""
    normal_texts = [normal(t) for t in texts]
    result = ConfigResult(config_id)
    for pair in pairs:
        evidence = pair.normal_evidence
        started = time.perf_counter()
        ranking = retriever.rank(pair.question, K)
        ms = (time.perf_counter() - started) * 1000
        relevant = [contains_evidence(evidence, normal(c.text)) for c in ranking.chunks]
        total = sum(1 for t in normal_texts if contains_evidence(evidence, t))
        result.outcomes.append(Outcome(pair, relevant, total, ranking.status, ranking.confidence, ms,
                                       ranking.chunks[0] if ranking.chunks else None))
    return result


def with_config(searcher: Searcher, **changes) -> Searcher:
    variant = copy.copy(searcher)
    variant.config = searcher.config.model_copy(update=changes)
    return variant


def run(settings: Settings, pairs: list[QAPair], compare: bool = True, embedder: Embedder | None = None,
        say=lambda message: None) -> list[ConfigResult]:
    """The pipeline first, then (with ``compare``) ablations and baselines."""
    embedder = embedder or load_embedder(settings)
    searcher = Searcher.load(settings, embedder=embedder)
    say("Evaluatie: pijplijn")
    texts = [p.text for p in searcher.passages]
    results = [evaluate(PipelineRetriever(searcher), pairs, texts, "vraagbaak")]
    if not compare:
        return results
    weights = searcher.config.weights
    for config_id, changes in (("no_keyword", {"weights": (weights[0], 0.0, weights[2]), "keyword": False}),
                               ("no_sentences", {"weights": (weights[0], weights[1], 0.0)}),
                               ("no_spelling", {"spelling": False})):
        say(f"Evaluatie: {LABELS[config_id]}")
        variant = with_config(searcher, **changes)
        results.append(evaluate(PipelineRetriever(variant), pairs, texts, config_id))
    for config_id, stages in (("no_cleaning", Stages(clean=False)), ("no_sections", Stages(sections=False))):
        say(f"Evaluatie: {LABELS[config_id]} (index bouwen)")
        with tempfile.TemporaryDirectory() as tmp:
            variant_settings = settings.model_copy(update={"data_dir": Path(tmp)})
            cache = Path(settings.data_dir) / "cache"
            if cache.is_dir():  # texts that did not change are not embedded again
                shutil.copytree(cache, Path(tmp) / "cache")
            build_index(variant_settings, embedder=embedder, stages=stages)
            build = store.current_build(Path(tmp))
            manifest = store.read_manifest(build).model_copy(update={"search": searcher.config.model_dump()})
            variant = Searcher(build, embedder, manifest)
            results.append(evaluate(PipelineRetriever(variant), pairs, [p.text for p in variant.passages], config_id))
    chunks = naive_chunks(settings.corpus_dir)
    say("Evaluatie: basislijnen")
    for baseline in (NaiveBM25(chunks), NaiveDense(chunks, embedder)):
        results.append(evaluate(baseline, pairs, [c.text for c in chunks], baseline.id))
    return results


def breakdown(result: ConfigResult, key) -> dict[str, dict[str, float]]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in result.outcomes:
        groups[key(outcome.pair)].append(outcome)
    return {name: summarise(group) for name, group in sorted(groups.items())}


def unreachable(result: ConfigResult) -> list[str]:
    """Answerable questions whose evidence no passage of the index holds (in normal form): they count as
    missed whatever the ranking does, so a set written against another text of the report says so here."""
    return [o.pair.id for o in result.answerable() if o.total_relevant == 0]


def per_question(result: ConfigResult) -> list[dict[str, object]]:
    """Each question's outcome, for a script that looks at one question after another: its status and confidence,
    the rank of the first passage with its evidence (None: not in the top ten, or unanswerable), and what came
    first."""
    return [{"id": o.pair.id, "question": o.pair.question, "group": o.pair.group, "kind": o.pair.kind,
             "status": o.status, "confidence": round(o.confidence, 4), "rank": o.rank,
             "first_section": o.top.section if o.top else "", "first_excerpt": o.top.text[:160] if o.top else ""}
            for o in result.outcomes]


def misses(result: ConfigResult, k: int = 5) -> list[dict[str, str]]:
    """Answerable questions without a relevant passage in the top ``k``, with what came first instead."""
    return [{"id": o.pair.id, "question": o.pair.question, "expected": o.pair.section,
             "returned": o.top.section if o.top else "", "excerpt": (o.top.text[:160] if o.top else "")}
            for o in result.answerable() if o.rank is None or o.rank > k]
