import numpy as np

from vraagbaak.index import dense


def vectors(n: int, dims: int = 16) -> np.ndarray:
    rng = np.random.default_rng(7)
    matrix = rng.normal(size=(n, dims)).astype(np.float32)
    return matrix / np.linalg.norm(matrix, axis=1, keepdims=True)


def test_exact_up_to_the_limit_then_hnsw_and_both_survive_a_round_trip(tmp_path):
    data = vectors(300)
    for limit, expected in ((300, "exact"), (299, "hnsw")):
        index = dense.build_dense(data, exact_limit=limit)
        assert dense.kind(index) == expected
        dense.save_dense(index, tmp_path / f"{expected}.faiss")
        loaded = dense.load_dense(tmp_path / f"{expected}.faiss")
        hits = dense.search_dense(loaded, data[42], 5)
        assert hits[0][0] == 42 and abs(hits[0][1] - 1.0) < 1e-5
        assert [s for _, s in hits] == sorted((s for _, s in hits), reverse=True)


def test_k_is_capped_by_the_index_size():
    index = dense.build_dense(vectors(3), exact_limit=10)
    assert len(dense.search_dense(index, vectors(3)[0], 10)) == 3
    assert dense.search_dense(dense.build_dense(vectors(1)[:0], exact_limit=10), vectors(1)[0], 5) == []
