"""The question/answer set: load, validate, and the normal form that evidence is matched in.

One JSON object per line: ``id``, ``question``, ``answer``, ``evidence`` (1-3 verbatim substrings
of the source, 30-120 characters; empty when the reports cannot answer), ``document``,
``section``, ``kind``; for unanswerable questions a ``subkind`` (``near_miss``: about the reports'
own themes and people, asking for something they do not give; ``off_topic``: what no report of
the network covers), and ``part``: ``tuning`` (calibration may look at it) or ``test`` (held out).
The committed set was split once, by id, 60/40 within each kind and subkind. A set without
``part`` is all held out, and a missing ``subkind`` counts as unknown.

An outside file is read leniently, so that ``vraagbaak eval --qa`` measures it rather than refusing it:
a ``kind`` of its own, more or other-length evidence, "near-miss" for ``near_miss``, a byte-order mark,
no ``answer``, ``document`` or ``section``. Whether a question is answerable is whether it has evidence.
:func:`problems` holds the committed sets to the stricter form.
"""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError, field_validator, model_validator

from vraagbaak.errors import VraagbaakError, requirement
from vraagbaak.ingest.read import document_id

#: The kinds the committed sets use; an outside set may name its own.
KINDS = frozenset({"fact", "who", "when", "number", "list", "paraphrase", "keyword", "typo", "english", "unanswerable"})
Subkind = Literal["", "near_miss", "off_topic"]
Part = Literal["tuning", "test"]
DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
#: The shortest evidence an outside set may give; the committed sets give 30-120 characters.
MIN_EVIDENCE = 10
QUOTES = str.maketrans({c: "'" for c in "‘’‚‛`´"} | {c: '"' for c in "“”„‟"})


def normal(text: str) -> str:
    """Case, line-end hyphenation, hyphens, soft hyphens, quotes and whitespace folded away.

    >>> normal("inge-\\nricht ‘MKB-dienstverlening’") == normal("ingericht 'MKB-\\ndienstverlening'")
    True
    >>> normal("over\\u00ad\\nheid") == normal("overheid")
    True
    """
    text = re.sub("\u00ad\\s*", "", text)  # a soft hyphen (at a line end, too) is no character of the word
    text = unicodedata.normalize("NFKC", text).translate(QUOTES).lower()
    text = re.sub(r"-\s+", "", text).replace("-", "")  # "inge-\nricht", "inge- richt" and "ingericht" agree
    return " ".join(text.split())


def contains_evidence(normal_evidence: list[str], normal_text: str) -> bool:
    """Whether a text holds one of the evidence strings (both in :func:`normal` form): a correct passage."""
    return any(e in normal_text for e in normal_evidence)


class QAPair(BaseModel):
    id: str = Field(min_length=1)
    question: str = Field(min_length=1, max_length=1000)
    answer: str = ""
    evidence: list[str] = []
    document: str = ""
    section: str = ""
    kind: str = Field(min_length=1)
    subkind: Subkind = ""
    part: Part = "test"

    @model_validator(mode="before")
    @classmethod
    def _null_is_absent(cls, data: object) -> object:
        """A field another tool writes as null ("subkind": null for an answerable question) counts as left out;
        a required one stays missing."""
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if v is not None or k in ("id", "question", "kind")}
        return data

    @field_validator("evidence")
    @classmethod
    def _evidence_has_words(cls, evidence: list[str]) -> list[str]:
        """Evidence of a few characters would make any passage that holds them count as correct."""
        for e in evidence:
            if len(e.strip()) < MIN_EVIDENCE:
                raise ValueError(f"een bewijstekst heeft minstens {MIN_EVIDENCE} tekens, deze {len(e.strip())}: {e!r}")
        return evidence

    @field_validator("subkind", mode="before")
    @classmethod
    def _subkind_spelling(cls, value: object) -> object:
        """"Near-miss" and "off topic" as the committed sets write them."""
        return re.sub(r"[\s-]+", "_", value.strip().lower()) if isinstance(value, str) else value

    @field_validator("kind", mode="before")
    @classmethod
    def _kind_spelling(cls, value: object) -> object:
        return value.strip().lower() if isinstance(value, str) else value

    @field_validator("id", mode="before")
    @classmethod
    def _id_as_text(cls, value: object) -> object:
        return str(value) if isinstance(value, int) and not isinstance(value, bool) else value

    @model_validator(mode="after")
    def _answerable_has_evidence(self) -> QAPair:
        if self.kind == "unanswerable" and self.evidence:
            raise ValueError("een vraag van soort 'unanswerable' heeft geen bewijs")
        if self.kind in KINDS - {"unanswerable"} and not self.evidence:
            raise ValueError(f"een vraag van soort {self.kind!r} heeft bewijs nodig (of soort 'unanswerable')")
        return self

    @property
    def answerable(self) -> bool:
        return bool(self.evidence)

    @property
    def group(self) -> str:
        """answerable, near_miss, off_topic, or unanswerable when the set does not say which."""
        return "answerable" if self.answerable else self.subkind or "unanswerable"

    @property
    def normal_evidence(self) -> list[str]:
        return [normal(e) for e in self.evidence]


