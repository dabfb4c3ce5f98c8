"""Build and publish an index: ingest the corpus, embed (with the cache), write FAISS and BM25.

Nothing is published unless every step succeeded; the model is not even loaded when the corpus,
the chunking and the model are what the current index was built from.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np

from vraagbaak.build_format import DocumentRecord, Manifest, Passage
from vraagbaak.config import Settings
from vraagbaak.errors import IndexMissing, VraagbaakError
from vraagbaak.index import dense, store, table_rows
from vraagbaak.index.calibration import load_calibration, uncalibrated
from vraagbaak.index.embed import EmbeddingCache, embed_cached, text_hash
from vraagbaak.index.keyword import KeywordIndex
from vraagbaak.index.model import Embedder, known_fingerprint, load_embedder
from vraagbaak.index.search import SearchConfig, Searcher
from vraagbaak.index.sentences import sentence_spans
from vraagbaak.ingest.metadata import meta_path
from vraagbaak.ingest.pipeline import IngestResult, Stages, document_record, ingest_corpus, write_ingest

Say = Callable[[str], None]


@dataclass
class BuildReport:
    build: Path | None = None
    unchanged: bool = False
    documents: int = 0
    pages: int = 0
    sections: int = 0
    passages: int = 0
    sentences: int = 0
    embedded: int = 0
    problems: list[str] = field(default_factory=list)
    #: Files of the last build whose document is no longer in the corpus (not renamed: gone).
    removed: list[str] = field(default_factory=list)
    timings: dict[str, float] = field(default_factory=dict)


def corpus_checksums(result: IngestResult) -> dict[str, str]:
    """Every ingested file and its ``.meta.json`` (a changed title must rebuild too) -> SHA-256."""
    sums = {d.source.file: d.source.sha256 for d in result.documents}
    for d in result.documents:
        meta = meta_path(d.source.path)
        try:
            sums[str(Path(d.source.file).with_name(meta.name))] = hashlib.sha256(meta.read_bytes()).hexdigest()
        except OSError:
            pass  # no meta file (or one that cannot be read: ingest has reported that in Dutch)
    return sums


def ingest_digest(result: IngestResult) -> str:
    """SHA-256 of the passages, their sentences (as embedded) and the document descriptions ingest made (not when):
    the same files read, split into sentences or embedded by a version that does it differently must not count as
    unchanged."""
    digest = hashlib.sha256()
    sentences = [(i, a, b) for i, p in enumerate(result.passages) for a, b in sentence_spans(p.text)]
    of_passage: dict[int, list[tuple[int, int, str]]] = {}
    for (i, a, b), text in zip(sentences, table_rows.sentence_texts(result.passages, sentences)):
        of_passage.setdefault(i, []).append((a, b, text))
    for i, passage in enumerate(result.passages):
        digest.update(passage.model_dump_json().encode())
        digest.update(repr(of_passage.get(i, [])).encode())
    for document in result.documents:
        digest.update(document_record(document, "").model_dump_json().encode())
    return digest.hexdigest()


def _current_documents(data_dir: Path) -> list[DocumentRecord]:
    """The documents of the current build; none if there is no good build."""
    try:
        return store.read_documents(store.current_build(data_dir))
    except (VraagbaakError, OSError, ValueError):
        return []


def known_documents(data_dir: Path) -> tuple[dict[str, str], dict[str, list[tuple[str, str]]]]:
    """From the current build, in one read: file in the corpus -> document id, and SHA-256 -> (file, id) of
    each document with that content (a file renamed or moved keeps its id)."""
    ids: dict[str, str] = {}
    contents: dict[str, list[tuple[str, str]]] = {}
    for d in _current_documents(data_dir):
        ids[d.file] = d.id
        contents.setdefault(d.sha256, []).append((d.file, d.id))
    return ids, contents


def first_ingested(data_dir: Path) -> dict[str, str]:
    """SHA-256 -> ingest time of the documents of the current build."""
    return {d.sha256: d.ingested_at for d in _current_documents(data_dir)}


def _unchanged(settings: Settings, result: IngestResult) -> tuple[Path, Manifest] | None:
    """The current build and its manifest, if it holds the same corpus read the same way, with the same chunking
    and model (as far as can be known without loading it); else None."""
    try:
        build = store.current_build(settings.data_dir)
        manifest = store.read_manifest(build)
        store.verify(build, manifest)  # a damaged build is built again, not kept as "unchanged"
    except VraagbaakError:
        return None
    model = manifest.model
    expected = known_fingerprint(settings)
    if expected is not None and expected != model.get("fingerprint"):
        return None
    calibration = load_calibration(settings.calibration_file, model.get("fingerprint", ""))
    same = (manifest.corpus == corpus_checksums(result) and manifest.index.get("ingested") == ingest_digest(result)
            and manifest.chunking == result.settings
            and model.get("setting") == settings.model and model.get("quantization") == settings.quantize
            and manifest.search == SearchConfig(**calibration).model_dump(mode="json"))
    return (build, manifest) if same else None


def build_index(settings: Settings, say: Say = lambda message: None, force: bool = False,
                embedder: Embedder | None = None, stages: Stages = Stages(), progress: bool = False) -> BuildReport:
    """Ingest, embed and index the corpus, then publish it as the current build (one run at a time).
    ``progress`` shows a bar with the time left while embedding."""
    with store.ingest_lock(settings.data_dir):
        return _build(settings, say, force, embedder, stages, progress)


def _build(settings: Settings, say: Say, force: bool, embedder: Embedder | None, stages: Stages,
           progress: bool = False) -> BuildReport:
    report = BuildReport()
    started = time.perf_counter()
    result = _ingest(settings, say, stages, report, progress, force)
    current = None if force or embedder is not None else _unchanged(settings, result)
    if current is not None:
        report.unchanged = True
        report.build, manifest = current
        if not manifest.calibrated:
            report.problems.append(uncalibrated(settings.calibration_file, manifest.model.get("fingerprint", "")))
        return report

    t = time.perf_counter()
    if embedder is None:
        say("Model laden")
        embedder = load_embedder(settings)
    report.timings["model"] = time.perf_counter() - t
    calibration = load_calibration(settings.calibration_file, embedder.info.fingerprint)  # a damaged file: before
    staging = store.staging_dir(settings.data_dir)  # minutes of embedding, not after them
    try:
        write_ingest(result, staging, first_ingested(settings.data_dir))
        embedded = _embed(settings, embedder, result.passages, say, report, progress)
        say("Indexen schrijven en controleren")
        t = time.perf_counter()
        dense_kind = _write_indexes(staging, settings, embedded)
        report.timings["index"] = time.perf_counter() - t
        if not calibration:
            report.problems.append(uncalibrated(settings.calibration_file, embedder.info.fingerprint))
        report.build = store.publish(staging, settings.data_dir, check=lambda build, manifest: _try(build, manifest, embedder),
                                     manifest={
            "model": {**embedder.info.as_dict(), "setting": settings.model, "batch_size": embedded.batch_size},
            "dimensions": embedder.info.dimensions,
            "chunking": result.settings,
            "corpus": corpus_checksums(result),
            "index": {"dense": dense_kind, "passages": len(embedded.texts), "sentences": len(embedded.sentences),
                      "ingested": ingest_digest(result)},
            "search": SearchConfig(**calibration).model_dump(mode="json"),
            "calibrated": bool(calibration),
            "problems": result.problems,
        })
    except BaseException:
        store.discard(staging)
        raise
    report.timings["total"] = time.perf_counter() - started
    return report


def _try(build: Path, manifest: Manifest, embedder: Embedder) -> None:
    """Open the finished build as the service will and ask it a question; refuse to publish it otherwise."""
    try:
        Searcher(build, embedder, manifest).self_test()
    except Exception as exc:  # any failure at all means the build must not replace the last good one
        raise IndexMissing(f"De nieuwe index is niet in orde ({exc}); de vorige blijft in gebruik.") from exc


#: An ingest that would take at least this many documents, and more than half of the index's, out of it is refused
#: without ``--force``: a corpus folder set one level too deep (``…/corpus/g40``) emptied a shelf of thirteen.
MOST_REMOVED = 2


def _ingest(settings: Settings, say: Say, stages: Stages, report: BuildReport, progress: bool = False,
            force: bool = False) -> IngestResult:
    """Read and chunk the corpus; refuse a corpus without usable text before anything is built, and, unless
    ``force``d, one that would take most of the shelf out of the index (``MOST_REMOVED``)."""
    t = time.perf_counter()
    told = (lambda name: None) if progress else (lambda name: say(f"Lezen en indelen: {name}"))  # the bars say it
    known, contents = known_documents(settings.data_dir)
    result = ingest_corpus(settings, progress=told, stages=stages, bars=progress, known_ids=known,
                           known_contents=contents)
    report.timings["ingest"] = time.perf_counter() - t
    report.problems = list(result.problems)  # the build's notes (calibration) are not the files' problems
    report.documents = len(result.documents)
    report.pages = sum(d.source.page_count for d in result.documents)
    report.sections = sum(len(d.sections) for d in result.documents)
    report.passages = len(result.passages)
    ids = {d.source.id for d in result.documents}
    report.removed = sorted(file for file, document in known.items() if document not in ids)
    lost = [file for file in result.unreadable if file in known]
    if lost:  # a damaged copy of a report must not take the report out of the index, nor its links
        why = [p for p in result.problems if _about(p, lost)]
        reasons = "; ".join(re.split(r"; |\. ", p.split(": ", 1)[-1], maxsplit=1)[0].rstrip(".") for p in why)
        raise IndexMissing(
            f"{', '.join(lost)} {'staat' if len(lost) == 1 else 'staan'} in de index maar kon nu niet worden gelezen "
            f"({reasons}); de vorige index blijft in gebruik, zodat er "
            "niets uit verdwijnt. Herstel het bestand, of haal het uit de corpusmap als het document van de plank moet.",
            notes=[p for p in result.problems if p not in why])
    if not force and len(report.removed) >= MOST_REMOVED and len(report.removed) * 2 > len(known):
        shown = ", ".join(report.removed[:5]) + (" …" if len(report.removed) > 5 else "")
        raise IndexMissing(
            f"Deze ingest zou {len(report.removed)} van de {len(known)} documenten uit de index halen ({shown}): "
            f"staan ze niet meer in {settings.corpus_dir}? Klopt VRAAGBAAK_CORPUS_DIR? De vorige index blijft in "
            "gebruik. Moeten ze echt van de plank, voer dan 'vraagbaak ingest --force' uit.", notes=result.problems)
    if not result.passages:
        kept = "; de vorige index blijft in gebruik" if known else ""
        raise IndexMissing(
            f"Geen bruikbare tekst gevonden in {settings.corpus_dir}"
            f"{' (de redenen staan hierboven)' if result.problems else ''}{kept}. "
            "Zet rapporten (.txt in UTF-8 of .pdf) in de corpusmap.", notes=result.problems)
    return result


def _about(problem: str, files: list[str]) -> bool:
    """Whether an ingest problem ("file: ..." or "folder/: ...") concerns one of ``files``."""
    subject = problem.split(": ", 1)[0]
    return any(subject == file or (subject.endswith("/") and file.startswith(subject)) for file in files)


@dataclass
class Embedded:
    """Passage and sentence vectors; ``sentences`` are (passage row, start, end) in the passage's text."""

    texts: list[str]
    #: The document of each passage: the keyword index weighs a passage with its own document's statistics.
    documents: list[str]
    vectors: np.ndarray
    sentences: list[tuple[int, int, int]]
    sentence_vectors: np.ndarray
    #: Texts per forward pass they were embedded with (recorded in the manifest).
    batch_size: int


