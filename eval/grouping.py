"""How well unanswered questions are grouped by meaning: `python -m vraagbaak.eval.grouping`.

``eval/paraphrases.jsonl`` holds 100 pairs of questions, written for this by reading the report:
50 pairs that mean the same thing in other words, 50 that do not (half of them on the same theme).
Every question goes into a fresh question log as not answered, in a shuffled order, and is
grouped as the service groups them. The figures: the share of same-meaning pairs that end up in
one group (target at least 0.80) and the share of other pairs that share a group (at most 0.10).
A question joins the first group it fits, so the figures depend on the order the questions came
in: they are the mean over ``ORDERS`` shuffled orders, with the lowest and highest. The similarity
threshold is chosen on the pairs with odd ids (tuning) and reported on the pairs with even ids (test).
"""

from __future__ import annotations

import argparse
import json
import random
import tempfile
from datetime import UTC, datetime, timedelta
from pathlib import Path

from vraagbaak.cli import friendly
from vraagbaak.config import get_settings
from vraagbaak.index.model import load_embedder
from vraagbaak.service.question_log import GROUP_SIMILARITY, Asked, QuestionLog

PAIRS = Path(__file__).resolve().parent / "paraphrases.jsonl"
THRESHOLDS = (0.84, 0.86, 0.88, 0.89, 0.9, 0.91, 0.92)
ORDERS = 10


def load_pairs(path: Path = PAIRS) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def part(pair: dict) -> str:
    return "tuning" if int(pair["id"].rsplit("-", 1)[1]) % 2 else "test"


def grouped_together(pairs: list[dict], vectors: dict[str, object], similarity: float, order: int = 0) -> list[bool]:
    """For each pair: did both questions land in the same group, asked in shuffled order number ``order``?"""
    questions = sorted({q for p in pairs for q in (p["a"], p["b"])})
    random.Random(40 + order).shuffle(questions)
    with tempfile.TemporaryDirectory() as tmp:
        log = QuestionLog(Path(tmp) / "questions.sqlite3", retention_days=3650)  # an hour apart, none expires
        start = datetime.now(UTC) - timedelta(hours=len(questions))  # an hour apart: rows within one hour have no order
        row_of = {q: log.add(Asked(q, "not_found", 0.0, [], "", 0.0, [], vectors[q]), now=start + timedelta(hours=i))
                  for i, q in enumerate(questions)}
        log.assign_groups(similarity)
        with log._connect() as db:
            group_of_row = dict(db.execute("SELECT id, grp FROM questions"))
    return [group_of_row[row_of[p["a"]]] == group_of_row[row_of[p["b"]]] for p in pairs]


def figures(pairs: list[dict], vectors: dict, similarity: float, orders: int = ORDERS) -> dict[str, object]:
    same_shares, other_shares = [], []
    for order in range(orders):
        together = grouped_together(pairs, vectors, similarity, order)
        same = [t for t, p in zip(together, pairs) if p["same"]]
        other = [t for t, p in zip(together, pairs) if not p["same"]]
        same_shares.append(sum(same) / len(same))
        other_shares.append(sum(other) / len(other))
    return {"similarity": similarity, "orders": orders,
            "same_together": sum(same_shares) / orders, "others_together": sum(other_shares) / orders,
            "same_together_range": [min(same_shares), max(same_shares)],
            "others_together_range": [min(other_shares), max(other_shares)],
            "same_pairs": len(same), "other_pairs": len(other)}


@friendly
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    pairs = load_pairs()
    embedder = load_embedder(get_settings())
    questions = sorted({q for p in pairs for q in (p["a"], p["b"])})
    vectors = {q: embedder.encode_queries([q])[0] for q in questions}  # one at a time, as the service does
    tuning = [figures([p for p in pairs if part(p) == "tuning"], vectors, t) for t in THRESHOLDS]
    test = figures([p for p in pairs if part(p) == "test"], vectors, GROUP_SIMILARITY)
    if args.json:
        print(json.dumps({"tuning": tuning, "test": test}, indent=2))
        return
    print(f"Mean over {ORDERS} orders of asking (lowest-highest).")
    print("Tuning pairs (odd ids), by threshold: same meaning together / others together")
    for f in tuning:
        print(f"  {f['similarity']:.2f}: {f['same_together']:.2f} / {f['others_together']:.2f}")
    print(f"Test pairs (even ids) at the service's threshold {GROUP_SIMILARITY}: same meaning together "
          f"{test['same_together']:.2f} ({_span(test['same_together_range'])}; {test['same_pairs']} pairs, "
          f"target >= 0.80), others together {test['others_together']:.2f} ({_span(test['others_together_range'])}; "
          f"{test['other_pairs']} pairs, target <= 0.10)")


def _span(values: list[float]) -> str:
    return f"{values[0]:.2f}-{values[1]:.2f}"


if __name__ == "__main__":
    main()
