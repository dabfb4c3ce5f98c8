"""Shared fixtures: every test gets its own data directory; the real index is built once per session."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from vraagbaak.config import Settings, get_settings

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "corpus" / "g40-jaarverslag-2023.txt"


@pytest.fixture(autouse=True)
def isolated_data_dir(tmp_path, monkeypatch):
    """Point VRAAGBAAK_DATA_DIR at a temporary folder so no test touches data/."""
    monkeypatch.setenv("VRAAGBAAK_DATA_DIR", str(tmp_path / "data"))
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    return folder


@pytest.fixture(scope="session")
def embedder():
    """The real default model, loaded once."""
    from index.model import load_embedder

    return load_embedder(Settings())


@pytest.fixture(scope="session")
def built(tmp_path_factory, embedder) -> Settings:
    """Settings of a real index (real model, real FAISS) over the bundled report."""
    from index.build import build_index

    root = tmp_path_factory.mktemp("built")
    shutil.copytree(ROOT / "corpus", root / "corpus")
    settings = Settings(corpus_dir=root / "corpus", data_dir=root / "data")
    build_index(settings, embedder=embedder)
    return settings


@pytest.fixture(scope="session")
def searcher(built, embedder):
    from index.search import Searcher

    return Searcher.load(built, embedder=embedder)
