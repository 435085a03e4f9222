"""StackFAQ thread-level retrieval: convert the XML to a FAQ file, build an index, score every paraphrase.

    python benchmarks/stackfaq.py ../shared/benchmarks/stackfaq/stackExchange-FAQ.xml [--json]

The data set is read from where it lies; nothing of it is written into the repository (the FAQ file
and the index go to a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
import xml.etree.ElementTree as ET
from pathlib import Path


def read_threads(xml_path: Path) -> list[dict]:
    """One entry per <qapair>: the original question, its answers, and its user paraphrases."""
    threads = []
    for pair in ET.parse(xml_path).getroot().iter("qapair"):
        queries = [r.text.strip() for r in pair.findall("rephr") if r.text and r.text.strip() not in ("", "*")]
        threads.append({
            "question": (pair.findtext("question") or "").strip(),
            "answer": "\n".join((a.text or "").strip() for a in pair.findall("answer") if (a.text or "").strip()),
            "queries": queries,
        })
    return threads


def write_faq_file(threads: list[dict], folder: Path) -> Path:
    path = folder / "stackfaq.jsonl"
    with open(path, "w", encoding="utf-8") as f:
        for t in threads:
            f.write(json.dumps({"question": t["question"], "answer": t["answer"]}, ensure_ascii=False) + "\n")
    return path


def evaluate(bot, threads: list[dict], limit: int | None = None) -> dict:
    thread_of = {t["question"]: n for n, t in enumerate(threads)}
    cases = [(q, n) for n, t in enumerate(threads) for q in t["queries"]][:limit]
    hit1 = declined = 0
    reciprocal = 0.0
    for query, gold in cases:
        a = bot.answer(query)
        ranked = list(dict.fromkeys(thread_of[p.question] for p in a.passages))
        hit1 += bool(ranked) and ranked[0] == gold
        declined += not a.found
        if gold in ranked[:10]:
            reciprocal += 1.0 / (ranked.index(gold) + 1)
    n = len(cases)
    return {"queries": n, "threads": len(threads), "hit_at_1": round(hit1 / n, 4),
            "mrr_at_10": round(reciprocal / n, 4), "declined": round(declined / n, 4)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml", type=Path, help="path to stackExchange-FAQ.xml")
    parser.add_argument("--limit", type=int, help="score only the first N queries (for a quick run)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    from chatbot import Chatbot, Settings

    threads = read_threads(args.xml)
    with tempfile.TemporaryDirectory() as tmp:
        corpus = Path(tmp) / "corpus"
        corpus.mkdir()
        write_faq_file(threads, corpus)
        started = time.perf_counter()
        bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=Path(tmp) / "index", top_k=30))
        built = time.perf_counter() - started
        result = evaluate(bot, threads, args.limit)
    result["build_seconds"] = round(built, 1)
    print(json.dumps(result) if args.json else
          f"StackFAQ (thread level): {result['queries']} queries over {result['threads']} threads\n"
          f"  Hit@1 {result['hit_at_1']:.3f}   MRR@10 {result['mrr_at_10']:.3f}   declined {result['declined']:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
