"""Small FAQs: what the bot does when a FAQ holds a few entries and people ask about the topic's others.

    python benchmarks/small_faq.py [--entries 8,30] [--draws 10] [--json]

A small FAQ is the first thing many people try, and none of the quality suite's sets is one. Each draw takes
that many entries of StackFAQ (one site's FAQ) or of COVID-Q's FAQ as a corpus of its own, built with the
bundled model (under 50 entries: not tuned). The queries of the drawn entries are answerable (up to three per
entry); as many queries of entries left out, on the same site or topic, are not. Printed per set and size:
Hit@1, false declines, unanswerable declined, the share of right answers and of unanswerable queries answered
as if sure (confidence 0.5 or more, not as a lead the bot says it is unsure of), and how well the answerability
and the best match's cosine alone order the two kinds (area under the ROC curve). Then the same with the decline
point that `chatbot eval` chooses for each FAQ on ten of its questions (as its keepers would label them), on
the FAQ's other questions. The data is read from
../shared; nothing is written to the repository (the corpora and indexes go to a temporary folder).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import quality  # noqa: E402
import stackfaq  # noqa: E402

QUERIES_PER_ENTRY = 3
# Questions of a drawn FAQ, half of each kind, that its keepers would label to choose its decline point
# (`chatbot eval`); the figures "with the keeper's point" are on the draw's other questions.
KEEPER_LABELS = 10


def entries_of(set_name: str, shared: Path) -> list[dict]:
    """Each FAQ entry with its queries: {"question", "answer", "queries"}."""
    if set_name == "stackfaq":
        return stackfaq.read_threads(shared / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml")
    folder = shared / "benchmarks" / "covidq"
    rows = [json.loads(line) for line in (folder / "faq.jsonl").read_text(encoding="utf-8").splitlines() if line]
    entries = [{"question": r["question"], "answer": r["answer"], "queries": []} for r in rows]
    for line in (folder / "queries.jsonl").read_text(encoding="utf-8").splitlines():
        query = json.loads(line) if line.strip() else {}
        if len(query.get("gold", [])) == 1:  # a query that one entry answers
            entries[query["gold"][0]]["queries"].append(query["question"])
    return [e for e in entries if e["queries"]]


def draw_sets(set_name: str, entries: list[dict], size: int, draws: int, work: Path) -> list[quality.EvalSet]:
    """`draws` small FAQs of `size` entries each, as quality-suite sets named small-<set>-<size>-<draw>, their
    corpus folders written under `work`. The queries of the drawn entries are answerable (up to
    QUERIES_PER_ENTRY each); as many queries of entries left out, on the same site or topic, are not."""
    rng = random.Random(0)
    sets = []
    for draw in range(draws):
        chosen = rng.sample(range(len(entries)), size)
        name = f"small-{set_name}-{size}-{draw}"
        corpus = work / name / "corpus"
        corpus.mkdir(parents=True, exist_ok=True)
        stackfaq.write_faq_file([entries[i] for i in chosen], corpus)
        others = rng.sample([i for i in range(len(entries)) if i not in chosen], size)
        cases = [quality.Case(f"{name}-{n}-{k}", query, [], "answerable", gold={n})
                 for n, i in enumerate(chosen) for k, query in enumerate(entries[i]["queries"][:QUERIES_PER_ENTRY])]
        cases += [quality.Case(f"{name}-other-{i}-{k}", rng.choice(entries[i]["queries"]), [], "unanswerable")
                  for i in others for k in range(QUERIES_PER_ENTRY)]
        entry_of = {" ".join(entries[i]["question"].split()): n for n, i in enumerate(chosen)}
        sets.append(quality.EvalSet(name, corpus, cases, entry_of))
    return sets


def measure(set_name: str, entries: list[dict], size: int, draws: int, work: Path, embedder) -> dict:
    from sklearn.metrics import roc_auc_score

    from chatbot import Chatbot, Settings
    from chatbot.chatbot import SURE
    from chatbot.evaluation import CaseResult, decline_point, rates_at

    outcomes = []  # (answerable, answered right, declined, answerability, best cosine, answered as sure)
    kept = []  # per draw, with a decline point chosen on KEEPER_LABELS of its questions: rates on the others
    own = []  # per draw, the bot's own decline point on those same other questions
    rng = random.Random(1)
    for s in draw_sets(set_name, entries, size, draws, work):
        bot = Chatbot.load(settings=Settings(corpus=s.corpus, index_dir=quality.index_dir(work, s.name),
                                             model_cache=str(work / "models")), embedder=embedder)
        results = []
        for case in s.cases:
            a = bot.answer(case.question)
            cosine = bot.rank(case.question).candidates[0].dense
            top_right = bool(a.passages) and s.judge(case, a.passages[0].text, a.passages[0].question)
            right = a.found and top_right
            sure = a.found and a.confidence >= SURE
            outcomes.append((case.answerable, right, not a.found, a.answerable, cosine, sure))
            results.append(CaseResult(case.id, "faq" if case.answerable else "out_of_scope", case.question, a.found,
                                      a.confidence, right, False, "", a.answerable, top_right))
        # Those who keep the FAQ write a few questions of each kind and run `chatbot eval` on them.
        labelled = (rng.sample([r for r in results if r.kind != "out_of_scope"], KEEPER_LABELS // 2)
                    + rng.sample([r for r in results if r.kind == "out_of_scope"], KEEPER_LABELS // 2))
        point = decline_point(labelled, bot.decline_below)
        others = [r for r in results if r not in labelled]
        kept.append(rates_at(others, point.suggested))
        own.append(rates_at(others, bot.decline_below))
    answerable = [o for o in outcomes if o[0]]
    unanswerable = [o for o in outcomes if not o[0]]
    right = [o for o in answerable if o[1]]
    labels = [o[0] for o in outcomes]
    return {"set": set_name, "entries": size, "draws": draws, "answerable": len(answerable),
            "unanswerable": len(unanswerable),
            "hit_at_1": round(sum(o[1] for o in answerable) / len(answerable), 3),
            "false_declines": round(sum(o[2] for o in answerable) / len(answerable), 3),
            "unanswerable_declined": round(sum(o[2] for o in unanswerable) / len(unanswerable), 3),
            # Answered as if sure (not as a lead the bot says it is unsure of): right answers should be, the
            # other entries' answers to unanswerable queries should not.
            "right_shown_sure": round(sum(o[5] for o in right) / max(len(right), 1), 3),
            "unanswerable_shown_sure": round(sum(o[5] for o in unanswerable) / len(unanswerable), 3),
            "keeper_false_declines": round(sum(r.false_declines for r in kept) / len(kept), 3),
            "keeper_unanswerable_declined": round(sum(r.out_of_scope_declined for r in kept) / len(kept), 3),
            "keeper_hit_at_1": round(sum(r.hit_at_1 for r in kept) / len(kept), 3),
            # The bot's own point on the questions the keeper's figures are on (the draw's unlabelled ones).
            "own_point_unanswerable_declined": round(sum(r.out_of_scope_declined for r in own) / len(own), 3),
            "auc_answerability": round(roc_auc_score(labels, [o[3] for o in outcomes]), 3),
            "auc_best_cosine": round(roc_auc_score(labels, [o[4] for o in outcomes]), 3)}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=quality.SHARED)
    parser.add_argument("--sets", default="stackfaq,covidq")
    parser.add_argument("--entries", default="8,30", help="comma-separated FAQ sizes (entries per draw)")
    parser.add_argument("--draws", type=int, default=10, help="small FAQs drawn per set and size")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    from chatbot import Settings
    from chatbot.search.embedder import load_embedder

    results = []
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        embedder = load_embedder(Settings(model_cache=str(work / "models")))
        for set_name in args.sets.split(","):
            entries = entries_of(set_name, args.shared)
            for size in map(int, args.entries.split(",")):
                if 2 * size > len(entries):  # as many entries left out as drawn, to ask about
                    print(f"[{set_name}] skipped FAQs of {size} entries: it has {len(entries)} entries with queries",
                          file=sys.stderr)
                    continue
                print(f"[{set_name}] {args.draws} FAQs of {size} entries ...", file=sys.stderr, flush=True)
                results.append(measure(set_name, entries, size, args.draws, work, embedder))
    if args.json:
        print(json.dumps(results, indent=2))
        return 0
    print("| set | entries | Hit@1 | false declines | unanswerable declined | right answers shown as sure | "
          "unanswerable answered as sure | AUC answerability | AUC best cosine |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in results:
        print(f"| {r['set']} | {r['entries']} | {r['hit_at_1']:.3f} | {r['false_declines']:.3f} | "
              f"{r['unanswerable_declined']:.3f} | {r['right_shown_sure']:.3f} | {r['unanswerable_shown_sure']:.3f} | "
              f"{r['auc_answerability']:.3f} | {r['auc_best_cosine']:.3f} |")
    print(f"\nWith the decline point `chatbot eval` chooses on {KEEPER_LABELS} questions of each FAQ (half of each "
          "kind), on its other questions:\n")
    print("| set | entries | Hit@1 | false declines | unanswerable declined |")
    print("|---|---|---|---|---|")
    for r in results:
        print(f"| {r['set']} | {r['entries']} | {r['keeper_hit_at_1']:.3f} | {r['keeper_false_declines']:.3f} | "
              f"{r['keeper_unanswerable_declined']:.3f} |")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
