"""Which documents a question is asked of: filters by collection, document and year, and the
documents a question names ("in 2017", "het jaarverslag van de politie").

A scope becomes a mask over the passages that dense and keyword search apply *inside* their
search, before fusion, so a filtered-out document never takes a candidate slot or adds to the
evidence.
"""

from __future__ import annotations

import os
import re
import unicodedata
from dataclasses import dataclass
from functools import cached_property
from pathlib import PurePosixPath

import numpy as np
from pydantic import BaseModel, Field, field_validator

from vraagbaak.build_format import DocumentRecord, Passage
from vraagbaak.errors import UnknownScope
from vraagbaak.index.keyword import TOKEN, fold
from vraagbaak.ingest.clean import zipf_nl
from vraagbaak.ingest.metadata import PARTICLES, YEAR, file_title, reads_as_organisation, slug

MAX_FILTER_VALUES = 50
#: An organisation's own part of its name (``Shelf.own_names``) names it alone from this many letters on, and when
#: each of its words is rarer in Dutch than this (Zipf scale: "Lingestroom" 0, "Rivierenland" 3.0, "Hengelo" 3.9,
#: "Zwolle" 4.5, "algemene" 4.9).
OWN_PART = 5
OWN_RARE = 3.5
#: The words that name a kind of document in a question (folded): "Wat staat er in de besluitenlijst over …?". Fewer
#: than ingest's ``KIND_WORDS``: in a question "de jaarrekening" or "het manifest" is a subject, not the document.
NAMED_KINDS = (("decision_list", re.compile(r" besluitenlijst(en)? | decision list ")),
               ("position_paper", re.compile(r" position ?papers? | positionpapers? ")),
               ("annual_report", re.compile(r" jaarverslag(en)? | annual reports? ")))


class Scope(BaseModel):
    """Filters: within a kind any value matches, across kinds all must (empty: no filter)."""

    collections: list[str] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    documents: list[str] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)
    years: list[int] = Field(default_factory=list, max_length=MAX_FILTER_VALUES)

    @field_validator("collections")
    @classmethod
    def _as_ids(cls, values: list[str]) -> list[str]:
        """A collection as its folder is named ("G40", "Sociaal Domein & Zorg") means the id ingest gave it ("g40",
        "sociaal-domein-zorg"); a document's name is looked up on the shelf (:func:`find_document`)."""
        return [slug(v) or v for v in values]

    @property
    def empty(self) -> bool:
        return not (self.collections or self.documents or self.years)

    def key(self) -> tuple[tuple[str, ...], tuple[str, ...], tuple[int, ...]]:
        return tuple(sorted(set(self.collections))), tuple(sorted(set(self.documents))), tuple(sorted(set(self.years)))


@dataclass(frozen=True)
class Selection:
    """The documents and passages of a scope."""

    documents: frozenset[str]
    #: Boolean mask over the passages, and the same as sorted row numbers.
    mask: np.ndarray
    rows: np.ndarray


#: A name joined by hyphens ("Midden-Lindeland", "Noord-Brabant").
HYPHENATED = re.compile(r"\w+(?:-\w+)+")
#: Points of the compass, which before a hyphen make another place of a place ("Midden-Lindeland").
COMPASS = frozenset("noord oost zuid west noordoost noordwest zuidoost zuidwest midden centrum".split())


def _other_place(compound: str, said: str) -> bool:
    """Whether a name stands in a hyphenated compound (both spaced) as part of another place's name, after a point
    of the compass ("Midden-Lindeland", "Noord-Lingestroom"); not a district of it ("Zwolle-Zuid"), a route between
    two places ("Lindewaarde-Markvliet") or what it has ("G40-steden")."""
    if compound == said or said not in compound:
        return False
    before = compound[:compound.index(said)].split()
    return bool(before) and before[-1] in COMPASS


def spaced(text: str) -> str:
    """A text's folded words and figures, one space between and one at either end, so a name is found as
    ``f" {name} " in spaced(text)`` and not inside a longer word."""
    return f" {' '.join(TOKEN.findall(fold(text)))} "


def capitalised(question: str) -> set[str]:
    """The words a question writes with a capital, folded: those it may write as a name."""
    return {fold(w) for w in re.findall(r"\w+", question) if w[:1].isupper()}


