"""Headings: short capitalised blocks, a heading run into its paragraph, a page title at the page foot."""

from tests.ingest.documents import sections


def test_a_heading_run_into_its_paragraph_is_split_off(corpus):
    text = ("Thema Een\n\nTekst een.\n\nThema Twee: een lange kop over\n‘Het Manifest’\nNamens ons tekende X.\n\n"
            "Thema Drie\n\nTekst drie.\n")
    found = sections(corpus, text)
    assert found[1].path == ["Thema Twee: een lange kop over ‘Het Manifest’"]
    assert found[1].paragraphs[0].text == "Namens ons tekende X."


def test_a_page_title_extracted_at_the_page_foot_moves_to_the_top(corpus):
    text = (" Dit voorwoord begint hier. Het gaat over\nhet jaar en eindigt met de\nvraag welk type\n\nVoorwoord\n"
            " economie we willen zijn.\n")
    found = sections(corpus, text)
    assert [s.path for s in found] == [["Voorwoord"]]
    assert found[0].paragraphs[0].text == (
        "Dit voorwoord begint hier. Het gaat over het jaar en eindigt met de vraag welk type economie we willen zijn.")


def test_a_numbered_outline_sets_the_levels(corpus):
    """Numbered headings that follow one another as an outline does are headings at the depth of their
    number, also inside a block; a heading without a number nests inside them, and numbered lines that do
not follow the outline (a footnote, a table's note, the table of contents) are not part of it."""
    text = ("INHOUD\n\n1 Economie 3\n2 Financiën 9\n\n"
            "1 ECONOMIE\n1.1 Groei\nDe economie groeide met twee procent.\n\n"
            "Werkloosheid\n\nDe werkloosheid daalde verder.\n"
            "1.2 Prijzen\nDe prijzen stegen.\n\n"
            "48 Kamerstukken II, 2018-2019, Kamerstuk 31 865\n\nDe inflatie was hoog.\n\n"
            "2 FINANCIËN\n2.2 Uitgaven\nDe uitgaven stegen ook.\n\n1 Door afronding kan de som afwijken\n")
    paths = [s.path for s in sections(corpus, text)]
    assert ["1 ECONOMIE", "1.1 Groei"] in paths
    assert ["1 ECONOMIE", "1.1 Groei", "Werkloosheid"] in paths
    assert not any("Kamerstukken" in " ".join(p) for p in paths), "a footnote is no heading"
    assert ["2 FINANCIËN", "2.2 Uitgaven"] in paths, "one missing heading (2.1) does not break the outline"
    assert all(p[0] in ("INHOUD", "1 ECONOMIE", "2 FINANCIËN") for p in paths if p), paths
    found = {tuple(s.path): s for s in sections(corpus, text)}
    assert found[("1 ECONOMIE", "1.1 Groei")].paragraphs[0].text == "De economie groeide met twee procent."
    assert "48 Kamerstukken" in found[("1 ECONOMIE", "1.2 Prijzen")].body().text
    assert "1 Door afronding" in found[("2 FINANCIËN", "2.2 Uitgaven")].body().text


def test_an_outline_numbered_after_a_section_sign_is_an_outline(corpus):
    """A black-box test of PDFs: "§ 3.1 Nieuwbouw" was no heading, where "3.1 Nieuwbouw" was."""
    text = ("1 Wonen\n§ 1.1 Nieuwbouw\nEr komen 500 woningen bij.\n\n§ 1.2 Doorstroming\nOuderen verhuizen vaker.\n\n"
            "2 Werk\n§ 2.1 Banen\nEr kwamen 300 banen bij.\n\n§ 2.2 Scholing\nDe scholing groeit.\n")
    paths = [s.path for s in sections(corpus, text)]
    assert ["1 Wonen", "§ 1.2 Doorstroming"] in paths and ["2 Werk", "§ 2.1 Banen"] in paths, paths


