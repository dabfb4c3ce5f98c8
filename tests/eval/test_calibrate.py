"""The thresholds of the answer decision, chosen from held-out scores of questions with a known group."""

import numpy as np

from vraagbaak.eval.calibrate import Graded, _answer_threshold, _domain_threshold, outcome_figures
from vraagbaak.eval.dataset import QAPair
from vraagbaak.index.answerability import AnswerModel, Logistic


def graded(group: str, correct_top3: bool = False) -> Graded:
    evidence = ["een zin van minstens dertig tekens uit het verslag"] if group == "answerable" else []
    pair = QAPair(id=f"q-{group}", question="vraag?", answer="", evidence=evidence, document="d", section="s",
                  kind="fact" if evidence else "unanswerable", subkind="" if evidence else group)
    return Graded(pair, np.zeros((1, 1)), np.array([correct_top3]), 1 if correct_top3 else None)


def test_domain_threshold_lies_midway_between_the_answerable_kept_and_the_off_topic_refused():
    # 40 answerable questions: 3 % may be refused, which is 1; the rest look at most 0.3 off-topic.
    questions = [graded("answerable") for _ in range(40)] + [graded("off_topic") for _ in range(3)]
    outside = [0.1] * 38 + [0.3, 0.9] + [0.7, 0.8, 0.95]
    threshold = _domain_threshold(questions, [(0.5, o) for o in outside])
    # One answerable question (0.9) may be refused; midway between 0.3 kept and 0.7, the least off-topic refused.
    assert threshold == 0.5


def test_domain_threshold_without_off_topic_questions_above_it_keeps_the_lowest_that_refuses_few():
    questions = [graded("answerable") for _ in range(10)] + [graded("off_topic")]
    outside = [0.1] * 9 + [0.4] + [0.2]
    threshold = _domain_threshold(questions, [(0.5, o) for o in outside])
    assert 0.4 <= threshold  # no answerable question refused: 3 % of 10 is none


def test_answer_threshold_counts_a_near_miss_answered_as_wrong():
    questions = [graded("answerable", True) for _ in range(8)] + [graded("near_miss") for _ in range(4)]
    answers = [0.9, 0.85, 0.8, 0.75, 0.7, 0.65, 0.6, 0.55] + [0.72, 0.62, 0.58, 0.3]
    threshold = _answer_threshold(questions, [(a, 0.0) for a in answers], domain=0.5)
    # Down to 0.65 six of seven answered are right; one lower, the near miss at 0.62 takes it under 0.80.
    assert threshold == 0.635
    model = AnswerModel(answer=Logistic(mean=[0], scale=[1], coef=[0], intercept=0),
                        domain=Logistic(mean=[0], scale=[1], coef=[0], intercept=0),
                        answer_threshold=threshold, domain_threshold=0.5)
    figures = outcome_figures(questions, [(a, 0.0) for a in answers], model)
    assert figures["answerable_precision"] == 1.0 and figures["answered_precision"] < 1.0


def test_fusion_weights_come_from_the_best_neighbourhood_not_a_lone_peak():
    import itertools

    from vraagbaak.eval.calibrate import WEIGHT_GRID, steadiest

    grid = [w for w in itertools.product(WEIGHT_GRID, repeat=3) if any(w)]
    scores = {("sum", w): 2.0 - 0.1 * sum(abs(x - 1.0) for x in w) for w in grid}  # a plateau around (1, 1, 1)
    scores[("sum", (0.0, 2.0, 0.0))] = 2.05  # one point a question ahead, among poor neighbours
    assert steadiest(scores) == ("sum", (1.0, 1.0, 1.0))
