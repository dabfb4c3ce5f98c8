"""The shelf benchmark: `python -m vraagbaak.eval.shelf_bench` (part of `make bench`).

Builds a shelf of reports in a temporary folder: the G40 report in collection ``g40``, the real
public documents of ``../shared/corpus-extra`` (and any ``--extra`` folder) in collection
``overheid``. Then it prints:

* ingest from scratch, split by stage; re-ingest after removing one report (its passages must be
  gone), after putting it back (the cache still holds its texts), and after adding it as a new report
  (its texts taken out of the cache first: only they may be embedded);
* the question set's figures three ways: on the G40 report alone, on the shelf scoped to the
  ``g40`` collection, and on the whole shelf unscoped, with how often the first passage comes
  from another document;
* with ``--http``: the service on the shelf (``--workers N`` processes, 1 by default), HTTP p50,
  requests/s with 16 clients, and a worker's resident memory after that load.

Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
import time
from pathlib import Path

from vraagbaak.build_format import PATH_SEPARATOR
from vraagbaak.cli import friendly
from vraagbaak.config import Settings, get_settings
from vraagbaak.eval import dataset
from vraagbaak.eval.baselines import Chunk, Ranking
from vraagbaak.eval.bench import bench_http
from vraagbaak.eval.report import format_figure
from vraagbaak.eval.run import K, evaluate
from vraagbaak.index import store, table_rows
from vraagbaak.index.build import build_index
from vraagbaak.index.embed import EmbeddingCache, text_hash
from vraagbaak.index.model import load_embedder
from vraagbaak.index.scope import Scope
from vraagbaak.index.search import Searcher

ROOT = Path(__file__).resolve().parents[1]
EXTRA = ROOT.parent / "shared" / "corpus-extra"
REPORT = ROOT / "corpus" / "g40" / "g40-jaarverslag-2023.txt"
#: The report taken off the shelf and put back, to measure a re-ingest.
REMOVED = "rijksoverheid-jaarverslag-2018.txt"
SHOWN = ("recall@1", "recall@5", "mrr@10", "answerable_answered", "answerable_not_found", "near_miss_answered",
         "off_topic_not_found", "answerable_precision", "answered_precision", "latency_p50_ms")


class ScopedRetriever:
    """The pipeline as the service runs it, within a scope; remembers which document came first."""

    def __init__(self, searcher: Searcher, scope: Scope | None = None) -> None:
        self.searcher = searcher
        self.scope = scope
        self.first_documents: list[str] = []

    def rank(self, question: str, k: int = K) -> Ranking:
        result = self.searcher.search(question, k, abstain=False, scope=self.scope)
        self.first_documents.append(result.hits[0].passage.document if result.hits else "")
        return Ranking([Chunk(h.passage.text, PATH_SEPARATOR.join(h.passage.citation.section)) for h in result.hits],
                       result.status, result.confidence)


def make_shelf(corpus: Path, extras: list[Path]) -> None:
    (corpus / "g40").mkdir(parents=True)
    shutil.copy(REPORT, corpus / "g40")
    (corpus / "overheid").mkdir()
    for folder in [EXTRA, *extras]:
        for path in sorted(Path(folder).iterdir()):
            if path.suffix.lower() in (".txt", ".pdf"):
                shutil.copy(path, corpus / "overheid")


def shelf_text_bytes(corpus: Path) -> int:
    return sum(p.stat().st_size for p in corpus.rglob("*") if p.suffix.lower() in (".txt", ".pdf"))


def bench_ingest(settings: Settings, embedder) -> dict:
    t = time.perf_counter()
    full = build_index(settings, embedder=embedder, force=True)
    scratch = time.perf_counter() - t
    corpus = Path(settings.corpus_dir)
    aside = corpus.parent / REMOVED
    shutil.move(corpus / "overheid" / REMOVED, aside)
    removed = build_index(settings, embedder=embedder)
    gone = not any(p.citation.file.endswith(REMOVED) for p in store.read_passages(store.current_build(settings.data_dir)))
    shutil.move(aside, corpus / "overheid" / REMOVED)
    t = time.perf_counter()
    put_back = build_index(settings, embedder=embedder)  # the cache still holds its texts
    put_back_seconds = time.perf_counter() - t
    shutil.move(corpus / "overheid" / REMOVED, aside)
    build_index(settings, embedder=embedder)
    forget_earlier_texts(settings)  # as if it had never been on the shelf: a report that is really new
    shutil.move(aside, corpus / "overheid" / REMOVED)
    t = time.perf_counter()
    added = build_index(settings, embedder=embedder)
    return {
        "documents": full.documents, "pages": full.pages, "passages": full.passages, "sentences": full.sentences,
        "text_bytes": shelf_text_bytes(corpus),
        "scratch_seconds": round(scratch, 1), "scratch_stages": {k: round(v, 1) for k, v in full.timings.items()},
        "removed_report_gone": gone, "removed_reembedded": removed.embedded,
        "put_back_seconds": round(put_back_seconds, 1), "put_back_embedded": put_back.embedded,
        "added_back_seconds": round(time.perf_counter() - t, 1), "added_back_embedded": added.embedded,
        "added_back_report_texts": full.passages + full.sentences - (removed.passages + removed.sentences),
        "problems": full.problems,
    }


def forget_earlier_texts(settings: Settings) -> None:
    """Keep in the embedding cache only the current build's texts (the cache keeps earlier builds' too)."""
    build = store.current_build(settings.data_dir)
    passages = store.read_passages(build)
    sentences = json.loads((build / "sentences.json").read_text())
    keep = {text_hash(t) for t in [p.embed_text for p in passages] + table_rows.sentence_texts(passages, sentences)}
    dimensions = store.read_manifest(build).dimensions
    for folder in (Path(settings.data_dir) / "cache" / "embeddings").glob("*/batch-*"):
        cache = EmbeddingCache(folder.parent.parent, folder.parent.name, dimensions, int(folder.name.split("-")[1]))
        cache.vectors = {k: v for k, v in cache.vectors.items() if k in keep}
        cache.save()


@friendly
def main(argv: list[str] | None = None) -> None:
    get_settings()  # a wrong VRAAGBAAK_* value is one Dutch line, not a traceback
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--extra", action="append", type=Path, default=[],
                        help="another folder of reports for the shelf")
    parser.add_argument("--part", choices=("test", "tuning", "all"), default="test", help="questions to ask")
    parser.add_argument("--http", action="store_true", help="also measure the service on the shelf")
    parser.add_argument("--workers", type=int, default=1, choices=range(1, 33), metavar="N",
                        help="worker processes of the measured service (1-32)")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = [p for p in dataset.load() if args.part == "all" or p.part == args.part]
    figures: dict = {"questions": len(pairs), "part": args.part}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        make_shelf(work / "corpus", args.extra)
        settings = Settings(corpus_dir=work / "corpus", data_dir=work / "data")
        t = time.perf_counter()
        embedder = load_embedder(settings)
        figures["model_load_seconds"] = round(time.perf_counter() - t, 1)
        figures["ingest"] = bench_ingest(settings, embedder)
        single = settings.model_copy(update={"corpus_dir": work / "single", "data_dir": work / "single-data"})
        (work / "single").mkdir()
        shutil.copy(REPORT, work / "single")
        shutil.copytree(work / "data" / "cache", work / "single-data" / "cache")
        build_index(single, embedder=embedder)
        rows = {}
        configurations = (("single document", single, None),
                          ("shelf, scoped to g40", settings, Scope(collections=["g40"])),
                          ("shelf, unscoped", settings, None))
        for name, config, scope in configurations:
            searcher = Searcher.load(config, embedder=embedder)
            retriever = ScopedRetriever(searcher, scope)
            result = evaluate(retriever, pairs, [p.text for p in searcher.passages], name)
            summary = result.summary()
            answerable = [i for i, p in enumerate(pairs) if p.answerable]
            summary["first_from_other_document"] = sum(
                1 for i in answerable if retriever.first_documents[i] not in ("", pairs[i].document))
            rows[name] = summary
        figures["quality"] = rows
        if args.http:
            figures["http"] = bench_http(settings, [p.question for p in pairs], workers=args.workers)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    i = figures["ingest"]
    print(f"Shelf: {i['documents']} documents, {i['text_bytes'] / 1e6:.2f} MB of files, {i['pages']} pages, "
          f"{i['passages']} passages, {i['sentences']} sentences")
    stages = ", ".join(f"{k} {v} s" for k, v in i["scratch_stages"].items())
    print(f"Ingest from scratch: {i['scratch_seconds']} s ({stages}); model load apart: {figures['model_load_seconds']} s")
    print(f"Re-ingest without {REMOVED}: its passages gone: {i['removed_report_gone']}; "
          f"texts embedded: {i['removed_reembedded']}")
    print(f"Re-ingest with it put back: {i['put_back_seconds']} s; texts embedded: {i['put_back_embedded']} "
          "(the cache keeps earlier builds' texts)")
    print(f"Re-ingest with it added as new (its texts gone from the cache): {i['added_back_seconds']} s; texts "
          f"embedded: {i['added_back_embedded']} (the report has {i['added_back_report_texts']})")
    print(f"\nQuestions: {figures['questions']} ({figures['part']} part)")
    print("  ".join(["configuration".ljust(22), *(s[:22] for s in SHOWN), "first from other doc"]))
    for name, s in rows.items():
        print("  ".join([name.ljust(22), *(format_figure(k, s.get(k)) for k in SHOWN),
                         str(s["first_from_other_document"])]))
    if "http" in figures:
        h = figures["http"]
        c = h["concurrent_16"]
        print(f"\nService on the shelf, {h['workers']} worker(s): HTTP p50 {h['http_ms']['p50']} ms, "
              f"p95 {h['http_ms']['p95']} ms; "
              f"16 clients: {c['requests_per_second']} requests/s, {c['errors']} errors; "
              f"resident memory after the load: {h['rss_mb_per_worker']:.0f} MB")


if __name__ == "__main__":
    main()
