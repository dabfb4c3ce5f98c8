"""PDFs as a browser prints them (Chromium's ``page.pdf()``, as websites and municipal systems publish reports),
read back through the whole ingest."""

from __future__ import annotations

import pytest

from tests.ingest.test_pdf_layouts import ingest
from tests.service.test_widget import browser  # noqa: F401  (the module's Chromium, shared)

pytestmark = [pytest.mark.slow, pytest.mark.browser]

LEFT = ("De kwaliteit van het oppervlaktewater verbeterde op 23 van de 31 meetpunten. De grootste verbetering werd "
        "gemeten in de Kromme Rijn, waar het fosfaatgehalte daalde met 18 procent. Het waterschap werkte samen met 146 "
        "agrariërs in het programma Schoon Erf, Schone Sloot. Deelnemers ontvingen een bijdrage van maximaal € 7.500 "
        "per bedrijf voor maatregelen op het erf.")
RIGHT = ("In de zomer van 2024 was er op drie zwemlocaties blauwalg. Het zwemverbod bij De Rietplas duurde 19 dagen. "
         "Het waterschap plaatste daarna een beluchtingsinstallatie die 420.000 euro kostte en in september in gebruik "
         "werd genomen. Daarnaast startte een onderzoek naar microverontreinigingen bij de rioolwaterzuiveringen "
         "Nieuwegein en IJsselstein.")
