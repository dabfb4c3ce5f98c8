"""Errors that reach a person: each carries a Dutch message that says what to do, and a stable code."""

from __future__ import annotations


class VraagbaakError(Exception):
    """Base class: ``str(error)`` is a complete Dutch sentence for the user or operator."""

    code = "fout"

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


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
