"""Eval: question/answer pairs, retrieval metrics, baselines, ablations and benchmarks."""
