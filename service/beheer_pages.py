"""The owners' pages as HTML: server-rendered, no script, no CDN; charts are inline SVG with the same
numbers in a table next to them (for a screen reader, and for anyone who wants the figures)."""

from __future__ import annotations

import statistics
from datetime import date, timedelta
from html import escape

from fastapi.responses import HTMLResponse

from vraagbaak.build_format import PATH_SEPARATOR, DocumentRecord, Passage
from vraagbaak.index.answerability import STATUS_LABELS
from vraagbaak.ingest.metadata import KIND_LABELS
from vraagbaak.service.question_log import Group

PAGES = (("/beheer", "Overzicht"), ("/beheer/niet-beantwoord", "Niet beantwoord"), ("/beheer/feedback", "Feedback"),
         ("/beheer/plank", "Documenten"))
#: Colours with at least 4.5:1 contrast on white, told apart by a pattern of position too (stacked in a fixed order).
STATUS_COLOURS = {"answered": "#1d6b3a", "uncertain": "#8a5a00", "not_found": "#a4262c"}
STYLE = """
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0;color:#1b1b1b;background:#fff}
a{color:#0b4f8a}a:focus,button:focus,input:focus,select:focus{outline:3px solid #0b4f8a;outline-offset:2px}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px}
header{background:#0b3d66;color:#fff;padding:12px 24px}header a{color:#fff}
nav ul{list-style:none;display:flex;flex-wrap:wrap;gap:16px;margin:8px 0 0;padding:0}
nav a[aria-current]{font-weight:700;text-decoration:underline 3px}
main{padding:16px 24px;max-width:1100px}
table{border-collapse:collapse;margin:8px 0 24px;width:100%}caption{text-align:left;font-weight:700;padding:4px 0}
th,td{border-bottom:1px solid #c8c8c8;padding:4px 8px;text-align:left;vertical-align:top;overflow-wrap:anywhere}
td.n,th.n{text-align:right;overflow-wrap:normal}
.cards{display:flex;flex-wrap:wrap;gap:16px;margin:8px 0 16px;padding:0;list-style:none}
.cards li{border:1px solid #c8c8c8;border-radius:6px;padding:8px 16px}.cards b{display:block;font-size:24px}
.legend{display:flex;gap:16px;list-style:none;padding:0;margin:0 0 4px}
.swatch{display:inline-block;width:12px;height:12px;margin-right:4px;vertical-align:middle}
.muted{color:#555}button{font:inherit;padding:4px 12px}
.warning{border-left:6px solid #a4262c;background:#fdf3f4;padding:8px 16px}
"""


#: Every owners' page: nothing loads from elsewhere, no other site may frame it, no address leaves with a link.
HEADERS = {"Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
                                      "frame-ancestors 'none'",
           "X-Frame-Options": "DENY", "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer",
           "Cache-Control": "no-store"}


LOG_IN = "Log in met je beheeraccount (of met de API-sleutel als wachtwoord) om deze pagina te zien."


def html(title: str, path: str, body: str, status: int = 200, headers: dict | None = None,
         root: str = "") -> HTMLResponse:
    return HTMLResponse(page(title, path, body, root), status_code=status, headers={**HEADERS, **(headers or {})})


def error(status: int, message: str, headers: dict | None = None, root: str = "") -> HTMLResponse:
    """An owners' page that went wrong says why in a page, not in JSON."""
    return html("Dat lukte niet", "", f"<p>{escape(message)}</p>", status, headers, root)


def root_of(scope: dict) -> str:
    """The path a proxy mounts the service under ("/vraagbaak"), which every link of a page must keep."""
    return scope.get("root_path", "")


def page(title: str, path: str, body: str, root: str = "") -> str:
    """The page with its navigation; every link from the root (``href="/…"``, ``action="/…"``) under ``root``."""
    links = "".join(f'<li><a href="{href}"{" aria-current=page" if href == path else ""}>{label}</a></li>'
                    for href, label in PAGES)
    whole = (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
             f'content="width=device-width,initial-scale=1"><title>{escape(title)} · Vraagbaak beheer</title>'
             f'<style>{STYLE}</style></head><body><a class="skip" href="#inhoud">Naar de inhoud</a>'
             f'<header><p><a href="/beheer">Vraagbaak beheer</a></p><nav aria-label="Beheer"><ul>{links}</ul></nav>'
             f'</header><main id="inhoud"><h1>{escape(title)}</h1>{body}</main></body></html>')
    prefix = escape(root.rstrip("/"), quote=True)
    return whole.replace('href="/', f'href="{prefix}/').replace('action="/', f'action="{prefix}/') if prefix else whole


