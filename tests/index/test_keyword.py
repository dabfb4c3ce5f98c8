from vraagbaak.index import keyword
from vraagbaak.index.keyword import KeywordIndex, Tokenizer, fold, verb_form

TEXTS = [
    "Het belangrijkste aandachtspunt voor de themagroep Financiën: het ravijnjaar 2026.",
    "De themagroep Veiligheid sprak over vuurwerk en cybercrime.",
    "Een jaar vol netwerkdagen in Haarlem en Amersfoort.",
    "Woningen bouwen in de gemeenten.",
    "Het dreigende financiële ravijn.",
]


def test_diacritics_fold():
    assert fold("Financiën Oekraïners créëren") == "financien oekrainers creeren"


def test_compounds_are_split_into_parts_the_corpus_knows():
    tokenizer = Tokenizer.from_texts(["ravijn", "jaar", "thema", "groep"])
    assert tokenizer.split("ravijnjaar") == ("ravijn", "jaar")
    assert tokenizer.split("themagroep") == ("thema", "groep")
    assert tokenizer.split("onbekendwoord") == ()


def test_search_finds_without_diacritics_by_stem_and_by_compound_part():
    index = KeywordIndex.build(TEXTS)
    assert index.search("financien", 2)[0][0] == 0
    assert 0 in [i for i, _ in index.search("ravijn", 2)]  # part of "ravijnjaar", a word the corpus also uses alone
    assert index.search("gemeente woning", 2)[0][0] == 3  # stems
    assert index.search("Wat is het?", 2) == []  # only stop words
    assert index.search("xyzzy", 2) == []


def test_an_email_address_is_one_term_the_question_for_one_finds():
    """A black-box shelf (2026-12-02): "regiodeal@regiolindeland.nl" in a passage put it first for "wie is
    programmamanager van de regio deal"; an address is the word of "e-mailadres", not its parts."""
    assert keyword.words("Mail regiodeal@regiolindeland.nl of Info@G40.nl") == ["mail", "mailadres", "mailadres"]
    texts = ["Vragen over de Regio Deal: regiodeal@regiolindeland.nl.", "De Regio Deal heeft een programmamanager.",
             "De stuurgroep van de Regio Deal vergadert vier keer."]
    index = KeywordIndex.build(texts)
    assert index.search("programmamanager regiodeal", 1)[0][0] == 1
    assert index.search("Wat is het e-mailadres van de Regio Deal?", 1)[0][0] == 0


def test_save_and_load(tmp_path):
    index = KeywordIndex.build(TEXTS)
    index.save(tmp_path)
    again = KeywordIndex.load(tmp_path)
    assert again.search("vuurwerk", 1) == index.search("vuurwerk", 1)


def test_each_document_is_weighed_with_its_own_statistics_and_a_scope_only_masks(monkeypatch):
    """Each passage scores as in an index of its document alone (IDF and average length of that
    document), whatever else is on the shelf; a scope leaves the scores of its passages as they are."""
    import numpy as np

    monkeypatch.setattr(keyword, "OWN_STATISTICS", 3)  # documents of 3 and 4 passages stand for large ones

    port = ["haven kade schip vracht", "haven water brug stad", "haven school kade markt", "kade vracht tram"]
    school = ["school kind leraar klas", "brug water fiets stad schoolplein", "school kade tram"]
    texts = [port[0], school[0], port[1], port[2], school[1], port[3], school[2]]  # interleaved on purpose
    documents = ["port", "school", "port", "port", "school", "port", "school"]
    index = KeywordIndex.build(texts, documents)
    question = "haven kade school"
    ids = [index.vocab[t] for t in index.tokenizer(question) if t in index.vocab]
    scores = index.bm25.get_scores(ids)
    for alone_texts, name in ((port, "port"), (school, "school")):
        alone = KeywordIndex.build(alone_texts)
        alone_ids = [alone.vocab[t] for t in alone.tokenizer(question) if t in alone.vocab]
        rows = [i for i, d in enumerate(documents) if d == name]
        assert np.allclose(scores[rows], alone.bm25.get_scores(alone_ids), atol=1e-5)
    # Over the whole shelf "school" is common and "haven" rare; within each document it is the other way.
    whole = KeywordIndex.build(texts)
    assert not np.allclose(whole.bm25.get_scores([whole.vocab[t] for t in whole.tokenizer(question)]), scores)
    mask = np.array([d == "school" for d in documents])
    found = index.search(question, 3, mask)
    assert [i for i, _ in found] == [i for i in sorted(np.flatnonzero(mask), key=lambda i: -scores[i]) if scores[i] > 0]
    assert all(np.isclose(score, scores[i]) for i, score in found)


