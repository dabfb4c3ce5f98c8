"""The embedding model in ONNX Runtime: exported once from the sentence-transformers folder, then encoded
without torch.

:func:`export_onnx` writes ``onnx/model.onnx`` (fp32) and ``onnx/model_int8.onnx`` inside the model's
folder: the transformer traced with torch's TorchScript exporter (dynamic batch and sequence axes, eager
attention), its attention, layer norms and GELU fused by ONNX Runtime's transformer optimiser (kept only
if it still gives torch's outputs), then its weights quantised to int8 with ONNX Runtime's dynamic
quantiser (per output channel; the feed-forward down-projections, whose inputs follow the activation and
have outliers, stay in fp32). ``onnx/export.json`` records what the files were made from, so a changed
model is exported again and an unchanged one never is.

:class:`OnnxEncoder` does what sentence-transformers' ``encode`` does for a Transformer → Pooling →
(Normalize) folder: the folder's tokenizer and maximum length, texts sorted by length into batches (the
order restored afterwards), the folder's pooling and L2 normalisation.
"""

from __future__ import annotations

import contextlib
import json
import logging
import warnings
from pathlib import Path

import numpy as np

from vraagbaak.config import usable_cores
from vraagbaak.index.files import aside, locked, scratch
from vraagbaak.index.model_tokenizer import model_tokenizer

log = logging.getLogger(__name__)

#: Bump when the files this module writes change; older exports are then made again. If the vectors
#: change too (another quantisation recipe), :func:`onnx_fingerprint` must name it, or old indexes pass.
EXPORT_VERSION = 1
FP32_FILE = "model.onnx"
INT8_FILE = "model_int8.onnx"
META_FILE = "export.json"
OPSET = 17
#: Operators whose output feeds the feed-forward down-projection: that MatMul stays in fp32.
ACTIVATIONS = frozenset({"Erf", "Tanh", "Sigmoid", "Relu", "Gelu", "FastGelu", "BiasGelu", "QuickGelu"})
#: Elementwise operators between an activation and that MatMul (GELU unfused: Erf, Add, Mul, Mul).
ELEMENTWISE = frozenset({"Add", "Sub", "Mul", "Div", "Cast", "Identity"})
POOLING_MODES = ("cls", "max", "mean", "mean_sqrt_len_tokens", "lasttoken")
LEGACY_POOLING = {  # sentence-transformers' legacy keys, in its concatenation order
    "pooling_mode_cls_token": "cls", "pooling_mode_max_tokens": "max", "pooling_mode_mean_tokens": "mean",
    "pooling_mode_mean_sqrt_len_tokens": "mean_sqrt_len_tokens", "pooling_mode_weightedmean_tokens": "weightedmean",
    "pooling_mode_lasttoken": "lasttoken",
}


class OnnxUnsupported(ValueError):
    """The folder has a module or setting this backend does not reproduce (sentence-transformers can)."""


def onnx_fingerprint(fingerprint: str, quantize: str) -> str:
    """ONNX Runtime's kernels and its int8 recipe embed differently: another model to the index."""
    return f"{fingerprint}+onnx-int8" if quantize == "int8" else f"{fingerprint}+onnx"


def onnx_file(model_folder: Path, quantize: str) -> Path:
    return Path(model_folder) / "onnx" / (INT8_FILE if quantize == "int8" else FP32_FILE)


# --- the folder's layout ---------------------------------------------------------------------------------

def _read_json(path: Path, default=None):
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except FileNotFoundError:
        return default