def test_three_numbered_lines_are_no_outline(corpus):
    text = "Inleiding\n\nTekst.\n\n1 Eerste punt\nuitleg\n\n2 Tweede punt\nuitleg\n\n3 Derde punt\nuitleg\n"
    assert not any(p and p[0][0].isdigit() for p in (s.path for s in sections(corpus, text)))


def test_a_flat_numbered_list_is_no_outline(corpus):
    text = ("De basis op orde\n\nVijf punten:\n\n1. Relatie met het gezag op orde\nTekst.\n\n2. Capaciteitsmanagement\n"
            "Tekst.\n\n3. De sturing op de operatie\nTekst.\n\n4. Het succesvol uitvoeren\nTekst.\n\n"
            "5. Belangrijkste processen\nTekst.\n\nJaarrekening\n\nDe rekening.\n")
    paths = [s.path for s in sections(corpus, text)]
    assert not any(title[0].isdigit() for path in paths for title in path), paths
    assert sum("Capaciteitsmanagement" in s.body().text for s in sections(corpus, text)) == 1


def test_agenda_items_opened_by_a_word_and_a_counting_number_are_headings(corpus):
    """A black-box decision list (2026-12-02): "Agendapunt 3. Vragenuur" ran straight on into its decisions, so the
    whole list was one section and a passage mixed four items. Lines that a word and a counting number open, with a
    capitalised title, are headings; a table's caption ("Tabel 1: aantal …") and a page count are not."""
    items = "".join(f"Agendapunt {n}. {title}\nDe raad besluit over {title.lower()}.\n\n" for n, title in
                    enumerate(["Opening", "Vaststelling van de agenda", "Vragenuur", "Jaarrekening 2022"], start=1))
    text = ("Besluitenlijst gemeenteraad\n\nDatum: 6 juli 2023\n\n" + items
            + "Tabel 1: aantal moties\nTabel 2: aantal amendementen\nTabel 3: aantal vragen\n\nPagina 2 van 4\n")
    found = {tuple(s.path): s for s in sections(corpus, text)}
    titles = [path[-1] for path in found]
    assert ["Agendapunt 1. Opening", "Agendapunt 2. Vaststelling van de agenda", "Agendapunt 3. Vragenuur",
            "Agendapunt 4. Jaarrekening 2022"] == [t for t in titles if t.startswith("Agendapunt")], titles
    vragenuur = next(s for path, s in found.items() if path[-1] == "Agendapunt 3. Vragenuur")
    assert vragenuur.body().text == "De raad besluit over vragenuur."
    assert not any(t.startswith(("Tabel", "Pagina")) for t in titles), titles


def test_numbered_lines_of_a_table_a_list_or_a_table_of_contents_are_no_headings(corpus):
    """A review: phases and captions ("Fase 1 Verkenning 2023", "Tabel 2 Woningen per wijk") and a table of
    contents ("Bijlage 1 Begroting 23" line after line) became sections that held the rest of the document."""
    text = ("Jaarverslag 2023\n\nInhoud\nBijlage 1 Begroting 23\nBijlage 2 Formatie 25\nBijlage 3 Afkortingen 27\n\n"
            "Project\n\nHet project loopt in drie fasen.\nFase 1 Verkenning 2023\nFase 2 Ontwerp 2024\n"
            "Fase 3 Realisatie 2025\nDe gemeente betaalt de helft.\n\n"
            + "".join(f"Tabel {n} Woningen in wijk {n}\nDe wijk telt {n}00 woningen.\n\n" for n in (1, 2, 3))
            + "Financiën\n\nDe begroting sluit.\n")
    paths = [s.path for s in sections(corpus, text)]
    assert not any(p[-1].startswith(("Bijlage", "Fase", "Tabel")) for p in paths if p), paths
    assert any(p[-1] == "Financiën" for p in paths if p) and not any("Fase" in " ".join(p) for p in paths), paths


