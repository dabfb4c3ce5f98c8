"""Find headings among blocks and decide how they nest.

No list of heading words (but the labels below): a heading is a short block that does not read as a sentence. Its level
comes from evidence in the document itself:

* a heading followed directly by another heading is a container (a top section), and so is
  every heading that shares its first word ("Pijler Sociaal" like "Pijler Fysiek");
* a page title that extraction put at the foot of its page, in the middle of a sentence, is a
  top section and moves back to the top of its page;
* a heading that opens a page and belongs to no family of headings is a top section too;
* every other heading is a section inside the top section before it.

A text whose headings are numbered ("1", "1.1", "3.4.4") has an outline: numbered heading lines
that follow one another as an outline does (the next number one deeper, or one more at some level;
at least four, not all on the first level, which would be a numbered list) are headings at the depth
of their number, also where extraction ran them into the paragraph below, and every other heading
sits inside the numbered section before it. A footnote ("48 Kamerstukken II, …") or a table's label
then cannot become a top section.

A line that a word naming a part of a document and a counting number open ("Agendapunt 3. Vragenuur", "Artikel 4
Bezwaar": the one word list here, ``LABELS``) is a heading where at least three of one word count up, each with text
of its own under it: a decision list's items that run on into their decisions.

Where the reader knows fonts (PDF), they decide instead: a short block set larger than the body
text, or bold where the body is not, is a heading, and its level is the rank of its size among
the headings' sizes (the largest is level 1; of one size, capitals rank above the rest); but where
those headings are numbered as an outline, the numbers decide how they nest.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from vraagbaak.ingest.blocks import CLOSERS, OPENERS, Block
from vraagbaak.ingest.clean import Reflower
from vraagbaak.ingest.links import URL

MAX_HEADING_CHARS = 90
MAX_HEADING_WORDS = 14
MAX_HEADING_LINES = 2
#: A numbered item's title in a chain of them may be longer: "4. Beantwoording schriftelijke vragen fractie Lokaal
#: Oostervelde over de sluiting van zwembad De Wielen" over its decision; the count up says it is an item.
MAX_ITEM_CHARS = 160
MAX_ITEM_WORDS = 24
#: Words a longer item line does not end in: it is then a sentence wrapped over lines ("… dat de raad in"), no title.
TRAILING_WORDS = frozenset("""de het een en of in op aan van voor met tot bij door naar over uit om te dat die als dan
maar want zodat wordt worden is zijn heeft hebben kan""".split())
#: A block set at least this much larger than the body text is a heading (font sizes known).
HEADING_SIZE_RATIO = 1.12
#: Headings set in a font can run over more lines and words than the text rules allow.
MAX_FONT_HEADING_LINES = 3
MAX_FONT_HEADING_CHARS = 220
NUMBERED = re.compile(r"^(?:§\s*)?\d{1,3}(\.\d{1,3})*[a-z]?\.?\s+\S")  # "8a. Zienswijze …" too
#: A title that opens with a year ("2024 in cijfers: 412 woningen", "2025: nieuwe financiering"), set as a heading.
YEAR_FIRST = re.compile(r"(?:19|20)\d\d:?\s+[^\W\d_]")
#: A sentence ended and another begun: a body-size line in bold that holds one is a paragraph's run-in title, its
#: first words bold ("Evaluatie gemeenschappelijke regeling. Door de gewijzigde Wet" of a list's item, "Programma 7
#: Sociaal domein (nadeel € 2.421.000). Het nadeel …"), no heading.
RUN_ON = re.compile(r"([^\W\d_]{3,}|\))\.\s+[A-ZÀ-Ý]")
#: Titles before a name, whose full stop ends no sentence ("In gesprek met dhr. Jansen", "Voorwoord door drs. Vries");
#: ``index.sentences`` reads them too.
NAME_TITLES = frozenset("mr mrs drs dr ir ing prof dhr mevr mw".split())
#: A numbered heading line of a text's outline: the number (maybe after a section sign, "§ 3.1"), then a title.
OUTLINE = re.compile(r"^(?:§\s*)?(\d{1,2}(?:\.\d{1,2}){0,3})\.?\s+(\S.*)$")
#: A text has an outline when at least this many numbered headings follow one another as an outline does.
MIN_OUTLINE = 4
#: The words that name a part of a document before its number ("Agendapunt 3. Vragenuur", "Artikel 4: Bezwaar",
#: ``_split_labelled``); not "Tabel", "Figuur", "Fase" or "Stap", whose numbered lines are captions and steps.
LABELS = "agendapunt|agenda-punt|artikel|hoofdstuk|paragraaf|bijlage|onderwerp|deel|punt"
LABELLED = re.compile(rf"^((?i:{LABELS}))\s+(\d{{1,3}})(?:[.:]|\s+[-–])?\s+(\S.*)$")
MIN_LABELLED = 3
#: An item of a text without an outline, its number alone ("3. Subsidie Stichting Welzijn 2025"), as a labelled one.
ITEM = re.compile(r"^()(\d{1,2})\.\s+(\S.*)$")
#: Items numbered without a word need a longer chain: three short points with a line under each are often a list.
MIN_ITEMS = 4
#: The next heading of an outline is looked for among this many numbered lines after it (tables of
#: numbered rows in between are few), so a long text costs linear time.
OUTLINE_WINDOW = 200


#: A name that signs a text: two to four capitalised words (or initials), particles between them, no figures.
SIGNED_NAME = re.compile(r"(?:(?i:dr|drs|mr|ir|prof|ing)\.\s+)?(?:(?:[A-Z]\.)+|[A-Z][\w’'-]*)"
                         r"(?:\s+(?:van|de|der|den|ten|ter|el|al|von|la|le)){0,3}"
                         r"(?:\s+(?:[A-Z][\w’'-]+|[A-Z]\.)(?:\s+(?:van|de|der|den|ten|ter|el|al)){0,3}){1,3}")
#: The role under a signing name ("Voorzitter Stedennetwerk Oost", "Burgemeester van Zutphen", "Namens het bestuur").
SIGNING_ROLE = re.compile(r"(?:vice-?)?(?:voorzitter|burgemeester|wethouder|directeur|secretaris|gedeputeerde|"
                          r"commissaris|minister|staatssecretaris|griffier|namens|chair|director|mayor)\b",
                          re.IGNORECASE)
#: A signature's role lines are short.
MAX_ROLE_WORDS = 12
#: Words of a heading over who governs, which a signing name never holds ("Dagelijks Bestuur", "Raad van Toezicht").
GOVERNANCE_WORDS = frozenset("""het een bestuur dagelijks algemeen raad toezicht commissie directie college team
werkgroep stuurgroep themagroep overleg vergadering secretariaat bureau leden samenstelling ondertekening colofon
contact organisatie""".split())


def signs_off(name: Block, role: Block | None, after: Block | None) -> bool:
    """Whether ``name`` is the name under a text, not a heading: a person's name alone on its line (bold, say),
    then a short block that opens with the role ("Marloes Hendriksen" / "Voorzitter Stedennetwerk Oost"), and
    nothing more of the text after it (``_closes``). As a heading, the name stood over a passage of roles without it."""
    return (role is not None and role.page == name.page and len(name.lines) == 1 and len(role.lines) <= 3
            and _name_and_role(name.text, role.text) and _closes(role, after))


def signed_line(block: Block, after: Block | None) -> bool:
    """Whether a one-line block is a name and its role after a comma ("Karin Smulders, directeur-bestuurder") with
    nothing more of the text after it, which signs a text: as a heading, a housing corporation's foreword's signature
    held its key figures. An interview's heading ("Jan Jansen, wethouder Wonen") has its text under it."""
    name, comma, role = block.text.strip().partition(",")
    return bool(comma) and len(block.lines) == 1 and _name_and_role(name, role.strip()) and _closes(block, after)


