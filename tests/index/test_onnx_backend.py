"""The ONNX Runtime backend: exported once, close to torch's vectors, in order, and torch when it cannot run.

The export goes to a linked copy of the built-in model folder in a temporary model cache (the real cache
is only read), once per test session.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import numpy as np
import pytest

from vraagbaak.config import Settings
from vraagbaak.index.model import ensure_builtin, known_fingerprint, load_embedder
from vraagbaak.index.onnx_backend import SIDE_BY_SIDE_FROM

pytestmark = pytest.mark.slow

SENTENCES = [
    "De G40 is een netwerk van middelgrote steden met samen ruim vijf miljoen inwoners.",
    "Wat doet de themagroep Financiën?",
    "In de pijler ‘Economie en werk’ is onze inzet voor MKB-ondersteuning toonaangevend.",
    "Vuurwerk en cybercrime bleven actueel.",
    "Wij hebben het manifest ‘Geen pleisters meer!’ opgesteld en aan de Tweede Kamer aangeboden.",
    "Ja.",
]


def OnnxSettings(**changes) -> Settings:  # noqa: N802 - reads as the settings it makes
    """Settings with the onnx backend."""
    return Settings(backend="onnx", **changes)


def _link_copy(source: Path, target: Path, skip: tuple[str, ...] = ("onnx",)) -> Path:
    """``source`` as a tree of links (files) and real folders, without its own ONNX export."""
    for path in source.rglob("*"):
        relative = path.relative_to(source)
        if relative.parts[0] in skip:
            continue
        destination = target / relative
        if path.is_dir():
            destination.mkdir(parents=True, exist_ok=True)
        else:
            destination.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, destination)
    return target


@pytest.fixture(scope="session")
def onnx_cache(tmp_path_factory) -> Path:
    """A model cache holding a linked copy of the built-in model, exported to ONNX (fp32 and int8) once."""
    from vraagbaak.index.onnx_backend import export_onnx

    source = ensure_builtin(Settings())
    cache = tmp_path_factory.mktemp("onnx-models")
    folder = _link_copy(source, cache / source.name)
    export_onnx(folder, "int8")
    return cache


@pytest.fixture(scope="session")
def torch_fp32():
    return load_embedder(Settings(quantize="none", backend="torch"))


@pytest.fixture(scope="session")
def onnx_embedders(onnx_cache):
    return {q: load_embedder(OnnxSettings(model_cache=onnx_cache, quantize=q)) for q in ("none", "int8")}


def test_export_is_idempotent(onnx_cache):
    from vraagbaak.index.onnx_backend import _current, _source_signature, export_onnx

    folder = ensure_builtin(Settings(model_cache=onnx_cache))
    out = folder / "onnx"
    before = {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()}
    assert {"model.onnx", "model_int8.onnx", "export.json"} <= set(before)
    assert export_onnx(folder, "int8") == out / "model_int8.onnx"
    assert export_onnx(folder, "none") == out / "model.onnx"
    assert {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in out.iterdir()} == before
    assert not [p for p in out.iterdir() if p.name.endswith(".tmp")]
    meta = json.loads((out / "export.json").read_text())
    assert meta["fingerprint"] == json.loads((folder / "vraagbaak.json").read_text())["fingerprint"]
    # Other weights (another size or time) would be exported again.
    signature = _source_signature(folder)
    assert _current(out, "model_int8.onnx", signature)
    assert not _current(out, "model_int8.onnx", [[name, size + 1, mtime] for name, size, mtime in signature])


def test_vectors_are_close_to_torch_fp32(onnx_embedders, torch_fp32, onnx_cache):
    reference_p, reference_q = torch_fp32.encode_passages(SENTENCES), torch_fp32.encode_queries(SENTENCES)
    limits = {"none": 0.9999, "int8": 0.99}
    for quantize, embedder in onnx_embedders.items():
        passages, queries = embedder.encode_passages(SENTENCES), embedder.encode_queries(SENTENCES)
        assert passages.shape == (len(SENTENCES), 384) and passages.dtype == np.float32
        assert np.allclose(np.linalg.norm(passages, axis=1), 1, atol=1e-5)
        cosines = np.concatenate([(passages * reference_p).sum(1), (queries * reference_q).sum(1)])
        assert cosines.min() > limits[quantize], (quantize, cosines)

    fp32, int8 = onnx_embedders["none"].info, onnx_embedders["int8"].info
    assert (fp32.backend, int8.backend) == ("onnx", "onnx")
    assert (fp32.quantization, int8.quantization) == ("none", "int8")
    assert fp32.fingerprint == torch_fp32.info.fingerprint + "+onnx"
    assert int8.fingerprint == torch_fp32.info.fingerprint + "+onnx-int8"
    assert (int8.query_prompt, int8.passage_prompt, int8.dimensions) == ("query: ", "passage: ", 384)
    assert known_fingerprint(OnnxSettings(model_cache=onnx_cache, quantize="int8")) == int8.fingerprint


def test_outputs_keep_the_order_of_the_inputs(onnx_embedders):
    """Texts are sorted by length into batches; the vectors come back in the callers' order."""
    texts = ["Kort.", SENTENCES[4] * 3, "Twee woorden", SENTENCES[0], "x", SENTENCES[2] + " " + SENTENCES[0]]
    for quantize, embedder in onnx_embedders.items():
        model = embedder.model
        together = model.encode(texts, batch_size=2, normalize_embeddings=True)
        alone = np.stack([model.encode([t], normalize_embeddings=True)[0] for t in texts])
        similarity = together @ alone.T
        assert list(similarity.argmax(axis=1)) == list(range(len(texts)))
        if quantize == "none":  # fp32 does not depend on the batch it is in
            assert np.allclose(together, alone, atol=1e-4)
        single = model.encode(texts[1], normalize_embeddings=True)
        assert single.shape == (384,) and float(single @ alone[1]) > 0.99
        assert model.encode([], normalize_embeddings=True).shape == (0, 384)