def test_a_document_too_small_for_statistics_of_its_own_is_weighed_with_the_shelfs():
    """In a list of three decisions a word in one of them is hardly rare (IDF 0.98): the decision that
    names the Vierdaagse lost to a large report's passages on a common word."""
    import numpy as np

    report = [f"wijkagent buurt melding nummer {i} veiligheid" for i in range(keyword.OWN_STATISTICS)]
    decisions = ["besluit vierdaagse agenten paarden inzet", "besluit begroting", "besluit raad vergadering"]
    texts, documents = report + decisions, ["verslag"] * len(report) + ["besluiten"] * 3
    index = KeywordIndex.build(texts, documents)
    whole = KeywordIndex.build(texts)
    question = "vierdaagse wijkagent"
    scores = index.bm25.get_scores([index.vocab[t] for t in index.tokenizer(question)])
    shelf = whole.bm25.get_scores([whole.vocab[t] for t in whole.tokenizer(question)])
    small = [i for i, d in enumerate(documents) if d == "besluiten"]
    assert np.allclose(scores[small], shelf[small], atol=1e-5)
    alone = KeywordIndex.build(report)  # the large report keeps its own statistics
    assert np.allclose(scores[:len(report)], alone.bm25.get_scores([alone.vocab[t] for t in alone.tokenizer(question) if t in alone.vocab]),
                       atol=1e-5)
    assert index.search(question, 1)[0][0] == len(report)


def test_a_verb_form_the_texts_do_not_use_is_read_as_the_one_they_do():
    """A held-out shelf (2026-12-02): "Hoeveel inwoners woonden er in het werkgebied?" got "not found" and "Hoeveel
    kilometer watergang beheerde het waterschap?" a caveat, while the reports say "wonen" and "beheert": Snowball
    stems "woonden" "woond" and "beheert" "beheert". A stem the texts use stays; a noun is no verb form ("ruimte"
    is not "ruim", "maart" not "maar", "regels" not "regelt"; a review found them read so)."""
    texts = ["In het werkgebied wonen ongeveer 408.000 inwoners verspreid over elf gemeenten.",
             "Het waterschap beheert 2.418 kilometer watergang en 96 gemalen, maar niet de kanalen.",
             "De regels voor de keur gelden voor iedereen die ruim een meter van de sloot graaft."]
    index = KeywordIndex.build(texts)
    assert [row for row, _ in index.search("Waar woonden zij?", 3)] == [0]
    assert [index.tokenizer.query(word, index.vocab) for word in ("woonden", "beheerde", "beheert")] == [
        ["woon"], ["beheert"], ["beheert"]]
    # nouns: "regels" gets no "t" (no past tense), "ruimte", "maart" and "plant" lose none ("ruim", "maar" and
    # "plan" are no verb's stem here); a short stem stays
    assert [index.tokenizer.query(word, index.vocab | {"regelt": 0, "plan": 0}) for word in
            ("regels", "ruimte", "maart", "plant")] == [["regel"], ["ruimt"], ["maart"], ["plant"]]
    assert verb_form("kant", "kant", {"kan"}, {"kan"}) == "kant"
    assert "woond" not in index.vocab and index.tokenizer("woonden") == ["woond"]  # the texts' own terms unchanged
