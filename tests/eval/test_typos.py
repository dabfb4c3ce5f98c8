"""The typing-error benchmark: generated errors in each question's rarest word, asked with and without correction."""

import pytest

from vraagbaak.eval import dataset
from vraagbaak.eval.typos import measure, with_typos

pytestmark = pytest.mark.slow


def test_each_typo_question_differs_from_its_original_in_one_word_only(searcher):
    pairs = dataset.part(dataset.load(), "test")
    originals = {p.id: p.question for p in pairs}
    typos = with_typos(pairs, searcher)
    assert len(typos) >= 0.9 * sum(p.answerable for p in pairs)
    for pair in typos:
        before, after = originals[pair.id].split(), pair.question.split()
        assert len(before) == len(after) and sum(a != b for a, b in zip(before, after)) == 1
    assert [p.question for p in with_typos(pairs, searcher)] == [p.question for p in typos]  # a fixed seed


def test_correcting_typing_errors_wins_back_most_of_what_they_cost(built, embedder):
    figures = measure(built, "test", embedder)
    written, corrected, typed = (figures[k] for k in ("as_written", "typos_corrected", "typos_as_typed"))
    assert figures["corrected"] >= 0.8 * figures["questions"]
    assert corrected["recall@1"] >= typed["recall@1"] + 0.08
    assert corrected["answerable_not_found"] <= typed["answerable_not_found"] - 0.08
    assert corrected["recall@5"] >= written["recall@5"] - 0.02
