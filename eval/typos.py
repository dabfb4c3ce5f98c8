"""Questions with a typing error in their key word: `python -m vraagbaak.eval.typos`.

People type "voorziter" and "asielopvnag". The question set's own typo questions err in words that
matter little; here every answerable question of a part gets one error in its rarest word (the one
with the fewest passages, of six letters or more: the word that finds the passage), drawn with a
fixed seed from the errors people make (a letter left out, doubled, swapped with its neighbour, or
a neighbouring key), and the set is asked with and without the correction of typing errors.
Nothing is fitted on these questions.
"""

from __future__ import annotations

import argparse
import json
import random

from vraagbaak.cli import friendly
from vraagbaak.config import Settings, get_settings
from vraagbaak.eval import dataset
from vraagbaak.eval.dataset import QAPair
from vraagbaak.eval.run import PipelineRetriever, evaluate, with_config
from vraagbaak.index.keyword import fold
from vraagbaak.index.model import Embedder
from vraagbaak.index.search import Searcher
from vraagbaak.index.spelling import WORD

MIN_LENGTH = 6
SEED = 40
#: Keys next to each other on a QWERTY keyboard (the letters of a Dutch one).
NEIGHBOURS = {row[i]: row[max(i - 1, 0):i] + row[i + 1:i + 2]
              for row in ("qwertyuiop", "asdfghjkl", "zxcvbnm") for i in range(len(row))}


def misspell(word: str, rng: random.Random) -> str:
    """One typing error inside the word (the first letter stays: people rarely get that wrong)."""
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(("leave out", "double", "swap", "neighbour"))
    if kind == "leave out":
        return word[:i] + word[i + 1:]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "swap" and word[i] != word[i + 1]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2:]
    near = NEIGHBOURS.get(word[i], "")
    return word[:i] + rng.choice(near) + word[i + 1:] if near else word[:i] + word[i + 1:]


def with_typos(pairs: list[QAPair], searcher: Searcher, seed: int = SEED) -> list[QAPair]:
    """Each answerable question with one error in its rarest long word (questions without such a word are left out)."""
    rng = random.Random(seed)
    counts = searcher.speller.counts
    changed = []
    for pair in pairs:
        if not pair.answerable:
            continue
        candidates = [m for m in WORD.finditer(pair.question) if len(m.group()) >= MIN_LENGTH and fold(m.group()) in counts]
        if not candidates:
            continue
        word = min(candidates, key=lambda m: (counts[fold(m.group())], m.start()))
        question = pair.question[:word.start()] + misspell(word.group(), rng) + pair.question[word.end():]
        changed.append(pair.model_copy(update={"question": question, "kind": "typo"}))
    return changed


def measure(settings: Settings, part: str, embedder: Embedder | None = None) -> dict:
    searcher = Searcher.load(settings, embedder=embedder)
    texts = [p.text for p in searcher.passages]
    pairs = dataset.part(dataset.load(), part)
    typos = with_typos(pairs, searcher)
    originals = [p for p in pairs if p.id in {t.id for t in typos}]
    figures = {"part": part, "questions": len(typos),
               "corrected": sum(1 for t in typos if searcher.prepare(t.question)[2])}
    for name, variant, asked in (("as_written", searcher, originals), ("typos_corrected", searcher, typos),
                                 ("typos_as_typed", with_config(searcher, spelling=False), typos)):
        summary = evaluate(PipelineRetriever(variant), asked, texts, name).summary()
        figures[name] = {k: round(summary[k], 3) for k in ("recall@1", "recall@5", "mrr@10", "answerable_answered",
                                                           "answerable_not_found")}
    return figures


@friendly
def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("test", "tuning"), default="test")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    figures = measure(get_settings(), args.part)
    if args.json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['questions']} answerable questions of the {args.part} part, one typing error in the rarest word "
          f"({figures['corrected']} corrected)")
    for name in ("as_written", "typos_corrected", "typos_as_typed"):
        row = figures[name]
        print(f"  {name:16} " + "  ".join(f"{k} {v:.3f}" for k, v in row.items()))


if __name__ == "__main__":
    main()
