"""Personal data out of question texts before anything stores them.

People paste their own details into a question ("mijn BSN is 123456782", "ik woon op 1234 AB 5"). The
question log keeps what was asked, never who: e-mail addresses (also written out, "jan at zwolle punt
nl"), phone numbers (any country, any spelling; found by ``phonenumbers``), IBANs, BSN-like numbers, a
document, customer or case number, a password, a postcode with or without a house number, a street
with a house number, a date of birth, a licence plate, an IP address and a person's name are replaced
by a placeholder that says what was removed.

>>> scrub("Mail j.jansen@zwolle.nl of bel 06-12345678 over 1234 AB 56, BSN 123456782")
'Mail [e-mail] of bel [telefoon] over [adres], BSN [nummer]'
>>> scrub("Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?")
'Wat deden de 40 steden in 2023 en 2024 met 1200000 euro en 3,8 miljoen?'
>>> scrub("Op 01-01-2023 kreeg de EU in 2023 EU-geld: 350000000 euro. BSN: 123.456.782, postcode 1234 ab 5")
'Op 01-01-2023 kreeg de EU in 2023 EU-geld: 350000000 euro. BSN: [nummer], postcode [adres]'
>>> scrub("Mijn buurman Piet de Vries (geboren 12-03-1985, AB-123-C) woont op Kerkstraat 12")
'Mijn buurman [naam] (geboren [datum], [kenteken]) woont op [adres]'
"""

from __future__ import annotations

import ipaddress
import re
import unicodedata
from collections.abc import Callable

import phonenumbers

from vraagbaak.index.person_names import INTERFIXES, person_names
from vraagbaak.ingest.links import EMAIL

#: After a title or initials, a surname as common as "Jansen" or "Bakker" is still a name to scrub (answer
#: detection, ``index.person_names``, is stricter: "wethouder Wonen" names a portfolio there).
SCRUB_COMMON_AFTER_TITLE = 5.5
#: Every placeholder ``scrub`` writes.
PLACEHOLDER = re.compile(r"\[(?:e-mail|telefoon|iban|adres|nummer|geheim|datum|kenteken|ip-adres|naam)\]")

#: An address with its "@" or its dots written out: "jan(at)zwolle.nl", "jan [at] zwolle [dot] nl",
#: "jan at zwolle punt nl" (a spoken "at" only with a spoken dot, so "looked at g40.nl" stays).
WRITTEN_EMAIL = re.compile(
    r"[\w.+-]+\s*(?:[(\[{]\s*(?:at|@)\s*[)\]}])\s*[\w-]+(?:\s*(?:\.|[(\[{]\s*(?:dot|punt)\s*[)\]}]|\s(?:dot|punt)\s)"
    r"\s*[\w-]+)+"
    r"|[\w.+-]+(?:\s+(?:dot|punt)\s+[\w.+-]+)*\s+(?:at|apenstaartje)\s+[\w-]+(?:\s+(?:dot|punt)\s+[\w-]+)+"
    r"|[\w.+-]+ ?@ ?[\w-]+(?: ?\. ?[a-z]{2,})+"
    r"|(?<!\w)(?:[\w.+-] ){1,63}@(?: [\w-]){1,63}(?: \.(?: [a-z]){2,})+(?!\w)", re.IGNORECASE)  # "j a n @ z w o l l e . n l"
#: An IBAN, in one piece or in groups of four ("NL91 ABNA 0417 1643 00"); kept only if its check digits fail.
IBAN = re.compile(r"\b[A-Za-z]{2}\d{2}(?: ?[A-Za-z0-9]{4}){2,7}(?: ?[A-Za-z0-9]{1,3})?\b"
                  r"|\b[A-Z]{2} \d{2}(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,3})?\b", re.ASCII)  # "NL 91 ABNA 0417 …": capitals
