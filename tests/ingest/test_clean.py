import pytest

from vraagbaak.ingest.clean import Reflower, Vocabulary, hyphen_joiner
from vraagbaak.ingest.read import Line


def lines(*texts: str) -> list[Line]:
    return [Line(i + 1, 1, 0, t) for i, t in enumerate(texts)]


def reflow(*texts: str, corpus: str = "") -> str:
    return Reflower(Vocabulary.from_texts([corpus, *texts])).paragraph(lines(*texts)).text


@pytest.mark.parametrize("left,right,joined", [
    ("is langs drie thema’s inge-", "richt: bestaanszekerheid", "is langs drie thema’s ingericht: bestaanszekerheid"),
    ("andere gemeen- ", "telijke netwerken", "andere gemeentelijke netwerken"),  # hyphen, then a space
    ("in de Amers-", "foort", "in de Amersfoort"),  # capital before the hyphen, lower case after
    ("het ‘Actie-", "agenda Sterk Bestuur’", "het ‘Actieagenda Sterk Bestuur’"),  # quote before the word
])
def test_line_end_hyphenation_is_undone(left, right, joined):
    assert reflow(left, right) == joined


@pytest.mark.parametrize("left,right,kept", [
    ("Zes G40-", "steden nemen", "Zes G40-steden nemen"),  # acronym before the hyphen
    ("het ‘Actieplan MKB-", "dienstverlening’", "het ‘Actieplan MKB-dienstverlening’"),
    ("Breda, Sittard-", "Geleen en Zwolle", "Breda, Sittard-Geleen en Zwolle"),  # capital after the hyphen
    ("de asiel-", "en integratieketen", "de asiel- en integratieketen"),  # elision hyphen keeps its space
    ("het zee-", "eend", "het zee-eend"),  # Dutch keeps a hyphen where two vowels meet
])
def test_real_hyphens_stay(left, right, kept):
    assert reflow(left, right) == kept


def test_the_corpus_decides_when_it_spells_the_word_with_a_hyphen():
    corpus = "Het niet-controversieel verklaren van dossiers."
    assert reflow("op het niet-", "controversieel verklaren", corpus=corpus) == "op het niet-controversieel verklaren"


def test_vocabulary_ignores_line_end_fragments():
    vocab = Vocabulary.from_texts(["een zin die eindigt op inge-\nricht en verder"])
    assert vocab.count("inge") == 0 and vocab.count("verder") == 1


def test_bullets_become_items_and_spaces_collapse():
    assert reflow("Thema’s:  ", "• Eerste   punt", "loopt door", "• Tweede") == "Thema’s:\n• Eerste punt loopt door\n• Tweede"


def test_slash_at_line_end_joins_without_space():
    assert reflow("de G40/", "BZK/Neprom-netwerkreis") == "de G40/BZK/Neprom-netwerkreis"


def test_anchors_map_text_back_to_lines():
    para = Reflower(Vocabulary()).paragraph(lines("eerste regel", "tweede regel", "derde"))
    assert [line.number for line in para.lines_between(0, 5)] == [1]
    assert [line.number for line in para.lines_between(10, 20)] == [1, 2]
    assert [line.number for line in para.lines_between(0, len(para.text))] == [1, 2, 3]


def test_hyphen_joiner_keeps_a_hyphen_before_digits_and_symbols():
    assert hyphen_joiner("0", "2026", Vocabulary()) == "-"
