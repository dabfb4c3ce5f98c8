"""Errors that reach a person: each carries a Dutch message that says what to do, and a stable code."""

from __future__ import annotations


class VraagbaakError(Exception):
    """Base class: ``str(error)`` is a complete Dutch sentence for the user or operator."""

    code = "fout"

    def __init__(self, message: str, notes: list[str] | tuple[str, ...] = ()):
        """``notes``: what was noticed on the way (a skipped file, a meta field left out), each a sentence the
        command line shows as "Let op" before the error, so the error itself stays one sentence."""
        super().__init__(message)
        self.message = message
        self.notes = tuple(notes)


class ConfigurationError(VraagbaakError):
    code = "configuratie"


class IndexMissing(VraagbaakError):
    code = "geen_index"


class IndexMismatch(VraagbaakError):
    code = "index_past_niet"


class ModelUnavailable(VraagbaakError):
    code = "model_niet_beschikbaar"


class InvalidQuestion(VraagbaakError):
    code = "ongeldige_vraag"


class UnknownScope(InvalidQuestion):
    """A filter names a collection, document or year the index does not have (HTTP 404: not found)."""

    code = "onbekend_filter"


def requirement(error: dict) -> str:
    """What a value that pydantic refused must be, in Dutch ("moet een geheel getal zijn", "is leeg"): one
    wording for a setting, a meta file, a question set and an API request, whose callers name the value."""
    kind, context = error.get("type", ""), error.get("ctx") or {}
    expected = str(context.get("expected", "")).replace(" or ", " of ")
    return {
        "missing": "ontbreekt",
        "string_type": "moet tekst zijn",
        "list_type": "moet een lijst zijn",
        "int_parsing": "moet een geheel getal zijn", "int_type": "moet een geheel getal zijn",
        "int_from_float": "moet een geheel getal zijn",
        "float_parsing": "moet een getal zijn", "float_type": "moet een getal zijn",
        "bool_parsing": "moet true of false zijn", "bool_type": "moet true of false zijn",
        "greater_than_equal": f"moet minimaal {context.get('ge')} zijn",
        "greater_than": f"moet groter dan {context.get('gt')} zijn",
        "less_than_equal": f"mag hoogstens {context.get('le')} zijn",
        "less_than": f"moet kleiner dan {context.get('lt')} zijn",
        "string_too_short": "is leeg",
        "string_too_long": f"is te lang (hoogstens {context.get('max_length')} tekens)",
        "literal_error": f"moet een van deze zijn: {expected}",
        "value_error": str(context.get("error", "is ongeldig")),
    }.get(kind, "is ongeldig")