#: A payment card's number: 13 to 19 digits, unbroken or in groups of four, that pass the Luhn check (a run of
#: years, "2015 2016 2017 2018", is none).
CARD = re.compile(r"(?<![\d,.])(?:\d{13,19}|\d{4}(?:[ -]\d{4}){2,3}(?:[ -]\d{1,4})?)(?![\d]|[,.]\d)")
YEARS = re.compile(r"(?:(?:19|20)\d\d[ -]?)+")
#: What ``phonenumbers`` also takes for a phone number, and is not one here: a date, a range of years.
NOT_A_PHONE = re.compile(r"\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}[-/.](?:19|20)\d\d|(?:19|20)\d\d\s*[-–]\s*(?:19|20)\d\d"
                         r"|\d{1,3}(?:\.\d{3})+")
#: A postcode (1234 AB, 1234AB, 1234ab, 1234 ab 5, 1234AB12a) and the house number after it, if any; which of
#: these is an address and which a year followed by a word ("in 2023 en 2024") is decided in ``_address``.
ADDRESS = re.compile(r"\b([1-9]\d{3})(\s?)([A-Za-z]{2})(?![A-Za-z])(,?\s*(?:nr\.?\s*)?(\d{1,5})(?:-?[A-Za-z0-9]{1,4})?\b)?")
#: Two-letter Dutch words that follow a number in ordinary sentences.
WORDS = frozenset("en in op of te de is al na om ik je we ze zo nu er ja nl eu".split())
#: A street and its house number: "Kerkstraat 12", "Lange Voorhout 3a", "Stationsweg 14-2".
STREET = re.compile(r"\b(?:(?:Lange|Korte|Oude|Nieuwe|Grote|Kleine|Sint|Van|De|Den) )?[A-Z][a-zà-ÿ]+(?:straat|laan|weg"
                    r"|plein|gracht|kade|singel|dijk|steeg|dreef|hof|pad|park|markt|ring|baan|allee|boulevard|erf|wal"
                    r"|haven)\s+(?!(?:19|20)\d\d\b)\d{1,4}(?:\s?[a-zA-Z]\b|-\d{1,3}\b)?"
                    r"(?!\s*(?:jaar|keer|maanden|maand|weken|dagen|uur|procent|%|miljoen|miljard|euro|km)\b)")
HOUSE_NUMBER = re.compile(r"\b(huisnummer|huisnr\.?)(\s*(?:is|:)?\s*)\d{1,5}(?:\s?[a-zA-Z]\b|-\d{1,3}\b)?", re.IGNORECASE)
#: A number named by what it is: the number after it goes, whatever its form.
NAMED_NUMBER = re.compile(r"\b(bsn|burgerservicenummer|sofi-?nummer|paspoort(?:nummer)?|documentnummer|id-?nummer"
                          r"|rijbewijsnummer|klantnummer|dossiernummer|polisnummer|personeelsnummer|pasnummer"
                          r"|rekeningnummer|zaaknummer|kenmerk)((?:[\s-]*nummer)?\s*(?:is|was|luidt|=|:)?\s*)"
                          r"(\d{3} \d{3} \d{3}|\d{4} \d{2} \d{3}|(?=[\w.-]*\d)[A-Za-z0-9][\w.-]*[A-Za-z0-9]|\d)", re.IGNORECASE)
#: A secret after its name: "wachtwoord is Welkom123!" (a plain word, as in "is verlopen", stays).
SECRET = re.compile(r"\b(wachtwoord|password|paswoord|pincode|pin-code|inlogcode|toegangscode|wifi-code)"
                    r"(\s*(?:(?:is|was)\s+|[=:]\s*)?)(\S+)", re.IGNORECASE)
#: A date after "geboren" or "geboortedatum": 12-03-1985, 12/3/85, 12 maart 1985.
BIRTH = re.compile(r"\b(geboren|geboortedatum|geb\.|born|date of birth)(\s*(?:op|on|is|:)?\s*)"
                   r"(\d{1,2}[-/. ]\d{1,2}[-/. ]\d{2,4}|\d{1,2} [a-z]{3,9}\.? \d{4})", re.IGNORECASE)
