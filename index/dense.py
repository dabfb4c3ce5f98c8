"""FAISS inner-product search over normalised embeddings (so inner product is cosine).

Exact (``IndexFlatIP``) up to a configurable size; above it HNSW, whose recall against exact
search ``eval/bench.py`` measures.
"""

from __future__ import annotations

import logging
from pathlib import Path

import numpy as np

# FAISS tries its AVX2 build first and logs the ModuleNotFoundError of a wheel without one: noise in every log.
logging.getLogger("faiss.loader").setLevel(logging.WARNING)
import faiss  # noqa: E402

HNSW_LINKS = 32
HNSW_EF_CONSTRUCTION = 200
HNSW_EF_SEARCH = 128


def build_dense(vectors: np.ndarray, exact_limit: int) -> faiss.Index:
    dims = vectors.shape[1]
    if len(vectors) <= exact_limit:
        index = faiss.IndexFlatIP(dims)
    else:
        index = faiss.IndexHNSWFlat(dims, HNSW_LINKS, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = HNSW_EF_CONSTRUCTION
        index.hnsw.efSearch = HNSW_EF_SEARCH
    index.add(np.ascontiguousarray(vectors, dtype=np.float32))
    return index


def kind(index: faiss.Index) -> str:
    return "hnsw" if isinstance(index, faiss.IndexHNSWFlat) else "exact"


def save_dense(index: faiss.Index, path: Path) -> None:
    faiss.write_index(index, str(path))


def load_dense(path: Path) -> faiss.Index:
    """Memory-mapped where FAISS allows it, so worker processes share the pages."""
    try:
        index = faiss.read_index(str(path), faiss.IO_FLAG_MMAP | faiss.IO_FLAG_READ_ONLY)
    except RuntimeError:
        index = faiss.read_index(str(path))
    if isinstance(index, faiss.IndexHNSWFlat):
        index.hnsw.efSearch = HNSW_EF_SEARCH
    return index


def selector(index: faiss.Index, rows: np.ndarray) -> faiss.SearchParameters | None:
    """Search parameters that let exact FAISS search consider only ``rows`` (a scope), inside the search
    itself. None for HNSW: a filtered graph walk visits only ``efSearch`` nodes and can miss a small
    scope entirely, so :func:`search_rows` searches a scope exactly instead."""
    if isinstance(index, faiss.IndexHNSWFlat):
        return None
    chosen = faiss.IDSelectorBatch(np.ascontiguousarray(rows, dtype=np.int64))
    params = faiss.SearchParameters(sel=chosen)
    params.chosen = chosen  # keep the selector alive as long as the parameters
    return params


def search_rows(vectors: np.ndarray, rows: np.ndarray, query: np.ndarray, k: int) -> list[tuple[int, float]]:
    """Exact inner-product search over some rows of the stored vectors."""
    scores = np.asarray(vectors[rows] @ query, dtype=np.float32)
    k = min(k, len(rows))
    if k == 0:
        return []
    top = np.argpartition(-scores, k - 1)[:k]
    return [(int(rows[i]), float(scores[i])) for i in sorted(top, key=lambda i: -scores[i])]


def search_dense(index: faiss.Index, query: np.ndarray, k: int,
                 within: faiss.SearchParameters | None = None, size: int | None = None) -> list[tuple[int, float]]:
    """The ``k`` nearest passages; ``within`` (from :func:`selector`, over ``size`` rows) limits the search."""
    k = min(k, index.ntotal if size is None else size)
    if k == 0:
        return []
    vector = np.ascontiguousarray(query.reshape(1, -1), dtype=np.float32)
    scores, ids = index.search(vector, k, params=within) if within is not None else index.search(vector, k)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0]) if i >= 0]
