"""Readable output of an evaluation: a text table for the terminal, HTML and Markdown for a report folder."""

from __future__ import annotations

import html
from pathlib import Path

from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.eval.metrics import recall_at
from vraagbaak.eval.run import BASELINES, ConfigResult, breakdown, misses

HEADLINE = ("recall@1", "recall@3", "recall@5", "recall@10", "mrr@10", "ndcg@10", "latency_p50_ms", "latency_p95_ms")
DECISION = ("answerable_answered", "answerable_not_found", "answerable_precision", "answered_precision",
            "near_miss_answered", "near_miss_not_found", "off_topic_not_found")
SHORT = {"latency_p50_ms": "p50 ms", "latency_p95_ms": "p95 ms", "answerable_answered": "beantw. → antwoord",
         "answerable_not_found": "beantw. → niet gevonden", "answered_precision": "precisie antwoord (alle)",
         "answerable_precision": "precisie antwoord (beantw.)",
         "near_miss_answered": "bijna → antwoord", "near_miss_not_found": "bijna → niet gevonden",
         "off_topic_not_found": "buiten → niet gevonden", "unanswerable_answered": "onbeantw. → antwoord",
         "unanswerable_not_found": "onbeantw. → niet gevonden", "questions": "vragen"}
#: Shown when a set has unanswerable questions without a subkind (an outside file): they fit no other column.
UNSORTED = ("unanswerable_answered", "unanswerable_not_found")


def format_figure(key: str, value: float | None) -> str:
    """A figure as the tables print it: milliseconds to one decimal, a count whole, a share to three; a
    figure with nothing to count (no answerable question, nothing answered) as a dash."""
    if value is None:
        return "–"
    if key == "questions":
        return str(int(value))
    return f"{value:.1f}" if key.endswith("_ms") else f"{value:.3f}"


def table(rows: dict[str, dict[str, float]], keys=HEADLINE, first: str = "configuratie") -> list[list[str]]:
    return [[first, *(SHORT.get(k, k) for k in keys)]] + [[name, *(format_figure(k, m.get(k)) for k in keys)]
                                                          for name, m in rows.items()]


def text_table(cells: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in cells) for i in range(len(cells[0]))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths))) for row in cells]
    lines.insert(1, "-" * len(lines[0]))
    return "\n".join(lines)


def markdown_table(cells: list[list[str]]) -> str:
    rows = ["| " + " | ".join(row) + " |" for row in cells]
    rows.insert(1, "|" + "|".join("---" for _ in cells[0]) + "|")
    return "\n".join(rows)


def sections(results: list[ConfigResult]) -> list[tuple[str, list[list[str]]]]:
    main = results[0]
    keys = ("recall@1", "recall@5", "mrr@10", "questions")
    decision = DECISION + (UNSORTED if any(o.pair.group == "unanswerable" for o in main.outcomes) else ())
    return [
        ("Configuraties (rangorde, zonder antwoordbeslissing)", table({r.name: r.summary() for r in results})),
        ("Antwoordbeslissing", table({r.name: r.summary() for r in results if r.id not in BASELINES}, decision)),
        ("Per soort vraag (Vraagbaak)", table(breakdown(main, lambda p: p.kind), keys, "soort")),
        ("Per sectie (Vraagbaak)", table(breakdown(main, section_label), keys, "sectie")),
    ]


def section_label(pair) -> str:
    """The section a question's evidence is in, as the breakdowns name it; a set may not say."""
    return pair.section.split(PATH_SEPARATOR)[-1] or ("(geen sectie opgegeven)" if pair.answerable else "(onbeantwoordbaar)")


def text_report(results: list[ConfigResult]) -> str:
    parts = [f"{title}\n{text_table(cells)}" for title, cells in sections(results)]
    missed = misses(results[0])
    parts.append(f"Gemist (geen relevante passage in de top 5): {len(missed)}")
    parts += [f"  {m['id']}: {m['question']}\n    verwacht: {m['expected'] or '(geen sectie opgegeven)'}\n"
              f"    gekregen: {m['returned']}: {m['excerpt'][:100]}…" for m in missed]
    return "\n\n".join(parts)