#: A Dutch licence plate in any of its side codes: six letters and digits in three groups (AB-123-C, 12-ABC-3).
PLATE = re.compile(r"(?<![\w-])(?=[A-Z0-9-]{8}(?![\w-]))(?=(?:[A-Z0-9]+-){2}[A-Z0-9]+)(?=.*[A-Z])(?=.*\d)"
                   r"(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})-(?:[A-Z]{1,3}|\d{1,3})(?![\w-])")
IP_CONTEXT = re.compile(r"\bip\b|ip-?adres|\baddress|\bserver|\brouter|\bvpn\b", re.IGNORECASE)
IP_ADDRESS = re.compile(r"(?<![\d.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\d.])")
#: What may be an IPv6 address ("2001:db8::1"); ``ipaddress`` decides ("10:30:00" is a time).
IPV6 = re.compile(r"(?<![\w:])[0-9A-Fa-f:]*:[0-9A-Fa-f]*:[0-9A-Fa-f:]*(?![\w:])")
#: Eight or nine digits, alone or written 123.456.782 / 123-456-782 / 1234.56.782: a BSN when they pass the
#: eleven test.
DIGITS = re.compile(r"(?<![\d,.])(?:\d{8,9}|\d{3}[ .-]\d{3}[ .-]\d{3}|\d{4}[ .-]\d{2}[ .-]\d{3})(?!\d|[,.]\d)")


def eleven_test(digits: str) -> bool:
    """The BSN check: 9 x d1 + 8 x d2 + ... + 2 x d8 - 1 x d9 is a multiple of 11 (and not 0)."""
    number = digits.zfill(9)
    total = sum(int(d) * w for d, w in zip(number, (9, 8, 7, 6, 5, 4, 3, 2, -1)))
    return total % 11 == 0 and total != 0


def _ipv6(text: str) -> bool:
    try:
        ipaddress.IPv6Address(text)
    except ValueError:
        return False
    return True


def luhn_valid(digits: str) -> bool:
    """The check of payment card numbers: every second digit from the right doubled (less 9 above 9), the
    sum a multiple of 10."""
    total = sum(d if i % 2 == 0 else (2 * d - 9 if d > 4 else 2 * d) for i, d in enumerate(map(int, reversed(digits))))
    return total % 10 == 0


def iban_valid(text: str) -> bool:
    """ISO 13616's check: the country and check digits moved to the end, letters as 10-35, modulo 97 is 1."""
    code = re.sub(r"\s", "", text).upper()
    if len(code) < 15 or not code.isascii() or not code.isalnum():
        return False
    return int("".join(str(int(c, 36)) for c in code[4:] + code[:4])) % 97 == 1


def _address(match: re.Match[str]) -> str:
    digits, space, letters, _, number = match.groups()
    yearlike = digits.startswith(("19", "20"))
    if number and len(number) == 4 and number.startswith(("19", "20")):
        number = None  # "2023 EU 2024": years, not a house number
    if re.search(r"postcode\W*$", match.string[:match.start()], re.IGNORECASE):
        address = True
    elif letters.isupper():
        address = bool(number) or not yearlike or not space
    elif not space:
        address = not yearlike or bool(number)
    else:
        address = bool(number) and letters.lower() not in WORDS
    if not address:
        return match.group()
    return "[adres]" if number else "[adres]" + match.group()[len(digits) + len(space) + 2:]


def _phones(text: str) -> str:
    """Every phone number as ``phonenumbers`` finds it (Dutch by default, any other with its country code),
    written from a 0, a + or a bracket: a bare run of digits ("1200000 euro") is an amount."""
    found = [m for m in phonenumbers.PhoneNumberMatcher(text, "NL", leniency=phonenumbers.Leniency.POSSIBLE)
             if (m.raw_string[:1] in "0+" or m.raw_string.startswith(("(0", "(+")))
             and not NOT_A_PHONE.fullmatch(m.raw_string.strip("()"))]
    for match in reversed(found):  # a bracket the number opens a phrase with, "(06-12345678, ...)", stays
        start = match.start + (match.raw_string.startswith("(") and ")" not in match.raw_string)
        text = text[:start] + "[telefoon]" + text[match.end:]
    return text