def _embed(settings: Settings, embedder: Embedder, passages: list[Passage], say: Say, report: BuildReport,
           progress: bool = False) -> Embedded:
    """Embed passages and their sentences, reusing the cache for every text embedded before."""
    t = time.perf_counter()
    cache = EmbeddingCache(Path(settings.data_dir) / "cache" / "embeddings", embedder.info.fingerprint,
                           embedder.info.dimensions, settings.batch_size or embedder.batch_size)
    texts = [p.embed_text for p in passages]
    sentences = [(i, a, b) for i, p in enumerate(passages) for a, b in sentence_spans(p.text)]
    sentence_texts = table_rows.sentence_texts(passages, sentences)
    vectors, new_passages = embed_cached(embedder, texts, cache, progress,
                                         lambda n: say(f"Inbedden: {n} van {len(texts)} passages"
                                                       + (" (de rest staat in de cache)" if n < len(texts) else "")))
    sentence_vectors, new_sentences = embed_cached(embedder, sentence_texts, cache, progress,
                                                   lambda n: say(f"Inbedden: {n} van {len(sentences)} zinnen"))
    cache.save({text_hash(t) for t in texts + sentence_texts})
    report.timings["embed"] = time.perf_counter() - t
    report.embedded, report.sentences = new_passages + new_sentences, len(sentences)
    return Embedded(texts, [p.document for p in passages], vectors, sentences, sentence_vectors, cache.batch_size)


def _write_indexes(staging: Path, settings: Settings, embedded: Embedded) -> str:
    """Vectors, FAISS and BM25 into the staging folder; returns the kind of dense index."""
    np.save(staging / "embeddings.npy", embedded.vectors, allow_pickle=False)
    np.save(staging / "sentences.npy", embedded.sentence_vectors, allow_pickle=False)
    (staging / "sentences.json").write_text(json.dumps(embedded.sentences))
    dense_index = dense.build_dense(embedded.vectors, settings.exact_search_limit)
    dense.save_dense(dense_index, staging / "dense.faiss")
    (staging / "keyword").mkdir()
    KeywordIndex.build(embedded.texts, embedded.documents).save(staging / "keyword")
    return dense.kind(dense_index)
