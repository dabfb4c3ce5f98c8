"""Tune search on the tuning part of the question set: fusion weights, then the answer model and its thresholds.

1. Fusion weights: the grid point whose neighbourhood has the best MRR@10 + recall@1 + recall@5 on the
   tuning questions.
2. The answer model (``index.answerability``): a logistic regression over question-passage pairs, the top
   ``CONSIDERED`` passages of every tuning question, labelled by whether the passage holds the evidence
   (every pair of an unanswerable question is negative); and the domain model, a logistic regression
   over each question's best pair, off-topic questions against the others.
3. Thresholds on scores held out by cross-validation over questions (so a question is never judged by a
   model that saw it). ``domain_threshold`` marks at most ``MAX_NOT_FOUND`` of the answerable questions as
   outside the reports and, within that, as many off-topic questions as it can, placed midway between the
   two (such a question is ``not_found`` unless the answer model would answer it: ``AnswerModel.status``).
   ``answer_threshold`` is the lowest at which ``answered`` questions, near misses included, have the
   evidence in their top 3 at least ``MIN_PRECISION`` of the time.

The result is saved per model fingerprint in ``eval/calibration.json``. Cross-validated figures over
the whole set (tuning and test, each fold fitted on the others) are reported beside it; the test
part itself is measured by ``vraagbaak eval``.
"""

from __future__ import annotations

import itertools
import json
import math
import os
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from vraagbaak.config import Settings
from vraagbaak.errors import VraagbaakError
from vraagbaak.eval import metrics
from vraagbaak.eval.dataset import QAPair, contains_evidence, normal, part
from vraagbaak.index import store
from vraagbaak.index.answerability import AnswerModel, Logistic, is_foreign
from vraagbaak.index.model import load_embedder
from vraagbaak.index.search import SearchConfig, Searcher

WEIGHT_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
MAX_NOT_FOUND = 0.03
#: Over all questions answered, near misses counted wrong. 0.95 is out of reach with these features: they
#: tell near misses from answerable questions too weakly, and it would leave few questions answered
#: (README, Evaluation).
MIN_PRECISION = 0.80
REGULARISATION = 0.5
FOLDS = 5
K = 10


@dataclass
class Graded:
    """Per question: its evidence rows, which of those passages hold the evidence, and its group."""

    pair: QAPair
    rows: np.ndarray
    labels: np.ndarray
    rank: int | None

    @property
    def correct_top3(self) -> bool:
        return bool(self.labels[:3].any())


def _grade(searcher: Searcher, pairs: list[QAPair], vectors: np.ndarray, config: SearchConfig) -> list[Graded]:
    graded = []
    for pair, vector in zip(pairs, vectors):
        result = searcher.search_vector(pair.question, vector, K, abstain=False, config=config)
        relevant = [contains_evidence(pair.normal_evidence, normal(h.passage.text)) for h in result.hits]
        rows = np.array(result.evidence, dtype=float).reshape(len(result.evidence), -1)
        graded.append(Graded(pair, rows, np.array(relevant[:len(rows)], dtype=bool), metrics.first_relevant(relevant)))
    return graded


def best_weights(searcher: Searcher, pairs: list[QAPair], vectors: np.ndarray) -> tuple[SearchConfig, tuple]:
    """The weights whose neighbourhood (see :func:`steadiest`) scores best on MRR@10 + recall@1 + recall@5:
    on some 150 questions a single point's lead is often one question, which the next set of questions or
    documents does not repeat."""
    answerable = [(p, v) for p, v in zip(pairs, vectors) if p.answerable]
    scored: dict[tuple, tuple[float, tuple]] = {}
    for fusion, weights in itertools.product(("rrf", "sum"), itertools.product(WEIGHT_GRID, repeat=3)):
        if not any(weights):
            continue
        config = SearchConfig(fusion=fusion, weights=weights)
        ranks = []
        for pair, vector in answerable:
            hits = searcher.search_vector(pair.question, vector, K, abstain=False, config=config, grade=False).hits
            ranks.append(metrics.first_relevant([contains_evidence(pair.normal_evidence, normal(h.passage.text))
                                                 for h in hits]))
        figures = (metrics.mrr_at(ranks, K), metrics.recall_at(ranks, 1), metrics.recall_at(ranks, 5))
        scored[(fusion, weights)] = (sum(figures), figures)

    chosen = steadiest({key: total for key, (total, _) in scored.items()})
    figures = next(f for (fusion, w), (_, f) in scored.items() if (fusion, scaled(w)) == chosen)
    return SearchConfig(fusion=chosen[0], weights=chosen[1]), figures


def scaled(weights: tuple) -> tuple:
    """Weights scaled to a largest weight of 1: only their ratios change a ranking."""
    return tuple(round(w / max(weights), 4) for w in weights)