def write_report(folder: Path, results: list[ConfigResult]) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    md = ["# Vraagbaak: evaluatie", ""]
    body = ["<h1>Vraagbaak: evaluatie</h1>"]
    for title, cells in sections(results):
        md += [f"## {title}", "", markdown_table(cells), ""]
        body.append(f"<h2>{html.escape(title)}</h2>" + _html_table(cells))
    body.append("<h2>Recall@k per configuratie</h2>" + _recall_chart(results))
    body.append("<h2>Latentie per vraag (Vraagbaak, ms)</h2>" + _latency_chart(results[0]))
    missed = misses(results[0])
    md += ["## Gemist", ""] + [f"- **{m['id']}** {m['question']} — verwacht *{m['expected']}*, gekregen *{m['returned']}*" for m in missed]
    body.append("<h2>Gemist</h2><ul>" + "".join(
        f"<li><b>{html.escape(m['id'])}</b> {html.escape(m['question'])}<br>verwacht: {html.escape(m['expected'])}"
        f"<br>gekregen: {html.escape(m['returned'])}: <i>{html.escape(m['excerpt'])}</i></li>" for m in missed) + "</ul>")
    page = ("<!doctype html><meta charset=utf-8><title>Vraagbaak evaluatie</title><style>"
            "body{font:15px system-ui,sans-serif;max-width:1100px;margin:2em auto;color:#1a1a1a}"
            "table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #ccc;padding:.25em .6em;text-align:right}"
            "td:first-child,th:first-child{text-align:left}</style>" + "".join(body))
    paths = [folder / "report.md", folder / "report.html"]
    paths[0].write_text("\n".join(md) + "\n", encoding="utf-8")
    paths[1].write_text(page, encoding="utf-8")
    return paths


def _html_table(cells: list[list[str]]) -> str:
    head = "".join(f"<th>{html.escape(c)}</th>" for c in cells[0])
    rows = "".join("<tr>" + "".join(f"<td>{html.escape(c)}</td>" for c in row) + "</tr>" for row in cells[1:])
    return f"<table><tr>{head}</tr>{rows}</table>"


COLOURS = ("#0b5cad", "#c0392b", "#27ae60", "#8e44ad", "#d35400", "#16a085", "#7f8c8d")


def _recall_chart(results: list[ConfigResult], width: int = 640, height: int = 300) -> str:
    ks = list(range(1, 11))
    x = lambda k: 50 + (k - 1) * (width - 220) / 9  # noqa: E731
    y = lambda v: height - 30 - v * (height - 50)  # noqa: E731
    parts = [f'<svg width="{width}" height="{height}" role="img" aria-label="recall@k">',
             f'<line x1="50" y1="{y(0)}" x2="{x(10)}" y2="{y(0)}" stroke="#999"/>',
             f'<line x1="50" y1="{y(0)}" x2="50" y2="{y(1)}" stroke="#999"/>']
    parts += [f'<text x="{x(k)}" y="{height - 10}" font-size="11" text-anchor="middle">{k}</text>' for k in ks]
    parts += [f'<text x="44" y="{y(v) + 4}" font-size="11" text-anchor="end">{v:.1f}</text>' for v in (0, .5, 1)]
    for i, result in enumerate(results):
        ranks = [o.rank for o in result.answerable()]
        if not ranks:  # no answerable question: no recall to draw
            continue
        points = " ".join(f"{x(k):.1f},{y(recall_at(ranks, k)):.1f}" for k in ks)
        colour = COLOURS[i % len(COLOURS)]
        parts.append(f'<polyline fill="none" stroke="{colour}" stroke-width="2" points="{points}"/>')
        parts.append(f'<text x="{x(10) + 8}" y="{30 + 16 * i}" font-size="11" fill="{colour}">{html.escape(result.name)}</text>')
    return "".join(parts) + "</svg>"


def _latency_chart(result: ConfigResult, width: int = 640, height: int = 200) -> str:
    times = sorted(o.ms for o in result.outcomes)
    top = max(times) or 1
    bar = (width - 60) / len(times)
    bars = "".join(f'<rect x="{50 + i * bar:.1f}" y="{height - 20 - t / top * (height - 40):.1f}" width="{max(bar - 1, 1):.1f}" '
                   f'height="{t / top * (height - 40):.1f}" fill="#0b5cad"/>' for i, t in enumerate(times))
    return (f'<svg width="{width}" height="{height}" role="img" aria-label="latentie">{bars}'
            f'<text x="44" y="24" font-size="11" text-anchor="end">{top:.0f}</text>'
            f'<text x="44" y="{height - 20}" font-size="11" text-anchor="end">0</text></svg>')
