"""Benchmarks: `python -m vraagbaak.eval.bench` (or `make bench`) prints what things cost, on this machine.

* ingest from scratch, split into reading, model load, embedding and index build;
  re-ingest with nothing changed;
* embedding throughput, index size on disk, peak memory;
* query latency p50/p95 in-process and over loopback HTTP; sustained requests/s with 16
  concurrent clients; service start to ready;
* the same index at 100x and 1000x the report's passage count (vectors derived from the real
  embeddings by perturbation, generated here, not committed): build time, search latency,
  memory, and the approximate (HNSW) index's recall@10 against exact search. Embedding time at
  that scale is extrapolated from the measured throughput, and labelled as such.

Figures are printed, never asserted: targets are for people to compare against.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Self

import faiss
import numpy as np

from vraagbaak.cli import friendly
from vraagbaak.config import Settings, get_settings, usable_cores
from vraagbaak.eval import dataset
from vraagbaak.eval.metrics import percentile
from vraagbaak.index import dense, store
from vraagbaak.index.build import build_index
from vraagbaak.index.model import load_embedder
from vraagbaak.index.search import Searcher

ROOT = Path(__file__).resolve().parents[1]


def folder_size(path: Path) -> int:
    return sum(p.stat().st_size for p in Path(path).rglob("*") if p.is_file())


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def serving_processes(pid: int) -> list[int]:
    """The service process and its worker processes, if any."""
    children: list[int] = []
    for task in Path(f"/proc/{pid}/task").glob("*/children"):
        children += [int(c) for c in task.read_text().split()]
    return [pid, *children]


def rss_mb(pid: int) -> float:
    """Resident memory of one process now (Linux)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def timed(func, *args, **kwargs):
    started = time.perf_counter()
    result = func(*args, **kwargs)
    return result, time.perf_counter() - started


def bench_ingest(settings: Settings, work: Path) -> dict:
    data = work / "data"
    fresh = settings.model_copy(update={"data_dir": data})
    report = build_index(fresh, force=True)  # loads the model itself: its load time is part of the figure
    _, unchanged_seconds = timed(build_index, fresh)
    build = store.current_build(data)
    texts = report.passages + report.sentences
    return {
        "passages": report.passages, "sentences": report.sentences,
        "ingest_seconds": {k: round(v, 2) for k, v in report.timings.items()},
        "reingest_unchanged_seconds": round(unchanged_seconds, 2),
        "embedding_throughput_per_second": round(texts / report.timings["embed"], 1),
        "index_bytes": {p.name: p.stat().st_size if p.is_file() else folder_size(p) for p in sorted(build.iterdir())},
        "index_total_bytes": folder_size(build),
    }


def bench_queries(searcher: Searcher, questions: list[str]) -> dict:
    searcher.search("opwarmen", 5)
    times = []
    for question in questions:
        _, seconds = timed(searcher.search, question, 5)
        times.append(seconds * 1000)
    embed_times = []
    for question in questions[:50]:
        _, seconds = timed(searcher.embedder.encode_queries, [question])
        embed_times.append(seconds * 1000)
    return {"in_process_ms": {"p50": round(percentile(times, 50), 1), "p95": round(percentile(times, 95), 1),
                              "questions": len(times)},
            "of_which_query_embedding_ms_p50": round(percentile(embed_times, 50), 1)}


def bench_http(settings: Settings, questions: list[str], workers: int = 1) -> dict:
    import httpx

    port = _free_port()
    env = {**os.environ, "VRAAGBAAK_DATA_DIR": str(settings.data_dir), "VRAAGBAAK_RATE_LIMIT": "0",
           "VRAAGBAAK_CORPUS_DIR": str(settings.corpus_dir)}
    started = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-m", "vraagbaak.cli", "serve", "--port", str(port),
                                "--workers", str(workers)], cwd=ROOT, env=env,
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        ready_in_a_row = 0  # with several workers, each must answer ready
        while ready_in_a_row < 10 * workers:
            try:
                ok = httpx.get(base + "/ready", timeout=1).status_code == 200
            except httpx.TransportError:
                ok = False
            ready_in_a_row = ready_in_a_row + 1 if ok else 0
            if time.perf_counter() - started > 300:
                raise RuntimeError("service did not become ready")
            if not ok:
                time.sleep(0.05)
        ready_seconds = time.perf_counter() - started
        with _Client(port) as client:
            client.ask("opwarmen")
            times = []
            for question in questions:
                status, seconds = timed(client.ask, question)
                if status != 200:
                    raise RuntimeError(f"HTTP {status} during the latency run")
                times.append(seconds * 1000)
        errors, done = [], []

        def worker(offset: int) -> None:
            with _Client(port) as client:
                for i in range(offset, offset + 25):
                    status = client.ask(questions[i % len(questions)])
                    (done if status == 200 else errors).append(status)

        _, seconds = timed(lambda: list(ThreadPoolExecutor(16).map(worker, range(0, 16 * 25, 25))))
        return {"workers": workers, "start_to_ready_seconds": round(ready_seconds, 2),
                "rss_mb_per_worker": round(max(rss_mb(p) for p in serving_processes(process.pid)), 0),
                "http_ms": {"p50": round(percentile(times, 50), 1), "p95": round(percentile(times, 95), 1)},
                "concurrent_16": {"requests": len(done) + len(errors), "errors": len(errors),
                                  "requests_per_second": round((len(done) + len(errors)) / seconds, 1)}}
    finally:
        process.terminate()
        process.wait(timeout=30)


