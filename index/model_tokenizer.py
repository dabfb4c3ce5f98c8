"""The embedding model's tokenizer for ONNX Runtime: the lightest one that gives transformers' ids.

sentence-transformers tokenizes with transformers, which imports torch; the ``tokenizers`` library alone
holds XLM-R's 250,000-piece vocabulary in a trie several times larger (README, the memory target). So, once per model folder, a separate
process (which takes the memory it needs with it when it ends) compares candidates with transformers'
tokenizer on :data:`CHECK_TEXTS` and records the first that gives the same ids, in
``onnx/tokenizer-<hash of tokenizer.json>-c<CONVERSION>.json``:

1. ``sentencepiece``: ``tokenizer.json`` converted into a SentencePiece model (``….model`` beside the
   record; the smallest in memory), for SentencePiece unigram tokenizers such as XLM-R's;
2. ``tokenizers``: ``tokenizer.json`` in the ``tokenizers`` library;
3. ``transformers``: transformers' own tokenizer (it imports torch).

Without ``tokenizer.json``, or where nothing can be recorded (a read-only folder, a failed check), it
is transformers' tokenizer: faithful first, light where proven. Every tokenizer here takes a list of
texts and returns numpy arrays named as the model's inputs, right-padded, cut at ``truncate(n)`` tokens.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
import subprocess
import sys
import threading
from pathlib import Path

import numpy as np

from vraagbaak.index.files import aside, locked

log = logging.getLogger("vraagbaak")

#: Part of the record's name: after a change here, every folder's choice is made again.
CONVERSION = 2
#: What a candidate must tokenize exactly as transformers does: prompts, Dutch, punctuation, the
#: normaliser's corners, whitespace at either end, invisible characters and special tokens typed as text.
CHECK_TEXTS = (
    "query: Wat doet de themagroep Financiën?",
    "passage: De G40 is een netwerk van 41 middelgrote steden met samen ruim vijf miljoen inwoners.",
    "Sociaal Domein\nIn 2023 gaf het Rijk € 1.250.000,- uit aan ‘jeugdzorg’ en “WMO” (zie p. 12).",
    "Naïeve coöperatie, één café, reünie; Ångström, façade, Œuvre, Straße, İstanbul, DE STAD, De Stad",
    "ＦＵＬＬ width ﬁ ligatuur Ⅻ ½ ², x\u00a0y\u2009z\u200bw, tab\there,   drie   spaties",
    "emoji 😀 en 中文 en русский текст, CO₂-uitstoot, 0-emissiezones, e-mail@voorbeeld.nl, https://g40.nl/a?b=c",
    "What does the G40 do about housing? WHO, Who, who.",
    " een spatie vooraan",
    "een spatie achteraan ",
    "onzichtbaar achteraan\u200b",
    "vervangen teken achteraan \ufffd",
    "\u200b",
    "<s>tekst</s> en een <mask> hier, <unk>, <pad> <s> </s>",
)
CHOICES = ("sentencepiece", "tokenizers", "transformers")


def model_tokenizer(transformer: Path, work: Path):
    """The tokenizer recorded for the folder ``transformer`` in ``work``, chosen now if it is not yet."""
    if not (transformer / "tokenizer.json").is_file():
        return TransformersTokenizer(transformer)
    record = work / f"{_name(transformer)}.json"
    choice = _recorded(record) or _choose_apart(transformer, work)
    if choice == "sentencepiece":
        return SentencePieceTokenizer(transformer, record.with_suffix(".model"))
    if choice == "tokenizers":
        return HubTokenizer(transformer)
    return TransformersTokenizer(transformer)


def _recorded(record: Path) -> str | None:
    """The recorded choice, if the record and (for SentencePiece) its model are both there."""
    choice = _read_json(record).get("use")
    if choice == "sentencepiece" and not record.with_suffix(".model").is_file():
        return None
    return choice if choice in CHOICES else None


def _name(transformer: Path) -> str:
    digest = hashlib.sha256((transformer / "tokenizer.json").read_bytes()).hexdigest()[:16]
    return f"tokenizer-{digest}-c{CONVERSION}"


def _choose_apart(transformer: Path, work: Path) -> str:
    """:func:`choose` in a process of its own; transformers' tokenizer if that fails (nothing is recorded,
    so the next start tries again)."""
    try:
        done = subprocess.run([sys.executable, "-m", "vraagbaak.index.model_tokenizer", str(transformer), str(work)],
                              capture_output=True, text=True, timeout=600)
    except (OSError, subprocess.SubprocessError) as exc:
        done = subprocess.CompletedProcess([], 1, "", str(exc))
    choice = done.stdout.strip().splitlines()[-1] if done.returncode == 0 and done.stdout.strip() else ""
    if choice in CHOICES:
        return choice
    reason = (done.stderr or "").strip().splitlines()[-1:] or ["geen uitvoer"]
    log.warning("tokenizer niet voorbereid (%s); transformers tokenizeert (met torch, meer geheugen)", reason[0][:300])
    return "transformers"


def choose(transformer: Path, work: Path) -> str:
    """Compare the candidates with transformers' tokenizer and record the first that agrees."""
    name = _name(transformer)
    work.mkdir(parents=True, exist_ok=True)
    with locked(work / ".export.lock"):
        recorded = _recorded(work / f"{name}.json")
        if recorded:
            return recorded
        from transformers import AutoTokenizer

        reference = AutoTokenizer.from_pretrained(str(transformer), local_files_only=True)
        expected = [list(reference(text)["input_ids"]) for text in CHECK_TEXTS]
        proto, why = _convert(json.loads((transformer / "tokenizer.json").read_text(encoding="utf-8")))
        choice = "transformers"
        if proto is not None:
            why = _differences(SentencePieceTokenizer(transformer, proto), expected)
            choice = "sentencepiece" if why is None else choice
        if choice == "transformers":
            hub_differs = _differences(HubTokenizer(transformer), expected)
            choice, why = ("tokenizers", why) if hub_differs is None else (choice, f"{why}; tokenizers: {hub_differs}")
        for stale in work.glob("tokenizer-*"):  # for an earlier tokenizer.json, or by an earlier version
            stale.unlink(missing_ok=True)
        if choice == "sentencepiece":
            with aside(work / f"{name}.model") as temporary:
                temporary.write_bytes(proto)
        with aside(work / f"{name}.json") as temporary:
            temporary.write_text(json.dumps({"use": choice, "not_sentencepiece": why}, ensure_ascii=False, indent=1))
    return choice


