"""Candidate evaluation pairs from what people asked: helpful answers (``vraagbaak feedback export``) and
unanswered questions (the owners' export), one JSON line each in the ``eval/`` format, for a reviewer to
complete and add to the question set."""

from __future__ import annotations

import json

from vraagbaak.build_format import PATH_SEPARATOR, Passage

#: Why a feedback row gives no candidate pair, in the order ``vraagbaak feedback export`` says them.
PASSED_OVER = ("niet nuttig", "over een passage die niet meer in de index staat (de reactie blijft bewaard)",
               "zonder bewaarde vraag")


def candidate(id: str, question: str, kind: str, review: str, evidence: list[str] | None = None,
              document: str = "", section: str = "") -> str:
    """One line: the fields of ``eval.dataset.QAPair`` (the answer left to the reviewer) and ``review``, what the
    reviewer should check."""
    pair = {"id": id, "question": question, "answer": "", "evidence": evidence or [], "document": document,
            "section": section, "kind": kind, **({"subkind": ""} if kind == "unanswerable" else {}), "review": review}
    return json.dumps(pair, ensure_ascii=False) + "\n"


def passed_over(row: dict, passages: dict[str, Passage]) -> str | None:
    """Which of ``PASSED_OVER`` keeps a feedback row out of the candidate pairs, or None."""
    if not row["helpful"]:
        return PASSED_OVER[0]
    if row["passage_id"] not in passages:
        return PASSED_OVER[1]
    if not row["question"]:
        return PASSED_OVER[2]  # no text kept: no pair to evaluate
    return None


def from_feedback(rows: list[dict], passages: dict[str, Passage]) -> str:
    """Helpful answers as pairs to review. The evidence is the passage's first sentence (cut to 120 characters at
    a word), which a reviewer replaces by the sentence that answers; the answer is left for them to write."""
    lines = []
    for row in rows:
        if passed_over(row, passages):
            continue
        passage = passages[row["passage_id"]]
        first = passage.text.split(". ")[0]
        evidence = first if len(first) <= 120 else first[:120].rsplit(" ", 1)[0]
        if len(evidence) < 30:
            evidence = passage.text[:120].rsplit(" ", 1)[0]
        lines.append(candidate(f"feedback-{row['id']}", row["question"], "fact", row["comment"] or "", [evidence],
                               passage.document, PATH_SEPARATOR.join(passage.citation.section)))
    return "".join(lines)


def from_unanswered(rows: list[dict]) -> str:
    """Unanswered questions (``QuestionLog.group_questions``), each text once, as pairs of the kind
    ``unanswerable``: the reviewer decides whether a report answers them after all."""
    seen: set[str] = set()
    lines = []
    for row in rows:
        question = row["question"]
        if not question or question in seen:
            continue
        seen.add(question)
        lines.append(candidate(f"vraag-{row['id']}", question, "unanswerable",
                               f"{row['status']} op {row['asked'][:10]} (groep {row['grp']}): staat het antwoord wel in "
                               "een rapport? Vul dan answer, evidence, document en kind in.", section=row["nearest"]))
    return "".join(lines)