def bench_scale(vectors: np.ndarray, throughput: float, factors=(100, 1000), queries: int = 200) -> list[dict]:
    rng = np.random.default_rng(0)
    results = []
    for factor in factors:
        n = len(vectors) * factor
        base = np.repeat(vectors, factor, axis=0)
        synthetic = base + rng.normal(0, 0.03, base.shape).astype(np.float32)  # near copies: a hard case for HNSW
        synthetic /= np.linalg.norm(synthetic, axis=1, keepdims=True)
        probe = synthetic[rng.choice(n, queries, replace=False)] + rng.normal(0, 0.03, (queries, vectors.shape[1])).astype(np.float32)
        probe /= np.linalg.norm(probe, axis=1, keepdims=True)
        row = {"factor": factor, "passages": n,
               "embedding_seconds_extrapolated": round(n / throughput, 0)}
        exact, row["exact_build_seconds"] = timed(dense.build_dense, synthetic, exact_limit=n)
        hnsw, row["hnsw_build_seconds"] = timed(dense.build_dense, synthetic, exact_limit=0)
        truth = exact.search(probe, 10)[1]
        for name, index in (("exact", exact), ("hnsw", hnsw)):
            times = []
            for q in probe:
                _, seconds = timed(index.search, q.reshape(1, -1), 10)
                times.append(seconds * 1000)
            row[f"{name}_search_ms_p50"] = round(percentile(times, 50), 3)
            row[f"{name}_bytes"] = faiss.serialize_index(index).nbytes
        found = hnsw.search(probe, 10)[1]
        row["hnsw_recall@10"] = round(float(np.mean([len(set(a) & set(b)) / 10 for a, b in zip(found, truth)])), 4)
        row["exact_build_seconds"] = round(row["exact_build_seconds"], 2)
        row["hnsw_build_seconds"] = round(row["hnsw_build_seconds"], 2)
        results.append(row)
    return results


class _Client:
    """One keep-alive connection of the standard library: the load comes from the same two cores as the
    service, and httpx spent about a quarter of a core on 16 clients, which the service then lacked."""

    def __init__(self, port: int):
        self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def ask(self, question: str) -> int:
        self.connection.request("POST", "/api/ask", json.dumps({"question": question}).encode(),
                                {"Content-Type": "application/json"})
        response = self.connection.getresponse()
        response.read()
        return response.status

    def __enter__(self) -> Self:
        return self

    def __exit__(self, *_exc) -> None:
        self.connection.close()


def _free_port() -> int:
    import socket

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@friendly
def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="print all figures as JSON")
    parser.add_argument("--no-http", action="store_true", help="skip the HTTP and start-up figures")
    args = parser.parse_args(argv)
    settings = get_settings()
    questions = [p.question for p in dataset.load()]
    figures: dict = {"machine": {"cores": usable_cores()}}
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        figures["ingest"] = bench_ingest(settings, work)
        local = settings.model_copy(update={"data_dir": work / "data"})
        searcher = Searcher.load(local, embedder=load_embedder(local))
        figures["query"] = bench_queries(searcher, questions)
        figures["peak_memory_mb"] = round(peak_rss_mb(), 0)
        if not args.no_http:
            figures["http"] = [bench_http(local, questions, workers) for workers in sorted({1, usable_cores()})]
        vectors = np.asarray(searcher.vectors)
        figures["scale"] = bench_scale(vectors, figures["ingest"]["embedding_throughput_per_second"])
        shutil.rmtree(work / "data", ignore_errors=True)
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_figures(figures)


def print_figures(f: dict) -> None:
    i, q = f["ingest"], f["query"]
    print(f"Ingest from scratch ({i['passages']} passages, {i['sentences']} sentences): "
          + ", ".join(f"{k} {v} s" for k, v in i["ingest_seconds"].items()))
    print(f"Re-ingest with nothing changed: {i['reingest_unchanged_seconds']} s")
    print(f"Embedding throughput: {i['embedding_throughput_per_second']} texts/s")
    print(f"Index on disk: {i['index_total_bytes'] / 1e6:.2f} MB  ({', '.join(f'{k} {v / 1e3:.0f} kB' for k, v in i['index_bytes'].items())})")
    print(f"Peak memory (this process, model and index loaded): {f['peak_memory_mb']:.0f} MB")
    print(f"Query latency in-process, warm, {q['in_process_ms']['questions']} distinct questions: "
          f"p50 {q['in_process_ms']['p50']} ms, p95 {q['in_process_ms']['p95']} ms "
          f"(query embedding alone p50 {q['of_which_query_embedding_ms_p50']} ms)")
    for h in f.get("http", []):
        c = h["concurrent_16"]
        print(f"Service with {h['workers']} worker(s): start to ready {h['start_to_ready_seconds']} s; over loopback HTTP "
              f"p50 {h['http_ms']['p50']} ms, p95 {h['http_ms']['p95']} ms; 16 concurrent clients: "
              f"{c['requests_per_second']} requests/s, {c['errors']} errors of {c['requests']}; "
              f"resident memory per worker after the load {h['rss_mb_per_worker']:.0f} MB")
    print("\nAt scale (vectors derived from the real embeddings; embedding time extrapolated from the measured throughput):")
    header = ("factor", "passages", "embed s (extrapolated)", "exact build s", "exact search ms", "exact MB",
              "HNSW build s", "HNSW search ms", "HNSW MB", "HNSW recall@10")
    print("  ".join(header))
    for r in f["scale"]:
        print("  ".join(str(v) for v in (r["factor"], r["passages"], r["embedding_seconds_extrapolated"],
                                         r["exact_build_seconds"], r["exact_search_ms_p50"], round(r["exact_bytes"] / 1e6, 1),
                                         r["hnsw_build_seconds"], r["hnsw_search_ms_p50"], round(r["hnsw_bytes"] / 1e6, 1),
                                         r["hnsw_recall@10"])))


if __name__ == "__main__":
    main()