def _bars(days: list[dict], title: str) -> str:
    """Questions per day, stacked by status; the scale's top and the first, middle and last day written on it."""
    width, plot, below, gap = 720, 160, 18, 2
    most = max((d["questions"] for d in days), default=0) or 1
    step = width / max(len(days), 1)
    rects = []
    for i, d in enumerate(days):
        y = plot
        for status in ("answered", "uncertain", "not_found"):
            h = d.get(status, 0) / most * (plot - 16)
            if h:
                y -= h
                rects.append(f'<rect x="{i * step:.1f}" y="{y:.1f}" width="{max(step - gap, 1):.1f}" height="{h:.1f}" '
                             f'fill="{STATUS_COLOURS[status]}"/>')
    legend = "".join(f'<li><span class="swatch" style="background:{STATUS_COLOURS[s]}"></span>{label}</li>'
                     for s, label in STATUS_LABELS.items())
    scale = _scale(width, 16, plot, f"{most} vraag" if most == 1 else f"{most} vragen")
    return (f'<ul class="legend" aria-hidden="true">{legend}</ul><svg role="img" aria-labelledby="grafiek-vragen" '
            f'viewBox="0 0 {width} {plot + below}" width="100%" style="max-width:{width}px"><title id="grafiek-vragen">'
            f'{escape(title)}</title>{scale}'
            f'{"".join(rects)}{_dates(days, width, plot + below - 4)}</svg>')


