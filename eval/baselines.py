"""What a tutorial would build: 1000-character chunks of the raw text, searched by BM25 or by embeddings.

The evaluation runs these beside the project's pipeline, in the same run, on the same questions.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import bm25s
import numpy as np
from langchain_text_splitters import RecursiveCharacterTextSplitter

from vraagbaak.index.model import Embedder
from vraagbaak.ingest.read import corpus_files


@dataclass(frozen=True)
class Chunk:
    text: str
    section: str = ""


@dataclass
class Ranking:
    chunks: list[Chunk]
    #: answered, uncertain or not_found; a baseline always answers.
    status: str = "answered"
    confidence: float = 1.0


def naive_chunks(corpus_dir: Path) -> list[Chunk]:
    splitter = RecursiveCharacterTextSplitter(chunk_size=1000, chunk_overlap=200)
    return [Chunk(t) for path in corpus_files(corpus_dir) if path.suffix == ".txt"
            for t in splitter.split_text(path.read_text(encoding="utf-8"))]


class NaiveBM25:
    id = "bm25_naive"
    name = "BM25 op ruwe blokken van 1000 tekens"

    def __init__(self, chunks: list[Chunk]):
        self.chunks = chunks
        self.bm25 = bm25s.BM25()
        self.bm25.index(bm25s.tokenize([c.text for c in chunks], stopwords="nl", show_progress=False), show_progress=False)

    def rank(self, question: str, k: int = 10) -> Ranking:
        tokens = bm25s.tokenize([question], stopwords="nl", show_progress=False)
        ids, _ = self.bm25.retrieve(tokens, k=min(k, len(self.chunks)), show_progress=False)
        return Ranking([self.chunks[i] for i in ids[0]])


class NaiveDense:
    id = "dense_naive"
    name = "Dense op ruwe blokken van 1000 tekens"

    def __init__(self, chunks: list[Chunk], embedder: Embedder):
        self.chunks = chunks
        self.embedder = embedder
        self.vectors = embedder.encode_passages([c.text for c in chunks])

    def rank(self, question: str, k: int = 10) -> Ranking:
        scores = self.vectors @ self.embedder.encode_queries([question])[0]
        return Ranking([self.chunks[i] for i in np.argsort(-scores)[:k]])