def test_two_meetings_items_and_chapters_with_articles_run_on_are_all_headings(corpus):
    """A review: only one chain per word was taken (the second meeting's), and a second word's chain was lost once
    the first had split its blocks."""
    meeting = "".join(f"Agendapunt {n}. Besluit {n}\nDe raad besluit.\n" for n in (1, 2, 3))
    rules = ("Hoofdstuk 1 Algemeen\nDit hoofdstuk regelt de begrippen.\nArtikel 1 Begrippen\nIn deze regeling geldt.\n"
             "Artikel 2 Doel\nDe regeling dient het doel.\nHoofdstuk 2 Subsidie\nDit hoofdstuk regelt geld.\n"
             "Artikel 3 Aanvraag\nEen aanvraag is schriftelijk.\nHoofdstuk 3 Slot\nDit hoofdstuk sluit af.\n"
             "Artikel 4 Citeertitel\nDeze regeling heet de Subsidieregeling.\n")
    titles = [s.path[-1] for s in sections(corpus, "Besluitenlijst\n\n" + meeting + "\n" + meeting + "\n" + rules)
              if s.path]
    assert titles.count("Agendapunt 1. Besluit 1") == 2 and titles.count("Agendapunt 3. Besluit 3") == 2, titles
    assert "Hoofdstuk 2 Subsidie" in titles and "Artikel 3 Aanvraag" in titles, titles


def test_two_lines_opened_by_a_word_and_a_number_are_no_headings(corpus):
    text = "Verslag\n\nArtikel 1. Aanmelden\nU meldt zich aan.\n\nArtikel 2. Intake\nEen gesprek volgt.\n"
    assert not any(p and p[-1].startswith("Artikel") for p in (s.path for s in sections(corpus, text)))


def test_a_line_written_straight_under_a_numbered_heading_is_its_text(corpus):
    """"Voorzitter werkgroep: …" under "3.1 Wonen", with no blank line between, is that section's text: as a
    heading it hid the section's own title from its citations. Apart from its heading, such a line still is one."""
    text = ("1 Inleiding\n\nStedenlink is een netwerk.\n\n2 Werkgroepen\n\nDe werkgroepen kwamen bijeen.\n\n"
            "2.1 Wonen\nVoorzitter werkgroep: Lotte Bakker, wethouder van Alkmaar\n\nDe woningnood is groot.\n\n"
            "2.2 Energie\nVoorzitter werkgroep: Sanne de Wit, wethouder van Leeuwarden\n\nHet net zit vol.\n\n"
            "2.3 Financiën\n\nGemeentefonds en opschalingskorting\n\nDe gemeenten krijgen te weinig.\n")
    found = {tuple(s.path): s for s in sections(corpus, text)}
    assert [p.text for p in found[("2 Werkgroepen", "2.1 Wonen")].paragraphs] == [
        "Voorzitter werkgroep: Lotte Bakker, wethouder van Alkmaar", "De woningnood is groot."]
    assert found[("2 Werkgroepen", "2.2 Energie")].paragraphs[0].text.startswith("Voorzitter werkgroep: Sanne")
    assert ("2 Werkgroepen", "2.3 Financiën", "Gemeentefonds en opschalingskorting") in found
    assert not any("Voorzitter" in part for path in found for part in path), list(found)