def _layout(folder: Path) -> tuple[Path, Path | None, bool]:
    """(transformer folder, pooling folder or None for mean pooling, normalised) from ``modules.json``."""
    modules = _read_json(folder / "modules.json")
    if modules is None:  # a bare transformers folder: sentence-transformers adds mean pooling
        return folder, None, False
    transformer = pooling = None
    normalize = False
    for module in sorted(modules, key=lambda m: m.get("idx", 0)):
        kind = str(module.get("type", "")).rsplit(".", 1)[-1]
        path = folder / module.get("path", "")
        if kind == "Transformer" and transformer is None and pooling is None:
            transformer = path
        elif kind == "Pooling" and transformer is not None and pooling is None:
            pooling = path
        elif kind == "Normalize" and pooling is not None:
            normalize = True
        else:
            raise OnnxUnsupported(f"de module {kind} in modules.json kan niet naar ONNX")
    if transformer is None:
        raise OnnxUnsupported("modules.json heeft geen Transformer-module")
    if pooling is None:
        raise OnnxUnsupported("modules.json heeft geen Pooling-module")
    return transformer, pooling, normalize


def _pooling_modes(pooling: Path | None) -> tuple[str, ...]:
    if pooling is None:
        return ("mean",)
    config = _read_json(pooling / "config.json", {})
    if not config.get("include_prompt", True):
        raise OnnxUnsupported("pooling zonder de prompt-tokens kan niet naar ONNX")
    mode = config.get("pooling_mode")
    if mode is None:
        modes = tuple(m for key, m in LEGACY_POOLING.items() if config.get(key)) or ("mean",)
    else:
        modes = (mode,) if isinstance(mode, str) else tuple(mode)
    unknown = [m for m in modes if m not in POOLING_MODES]
    if unknown:
        raise OnnxUnsupported(f"de poolingmodus {unknown[0]} kan niet naar ONNX")
    return modes


def _source_signature(transformer: Path) -> list[list]:
    """Name, size and modification time of the weights and config: what an export is made from."""
    files = [p for p in sorted(transformer.iterdir()) if p.is_file()
             and (p.suffix in (".safetensors", ".bin", ".pt") or p.name == "config.json")]
    return [[p.name, p.stat().st_size, p.stat().st_mtime_ns] for p in files]


# --- export ----------------------------------------------------------------------------------------------

def export_onnx(model_folder: Path, quantize: str) -> Path:
    """The ONNX file for ``quantize`` ("int8" or "none") in ``model_folder/onnx``, exported if it is missing
    or was made from other weights. Files are written aside and renamed; concurrent callers wait for one."""
    folder = Path(model_folder)
    transformer, _, _ = _layout(folder)
    out = folder / "onnx"
    target = onnx_file(folder, quantize)
    signature = _source_signature(transformer)
    if _current(out, target.name, signature):
        return target
    out.mkdir(exist_ok=True)
    with locked(out / ".export.lock"):
        if _current(out, target.name, signature):  # another process finished it meanwhile
            return target
        if not _current(out, FP32_FILE, signature):
            for stale in (INT8_FILE, META_FILE):
                (out / stale).unlink(missing_ok=True)
            fingerprint = _export_fp32(folder, out / FP32_FILE)
            _write_meta(out, {"version": EXPORT_VERSION, "source": signature, "fingerprint": fingerprint,
                              "files": [FP32_FILE]})
        if quantize == "int8":
            _quantize(out / FP32_FILE, out / INT8_FILE)
            meta = _read_json(out / META_FILE)
            _write_meta(out, {**meta, "files": sorted(set(meta["files"]) | {INT8_FILE})})
    return target


def _current(out: Path, name: str, signature: list[list]) -> bool:
    try:
        meta = _read_json(out / META_FILE)
    except ValueError:
        return False
    return (meta is not None and meta.get("version") == EXPORT_VERSION and meta.get("source") == signature
            and name in meta.get("files", []) and (out / name).is_file())


def _write_meta(out: Path, meta: dict) -> None:
    with aside(out / META_FILE) as temporary:
        temporary.write_text(json.dumps(meta, indent=1))


