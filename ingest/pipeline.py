"""The whole ingest: every document of a corpus folder -> sections and passages.

One bad file is reported and skipped; the others are ingested. Writing the artefact is the
caller's job (see ``index.store``), so a failed run never touches the last good build.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from pathlib import Path

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
from vraagbaak.ingest.metadata import META_SUFFIX, describe, meta_path, slug
from vraagbaak.ingest.order import repair_order
from vraagbaak.ingest.read import (
    SUPPORTED_SUFFIXES,
    DocumentError,
    SourceDocument,
    TextReader,
    is_document,
    visible_files,
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
                problems.append(f"{relative}: er staat geen {stem}.pdf of {stem}.txt naast; dit bestand wordt niet "
                                "gebruikt.")
        else:
            problems.append(f"{relative}: dit soort bestand wordt niet gelezen (alleen "
                            f"{' en '.join(SUPPORTED_SUFFIXES)}); het is overgeslagen.")
    return problems


def ingest_corpus(settings: Settings, progress: Callable[[str], None] = lambda name: None, stages: Stages = Stages(),
                  bars: bool = False, known_ids: dict[str, str] | None = None) -> IngestResult:
    """Read and chunk every document of the corpus folder. ``progress`` is told each document's name;
    ``bars`` shows the two stages (reading, finding structure) as bars with the time left instead;
    ``known_ids`` (file in the corpus -> id, from the last build) keeps the ids that citations already use."""
    from tqdm.auto import tqdm

    corpus = Path(settings.corpus_dir)
    if not corpus.is_dir():
        raise DocumentError(f"De corpusmap {corpus} {'is een bestand, geen map' if corpus.exists() else 'bestaat niet'}; "
                            "zet de rapporten in een map en stel VRAAGBAAK_CORPUS_DIR daarop in.")
    reader = TextReader(settings.page_break)
    chunker = Chunker(settings.chunk_size, settings.chunk_overlap)
    result = IngestResult(settings=chunking_settings(settings) if stages == Stages() else {"stages": repr(stages)})
    sources: list[SourceDocument] = []
    present = visible_files(corpus)
    files = [(path, _size(path)) for path in present if is_document(path)]
    result.problems += not_read(corpus, present)
    with tqdm(total=sum(size for _, size in files), desc="Lezen", unit="B", unit_scale=True, disable=not bars) as bar:
        for path, size in files:  # by size: a 40 MB PDF takes longer than a letter, and the time left says so
            bar.set_postfix_str(path.name, refresh=False)
            try:
                sources.append(reader.read(path, corpus))
            except DocumentError as exc:
                result.problems.append(str(exc))
                result.unreadable.append(path.relative_to(corpus).as_posix())
            bar.update(size)
    sources = unique_ids(sources, result.problems, known_ids or {})
    for source in sources:
        if source.scanned_pages:
            pages = ", ".join(map(str, source.scanned_pages))
            one = len(source.scanned_pages) == 1
            result.problems.append(f"{source.file}: pagina {pages} {'is' if one else 'zijn'} alleen een afbeelding, zonder "
                                   "tekst (gescand, of een foto of kaart?); wat daar staat, is niet doorzoekbaar. Is het "
                                   "tekst, maak er dan doorzoekbare tekst van (OCR).")
    vocab = Vocabulary.from_texts("\n".join(line.text for line in s.lines) for s in sources)
    with tqdm(total=sum(len(s.lines) for s in sources), desc="Indelen", unit=" regels", disable=not bars) as bar:
        for source in sources:
            progress(f"{source.file} ({len(result.documents) + 1} van {len(sources)})")
            bar.set_postfix_str(Path(source.file).name, refresh=False)
            sections = structure_document(source, vocab, stages)
            source, problem = described(source, sections)
            if problem:
                result.problems.append(problem)
            result.documents.append(IngestedDocument(source, sections, chunker.passages(source, sections)))
            bar.update(len(source.lines))
    return result


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # gone since it was listed: reading it reports that in Dutch


def unique_ids(sources: list[SourceDocument], problems: list[str], known: dict[str, str]) -> list[SourceDocument]:
    """One id per file. A file name used in two collections ("g40/jaarverslag-2023.pdf",
    "politie/jaarverslag-2023.pdf") gets its collection in front (unless its name starts with it already),
    but a file keeps the id the last build gave it (``known``: file -> id), so the links handed out stay
    good when a file of the same name arrives elsewhere or the id rule changes; ingest names a file whose id
    got its collection.
    Files that still share an id (the same name as .txt and .pdf in one folder, or a newcomer whose
    prefixed id another file has) are refused by name; a newcomer is refused rather than a file the last
    build knew."""
    collections: dict[str, set[str]] = {}
    for source in sources:
        collections.setdefault(source.id, set()).add(source.collection)

    def prefixed(source: SourceDocument) -> str:
        head = f"{slug(source.collection)}-"
        return source.id if source.id.startswith(head) else slug(head + source.id)

    chosen = []
    for source in sources:
        if source.file in known:  # also an id an earlier version's rule made ("strae" for "Straße")
            chosen.append((source, known[source.file], True))
        elif len(collections[source.id]) > 1:
            chosen.append((source, prefixed(source), False))
        else:
            chosen.append((source, source.id, False))
    kept = []
    for source, new_id, was_known in chosen:
        rivals = [(s, k) for s, i, k in chosen if i == new_id and s is not source]
        others = ", ".join(s.file for s, _ in rivals)
        rival_known = any(k for _, k in rivals)
        if rivals and not was_known and rival_known:  # the file the last build knew keeps its id
            problems.append(f"{source.file}: een ander bestand heeft al het id {new_id} ({others}); "
                            "hernoem dit bestand.")
            continue
        if rivals and was_known == rival_known:
            problems.append(f"{source.file}: een ander bestand heeft dezelfde naam ({others}); hernoem een van beide.")
            continue
        if new_id != source.id and not was_known:
            problems.append(f"{source.file}: een bestand in een andere collectie heeft dezelfde naam; dit document "
                            f"krijgt het id {new_id}.")
        kept.append(replace(source, id=new_id))
    return kept


def described(source: SourceDocument, sections: list[Section]) -> tuple[SourceDocument, str | None]:
    """The document with its title, organisation, year and kind (``ingest.metadata``)."""
    first_page = "\n".join(line.text for line in source.lines if line.page == 1)
    headings = [s.path[0] for s in sections if s.path]
    meta, problem = describe(source.path, source.collection, source.declared_title, headings, first_page, source.file)
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
                          page_labels=source.page_labels, collection=source.collection,
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
