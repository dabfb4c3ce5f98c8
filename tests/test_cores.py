"""'One per core' means the cores this process may use, for ONNX Runtime, torch and the service alike."""

import os

from vraagbaak.config import usable_cores
from vraagbaak.index.model import torch_threads


def test_one_per_core_counts_the_cores_this_process_may_use(monkeypatch):
    monkeypatch.setattr(os, "cpu_count", lambda: 6)
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {3}, raising=False)
    assert usable_cores() == 1  # a container or taskset allows one of six
    monkeypatch.delattr(os, "sched_getaffinity")
    assert usable_cores() == 6  # a platform that cannot tell


def test_torch_runs_one_thread_per_usable_core(monkeypatch):
    import torch

    before = torch.get_num_threads()
    monkeypatch.setattr(os, "sched_getaffinity", lambda pid: {0}, raising=False)
    try:
        torch_threads(0)
        assert torch.get_num_threads() == 1
        torch_threads(2)
        assert torch.get_num_threads() == 2
    finally:
        torch.set_num_threads(before)