def _export_fp32(folder: Path, target: Path) -> str:
    """Trace the transformer to ``target`` (fused where that keeps torch's outputs); the folder's fingerprint."""
    import torch
    from sentence_transformers import SentenceTransformer

    from vraagbaak.index.model import quiet_loading, weights_fingerprint

    quiet_loading()
    model = SentenceTransformer(str(folder), device="cpu")
    built = _read_json(folder / "vraagbaak.json")
    fingerprint = built["fingerprint"] if built else weights_fingerprint(model)
    auto_model = next(m.auto_model for m in model.modules() if hasattr(m, "auto_model")).eval()
    with contextlib.suppress(Exception):  # eager attention traces to a graph the optimiser fuses; sdpa also works
        auto_model.set_attn_implementation("eager")
    tokenizer = model.tokenizer
    sample = tokenizer(["Dit is een voorbeeldzin voor de export.", "Kort."], padding=True, return_tensors="pt")
    accepted = _forward_parameters(auto_model)
    names = [k for k in ("input_ids", "attention_mask", "token_type_ids") if k in sample and k in accepted]

    class LastHidden(torch.nn.Module):
        def __init__(self, inner):
            super().__init__()
            self.inner = inner

        def forward(self, *tensors):
            return self.inner(**dict(zip(names, tensors)))[0]

    # Other batch and sequence sizes than the traced sample's: a trace can freeze a shape, a fusion can misread one.
    check = tokenizer(["Een andere lengte dan het voorbeeld, met meer woorden erin dan de andere zinnen hier.",
                       "Ja", "Drie woorden hier"], padding=True, return_tensors="pt")
    axes = {name: {0: "batch", 1: "sequence"} for name in [*names, "last_hidden_state"]}
    with torch.no_grad():
        expected = auto_model(**{n: check[n] for n in names})[0].numpy()
    with aside(target) as temporary, torch.no_grad(), warnings.catch_warnings():
        warnings.simplefilter("ignore")  # the TorchScript exporter's deprecation and tracer notes
        torch.onnx.export(LastHidden(auto_model).eval(), tuple(sample[n] for n in names), str(temporary),
                          input_names=names, output_names=["last_hidden_state"], dynamic_axes=axes,
                          opset_version=OPSET, do_constant_folding=True, dynamo=False)
        if not _matches(temporary, check, names, expected):
            raise RuntimeError("het geëxporteerde model geeft bij een andere invoervorm andere uitkomsten dan torch")
        with scratch(target, "fused") as fused:
            try:
                _fuse(temporary, fused, getattr(auto_model, "config", None))
                fused_ok = _matches(fused, check, names, expected)
            except Exception as exc:  # noqa: BLE001 - the optimiser knows BERT-like graphs; others stay unfused
                log.info("ONNX-graaf niet samengevoegd (%s: %s)", type(exc).__name__, exc)
                fused_ok = False
            if fused_ok:
                fused.replace(temporary)
    return fingerprint


def _forward_parameters(module) -> set[str]:
    import inspect

    return set(inspect.signature(module.forward).parameters)


def _matches(path: Path, encoded, names: list[str], expected: np.ndarray) -> bool:
    got = _session(path, 1).run(None, {n: encoded[n].numpy().astype(np.int64) for n in names})[0]
    mask = encoded["attention_mask"].numpy().astype(bool)
    return got.shape == expected.shape and bool(np.allclose(got[mask], expected[mask], atol=1e-3))


def _fuse(source: Path, target: Path, config) -> None:
    """ONNX Runtime's transformer optimiser: Attention, SkipLayerNormalization, BiasGelu (CPU operators)."""
    with _quiet_logs():
        from onnxruntime.transformers.optimizer import optimize_model

        optimized = optimize_model(str(source), model_type="bert", num_heads=getattr(config, "num_attention_heads", 0),
                                   hidden_size=getattr(config, "hidden_size", 0))
        optimized.save_model_to_file(str(target))


@contextlib.contextmanager
def _quiet_logs():
    """The optimiser and the quantiser log advice and progress to the root logger; only errors here."""
    root = logging.getLogger()
    level, handlers = root.level, list(root.handlers)
    root.setLevel(max(level, logging.ERROR))
    try:
        yield
    finally:  # importing the optimiser may also configure the root logger: put it back as it was
        root.setLevel(level)
        root.handlers[:] = handlers


