"""One text shown once: overlapping chunks of a section, and the same text in several years of a report.

A report's next year repeats much of its text. Near-identical passages of one report family (a collection
and an organisation) are one text, shown once with the other years listed; where they differ in what the
question asks (a word it names, a figure or a date it asks for), they are two answers, the asked year's
first, else the newest.
"""

from __future__ import annotations

import bisect
import hashlib
import re
from collections.abc import Callable
from functools import cached_property

from vraagbaak.build_format import DocumentRecord, Passage
from vraagbaak.index.answerability import COUNT_NUMBER, MONTHS, NUMBER_WORD, NUMBER_WORDS, YEAR_LIKE, counted_numbers
from vraagbaak.index.keyword import fold
from vraagbaak.index.keyword import words as folded_words
from vraagbaak.index.person_names import person_names

#: Share of the shorter passage two hits may overlap before the lower one counts as a repeat.
DUPLICATE_OVERLAP = 0.5
#: Word overlap (Jaccard, figures left out) from which passages of two documents count as the same text (a
#: report's next year) ...
SAME_TEXT = 0.8
#: ... and from which, under the same heading, they are one text rewritten ("Voorzitter is Gerard van Aalst",
#: then "Op 1 april 2024 heeft Ineke Brouwer het voorzitterschap overgenomen"): shown apart, the asked year's
#: first, else the newest (``in_order``).
LIKE_TEXT = 0.5
#: ... and from which, under the same heading, they are one section in two years, ordered as such (a fifth: "3.2
#: Zuiveringsresultaten" of 2023 and of 2024 share a quarter of their words, two years' forewords a twentieth) ...
SAME_SECTION = 0.2
#: ... where the newer one stands at most this many places below the other: a section's other year far down the
#: ranking does not overrule it.
SAME_SECTION_REACH = 2
#: Answer types that a figure gives, and those a date gives (where a year and a month count too): two years of a
#: text that differ in one are two answers.
FIGURE_KINDS = frozenset({"number", "money", "frequency", "time"})
DATE_KINDS = frozenset({"date", "when"})
FIGURE = re.compile(r"\d+(?:[.,:]\d+)*")
MONTH = re.compile(rf"\b(?:{MONTHS})\b", re.IGNORECASE)
#: A number in words ("tien keer", "vijfentwintig"), not "een".
SPELLED = re.compile(rf"\b(?!(?:een|en|eens|enen)\b)(?:{NUMBER_WORD}|{NUMBER_WORDS})\b", re.IGNORECASE)


def figures_in(text: str, dates: bool) -> frozenset[str]:
    """The figures of a text ("6", "2,5", "1.120", "tien"): what a question for a number is answered by, not its
    years (the years' own "In 2024 …" is no other figure); with ``dates``, the years and months too."""
    found = {f for f in FIGURE.findall(text) if dates or not YEAR_LIKE.fullmatch(f)}
    found |= {w.lower() for w in SPELLED.findall(text)}
    return frozenset(found | {m.lower() for m in MONTH.findall(text)} if dates else found)