BOX = "In 2024 inspecteerde het waterschap 412 kilometer dijk. De dijkgraaf is mevrouw Ingrid Hoekstra-de Wit."
PAGE = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Jaarbericht 2024</title><style>
body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; }} h2 {{ font-size: 15pt; }} h3 {{ font-size: 12pt; }}
.cols {{ column-count: 2; column-gap: 8mm; text-align: justify; }}
.side {{ float: right; width: 55mm; margin: 0 0 4mm 5mm; padding: 3mm; background: #e8f0f8; font-size: 9pt; }}
table {{ border-collapse: collapse; width: 100%; }} td, th {{ border-bottom: 1px solid #999; text-align: left; }}
</style></head><body>
<h2>1. Veiligheid</h2>
<div class="side"><strong>Feiten in het kort</strong><br>{BOX}</div>
<p>Het jaar 2024 stond in het teken van de versterking van de Lekdijk tussen Vreeswijk en Schoonhoven. De officiële
oplevering van het eerste deeltraject vond plaats op 14 november 2024.</p>
<p>Tijdens de hoogwaterperiode in januari werden 38 meldingen van kwel ontvangen. Alle meldingen zijn binnen vier uur
beoordeeld door de dijkwachten.</p>
<h2>2. Waterkwaliteit</h2>
<div class="cols"><p>{LEFT}</p><p>{RIGHT}</p></div>
<h3>2.1 Kerncijfers zuivering</h3>
<table><tr><th>Zuivering</th><th>Capaciteit (i.e.)</th><th>Energie (MWh)</th><th>Kosten 2024</th></tr>
<tr><td>Nieuwegein</td><td>180.000</td><td>4.210</td><td>€ 3.412.000</td></tr>
<tr><td>IJsselstein</td><td>95.000</td><td>2.380</td><td>€ 1.874.500</td></tr></table>
</body></html>"""


def test_css_columns_a_floated_box_and_a_ruled_table_below_the_columns_read_as_printed(browser, corpus):  # noqa: F811
    """A black-box report (2026-12-02): Chromium sets a CSS column's lines off the other's by a paragraph's margin,
    so the two share no baseline; beside a floated box above and a table below, the columns read line by line as
    one table's rows ("De kwaliteit van het oppervlaktewater | zwemlocaties blauwalg. …"), and the table's header,
    its cells on both sides of the gutter, was split between them."""
    page = browser.new_page()
    page.set_content(PAGE)
    page.pdf(path=str(corpus / "jaarbericht-waterschap.pdf"), format="A4", display_header_footer=True,
             header_template='<div style="font-size:8pt;width:100%;text-align:right;margin-right:20mm">'
                             'Waterschap Proefland · Jaarbericht 2024</div>',
             footer_template='<div style="font-size:8pt;width:100%;text-align:center">Pagina '
                             '<span class="pageNumber"></span> van <span class="totalPages"></span></div>',
             margin={"top": "25mm", "bottom": "25mm", "left": "20mm", "right": "20mm"})
    page.close()
    read = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in ingest(corpus).passages}
    assert LEFT in read["2. Waterkwaliteit"] and RIGHT in read["2. Waterkwaliteit"], read
    assert BOX in read["1. Veiligheid"], read
    table = read["2.1 Kerncijfers zuivering"]
    assert "Zuivering | Capaciteit (i.e.) | Energie (MWh) | Kosten 2024" in table and "Nieuwegein" in table, read



SUMMARY = ["Het jaar 2024 was voor Westerduin het natste jaar sinds het begin van de metingen in 1911: op het "
           "stadskantoor viel 1.142 millimeter neerslag, tegen 846 millimeter in een gemiddeld jaar. Tegelijk kende de "
           "zomer een korte maar officiële hittegolf. Het programma Klimaatbestendig Westerduin heeft in dat jaar 31 "
           "van de 46 geplande maatregelen afgerond. Van het programmabudget van € 3.420.000 is € 3.118.500 besteed, "
           "een realisatie van 91 procent.",
           "De grootste afzonderlijke investering is het Waterplein Marktveld, dat in september 2024 in uitvoering ging "
           "en in juni 2025 wordt opgeleverd. Het plein kan bij een stortbui 1.850 kubieke meter water tijdelijk "
           "bergen. De wijk Heikamp blijft het meest kwetsbaar voor wateroverlast; daar is in 2024 een efficiënte "
           "aanpak met bewoners gestart, het Buurtwaterplan Heikamp.",
           "De gemeente plantte in het plantseizoen 2023-2024 in totaal 1.284 nieuwe bomen, waarvan 412 in Kooiveld. "
           "Met de actie Tegel eruit, plant erin haalden inwoners 18.430 tegels uit hun tuinen. Het aantal meldingen "
           "van wateroverlast steeg van 171 in 2023 naar 283 in 2024.",
           "Voor 2025 vraagt het college de raad om een extra krediet van € 640.000 voor de versnelling van het "
           "afkoppelen van regenwater in Oudebrug. Programmamanager Joris de Wijs-Kruithof leidt het programma; "
           "wethouder Ilse Vermeulen-Açar is portefeuillehouder Klimaat en Water."]
SECTION = ["Na de zware buien van 2 en 3 januari 2024 stond in de Meidoornbuurt het water tot 30 centimeter hoog op "
           "straat. De gemeente heeft daarop samen met het Waterschap Duin en Polder de knelpuntenkaart herzien. De "
           "herziene kaart telt 27 knelpunten, waarvan 11 in Heikamp. Het waterschap droeg € 215.000 bij aan de aanpak "
           "van de gemeenschappelijke knelpunten.",
           "Het afkoppelen van regenwater van het gemengde riool blijft de belangrijkste maatregel. In 2024 is 4,6 "
           "hectare verhard oppervlak afgekoppeld, tegen een doel van 5 hectare. De achterstand komt doordat de "
           "aannemer van het project Meidoornstraat drie maanden later kon beginnen door een tekort aan grondwerkers."]
SIDEBAR = ("Inwoners krijgen 50 procent van de aanschafprijs van een regenton terug, tot ten hoogste € 75 per ton. Voor "
           "een groendak geldt € 25 per vierkante meter, met een maximum van € 2.500 per adres.")
SUMMARY_PAGE = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><style>
@page {{ size: A4; margin: 22mm 20mm 20mm 20mm; }}
body {{ margin: 0; font-family: "DejaVu Serif", serif; font-size: 10.5pt; line-height: 1.38; hyphens: auto; }}
h2 {{ font-family: "DejaVu Sans", sans-serif; font-size: 15pt; border-bottom: 1.5pt solid #0b5d4a; margin-top: 16pt; }}
.two {{ column-count: 2; column-gap: 8mm; text-align: justify; }}
aside {{ float: right; width: 58mm; margin: 0 0 6mm 6mm; padding: 4mm; background: #e8f4ee;
         font-family: "DejaVu Sans", sans-serif; font-size: 9pt; }}
aside h4 {{ margin: 0 0 2mm; font-size: 10pt; }}
</style></head><body>
<h2>1 Samenvatting</h2>
<div class="two">{"".join(f"<p>{p}</p>" for p in SUMMARY)}</div>
<h2>2 Wateroverlast en regenwater</h2>
<aside><h4>Subsidie regenton en groendak</h4><p>{SIDEBAR}</p></aside>
{"".join(f"<p>{p}</p>" for p in SECTION)}
</body></html>"""


def test_justified_css_columns_without_hyphens_and_the_section_under_them_read_in_order(browser, corpus):  # noqa: F811
    """A black-box report (2026-12-02): Chromium justifies without hyphenating (it has no Dutch dictionary), so its
    columns' lines start up to a point apart and stretch their spaces wide; a box lower down whose lines start at
    one x was taken for where the right column starts, and a left line with a loose right line on its baseline read
    as one. The next section's heading with its first line, short enough to stand in the left column, was read
    before the right column, and the box beside that section went in after the section's first line."""
    page = browser.new_page()
    page.set_content(SUMMARY_PAGE)
    page.pdf(path=str(corpus / "voortgangsrapportage.pdf"), prefer_css_page_size=True)
    page.close()
    read: dict[str, str] = {}
    for passage in ingest(corpus).passages:  # a section in several passages: each paragraph whole in one of them
        section = (passage.citation.section or [""])[-1]
        read[section] = read.get(section, "") + " ¶ " + " ".join(passage.text.split())
    assert all(paragraph in read["1 Samenvatting"] for paragraph in SUMMARY), read  # the second runs over the gutter
    assert all(paragraph in read["2 Wateroverlast en regenwater"] for paragraph in SECTION), read
    assert SIDEBAR in read["Subsidie regenton en groendak"], read


REPORT_PAGE = """<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Jaarbericht Waterschap Proef 2024</title>
<style>
@page { size: A4; margin: 25mm 20mm; }
body { font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; hyphens: auto; }
h1 { font-size: 22pt; } h2 { font-size: 15pt; color: #035; } h3 { font-size: 12pt; }
.cols { column-count: 2; column-gap: 8mm; text-align: justify; }
.side { float: right; width: 55mm; margin: 0 0 4mm 5mm; padding: 3mm; background: #e8f0f8; font-size: 9pt; }
.pull { font-size: 14pt; font-style: italic; border-left: 3px solid #035; padding-left: 4mm; margin: 5mm 0; }
table { border-collapse: collapse; width: 100%; } td, th { border-bottom: 1px solid #999; padding: 2px 4px; text-align: left; }
td.n { text-align: right; }
</style></head><body>
<h1>Jaarbericht 2024</h1>
<p>Waterschap Proefland beheert de dijken, de waterkwaliteit en de zuivering in twaalf gemeenten.</p>
<h2>1. Veiligheid</h2>
<div class="side"><strong>Feiten in het kort</strong><br>In 2024 inspecteerde het waterschap 412 kilometer dijk. De dijkgraaf is mevrouw Ingrid Hoekstra-de Wit sinds 1 maart 2021.</div>
<p>Het jaar 2024 stond in het teken van de versterking van de Lekdijk tussen Vreeswijk en Schoonhoven. De officiële oplevering van het eerste deeltraject vond plaats op 14 november 2024. De aannemerscombinatie Sterke Lekdijk voerde het werk efficiënt uit.</p>
<p>Tijdens de hoogwaterperiode in januari werden 38 meldingen van kwel ontvangen. Alle meldingen zijn binnen vier uur beoordeeld door de dijkwachten.</p>
<div class="pull">“Een veilige dijk is nooit af.”</div>
<h2>2. Waterkwaliteit</h2>
<div class="cols"><p>De kwaliteit van het oppervlaktewater verbeterde op 23 van de 31 meetpunten. De grootste verbetering werd gemeten in de Kromme Rijn, waar het fosfaatgehalte daalde met 18 procent. Het waterschap werkte samen met 146 agrariërs in het programma Schoon Erf, Schone Sloot. Deelnemers ontvingen een bijdrage van maximaal € 7.500 per bedrijf voor maatregelen op het erf.</p>
<p>In de zomer van 2024 was er op drie zwemlocaties blauwalg. Het zwemverbod bij De Rietplas duurde 19 dagen. Het waterschap plaatste daarna een beluchtingsinstallatie die 420.000 euro kostte en in september in gebruik werd genomen. Daarnaast startte een onderzoek naar microverontreinigingen bij de rioolwaterzuiveringen Nieuwegein en IJsselstein.</p></div>
<h3>2.1 Kerncijfers zuivering</h3>
<table><tr><th>Zuivering</th><th>Capaciteit (i.e.)</th><th>Energie (MWh)</th><th>Kosten 2024</th></tr>
<tr><td>Nieuwegein</td><td class="n">180.000</td><td class="n">4.210</td><td class="n">€ 3.412.000</td></tr>
<tr><td>IJsselstein</td><td class="n">95.000</td><td class="n">2.380</td><td class="n">€ 1.874.500</td></tr>
<tr><td>Woerden</td><td class="n">120.000</td><td class="n">2.960</td><td class="n">€ 2.298.000</td></tr></table>
</body></html>
"""


def test_a_ruled_tables_header_under_css_columns_is_one_row_under_its_heading(browser, corpus):  # noqa: F811
    """A probe of a browser's annual report (2026-12-02): under two CSS columns, a sub-heading and a ruled table
    whose header cells ("Zuivering | Capaciteit (i.e.)" and "Energie (MWh) | Kosten 2024") stand on both sides of
    the gutter; the header was split between the columns, and the sub-heading read before the right column."""
    page = browser.new_page()
    page.set_content(REPORT_PAGE)
    page.pdf(path=str(corpus / "jaarbericht.pdf"), format="A4", margin={"top": "25mm", "bottom": "25mm",
                                                                         "left": "20mm", "right": "20mm"})
    page.close()
    read = {(p.citation.section or [""])[-1]: " ".join(p.text.split()) for p in ingest(corpus).passages}
    table = read["2.1 Kerncijfers zuivering"]
    assert table.startswith("Zuivering | Capaciteit (i.e.) | Energie (MWh) | Kosten 2024 Nieuwegein"), read
    assert "In de zomer van 2024 was er op drie zwemlocaties blauwalg." in read["2. Waterkwaliteit"], read


OUTLOOK = ("Evaluatie van de gemeenschappelijke regeling Regio Lindeland.", "Door de gewijzigde Wet gemeenschappelijke "
           "regelingen krijgen de gemeenteraden meer invloed. De regeling wordt daarop aangepast; het voorstel gaat in "
           "het voorjaar van 2025 naar de raden.")
OUTLOOK_PAGE = f"""<!doctype html><html lang="nl"><head><meta charset="utf-8"><title>Jaarverslag 2024</title><style>
@page {{ size: A4; margin: 25mm 20mm; }} body {{ font-family: "DejaVu Sans", sans-serif; font-size: 10.5pt; }}
h1 {{ font-size: 16pt; }}
</style></head><body>
<h1>9 Vooruitblik 2025</h1>
<p>In 2025 staat de regio voor een aantal belangrijke keuzes.</p>
<ul><li><b>Regionale strategie.</b> Het dagelijks bestuur werkt aan een nieuwe regionale strategie voor 2030.</li>
<li><b>{OUTLOOK[0]}</b> {OUTLOOK[1]}</li>
<li><b>Doelgroepenvervoer.</b> Voorbereiding van de nieuwe aanbesteding voor de periode vanaf 2028.</li></ul>
<p>Voor 2025 is in de begroting een inwonerbijdrage van € 19,10 per inwoner opgenomen.</p>
<h1>10 Bijlagen</h1>
<p>De jaarrekening is als bijlage bij dit verslag gevoegd.</p>
</body></html>"""


def test_a_list_items_bold_start_is_no_heading(browser, corpus):  # noqa: F811
    """A black-box report (2026-12-02): a list item that opens with its subject in bold ("Evaluatie … regeling.")
    printed a first line mostly in bold, which was read as a heading splitting the item's sentence."""
    page = browser.new_page()
    page.set_content(OUTLOOK_PAGE)
    page.pdf(path=str(corpus / "vooruitblik.pdf"), prefer_css_page_size=True)
    page.close()
    passages = ingest(corpus).passages
    assert {tuple(p.citation.section) for p in passages} == {("9 Vooruitblik 2025",), ("10 Bijlagen",)}, passages
    [outlook] = [" ".join(p.text.split()) for p in passages if p.citation.section == ["9 Vooruitblik 2025"]]
    assert " ".join(OUTLOOK) in outlook
