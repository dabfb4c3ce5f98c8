"""Names of people, to tell a person's name from other words: Faker's lists of first names and surnames (a
maintained, MIT-licensed source with no model to load) for the Netherlands, Belgium and the countries whose
names are common there, with the Dutch first names they lack that reports often carry."""

from __future__ import annotations

import importlib
import re
from functools import cache

#: Faker's person providers whose first names are read: Dutch and Flemish, and the languages of names
#: that Dutch reports often carry (13 countries).
LOCALES = ("nl_NL", "nl_BE", "fr_BE", "en_US", "en_GB", "de_DE", "fr_FR", "tr_TR", "es_ES", "it_IT", "pt_PT",
           "pl_PL", "da_DK", "sv_SE")
#: Common Dutch first names that Faker's lists lack.
DUTCH_NAMES = frozenset("""Kees Jaap Ruud Ton Joop Rutger Wopke Marjolein Hanneke Menno Wiebe Ineke Sietske Hein Freek
Arjen Sybrand Tjeerd Hennie Ard Truus Nelleke Hetty Ank Dilan Ferd Jetta Rianne Lilianne Jacco Sybren""".split())


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


@cache
def surnames() -> frozenset[str]:
    """Capitalised surnames of at least three letters, from Faker's Dutch and Flemish person providers."""
    names: set[str] = set()
    for locale in ("nl_NL", "nl_BE"):
        found = getattr(importlib.import_module(f"faker.providers.person.{locale}").Provider, "last_names", ())
        names.update(found.keys() if isinstance(found, dict) else found)
    return frozenset(n for n in names if re.fullmatch(r"[A-ZÀ-Ý][a-zà-ÿ]{2,}", n))
