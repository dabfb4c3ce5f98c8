"""Links in extracted text: recognise them, unwrap mail-scanner redirects, scrub personal data.

A mail scanner (Microsoft Safe Links and the like) wraps a link as ``https://scanner/?url=<target>
&data=<recipient's address, tracking ids>``. Only the target is kept; a person's e-mail address must
never reach a passage, a citation or a log (an office's mailbox in the text, "info@…", stays).
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

URL = re.compile(r"(?:https?://|www\.)[^\s<>\"“”‘’]+", re.IGNORECASE)
URL_LINE = re.compile(r"^\s*(?:https?://|www\.)\S+\s*$", re.IGNORECASE)
EMAIL = re.compile(r"[\w.+-]+(?:@|%40)[\w-]+(?:\.[\w-]+)+", re.IGNORECASE)
#: Query parameters a redirect wrapper uses for the real target.
TARGET_PARAMS = ("url", "u", "target", "q")
TRACKING_PARAM = re.compile(r"^(utm_\w+|fbclid|gclid|mc_[ce]id|data|sdata|reserved)$", re.IGNORECASE)
EMAIL_PLACEHOLDER = "[e-mailadres verwijderd]"


def is_url_line(text: str) -> bool:
    return bool(URL_LINE.match(text))


def clean_url(url: str) -> str | None:
    """The real target of ``url``, without redirect wrapper, tracking parameters or e-mail addresses.

    >>> clean_url("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fg40.nl%2Fa&data=x%40y.nl")
    'https://g40.nl/a'
    """
    url = url.strip().rstrip(".,;:!?)")
    if url.lower().startswith("www."):
        url = "https://" + url
    for _ in range(5):  # wrappers can be nested; never loop forever
        parts = urlsplit(url)
        params = dict(parse_qsl(parts.query, keep_blank_values=True))
        target = next((params[p] for p in TARGET_PARAMS if params.get(p, "").lower().startswith(("http://", "https://"))), None)
        if target is None:
            break
        url = target  # parse_qsl has already percent-decoded it
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True)
             if not TRACKING_PARAM.match(k) and not EMAIL.search(v) and not EMAIL.search(k)]
    netloc = parts.netloc.rsplit("@", 1)[-1]  # never keep user info
    return urlunsplit((parts.scheme, netloc, EMAIL.sub("", parts.path), urlencode(query), ""))


def urls_in(text: str) -> list[str]:
    """Cleaned links found in a piece of text, in order, without repeats."""
    found: list[str] = []
    for match in URL.finditer(text):
        url = clean_url(match.group())
        if url and url not in found:
            found.append(url)
    return found


#: The mailbox of an office, not of a person ("info@", "secretariaat.wonen@", "bestuurszaken@"): a report prints it for
#: readers to write to, and "Wat is het e-mailadres van het netwerk?" should find it. A role, a department (by the
#: endings of such names: "-zaken", "-loket", "-beheer", …) or a subject a municipality answers mail on; a word that
#: could be a person's name ("devries@", "marloes@", "groot@") is none of them, so it goes. So is a programme's or a
#: group's ("regiodeal@", "programmabureau@", "stuurgroep@").
ROLE_MAILBOX = re.compile(r"(?:(?:info|informatie|contact|secretariaat|secretariat|post|bureau|netwerkbureau|service"
                          r"|klantcontact|communicatie|pers|press|redactie|helpdesk|servicedesk|office|algemeen|receptie"
                          r"|administratie|vragen|loket|gemeente|griffie|raadsgriffie)(?:[._-][\w-]+)?"
                          r"|[a-z]*(?<!de)(?<!der)(?<!den)(?<!van)"  # "hdepunt", "pvanderzaken": a surname
                          r"(?:zaken|loket|beheer|dienst|desk|balie|centrum|centrale|punt|secretariaat|bureau|groep"
                          r"|team|deal|netwerk|platform|programma|project)"
                          r"|(?:ondernemings|clienten|deelnemers|medezeggenschaps|jongeren|advies|ouderen|senioren"
                          r"|wijk|dorps|bewoners|huurders|studenten|leerlingen)raad|directie|bestuur|management"
                          r"|klimaat|duurzaamheid|energie|wmo|jeugd|zorg|welzijn|onderwijs|leerplicht|werk|inkomen"
                          r"|participatie|schuldhulp|vergunningen?|handhaving|toezicht|bezwaar|bezwaarschriften|klachten"
                          r"|meldingen|belastingen?|subsidies?|afval|inkoop|facturen|crediteuren|debiteuren|financien"
                          r"|personeel|hrm|wonen|bouwen|verkeer|parkeren|omgevingswet|privacy|integriteit|archief"
                          r"|evenementen|ondernemers|economie|cultuur|sport|groen|water|riolering|wegen)",
                          re.IGNORECASE)


def scrub_emails(text: str) -> str:
    """Replace every e-mail address (plain or %40-encoded) in running text but an office's mailbox, written plainly
    (``ROLE_MAILBOX``): a person's address is personal data, "info@stedennetwerkoost.nl" is the report's contact."""
    return EMAIL.sub(lambda m: m.group() if _office(m.group()) else EMAIL_PLACEHOLDER, text)


def _office(address: str) -> bool:
    local, at, _ = address.partition("@")
    return bool(at) and ROLE_MAILBOX.fullmatch(local) is not None


def _scrub_url(match: re.Match[str]) -> str:
    url = match.group()
    core = url.rstrip(".,;:!?)")
    if "?" not in core and "@" not in core and "%40" not in core.lower():
        return url  # nothing to take out: the report's own words stay as printed
    cleaned = clean_url(core)
    if cleaned is None:
        return url
    if core.lower().startswith("www."):
        cleaned = cleaned.removeprefix("https://")
    return cleaned + url[len(core):]


def scrub(text: str) -> str:
    """Personal data and tracking out of running text: links lose redirect wrappers, tracking parameters and
    addresses, and every e-mail address but an office's mailbox becomes a placeholder. Applied once, as a document is read, so
    nothing stored (passages, sections, the source viewer) holds them.

    >>> scrub("Mail jan.jansen@g40.nl of info@g40.nl, of zie https://g40.nl/wonen?utm_source=x&id=5.")
    'Mail [e-mailadres verwijderd] of info@g40.nl, of zie https://g40.nl/wonen?id=5.'
    """
    return scrub_emails(URL.sub(_scrub_url, text))