def _name_and_role(name: str, role: str) -> bool:
    """A person's name, not a heading over who governs, and a short role that opens as a signing one does."""
    return (SIGNED_NAME.fullmatch(name.strip()) is not None and not GOVERNANCE_WORDS & set(name.lower().split())
            and SIGNING_ROLE.match(role.lstrip(OPENERS)) is not None and len(role.split()) <= MAX_ROLE_WORDS)


def _closes(last: Block, after: Block | None) -> bool:
    """Whether nothing of the text follows ``last``: the page ends, or a heading follows (``after`` set larger or
    bolder than ``last``, or short and capitalised where fonts are not known)."""
    if after is None or after.page != last.page or after.kind == "heading":
        return True
    if last.lines[0].size:
        return after.lines[0].size > last.lines[0].size + 0.5 or (after.lines[0].bold and not last.lines[0].bold)
    return len(after.lines) <= MAX_HEADING_LINES and looks_like_heading(after.text)


def heading_title(block: Block, reflower: Reflower) -> str:
    return reflower.paragraph(block.lines).text


def looks_like_heading(title: str, chars: int = MAX_HEADING_CHARS, words: int = MAX_HEADING_WORDS) -> bool:
    """Short, capitalised, and not ending the way a sentence or a clause does."""
    head = title.lstrip(OPENERS)
    return (
        0 < len(title) <= chars
        and len(title.split()) <= words
        and head[:1].isupper()
        and title.rstrip(CLOSERS)[-1:] not in ".,;:!?-…"
        and not URL.search(title)
    )


