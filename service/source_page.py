"""The source viewer: a cleaned document as a readable HTML page.

Headings, page markers and an anchor per passage; the passage a citation points at is
highlighted. Everything from the document is escaped: the page shows text, never markup.
"""

from __future__ import annotations

from html import escape

from vraagbaak.build_format import PATH_SEPARATOR, DocumentRecord, Passage

STYLE = """
:root{--ink:#1b1b1b;--muted:#595959;--accent:#0b5cad;--mark:#fff3b0}
body{font:17px/1.6 system-ui,-apple-system,"Segoe UI",sans-serif;color:var(--ink);max-width:46rem;margin:0 auto;padding:1.5rem}
header{border-bottom:1px solid #ddd;margin-bottom:1.5rem}h1{font-size:1.6rem;margin:.2rem 0}
h2{font-size:1.3rem;margin-top:2.2rem}h3{font-size:1.1rem;margin-top:1.6rem}
.page{display:inline-block;color:var(--muted);font-size:.75rem;border:1px solid #bbb;border-radius:4px;padding:0 .3rem;margin:0 .3rem;line-height:1.3}
p{margin:.6rem 0;white-space:pre-line}mark{background:var(--mark);outline:2px solid #e0b800;scroll-margin-top:5rem}[id^=passage-]{scroll-margin-top:5rem}
.links{font-size:.9rem}.links a{color:var(--accent);word-break:break-all}
nav a{color:var(--accent)}a:focus,mark:focus{outline:3px solid var(--accent)}
"""


def render(document: DocumentRecord, passages: list[Passage], highlight: str | None, original: str | None = None) -> str:
    """The page; ``original`` is the URL of the original PDF, linked at the cited page."""
    target = next((p for p in passages if p.id == highlight), None)
    by_section: dict[int, list[Passage]] = {}
    for p in passages:
        by_section.setdefault(p.section_index, []).append(p)
    parts = [f'<header><p><a href="#inhoud">Naar de inhoud</a></p><h1>{escape(document.title)}</h1>'
             + (f'<p>{escape(" · ".join(x for x in (document.organisation, str(document.year or "")) if x))}</p>'
                if document.organisation or document.year else "")
             + f'<p>{escape(document.file)} · {document.pages} {"pagina" if document.pages == 1 else "pagina’s"}'
             + (f' · <a href="{escape(original)}">originele PDF</a>' if original else "")
             + '</p></header><main id="inhoud">']
    if target is not None:
        c = target.citation
        parts.append(f'<p role="status">Gemarkeerd: passage uit <b>{escape(PATH_SEPARATOR.join(c.section) or document.title)}</b>, '
                     f'pagina {c.page}{f"–{c.page_end}" if c.page_end != c.page else ""}, regels {c.lines[0]}–{c.lines[1]}. '
                     f'<a href="#passage-{escape(target.id)}">Ga naar de passage</a>'
                     + (f' · <a href="{escape(original)}#page={c.page}">Open de originele PDF op pagina {c.page}</a>'
                        if original else "") + '</p>')
    elif highlight:  # a link from before a re-ingest, or mistyped: say so rather than show nothing marked
        parts.append('<p role="status">De gevraagde passage staat niet (meer) in dit document, misschien omdat het '
                     'opnieuw is ingelezen. Hieronder staat het hele document; stel de vraag opnieuw voor een '
                     'nieuwe verwijzing.</p>')
    labels: dict[str, int] = {}
    unread = set(document.scanned_pages)
    for index, section in enumerate(document.sections):
        level = 2 if section.level <= 1 else 3
        title = section.path[-1] if section.path else document.title
        label = PATH_SEPARATOR.join(section.path) or document.title
        labels[label] = labels.get(label, 0) + 1  # a region's name must be its own: "Algemeen" recurs
        label += f" ({labels[label]})" if labels[label] > 1 else ""
        parts.append(f'<section id="section-{index}" aria-label="{escape(label)}"><h{level}>{escape(title)}</h{level}>')
        mark = (target.start, target.end) if target is not None and target.section_index == index else None
        parts.append(_body(section.text, section.pages, by_section.get(index, []), mark, document.page_labels,
                           unread))
        if section.links:
            links = "".join(f'<li><a href="{escape(u)}" rel="noopener noreferrer">{escape(u)}</a></li>' for u in section.links)
            parts.append(f'<div class="links"><p>Links bij deze sectie:</p><ul>{links}</ul></div>')
        parts.append("</section>")
    if unread:  # the last pages, after all the text
        parts.append("<p>" + "".join(_unread(page, document.page_labels) for page in sorted(unread)) + "</p>")
    parts.append("</main>")
    title = escape(document.title)
    return (f'<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{title} · Vraagbaak</title><style>{STYLE}</style>'
            f'</head><body>{"".join(parts)}</body></html>')


def _body(text: str, pages: list[tuple[int, int]], passages: list[Passage], mark: tuple[int, int] | None,
          labels: dict[int, str], unread: set[int] | None = None) -> str:
    """Text with page markers, passage anchors and the highlighted passage, all escaped. Before a page's
    marker, the scanned pages just before it, whose text is not there, once (taken from ``unread``): a
    reader sees what was not read."""
    events: dict[int, list[str]] = {}
    for offset, page in pages:
        skipped = page - 1
        while unread and skipped in unread:
            unread.discard(skipped)
            events.setdefault(offset, []).insert(0, _unread(skipped, labels))
            skipped -= 1
        events.setdefault(offset, []).append(f'<span class="page">{_page_name(page, labels)}</span>')
    for p in passages:
        events.setdefault(p.start, []).append(f'<span id="passage-{escape(p.id)}"></span>')
    if mark:
        events.setdefault(mark[0], []).append('<mark tabindex="-1">')
        events.setdefault(mark[1], []).insert(0, "</mark>")
    out, position, open_mark = ["<p>"], 0, False
    for offset in sorted(set(events) | {len(text)}):
        chunk = text[position:offset]
        out.append(_paragraphs(chunk, open_mark))
        for tag in events.get(offset, []):
            out.append(tag)
            open_mark = tag.startswith("<mark") or (open_mark and tag != "</mark>")
        position = offset
    out.append("</mark></p>" if open_mark else "</p>")
    return "".join(out)


def _unread(page: int, labels: dict[int, str]) -> str:
    return f'<span class="page">{_page_name(page, labels)}: alleen een afbeelding, niet doorzoekbaar</span>'


def _page_name(page: int, labels: dict[int, str]) -> str:
    label = labels.get(page)
    return f"pagina {page}" + (f" (gedrukt: {escape(label)})" if label and label != str(page) else "")


def _paragraphs(chunk: str, in_mark: bool) -> str:
    """Blank lines end a paragraph; a highlight that spans paragraphs is closed and reopened around the break."""
    between = "</mark></p><p><mark>" if in_mark else "</p><p>"
    return between.join(escape(piece) for piece in chunk.split("\n\n"))


def error_page(message: str, title: str = "Niet gevonden") -> str:
    """A source link that leads nowhere (any more), or any other error a browser meets outside the API, said in a page
    of the source viewer's look."""
    return ('<!doctype html><html lang="nl"><head><meta charset="utf-8"><meta name="viewport" '
            f'content="width=device-width,initial-scale=1"><title>{escape(title)} · Vraagbaak</title>'
            f'<style>{STYLE}</style></head><body><main id="inhoud"><h1>{escape(title)}</h1><p role="status">'
            f'{escape(message)}</p></main></body></html>')