def test_the_threads_of_a_pass_sleep_when_it_is_done(onnx_embedders):
    """A spinning thread kept a core busy after each question, a core the service's other requests lacked."""
    for embedder in onnx_embedders.values():
        options = embedder.model.session.get_session_options()
        assert options.get_session_config_entry("session.intra_op.allow_spinning") == "0"


def test_an_int8_passage_vector_does_not_depend_on_the_passages_beside_it(onnx_embedders, monkeypatch):
    """ONNX Runtime scales int8 activations per forward pass, so passages are embedded one at a time: a
    report's vectors are then the same alone as on a shelf, and a cached vector is the one a new build makes.
    Many texts go two passes at once, each on a one-thread session, and still give the same vectors."""
    embedder = onnx_embedders["int8"]
    assert embedder.batch_size == 1
    texts = [f"{SENTENCES[i % len(SENTENCES)]} ({i})" * (1 + i % 3) for i in range(SIDE_BY_SIDE_FROM)]
    model = embedder.model
    monkeypatch.setattr(model, "side_by_side", 2)
    calls = []
    side_by_side = model._side_by_side
    monkeypatch.setattr(model, "_side_by_side", lambda *a: calls.append(len(a[0])) or side_by_side(*a))
    beside_others = embedder.encode_passages(texts)
    assert calls == [len(texts)], "the texts were not embedded side by side"
    alone = np.stack([embedder.encode_passages([t])[0] for t in texts])
    assert calls == [len(texts)]
    assert np.array_equal(beside_others, alone)
    batched = embedder.encode_passages(texts[:4], batch_size=4)
    assert not np.array_equal(batched, alone[:4]), "in one batch the vectors differ: the test would show nothing"