def _differences(tokenizer, expected: list[list[int]]) -> str | None:
    """None if ``tokenizer`` gives the ``expected`` ids for every check text (whole: none is cut)."""
    tokenizer.truncate(1 << 16)
    for text, ids in zip(CHECK_TEXTS, expected):
        encoded = tokenizer([text])
        got = encoded["input_ids"][0][encoded["attention_mask"][0] == 1].tolist()
        if got != ids:
            return f"other ids for {text!r}"
    return None


def _read_json(path: Path) -> dict:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return found if isinstance(found, dict) else {}


def _special(transformer: Path, name: str, default: str) -> str:
    value = _read_json(transformer / "tokenizer_config.json").get(name) or default
    return value.get("content", default) if isinstance(value, dict) else value


def _max_length(transformer: Path) -> int:
    return int(_read_json(transformer / "tokenizer_config.json").get("model_max_length") or 512)


def _padded(rows: list[list[int]], pad_id: int) -> dict[str, np.ndarray]:
    width = max(len(r) for r in rows)
    ids = np.full((len(rows), width), pad_id, dtype=np.int64)
    mask = np.zeros((len(rows), width), dtype=np.int64)
    for i, row in enumerate(rows):
        ids[i, :len(row)] = row
        mask[i, :len(row)] = 1
    return {"input_ids": ids, "attention_mask": mask, "token_type_ids": np.zeros_like(ids)}