def _quantize(source: Path, target: Path) -> None:
    import onnx

    with _quiet_logs():
        from onnxruntime.quantization import QuantType, quantize_dynamic
    excluded = _after_activation(onnx.load(str(source)).graph)
    with _quiet_logs(), aside(target) as temporary:
        # Fused operators (com.microsoft) have no ONNX shape inference: their outputs are fp32.
        quantize_dynamic(str(source), str(temporary), weight_type=QuantType.QInt8, per_channel=True,
                         nodes_to_exclude=excluded, extra_options={"DefaultTensorType": onnx.TensorProto.FLOAT})


def _after_activation(graph, depth: int = 4) -> list[str]:
    """MatMuls with constant weights whose input is an activation's output, through at most ``depth``
    elementwise operators: in a transformer, the feed-forward down-projections (after BiasGelu, or after
    an unfused GELU's Erf, Add, Mul, Mul). Their inputs have outliers that a per-tensor int8 scale
    flattens; kept in fp32, the vectors stay much closer to fp32's (README, Ranking)."""
    producer = {output: node for node in graph.node for output in node.output}
    weights = {init.name for init in graph.initializer}
    found = []
    for node in graph.node:
        if node.op_type not in ("MatMul", "Gemm") or len(node.input) < 2 or node.input[1] not in weights:
            continue
        frontier = [node.input[0]]
        for _ in range(depth + 1):
            parents = [producer[t] for t in frontier if t in producer]
            if any(p.op_type in ACTIVATIONS for p in parents):
                found.append(node.name)
                break
            frontier = [i for p in parents if p.op_type in ELEMENTWISE for i in p.input if i not in weights]
    return found


# --- encoding --------------------------------------------------------------------------------------------

#: Fewer texts than this are embedded in the one session: a second session takes longer to make.
SIDE_BY_SIDE_FROM = 64


def _session(path: Path, threads: int):
    """The pass's threads sleep between operators instead of spinning: a spinning thread keeps a core busy
    after the pass, a core a service's other requests then lack (README, Benchmarks)."""
    import onnxruntime as ort

    options = ort.SessionOptions()
    options.intra_op_num_threads = threads or usable_cores()
    options.inter_op_num_threads = 1
    options.add_session_config_entry("session.intra_op.allow_spinning", "0")
    options.graph_optimization_level = ort.GraphOptimizationLevel.ORT_ENABLE_ALL
    options.log_severity_level = 3
    return ort.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])


