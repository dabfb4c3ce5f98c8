from vraagbaak.index.keyword import KeywordIndex, Tokenizer, fold

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


def test_save_and_load(tmp_path):
    index = KeywordIndex.build(TEXTS)
    index.save(tmp_path)
    again = KeywordIndex.load(tmp_path)
    assert again.search("vuurwerk", 1) == index.search("vuurwerk", 1)


def test_a_scope_scores_as_an_index_of_its_passages_alone():
    """Equal lengths, so BM25's length normalisation is the same either way and the scores must match."""
    import numpy as np

    texts = ["haven kade schip vracht", "haven water brug stad", "school kind leraar klas", "haven school kade markt",
             "brug water fiets stad", "kade vracht school tram"]
    index = KeywordIndex.build(texts)
    everything = np.ones(len(texts), dtype=bool)
    ids = [index.vocab[t] for t in index.tokenizer("haven kade school") if t in index.vocab]
    assert np.allclose(index.scoped_scores(ids, everything), index.bm25.get_scores(ids))
    mask = np.array([True, True, False, True, False, False])
    alone = KeywordIndex.build([t for t, m in zip(texts, mask) if m])
    alone_ids = [alone.vocab[t] for t in alone.tokenizer("haven kade school") if t in alone.vocab]
    assert np.allclose(index.scoped_scores(ids, mask)[mask], alone.bm25.get_scores(alone_ids), atol=1e-5)
    assert not index.scoped_scores(ids, mask)[~mask].any()
    assert [i for i, _ in index.search("haven kade school", 2, mask)] == [3, 0]