class SentencePieceTokenizer:
    """``<s> text </s>`` by SentencePiece, as XLM-R's ``tokenizer.json`` does it: special tokens typed in
    the text are those tokens (``<mask>`` takes the spaces before it), and text that ends in what
    normalises to a space ends in a ``▁`` token (SentencePiece itself would drop it)."""

    def __init__(self, transformer: Path, model: Path | bytes):
        import sentencepiece as spm
        from sentencepiece import sentencepiece_model_pb2 as pb

        proto = model if isinstance(model, bytes) else Path(model).read_bytes()
        self.model_max_length = _max_length(transformer)
        self.max_length = self.model_max_length
        self._sp = spm.SentencePieceProcessor(model_proto=proto)
        self.bos, self.eos, self.pad, unk = self._sp.bos_id(), self._sp.eos_id(), self._sp.pad_id(), self._sp.unk_id()
        self._space = self._sp.piece_to_id("▁")
        self._special = {self._sp.id_to_piece(i): i for i in (self.bos, self.eos, self.pad, unk)}
        if self._sp.piece_to_id("<mask>") != unk:
            self._special["<mask>"] = self._sp.piece_to_id("<mask>")
        self._split = re.compile("(" + "|".join(
            (r"\s*" if piece == "<mask>" else "") + re.escape(piece) for piece in self._special) + ")")
        normalizer = pb.ModelProto()
        normalizer.ParseFromString(proto)
        normalizer.ClearField("pieces")
        self._normalizer = spm.SentencePieceNormalizer(
            model_proto=normalizer.SerializeToString(), add_dummy_prefix=False, escape_whitespaces=False,
            remove_extra_whitespaces=False)

    def truncate(self, max_length: int) -> None:
        self.max_length = max_length

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        keep = self.max_length - 2
        return _padded([[self.bos, *self._ids(text)[:keep], self.eos] for text in texts], self.pad)

    def _ids(self, text: str) -> list[int]:
        if "<" not in text:
            return self._pieces(text)
        ids: list[int] = []
        for i, part in enumerate(self._split.split(text)):
            if i % 2:
                ids.append(self._special[part.strip()])
            elif part:
                ids.extend(self._pieces(part))
        return ids

    def _pieces(self, text: str) -> list[int]:
        ids = self._sp.encode(text, num_threads=1)
        return ids + [self._space] if self._normalizer.normalize(text).endswith(" ") else ids


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
        self.truncate(self.model_max_length)

    def truncate(self, max_length: int) -> None:
        """Before the first call from more than one thread: the settings cannot change while another tokenizes."""
        self._tokenizer.enable_truncation(max_length=max_length)

    def __call__(self, texts: list[str]) -> dict[str, np.ndarray]:
        encodings = self._tokenizer.encode_batch(list(texts))
        return {
            "input_ids": np.array([e.ids for e in encodings], dtype=np.int64),
            "attention_mask": np.array([e.attention_mask for e in encodings], dtype=np.int64),
            "token_type_ids": np.array([e.type_ids for e in encodings], dtype=np.int64),
        }


class TransformersTokenizer:
    """transformers' own tokenizer for the folder (it imports torch)."""

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


def _convert(config: dict) -> tuple[bytes | None, str | None]:
    """A SentencePiece ModelProto for a ``tokenizer.json`` in XLM-R's layout; else None and why not."""
    from sentencepiece import sentencepiece_model_pb2 as pb

    model, normalizer = config.get("model") or {}, config.get("normalizer") or {}
    pre, post = config.get("pre_tokenizer") or {}, config.get("post_processor") or {}
    steps = normalizer.get("normalizers", [normalizer]) if normalizer.get("type") == "Sequence" else [normalizer]
    charsmaps = [s.get("precompiled_charsmap") for s in steps if s.get("type") == "Precompiled"]
    spaces_only = all(s.get("type") == "Precompiled" or (s.get("type") == "Replace" and s.get("content") == " "
                                                         and s.get("pattern") == {"Regex": " {2,}"}) for s in steps)
    single = [next(iter(item.values())) for item in post.get("single", [])]
    added = {t["content"]: t["id"] for t in config.get("added_tokens", [])}
    if (model.get("type") != "Unigram" or model.get("byte_fallback") or len(charsmaps) != 1 or not spaces_only
            or pre.get("type") != "Metaspace" or pre.get("replacement") != "▁"
            or pre.get("prepend_scheme", "always" if pre.get("add_prefix_space") else "never") != "always"
            or post.get("type") != "TemplateProcessing" or len(single) != 3 or single[1].get("id") != "A"
            or (single[0].get("id"), single[2].get("id")) != ("<s>", "</s>")
            or set(added) != {"<s>", "</s>", "<pad>", "<unk>", "<mask>"}):
        return None, "not XLM-R's layout of a SentencePiece unigram tokenizer"
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
    return proto.SerializeToString(), None


if __name__ == "__main__":  # python -m vraagbaak.index.model_tokenizer MODEL_FOLDER WORK_FOLDER
    print(choose(Path(sys.argv[1]), Path(sys.argv[2])))