def detect_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """Mark heading blocks, split headings off the top of text blocks, and set levels."""
    if any(line.size for block in blocks for line in block.lines):
        return detect_font_headings(blocks, reflower)
    blocks = _split_labelled(_split_outline(blocks))
    signatures = _signatures(blocks)
    for block in blocks:
        if (block.kind == "text" and len(block.lines) <= MAX_HEADING_LINES and not block.is_bullet
                and not block.attached and id(block) not in signatures
                and looks_like_heading(heading_title(block, reflower))):
            block.kind = "heading"
    blocks = _split_leading_headings(blocks, reflower)
    _drop_false_headings(blocks)
    blocks = _move_displaced_titles(blocks)
    if any(block.outline for block in blocks):
        _assign_outline_levels(blocks)
    else:
        _assign_levels(blocks)
    return blocks


def outline_number(line: str) -> tuple[int, ...] | None:
    """The number of a line that reads as a numbered heading ("3.4.4 Uitvoeringskosten EU-subsidies")."""
    match = OUTLINE.match(" ".join(line.split()))
    if match is None or not looks_like_heading(match.group(2)):
        return None
    return tuple(int(part) for part in match.group(1).split("."))


def _follows(before: tuple[int, ...], number: tuple[int, ...]) -> bool:
    """Whether ``number`` can come next after ``before`` in an outline: one level deeper, or one more at
    some level; one heading may be missing in between (extraction loses some)."""
    return (any(number == (*before, first) for first in (1, 2))
            or any(number == (*before[:depth], before[depth] + step) for depth in range(len(before)) for step in (1, 2)))


def _split_outline(blocks: list[Block]) -> list[Block]:
    """The numbered heading lines that form the document's outline, each made a heading block of its own.

    Candidates are lines of text blocks that read as numbered headings, also inside a block (where
    extraction left no blank line around a heading); the outline is the longest chain of them in which
    each follows the one before as an outline does. Fewer than ``MIN_OUTLINE``, or no number below the
    first level: no outline."""
    candidates = [(block, i, number) for block in blocks if block.kind == "text" and not block.is_bullet
                  for i, line in enumerate(block.lines) if (number := outline_number(line.text))]
    chain = _longest_chain(candidates, _follows)
    if sum(len(heads) for heads in chain.values()) < MIN_OUTLINE:
        return blocks
    if all(len(number) == 1 for heads in chain.values() for number in heads.values()):
        return blocks  # "1. … 2. … 3. …" without a "1.1" is a numbered list, not an outline
    return _split_at(blocks, chain, outline=True)


