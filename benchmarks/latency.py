"""Warm answer() latency next to a bare encode() of the same question, in one process: with the
engine's own embedder (ONNX by default), and with the torch (sentence-transformers) model it replaced.

    python benchmarks/latency.py [--questions ../shared/eval/dev.jsonl] [--rounds 5] [--json]

The bare encode is the floor for any embedding-based answer; the targets are p50(answer) <= 1.3 x
p50(encode with the same embedder) and p50(answer) <= 0.6 x p50(torch encode). Timings alternate so
that machine noise hits all alike.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

SETTLE_S = 0.02
DEFAULT_QUESTIONS = Path(__file__).resolve().parent.parent.parent / "shared" / "eval" / "dev.jsonl"
FALLBACK = ["How much do ML engineers earn in New York?", "What skills does a machine learning engineer need?",
            "How many machine learning engineer jobs were there in 2016?", "What is the weather today?"]


def percentile(values: list[float], q: float) -> float:
    values = sorted(values)
    return values[min(len(values) - 1, int(round(q * (len(values) - 1))))]


def measure(bot, cases: list[dict], rounds: int, torch_embedder=None) -> dict:
    from chatbot.search.embedder import SentenceTransformerEmbedder

    encode = bot.embedder.encode
    torch_encode = (torch_embedder or SentenceTransformerEmbedder(bot.settings.model)).encode
    for case in cases[:5]:  # warm up every path
        encode([case["question"]])
        torch_encode([case["question"]])
        bot.answer(case["question"], history=case.get("history") or [])
    t_encode, t_torch, t_answer = [], [], []
    for _ in range(rounds):
        for case in cases:
            start = time.perf_counter()
            encode([case["question"]])
            t_encode.append(time.perf_counter() - start)
            start = time.perf_counter()
            torch_encode([case["question"]])
            t_torch.append(time.perf_counter() - start)
            time.sleep(SETTLE_S)  # torch's worker threads spin on after a call: keep them off the next timing
            start = time.perf_counter()
            bot.answer(case["question"], history=case.get("history") or [])
            t_answer.append(time.perf_counter() - start)
    p50e, p50t, p50a = statistics.median(t_encode), statistics.median(t_torch), statistics.median(t_answer)
    return {
        "questions": len(cases), "rounds": rounds, "embedder": type(bot.embedder).__name__,
        "encode_p50_ms": round(p50e * 1000, 2), "encode_p95_ms": round(percentile(t_encode, 0.95) * 1000, 2),
        "torch_encode_p50_ms": round(p50t * 1000, 2),
        "torch_encode_p95_ms": round(percentile(t_torch, 0.95) * 1000, 2),
        "answer_p50_ms": round(p50a * 1000, 2), "answer_p95_ms": round(percentile(t_answer, 0.95) * 1000, 2),
        "ratio_p50": round(p50a / p50e, 3), "ratio_to_torch_encode_p50": round(p50a / p50t, 3),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=Path, default=DEFAULT_QUESTIONS)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from chatbot import Chatbot
    from chatbot.evaluation import load_cases

    cases = load_cases(args.questions) if args.questions.exists() else [{"question": q} for q in FALLBACK]
    result = measure(Chatbot.load(), cases, args.rounds)
    if args.json:
        print(json.dumps(result))
    else:
        print(f"warm answer() p50 {result['answer_p50_ms']} ms (p95 {result['answer_p95_ms']}, "
              f"{result['embedder']}) vs bare encode() p50 {result['encode_p50_ms']} ms (p95 "
              f"{result['encode_p95_ms']}): ratio {result['ratio_p50']} (target <= 1.3)\n"
              f"warm answer() p50 vs torch encode() p50 {result['torch_encode_p50_ms']} ms: ratio "
              f"{result['ratio_to_torch_encode_p50']} (target <= 0.6)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
