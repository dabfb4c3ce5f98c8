"""Tune search on the question set: fusion weights (MRR@10 + recall@1 + recall@5), then abstention.

The abstention model is a logistic regression over ``index.abstain.FEATURES``. Its threshold is
chosen on cross-validated probabilities (so it is not fitted to the very questions it is judged
on): the highest one that wrongly refuses at most ``MAX_WRONG_ABSTAIN`` of answerable questions.
The result is saved per model fingerprint in ``eval/calibration.json``.
"""

from __future__ import annotations

import itertools
import json
from datetime import UTC, datetime
from pathlib import Path

import numpy as np

from vraagbaak.config import Settings
from vraagbaak.eval import metrics
from vraagbaak.eval.dataset import QAPair, contains_evidence, normal
from vraagbaak.index import store
from vraagbaak.index.abstain import FEATURES, AbstentionModel
from vraagbaak.index.model import Embedder, load_embedder
from vraagbaak.index.search import SearchConfig, Searcher

WEIGHT_GRID = (0.0, 0.5, 1.0, 1.5, 2.0)
MAX_WRONG_ABSTAIN = 0.15
REGULARISATION = 0.1
FOLDS = 5
K = 10


def _ranks_and_features(searcher: Searcher, pairs: list[QAPair], vectors: np.ndarray, config: SearchConfig):
    ranks, features = [], []
    for pair, vector in zip(pairs, vectors):
        result = searcher.search_vector(pair.question, vector, K, abstain=False, config=config)
        features.append([result.features.get(f, 0.0) for f in FEATURES])
        if pair.answerable:
            evidence = pair.normal_evidence
            ranks.append(metrics.first_relevant([contains_evidence(evidence, normal(h.passage.text)) for h in result.hits]))
    return ranks, np.array(features)


def fit_abstention(features: np.ndarray, answerable: np.ndarray) -> tuple[AbstentionModel, dict[str, float]]:
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold, cross_val_predict

    mean, scale = features.mean(axis=0), features.std(axis=0)
    scale[scale == 0] = 1.0
    x = (features - mean) / scale
    model = LogisticRegression(C=REGULARISATION, class_weight="balanced", max_iter=1000)
    folds = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=0)
    held_out = cross_val_predict(model, x, answerable, cv=folds, method="predict_proba")[:, 1]
    threshold = metrics.threshold_keeping(held_out[answerable].tolist(), MAX_WRONG_ABSTAIN)
    model.fit(x, answerable)
    figures = {
        "cv_abstained_wrongly": round(float((held_out[answerable] < threshold).mean()), 4),
        "cv_abstained_correctly": round(float((held_out[~answerable] < threshold).mean()), 4),
    }
    return AbstentionModel(mean=mean.tolist(), scale=scale.tolist(), coef=model.coef_[0].tolist(),
                           intercept=float(model.intercept_[0]), threshold=threshold), figures


def calibrate(settings: Settings, pairs: list[QAPair], embedder: Embedder | None = None) -> dict:
    embedder = embedder or load_embedder(settings)
    searcher = Searcher.load(settings, embedder=embedder)
    vectors = embedder.encode_queries([p.question for p in pairs])
    best = None
    for fusion, weights in itertools.product(("rrf", "sum"), itertools.product(WEIGHT_GRID, repeat=3)):
        if not any(weights):
            continue
        ranks, _ = _ranks_and_features(searcher, pairs, vectors, SearchConfig(fusion=fusion, weights=weights))
        figures = (metrics.mrr_at(ranks, K), metrics.recall_at(ranks, 1), metrics.recall_at(ranks, 5))
        key = (round(sum(figures), 4), -abs(sum(weights) - 3))  # all three targets at once; then plain weights
        if best is None or key > best[0]:
            best = (key, SearchConfig(fusion=fusion, weights=weights), figures)
    _, config, (mrr, recall1, recall5) = best
    _, features = _ranks_and_features(searcher, pairs, vectors, config)
    model, figures = fit_abstention(features, np.array([p.answerable for p in pairs]))
    calibration = {**config.model_dump(mode="json"), "abstention": model.model_dump()}
    record = {**calibration, "report": {"mrr@10": round(mrr, 4), "recall@1": round(recall1, 4),
                                        "recall@5": round(recall5, 4), **figures, "model": embedder.info.name,
                                        "pairs": len(pairs), "date": datetime.now(UTC).date().isoformat()}}
    path = Path(settings.calibration_file)
    saved = json.loads(path.read_text()) if path.is_file() else {}
    saved[embedder.info.fingerprint] = record
    store.write_json(path, saved)
    return record
