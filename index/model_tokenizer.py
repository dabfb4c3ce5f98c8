"""The embedding model's tokenizer for ONNX Runtime, without torch or transformers.

A model folder's ``tokenizer.json`` is run by SentencePiece when it is a SentencePiece unigram tokenizer
(XLM-R's, so multilingual-e5's): converted once into ``onnx/tokenizer-<hash>-c<n>.model``, checked to give
the ``tokenizers`` library's ids. SentencePiece keeps the 250,000-piece vocabulary in a compact trie
where ``tokenizers`` builds a much larger one (README, Benchmarks: memory). Any other tokenizer runs in
``tokenizers``, and a folder without ``tokenizer.json`` in transformers.

Every tokenizer here takes a list of texts and returns numpy arrays named as the model's inputs
(``input_ids``, ``attention_mask``, ``token_type_ids``), right-padded, cut at ``truncate(n)`` tokens.
Texts are expected without trailing whitespace (``Embedder`` strips it): SentencePiece drops it where
``tokenizers`` makes a token of it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import threading
from pathlib import Path

import numpy as np

from vraagbaak.index.files import aside, locked

log = logging.getLogger("vraagbaak")

#: Part of the converted model's file name: a new conversion is tried again, and redone, after a change here.
CONVERSION = 1
#: Texts the converted model must tokenize exactly as ``tokenizers`` does before it is used.
CHECK_TEXTS = (
    "query: Wat doet de themagroep Financiën?",
    "passage: De G40 is een netwerk van 41 middelgrote steden met samen ruim vijf miljoen inwoners.",
    "Sociaal Domein\nIn 2023 gaf het Rijk € 1.250.000,- uit aan ‘jeugdzorg’ en “WMO” (zie p. 12).",
    "Naïeve coöperatie, één café, reünie; Ångström, façade, Œuvre, Straße, İstanbul",
    "ＦＵＬＬ width ﬁ ligatuur Ⅻ ½ ², x\u00a0y\u2009z\u200bw, tab\there,   drie   spaties",
    "emoji 😀 en 中文 en русский текст, CO₂-uitstoot, 0-emissiezones, e-mail@voorbeeld.nl, https://g40.nl/a?b=c",
    "What does the G40 do about housing? WHO, Who, who.",
    " een spatie vooraan",
)


def model_tokenizer(transformer: Path, work: Path):
    """The fastest faithful tokenizer for the folder ``transformer``; ``work`` keeps a converted model."""
    if not (transformer / "tokenizer.json").is_file():
        return TransformersTokenizer(transformer)
    model = sentencepiece_model(transformer, work)
    return SentencePieceTokenizer(transformer, model) if model else HubTokenizer(transformer)


def _special(transformer: Path, name: str, default: str) -> str:
    config = _read_json(transformer / "tokenizer_config.json")
    value = config.get(name) or default
    return value.get("content", default) if isinstance(value, dict) else value


def _max_length(transformer: Path) -> int:
    return int(_read_json(transformer / "tokenizer_config.json").get("model_max_length") or 512)


def _read_json(path: Path) -> dict:
    try:
        return json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}


def _padded(rows: list[list[int]], pad_id: int) -> dict[str, np.ndarray]:
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, :len(row)] = row
        mask[i, :len(row)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


class SentencePieceTokenizer:
    """``<s> text </s>`` by SentencePiece, from a model :func:`sentencepiece_model` converted and checked."""

    def __init__(self, transformer: Path, model: Path):
        import sentencepiece as spm

        self.model_max_length = _max_length(transformer)
        self.max_length = self.model_max_length
        self._sp = spm.SentencePieceProcessor(model_file=str(model))
        self.bos, self.eos, self.pad = self._sp.bos_id(), self._sp.eos_id(), self._sp.pad_id()

    def truncate(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        keep = self.max_length - 2
        return _padded([[self.bos, *ids[:keep], self.eos] for ids in self._sp.encode(list(texts))], self.pad)


class HubTokenizer:
    """``tokenizer.json`` run by the ``tokenizers`` library. Padding and truncation are set before the first
    call, so calls need no lock."""

    def __init__(self, transformer: Path):
        from tokenizers import Tokenizer

        self.model_max_length = _max_length(transformer)
        self._tokenizer = Tokenizer.from_file(str(transformer / "tokenizer.json"))
        pad = _special(transformer, "pad_token", "<pad>")
        pad_id = self._tokenizer.token_to_id(pad)
        if pad_id is None:
            raise ValueError(f"the tokenizer has no padding token {pad!r}")
        self._tokenizer.enable_padding(pad_id=pad_id, pad_token=pad)

    def truncate(self, max_length: int) -> None:
        """Before the first call: the settings cannot change while another thread tokenizes."""
        self._tokenizer.enable_truncation(max_length=max_length)

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        encodings = self._tokenizer.encode_batch(list(texts))
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }


class TransformersTokenizer:
    """For a model folder without ``tokenizer.json`` (a slow, sentencepiece-only tokenizer): imports torch."""

    def __init__(self, transformer: Path):
        from transformers import AutoTokenizer

        self._tokenizer = AutoTokenizer.from_pretrained(str(transformer), local_files_only=True)
        self.model_max_length = self._tokenizer.model_max_length
        self.max_length = self.model_max_length
        self._lock = threading.Lock()  # a fast tokenizer sets truncation per call: one thread at a time

    def truncate(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        with self._lock:
            encoded = self._tokenizer(list(texts), padding=True, truncation="longest_first",
                                      max_length=self.max_length, return_tensors="np")
        return {name: np.asarray(value, dtype=np.int64) for name, value in encoded.items()}


# --- conversion ------------------------------------------------------------------------------------------

def sentencepiece_model(transformer: Path, work: Path) -> Path | None:
    """``work/tokenizer-<hash of tokenizer.json>-c<CONVERSION>.model``, converted now if needed; None when
    the tokenizer is no SentencePiece unigram one or the conversion gives other ids (remembered, so it is tried once)."""
    source = transformer / "tokenizer.json"
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:16]
    name = f"tokenizer-{digest}-c{CONVERSION}"
    model, refused = work / f"{name}.model", work / f"{name}.unsupported"
    if model.is_file():
        return model
    if refused.is_file():
        return None
    try:
        return _converted(transformer, work, model, refused)
    except OSError as exc:  # a read-only model folder: tokenizers runs it, as before any conversion
        log.info("tokenizer niet naar SentencePiece omgezet (%s)", exc)
        return None


def _converted(transformer: Path, work: Path, model: Path, refused: Path) -> Path | None:
    work.mkdir(parents=True, exist_ok=True)
    with locked(work / ".export.lock"):
        if model.is_file() or refused.is_file():
            return model if model.is_file() else None
        try:
            proto = _convert(json.loads((transformer / "tokenizer.json").read_text(encoding="utf-8")))
            problem = None if proto is None else _differences(transformer, proto)
        except Exception as exc:  # noqa: BLE001 - a malformed tokenizer.json or protobuf: keep tokenizers
            proto, problem = None, f"{type(exc).__name__}: {exc}"
        for stale in work.glob("tokenizer-*"):  # made from an earlier tokenizer.json, or by an earlier conversion
            stale.unlink(missing_ok=True)
        if proto is None or problem:
            log.info("tokenizer niet naar SentencePiece omgezet (%s)", problem or "geen unigram-tokenizer")
            with aside(refused) as temporary:
                temporary.write_text(problem or "not a SentencePiece unigram tokenizer\n")
            return None
        with aside(model) as temporary:
            temporary.write_bytes(proto)
    return model


def _convert(config: dict) -> bytes | None:
    """A SentencePiece ModelProto for a ``tokenizer.json`` made from one (XLM-R's layout), else None."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    model, normalizer = config.get("model") or {}, config.get("normalizer") or {}
    pre, post = config.get("pre_tokenizer") or {}, config.get("post_processor") or {}
    steps = normalizer.get("normalizers", [normalizer]) if normalizer.get("type") == "Sequence" else [normalizer]
    charsmaps = [s.get("precompiled_charsmap") for s in steps if s.get("type") == "Precompiled"]
    spaces_only = all(s.get("type") == "Precompiled" or (s.get("type") == "Replace" and s.get("content") == " ")
                      for s in steps)
    single = [next(iter(item.values())) for item in post.get("single", [])]
    added = {t["content"]: t["id"] for t in config.get("added_tokens", [])}
    if (model.get("type") != "Unigram" or model.get("byte_fallback") or len(charsmaps) != 1 or not spaces_only
            or pre.get("type") != "Metaspace" or pre.get("replacement") != "▁"
            or pre.get("prepend_scheme", "always" if pre.get("add_prefix_space") else "never") != "always"
            or post.get("type") != "TemplateProcessing" or len(single) != 3 or single[1].get("id") != "A"
            or not {"<s>", "</s>", "<pad>"} <= set(added)
            or (single[0].get("id"), single[2].get("id")) != ("<s>", "</s>")):
        return None
    proto = pb.ModelProto()
    kinds = pb.ModelProto.SentencePiece
    for i, (piece, score) in enumerate(model["vocab"]):
        entry = proto.pieces.add()
        entry.piece, entry.score = piece, float(score)
        entry.type = (kinds.UNKNOWN if i == model.get("unk_id") else kinds.CONTROL if piece in added else kinds.NORMAL)
    spec = proto.trainer_spec
    spec.model_type, spec.vocab_size = pb.TrainerSpec.UNIGRAM, len(model["vocab"])
    spec.unk_id, spec.bos_id, spec.eos_id, spec.pad_id = model.get("unk_id", 0), added["<s>"], added["</s>"], added["<pad>"]
    spec.unk_piece = model["vocab"][spec.unk_id][0]
    spec.bos_piece, spec.eos_piece, spec.pad_piece = "<s>", "</s>", "<pad>"
    norm = proto.normalizer_spec
    norm.name, norm.precompiled_charsmap = "tokenizer.json", base64.b64decode(charsmaps[0])
    norm.add_dummy_prefix, norm.remove_extra_whitespaces, norm.escape_whitespaces = True, True, True
    return proto.SerializeToString()


def _differences(transformer: Path, proto: bytes) -> str | None:
    """None if the converted model gives the ``tokenizers`` library's ids for :data:`CHECK_TEXTS`."""
    import sentencepiece as spm
    from tokenizers import Tokenizer

    processor = spm.SentencePieceProcessor(model_proto=proto)
    reference = Tokenizer.from_file(str(transformer / "tokenizer.json"))
    bos, eos = processor.bos_id(), processor.eos_id()
    for text in CHECK_TEXTS:
        expected, got = reference.encode(text).ids, [bos, *processor.encode(text), eos]
        if expected != got:
            return f"other ids for {text!r}"
    return None
