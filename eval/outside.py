"""Questions about reports the calibration never saw: `python -m vraagbaak.eval.outside` (in `make bench`).

``eval/outside/NAME.jsonl`` holds questions about one public report, ``../shared/corpus-extra/NAME.txt`` (or
``.pdf``, read from the PDF as published),
written by a writer who read only that report, not the code: answerable questions of every kind, near
misses and off-topic questions. ``NAME.second.jsonl`` is a second set about the same report by another
such writer, written later. Both were read once to see what went wrong (the README says what that
led to). Each report is indexed alone in a temporary folder and each of
its sets is asked through the pipeline as the service asks it. Nothing was fitted on these questions or
reports, so the figures show how the ranking, the answer model and its thresholds carry over to a
document of another organisation. Figures are printed, never asserted.
"""

from __future__ import annotations

import argparse
import json
import shutil
import tempfile
from pathlib import Path

from vraagbaak.cli import friendly
from vraagbaak.config import Settings, get_settings
from vraagbaak.eval import dataset
from vraagbaak.eval.report import format_figure
from vraagbaak.eval.run import PipelineRetriever, evaluate
from vraagbaak.eval.shelf_bench import EXTRA
from vraagbaak.index.build import build_index
from vraagbaak.index.model import load_embedder
from vraagbaak.index.search import Searcher

SETS = Path(__file__).resolve().parent / "outside"
SHOWN = ("recall@1", "recall@5", "mrr@10", "answerable_answered", "answerable_not_found", "near_miss_answered",
         "off_topic_not_found", "answerable_precision", "answered_precision")


def outside_sets() -> list[tuple[Path, Path]]:
    """Each question file with the report it asks about (``NAME.jsonl`` and ``NAME.second.jsonl``: ``NAME.txt``)."""
    return [(questions, _report(questions)) for questions in sorted(SETS.glob("*.jsonl"))]


def _report(questions: Path) -> Path:
    """``NAME.jsonl`` and ``NAME.second.jsonl`` ask about ``NAME.txt`` or ``NAME.pdf``."""
    stem = questions.name.removesuffix(".jsonl")
    for name in (stem, stem.rsplit(".", 1)[0]):
        for suffix in (".txt", ".pdf"):
            if (EXTRA / f"{name}{suffix}").exists():
                return EXTRA / f"{name}{suffix}"
    return EXTRA / f"{stem}.txt"


@friendly
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    embedder = load_embedder(get_settings())
    figures: dict[str, dict] = {}
    sets: dict[Path, list[Path]] = {}
    for questions, report in outside_sets():
        sets.setdefault(report, []).append(questions)
    for report, files in sets.items():
        with tempfile.TemporaryDirectory() as tmp:
            settings = Settings(corpus_dir=Path(tmp) / "corpus", data_dir=Path(tmp) / "data")
            settings.corpus_dir.mkdir()
            shutil.copy(report, settings.corpus_dir)
            build_index(settings, embedder=embedder)
            searcher = Searcher.load(settings, embedder=embedder)
            for questions in files:
                pairs = dataset.load(questions)
                result = evaluate(PipelineRetriever(searcher), pairs, [p.text for p in searcher.passages],
                                  questions.stem)
                figures[questions.stem] = {"questions": len(pairs), **result.summary()}
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print("  ".join(["question set".ljust(39), "questions", *(s[:22] for s in SHOWN)]))
    for name, s in figures.items():
        print("  ".join([name.ljust(39), str(s["questions"]).ljust(9),
                         *(format_figure(k, s.get(k)) for k in SHOWN)]))


if __name__ == "__main__":
    main()