def test_a_damaged_onnx_file_falls_back_to_torch(onnx_cache, tmp_path):
    exported = ensure_builtin(Settings(model_cache=onnx_cache))
    cache = tmp_path / "models"
    folder = _link_copy(exported, cache / exported.name)
    (folder / "onnx").mkdir()
    (folder / "onnx" / "export.json").write_bytes((exported / "onnx" / "export.json").read_bytes())
    (folder / "onnx" / "model.onnx").symlink_to(exported / "onnx" / "model.onnx")
    with open(exported / "onnx" / "model_int8.onnx", "rb") as whole:
        (folder / "onnx" / "model_int8.onnx").write_bytes(whole.read(1 << 20))  # cut off after a megabyte

    with pytest.warns(RuntimeWarning, match="ONNX Runtime kon het model niet laden.*torch"):
        embedder = load_embedder(OnnxSettings(model_cache=cache, quantize="int8"))
    assert embedder.info.backend == "torch" and embedder.info.fingerprint.endswith("+int8")
    assert not embedder.info.fingerprint.endswith("onnx-int8")
    assert embedder.encode_queries(["Wat doet de G40?"]).shape == (1, 384)
    # The damaged file is left for the user to remove (the warning says where); it is not exported over.
    assert (folder / "onnx" / "model_int8.onnx").stat().st_size == 1 << 20


def test_an_exported_model_runs_without_torch(onnx_cache):
    """The service on ONNX Runtime never imports torch or transformers: they are most of a worker's memory."""
    import subprocess
    import sys

    script = (
        "import sys, numpy as np\n"
        "from vraagbaak.config import Settings\n"
        "from vraagbaak.index.model import load_embedder\n"
        f"embedder = load_embedder(Settings(backend='onnx', model_cache={str(onnx_cache)!r}))\n"
        "vector = embedder.encode_queries(['Wat doet de themagroep Financiën?'])\n"
        "assert embedder.info.backend == 'onnx' and vector.shape == (1, 384), embedder.info\n"
        "print(sorted(m for m in ('torch', 'transformers', 'sentence_transformers') if m in sys.modules))\n"
    )
    result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_the_tokenizers_give_transformers_ids(onnx_cache):
    """The built-in model's tokenizer.json converted to SentencePiece (chosen, recorded) and the tokenizers
    library: transformers' ids, whole, on every paragraph of the report, the question set and awkward text;
    padding and truncation as transformers does them."""
    from transformers import AutoTokenizer

    from vraagbaak.eval.dataset import load
    from vraagbaak.index.model_tokenizer import HubTokenizer, SentencePieceTokenizer, model_tokenizer

    folder = ensure_builtin(Settings(model_cache=onnx_cache))
    converted = model_tokenizer(folder, folder / "onnx")
    assert isinstance(converted, SentencePieceTokenizer)
    [record] = (folder / "onnx").glob("tokenizer-*.json")
    assert json.loads(record.read_text())["use"] == "sentencepiece" and record.with_suffix(".model").is_file()
    record.with_suffix(".model").unlink()  # a record without its model is no record: chosen again
    assert isinstance(model_tokenizer(folder, folder / "onnx"), SentencePieceTokenizer)
    theirs = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)
    report = Path(__file__).resolve().parents[2] / "corpus" / "g40" / "g40-jaarverslag-2023.txt"
    paragraphs = [p.strip() for p in report.read_text(encoding="utf-8").split("\n\n") if p.strip()]
    texts = [*SENTENCES, "café € 1.000,- — “citaat” naïef", "ＦＵＬＬ ﬁ ½ 😀 中文", "vraag met <mask> en </s>",
             "eindigt op een spatie ", "eindigt onzichtbaar\u200b", *("query: " + p.question for p in load()),
             *("passage: " + p for p in paragraphs)]
    for ours in (converted, HubTokenizer(folder)):
        ours.truncate(512)
        for text in texts:
            got = ours([text])
            assert got["input_ids"].dtype == np.int64
            expected = theirs(text, truncation=True, max_length=512)["input_ids"]
            assert got["input_ids"][0].tolist() == expected, (type(ours).__name__, text)
        ours.truncate(24)
        batch = [" ".join(SENTENCES), *SENTENCES]
        expected = theirs(batch, padding=True, truncation="longest_first", max_length=24, return_tensors="np")
        for name in ("input_ids", "attention_mask"):
            assert np.array_equal(ours(batch)[name], expected[name]), (type(ours).__name__, name)


