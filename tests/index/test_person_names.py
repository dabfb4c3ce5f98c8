"""People named in a sentence, for questions that ask who holds a role."""

import pytest

from vraagbaak.index.person_names import first_names, person_names


@pytest.mark.parametrize("sentence,names", [
    ("Paul Depla, voorzitter G40 Stedennetwerk", ["Paul Depla"]),
    ("Eberhard van der Laan opende de dag.", ["Eberhard van der Laan"]),
    ("Het woord was aan burgemeester Van der Laan.", ["Van der Laan"]),
    ("De brief van minister Hoekstra", ["Hoekstra"]),
    ("Getekend: mr. drs. J.A. de Vries", ["J.A. de Vries"]),
    ("Dat deed zijn voorzitter Jan Hamming.", ["Jan Hamming"]),
    ("Voorzitter: Ruud Vreeman. Het kabinet van premier Rutte viel.", ["Ruud Vreeman", "Rutte"]),
    ("Jan-Willem de Groot en Anne-Marie Kuijpers", ["Jan-Willem de Groot", "Anne-Marie Kuijpers"]),
    # a portfolio after a title, a sentence's end after a title or a letter, a common word after a first name
    ("Het woord was aan wethouder Wonen en Zorg.", []),
    ("Dat zei de directeur. Verder ging het over geld, zie bijlage B. Daarin staat het.", []),
    ("Jan Verder", []),
    # a first name the lists lack, known by its surname's interfix; an office is no name
    ("reflectiegesprekken met Caspar van de Berg (hoogleraar RUG)", ["Caspar van de Berg"]),
    ("Het Ministerie van Financiën en de Raad van State", []),
    # offices, organisations and places name no one
    ("De minister van Financiën schreef aan de Tweede Kamer.", []),
    ("Mevrouw de voorzitter opende de vergadering.", []),
    ("Mevrouw de Vries en de heer van Dam spraken.", ["de Vries", "van Dam"]),
    ("De burgemeester van Zwolle en de themagroep Europa", []),
    ("Onder voorzitterschap van de steden Delft en Deventer", []),
])
def test_a_name_starts_with_a_first_name_a_title_or_initials(sentence, names):
    assert [" ".join(n.split()) for n in person_names(sentence)] == names


def test_first_names_come_from_the_name_lists_of_several_countries():
    names = first_names()
    assert {"Jan", "Paul", "Maarten", "Fatma", "Mohamed", "Sophie"} <= names
    assert len(names) > 3000 and not any(len(n) < 3 or not n[0].isupper() for n in names)


def test_loading_an_index_loads_the_name_lists_so_the_first_who_question_does_not_wait(fake_built):
    from tests.fakes import fake_embedder
    from vraagbaak.index.search import Searcher

    first_names.cache_clear()
    Searcher.load(fake_built, embedder=fake_embedder()).self_test()
    assert first_names.cache_info().currsize == 1
