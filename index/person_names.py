"""People named in a sentence: what answers "Wie is de voorzitter van ...?".

A report names its people as "Jan Hamming", "wethouder Maarten Burggraaf", "minister Hoekstra" or
"W.B. Hoekstra". Any capitalised word would also take in "de Tweede Kamer" and "de themagroep Europa",
which answer a question about an organisation but not one about a person; so a name here starts with a
known first name, a title or initials. The first names are Faker's lists for the Netherlands, Belgium
and the countries whose names are common there: a maintained, MIT-licensed source with no model to load.
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from functools import cache

#: Faker's person providers whose first names are read: Dutch and Flemish, and the languages of names
#: that Dutch reports often carry.
LOCALES = ("nl_NL", "nl_BE", "fr_BE", "en_US", "en_GB", "de_DE", "fr_FR", "tr_TR", "es_ES", "it_IT", "pt_PT",
           "pl_PL", "da_DK", "sv_SE")
TITLES = frozenset({"wethouder", "burgemeester", "minister", "staatssecretaris", "voorzitter", "gedeputeerde",
                    "commissaris", "korpschef", "kamerlid", "directeur", "mevrouw", "heer", "dhr", "mw", "mevr",
                    "mr", "dr", "drs", "prof", "ir", "ing", "mayor", "alderman", "mr", "mrs", "ms"})
INTERFIXES = frozenset({"van", "de", "der", "den", "ter", "ten", "te", "het", "'t", "in", "op", "von", "la", "le", "du",
                        "da", "di", "el", "al"})
SURNAME = re.compile(r"[A-ZÀ-Ý][a-zà-ÿ]+(?:-[A-ZÀ-Ý][a-zà-ÿ]+)?")
INITIALS = re.compile(r"(?:[A-Z]\.\s?)+")
WORD = re.compile(r"(?:[A-Z]\.\s?)+|[^\W\d_]+(?:-[^\W\d_]+)?|'t|\S")


@cache
def first_names() -> frozenset[str]:
    """Capitalised first names of at least three letters, from Faker's person providers (read once)."""
    names: set[str] = set()
    for locale in LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        for attribute in ("first_names", "first_names_male", "first_names_female"):
            found = getattr(provider, attribute, ())
            names.update(found.keys() if isinstance(found, dict) else found)
    return frozenset(n for n in names if re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}", n))


def person_names(sentence: str) -> Iterator[str]:
    """Every person the sentence names: a first name, initials or a title (any case), then any interfixes
    and a capitalised surname. After a title an interfix is capitalised, as Dutch writes a surname without
    first name ("burgemeester Van der Laan"): "de minister van Financiën" names no one."""
    words = WORD.findall(sentence)
    known = first_names()
    for i, word in enumerate(words):
        title = word.lower() in TITLES
        if not (title or word in known or INITIALS.fullmatch(word)):
            continue
        j = i + 1
        while j < len(words) and (words[j] == "." or words[j].lower() in TITLES):
            j += 1
        if title and j < len(words) and words[j].islower():
            continue
        while j < len(words) and words[j].lower() in INTERFIXES:
            j += 1
        if j < len(words) and SURNAME.fullmatch(words[j]):
            yield " ".join(w for w in words[i:j + 1] if w != "." and w.lower() not in TITLES)