def _dates(days: list[dict], width: int, y: float) -> str:
    """The first, middle and last day of a chart's time axis, written under it."""
    if not days:
        return ""
    step = width / len(days)
    written = "".join(f'<text x="{x:.1f}" y="{y}" text-anchor="{anchor}">{days[i]["day"]}</text>'
                      for i, x, anchor in ((0, 0, "start"), (len(days) // 2, (len(days) // 2 + 0.5) * step, "middle"),
                                           (len(days) - 1, width, "end")))
    return f"<g {AXIS_TEXT}>{written}</g>"


def _line(days: list[dict], axis: list[dict], title: str) -> str:
    """Median latency on the same time axis as the bars: a dot per day with questions, joined by a line."""
    width, plot, below = 720, 100, 18
    height = plot
    position = {d["day"]: i for i, d in enumerate(axis)}
    step = width / max(len(axis), 1)
    top = max((d["median_ms"] for d in days), default=0) or 1
    xy = [(position[d["day"]] * step + step / 2, height - 5 - d["median_ms"] / top * (height - 21)) for d in days]
    points = " ".join(f"{x:.1f},{y:.1f}" for x, y in xy)
    dots = "".join(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="3" fill="#0b4f8a"/>' for x, y in xy)
    return (f'<svg role="img" aria-labelledby="grafiek-tijd" viewBox="0 0 {width} {plot + below}" width="100%" '
            f'style="max-width:{width}px"><title id="grafiek-tijd">{escape(title)}</title>'
            f'{_scale(width, 16, height - 5, f"{top:.0f} ms")}'
            f'<polyline points="{points}" fill="none" stroke="#0b4f8a" stroke-width="2"/>{dots}'
            f'{_dates(axis, width, plot + below - 4)}</svg>')


#: Text on a chart: dark enough on white for WCAG AA at this size, and hidden from screen readers, which read
#: the chart's title and the table below it instead.
AXIS_TEXT = 'font-size="12" fill="#444" aria-hidden="true"'


def _scale(width: int, top: float, bottom: float, highest: str) -> str:
    """A faint line at the chart's highest value, labelled with it, and the zero line: what a bar's height means."""
    return (f'<line x1="0" x2="{width}" y1="{top}" y2="{top}" stroke="#ccc" stroke-dasharray="4 4"/>'
            f'<line x1="0" x2="{width}" y1="{bottom}" y2="{bottom}" stroke="#999"/>'
            f'<text x="{width}" y="{top - 4}" text-anchor="end" {AXIS_TEXT}>{escape(highest)}</text>')


def every_day(days: list[dict], count: int = 30) -> list[dict]:
    """The last ``count`` days up to the latest, with zeros for days without questions (a fixed time axis)."""
    if not days:
        return []
    last = date.fromisoformat(days[-1]["day"])
    known = {d["day"]: d for d in days}
    series = [(last - timedelta(days=n)).isoformat() for n in range(count - 1, -1, -1)]
    return [known.get(day, {"day": day, "questions": 0}) for day in series]


def no_index(reason: str | None) -> str:
    """Said above the overview while no index is loaded: every question gets an error then, and the counts
    below would not say why."""
    said = (f"Er is geen index geladen: elke vraag krijgt nu een foutmelding. Reden: {reason}" if reason else
            "De index wordt nog geladen; vragen krijgen tot dan een foutmelding.")
    return f'<p class="warning" role="status"><strong>Let op.</strong> {escape(said)} Zie ook /ready.</p>'


def overview(days: list[dict], total: int) -> str:
    asked = sum(d["questions"] for d in days)
    share = {s: (sum(d.get(s, 0) for d in days) / asked if asked else 0.0) for s in STATUS_LABELS}
    latencies = sorted(d["median_ms"] for d in days if "median_ms" in d)
    median = statistics.median(latencies) if latencies else 0.0
    cards = "".join(f"<li><b>{v}</b>{escape(label)}</li>" for label, v in (  # no questions: no share, no time ("–")
        ("vragen in 30 dagen", asked), *((f"{STATUS_LABELS[s]}", f"{share[s]:.0%}" if asked else "–") for s in STATUS_LABELS),
        ("mediane antwoordtijd", f"{median:.0f} ms" if latencies else "–"), ("vragen in het logboek", total)))
    rows = "".join(
        f'<tr><th scope="row">{d["day"]}</th><td class="n">{d["questions"]}</td>'
        + "".join(f'<td class="n">{d.get(s, 0)}</td>' for s in STATUS_LABELS)
        + f'<td class="n">{d.get("median_ms", 0):.0f}</td></tr>' for d in reversed(days))
    if not days:
        return f'<ul class="cards">{cards}</ul><p>Er zijn de afgelopen 30 dagen geen vragen gesteld.</p>'
    axis = every_day(days)
    return (f'<ul class="cards">{cards}</ul><h2>Vragen per dag</h2>'
            + _bars(axis, f"Vragen per dag, van {axis[0]['day']} tot {axis[-1]['day']}, gestapeld naar uitkomst")
            + "<h2>Mediane antwoordtijd per dag</h2>"
            + _line([d for d in axis if "median_ms" in d], axis, f"Mediane antwoordtijd per dag in milliseconden, van "
                    f"{axis[0]['day']} tot {axis[-1]['day']}")
            + '<table><caption>De cijfers per dag</caption><thead><tr><th scope="col">dag (UTC)</th><th scope="col" class="n">'
              'vragen</th>' + "".join(f'<th scope="col" class="n">{label}</th>' for label in STATUS_LABELS.values())
            + f'<th scope="col" class="n">mediane tijd (ms)</th></tr></thead><tbody>{rows}</tbody></table>')


def unanswered(groups: list[Group], status: str, since: int, store_text: bool) -> str:
    choices = "".join(f'<option value="{v}"{" selected" if v == status else ""}>{label}</option>' for v, label in (
        ("beide", "niet gevonden en onzeker"), ("not_found", "niet gevonden"), ("uncertain", "onzeker")))
    periods = "".join(f'<option value="{d}"{" selected" if d == since else ""}>{d} {"dag" if d == 1 else "dagen"}</option>'
                      for d in sorted({7, 30, 90, since}))  # a period typed into the address is shown as chosen
    intro = ('<p>Vragen die de rapporten niet (zeker) beantwoorden, gegroepeerd op betekenis. Elke groep toont de '
             'eerste vraag van die soort, hoe vaak zo iets gevraagd is, en de sectie die er het dichtst bij lag.</p>'
             f'<form method="get"><label for="status">Uitkomst</label> <select id="status" name="status">{choices}'
             f'</select> <label for="sinds">Periode</label> <select id="sinds" name="sinds">{periods}</select> '
             '<button type="submit">Toon</button></form>')
    if not store_text:
        return intro + "<p>De tekst van vragen wordt niet bewaard (VRAAGBAAK_STORE_QUESTION_TEXT=false), dus er zijn geen groepen.</p>"
    if not groups:
        return intro + "<p>Geen onbeantwoorde vragen in deze periode.</p>"
    rows = "".join(
        f'<tr><td><input type="checkbox" name="groep" value="{g.id}" id="groep-{g.id}"></td>'
        f'<td><label for="groep-{g.id}" dir="auto">{escape(g.question)}</label></td><td class="n">{g.count}</td>'
        f'<td class="n">{g.statuses["not_found"]}</td><td class="n">{g.statuses["uncertain"]}</td>'
        f'<td>{g.first[:10]}</td><td>{g.last[:10]}</td><td>{escape(g.nearest)}</td></tr>' for g in groups)
    return (intro + '<form method="get" action="/beheer/export/evaluatie.jsonl">'
            f'<input type="hidden" name="status" value="{escape(status)}"><input type="hidden" name="sinds" value="{since}">'
            '<table><caption>Groepen, grootste eerst'
            '</caption><thead><tr><th scope="col">kies</th><th scope="col">vraag</th><th scope="col" class="n">aantal</th>'
            '<th scope="col" class="n">niet gevonden</th><th scope="col" class="n">onzeker</th><th scope="col">eerst (UTC)</th>'
            f'<th scope="col">laatst (UTC)</th><th scope="col">dichtstbijzijnde sectie</th></tr></thead><tbody>{rows}</tbody>'
            '</table><button type="submit">Exporteer de gekozen groepen als evaluatieparen</button></form>'
            '<p><a href="/beheer/export/vragen.csv">Download het hele logboek als CSV</a></p>')


def feedback(rows: list[dict], passages: dict[str, Passage]) -> str:
    bad = [r for r in rows if not r["helpful"]]
    if not bad:
        return "<p>Nog geen antwoorden als niet nuttig gemarkeerd.</p>"
    body = []
    for r in reversed(bad[-200:]):
        p = passages.get(r["passage_id"])
        shown = (f'<a href="/source/{escape(p.document)}?passage={escape(p.id)}#passage-{escape(p.id)}">'
                 f'{escape(PATH_SEPARATOR.join([p.citation.title, *p.citation.section]))}</a><br>'
                 f'<span class="muted">{escape(p.text[:300])}{"…" if len(p.text) > 300 else ""}</span>'
                 if p else f'<span class="muted">passage {escape(r["passage_id"])} staat niet meer in de index</span>')
        body.append(f'<tr><td>{escape(r["created"][:10])}</td><td class="n">{r.get("times", 1)}</td>'
                    f'<td dir="auto">{escape(r["question"])}</td><td>{shown}</td>'
                    f'<td dir="auto">{escape(r["comment"] or "")}</td></tr>')
    return ('<table><caption>Antwoorden die als niet nuttig zijn gemarkeerd, nieuwste eerst</caption><thead><tr>'
            '<th scope="col">dag (UTC)</th><th scope="col" class="n">keer</th><th scope="col">vraag</th>'
            '<th scope="col">getoonde passage</th>'
            f'<th scope="col">opmerking</th></tr></thead><tbody>{"".join(body)}</tbody></table>')


def shelf(documents: list[DocumentRecord], build: str) -> str:
    parts = [f'<p>Index in gebruik: <code>{escape(build)}</code>.</p>']
    collections = sorted({d.collection for d in documents})
    for collection in collections:
        docs = sorted((d for d in documents if d.collection == collection), key=lambda d: (-(d.year or 0), d.title))
        rows = "".join(f'<tr><td><a href="/source/{escape(d.id)}">{escape(d.title)}</a></td><td>{escape(d.organisation)}</td>'
                       f'<td class="n">{d.year or ""}</td><td>{KIND_LABELS.get(d.kind, d.kind)}</td>'
                       f'<td class="n">{d.pages}</td><td class="n">{d.passages}</td><td>{escape(d.ingested_at[:16])}</td></tr>'
                       for d in docs)
        parts.append(f'<table><caption>Collectie {escape(collection)}</caption><thead><tr><th scope="col">titel</th>'
                     '<th scope="col">organisatie</th><th scope="col" class="n">jaar</th><th scope="col">soort</th>'
                     '<th scope="col" class="n">pagina\'s</th><th scope="col" class="n">passages</th>'
                     f'<th scope="col">ingelezen (UTC)</th></tr></thead><tbody>{rows}</tbody></table>')
    return "".join(parts)
