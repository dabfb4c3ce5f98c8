"""The choices calibration makes from held-out scores of questions with a known group: the thresholds of
the answer decision and the fusion weights."""

import itertools
import json
import math

import numpy as np

from vraagbaak.eval.calibrate import (
    WEIGHT_GRID,
    Graded,
    _answer_threshold,
    _domain_threshold,
    _thresholds,
    outcome_figures,
    steadiest,
)
from vraagbaak.eval.dataset import QAPair
from vraagbaak.index.answerability import FEATURES, AnswerModel, Logistic


def graded(group: str, correct_top3: bool = False, english: bool = False) -> Graded:
    evidence = ["een zin van minstens dertig tekens uit het verslag"] if group == "answerable" else []
    pair = QAPair(id=f"q-{group}", question="vraag?", answer="", evidence=evidence, document="d", section="s",
                  kind="fact" if evidence else "unanswerable", subkind="" if evidence else group)
    row = np.zeros((1, len(FEATURES)))
    row[0, FEATURES.index("foreign")] = 1.0 if english else 0.0
    return Graded(pair, row, np.array([correct_top3]), 1 if correct_top3 else None)


def logit(p: float) -> float:
    return math.log(p / (1 - p))


def test_domain_threshold_lies_midway_in_log_odds_between_the_answerable_kept_and_the_off_topic_refused():
    # 40 answerable questions: 3 % may be refused, which is 1 (the one at 0.95); 0.3 must be kept.
    questions = [graded("answerable") for _ in range(40)] + [graded("off_topic") for _ in range(3)]
    outside = [0.1] * 38 + [0.3, 0.95] + [0.9, 0.45, 0.99]
    threshold = _domain_threshold(questions, [(0.5, o) for o in outside])
    # Every off-topic question above the kept one is refused, the one at 0.45 included.
    assert abs(logit(threshold) - (logit(0.3) + logit(0.45)) / 2) < 1e-9
    assert 0.3 < threshold < 0.45


def test_domain_threshold_with_no_refusal_allowed_keeps_every_answerable_question():
    questions = [graded("answerable") for _ in range(10)] + [graded("off_topic")]
    outside = [0.1] * 9 + [0.4] + [0.2]  # 3 % of 10 is none; the off-topic question looks less off-topic
    threshold = _domain_threshold(questions, [(0.5, o) for o in outside])
    assert threshold > 0.4 and abs(logit(threshold) - (logit(0.4) + logit(1 - 1e-6)) / 2) < 1e-9


def test_english_questions_get_their_own_domain_threshold_never_below_the_other():
    """An English question's words are not the reports' words, so it looks more outside than a Dutch one: "Who
    is the chairman of the G40?" was refused at 0.45 against a threshold fitted mostly on Dutch (0.27)."""
    dutch = [graded("answerable") for _ in range(10)] + [graded("off_topic") for _ in range(2)]
    english = [graded("answerable", english=True) for _ in range(4)] + [graded("off_topic", english=True)]
    outside = [0.05] * 9 + [0.2] + [0.9, 0.95] + [0.1, 0.3, 0.45, 0.5] + [0.97]
    answer, domain, foreign = _thresholds(dutch + english, [(0.9, o) for o in outside])
    assert 0.5 < domain < 0.9  # Dutch: between the 0.5 of an English answerable question and 0.9
    assert abs(logit(foreign) - (logit(0.5) + logit(0.97)) / 2) < 1e-9  # every English answerable question kept
    only_dutch = _thresholds(dutch, [(0.9, o) for o in outside[:12]])
    assert only_dutch[2] is None  # no English off-topic question to place it by: the one threshold
    low = _thresholds(dutch + english, [(0.9, o) for o in outside[:12] + [0.01, 0.02, 0.03, 0.04, 0.06]])
    assert low[2] == low[1]  # never below the Dutch one
    model = AnswerModel(answer=Logistic(mean=[0.0] * len(FEATURES), scale=[1.0] * len(FEATURES),
                                        coef=[0.0] * len(FEATURES), intercept=-5.0),
                        domain=Logistic(mean=[0.0] * len(FEATURES), scale=[1.0] * len(FEATURES),
                                        coef=[0.0] * len(FEATURES), intercept=0.0),
                        answer_threshold=0.5, domain_threshold=0.3, foreign_domain_threshold=0.7)
    english_row, dutch_row = english[0].rows[0].tolist(), dutch[0].rows[0].tolist()
    assert model.grade([english_row])[0] == "uncertain" and model.grade([dutch_row])[0] == "not_found"  # outside 0.5
    older = model.model_copy(update={"foreign_domain_threshold": None})  # a calibration from before it
    assert older.grade([english_row])[0] == "not_found"


