"""The figures of an evaluation run, and how a figure with nothing to count is shown."""

from vraagbaak.eval.dataset import QAPair
from vraagbaak.eval.report import table
from vraagbaak.eval.run import Outcome, summarise


def outcome(group: str, status: str, relevant: bool = False) -> Outcome:
    evidence = ["een zin van minstens dertig tekens uit het verslag"] if group == "answerable" else []
    pair = QAPair(id=f"q-{group}", question="vraag?", answer="", evidence=evidence, document="d", section="s",
                  kind="fact" if evidence else "unanswerable", subkind="" if evidence else group)
    return Outcome(pair, [relevant, False, False], int(relevant), status, 0.5, 10.0, None)


def test_a_set_of_off_topic_questions_has_no_recall_and_no_precision():
    figures = summarise([outcome("off_topic", "not_found"), outcome("off_topic", "uncertain")])
    assert figures["off_topic_not_found"] == 0.5 and figures["questions"] == 2
    assert not {"recall@1", "mrr@10", "answerable_answered", "near_miss_answered", "answered_precision"} & set(figures)
    row = table({"Vraagbaak": figures}, ("recall@1", "off_topic_not_found", "answered_precision", "questions"))[1]
    assert row == ["Vraagbaak", "–", "0.500", "–", "2"]


def test_a_mixed_set_counts_every_figure():
    figures = summarise([outcome("answerable", "answered", relevant=True), outcome("answerable", "uncertain"),
                         outcome("near_miss", "answered")])
    assert figures["recall@1"] == 0.5 and figures["answerable_answered"] == 0.5
    assert figures["answerable_precision"] == 1.0 and figures["answered_precision"] == 0.5
    assert figures["near_miss_answered"] == 1.0 and "off_topic_not_found" not in figures


def test_an_outside_set_without_sections_or_subkinds_is_reported_as_what_it_is():
    """Answerable questions without a section are not filed as unanswerable, and unanswerable questions
    without a subkind get their own columns instead of none."""
    from vraagbaak.eval.report import sections, text_report
    from vraagbaak.eval.run import ConfigResult

    answerable = outcome("answerable", "answered", relevant=True)
    answerable.pair = answerable.pair.model_copy(update={"section": ""})
    missed = outcome("answerable", "uncertain")
    missed.pair = missed.pair.model_copy(update={"id": "q-gemist", "section": ""})
    unsorted = outcome("near_miss", "not_found")
    unsorted.pair = unsorted.pair.model_copy(update={"subkind": "", "section": ""})
    result = ConfigResult("vraagbaak", [answerable, missed, unsorted])
    found = dict(sections([result]))
    decision = dict(zip(found["Antwoordbeslissing"][0], found["Antwoordbeslissing"][1]))
    assert decision["onbeantw. → niet gevonden"] == "1.000" and decision["onbeantw. → antwoord"] == "0.000"
    assert [row[0] for row in found["Per sectie (Vraagbaak)"][1:]] == ["(geen sectie opgegeven)", "(onbeantwoordbaar)"]
    assert found["Per soort vraag (Vraagbaak)"][0][-1] == "vragen"
    assert "verwacht: (geen sectie opgegeven)" in text_report([result])