def test_a_decision_lists_items_numbered_alone_are_headings_of_one_level(corpus):
    """A college's decision list as text (a black-box shelf, 2026-12-02): "3. Subsidie …" runs straight on into its
    portfolio holder and decision, twelve items over four pages, and the whole list was one section. Items numbered
    without a word are headings in a text without an outline, all at one level; not a list that a line ending in a
    colon introduces, nor items whose next line runs on in lower case (a list's wrapped item); an article's numbered
    clauses are its text."""
    items = ["Opening en vaststelling agenda", "Subsidie Stichting Welzijn 2025", "Verlenging contract afvalinzameling",
             # a fourth black-box shelf: a title of 98 characters, longer than a heading is, was its item's text
             "Beantwoording schriftelijke vragen fractie Lokaal Markvliet over de sluiting van zwembad De Wielen",
             "Aanwijzing evenementenlocaties 2025", "Rondvraag en sluiting"]
    pages = [[f"{n}. {title}\nPortefeuillehouder: E. Bakker\nBesluit: het voorstel over {title.lower()} vast te "
              "stellen.\n" for n, title in enumerate(items, start=1)][first:first + 2] for first in (0, 2, 4)]
    text = ("GEMEENTE MARKVLIET\nOpenbare besluitenlijst van de vergadering van het college van burgemeester en "
            "wethouders\n\n" + "\f".join("\n".join(page) for page in pages))
    found = sections(corpus, text)
    titled = [s for s in found if s.path]
    assert [s.path for s in titled] == [[f"{n}. {title}"] for n, title in enumerate(items, start=1)]
    assert {s.level for s in titled} == {1}
    assert titled[2].paragraphs[0].text.startswith(
        "Portefeuillehouder: E. Bakker Besluit: het voorstel over verlenging")
    listed = ("De raad besloot het volgende.\n\n" + "".join(f"{n}. Het voorstel over {t.lower()}\nvast te stellen.\n"
                                                              for n, t in enumerate(items, start=1)))
    [section] = sections(corpus, listed)
    assert not section.path and "2. Het voorstel over subsidie stichting welzijn 2025 vast te stellen." in [
        p.text for p in section.paragraphs], "a wrapped list's items are no headings, and each is whole"
    regulation = "".join(f"Artikel {n} {t}\n1. Het voorstel over {t.lower()}.\n2. Het besluit daarover.\n"
                         for n, t in enumerate(items[:4], start=1))
    assert [s.path for s in sections(corpus, regulation)] == [[f"Artikel {n} {t}"] for n, t in
                                                              enumerate(items[:4], start=1)], "clauses are its text"
    wrapped = "De raad besloot.\n\n" + "".join(  # a review: a longer item line that ends mid-sentence is no title
        f"{n}. Het college stelt voor het krediet voor {t.lower()[:30]} te verhogen, zodat het werk dat de raad in\n"
        "December heeft gevraagd in 2026 kan beginnen.\n" for n, t in enumerate(items, start=1))
    assert not any(s.path for s in sections(corpus, wrapped)), "a wrapped sentence's first line is no title"
    introduced = "Vijf punten:\n" + "".join(f"{n}. {t}\nTekst.\n" for n, t in enumerate(items, start=1))
    assert not any(s.path for s in sections(corpus, introduced)), "a list after a colon is no set of headings"


def test_a_sentence_run_on_after_a_bold_title_and_a_title_before_a_name():
    """A bold body-size line that ends a sentence and starts the next is a run-in title; a title before a name, or a
    question and its answer, end no sentence there (a review)."""
    from vraagbaak.ingest.headings import _runs_on

    assert _runs_on("Evaluatie gemeenschappelijke regeling. Door de gewijzigde Wet")
    assert _runs_on("Programma 7 Sociaal domein (nadeel € 2.421.000). Het nadeel ontstaat vooral bij")
    assert not any(map(_runs_on, ["In gesprek met dhr. Jansen", "Voorwoord door drs. P. de Vries",
                                  "Hoe verder? De aanpak voor 2025", "Bijlage 3. Overzicht"]))


def test_a_minutes_agenda_items_on_lines_of_their_own_are_headings(corpus):
    """Black-box minutes (2026-12-02): "1. Opening en vaststelling agenda" on a line of its own over its paragraph, and
    so each item, made no heading (a title that opens with a figure reads as no heading), and the minutes were one
    section. Items numbered alone that count up are headings there too."""
    items = ["Opening en vaststelling agenda", "Spreekrecht burgers", "Beleidskader Sport 2026-2030", "Rondvraag"]
    text = ("Notulen vergadering commissie Samenleving\nDatum: 11 november 2025\nPlaats: raadzaal\n"
            "Voorzitter: mevrouw E. Lammers\n\n") + "".join(
        f"{n}. {title}\n\nDe voorzitter bespreekt punt {n}. De commissie stemt in.\n\n"
        for n, title in enumerate(items, start=1))
    assert [s.path for s in sections(corpus, text) if s.path] == [[f"{n}. {t}"] for n, t in enumerate(items, start=1)]
