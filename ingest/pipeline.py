"""The whole ingest: every document of a corpus folder -> sections and passages.

One bad file is reported and skipped; the others are ingested. ``write_ingest`` writes the result into
a folder the caller names; publishing it as a build is ``index.store``'s, so a failed run never touches
the last good build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path, PurePosixPath

from vraagbaak.build_format import (
    DOCUMENT_LIST,
    DOCUMENTS,
    PASSAGES,
    DocumentRecord,
    Passage,
    SectionRecord,
    chunking_settings,
)
from vraagbaak.config import Settings
from vraagbaak.ingest.blocks import split_blocks
from vraagbaak.ingest.chunk import Chunker
from vraagbaak.ingest.clean import Reflower, Vocabulary
from vraagbaak.ingest.headings import detect_headings
from vraagbaak.ingest.metadata import (
    DEFAULT_COLLECTION,
    META_SUFFIX,
    TITLE_WORDS,
    collection_of,
    describe,
    file_title,
    heading_title,
    meta_path,
    printable,
    slug,
)
from vraagbaak.ingest.order import repair_order
from vraagbaak.ingest.read import (
    SUPPORTED_SUFFIXES,
    DocumentError,
    SourceDocument,
    TextReader,
    is_document,
    list_corpus,
)
from vraagbaak.ingest.structure import Section, build_sections


@dataclass
class IngestedDocument:
    source: SourceDocument
    sections: list[Section]
    passages: list[Passage]


@dataclass
class IngestResult:
    documents: list[IngestedDocument] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    settings: dict[str, object] = field(default_factory=dict)
    #: Files (relative to the corpus folder) that are there but could not be read.
    unreadable: list[str] = field(default_factory=list)

    @property
    def passages(self) -> list[Passage]:
        return [p for d in self.documents for p in d.passages]


@dataclass(frozen=True)
class Stages:
    """Which stages run; the evaluation switches them off one at a time to show what each adds."""

    clean: bool = True  # de-hyphenation and reading-order repair
    sections: bool = True  # headings and section-aware chunking


def structure_document(source: SourceDocument, vocab: Vocabulary, stages: Stages = Stages()) -> list[Section]:
    """Clean, find headings, repair reading order and group into sections."""
    reflower = Reflower(vocab if stages.clean else None)
    blocks = split_blocks(source.lines)
    if stages.sections:
        blocks = detect_headings(blocks, reflower)
    if stages.clean:
        blocks = repair_order(blocks, vocab)
    return build_sections(blocks, reflower)


def not_read(corpus: Path, present: list[Path]) -> list[str]:
    """A sentence for each visible file (``present``) that ingest passes over: another kind of file, or a
    meta file without its document (a typo in either name would otherwise go unnoticed)."""
    metas = {meta_path(path) for path in present if is_document(path)}
    problems = []
    for path in present:
        relative = path.relative_to(corpus)
        if is_document(path):
            continue
        if path.name.endswith(META_SUFFIX):
            if path not in metas:
                stem = path.name[:-len(META_SUFFIX)]
                hint = ""
                if Path(stem).suffix.lower() in SUPPORTED_SUFFIXES:  # "verslag.pdf.meta.json"
                    hint = f" Noem het {Path(stem).stem}{META_SUFFIX}, zonder de extensie van het document."
                else:  # a report renamed without it lost its title, organisation and year without a word
                    hint = " Is het document hernoemd? Geef dit bestand dan dezelfde naam."
                problems.append(f"{relative}: er staat geen {stem}.pdf of {stem}.txt naast; dit bestand wordt niet "
                                f"gebruikt.{hint}")
        else:
            problems.append(f"{relative}: dit soort bestand wordt niet gelezen (alleen "
                            f"{' en '.join(SUPPORTED_SUFFIXES)}); het is overgeslagen.")
    return problems


def folders_as_collections(corpus: Path, present: list[Path]) -> list[str]:
    """A sentence for each collection that two folders make together ("MILIEU AGUA" and "Milieu & Água" are both
    ``milieu-agua``) and each folder whose name gives no collection ("★"), whose documents go to the default
    one: either would pass silently, and a scoped question would search more or other reports than meant."""
    folders: dict[str, set[str]] = {}
    for path in present:
        parts = path.relative_to(corpus).parts
        if len(parts) > 1 and is_document(path):
            folders.setdefault(collection_of(path, corpus), set()).add(parts[0])
    def listed(names: list[str]) -> str:
        return ("de map " if len(names) == 1 else "de mappen ") + ", ".join(f"'{printable(n)}'" for n in names)

    problems = []
    for collection, names in sorted(folders.items()):
        nameless, named = sorted(n for n in names if not slug(n)), sorted(n for n in names if slug(n))
        if nameless:
            problems.append(f"{listed(nameless)} {'geeft' if len(nameless) == 1 else 'geven'} geen naam voor een "
                            "collectie (geen letters of cijfers die in een id passen); de documenten erin horen bij "
                            f"'{DEFAULT_COLLECTION}'. Hernoem {'de map' if len(nameless) == 1 else 'ze'}.")
        if len(named) > 1:
            problems.append(f"{listed(named)} vormen samen één collectie, '{collection}'; hernoem er een als ze apart "
                            "moeten blijven.")
    return problems


def ingest_corpus(settings: Settings, progress: Callable[[str], None] = lambda name: None, stages: Stages = Stages(),
                  bars: bool = False, known_ids: dict[str, str] | None = None,
                  known_contents: dict[str, list[tuple[str, str]]] | None = None) -> IngestResult:
    """Read and chunk every document of the corpus folder. ``progress`` is told each document's name;
    ``bars`` shows the two stages (reading, finding structure) as bars with the time left instead;
    ``known_ids`` (file in the corpus -> id, from the last build) keeps the ids that citations already use,
    and ``known_contents`` (SHA-256 -> files and ids, from the last build) those of a file renamed or moved."""
    from tqdm.auto import tqdm

    corpus = Path(settings.corpus_dir)
    if not corpus.is_dir():
        raise DocumentError(f"De corpusmap {corpus} {'is een bestand, geen map' if corpus.exists() else 'bestaat niet'}; "
                            "zet de rapporten in een map en stel VRAAGBAAK_CORPUS_DIR daarop in.")
    reader = TextReader(settings.page_break)
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap)
    result = IngestResult(settings=chunking_settings(settings) if stages == Stages() else {"stages": repr(stages)})
    sources: list[SourceDocument] = []
    listing = list_corpus(corpus)
    present = listing.files
    files = [(path, _size(path)) for path in present if is_document(path)]
    result.problems += listing.problems + not_read(corpus, present) + folders_as_collections(corpus, present)
    for place in listing.unreadable:  # a report of the last build in a folder that cannot be read now is lost
        result.unreadable += [file for file in known_ids or {} if file == place or file.startswith(place + "/")]
    with tqdm(total=sum(size for _, size in files), desc="Lezen", unit="B", unit_scale=True, disable=not bars) as bar:
        for path, size in files:  # by size: a 40 MB PDF takes longer than a letter, and the time left says so
            bar.set_postfix_str(path.name, refresh=False)
            try:
                sources.append(reader.read(path, corpus))
            except DocumentError as exc:
                result.problems.append(str(exc))
                result.unreadable.append(path.relative_to(corpus).as_posix())
            bar.update(size)
    for source in sources:
        if source.encoding:
            result.problems.append(f"{source.file}: een deel van de tekst is geen UTF-8 en is gelezen als "
                                   f"{source.encoding}; kijk of letters als é, ë en ü daar goed staan, en sla het "
                                   "bestand liefst op als UTF-8.")
        if source.covered_pages:
            result.problems.append(f"{source.file}: op pagina {', '.join(map(str, source.covered_pages))} staat tekst "
                                   "onder een zwarte balk. Die is weggelaten (in de bron staat '[zwartgelakt]') en het "
                                   "originele bestand wordt niet getoond, want de tekst staat er nog in: wie het opent, "
                                   "kan hem kopiëren. Lak het bestand echt (met een programma dat de tekst verwijdert).")
        if source.scanned_pages:
            pages = ", ".join(f"{page} (gedrukt: {source.page_labels[page]})" if source.page_labels.get(page, str(page))
                              != str(page) else str(page) for page in source.scanned_pages)
            one = len(source.scanned_pages) == 1
            result.problems.append(f"{source.file}: pagina {pages} {'is' if one else 'zijn'} alleen een afbeelding, zonder "
                                   "tekst (gescand, of een foto of kaart?); wat daar staat, is niet doorzoekbaar. Is het "
                                   "tekst, maak er dan doorzoekbare tekst van (OCR).")
    vocab = Vocabulary.from_texts("\n".join(line.text for line in s.lines) for s in sources)
    structured: dict[str, list[Section]] = {}
    with tqdm(total=sum(len(s.lines) for s in sources), desc="Indelen", unit=" regels", disable=not bars) as bar:
        for number, source in enumerate(sources, 1):
            progress(f"{source.file} ({number} van {len(sources)})")
            bar.set_postfix_str(Path(source.file).name, refresh=False)
            sections = structure_document(source, vocab, stages)
            bar.update(len(source.lines))
            if chunker.has_text(sections):
                structured[source.file] = sections
            else:  # before ids are given: an editor's leftover ("~$verslag.txt") takes none from a real report
                _no_words(source, result)
    sources = [source for source in sources if source.file in structured]
    known = {**(known_ids or {}), **renamed(sources, known_ids or {}, known_contents or {}, result.problems)}
    for source in unique_ids(sources, result.problems, known):
        sections = structured[source.file]
        source, problem = described(source, sections)
        passages = chunker.passages(source, sections)
        if not passages:
            _no_words(source, result)
            continue
        if problem:
            result.problems.append(problem)
        result.documents.append(IngestedDocument(source, sections, passages))
    return result


def _no_words(source: SourceDocument, result: IngestResult) -> None:
    """A file with only headings, loose characters or figures would be a document that answers nothing."""
    result.problems.append(f"{source.file}: er staat geen doorzoekbare tekst in (alleen koppen, losse tekens of "
                           "getallen); het is overgeslagen.")


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was listed: reading it reports that in Dutch


def renamed(sources: list[SourceDocument], known: dict[str, str], contents: dict[str, list[tuple[str, str]]],
            problems: list[str]) -> dict[str, str]:
    """File -> id for files the last build held under another name (the same content, its old file gone):
    a report renamed or moved to another collection keeps its id, so the links handed out stay good."""
    present = {source.file for source in sources}
    taken = {known[file] for file in present if file in known}
    kept: dict[str, str] = {}
    for source in sources:
        if source.file in known:
            continue
        gone = [(file, id_) for file, id_ in contents.get(source.sha256, [])  # two copies may have been indexed
                if file not in present and id_ not in taken | set(kept.values())]
        if not gone:
            continue
        old_file, old_id = gone[0]
        kept[source.file] = old_id
        problems.append(f"{source.file}: dit is {old_file} van de vorige index onder een andere naam; het houdt het "
                        f"id {old_id}, zodat links ernaar blijven werken.")
    return kept


def unique_ids(sources: list[SourceDocument], problems: list[str], known: dict[str, str]) -> list[SourceDocument]:
    """One id per file. A file keeps the id the last build gave it (``known``: file -> id), so the links
    handed out stay good when a file of the same name arrives elsewhere or the id rule changes. Else a file
    gets its name, unless that name is used in two collections ("g40/jaarverslag-2023.pdf",
    "politie/jaarverslag-2023.pdf"): then its collection goes in front (unless its name starts with it
    already); if another file already has that id (a known file, one renamed since it got it), a number
    after it ("-2"); ingest names every file whose id is not its name. Files that share a name and so an id
    (the same name as .txt and .pdf in one folder) are refused by name."""
    twins: dict[tuple[str, str], list[SourceDocument]] = {}
    for source in sources:  # "verslag.txt" and "verslag.pdf" in one folder, whatever other folders hold
        twins.setdefault((str(PurePosixPath(source.file).parent), source.id), []).append(source)
    refused: set[int] = set()
    for rivals in (r for r in twins.values() if len(r) > 1):
        kept = [s for s in rivals if s.file in known][:1]  # one of them was in the index: it stays
        for source in rivals:
            if source in kept:
                continue
            others = ", ".join(s.file for s in rivals if s is not source)
            alike = {PurePosixPath(s.file).stem.lower() for s in rivals} == {PurePosixPath(source.file).stem.lower()}
            name = "dezelfde naam" if alike else f"een naam die hetzelfde id geeft ({source.id})"
            problems.append(f"{source.file}: een ander bestand in dezelfde map heeft {name} ({others}); "
                            f"hernoem {'dit bestand' if kept else 'een van beide'}.")
            refused.add(id(source))
    sources = [s for s in sources if id(s) not in refused]
    collections: dict[str, set[str]] = {}
    for source in sources:
        collections.setdefault(source.id, set()).add(source.collection)

    def prefixed(source: SourceDocument) -> str:
        head = f"{slug(source.collection)}-"
        return source.id if source.id.startswith(head) else slug(head + source.id)

    known_here = [s for s in sources if s.file in known]  # also an id an earlier version's rule made ("strae")
    named = [s for s in sources if s.file not in known and len(collections[s.id]) == 1]
    shared = [s for s in sources if s.file not in known and len(collections[s.id]) > 1]
    taken: dict[str, SourceDocument] = {}
    ids: dict[int, str] = {}
    for group, wish in ((known_here, lambda s: known[s.file]), (named, lambda s: s.id), (shared, prefixed)):
        wishes: dict[str, list[SourceDocument]] = {}
        for source in group:
            wishes.setdefault(wish(source), []).append(source)
        for wanted, rivals in wishes.items():
            if len(rivals) > 1:  # "verslag.txt" and "verslag.pdf" in one folder: which is meant is not ours to guess
                for source in rivals:
                    others = ", ".join(s.file for s in rivals if s is not source)
                    problems.append(f"{source.file}: een ander bestand heeft dezelfde naam ({others}); "
                                    "hernoem een van beide.")
                continue
            source = rivals[0]
            new_id = wanted
            if new_id in taken:  # a newcomer named like the id a renamed file kept, or a prefixed id another has
                holder = taken[new_id].file
                new_id = next(f"{wanted}-{n}" for n in range(2, len(sources) + 3) if f"{wanted}-{n}" not in taken)
                if group is named:
                    problems.append(f"{source.file}: een ander bestand heeft al het id {wanted} ({holder}); dit document "
                                    f"krijgt het id {new_id}.")
            if group is shared and new_id != source.id:
                problems.append(f"{source.file}: een bestand in een andere collectie heeft dezelfde naam; dit document "
                                f"krijgt het id {new_id}.")
            taken[new_id] = source
            ids[id(source)] = new_id
    return [replace(source, id=ids[id(source)]) for source in sources if id(source) in ids]


def described(source: SourceDocument, sections: list[Section]) -> tuple[SourceDocument, str | None]:
    """The document with its title, organisation, year and kind (``ingest.metadata``)."""
    first_page = "\n".join(line.text for line in source.lines if line.page == 1)
    headings = [s.path[0] for s in sections if s.path]
    first = sections[0] if sections else None
    if first and len(first.path) == 1 and first.page == 1 and len(first.paragraphs) == 1:
        subtitle = " ".join(first.paragraphs[0].text.split())  # a cover's second line: "Jaarverslag 2022", which
        if 0 < len(subtitle.split()) <= TITLE_WORDS:  # completes a first heading naming only the maker
            headings.insert(1, subtitle)  # (``metadata.heading_title``); after a larger cover heading, it is none
    cover = [s for s in sections if s.path and s.page == 1 and s.size]
    largest = max(cover, key=lambda s: s.size).path[-1] if cover else None
    if largest and heading_title([largest], file_title(source.path)):  # the largest heading of the first page
        headings.insert(0, largest)  # names the document (where fonts are known), not a line above it; a large
        # "Voorwoord" names nothing
    meta, problem = describe(source.path, source.collection, source.declared_title, headings, first_page, source.file,
                             source.removed, source.declared_author)
    return replace(source, title=meta.title, organisation=meta.organisation, year=meta.year, kind=meta.kind), problem


def _section_record(section: Section) -> SectionRecord:
    body = section.body()
    pages: list[tuple[int, int]] = []
    for offset, line in body.anchors:
        if not pages or line.page != pages[-1][1]:
            pages.append((offset, line.page))
    return SectionRecord(path=section.path, level=section.level, page=section.page, text=body.text, pages=pages,
                         links=section.links)


def document_record(document: IngestedDocument, ingested_at: str) -> DocumentRecord:
    source = document.source
    return DocumentRecord(id=source.id, title=source.title, file=source.file or source.path.name, sha256=source.sha256,
                          pages=source.page_count, sections=[_section_record(s) for s in document.sections],
                          page_labels=source.page_labels, covered_pages=source.covered_pages,
                          scanned_pages=source.scanned_pages,
                          collection=source.collection,
                          organisation=source.organisation, year=source.year, kind=source.kind,
                          passages=len(document.passages), ingested_at=ingested_at)


def write_ingest(result: IngestResult, directory: Path, first_ingested: dict[str, str] | None = None) -> None:
    """Write passages (JSONL) and documents (JSON, for the source viewer and the shelf) into ``directory``.

    ``first_ingested`` maps a SHA-256 to when that content was first ingested (from the previous build),
    so a document's ingest time stays put when other documents change."""
    directory.mkdir(parents=True, exist_ok=True)
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with open(directory / PASSAGES, "w", encoding="utf-8") as out:
        for passage in result.passages:
            out.write(passage.model_dump_json() + "\n")
    records = [document_record(d, (first_ingested or {}).get(d.source.sha256, now)) for d in result.documents]
    (directory / DOCUMENTS).write_bytes(DOCUMENT_LIST.dump_json(records, indent=1))