def _secret(match: re.Match[str]) -> str:
    """After "wachtwoord:" anything is the secret; after "wachtwoord is" not a plain word ("is verlopen"); right
    after "pincode" only a value with a digit ("pincode 1234", not "pincode vergeten")."""
    separator, value = match.group(2).strip().lower(), match.group(3)
    plain = value.rstrip(".,;:!?").isalpha() and value[1:].rstrip(".,;:!?").islower()
    secret = separator in (":", "=") or (separator in ("is", "was") and not plain) or (
        not separator and any(c.isdigit() for c in value))
    return match.group(1) + match.group(2) + "[geheim]" if secret else match.group()


def _names(text: str, public: Callable[[str], bool] | None) -> str:
    """A person's name, unless ``public`` says the reports print it whole ("Paul Depla" may stay; a neighbour's
    name goes). After a title or initials even a common word is taken for a surname here ("mevrouw Bakker"),
    and a surname alone is never public: that the reports use the word ("Berg", "de Groot") says nothing."""
    for name in set(person_names(text, common_after_title=SCRUB_COMMON_AFTER_TITLE)):
        whole = sum(word.lower() not in INTERFIXES for word in name.split()) >= 2
        if public is not None and whole and public(name):
            continue
        text = re.sub(r"(?<!\w)" + r"\W{0,3}".join(map(re.escape, re.findall(r"[^\W\d_]+(?:-[^\W\d_]+)*|[A-Z]\.", name)))
                      + r"(?!\w)", "[naam]", text)
    return text


def scrub(text: str, public: Callable[[str], bool] | None = None) -> str:
    """The question without the personal data it holds (see the module's doc); a name that ``public`` says the
    reports print (``Evidence.prints``) stays."""
    text = unicodedata.normalize("NFKC", text)  # a full-width "＠" or digits are the same to a reader
    text = SECRET.sub(_secret, text)
    text = EMAIL.sub("[e-mail]", text)
    text = WRITTEN_EMAIL.sub("[e-mail]", text)
    text = IBAN.sub(lambda m: "[iban]" if iban_valid(m.group()) else m.group(), text)
    text = CARD.sub(lambda m: "[nummer]" if luhn_valid(re.sub(r"\D", "", m.group())) and not YEARS.fullmatch(m.group())
                    else m.group(), text)
    if IP_CONTEXT.search(text):  # "paragraaf 2.3.1.4" is no address
        text = IP_ADDRESS.sub("[ip-adres]", text)
        text = IPV6.sub(lambda m: "[ip-adres]" if _ipv6(m.group()) else m.group(), text)
    text = BIRTH.sub(lambda m: m.group(1) + m.group(2) + "[datum]", text)
    text = NAMED_NUMBER.sub(lambda m: m.group(1) + m.group(2) + "[nummer]", text)
    text = _phones(text)
    text = STREET.sub("[adres]", text)
    text = ADDRESS.sub(_address, text)
    text = HOUSE_NUMBER.sub(lambda m: m.group(1) + m.group(2) + "[adres]", text)
    text = PLATE.sub("[kenteken]", text)
    text = DIGITS.sub(lambda m: "[nummer]" if eleven_test(re.sub(r"\D", "", m.group())) else m.group(), text)
    return _names(text, public)


def without_placeholders(text: str) -> str:
    """The scrubbed question as its meaning is compared: a placeholder says nothing about what was asked, so
    two questions do not group on "[telefoon]"."""
    return " ".join(PLACEHOLDER.sub(" ", text).split())
