"""How often one client may do something: the API's rate limit, failed logins, feedback posts per day."""

from __future__ import annotations

import threading
import time
from collections import OrderedDict


class TokenBuckets:
    """Per-client token buckets: ``rate`` requests per ``period`` seconds (a minute; a day for feedback), bursts up
    to the same number, refilled as time passes. In memory only: a client is a key, never stored."""

    def __init__(self, rate: int, max_clients: int = 10000, period: float = 60):
        self.rate, self.max_clients, self.period = rate, max_clients, period
        self.buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()
        self._lock = threading.Lock()  # the feedback route runs in worker threads

    def take(self, client: str, now: float | None = None) -> float:
        """0 when allowed, else the seconds until the next request is."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self.buckets.pop(client, (float(self.rate), now))
            tokens = min(float(self.rate), tokens + (now - last) * self.rate / self.period)
            wait = self._wait(tokens)
            self.buckets[client] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self.buckets) > self.max_clients:
                self.buckets.popitem(last=False)
        return wait

    def waiting(self, client: str, now: float | None = None) -> float:
        """The seconds until ``client`` may try again, taking nothing."""
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, last = self.buckets.get(client, (float(self.rate), now))
        return self._wait(min(float(self.rate), tokens + (now - last) * self.rate / self.period))

    def _wait(self, tokens: float) -> float:
        return 0.0 if tokens >= 1 else (1 - tokens) * self.period / self.rate