def _publishes(document: DocumentRecord) -> bool:
    """Whether a document is a report its organisation publishes under its name: an annual report, position paper
    or decision list whose title names the organisation ("Stedenlink Jaarverslag 2023", "Positionpaper Stedenlink
    2023"), so the name is the publisher's even where it holds no word of an organisation's ("Stedenlink"). A title
    made from the file name ("Zonnepark de brede akker jaarverslag 2024") holds the name it was taken from: no sign."""
    name = spaced(document.organisation)
    return (len(name.strip()) >= 3 and document.kind in ("annual_report", "position_paper", "decision_list")
            and document.title != file_title(PurePosixPath(document.file))  # a title of its own, not its file's name
            and name in spaced(document.title))


def _shared_headings(paths: list[list[str]]) -> int:
    distinct = {tuple(path) for path in paths}
    return len(os.path.commonprefix(sorted(distinct))) if len(distinct) > 1 else 0


class Shelf:
    """The documents of a loaded index and their passages, for scoping and for naming documents."""

    def __init__(self, documents: list[DocumentRecord], passages: list[Passage]):
        self.documents = {d.id: d for d in documents}
        ids = list(self.documents)
        position = {d: i for i, d in enumerate(ids)}
        self.ids = ids
        self.document_of = np.array([position[p.document] for p in passages], dtype=np.int32)
        self._rows = {d: np.flatnonzero(self.document_of == i) for d, i in position.items()}
        self._selections: dict[tuple, Selection] = {}
        self._naming: dict[str, dict[str, list[tuple[str, ...]]]] = {}
        self._words: dict[int, str] = {}  # a passage's folded words, once asked (``mentions``)
        self._passages = passages
        #: Organisation names as folded words, for documents that have one (at least three letters).
        self.organisations = {d.id: spaced(d.organisation).strip() for d in documents if len(d.organisation) >= 3}
        #: Documents whose organisation reads as one ("Stedennetwerk Oost", "Politie", "G40") or titles a report of its
        #: own (``_publishes``), not as a subject taken from a file name ("zonnepark-de-brede-akker-2024" names
        #: "Zonnepark de Brede Akker").
        self.bodies = frozenset(d.id for d in documents if reads_as_organisation(d.organisation) or _publishes(d))

    @cached_property
    def shared_headings(self) -> dict[str, int]:
        """Per document, how many leading headings all its passages have (none for a document of one section): a
        title heading ("Begroting 2026 en meerjarenraming 2027–2029") says what the whole document covers, not what
        a passage says."""
        return {d: _shared_headings([self._passages[r].citation.section for r in rows])
                for d, rows in self._rows.items()}

    def rows_of(self, document: str) -> np.ndarray:
        """The rows of one document's passages."""
        return self._rows[document]

    def block_of(self, matrix: np.ndarray, document: str) -> np.ndarray:
        """One document's rows of a matrix over all passages: a view when they are consecutive, as a
        build writes them (a copy of a large report's vectors would cost more than the product)."""
        rows = self._rows[document]
        if len(rows) and rows[-1] - rows[0] + 1 == len(rows):
            return matrix[rows[0]:rows[-1] + 1]
        return matrix[rows]

    def select(self, scope: Scope) -> Selection | None:
        """The passages in ``scope`` (None: the whole shelf); unknown values are a clear error, in Dutch."""
        if scope.empty:
            return None
        if scope.documents:
            scope = scope.model_copy(update={"documents": [find_document(self.documents, d) for d in scope.documents]})
        key = scope.key()
        found = self._selections.get(key)
        if found is None:
            if len(self._selections) > 256:
                self._selections.clear()
            found = self._selections[key] = self._select(*key)
        return found

    def _select(self, collections: tuple[str, ...], documents: tuple[str, ...], years: tuple[int, ...]) -> Selection:
        records = list(self.documents.values())
        for name, wanted, known in (("Onbekende collectie", collections, {d.collection for d in records}),
                                    ("Onbekend document", documents, set(self.documents)),
                                    ("Onbekend jaar", years, {d.year for d in records if d.year})):
            unknown = [str(v) for v in wanted if v not in known]
            if unknown:
                listed = ", ".join(str(v) for v in sorted(known, key=str)[:20]) or "geen"
                raise UnknownScope(f"{name}: {', '.join(unknown)}. Bekend: {listed}.")
        filters = (("collectie", collections, lambda d: d.collection), ("document", documents, lambda d: d.id),
                   ("jaar", years, lambda d: d.year))

        def meets(document, but: str = "") -> bool:
            return all(not wanted or label == but or value(document) in wanted for label, wanted, value in filters)

        chosen = frozenset(d.id for d in records if meets(d))
        if not chosen:  # say, per filter, which of its values the other filters leave
            fitting = []
            for label, wanted, value in filters:
                if wanted:
                    values = sorted({value(d) for d in records if meets(d, but=label) and value(d)}, key=str)
                    fitting.append(f"{label} {', '.join(str(v) for v in values[:20]) or 'geen'}")
            raise UnknownScope("Geen enkel document valt binnen alle gekozen filters samen. Wat bij de andere filters "
                               f"past: {'; '.join(fitting)}.")
        mask = np.isin(self.document_of, [self.ids.index(d) for d in chosen])
        return Selection(chosen, mask, np.flatnonzero(mask).astype(np.int64))

    def without_names(self, question: str, within: frozenset[str] | None = None) -> dict[str, str]:
        """Per document in ``within`` (all by default) the question's words without the names that favour it
        (``naming``; only an organisation's name, ``bodies``): for a document of an organisation the question names,
        that organisation's name ("Wie is de voorzitter van Stedennetwerk Oost?" searches that network's report for
        "wie is de voorzitter van"); for a document of no organisation (a joint paper, a regional decision list),
        every such name the question uses. The name says which documents and passages are meant (``named``,
        ``mentions``), not what in them: the passages that repeat it outranked the one naming the chair. In another
        organisation's report, or where the organisation's documents are out of scope, a name is a subject and is
        searched for."""
        naming = self.bodies_named(question, within)
        if not naming:
            return {}
        every = {run for runs in naming.values() for run in runs}
        asked = TOKEN.findall(fold(question))
        found: dict[str, str] = {}
        for d in within or self.documents:
            runs = naming.get(d) or (every if d not in self.bodies else None)
            if runs:
                found[d] = " ".join(_without(asked, runs))
        return found

    @cached_property
    def own_names(self) -> dict[str, list[list[str]]]:
        """Per document whose organisation reads as one (``bodies``), the word runs that name it: the whole name,
        and its own part without the words that say what kind of organisation it is, where that part has
        ``OWN_PART`` letters or more and is no common word (``OWN_RARE``): "Lingestroom" of "Werkbedrijf
        Lingestroom" (a held-out report's questions named it so, and the passages that repeat it outranked the
        answer); not "Oost" of "Stedennetwerk Oost", "Algemene" of "Algemene Rekenkamer" or "State" of "Raad van
        State", which questions use as words, nor a well-known town's name."""
        names: dict[str, list[list[str]]] = {}
        for d in self.bodies:
            whole = self.organisations.get(d, "").split()
            own = [w for w in whole if not reads_as_organisation(w) and w not in PARTICLES]
            rare = own and all(zipf_nl(w) < OWN_RARE for w in own) and sum(map(len, own)) >= OWN_PART
            names[d] = [whole] + ([own] if rare and own != whole else [])
        return names

    def names_in(self, capitalised: set[str], document: str) -> list[list[str]]:
        """The word runs that name a document's organisation in a question: its whole name, and for one that reads
        as an organisation its own part (``own_names``), where the question writes that part as a name (its
        ``capitalised`` words, folded: :func:`capitalised`) or it is no Dutch word at all: "Wie is de dijkgraaf van
        Lindevliet?" names the water board "Waterschap Lindevliet", not the municipality's budget that mentions it;
        "Hoeveel wijkteams zijn er?" does not name "Stichting Wijkteams"."""
        whole = (self.organisations.get(document) or "").split()
        runs = self.own_names.get(document) or [whole]
        return [run for run in runs if run and (run == whole or all(w in capitalised or not zipf_nl(w) for w in run))]

    def naming(self, question: str, within: frozenset[str] | None = None) -> dict[str, list[tuple[str, ...]]]:
        """Per document (in ``within``, all by default) whose organisation the question names, the word runs it
        names it by (``names_in``); a search asks this several times, so the last questions' answers are kept."""
        found = self._naming.get(question)
        if found is None:
            text = spaced(question)
            written = capitalised(question)
            compounds = [spaced(c) for c in HYPHENATED.findall(question)]

            def names(run: list[str]) -> bool:
                """Said as a name of its own, not only inside another place's name: "Afvalbedrijf Midden-Lindeland"
                does not name "Regio Lindeland"; "de G40-steden" names the G40."""
                said = f" {' '.join(run)} "
                return text.count(said) > sum(c.count(said) for c in compounds if _other_place(c, said))

            runs_of = {d: [tuple(run) for run in self.names_in(written, d) if names(run)] for d in self.documents}
            if len(self._naming) > 256:
                self._naming.clear()
            found = self._naming[question] = {d: runs for d, runs in runs_of.items() if runs}
        return found if within is None else {d: runs for d, runs in found.items() if d in within}

    def bodies_named(self, question: str, within: frozenset[str] | None = None) -> dict[str, list[tuple[str, ...]]]:
        """``naming``, of the documents whose organisation reads as one (``bodies``): a subject taken from a file
        name ("Zonnepark de Brede Akker") names its report, but favours or rules out no other."""
        return {d: runs for d, runs in self.naming(question, within).items() if d in self.bodies}

    def mentions(self, row: int, runs: set[tuple[str, ...]]) -> bool:
        """Whether a passage names one of the word runs (``naming``), in its text or its headings."""
        if not runs:
            return False
        text = self._words.get(row)
        if text is None:
            text = self._words[row] = spaced(self._passages[row].embed_text)
        return any(f" {' '.join(run)} " in text for run in runs)

    def named(self, question: str, years: set[int], within: frozenset[str] | None = None) -> frozenset[str]:
        """Documents the question names by year (``years``: those it mentions, :func:`years_in`), organisation
        or kind ("in het positionpaper", "de besluitenlijst"), if that singles out some but not all."""
        candidates = within or frozenset(self.documents)
        text = spaced(question)
        by_year = {d for d in candidates if self.documents[d].year in years}
        by_name = set(self.naming(question, candidates))
        kinds = {kind for kind, pattern in NAMED_KINDS if pattern.search(text)}
        by_kind = {d for d in candidates if self.documents[d].kind in kinds}
        named = (by_year & by_name) or by_year or by_name  # "de politie in 2017": that year's police report
        named = (named & by_kind) or named or by_kind  # "het jaarverslag 2023" among a year's papers and lists
        return frozenset(named) if named and named != candidates else frozenset()


