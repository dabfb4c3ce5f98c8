"""Personal data out of question texts before anything stores them.

People paste their own details into a question ("mijn BSN is 123456782", "ik woon op 1234 AB 5"). The
question log keeps what was asked, never who: e-mail addresses, phone numbers, BSN-like numbers and a
postcode with a house number are replaced by a placeholder that says what was removed.

>>> scrub("Mail j.jansen@zwolle.nl of bel 06-12345678 over 1234 AB 56, BSN 123456782")
'Mail [e-mail] of bel [telefoon] over [adres], BSN [nummer]'
>>> scrub("Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?")
'Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?'
"""

from __future__ import annotations

import re

from vraagbaak.ingest.links import EMAIL

#: Dutch and international phone numbers: 06-12345678, 010 123 4567, +31 6 1234 5678, 0031201234567.
PHONE = re.compile(r"(?<![\w+])(?:\+|00)?(?:31[\s-]?)?\(?0?\d{1,3}\)?(?:[\s-]?\d){6,9}(?!\w)")
#: A postcode (1234 AB, 1234AB, 1234ab; not "2023 en"), with the house number after it if there is one.
ADDRESS = re.compile(r"\b[1-9]\d{3}(?:\s?[A-Z]{2}|[a-z]{2})\b(?:,?\s+(?:nr\.?\s*)?\d{1,5}(?:-?[A-Za-z0-9]{1,4})?\b)?")
#: A BSN or another personal number: eight or nine digits in a row, or written as 1234.56.782.
NUMBER = re.compile(r"(?<![\d,.])(?:\d{8,9}|\d{4}[ .]\d{2}[ .]\d{3})(?![\d,.])")


def scrub(text: str) -> str:
    """The question without e-mail addresses, phone numbers, postcode plus house number and BSN-like numbers."""
    text = EMAIL.sub("[e-mail]", text)
    text = ADDRESS.sub("[adres]", text)
    text = PHONE.sub(lambda m: "[telefoon]" if m.group().lstrip("+").startswith(("0", "31")) else m.group(), text)
    return NUMBER.sub("[nummer]", text)
