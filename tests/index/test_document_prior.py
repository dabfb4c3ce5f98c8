"""The query-likelihood prior over a shelf's documents (``index.document_prior``), on generated documents."""

from __future__ import annotations

import numpy as np
import pytest

from vraagbaak.index.document_prior import DocumentPrior
from vraagbaak.index.keyword import KeywordIndex

NETWORK = [f"Het netwerk van steden bespreekt in themagroep {n} de woningbouw, de zorg en de financiën van gemeenten."
           for n in range(40)] + ["Het netwerk volgde de invoering van de Spreidingswet voor asielzoekers op de voet."]
POLICE = [f"De politie hield in district {n} toezicht op straat en registreerde meldingen van inwoners."
          for n in range(40)] + ["De politie zag dat de wet in werking trad en de regels op straat golden."]
FAQ = ["Welke wet geldt voor afval? De wet milieubeheer.", "Wanneer komt de wijkagent? Op dinsdag."]


@pytest.fixture
def prior() -> DocumentPrior:
    texts = NETWORK + POLICE + FAQ
    documents = [0] * len(NETWORK) + [1] * len(POLICE) + [2] * len(FAQ)
    keyword = KeywordIndex.build(texts, [str(d) for d in documents])
    return DocumentPrior(keyword, np.asarray(documents, dtype=np.int32))


def test_a_question_in_one_reports_words_points_to_that_report(prior):
    likely = prior("Wat doet het netwerk aan de Spreidingswet?", {0, 1, 2})
    assert sum(likely.values()) == pytest.approx(1.0)
    assert likely[0] > 0.6 and likely[0] > likely[2] > likely[1]
    police = prior("Hoeveel meldingen registreerde de politie?", {0, 1, 2})
    assert police[1] > 0.7 and police[1] > police[2] > police[0]


def test_a_question_without_words_the_reports_use_leaves_the_documents_equal(prior):
    assert prior("Wat is het?", {0, 1}) == {0: 0.5, 1: 0.5}
    assert prior("xyzzy plugh", {0, 1, 2}) == pytest.approx({0: 1 / 3, 1: 1 / 3, 2: 1 / 3})


def test_only_the_competing_documents_share_the_probability(prior):
    assert prior("Wat doet het netwerk aan de Spreidingswet?", {1}) == {1: 1.0}
    two = prior("Wat doet het netwerk aan de Spreidingswet?", {1, 2})
    assert set(two) == {1, 2} and sum(two.values()) == pytest.approx(1.0)
    assert prior("Wat doet het netwerk?", set()) == {}


def test_a_small_document_without_the_questions_words_stays_near_the_shelf_a_large_one_does_not(prior):
    """Neither the FAQ (two passages) nor the police's report (41) holds "netwerk" or "Spreidingswet": of two passages
    that says little, of 41 much. Smoothed towards the shelf's shares, the FAQ keeps about its even chance."""
    likely = prior("Wat doet het netwerk aan de Spreidingswet?", {1, 2})
    assert likely[2] > 0.7
    assert prior("Welke wet geldt?", {1, 2})[2] > 0.8  # both its passages hold "wet", one of the police's