class Repeats:
    """Which of a ranking's passages repeat a better one, over the passages of a loaded index, their documents
    and their words (``Evidence.passage_words``)."""

    def __init__(self, passages: list[Passage], documents: dict[str, DocumentRecord], words: list[set[str]],
                 stem: Callable[[str], str] = str, sentences: Callable[[int], list[str]] | None = None):
        self.passages = passages
        self.documents = documents
        self.words = words
        self.stem = stem
        self.sentences = sentences  # a passage's sentences, for ``_same_answer``
        self._normal_forms: dict[int, bytes] = {}
        self._contents: dict[int, frozenset[str]] = {}
        self._stem_sets: dict[int, frozenset[str]] = {}

    def distinct(self, ranked: list[int], years: set[int], limit: int, asked: frozenset[str] = frozenset(),
                 figures: str = "", counted: frozenset[str] = frozenset(),
                 answer: Callable[[int], str] | None = None) -> tuple[list[int], dict[int, list[int]]]:
        """Drop passages that repeat a better one (chunk overlap, or the same text twice in a document);
        the same text in several documents of one report family (a report's other years) is shown once,
        and the others are listed with it. The version shown is the asked year's, else the newest. Only
        the first ``limit`` groups are kept: later candidates are compared with those alone, which keeps
        this linear. ``asked``: the question's words (``keyword.words``), which near-identical texts must
        share to count as one (``same``), and ``figures``: "numbers" or "dates" when it asks for one, which
        they must share too (of a count, ``counted``: the numbers of the things counted); ``answer``: a passage's
        sentences that answer the question best, by which a section rewritten in another year is one text too."""
        groups: list[list[int]] = []
        past_limit: list[int] = []  # where the texts of candidates that came after the limit go
        by_text: dict[tuple, list[int]] = {}  # the same text in one report family: one group
        by_family: dict[tuple, list[list[int]]] = {}  # groups with a member of this collection and organisation
        opened: dict[int, int] = {}  # a group (by identity) -> its place in ``groups``
        for i in ranked:
            p = self.passages[i]
            family = self.family(p.document)
            text = (family, self._normal_form(i))
            group = by_text.get(text)
            if group is None:  # only a passage of the same report family can repeat this one (``same``)
                group = next((g for g in by_family.get(family, ())
                              if any(self.same(p, self.passages[j], i, j, asked, figures, counted, answer)
                                     for j in g)), None)
            if group is past_limit:
                continue
            if group is None:
                if len(groups) == limit:
                    by_text[text] = past_limit
                    continue
                group = [i]
                opened[id(group)] = len(groups)
                groups.append(group)
            elif p.document not in {self.passages[j].document for j in group}:
                group.append(i)
            family_groups = by_family.setdefault(family, [])
            if not any(g is group for g in family_groups):  # kept in the order the groups were opened
                bisect.insort(family_groups, group, key=lambda g: opened[id(g)])
            by_text.setdefault(text, group)
        return self.shown(groups, years)

    def shown(self, groups: list[list[int]], years: set[int]) -> tuple[list[int], dict[int, list[int]]]:
        """Per group of repeats, the passage shown (the asked year's, else the newest) and the others it lists."""
        kept, also = [], {}
        for group in groups:
            by_year = sorted(group, key=lambda j: (self.passages[j].citation.year in years,
                                                   self.passages[j].citation.year or 0), reverse=True)
            kept.append(by_year[0])
            if len(group) > 1:
                also[by_year[0]] = by_year[1:]
        return kept, also

    def _normal_form(self, i: int) -> bytes:
        """A digest of the passage's words in lower case (cached): equal for texts that differ only in spacing."""
        found = self._normal_forms.get(i)
        if found is None:
            found = self._normal_forms[i] = hashlib.blake2b(_normal(self.passages[i].text).encode(),
                                                            digest_size=16).digest()
        return found

    def family(self, document: str) -> tuple[str, str]:
        """Documents whose passages may repeat each other: one collection and one organisation (``families``)."""
        return self.families[document]

    @cached_property
    def families(self) -> dict[str, tuple[str, str]]:
        """Per document, its collection and its organisation's family. Organisations of the same words ("G40
        Stedennetwerk", "G40-Stedennetwerk", "Stedennetwerk G40") are one; one whose words stand in wider names
        that all nest in one another belongs with the widest ("G40" with "G40 Stedennetwerk", when a meta file
        names it in full on one year only). "Gemeente" beside "Gemeente Zwolle" and "Gemeente Breda" joins
        neither, and an organisation not known joins no known one: near-identical passages of two organisations
        must not pass for two years of one report."""
        families: dict[str, tuple[str, str]] = {}
        for collection in {d.collection for d in self.documents.values()}:
            members = [d for d in self.documents.values() if d.collection == collection]
            named = {d.id: frozenset(re.findall(r"[a-z0-9]+", fold(d.organisation))) for d in members}
            for d in members:
                own = named[d.id]
                wider = sorted({w for w in named.values() if own and own < w}, key=len)
                nested = all(a < b for a, b in zip(wider, wider[1:]))
                family = wider[-1] if wider and nested else own
                families[d.id] = (collection, " ".join(sorted(family)))
        return families

    def same(self, a: Passage, b: Passage, i: int, j: int, asked: frozenset[str] = frozenset(),
             figures: str = "", counted: frozenset[str] = frozenset(),
             answer: Callable[[int], str] | None = None) -> bool:
        """Overlapping chunks of one section, or near-identical words in another year of the same report
        (identical texts are matched before, by their normal form). Near-identical texts that differ in a
        word the question asks ("118 bomen", "Anna Bakker"), in a figure or month when it asks for a number
        or a date (``figures``: "1.120 signalen" in 2023, "1.530 signalen" in 2024), or in a person's name of the
        sentences that answer best when it asks who ("names": another member for one town in 2024), are two
        answers, not one text in two years. Of a count, only the numbers of the things counted (``counted``)
        count: "96 gemalen en 231 stuwen" in each year is one answer to "Hoeveel gemalen en stuwen …?", whatever
        the inhabitants. A section rewritten in another year (``LIKE_TEXT``) is one text where the sentences that
        answer best are the same (``answer``) and the sentences it does not share name none of the question's
        words (``_same_answer``): "Secretaris-directeur is Ronald Hermsen" in each year's board section, whatever
        that year's meetings; not where another sentence names another year's chair of the audit committee asked
        about."""
        if a.document == b.document:
            return self._overlap(a, b)
        if not (self.versions(i, j) or (answer is not None and self._same_answer(i, j, answer, asked))):
            return False
        x, y = self.words[i], self.words[j]
        if asked & x != asked & y:
            return False
        if figures == "names":  # of the sentences that answer best, where known: the year's other names do not count
            texts = (answer(i), answer(j)) if answer is not None else (a.text, b.text)
            return set(person_names(texts[0])) == set(person_names(texts[1]))
        if figures == "numbers" and counted:  # where neither gives the count, neither answers: one text, listed
            return (counted_numbers(a.text, counted, frozenset(), self.stem)  # "Met andere cijfers" if figures differ
                    == counted_numbers(b.text, counted, frozenset(), self.stem))
        return not (figures and figures_in(a.text, figures == "dates") != figures_in(b.text, figures == "dates"))

    def _same_answer(self, i: int, j: int, answer: Callable[[int], str], asked: frozenset[str]) -> bool:
        """Whether two years of a rewritten section (``LIKE_TEXT``) answer alike: the same best sentences, and
        the sentences one of them has alone (``sentences``) hold none of the question's words."""
        if self.sentences is None or not self.versions(i, j, LIKE_TEXT):
            return False
        best = _normal(answer(i))
        if not best or best != _normal(answer(j)):
            return False
        own = [{_normal(s) for s in self.sentences(k)} for k in (i, j)]
        return not any(asked & set(folded_words(s)) for s in own[0] ^ own[1])

    def versions(self, i: int, j: int, alike: float = SAME_TEXT) -> bool:
        """Whether two passages of other documents are one text in two years of a report: one report family
        (another organisation's boilerplate is not another year of this report) and near-identical words, its
        figures left out (which ``same`` and ``other_figures`` compare); below ``SAME_TEXT``, under one heading
        too."""
        a, b = self.passages[i], self.passages[j]
        if a.document == b.document or self.family(a.document) != self.family(b.document):
            return False
        if alike < SAME_TEXT and (not _heading(a) or _heading(a) != _heading(b)):
            return False
        x, y = self._content(i), self._content(j)
        if not x or min(len(x), len(y)) < alike * max(len(x), len(y)):
            return False
        return len(x & y) >= alike * len(x | y)

    def other_figures(self, i: int, j: int) -> bool:
        """Whether one text in two years gives other figures in each ("6,1 procent", "4,9 procent"), or names other
        people (a table of the theme groups' chairs, two of them new): listed as the same text, it would pass one
        year's figures or people off as the other's."""
        a, b = self.passages[i].text, self.passages[j].text
        return figures_in(a, False) != figures_in(b, False) or set(person_names(a)) != set(person_names(b))

    def _content(self, i: int) -> frozenset[str]:
        """A passage's words without its figures (cached)."""
        found = self._contents.get(i)
        if found is None:
            found = self._contents[i] = frozenset(w for w in self.words[i] if not COUNT_NUMBER.fullmatch(w))
        return found

    def in_order(self, ranked: list[int], years: set[int], asked: frozenset[str]) -> list[int]:
        """Two years of one text that differ in what is asked are two answers (``same``), and so are two years
        of one section, rewritten under its heading (``SAME_SECTION``): the one to prefer (``_better``) is moved up
        to just before the other (which keeps its place after it: a black-box report found the 2023 figure
        before 2024's when no year was asked). Each passage moves at most once: the two orders of ``_better``
        together need not be one order, and three passages could take turns for ever."""
        ranked = list(ranked)
        asked = frozenset(map(self.stem, asked))
        moved: set[int] = set()
        a = 0
        while a < len(ranked):
            better = next((b for b in range(a + 1, len(ranked)) if ranked[b] not in moved
                           and self._better(ranked[b], ranked[a], years, asked, b - a <= SAME_SECTION_REACH)), None)
            if better is None:
                a += 1
            else:
                moved.add(ranked[better])
                ranked.insert(a, ranked.pop(better))
        return ranked

    def _better(self, b: int, a: int, years: set[int], asked: frozenset[str], near: bool) -> bool:
        """Whether ``b`` goes before ``a``, another year of its text (``LIKE_TEXT``): the asked year's, else the one
        holding more of the question's stems ("heemraad", "heemraden"), else the newest; or, ``near`` it
        (``SAME_SECTION_REACH``), of its section under the same heading (``SAME_SECTION``), which may tell another
        thing: only holding as many of the question's stems, then the asked year's, else the newest ("Hoeveel
        trainees begonnen in 2024?" is not answered by 2024's staff section where 2022's names the trainees)."""
        if self.versions(a, b, LIKE_TEXT):
            return self._preferred(b, years, asked) > self._preferred(a, years, asked)
        if near and self.versions(a, b, SAME_SECTION):
            (year_b, words_b, newer_b), (year_a, words_a, newer_a) = (self._preferred(b, years, asked),
                                                                     self._preferred(a, years, asked))
            return (words_b, year_b, newer_b) > (words_a, year_a, newer_a)
        return False

    def _preferred(self, i: int, years: set[int], asked: frozenset[str]) -> tuple[bool, int, int]:
        year = self.passages[i].citation.year
        return year in years, len(asked & self._stems(i)), year or 0

    def _stems(self, i: int) -> frozenset[str]:
        """A passage's words, stemmed (cached)."""
        found = self._stem_sets.get(i)
        if found is None:
            found = self._stem_sets[i] = frozenset(map(self.stem, self.words[i]))
        return found

    @staticmethod
    def _overlap(a: Passage, b: Passage) -> bool:
        if a.document != b.document or a.section_index != b.section_index:
            return False
        shared = min(a.end, b.end) - max(a.start, b.start)
        return shared > DUPLICATE_OVERLAP * min(a.end - a.start, b.end - b.start)


def _heading(passage: Passage) -> str:
    """A passage's own heading without its number ("3.1 Inspecties" and "4.1 Inspecties" are one)."""
    return fold(passage.citation.section[-1]).lstrip("0123456789. ") if passage.citation.section else ""


def _normal(text: str) -> str:
    """A text's words in lower case, however spaced."""
    return " ".join(text.lower().split())