def test_answer_threshold_counts_a_near_miss_answered_as_wrong_and_ignores_questions_refused():
    questions = ([graded("answerable", True) for _ in range(7)] + [graded("answerable", False)]
                 + [graded("near_miss") for _ in range(4)] + [graded("answerable", False)])
    answers = [0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.55] + [0.6] + [0.72, 0.62, 0.58, 0.3] + [0.99]
    outside = [0.0] * 12 + [0.9]  # the last looks off-topic: never answered
    scores = list(zip(answers, outside))
    threshold = _answer_threshold(questions, scores, domain=0.5)
    # Down to 0.65 six of seven answered are right; the near miss at 0.62 then takes it under 0.80.
    assert threshold == 0.635
    flat = Logistic(mean=[0.0] * len(FEATURES), scale=[1.0] * len(FEATURES), coef=[0.0] * len(FEATURES), intercept=0)
    model = AnswerModel(answer=flat, domain=flat, answer_threshold=0.59, domain_threshold=0.5)
    figures = outcome_figures(questions, scores, model)
    # Answered at 0.59: six answerable right, one wrong (0.6), two near misses; the off-topic-looking one not.
    assert figures["answerable_precision"] == round(6 / 7, 4)
    assert figures["answered_precision"] == round(6 / 9, 4)
    # ... but the answer model would answer it, so it is shown under the caveat, not refused.
    assert figures["answerable_not_found"] == 0.0 and figures["answerable_uncertain"] == round(2 / 9, 4)
    refused = outcome_figures(questions, scores[:-1] + [(0.3, 0.9)], model)
    assert refused["answerable_not_found"] == round(1 / 9, 4)


def test_fusion_weights_come_from_the_best_neighbourhood_and_are_compared_by_their_ratios():
    grid = [w for w in itertools.product(WEIGHT_GRID, repeat=3) if any(w)]

    def plateau(weights):  # depends on the ratios only, as a ranking does; best at equal weights
        ratio = [w / max(weights) for w in weights]
        return 2.0 - 0.2 * sum(abs(r - 1.0) for r in ratio)

    scores = {(fusion, w): plateau(w) for fusion in ("rrf", "sum") for w in grid}
    scores[("sum", (0.0, 2.0, 0.0))] = 2.05  # one point a question ahead, among poor neighbours
    scores.update({("rrf", w): plateau(w) + 0.01 for w in grid})  # rank fusion a little better everywhere
    assert steadiest(scores) == ("rrf", (1.0, 1.0, 1.0))


def test_a_damaged_calibration_file_is_kept_aside_and_made_anew(tmp_path):
    """The search's error for a damaged file says to run 'vraagbaak eval --calibrate', which then crashed on it."""
    from vraagbaak.eval.calibrate import _saved, _store

    path = tmp_path / "calibration.json"
    assert _saved(path) == {}
    path.write_text('{"model-a": {"candidates": 30}, "model-b"')  # cut off while written by hand
    said: list[str] = []
    saved = _saved(path)
    assert saved is None
    _store(path, saved, "model-b", {"candidates": 20}, said.append)
    assert json.loads(path.read_text()) == {"model-b": {"candidates": 20}}
    assert (tmp_path / "calibration.json.beschadigd").read_text().startswith('{"model-a"')
    assert "beschadigd" in said[0]
    _store(path, _saved(path), "model-a", {"candidates": 30}, said.append)
    assert json.loads(path.read_text()) == {"model-b": {"candidates": 20}, "model-a": {"candidates": 30}}
    path.write_text("[1, 2]")  # JSON, but not one object per model
    assert _saved(path) is None
