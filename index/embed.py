"""Embedding with a cache keyed by model fingerprint, batch size and text hash.

Re-ingesting after a change embeds only new or changed texts; the cache lives in the data
directory, one ``cache.npz`` per model and batch size (plain arrays, no pickles). The batch
size is part of the key because int8 vectors computed in batches depend a little on the texts
beside them: only vectors computed one at a time are the same whatever else is embedded.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from vraagbaak.index.files import aside
from vraagbaak.index.model import Embedder

#: New texts embedded per call (enough for the side-by-side passes of ``index.onnx_backend`` to pay off).
PART = 512
#: Seconds between writes of the cache while embedding.
SAVE_EVERY = 60.0
#: Texts of earlier builds the cache keeps at least, beside the latest build's.
SPARE = 5000


def text_hash(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


class EmbeddingCache:
    """The vectors of texts embedded before, in one ``cache.npz`` (keys and vectors together, replaced in one
    step, so an interrupted write cannot pair a vector with another text), oldest first."""

    FILE = "cache.npz"

    def __init__(self, folder: Path, fingerprint: str, dimensions: int, batch_size: int = 1):
        self.folder = Path(folder) / fingerprint / f"batch-{batch_size}"
        self.batch_size = batch_size
        for unkeyed in ("keys.npy", "vectors.npy"):  # a cache from before the batch size was kept: not reusable
            (Path(folder) / fingerprint / unkeyed).unlink(missing_ok=True)
        self.dimensions = dimensions
        self.vectors: dict[str, np.ndarray] = {}
        try:
            if (self.folder / self.FILE).is_file():
                with np.load(self.folder / self.FILE, allow_pickle=False) as stored:
                    self._take(stored["keys"], stored["vectors"])
            elif (self.folder / "keys.npy").is_file():  # the two files of the version before: read once
                self._take(np.load(self.folder / "keys.npy", allow_pickle=False),
                           np.load(self.folder / "vectors.npy", allow_pickle=False))
        except Exception:  # noqa: BLE001 - a damaged cache (half a zip, an empty file) only costs time
            self.vectors = {}
        for stale in self.folder.glob(".*.npz"):  # a write that was cut off
            stale.unlink(missing_ok=True)

    def _take(self, keys: np.ndarray, vectors: np.ndarray) -> None:
        if vectors.shape == (len(keys), self.dimensions):
            self.vectors = dict(zip(keys.tolist(), vectors))

    def save(self, keep: set[str] | None = None) -> None:
        """Write the cache. With ``keep``, the texts of the latest build stay, and of the others the most recently
        embedded, as many as the build has again (at least ``SPARE``): a report taken out and put back, or the
        version before an edit, is not embedded again, and the cache does not grow without bound."""
        self.folder.mkdir(parents=True, exist_ok=True)
        keys = list(self.vectors)
        if keep is not None:
            others = [k for k in reversed(keys) if k not in keep][:max(len(keep), SPARE)]
            keys = others[::-1] + [k for k in keys if k in keep]  # oldest first, the latest build last
        matrix = np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, self.dimensions), np.float32)
        with aside(self.folder / self.FILE) as temporary, open(temporary, "wb") as out:
            np.savez(out, keys=np.array(keys, dtype="<U32"), vectors=matrix)  # on disk before it replaces the last good
        for old in ("keys.npy", "vectors.npy"):
            (self.folder / old).unlink(missing_ok=True)


def embed_cached(embedder: Embedder, texts: list[str], cache: EmbeddingCache,
                 progress: bool = False, starting: Callable[[int], None] = lambda count: None) -> tuple[np.ndarray, int]:
    """Vectors for ``texts`` (as passages) and how many had to be computed (``starting`` is told first).

    New texts are embedded in parts of ``PART`` texts, and what is done is written to the cache at least every
    ``SAVE_EVERY`` seconds and when the run stops (Ctrl-C, an error): an interrupted ingest of a large shelf
    goes on where it stopped."""
    from tqdm.auto import tqdm

    hashes = [text_hash(t) for t in texts]
    missing = sorted({h: t for h, t in zip(hashes, texts) if h not in cache.vectors}.items())
    if missing:
        starting(len(missing))
        saved = time.monotonic()
        try:
            with tqdm(total=len(missing), desc="Teksten", disable=not progress) as bar:
                for start in range(0, len(missing), PART):
                    part = missing[start:start + PART]
                    vectors = embedder.encode_passages([t for _, t in part], batch_size=cache.batch_size)
                    cache.vectors.update({h: v for (h, _), v in zip(part, vectors)})
                    bar.update(len(part))
                    if time.monotonic() - saved > SAVE_EVERY:
                        cache.save()
                        saved = time.monotonic()
        except BaseException:
            cache.save()  # what was embedded before the stop is kept
            raise
    matrix = np.stack([cache.vectors[h] for h in hashes]) if texts else np.zeros((0, cache.dimensions), np.float32)
    return matrix.astype(np.float32), len(missing)
