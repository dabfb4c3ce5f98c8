import json
from collections import Counter

import pytest

from tests.conftest import REPORT
from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.config import Settings
from vraagbaak.eval import dataset
from vraagbaak.ingest.pipeline import ingest_corpus


@pytest.fixture(scope="module")
def pairs():
    return dataset.load()


def test_the_committed_set_is_valid_against_its_source(pairs):
    assert dataset.problems(pairs, REPORT.parent) == []


def test_the_set_has_the_promised_size_and_mix(pairs):
    kinds = Counter(p.kind for p in pairs)
    assert len(pairs) >= 120
    assert kinds["unanswerable"] >= 15 and kinds["english"] >= 10 and kinds["typo"] >= 10 and kinds["paraphrase"] >= 15
    assert kinds["keyword"] >= 10


def test_every_section_of_the_report_is_covered(pairs):
    sections = {s.path[-1] for s in ingest_corpus(Settings(corpus_dir=REPORT.parent)).documents[0].sections if s.paragraphs}
    asked = {p.section.split(PATH_SEPARATOR)[-1] for p in pairs}
    asked_prefixes = {a.split(":")[0] for a in asked}
    missing = {s for s in sections if s not in asked and s.split(":")[0] not in asked_prefixes}
    assert missing == set()


def test_the_validator_names_line_and_problem(tmp_path):
    path = tmp_path / "qa.jsonl"
    good = {"id": "a", "question": "Vraag?", "answer": "x", "evidence": ["Het belangrijkste aandachtspunt voor de themagroep"],
            "document": "g40-jaarverslag-2023", "section": "s", "kind": "fact"}
    for bad, phrase in (({**good, "evidence": ["te kort"]}, "30-120"), ({**good, "kind": "gok"}, "kind"),
                        ({**good, "kind": "unanswerable"}, "unanswerable"), ({"id": "a"}, "question")):
        path.write_text(json.dumps(good) + "\n" + json.dumps(bad) + "\n")
        with pytest.raises(dataset.DatasetError, match=rf"regel 2.*{phrase}"):
            dataset.load(path)
    path.write_text(json.dumps(good) + "\n" + json.dumps({**good, "evidence": ["Dit staat nergens in het jaarverslag van de G40"]}) + "\n")
    found = dataset.problems(dataset.load(path), REPORT.parent)
    assert found == ["a: id komt vaker voor", "a: bewijs staat niet in g40-jaarverslag-2023: "
                     "'Dit staat nergens in het jaarverslag van de G40'"]


def test_normal_form_survives_cleaning():
    assert dataset.normal("gemeen- \ntelijke ‘netwerken’") == dataset.normal("gemeentelijke 'netwerken'")
    assert dataset.normal("MKB-\ndienstverlening") == dataset.normal("MKB-dienstverlening")
