"""The loaded index, swapped atomically on reload: the service's one long-lived state that holds data
(besides it only counters: rate limits, feedback quotas, store problems, file digests)."""

from __future__ import annotations

import logging
import threading
from pathlib import Path

from vraagbaak.config import Settings, usable_cores
from vraagbaak.errors import VraagbaakError
from vraagbaak.index import store
from vraagbaak.index.model import Embedder, load_embedder, torch_threads
from vraagbaak.index.search import Searcher

log = logging.getLogger("vraagbaak")


def service_threads(settings: Settings) -> int:
    """Threads per forward pass in a worker when ``torch_threads`` is 0: with ONNX Runtime the cores shared out
    among the workers (its threads sleep once a pass is done, so a lone question gets the cores and a busy
    moment loses nothing); with torch one, as its OpenMP threads spin and take the cores the other requests
    need (README, Benchmarks)."""
    if settings.torch_threads:
        return settings.torch_threads
    return max(1, usable_cores() // settings.workers) if settings.backend == "onnx" else 1


class IndexState:
    """Holds the current :class:`Searcher`. Readers take a reference; a reload replaces it in one step,
    so a request in flight finishes on the index it started with."""

    def __init__(self, settings: Settings):
        self.settings = settings
        self.searcher: Searcher | None = None
        self.embedder: Embedder | None = None
        self.error: str | None = None
        self._refused: Path | None = None
        self._lock = threading.Lock()

    @property
    def build(self) -> Path | None:
        return self.searcher.build if self.searcher else None

    def load(self) -> None:
        """First load: the model, then the index. Errors are kept for /ready and logged, never raised."""
        try:
            if self.embedder is None:
                self.embedder = load_embedder(self.settings.model_copy(
                    update={"torch_threads": service_threads(self.settings)}))
                if self.embedder.info.backend != "onnx" and not self.settings.torch_threads:
                    torch_threads(1)  # ONNX Runtime could not load the model: torch runs it
        except Exception as exc:  # the service stays up and says why on /ready
            self.error = str(exc) if isinstance(exc, VraagbaakError) else f"Het taalmodel kon niet worden geladen ({exc})."
            log.error("model niet geladen: %s", self.error)
            return
        self.reload()

    def reload(self) -> bool:
        """Switch to the published build if it differs and passes its checks (checksums, counts, a test
        question); otherwise keep the old one and say why. Never raises: the loader must outlive any build."""
        with self._lock:
            target: Path | None = None
            try:
                target = store.current_build(self.settings.data_dir)
                if self.searcher is not None and target == self.searcher.build:
                    return False
                if self.embedder is None:
                    return False  # still loading; load() reloads when the model is there
                if target == self._refused:
                    return False  # already refused; a new publish changes the target
                searcher = Searcher.load(self.settings, embedder=self.embedder)
                searcher.self_test()
            except Exception as exc:
                error = str(exc) if isinstance(exc, VraagbaakError) else (
                    f"De nieuwe index kon niet worden geladen ({type(exc).__name__}: {exc}); "
                    "voer 'vraagbaak ingest' opnieuw uit.")
                said = (self._refused, self.error)
                self.error, self._refused = error, target
                if (target, error) != said:  # polled every few seconds: the same build refused alike is logged once
                    log.error("index geweigerd%s: %s", ", de vorige blijft in gebruik" if self.searcher else "", error)
                return False
            self.searcher, self.error = searcher, None
            log.info("index geladen: %s (%d passages)", searcher.build.name, len(searcher.passages))
            if not searcher.manifest.calibrated:
                log.warning("de index is niet gekalibreerd: elke vraag geldt als beantwoord ('vraagbaak eval "
                            "--calibrate', dan 'vraagbaak ingest')")
            return True

    def watch(self, stop: threading.Event) -> None:
        """Poll for a newly published build, so every worker process follows a re-ingest."""
        interval = self.settings.reload_interval
        while interval and not stop.wait(interval):
            try:
                if self.embedder is not None:
                    self.reload()
            except Exception:  # reload() catches everything; this keeps the watcher alive whatever happens
                log.exception("fout bij het controleren op een nieuwe index")
