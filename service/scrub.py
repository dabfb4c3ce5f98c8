"""Personal data out of question texts before anything stores them.

People paste their own details into a question ("mijn BSN is 123456782", "ik woon op 1234 AB 5"). The
question log keeps what was asked, never who: e-mail addresses, phone numbers, BSN-like numbers and a
postcode with a house number are replaced by a placeholder that says what was removed.

>>> scrub("Mail j.jansen@zwolle.nl of bel 06-12345678 over 1234 AB 56, BSN 123456782")
'Mail [e-mail] of bel [telefoon] over [adres], BSN [nummer]'
>>> scrub("Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?")
'Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?'
>>> scrub("Op 01-01-2023 kreeg de EU in 2023 EU-geld: 350000000 euro. BSN: 123.456.782, postcode 1234 ab 5")
'Op 01-01-2023 kreeg de EU in 2023 EU-geld: 350000000 euro. BSN: [nummer], postcode [adres]'
"""

from __future__ import annotations

import re

from vraagbaak.ingest.links import EMAIL

#: Dutch phone numbers: ten digits from a 0 (06-12345678, 010 123 4567, 0201234567), or +31/0031 and nine.
PHONE = re.compile(r"(?<![\w+])(?:(?:\+|00)31[\s-]?(?:\(0\))?[\s-]?[1-9]|0[1-9])(?:[\s-]?\d){8}(?![\w-])")
#: A postcode (1234 AB, 1234AB, 1234ab, 1234 ab 5) and the house number after it, if any; which of these
#: is an address and which a year followed by a word ("in 2023 en 2024") is decided in ``_address``.
ADDRESS = re.compile(r"\b([1-9]\d{3})(\s?)([A-Za-z]{2})\b(,?\s+(?:nr\.?\s*)?(\d{1,5})(?:-?[A-Za-z0-9]{1,4})?\b)?")
#: Two-letter Dutch words that follow a number in ordinary sentences.
WORDS = frozenset("en in op of te de is al na om ik je we ze zo nu er ja nl eu".split())


def _address(match: re.Match[str]) -> str:
    digits, space, letters, _, number = match.groups()
    yearlike = digits.startswith(("19", "20"))
    if number and len(number) == 4 and number.startswith(("19", "20")):
        number = None  # "2023 EU 2024": years, not a house number
    if letters.isupper():
        address = bool(number) or not yearlike or not space
    elif not space:
        address = not yearlike or bool(number)
    else:
        address = bool(number) and letters.lower() not in WORDS
    if not address:
        return match.group()
    return "[adres]" if number else "[adres]" + match.group()[len(digits) + len(space) + 2:]


#: Eight or nine digits, alone or written 123.456.782 / 1234.56.782: a BSN when they pass the eleven test,
#: or any such number right after "BSN" or "burgerservicenummer".
DIGITS = re.compile(r"(?<![\d,.])(?:\d{8,9}|\d{3}[ .]\d{3}[ .]\d{3}|\d{4}[ .]\d{2}[ .]\d{3})(?!\d|[,.]\d)")
NAMED = re.compile(r"\b(?:bsn|burgerservicenummer|sofinummer)\b\W{0,3}$", re.IGNORECASE)


def eleven_test(digits: str) -> bool:
    """The BSN check: 9 x d1 + 8 x d2 + ... + 2 x d8 - 1 x d9 is a multiple of 11 (and not 0)."""
    number = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(number, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0 and total != 0


def _number(match: re.Match[str]) -> str:
    digits = re.sub(r"\D", "", match.group())
    named = NAMED.search(match.string[:match.start()])
    return "[nummer]" if named or eleven_test(digits) else match.group()


def scrub(text: str) -> str:
    """The question without e-mail addresses, phone numbers, postcode plus house number and BSN-like numbers."""
    text = EMAIL.sub("[e-mail]", text)
    text = PHONE.sub("[telefoon]", text)
    text = ADDRESS.sub(_address, text)
    return DIGITS.sub(_number, text)
