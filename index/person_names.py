"""People named in a sentence: what answers "Wie is de voorzitter van ...?".

A report names its people as "Jan Hamming", "wethouder Maarten Burggraaf", "minister Hoekstra" or
"W.B. Hoekstra". Any capitalised word would also take in "de Tweede Kamer" and "de themagroep Europa",
which answer a question about an organisation but not one about a person; so a name here starts with a
known first name, initials or a title. The first names are Faker's lists for the Netherlands, Belgium
and the countries whose names are common there (a maintained, MIT-licensed source with no model to
load), with the Dutch names they lack that reports often carry.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache

from vraagbaak.ingest.clean import zipf_nl

#: Faker's person providers whose first names are read: Dutch and Flemish, and the languages of names
#: that Dutch reports often carry (13 countries).
LOCALES = ("nl_NL", "nl_BE", "fr_BE", "en_US", "en_GB", "de_DE", "fr_FR", "tr_TR", "es_ES", "it_IT", "pt_PT",
           "pl_PL", "da_DK", "sv_SE")
#: Common Dutch first names that Faker's lists lack.
DUTCH_NAMES = frozenset("""Kees Jaap Ruud Ton Joop Rutger Wopke Marjolein Hanneke Menno Wiebe Ineke Sietske Hein Freek
Arjen Sybrand Tjeerd Hennie Ard Truus Nelleke Hetty Ank Dilan Ferd Jetta Rianne Lilianne Jacco Sybren""".split())
#: The roles a question may ask the holder of ("Wie is de voorzitter van ...?"); each is also a title before
#: a name ("voorzitter Jan Hamming", "premier Rutte").
ROLES = ("voorzitter", "vicevoorzitter", "dagvoorzitter", "directeur", "burgemeester", "wethouder", "minister",
         "staatssecretaris", "secretaris", "korpschef", "president", "penningmeester", "ambassadeur", "spreker",
         "ervaringsdeskundige", "commissaris", "gedeputeerde", "ombudsman", "informateur", "premier", "kamerlid",
         "hoogleraar", "chair", "chairman", "chairwoman", "chairperson", "director", "mayor", "alderman",
         "secretary", "speaker", "officer")
#: Abbreviations before a name, after which a full stop does not end the sentence.
ABBREVIATIONS = frozenset({"dhr", "mw", "mevr", "mr", "dr", "drs", "prof", "ir", "ing", "mrs", "ms"})
#: Titles that address a person ("mevrouw de Vries", "dhr. van der Berg"): a lowercase interfix after them
#: starts the surname, where after a role it starts a phrase ("minister van Financiën").
ADDRESSING = frozenset({"mevrouw", "heer", "meneer", "dhr", "mw", "mevr", "mrs", "ms"})
TITLES = frozenset(ROLES) | ABBREVIATIONS | ADDRESSING
INTERFIXES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "von", "la", "le", "du",
                        "da", "di", "el", "al"})
#: A word this common in Dutch ("Wonen", "Daarin") is no surname after a title or initials ("wethouder Wonen",
#: "bijlage B. Daarin"); after a first name only a commoner one is not ("Jan Jansen", but not "Jan Verder").
COMMON_AFTER_TITLE = 4.0
COMMON_AFTER_NAME = 5.0
SURNAME = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?")
INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")
WORD = re.compile(r"(?:[A-Z]\.\s?)+|[^\W\d_]+(?:-[^\W\d_]+)*|'t|\S")


@cache
def first_names() -> frozenset[str]:
    """Capitalised first names of at least three letters, from Faker's person providers (read once)."""
    names: set[str] = set(DUTCH_NAMES)
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found = getattr(provider, attribute, ())
            names.update(found.keys() if isinstance(found, dict) else found)
    return frozenset(n for n in names if re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}", n))


def _first_name(word: str) -> bool:
    """A known first name, or one of known names joined by hyphens ("Jan-Willem", "Anne-Marie")."""
    return all(part in first_names() for part in word.split("-"))


def _unknown_name(words: list[str], i: int) -> bool:
    """A first name the lists lack, told by its surname's interfix: "Caspar van de Berg" (but not
    "Ministerie van Financiën", whose first word is common)."""
    return (bool(SURNAME.fullmatch(words[i])) and i + 1 < len(words) and words[i + 1] in INTERFIXES
            and zipf_nl(words[i]) < COMMON_AFTER_TITLE)


def person_names(sentence: str, common_after_title: float = COMMON_AFTER_TITLE) -> Iterator[str]:
    """Every person the sentence names: a first name or initials, then any interfixes and a capitalised
    surname ("Eberhard van der Laan", "W.B. Hoekstra"); or a title and a surname, written as Dutch writes
    one without first name ("burgemeester Van der Laan", "minister Hoekstra"). Directly after a title or
    initials the surname is no common word ("wethouder Wonen" names a portfolio, "bijlage B. Daarin" none),
    and "de minister van Financiën" names no one."""
    words = WORD.findall(sentence)
    for i, word in enumerate(words):
        titled = word.lower() in TITLES
        named = _first_name(word) or _unknown_name(words, i)
        if not (titled or named or INITIALS.fullmatch(word)):
            continue
        j = i + 1
        if titled:
            if j < len(words) and words[j] == "." and word.lower() in ABBREVIATIONS:
                j += 1
            while j < len(words) and words[j].lower() in TITLES:  # "mr. drs. J.A. de Vries"
                j += 1
                j += j < len(words) and words[j] == "."
            if j >= len(words) or _first_name(words[j]) or INITIALS.fullmatch(words[j]) or (
                    words[j].islower() and not (word.lower() in ADDRESSING and words[j] in INTERFIXES)):
                continue  # a name that follows is found from its own first word; "minister van" names no one
        start = j
        while j < len(words) and words[j].lower() in INTERFIXES:
            j += 1
        if j >= len(words) or not SURNAME.fullmatch(words[j]):
            continue
        if j == start and zipf_nl(words[j]) >= (COMMON_AFTER_NAME if named and not titled else common_after_title):
            continue
        yield " ".join(w for w in words[i + titled:j + 1] if w != "." and w.lower() not in TITLES)
