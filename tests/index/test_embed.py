import numpy as np
import pytest

from tests.fakes import fake_embedder
from vraagbaak.index import embed
from vraagbaak.index.embed import EmbeddingCache, embed_cached, text_hash


class Counting:
    """Wraps an embedder and counts the texts it is asked to embed."""

    def __init__(self):
        self.inner, self.seen = fake_embedder(16), []

    def encode_passages(self, texts, batch_size=16, progress=False):
        self.seen += texts
        return self.inner.encode_passages(texts, batch_size, progress)


def test_only_new_texts_are_embedded_and_the_cache_survives_a_restart(tmp_path):
    embedder = Counting()
    cache = EmbeddingCache(tmp_path, "fake-16", 16)
    first, computed = embed_cached(embedder, ["een", "twee", "een"], cache)
    assert computed == 2 and sorted(embedder.seen) == ["een", "twee"] and np.allclose(first[0], first[2])
    cache.save({*cache.vectors})
    reopened = EmbeddingCache(tmp_path, "fake-16", 16)
    again, computed = embed_cached(embedder, ["twee", "drie"], reopened)
    assert computed == 1 and embedder.seen[-1] == "drie" and np.allclose(again[0], first[1])


def test_save_keeps_the_latest_texts_and_as_many_earlier_ones_as_allowed(tmp_path, monkeypatch):
    """A report taken out and put back is not embedded again; the cache still does not grow without bound."""
    monkeypatch.setattr(embed, "SPARE", 2)
    cache = EmbeddingCache(tmp_path, "fake-16", 16)
    for text in ["oudst", "ouder", "oud", "nieuw"]:  # one build after another, each reopening the cache
        cache = EmbeddingCache(tmp_path, "fake-16", 16)
        embed_cached(Counting(), [text], cache)
        cache.save({text_hash(text)})
    kept = set(EmbeddingCache(tmp_path, "fake-16", 16).vectors)
    assert kept == {text_hash("nieuw"), text_hash("oud"), text_hash("ouder")}  # the two most recent others


class Interrupted(Counting):
    """Stops (as Ctrl-C does) when asked for its second part of texts."""

    def encode_passages(self, texts, batch_size=16, progress=False):
        if self.seen:
            raise KeyboardInterrupt
        return super().encode_passages(texts, batch_size, progress)


def test_an_interrupted_run_keeps_what_it_embedded(tmp_path, monkeypatch):
    monkeypatch.setattr(embed, "PART", 2)
    texts = ["een", "twee", "drie", "vier", "vijf"]
    with pytest.raises(KeyboardInterrupt):
        embed_cached(Interrupted(), texts, EmbeddingCache(tmp_path, "fake-16", 16))
    again = Counting()
    vectors, computed = embed_cached(again, texts, EmbeddingCache(tmp_path, "fake-16", 16))
    assert computed == 3 and len(again.seen) == 3 and vectors.shape == (5, 16)


def test_a_damaged_or_mismatched_cache_only_costs_time(tmp_path):
    cache = EmbeddingCache(tmp_path, "fake-16", 16)
    embed_cached(Counting(), ["een"], cache)
    cache.save({*cache.vectors})
    stored = tmp_path / "fake-16" / "batch-1" / EmbeddingCache.FILE
    whole = stored.read_bytes()
    for damaged in (b"kapot", b"", b"PK", whole[:len(whole) // 2]):  # a write cut off anywhere
        stored.write_bytes(damaged)
        assert EmbeddingCache(tmp_path, "fake-16", 16).vectors == {}
    assert EmbeddingCache(tmp_path, "fake-16", 32).vectors == {}  # another shape: not used


def test_vectors_made_in_batches_are_not_taken_for_vectors_made_one_at_a_time(tmp_path):
    cache = EmbeddingCache(tmp_path, "fake-16", 16, batch_size=16)
    embed_cached(Counting(), ["een"], cache)
    cache.save({*cache.vectors})
    assert EmbeddingCache(tmp_path, "fake-16", 16, batch_size=16).vectors
    assert EmbeddingCache(tmp_path, "fake-16", 16, batch_size=1).vectors == {}


def test_no_texts_give_an_empty_matrix(tmp_path):
    vectors, computed = embed_cached(Counting(), [], EmbeddingCache(tmp_path, "fake-16", 16))
    assert vectors.shape == (0, 16) and computed == 0


def test_a_cache_from_before_the_batch_size_was_kept_is_removed(tmp_path):
    old = tmp_path / "fake-16"
    old.mkdir()
    for name in ("keys.npy", "vectors.npy"):
        (old / name).write_bytes(b"oud")
    assert EmbeddingCache(tmp_path, "fake-16", 16).vectors == {}
    assert not (old / "keys.npy").exists() and not (old / "vectors.npy").exists()


def test_a_cache_of_the_two_files_before_is_read_once_and_written_as_one(tmp_path):
    """An upgrade embeds nothing again: the version before kept keys and vectors in two files."""
    folder = tmp_path / "fake-16" / "batch-1"
    folder.mkdir(parents=True)
    vectors = fake_embedder(16).encode_passages(["een", "twee"])
    np.save(folder / "keys.npy", np.array([text_hash("een"), text_hash("twee")], dtype="<U32"))
    np.save(folder / "vectors.npy", vectors)
    cache = EmbeddingCache(tmp_path, "fake-16", 16)
    again, computed = embed_cached(Counting(), ["twee", "een"], cache)
    assert computed == 0 and np.allclose(again, vectors[::-1])
    cache.save({*cache.vectors})
    assert sorted(p.name for p in folder.iterdir()) == [EmbeddingCache.FILE]
