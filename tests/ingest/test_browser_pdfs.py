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