def _split_labelled(blocks: list[Block]) -> list[Block]:
    """Headings that a word naming a part of a document and a number open, the numbers counting up: "Agendapunt 3.
    Vragenuur", "Artikel 4 Bezwaar", "Hoofdstuk 2 Financiën" (``LABELS``). A decision list's items run straight on
    into their decisions, and without them as headings the whole list was one section and a passage mixed four
    items. Each chain of at least ``MIN_LABELLED`` of one word counts (a second meeting's items too), each title
    capitalised (``looks_like_heading``) and followed by text of its own: lines of such items one after the other
    are a table of contents or a list ("Bijlage 1 Begroting 23"). In a text without an outline, items with a number
    alone count too, at least ``MIN_ITEMS`` ("3. Subsidie Stichting Welzijn" over its decision: a college's decision
    list was one section without them), unless the line before the first ends in a colon ("Vijf punten:"): a list.
    Nested as any heading without a number is."""
    patterns = [LABELLED] if any(block.outline for block in blocks) else [LABELLED, ITEM]
    order = {id(block): k for k, block in enumerate(blocks)}
    by_label: dict[str, list[tuple[Block, int, tuple[int, ...]]]] = {}
    for block in blocks:
        if block.kind != "text" or block.is_bullet:
            continue
        for i, line in enumerate(block.lines):
            match = next(filter(None, (p.match(" ".join(line.text.split())) for p in patterns)), None)
            if match and _item_title(match.group(3)):
                by_label.setdefault(match.group(1).lower(), []).append((block, i, (int(match.group(2)),)))

    def alone(block: Block, i: int, kinds: list[re.Pattern]) -> bool:
        """Followed by a line of text that is no item of its own kind (an article's clauses "1. …" are its text): in
        its block, or, for a line that is a block of its own, the next block's first (a minutes' agenda item "1.
        Opening" over its paragraph). One that runs on in lower case is a list's item, which ``_drop_false_headings``
        makes text again."""
        if i + 1 < len(block.lines):
            after = block.lines[i + 1].text
        else:
            k = order[id(block)] + 1
            after = blocks[k].lines[0].text if i == 0 and k < len(blocks) and blocks[k].kind == "text" else ""
        after = " ".join(after.split())
        return bool(after) and not any(p.match(after) for p in kinds)

    def introduced(chain: dict[int, dict[int, tuple[int, ...]]]) -> bool:
        """Whether the line before the chain's first item ends in a colon: a list ("Vijf punten:"), not parts."""
        first = min(chain, key=order.__getitem__)
        block, at = blocks[order[first]], min(chain[first])
        before = block.lines[at - 1].text if at else next(
            (b.lines[-1].text for b in reversed(blocks[:order[first]]) if b.lines), "")
        return before.rstrip().endswith(":")

    chains: dict[int, dict[int, tuple[int, ...]]] = {}
    for label, candidates in by_label.items():
        least, kinds = (MIN_LABELLED, [LABELLED]) if label else (MIN_ITEMS, patterns)
        remaining = [(block, i, number) for block, i, number in candidates if alone(block, i, kinds)]
        while len(remaining) >= least:
            chain = _longest_chain(remaining, lambda before, number: number[0] - before[0] in (1, 2))
            if sum(len(heads) for heads in chain.values()) < least:
                break
            if label or not introduced(chain):
                for block_id, heads in chain.items():
                    chains.setdefault(block_id, {}).update(heads)
            remaining = [(block, i, number) for block, i, number in remaining if i not in chain.get(id(block), {})]
    return _split_at(blocks, chains, outline=False) if chains else blocks


def _item_title(title: str) -> bool:
    """A numbered item's title: as a heading's, or longer (``MAX_ITEM_CHARS``) where it does not end the way a line of
    a wrapped sentence does (``TRAILING_WORDS``)."""
    if looks_like_heading(title):
        return True
    return looks_like_heading(title, MAX_ITEM_CHARS, MAX_ITEM_WORDS) and title.split()[-1].lower() not in TRAILING_WORDS


def _longest_chain(candidates: list[tuple[Block, int, tuple[int, ...]]],
                   follows) -> dict[int, dict[int, tuple[int, ...]]]:
    """The longest run of candidate lines (block, line, number) in which each ``follows`` the one before, as
    {id(block): {line: number}}; of runs as long, the last (a table of contents comes first)."""
    best = [1] * len(candidates)
    before = [-1] * len(candidates)
    for i, (_, _, number) in enumerate(candidates):  # the longest chain ending at each candidate
        for j in range(max(0, i - OUTLINE_WINDOW), i):
            if best[j] + 1 >= best[i] and follows(candidates[j][2], number):  # ties: the nearest one before
                best[i], before[i] = best[j] + 1, j
    chain: dict[int, dict[int, tuple[int, ...]]] = {}
    if not candidates:
        return chain
    i = len(best) - 1 - best[::-1].index(max(best))
    while i >= 0:
        block, at, number = candidates[i]
        chain.setdefault(id(block), {})[at] = number
        i = before[i]
    return chain


def _split_at(blocks: list[Block], chain: dict[int, dict[int, tuple[int, ...]]], outline: bool) -> list[Block]:
    """Each line of ``chain`` made a heading block of its own (at the depth of its number, for an ``outline``); the
    lines under it in its block are its text (``Block.attached``)."""
    result: list[Block] = []
    for block in blocks:
        heads = chain.get(id(block), {})
        start = 0
        for at in sorted(heads):
            if block.lines[start:at]:
                result.append(Block(block.lines[start:at], block.kind, continues=block.continues and start == 0,
                                    attached=start > 0))
            result.append(Block(block.lines[at:at + 1], "heading", level=len(heads[at]) if outline else 0,
                                outline=outline))
            start = at + 1
        if not heads:
            result.append(block)
        elif block.lines[start:]:
            result.append(Block(block.lines[start:], attached=True))
    return result