def _without(words: list[str], runs: list[tuple[str, ...]] | set[tuple[str, ...]]) -> list[str]:
    """The words without the runs, the longest first where one run starts another ("politie oost nederland" before
    "politie")."""
    longest = sorted(runs, key=len, reverse=True)
    kept, i = [], 0
    while i < len(words):
        run = next((r for r in longest if tuple(words[i:i + len(r)]) == r), None)
        if run:
            i += len(run)
        else:
            kept.append(words[i])
            i += 1
    return kept


def find_document(documents: dict[str, DocumentRecord], name: str) -> str:
    """The id of the document ``name`` means: its id; else its file as it is named now, in any case, with or
    without its collection folder and suffix ("g40/jaarverslag-2023", "JV 2021 def.txt", a file renamed since
    it got its id); else, made URL-safe ("G40 Jaarverslag 2023"), an id, a file's name or its path. A name
    that fits several files at the first step that finds any is refused, naming them, rather than one of
    them chosen; an unknown name comes back as it was typed, for the caller's "Onbekend document" (not as the id it
    would make: "leeg-txt" for "leeg.txt" named what no one typed)."""
    name = name.strip()
    if name in documents:
        return name
    typed = unicodedata.normalize("NFC", name.replace("\\", "/")).casefold()
    wanted = slug(name)

    def as_named(d: DocumentRecord) -> set[str]:
        path = PurePosixPath(unicodedata.normalize("NFC", d.file).casefold())
        return {str(path), str(path.with_suffix("")), path.name, path.stem}

    def path(d: DocumentRecord) -> PurePosixPath:
        return PurePosixPath(d.file)

    steps = [lambda d: typed in as_named(d)]
    if wanted:
        steps += [lambda d: wanted == d.id, lambda d: wanted == slug(path(d).stem),
                  lambda d: wanted == slug(str(path(d).with_suffix("")))]
    for fits in steps:
        found = [d for d in documents.values() if fits(d)]
        if len(found) == 1:
            return found[0].id
        if found:
            listed = ", ".join(f"{d.id} ({d.file})" for d in found[:10])
            raise UnknownScope(f"Document '{name}' past bij meer dan één bestand: {listed}. Noem het id.")
    return name


def skipped(problems: list[str], name: str) -> str:
    """What the last ingest said of the file ``name`` means (its path in the corpus or its file name, in any case), if
    it skipped it: "leeg.txt: geen tekst …", for an operator who asks for a document that never got an id."""
    typed = unicodedata.normalize("NFC", name.strip().replace("\\", "/")).casefold()
    for problem in problems:
        subject = unicodedata.normalize("NFC", problem.split(": ", 1)[0]).casefold()
        if typed and typed in (subject, PurePosixPath(subject).name):
            return problem
    return ""


def years_in(question: str) -> set[int]:
    """The years a question mentions ("in 2022", "het jaarverslag 2023")."""
    return {int(y) for y in YEAR.findall(question)}
