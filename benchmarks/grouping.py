"""How well the admin page groups open questions by meaning, on every set of the quality suite.

    python benchmarks/grouping.py [--sets dev,paraphrase,realdocs,covidq,stackfaq] [--limit 500] [--json]

Each set's questions are embedded by the model its index uses (tuned to the corpus or not, as the admin
page's) and grouped by chatbot.serving.admin.group_vectors at several cosine distances, as they come and with
what the corpus's passages share taken off (what the admin page does). The truth:

    covidq      the COVID-Q classes of "questions that ask the same thing" (480 real queries, 260 classes)
    stackfaq    the thread each user paraphrase belongs to (the first --limit paraphrases)
    dev, paraphrase, realdocs   every question asks something of its own (follow-ups left out)

Prints, per set and distance, the number of groups, the adjusted Rand index (for the sets where questions
repeat one another), homogeneity (a group holds one question: two questions in one group hide one of them
from the person who keeps the FAQ) and completeness (a question's wordings stay in one group).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import quality  # noqa: E402 - the suite's sets and their indexes

DISTANCES = (0.35, 0.4, 0.45, 0.5, 0.55)


def questions_and_truth(s: "quality.EvalSet", shared: Path, limit: int) -> tuple[list[str], list[str]]:
    if s.name == "covidq":
        rows = [json.loads(line) for line in (shared / "benchmarks" / "covidq" / "queries.jsonl").open()
                if line.strip()]
        return [r["question"] for r in rows], [r["covidq_class"] for r in rows]
    if s.name == "stackfaq":
        cases = s.cases[:limit]
        return [c.question for c in cases], [str(min(c.gold)) for c in cases]
    cases = [c for c in s.cases if not c.history]
    return [c.question for c in cases], [c.id for c in cases]


def measure(names: list[str], shared: Path, work: Path, limit: int) -> list[dict]:
    from sklearn.metrics import adjusted_rand_score, homogeneity_completeness_v_measure

    from chatbot import Chatbot, Settings
    from chatbot.serving.admin import GROUP_DISTANCE, group_vectors

    rows = []
    for name in names:
        s = quality.load_set(name, shared, work)
        if s is None:
            continue
        bot = Chatbot.load(settings=Settings(corpus=s.corpus, index_dir=quality.index_dir(work, name),
                                             model_cache=str(work / "models")))
        questions, truth = questions_and_truth(s, shared, limit)
        vectors = bot.embedder.encode(questions)
        for centred in (False, True):
            for distance in sorted({*DISTANCES, GROUP_DISTANCE}):
                labels = group_vectors(vectors, distance, bot.index.passage_mean if centred else None)
                h, c, _ = homogeneity_completeness_v_measure(truth, labels)
                repeats = len(set(truth)) < len(truth)
                rows.append({"set": name, "shared_taken_off": centred, "distance": distance,
                             "questions": len(questions), "truth_groups": len(set(truth)),
                             "groups": len(set(labels)),
                             "adjusted_rand": round(adjusted_rand_score(truth, labels), 3) if repeats else None,
                             "homogeneity": round(h, 3), "completeness": round(c, 3),
                             "in_use": centred and distance == GROUP_DISTANCE})
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(quality.SETS), help=f"comma-separated, from "
                        f"{', '.join(quality.SETS)}")
    parser.add_argument("--shared", type=Path, default=quality.SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "chatbot-quality",
                        help="where the sets' indexes are kept (the quality suite's)")
    parser.add_argument("--limit", type=int, default=500, help="StackFAQ: group its first N paraphrases (the "
                        "admin page groups the newest 500 open questions)")
    parser.add_argument("--json", action="store_true", help="print the result as JSON")
    args = parser.parse_args(argv)

    rows = measure(args.sets.split(","), args.shared, args.work, args.limit)
    if args.json:
        print(json.dumps(rows, indent=2))
        return 0
    print("| set | questions (truth) | shared taken off | distance | groups | adjusted Rand | homogeneity | "
          "completeness |")
    print("|---|---|---|---|---|---|---|---|")
    for r in rows:
        mark = " (used)" if r["in_use"] else ""
        ari = "—" if r["adjusted_rand"] is None else r["adjusted_rand"]
        print(f"| {r['set']} | {r['questions']} ({r['truth_groups']}) | {'yes' if r['shared_taken_off'] else 'no'} "
              f"| {r['distance']}{mark} | {r['groups']} | {ari} | {r['homogeneity']} | {r['completeness']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
