"""A table row read under its header: what a row's sentence is embedded and judged as."""

from vraagbaak.build_format import Citation, Passage
from vraagbaak.index.sentences import sentence_spans
from vraagbaak.index.table_rows import cells, named, names_columns, sentence_texts

HEADER = cells("Categorie | Soort incident | 2023 | 2024 | Verschil")


def passage(text: str, order: int = 0, section: int = 0, document: str = "jaarverslag") -> Passage:
    return Passage(id=f"{document}-{order}", document=document, order=order, section_index=section, start=0,
                   end=len(text), text=text, embed_text=text,
                   citation=Citation(document=document, title="Jaarverslag", file="jaarverslag.pdf", section=["1"],
                                     page=1, page_end=1, lines=(1, 1), line_ranges=[(1, 1)],
                                     offsets=[(0, len(text))], links=[]))


def read(*passages: Passage) -> dict[str, str]:
    """Each sentence as it stands in its passage -> as it is embedded."""
    sentences = [(i, a, b) for i, p in enumerate(passages) for a, b in sentence_spans(p.text)]
    return {passages[i].text[a:b]: text for (i, a, b), text in zip(sentences, sentence_texts(passages, sentences))}


def test_a_row_is_named_by_its_header_and_a_row_one_cell_wider_or_narrower_is_aligned_on_the_right():
    assert named((HEADER,), cells("Hulpverlening | Dier in nood | 517 | 546 | +29")) == (
        "Categorie: Hulpverlening | Soort incident: Dier in nood | 2023: 517 | 2024: 546 | Verschil: +29")
    assert named((cells("2021 | 2022"),), cells("Aardgas (m³) | 412.000 | 365.000")) == (
        "Aardgas (m³) | 2021: 412.000 | 2022: 365.000")
    assert named((HEADER,), cells("Totaal | 9.456 | 9.912 | +456")) == (
        "Soort incident: Totaal | 2023: 9.456 | 2024: 9.912 | Verschil: +456")
    assert named((HEADER,), cells("Brand | 438")) == "Categorie | Soort incident | 2023 | 2024 | Verschil\nBrand | 438"


def test_a_header_names_columns_with_words_and_years_and_a_row_of_figures_or_sentences_does_not():
    assert names_columns(HEADER)
    assert names_columns(cells("Gemeente | Kwartaal 1 | Bijdrage 2025 | 2025 (prognose)"))
    assert not names_columns(cells("Brand | Woningbrand | 438 | 412 | -26"))
    assert not names_columns(cells("Meldkamer | 8,2%"))
    assert not names_columns(cells("Lingehoven-Oost | Nieuwe kazerne in gebruik sinds 11 maart 2024."))


def test_rows_under_a_header_a_blank_line_and_a_second_header_row_are_named_and_other_sentences_stand():
    read_as = read(passage(
        "Lasten per programma in duizenden euro\n\nProgramma | Lasten | Baten\n"
        "Programma | 2024 | 2025 | 2024 | 2025\n\n"
        "Brandweerzorg | 44.310 | 46.020 | 1.240 | 1.180\nMeldkamer | 8.960 | 9.210 | 2.980 | 3.050\n\n"
        "De cijfers voor 2025 komen uit de begroting."))
    assert read_as["Meldkamer | 8.960 | 9.210 | 2.980 | 3.050"] == (
        "Programma | Lasten | Baten\nProgramma: Meldkamer | 2024: 8.960 | 2025: 9.210 | 2024: 2.980 | 2025: 3.050")
    for stands in ("Lasten per programma in duizenden euro", "Programma | Lasten | Baten",
                   "De cijfers voor 2025 komen uit de begroting."):
        assert read_as[stands] == stands


def test_rows_of_words_after_the_headers_blank_line_are_rows_and_a_new_table_after_text_has_its_own_header():
    read_as = read(passage(
        "Afkorting | Betekenis\n\nAB | Algemeen Bestuur\nDB | Dagelijks Bestuur\n\nDe burgemeesters van de regio:\n\n"
        "Gemeente | Burgemeester\n\nMaasdal | drs. P.J. Hoogendijk"))
    assert read_as["AB | Algemeen Bestuur"] == "Afkorting: AB | Betekenis: Algemeen Bestuur"
    assert read_as["DB | Dagelijks Bestuur"] == "Afkorting: DB | Betekenis: Dagelijks Bestuur"
    assert read_as["Maasdal | drs. P.J. Hoogendijk"] == "Gemeente: Maasdal | Burgemeester: drs. P.J. Hoogendijk"


def test_a_table_cut_over_two_passages_lends_its_header_to_the_second_within_its_section_only():
    first = passage("Tabel 2. Uitrukken\n\nCategorie | Soort incident | 2023 | 2024 | Verschil\n\n"
                    "Brand | Woningbrand | 438 | 412 | -26", order=0)
    second = passage("Hulpverlening | Dier in nood | 517 | 546 | +29\n"
                     "Hulpverlening | Stormschade | 622 | 1.091 | +469\n\n"
                     "De stormschade komt door storm Ciarán.", order=1)
    elsewhere = passage(second.text, order=1, section=1)
    assert read(first, second)["Hulpverlening | Dier in nood | 517 | 546 | +29"] == (
        "Categorie: Hulpverlening | Soort incident: Dier in nood | 2023: 517 | 2024: 546 | Verschil: +29")
    assert read(first, elsewhere)["Hulpverlening | Dier in nood | 517 | 546 | +29"] == (
        "Hulpverlening | Dier in nood | 517 | 546 | +29")
    assert read(second)["Hulpverlening | Stormschade | 622 | 1.091 | +469"] == (
        "Hulpverlening | Stormschade | 622 | 1.091 | +469")  # a table's first row of figures is no header


def test_a_fact_sheets_labels_and_values_are_no_header_and_a_piece_of_a_row_is_not_named():
    """A review: a fact sheet's first label and value ("Opdrachtgever | Gemeente Utrecht"), two names with no break
    under them, were taken for a header, and each later row read "Opdrachtgever: Looptijd | …"; and a row whose
    cell holds two sentences was named piece by piece against the wrong columns."""
    sheet = read(passage("Projectgegevens\n\nOpdrachtgever | Gemeente Utrecht\nLooptijd | 2023 t/m 2025\n"
                         "Projectleider | Anna de Vries"))
    assert sheet["Looptijd | 2023 t/m 2025"] == "Looptijd | 2023 t/m 2025"
    split = read(passage("Omschrijving | Toelichting | Aantal\n\n"
                         "Brand | Het pand brandde af. Niemand raakte gewond | 3\nStorm | Bomen omgewaaid | 12"))
    assert split["Niemand raakte gewond | 3"] == "Niemand raakte gewond | 3"
    assert split["Storm | Bomen omgewaaid | 12"] == "Omschrijving: Storm | Toelichting: Bomen omgewaaid | Aantal: 12"
