"""The calibration a build takes: fusion weights, the answer model and its thresholds, per model fingerprint, as
``vraagbaak eval --calibrate`` writes them to ``eval/calibration.json``."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import ValidationError

from vraagbaak.errors import ConfigurationError
from vraagbaak.index.search import SearchConfig, first_reason


def load_calibration(path: Path, fingerprint: str) -> dict:
    """The calibrated settings for this model from ``eval/calibration.json`` (empty if the file or the model's
    entry is missing: ``uncalibrated`` says so); a file that cannot be read, and settings this version cannot
    use (an answer model fitted on other evidence), are a clear error, not a silent default."""
    path = Path(path)
    if not path.exists():
        return {}
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        why = "geen geldige JSON" if isinstance(exc, ValueError) else "niet leesbaar"
        raise ConfigurationError(f"Het kalibratiebestand {path} (VRAAGBAAK_CALIBRATION_FILE) is {why}; herstel het, "
                                 "of maak het opnieuw met 'vraagbaak eval --calibrate' (zet het daarvoor opzij als er "
                                 "nog geen index is: zonder bestand bouwt 'vraagbaak ingest' er een, ongekalibreerd)."
                                 ) from exc
    if not isinstance(data, dict) or not isinstance(data.get(fingerprint, {}), dict):
        raise ConfigurationError(f"Het kalibratiebestand {path} (VRAAGBAAK_CALIBRATION_FILE) heeft niet de vorm die "
                                 "'vraagbaak eval --calibrate' schrijft (per model een object).")
    record = data.get(fingerprint, {})
    settings = {k: v for k, v in record.items() if k in SearchConfig.model_fields}
    try:
        SearchConfig(**settings)
    except ValidationError as exc:
        raise ConfigurationError(f"De kalibratie in {path} past niet bij deze versie van Vraagbaak "
                                 f"({first_reason(exc)}); voer 'vraagbaak eval --calibrate' opnieuw uit.") from exc
    return settings


def uncalibrated(path: Path, fingerprint: str) -> str:
    """Why answers are not graded: the warning every ingest repeats until the model is calibrated."""
    where = f"{path} bestaat niet" if not Path(path).exists() else f"{path} heeft niets voor dit model"
    return (f"er is geen kalibratie voor model {fingerprint} ({where}; VRAAGBAAK_CALIBRATION_FILE): zonder "
            "kalibratie kan Vraagbaak niet zeggen dat iets niet in de rapporten staat en geldt elke vraag als "
            "beantwoord. Kalibreer met 'vraagbaak eval --calibrate' en voer daarna 'vraagbaak ingest' opnieuw uit.")