def _wordpiece_folder(folder: Path, config: dict) -> Path:
    """A small BERT-style tokenizer (WordPiece, lower-casing as ``config`` says) in ``folder``."""
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers, processors

    vocab = {t: i for i, t in enumerate(["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "de", "stad", "De", "Stad"])}
    tokenizer = Tokenizer(models.WordPiece(vocab, unk_token="[UNK]"))
    tokenizer.normalizer = normalizers.BertNormalizer(lowercase=True)
    tokenizer.pre_tokenizer = pre_tokenizers.BertPreTokenizer()
    tokenizer.post_processor = processors.TemplateProcessing(single="[CLS] $A [SEP]",
                                                             special_tokens=[("[CLS]", 2), ("[SEP]", 3)])
    folder.mkdir(parents=True, exist_ok=True)
    tokenizer.save(str(folder / "tokenizer.json"))
    (folder / "vocab.txt").write_text("\n".join(vocab))
    (folder / "tokenizer_config.json").write_text(json.dumps({
        "pad_token": "[PAD]", "unk_token": "[UNK]", "cls_token": "[CLS]", "sep_token": "[SEP]",
        "mask_token": "[MASK]", "model_max_length": 16, **config}))
    return folder


def test_a_tokenizer_sentencepiece_cannot_reproduce_runs_in_tokenizers_once_chosen(tmp_path, monkeypatch):
    """A WordPiece tokenizer is not converted; the tokenizers library gives transformers' ids, so it is
    recorded and used, and the choice is not made again. A stale record of another version goes."""
    from vraagbaak.index import model_tokenizer as chooser

    folder = _wordpiece_folder(tmp_path / "bert", {"tokenizer_class": "PreTrainedTokenizerFast"})
    (folder / "onnx").mkdir()
    (folder / "onnx" / "tokenizer-0123456789abcdef-c0.model").write_bytes(b"from an older tokenizer.json")
    found = chooser.model_tokenizer(folder, folder / "onnx")
    assert isinstance(found, chooser.HubTokenizer)
    [record] = [p for p in (folder / "onnx").glob("tokenizer-*")]  # the stale one is gone
    assert json.loads(record.read_text())["use"] == "tokenizers"
    assert found(["de stad", "Stad"])["input_ids"].tolist() == [[2, 5, 6, 3], [2, 6, 3, 0]]

    def no_second_choice(*args):
        raise AssertionError("chosen again")

    monkeypatch.setattr(chooser, "_choose_apart", no_second_choice)
    assert isinstance(chooser.model_tokenizer(folder, folder / "onnx"), chooser.HubTokenizer)


def test_a_tokenizer_that_tokenizers_would_misread_runs_in_transformers(tmp_path):
    """transformers rebuilds this tokenizer's normaliser from its configuration (no lower-casing), which
    the tokenizers library does not read: only transformers' own tokenizer gives transformers' ids."""
    from transformers import AutoTokenizer

    from vraagbaak.index.model_tokenizer import TransformersTokenizer, model_tokenizer

    folder = _wordpiece_folder(tmp_path / "bert", {"tokenizer_class": "BertTokenizer", "do_lower_case": False})
    found = model_tokenizer(folder, folder / "onnx")
    assert isinstance(found, TransformersTokenizer)
    assert json.loads(next((folder / "onnx").glob("tokenizer-*.json")).read_text())["use"] == "transformers"
    found.truncate(16)
    expected = AutoTokenizer.from_pretrained(str(folder), local_files_only=True)(["De Stad"])["input_ids"]
    assert found(["De Stad"])["input_ids"].tolist() == expected == [[2, 7, 8, 3]]


def test_a_model_folder_that_cannot_be_written_runs_transformers_tokenizer(tmp_path):
    """Nothing can be recorded next to the model (here its folder is a file; in use, a read-only mount):
    transformers' tokenizer runs, faithful, and the next start tries again."""
    from vraagbaak.index.model_tokenizer import TransformersTokenizer, model_tokenizer

    folder = _wordpiece_folder(tmp_path / "bert", {"tokenizer_class": "PreTrainedTokenizerFast"})
    (tmp_path / "not-a-folder").write_text("")
    found = model_tokenizer(folder, tmp_path / "not-a-folder" / "onnx")
    assert isinstance(found, TransformersTokenizer)
    assert found(["de stad"])["input_ids"].tolist() == [[2, 5, 6, 3]]
