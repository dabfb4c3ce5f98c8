"""PDF reading measured: `python -m vraagbaak.eval.pdf_bench` prints how well a laid-out PDF of the report reads.

The bundled report is laid out as a two-column A4 PDF with a known truth (``eval.pdf_report``), once
per hyphen character, and ingested. Printed: headings that became sections with the right path,
line-end breaks joined correctly, running-header text left in passages, passages that start
mid-sentence, reading time per 10 pages, and (with ``--retrieval``) the evaluation's recall@5 and
MRR@10 on the PDF against the ``.txt`` of the same report.
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import tempfile
import time
from pathlib import Path

from vraagbaak.cli import friendly
from vraagbaak.config import Settings, get_settings
from vraagbaak.eval.pdf_report import Truth, make_pdf, sections_of_text_report
from vraagbaak.ingest.pipeline import IngestedDocument, ingest_corpus
from vraagbaak.ingest.read import TextReader

REPORT = Path(__file__).resolve().parents[1] / "corpus" / "g40" / "g40-jaarverslag-2023.txt"
HYPHENS = {"U+2010": "\u2010", "ascii": "-", "soft": "\u00ad"}


def structure_figures(truth: Truth, document: IngestedDocument) -> dict[str, float]:
    found = [s.path for s in document.sections if s.path]
    text = " ".join(" ".join(p.text for s in document.sections for p in s.paragraphs).split())
    wrong = 0
    for b in truth.breaks:
        bad = [b.left[:-1] + b.right] if b.compound else [b.left + "-" + b.right, b.left + " " + b.right]
        if any(re.search(rf"(?<!\w){re.escape(form)}(?!\w)", text) for form in bad) or b.joined not in text:
            wrong += 1
    header = " ".join(truth.header.split())
    return {
        "pages": truth.pages,
        "headings": len(truth.headings),
        "headings_found": sum(1 for h in truth.headings if h in found) / len(truth.headings),
        "breaks": len(truth.breaks),
        "breaks_joined_correctly": 1 - wrong / len(truth.breaks),
        "passages": len(document.passages),
        "passages_with_header_text": sum(header in p.text for p in document.passages),
        "passages_starting_mid_sentence": sum(p.text[:1].islower() for p in document.passages),
        "passages_over_two_pages": sum(p.citation.page_end > p.citation.page for p in document.passages),
    }


def reading_seconds_per_10_pages(path: Path, pages: int, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        started = time.perf_counter()
        TextReader().read(path)
        best = min(best, time.perf_counter() - started)
    return best / pages * 10


def retrieval(corpus: Path, qa: Path | None) -> dict[str, float]:
    from vraagbaak.eval import dataset, run
    from vraagbaak.index.build import build_index

    with tempfile.TemporaryDirectory() as data:
        settings = Settings(corpus_dir=corpus, data_dir=Path(data))
        build_index(settings)
        summary = run.run(settings, dataset.load(qa or dataset.DEFAULT_QA), compare=False)[0].summary()
    return {k: round(summary[k], 4) for k in ("recall@1", "recall@5", "mrr@10")}


@friendly
def main() -> None:
    get_settings()  # a wrong VRAAGBAAK_* value is one Dutch line, not a traceback
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--retrieval", action="store_true", help="also build both indexes and run the evaluation")
    parser.add_argument("--qa", type=Path, help="question set for --retrieval (default: eval/qa.jsonl)")
    args = parser.parse_args()
    sections = sections_of_text_report(REPORT)
    figures: dict[str, object] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, hyphen in HYPHENS.items():
            folder = Path(tmp) / name
            folder.mkdir()
            truth = make_pdf(folder / "g40-jaarverslag-2023.pdf", sections, hyphen=hyphen)
            [document] = ingest_corpus(Settings(corpus_dir=folder)).documents
            figures[name] = structure_figures(truth, document)
            figures[name]["read_s_per_10_pages"] = round(reading_seconds_per_10_pages(
                folder / "g40-jaarverslag-2023.pdf", truth.pages), 3)
        if args.retrieval:
            text_corpus = Path(tmp) / "txt"
            text_corpus.mkdir()
            shutil.copy(REPORT, text_corpus)
            figures["retrieval"] = {"txt": retrieval(text_corpus, args.qa), "pdf": retrieval(Path(tmp) / "U+2010", args.qa)}
    print(json.dumps(figures, indent=1))


if __name__ == "__main__":
    main()