def _assign_outline_levels(blocks: list[Block]) -> None:
    """Numbered headings keep the depth of their number; any other heading sits inside the numbered one before it."""
    depth = 0
    for block in _content(blocks):
        if block.kind != "heading":
            continue
        if block.outline:
            depth = block.level
        else:
            block.level = depth + 1


def _content(blocks: list[Block]) -> list[Block]:
    return [b for b in blocks if b.kind != "links"]


def _signatures(blocks: list[Block]) -> set[int]:
    """The ids of the blocks that sign a text: a name and the role under it (``signs_off``), or after it on its line
    (``signed_line``)."""
    content = _content(blocks)
    found: set[int] = {id(block) for i, block in enumerate(content)
                       if signed_line(block, content[i + 1] if i + 1 < len(content) else None)}
    for i, block in enumerate(content):
        if signs_off(block, content[i + 1] if i + 1 < len(content) else None,
                     content[i + 2] if i + 2 < len(content) else None):
            found |= {id(block), id(content[i + 1])}
    return found


def _split_leading_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """A heading run into its first paragraph: "Thema X: ... manifest / ‘Het Nieuwe Normaal’ / Namens ...".

    Only headings that start with a word that starts other headings too are split off, and only
    when the line after them starts a new sentence.
    """
    prefixes = {w for w, n in Counter(b.first_word for b in blocks if b.kind == "heading").items() if n >= 2}
    result: list[Block] = []
    for block in blocks:
        if block.kind == "text" and block.first_word in prefixes and not block.is_bullet and not block.attached:
            for size in range(MAX_HEADING_LINES, 0, -1):
                if size >= len(block.lines):
                    continue
                head, rest = Block(block.lines[:size], "heading"), Block(block.lines[size:])
                if looks_like_heading(heading_title(head, reflower)) and not rest.starts_lowercase:
                    result += [head, rest]
                    break
            else:
                result.append(block)
            continue
        result.append(block)
    return result


def _drop_false_headings(blocks: list[Block]) -> None:
    """A "heading" that runs on into a lowercase sentence, or signs off a page, is text."""
    content = _content(blocks)
    for i, block in enumerate(content):
        if block.kind != "heading" or block.outline:
            continue
        after = content[i + 1] if i + 1 < len(content) else None
        before = content[i - 1] if i > 0 else None
        if after is not None and after.kind == "text" and after.starts_lowercase and after.page == block.page:
            block.kind = "text"
        elif after is None or after.page != block.page:
            # Last thing on its page: a heading only if it interrupts a sentence (a page title).
            if (before is not None and before.dangling and before.page == block.page
                    and after is not None and after.starts_lowercase):
                block.displaced = True
            else:
                block.kind = "text"


def _move_displaced_titles(blocks: list[Block]) -> list[Block]:
    for block in [b for b in blocks if b.displaced]:
        blocks.remove(block)
        first = next(i for i, b in enumerate(blocks) if b.page == block.page)
        blocks.insert(first, block)
    return blocks


def _assign_levels(blocks: list[Block]) -> None:
    content = _content(blocks)
    headings = [b for b in content if b.kind == "heading"]
    families = Counter(_family(h) for h in headings)
    containers = {
        _family(content[i])
        for i in range(len(content) - 1)
        if content[i].kind == "heading" and content[i + 1].kind == "heading"
    }
    opens_page = {id(b) for i, b in enumerate(content) if i == 0 or content[i - 1].page != b.page}
    for h in headings:
        top = _family(h) in containers or h.displaced or (id(h) in opens_page and families[_family(h)] == 1)
        h.level = 1 if top else 2


def _family(heading: Block) -> str:
    """Headings of one kind share their first word, numbers aside: "3." and "4." are items of one list."""
    return re.sub(r"\d+", "#", heading.first_word)


def body_font(lines: Iterable) -> tuple[float, bool]:
    """The size most text is set in (to the half point), and whether that text is bold; ``lines``: anything
    with ``size``, ``bold`` and ``text`` (a source line, a PDF line or fragment)."""
    sizes: Counter[float] = Counter()
    bold: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
        bold[round(line.size * 2) / 2] += len(line.text) if line.bold else 0
    if not sizes:
        return 0.0, False
    size = sizes.most_common(1)[0][0]
    return size, bold[size] * 2 > sizes[size]


