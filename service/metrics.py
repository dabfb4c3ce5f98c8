"""Prometheus metrics, in a registry of the app's own (per worker process)."""

from __future__ import annotations

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest

BUCKETS = (0.005, 0.01, 0.02, 0.03, 0.05, 0.08, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0)


class Metrics:
    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.requests = Counter("vraagbaak_requests", "HTTP requests by endpoint and status.",
                                ["endpoint", "status"], registry=self.registry)
        self.latency = Histogram("vraagbaak_request_seconds", "Request latency by endpoint.", ["endpoint"],
                                 buckets=BUCKETS, registry=self.registry)
        self.answers = Counter("vraagbaak_answers", "Questions by outcome: answered, uncertain, not_found.",
                               ["outcome"], registry=self.registry)

    def observe(self, endpoint: str, status: int, seconds: float, outcome: str | None) -> None:
        self.requests.labels(endpoint, str(status)).inc()
        self.latency.labels(endpoint).observe(seconds)
        if outcome is not None:
            self.answers.labels(outcome).inc()

    def render(self) -> bytes:
        return generate_latest(self.registry)
