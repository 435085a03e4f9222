"""Every benchmark script runs end to end on a tiny size and writes its table and plot."""

import json
import subprocess
import sys

import pytest

from .conftest import ROOT, STACKFAQ

pytestmark = pytest.mark.integration


@pytest.mark.skipif(not STACKFAQ.exists(), reason="shared/benchmarks/stackfaq is not beside the checkout")
def test_run_all_tiny(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "run_all.py"), "--tiny", "--out", str(tmp_path)],
                       cwd=ROOT, capture_output=True, text=True, timeout=1800)
    assert r.returncode == 0, r.stderr[-2000:]
    results = json.loads((tmp_path / "results.json").read_text())
    assert {"latency", "cold_start", "build", "scale", "concurrency", "quality"} <= results.keys()
    assert results["latency"]["ratio_p50"] > 0 and results["cold_start"]["ratio"] > 0
    assert results["build"]["rebuild_embedded_texts"] < results["build"]["views"]
    assert [s["index"]["type"] for s in results["scale"]] == ["flat", "ivf-flat"]
    assert all(run["errors"] == 0 for run in results["concurrency"]["runs"])
    assert results["quality"]["stackfaq"]["this project"]["mrr_at_10"] > 0.5
    assert {"dev", "paraphrase", "realdocs", "covidq", "stackfaq"} <= results["quality"].keys()
    table = (tmp_path / "results.md").read_text()
    assert "| warm `answer()`" in table and "chunks-cosine" in table
    assert (tmp_path / "benchmarks.png").stat().st_size > 10_000


@pytest.mark.skipif(not STACKFAQ.exists(), reason="shared/benchmarks/stackfaq is not beside the checkout")
def test_stackfaq_script_quick(tmp_path):
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "stackfaq.py"), str(STACKFAQ), "--limit", "30",
                        "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    result = json.loads(r.stdout)
    assert result["queries"] == 30 and result["hit_at_1"] >= 0.8


@pytest.mark.skipif(not STACKFAQ.exists(), reason="shared/benchmarks/stackfaq is not beside the checkout")
def test_small_faq_script_quick():
    r = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "small_faq.py"), "--sets", "stackfaq", "--entries",
                        "8", "--draws", "1", "--json"], cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    [result] = json.loads(r.stdout)
    assert result["entries"] == 8 and result["answerable"] == result["unanswerable"] == 24
    assert result["hit_at_1"] >= 0.8 and 0.5 <= result["auc_answerability"] <= 1.0
    assert 0.8 <= result["right_shown_sure"] <= 1.0 and 0.0 <= result["unanswerable_shown_sure"] <= 1.0
    # With the decline point `chatbot eval` suggests on ten of its questions, on the other 38, against the bot's own
    # point on those same 38 (on all 48, the share differs by which questions the keepers happened to label).
    assert result["keeper_unanswerable_declined"] >= result["own_point_unanswerable_declined"]
    assert 0.0 <= result["keeper_false_declines"] <= 0.5 and result["keeper_hit_at_1"] >= 0.5
