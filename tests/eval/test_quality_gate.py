"""The CI gate: retrieval on the committed set may not fall below the thresholds stored in eval/thresholds.json,
and the pipeline must beat what a tutorial would build, in the same run."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

from eval import dataset, run
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def results(built, embedder):
    return {r.name: r.summary() for r in run.run(built, dataset.load(), compare=True, embedder=embedder)}


def test_quality_does_not_fall_below_the_stored_thresholds(results):
    thresholds = json.loads((ROOT / "eval" / "thresholds.json").read_text())
    main = results["Vraagbaak"]
    for metric, minimum in thresholds.items():
        assert main[metric] >= minimum, f"{metric} {main[metric]:.3f} < {minimum}"


def test_the_pipeline_beats_naive_chunks_and_every_stage_contributes(results):
    main = results["Vraagbaak"]
    for baseline in ("BM25 op ruwe blokken van 1000 tekens", "Dense op ruwe blokken van 1000 tekens"):
        assert main["recall@5"] > results[baseline]["recall@5"] and main["mrr@10"] > results[baseline]["mrr@10"] + 0.05
    for ablation in ("zonder opschonen", "zonder trefwoordzoeken", "zonder tweede ronde (zinnen)", "zonder secties"):
        assert main["mrr@10"] >= results[ablation]["mrr@10"], ablation


def test_eval_command_prints_figures_and_writes_a_report(built, tmp_path):
    env = {"VRAAGBAAK_DATA_DIR": str(built.data_dir), "VRAAGBAAK_CORPUS_DIR": str(built.corpus_dir),
           "PATH": "/usr/bin:/bin", "HOME": str(Path.home())}
    done = subprocess.run([sys.executable, "-m", "vraagbaak.cli", "eval", "--no-compare", "--json", "--report", str(tmp_path)],
                          cwd=ROOT, env=env, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stderr
    figures = json.loads(done.stdout)
    assert figures["configurations"]["Vraagbaak"]["questions"] == len(dataset.load())
    assert set(figures["by_kind"]) >= {"english", "typo", "paraphrase", "unanswerable"}
    html = (tmp_path / "report.html").read_text()
    assert "<svg" in html and "recall@5" in html and (tmp_path / "report.md").is_file()