def detect_font_headings(blocks: list[Block], reflower: Reflower) -> list[Block]:
    """Headings from font size and weight; levels from the rank of the size (bold body-size headings last)."""
    body, body_bold = body_font(line for block in blocks if block.kind == "text" for line in block.lines)
    candidates = []
    signatures = _signatures(blocks)
    for block in blocks:
        if (block.kind != "text" or len(block.lines) > MAX_FONT_HEADING_LINES or block.is_bullet
                or id(block) in signatures):
            continue
        title = heading_title(block, reflower)
        head = title.lstrip(OPENERS)
        end = title.rstrip(CLOSERS)[-1:]  # a quotation set large ("“We liggen op koers.”") is no heading
        numbered = NUMBERED.match(title) is not None  # "6. Voorstel tot ... Den Helder." is an agenda item's title
        if not (0 < len(title) <= MAX_FONT_HEADING_CHARS and (head[:1].isupper() or numbered or YEAR_FIRST.match(head))
                and (end not in ".,;:-…" or (numbered and end == ".")) and not URL.search(title)):
            continue
        if block.size >= body * HEADING_SIZE_RATIO or (block.bold and not body_bold and block.size >= body - 0.5
                                                        and not _runs_on(title)):
            candidates.append(block)
    ranks = sorted({_rank(b, reflower) for b in candidates}, reverse=True)
    for block in candidates:
        block.kind = "heading"
        block.level = ranks.index(_rank(block, reflower)) + 1
    _number_font_headings(candidates, reflower)
    return blocks


def _runs_on(title: str) -> bool:
    """Whether a line holds a sentence's end and the next one's start (``RUN_ON``), not a title before a name."""
    return any(m.group(1).lower() not in NAME_TITLES for m in RUN_ON.finditer(title))


def _rank(block: Block, reflower: Reflower) -> tuple[float, bool]:
    """A heading's size, then capitals: of headings set alike, one in capitals ("HOOFDSTUK 2 DRAAGKRACHT")
    holds those that are not ("Artikel 3 Draagkracht uit inkomen")."""
    letters = [c for c in heading_title(block, reflower) if c.isalpha()]
    return round(block.size * 2) / 2, len(letters) >= 4 and all(c.isupper() for c in letters)


def _number_font_headings(headings: list[Block], reflower: Reflower) -> None:
    """Where the font headings are numbered as an outline ("1", "2", "2.1"), the numbers decide the nesting,
    not the sizes: a chapter is no section of the foreword set a size larger, and "2.1" sits in "2" when
    both share a size. A heading without a number as large as the chapters' (a foreword, an appendix) is
    their sibling; a smaller one sits in the numbered section before it (before the first, it is their sibling
    too: a cover's subtitle must not hold the chapters that follow in a larger size); one larger than every other
    heading, first in the document, is the title above them all."""
    numbers: list[tuple[int, ...] | None] = []
    last: tuple[int, ...] | None = None
    for heading in headings:  # only numbers that follow one another as an outline: "40 Steden aan zet" is a title
        number = outline_number(heading_title(heading, reflower))
        fits = number is not None and (_follows(last, number) if last else number in ((1,), (1, 1), (0,)))
        numbers.append(number if fits else None)
        last = number if fits else last
    if sum(1 for n in numbers if n) < MIN_OUTLINE or not any(n and len(n) > 1 for n in numbers):
        return
    chapters = Counter(round(h.size * 2) / 2 for h, n in zip(headings, numbers) if n and len(n) == 1)
    chapter = chapters.most_common(1)[0][0] if chapters else max(round(h.size * 2) / 2 for h in headings)
    largest = max(round(h.size * 2) / 2 for h in headings)
    titled = round(headings[0].size * 2) / 2 == largest > chapter and \
        sum(1 for h in headings if round(h.size * 2) / 2 == largest) == 1
    depth = 0
    for i, (heading, number) in enumerate(zip(headings, numbers)):
        size = round(heading.size * 2) / 2
        if titled and i == 0:
            heading.level = 1
        elif number:
            heading.outline, heading.level, depth = True, titled + len(number), titled + len(number)
        else:  # before the first chapter (a cover's "Gemeente Lindenhoven"), a smaller one is no chapter's parent
            heading.level = titled + 1 if size >= chapter or not depth else depth + 1
            depth = heading.level if size >= chapter else depth