def steadiest(scores: dict[tuple[str, tuple], float]) -> tuple[str, tuple]:
    """The (fusion, weights) whose neighbourhood scores best on average; then its own score, then the
    plainest weights.

    Weights are compared :func:`scaled` ((2, 2, 2) is (1, 1, 1)); a neighbour is any point of the same
    fusion within one grid step's share (0.25) of it in every weight."""
    step = (WEIGHT_GRID[1] - WEIGHT_GRID[0]) / max(WEIGHT_GRID)
    ratios: dict[tuple[str, tuple], float] = {}
    for (fusion, weights), score in scores.items():
        ratios.setdefault((fusion, scaled(weights)), score)

    def neighbourhood(fusion: str, weights: tuple) -> float:
        near = [score for (f, w), score in ratios.items()
                if f == fusion and max(abs(a - b) for a, b in zip(w, weights)) <= step + 1e-9]
        return sum(near) / len(near)

    return max(ratios, key=lambda key: (round(neighbourhood(*key), 4), round(ratios[key], 4),
                                        -sum(w != 1.0 for w in key[1])))


def _logistic(x: np.ndarray, y: np.ndarray) -> Logistic:
    from sklearn.linear_model import LogisticRegression

    mean, scale = x.mean(axis=0), x.std(axis=0)
    scale[scale == 0] = 1.0
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=2000).fit((x - mean) / scale, y)
    return Logistic(mean=mean.tolist(), scale=scale.tolist(), coef=model.coef_[0].tolist(),
                    intercept=float(model.intercept_[0]))


def _fit(graded: list[Graded]) -> tuple[Logistic, Logistic]:
    """The answer model over every top pair, the domain model over each question's best pair."""
    with_rows = [g for g in graded if len(g.rows)]
    answer = _logistic(np.vstack([g.rows for g in with_rows]), np.concatenate([g.labels for g in with_rows]))
    domain = _logistic(np.array([g.rows[0] for g in with_rows]), np.array([g.pair.group == "off_topic" for g in with_rows]))
    return answer, domain


def _scores(graded: Graded, answer: Logistic, domain: Logistic) -> tuple[float, float]:
    """(probability that a top passage answers, probability that the question is outside the reports)."""
    if not len(graded.rows):
        return 0.0, 1.0
    return float(answer.probabilities(graded.rows).max()), float(domain.probabilities(graded.rows[:1])[0])


def _held_out(graded: list[Graded]) -> list[tuple[float, float]]:
    """Each question's scores from models fitted on the other folds (folds by question, stratified by group)."""
    from sklearn.model_selection import StratifiedKFold

    scores: list[tuple[float, float]] = [(0.0, 1.0)] * len(graded)
    groups = [g.pair.group for g in graded]
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    for train, test in folds.split(np.zeros(len(graded)), groups):
        models = _fit([graded[i] for i in train])
        for i in test:
            scores[i] = _scores(graded[i], *models)
    return scores


def _domain_threshold(graded: list[Graded], scores: list[tuple[float, float]]) -> float:
    """Mark at most MAX_NOT_FOUND of the answerable questions as outside the reports and, within that, as many
    off-topic ones as possible: midway (in log-odds) between the answerable question that must be kept and looks most
    off-topic, and the off-topic question above it that looks least so, for room on both sides. With no
    off-topic question above it, midway to the next answerable question (refusing those allowed, as an
    unseen off-topic question may look like them), or to certainty."""
    answerable = sorted((o for g, (_, o) in zip(graded, scores) if g.pair.answerable), reverse=True)
    if not answerable:
        return 0.5
    allowed = math.floor(MAX_NOT_FOUND * len(answerable) + 1e-9)
    kept = answerable[allowed]
    above = [o for g, (_, o) in zip(graded, scores) if g.pair.group == "off_topic" and o > kept]
    if above:
        return metrics.logit_midpoint(kept, min(above))
    return metrics.logit_midpoint(kept, answerable[allowed - 1] if allowed and answerable[allowed - 1] > kept else 1.0)


def _answer_threshold(graded: list[Graded], scores: list[tuple[float, float]], domain: float) -> float:
    """The lowest threshold at which the questions answered, near misses included, have the evidence in
    their top 3 at least MIN_PRECISION of the time.

    A near miss answered counts as wrong: it presents what the reports do not say as their answer, while
    an answerable question held back as ``uncertain`` still shows its passages."""
    kept = [(g, answers) for g, (answers, outside) in zip(graded, scores) if outside < domain]
    return metrics.threshold_for_precision([a for _, a in kept], [g.correct_top3 for g, _ in kept], MIN_PRECISION)


def _foreign(graded: Graded) -> bool:
    return bool(len(graded.rows)) and is_foreign(graded.rows[0])


