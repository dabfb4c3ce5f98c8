"""A deterministic fake embedder for fast tests, in the spirit of sentence-transformers' and ``llm``'s.

Hashed bags of words: texts that share words get similar vectors, so search still behaves like
search, but nothing is loaded and every run gives the same numbers.
"""

from __future__ import annotations

import hashlib
import re

import numpy as np

from vraagbaak.index.model import Embedder, ModelInfo

WORDS = re.compile(r"\w+")


class HashingModel:
    """Stands in for a ``SentenceTransformer``: the same ``encode`` signature, hashed word counts."""

    def __init__(self, dimensions: int = 64):
        self.dimensions = dimensions

    def encode(self, texts, batch_size=32, show_progress_bar=False, normalize_embeddings=True, convert_to_numpy=True):
        vectors = np.zeros((len(texts), self.dimensions), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in WORDS.findall(text.lower()):
                digest = hashlib.blake2b(word.encode(), digest_size=8).digest()
                vectors[row, digest[0] % self.dimensions] += 1.0 if digest[1] % 2 else -1.0
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.where(norms == 0, 1, norms)


def fake_embedder(dimensions: int = 64) -> Embedder:
    info = ModelInfo(name="fake-hashing", source="tests", dimensions=dimensions, fingerprint=f"fake-{dimensions}",
                     query_prompt="", passage_prompt="")
    return Embedder(HashingModel(dimensions), info)


#: A small report with a known truth: which section says what, on which page.
TEST_REPORT = """Jaarverslag Testnet 2024

Voorwoord

Het Testnet is een netwerk van vijf havensteden. Dit jaarverslag beschrijft wat de themagroepen deden.
De voorzitter, Anna de Vries, bedankt alle deelnemers voor hun inzet.

 Thema Zeilboten

De themagroep Zeilboten bespreekt ligplaatsen in de havens en de kosten van onderhoud aan de kades.
In 2024 kwam de themagroep vier keer bijeen in Harlingen.

Thema Fietsen

De themagroep Fietsen werkt aan veilige fietsroutes tussen station en binnenstad.
Zij schreef een position paper over fietsparkeren bij stations.
"""
