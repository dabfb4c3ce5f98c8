"""Reading-order repair: put text that begins mid-sentence back after the text it continues.

Extraction of a two-column page often emits the columns out of order, so a page (or a block)
starts in lower case with the end of a sentence whose beginning stands elsewhere, usually at the
foot of a column on the same page or the page before. Each such block is paired with the
dangling text that continues best, on evidence:

* adjacent on one page (only a column break between them): near certain;
* a hyphenated fragment completed into a known word ("samenwer-" + "king"): strong;
* adjacent across a page break, the same page, then the page before, then the page after:
  weaker, in that order.

The pairing that scores best in total wins (an assignment problem, solved with SciPy), so a
plausible pair never steals the only partner of another block. A block without a plausible
partner stays where it is, and so does one right after a colon or a semicolon on its page: a list's items in
lower case ("Deze bestaan uit:" / "asbestsanering …: € 310.000;") were put after a letter's "Hoogachtend,".
Text is only moved, never changed or invented.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy.optimize import linear_sum_assignment

from vraagbaak.ingest.blocks import Block
from vraagbaak.ingest.clean import WORD, Vocabulary, zipf_nl

ADJACENT, KNOWN_WORD, FRAGMENT = 100, 40, 20
NEXT_PAGE, SAME_PAGE, PAGE_BEFORE, PAGE_AFTER = 35, 30, 20, 10
#: A first word this common (Zipf) cannot be the tail of a hyphenated fragment.
COMMON_ZIPF = 4.0
#: A first word the corpus never spells alone and Dutch rarely uses (Zipf below this) is probably the
#: tail of a word hyphenated at the end of another block.
FRAGMENT_ZIPF = 3.5


@dataclass(frozen=True)
class Pair:
    score: int
    distance: int
    start: Block  # begins mid-sentence
    end: Block  # the dangling text it continues


def repair_order(blocks: list[Block], vocab: Vocabulary) -> list[Block]:
    """Return the blocks in repaired order, with ``continues`` set on every rejoined block.

    A start takes along its run: the blocks after it on the same page, up to a heading, another
    start, or a dangling block (the foot of its column), which it includes.
    """
    pairs = sorted(_best_pairing(_pairs(blocks, vocab)), key=lambda p: (-p.score, p.distance))
    is_start = {id(p.start) for p in pairs}
    runs = {id(p.start): _run(blocks, p.start, is_start) for p in pairs}
    owner = {id(b): p.start for p in pairs for b in runs[id(p.start)]}
    follows: dict[int, Block] = {}  # end -> the start placed after it
    placed_after: dict[int, Block] = {}  # start -> its end
    for pair in pairs:
        if not _closes_cycle(pair, owner, placed_after):
            follows[id(pair.end)] = pair.start
            placed_after[id(pair.start)] = pair.end
            pair.start.continues = True
    placed = {id(b) for start in follows.values() for b in runs[id(start)]}
    order: list[Block] = []

    def emit(block: Block) -> None:
        order.append(block)
        if id(block) in follows:
            for b in runs[id(follows[id(block)])]:
                emit(b)

    for block in blocks:
        if id(block) not in placed:
            emit(block)
    return order


def _run(blocks: list[Block], start: Block, is_start: set[int]) -> list[Block]:
    run = [start]
    for block in blocks[blocks.index(start) + 1:]:
        if (run[-1].dangling or block.kind == "heading" or block.page != start.page or id(block) in is_start):
            break
        run.append(block)
    return run


def _closes_cycle(pair: Pair, owner: dict[int, Block], placed_after: dict[int, Block]) -> bool:
    """Would placing ``pair.start`` after ``pair.end`` make a run end up inside itself?"""
    block: Block | None = pair.end
    seen: set[int] = set()
    while block is not None and id(block) not in seen:
        seen.add(id(block))
        run_start = owner.get(id(block))
        if run_start is None:
            return False
        if run_start is pair.start:
            return True
        block = placed_after.get(id(run_start))
    return False


def _best_pairing(pairs: list[Pair]) -> list[Pair]:
    """Each start and each end used at most once, maximising the total score."""
    if not pairs:
        return []
    starts = list({id(p.start): p.start for p in pairs}.values())
    ends = list({id(p.end): p.end for p in pairs}.values())
    row = {id(b): i for i, b in enumerate(starts)}
    col = {id(b): j for j, b in enumerate(ends)}
    weight = np.zeros((len(starts), len(ends)))
    chosen: dict[tuple[int, int], Pair] = {}
    for p in pairs:
        key = (row[id(p.start)], col[id(p.end)])
        weight[key] = p.score * 1000 - p.distance  # nearer wins a tie
        chosen[key] = p
    rows, cols = linear_sum_assignment(weight, maximize=True)
    return [chosen[(r, c)] for r, c in zip(rows, cols) if (r, c) in chosen]


def _pairs(blocks: list[Block], vocab: Vocabulary) -> list[Pair]:
    content = [b for b in blocks if b.kind != "links"]
    position = {id(b): i for i, b in enumerate(content)}
    starts = [b for i, b in enumerate(content) if b.kind == "text" and b.starts_lowercase
              and not (i and content[i - 1].page == b.page and content[i - 1].text.rstrip().endswith((":", ";")))]
    ends = [b for b in content if b.dangling]
    pairs = []
    for start in starts:
        first = (WORD.search(start.text) or [""])[0]
        fragment = bool(first) and vocab.count(first) == 0 and zipf_nl(first.lower()) < FRAGMENT_ZIPF
        for end in ends:
            if end is start:
                continue
            distance = position[id(start)] - position[id(end)]
            score = _score(start, end, distance, first, fragment, vocab)
            if score > 0:
                pairs.append(Pair(score, abs(distance), start, end))
    return pairs


def _score(start: Block, end: Block, distance: int, first: str, fragment: bool, vocab: Vocabulary) -> int:
    pages = start.page - end.page
    if distance == 1:
        score = ADJACENT if pages == 0 else NEXT_PAGE
    else:
        score = {0: SAME_PAGE, 1: PAGE_BEFORE, -1: PAGE_AFTER}.get(pages, 0)
    if not score:
        return 0
    if end.text.endswith("-"):
        stem = end.text.rsplit(" ", 1)[-1].rstrip("-").rsplit("-", 1)[-1]
        if vocab.is_word(stem + first):
            score += KNOWN_WORD
        elif fragment:
            score += FRAGMENT
        elif zipf_nl(first.lower()) >= COMMON_ZIPF or not first:
            return 0  # "samenwer-" + "het": not a word break
    elif fragment:
        score -= FRAGMENT  # a word fragment needs a hyphen before it
    return max(score, 0)