def _thresholds(graded: list[Graded], scores: list[tuple[float, float]]) -> tuple[float, float, float | None]:
    """The answer threshold, the domain threshold, and the domain threshold for questions mostly in English,
    chosen by the same rule on those alone (never below the other: an English question is not refused more
    readily than a Dutch one; between the two it is ``uncertain``, so the answer threshold is the same); None
    where the tuning part has no English answerable and off-topic questions."""
    domain = _domain_threshold(graded, scores)
    english = [(g, s) for g, s in zip(graded, scores) if _foreign(g)]
    foreign = None
    if {"answerable", "off_topic"} <= {g.pair.group for g, _ in english}:
        foreign = max(domain, _domain_threshold([g for g, _ in english], [s for _, s in english]))
    return _answer_threshold(graded, scores, domain), domain, foreign


def outcome_figures(graded: list[Graded], scores: list[tuple[float, float]], model: AnswerModel) -> dict[str, float]:
    """The answer decision's figures (``metrics.decision_figures``) for held-out scores and a model's thresholds,
    rounded for the calibration report."""
    status = [model.status(answers, outside, _foreign(g)) for g, (answers, outside) in zip(graded, scores)]
    figures = metrics.decision_figures([g.pair.group for g in graded], status, [g.correct_top3 for g in graded],
                                       shown=("answerable", "near_miss", "off_topic"))
    return {name: round(value, 4) for name, value in figures.items()}


def _saved(path: Path) -> dict | None:
    """The calibrations already saved, per model fingerprint; None for a file that is damaged (no JSON object),
    which the error of ``index.calibration.load_calibration`` tells the user to make again with this command."""
    try:
        saved = json.loads(path.read_text(encoding="utf-8")) if path.is_file() else {}
    except ValueError:  # not JSON (an unreadable file is said as such by the command line)
        return None
    return saved if isinstance(saved, dict) else None


def calibrate(settings: Settings, pairs: list[QAPair], say: Callable[[str], None] = print) -> dict:
    path = Path(settings.calibration_file)
    saved = _saved(path)
    tuning = part(pairs, "tuning")
    if not {"answerable", "off_topic"} <= {p.group for p in tuning}:
        raise VraagbaakError("De vragenset heeft geen afstemdeel ('part': 'tuning') met zowel beantwoordbare als "
                             "onderwerpvreemde vragen ('subkind': 'off_topic'); afstemmen kan alleen daarop.")
    embedder = load_embedder(settings)
    searcher = Searcher.load(settings, embedder=embedder)
    pairs = [p.model_copy(update={"question": searcher.prepare(p.question)[1]}) for p in pairs]  # as searched
    # One question at a time, as the service encodes them: int8 vectors depend a little on their batch.
    vectors = np.vstack([embedder.encode_queries([p.question]) for p in pairs])
    tuning_vectors = np.array([v for p, v in zip(pairs, vectors) if p.part == "tuning"])
    config, (mrr, recall1, recall5) = best_weights(searcher, tuning, tuning_vectors)

    graded_all = _grade(searcher, pairs, vectors, config)
    graded = [g for g in graded_all if g.pair.part == "tuning"]
    held_out = _held_out(graded)
    answer_threshold, domain_threshold, foreign_threshold = _thresholds(graded, held_out)
    answer, domain = _fit(graded)
    model = AnswerModel(answer=answer, domain=domain, answer_threshold=answer_threshold,
                        domain_threshold=domain_threshold, foreign_domain_threshold=foreign_threshold)

    whole = _held_out(graded_all)  # every question held out once; thresholds as chosen on the tuning part
    calibration = {**config.model_dump(mode="json", exclude={"answer_model"}), "answer_model": model.model_dump()}
    record = {**calibration, "report": {
        "tuning": {"mrr@10": round(mrr, 4), "recall@1": round(recall1, 4), "recall@5": round(recall5, 4),
                   **outcome_figures(graded, held_out, model)},
        "cross_validated_whole_set": outcome_figures(graded_all, whole, model),
        "model": embedder.info.name, "pairs": len(pairs), "tuning_pairs": len(tuning),
        "date": datetime.now(UTC).date().isoformat()}}
    _store(path, saved, embedder.info.fingerprint, record, say)
    return record


def _store(path: Path, saved: dict | None, fingerprint: str, record: dict, say: Callable[[str], None]) -> None:
    """Add this model's calibration to the file; a damaged file is kept aside (another model's calibration
    may be read from it by hand), not overwritten."""
    if saved is None:
        aside = path.with_name(path.name + ".beschadigd")
        os.replace(path, aside)
        say(f"Let op: {path} was beschadigd; bewaard als {aside.name}, en opnieuw begonnen met alleen dit model.")
        saved = {}
    store.write_json(path, {**saved, fingerprint: record})
