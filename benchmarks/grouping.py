"""How well the admin page groups questions by meaning: StackFAQ's user paraphrases, grouped by
chatbot.serving.admin.group_vectors at several distance thresholds, against the threads they belong to.

    python benchmarks/grouping.py ../shared/benchmarks/stackfaq/stackExchange-FAQ.xml [--limit N] [--json]

Prints, per threshold, the number of groups (the truth has one per thread), the adjusted Rand index,
homogeneity (a group holds one thread), completeness (a thread stays in one group) and the time to group.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from stackfaq import read_threads  # noqa: E402 - the same reader as the retrieval benchmark

THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.6)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("xml", type=Path, help="path to stackExchange-FAQ.xml")
    parser.add_argument("--limit", type=int, default=500, help="group the first N paraphrases (the admin page "
                                                                "groups the newest 500 open questions)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args()

    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    from chatbot.search.embedder import SentenceTransformerEmbedder
    from chatbot.serving.admin import GROUP_DISTANCE, group_vectors

    pairs = [(n, q) for n, t in enumerate(read_threads(args.xml)) for q in t["queries"]][: args.limit]
    truth = [n for n, _ in pairs]
    vectors = SentenceTransformerEmbedder().encode([q for _, q in pairs])
    rows = []
    for threshold in sorted({*THRESHOLDS, GROUP_DISTANCE}):
        started = time.perf_counter()
        labels = group_vectors(vectors, threshold)
        seconds = time.perf_counter() - started
        h, c, _ = homogeneity_completeness_v_measure(truth, labels)
        rows.append({"threshold": threshold, "questions": len(pairs), "threads": len(set(truth)),
                     "groups": len(set(labels)), "adjusted_rand": round(adjusted_rand_score(truth, labels), 3),
                     "homogeneity": round(h, 3), "completeness": round(c, 3), "seconds": round(seconds, 3),
                     "in_use": threshold == GROUP_DISTANCE})
    if args.json:
        print(json.dumps(rows, indent=2))
        return
    print("threshold  questions  threads  groups  ARI    homogeneity  completeness  seconds")
    for r in rows:
        mark = "  <- GROUP_DISTANCE" if r["in_use"] else ""
        print(f"{r['threshold']:<9}  {r['questions']:<9}  {r['threads']:<7}  {r['groups']:<6}  "
              f"{r['adjusted_rand']:<5}  {r['homogeneity']:<11}  {r['completeness']:<12}  {r['seconds']}{mark}")


if __name__ == "__main__":
    main()