class OnnxEncoder:
    """Stands in for a ``SentenceTransformer``: the same ``encode``, run by ONNX Runtime.

    ``threads`` are ONNX Runtime's threads per forward pass (0: one per core). The folder must have been
    exported (:func:`export_onnx`) for ``quantize``; ``fingerprint`` names the vectors it makes.

    Many texts one at a time (an ingest) run instead as ``threads`` passes at once, each on one thread of
    a second session made for the call: a pass of one short text spends much of a multi-threaded pass
    waiting for its threads, and the vectors are the same.
    """

    def __init__(self, model_folder: Path, quantize: str = "int8", threads: int = 0):
        folder = Path(model_folder)
        transformer, pooling, self.normalize = _layout(folder)
        self.pooling_modes = _pooling_modes(pooling)
        self.tokenizer = model_tokenizer(transformer, folder / "onnx")
        st_config = _read_json(transformer / "sentence_bert_config.json", {})
        model_config = _read_json(transformer / "config.json", {})
        limits = [st_config.get("max_seq_length") or self.tokenizer.model_max_length]
        if isinstance(model_config.get("max_position_embeddings"), int) and model_config["max_position_embeddings"] > 0:
            limits.append(model_config["max_position_embeddings"])
        self.max_seq_length = int(min(limits))
        self.tokenizer.truncate(self.max_seq_length)
        self.do_lower_case = bool(st_config.get("do_lower_case", False))
        self.prompts = (_read_json(folder / "config_sentence_transformers.json", {}) or {}).get("prompts") or {}
        meta = _read_json(folder / "onnx" / META_FILE)
        path = onnx_file(folder, quantize)
        if meta is None or path.name not in meta.get("files", []):
            raise FileNotFoundError(f"{path} is nog niet geëxporteerd (vraagbaak model build)")
        self.quantization = "int8" if quantize == "int8" else "none"
        self.base_fingerprint = meta["fingerprint"]
        self.fingerprint = onnx_fingerprint(self.base_fingerprint, quantize)
        self.path = path
        self.session = _session(path, threads)
        self.side_by_side = threads or usable_cores()
        self.input_names = [i.name for i in self.session.get_inputs()]
        self._dimension = int(self.encode(["test"]).shape[1])  # a first pass: a broken file fails here, not later

    def get_embedding_dimension(self) -> int:
        return self._dimension

    def encode(self, sentences, batch_size: int = 32, show_progress_bar: bool = False,
               normalize_embeddings: bool = False, convert_to_numpy: bool = True, **_ignored) -> np.ndarray:
        """Vectors for ``sentences`` in their order (one vector for a single string), like sentence-transformers."""
        single = isinstance(sentences, str)
        texts = [sentences] if single else list(sentences)
        if not texts:
            return np.zeros((0, getattr(self, "_dimension", 0)), dtype=np.float32)
        if batch_size == 1 and self.side_by_side > 1 and len(texts) >= SIDE_BY_SIDE_FROM:
            vectors = self._side_by_side(texts, show_progress_bar)
        else:
            order = np.argsort([-len(t) for t in texts], kind="stable")
            starts = range(0, len(texts), batch_size)
            if show_progress_bar:
                from tqdm.auto import tqdm

                starts = tqdm(starts, desc="Batches")
            parts = []
            for start in starts:
                parts.append(self._forward([texts[i] for i in order[start:start + batch_size]]))
            vectors = np.empty((len(texts), parts[0].shape[1]), dtype=np.float32)
            vectors[order] = np.concatenate(parts)
        if normalize_embeddings or self.normalize:
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors[0] if single else vectors

    def _side_by_side(self, texts: list[str], progress: bool) -> np.ndarray:
        """One text per pass, ``side_by_side`` passes at once (ONNX Runtime runs concurrent calls of one
        session in parallel). The one-thread session lives for this call only: a service never needs it."""
        from concurrent.futures import ThreadPoolExecutor

        from tqdm.auto import tqdm

        session = _session(self.path, 1)
        with ThreadPoolExecutor(self.side_by_side) as pool:
            vectors = list(tqdm(pool.map(lambda text: self._forward([text], session), texts), total=len(texts),
                                desc="Teksten", disable=not progress))
        return np.concatenate(vectors)

    def _forward(self, texts: list[str], session=None) -> np.ndarray:
        if self.do_lower_case:
            texts = [t.lower() for t in texts]
        encoded = self.tokenizer(texts)
        mask = encoded["attention_mask"]
        feed = {name: encoded.get(name, np.zeros_like(mask)) for name in self.input_names}
        tokens = (session or self.session).run(None, feed)[0].astype(np.float32)
        return np.concatenate([_pool(tokens, mask, mode) for mode in self.pooling_modes], axis=1)


def _pool(tokens: np.ndarray, mask: np.ndarray, mode: str) -> np.ndarray:
    """sentence-transformers' Pooling for right-padded batches."""
    weights = mask[..., None].astype(np.float32)
    if mode == "cls":
        return tokens[np.arange(len(tokens)), mask.argmax(axis=1)]
    if mode == "max":
        return np.where(weights > 0, tokens, -np.inf).max(axis=1)
    if mode == "lasttoken":
        return tokens[np.arange(len(tokens)), np.maximum(mask.sum(axis=1) - 1, 0)]
    counts = np.maximum(weights.sum(axis=1), 1e-9)
    total = (tokens * weights).sum(axis=1)
    return total / (counts if mode == "mean" else np.sqrt(counts))