class DatasetError(VraagbaakError):
    code = "dataset"


def part(pairs: list[QAPair], name: Part) -> list[QAPair]:
    return [p for p in pairs if p.part == name]


def load(path: Path = DEFAULT_QA) -> list[QAPair]:
    pairs: list[QAPair] = []
    try:
        lines = Path(path).read_text(encoding="utf-8-sig").splitlines()
    except OSError as exc:
        raise DatasetError(f"Kan de vragenset {path} niet lezen ({exc.strerror}).") from exc
    except UnicodeDecodeError as exc:
        raise DatasetError(f"De vragenset {path} is geen UTF-8-tekst (byte {exc.object[exc.start]:#04x} op positie "
                           f"{exc.start}); sla het bestand op als UTF-8.") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            pairs.append(QAPair.model_validate(json.loads(line)))
        except ValidationError as exc:
            detail = "; ".join(_dutch(e) for e in exc.errors())
            raise DatasetError(f"{Path(path).name}, regel {number}: {detail}") from exc
        except json.JSONDecodeError as exc:
            raise DatasetError(f"{Path(path).name}, regel {number}: geen geldige JSON (kolom {exc.colno}).") from exc
    return pairs


def _dutch(error: dict) -> str:
    """One validation error of a line, in Dutch (pydantic speaks English)."""
    field = ".".join(map(str, error["loc"]))
    if error["type"] == "model_type":
        return "een regel moet een JSON-object zijn"
    said = requirement(error)
    return f"{field}: {said}" if field else said


def _pdf_text(path: Path) -> str:
    """A PDF's text layer as PDFium gives it, not as ingest reads it: evidence must stand in the PDF itself."""
    import pypdfium2 as pdfium

    document = pdfium.PdfDocument(path)
    try:
        return "\n".join(page.get_textpage().get_text_range().replace("\ufffe", "-") for page in document)
    finally:
        document.close()


def problems(pairs: list[QAPair], corpus_dir: Path) -> list[str]:
    """Everything wrong with a set against its sources and the committed form: duplicate ids, evidence not in
    the document, an unknown kind, other than 1-3 evidence strings of 30-120 characters, an answerable
    question without its answer, document or section."""
    found: list[str] = []
    seen: set[str] = set()
    sources: dict[str, str] = {}
    for path in Path(corpus_dir).rglob("*.txt"):
        sources[document_id(path)] = normal(path.read_text(encoding="utf-8"))
    for path in Path(corpus_dir).rglob("*.pdf"):
        sources[document_id(path)] = normal(_pdf_text(path))
    for pair in pairs:
        if pair.id in seen:
            found.append(f"{pair.id}: id komt vaker voor")
        seen.add(pair.id)
        if pair.kind not in KINDS:
            found.append(f"{pair.id}: onbekende soort {pair.kind!r}")
        if len(pair.evidence) > 3 or [e for e in pair.evidence if not 30 <= len(e) <= 120]:
            found.append(f"{pair.id}: bewijs is 1-3 teksten van 30-120 tekens")
        if pair.answerable and not (pair.answer and pair.section and pair.document):
            found.append(f"{pair.id}: een beantwoordbare vraag heeft een antwoord, een document en een sectie")
        if pair.answerable and pair.document not in sources:
            found.append(f"{pair.id}: onbekend document {pair.document!r}")
            continue
        for evidence in pair.evidence:
            if normal(evidence) not in sources[pair.document]:
                found.append(f"{pair.id}: bewijs staat niet in {pair.document}: {evidence!r}")
    return found
