"""The quality suite: every question set, this project against plain baselines, in one table.

    python benchmarks/quality.py [--sets dev,paraphrase,realdocs,covidq,stackfaq] [--json] [--out DIR]

Sets (read from ../shared beside the checkout; nothing of them is copied into the repository):

    dev         shared/eval/dev.jsonl on the shipped corpus
    paraphrase  shared/eval/dev-paraphrase.jsonl on the shipped corpus
    realdocs    shared/eval/realdocs-dev/cases.jsonl on its nine real documents
    covidq      shared/benchmarks/covidq: real user queries against 386 official FAQ entries, many with no answer
    stackfaq    shared/benchmarks/stackfaq: user paraphrases against StackExchange threads
    AX ... BR   a documentation set of benchmarks/docsets/ (its documents fetched from their registry
                packages by benchmarks/docsets.py); "docsets" names them all
    NAME=FOLDER a folder of your own laid out as realdocs-dev: cases.jsonl and the documents in corpus/

A case is judged by its expected phrases (dev, paraphrase, realdocs: the rule of shared/eval/README.md)
or by the FAQ entries that answer it (covidq, stackfaq: a passage counts through its FAQ question).

Baselines, all with the same model:
    entries-cosine  cosine of the question against each passage as a whole (for a FAQ file: question and
                    answer together); the passages are this project's own, so it isolates the ranking
    chunks-cosine   fixed 500-character chunks of each document, cosine
    bm25            BM25 (bm25s, English stopwords, stemmed) over the passages
A baseline has no notion of declining: it declines below the cosine (or BM25) cut-off that keeps its
false declines at or under 10 % of the answerable questions of that set, the most favourable choice.

Metrics: Hit@1 (answered, and the top passage is right), ranking Hit@1 (declines ignored), Hit@3, Hit@5,
MRR@10, false declines (answerable questions declined) and unanswerable declined.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
SHARED = ROOT.parent / "shared"
sys.path.insert(0, str(HERE))

import docsets  # noqa: E402  (a module of this folder)

SETS = ("dev", "paraphrase", "realdocs", "covidq", "stackfaq")
BASELINE_FALSE_DECLINES = 0.10
CHUNK_CHARS = 500
DEPTH = 10


@dataclass
class Case:
    id: str
    question: str
    history: list[str]
    kind: str
    expect: list[str] = field(default_factory=list)  # phrases (dev-style sets)
    gold: set[int] = field(default_factory=set)  # FAQ entry numbers (covidq, stackfaq)

    @property
    def answerable(self) -> bool:
        return bool(self.expect or self.gold)


@dataclass
class EvalSet:
    name: str
    corpus: Path
    cases: list[Case]
    entry_of: dict[str, int] | None = None  # FAQ question -> entry number, for gold-judged sets

    def judge(self, case: Case, text: str, question: str = "") -> bool:
        from chatbot.evaluation import hits

        if self.entry_of is not None:
            return self.entry_of.get(question) in case.gold
        return any(hits(text, e) for e in case.expect)

    def key(self, text: str, question: str = "") -> object:
        """What makes two results the same answer: the FAQ entry for gold-judged sets, else the text."""
        return self.entry_of.get(question, text) if self.entry_of is not None else text


# ---- reading the sets ------------------------------------------------------------------------------

def _dev_style(name: str, path: Path, corpus: Path) -> EvalSet:
    from chatbot.evaluation import load_cases

    cases = [Case(c["id"], c["question"], c.get("history") or [], c["kind"], expect=c.get("expect") or [])
             for c in load_cases(path)]
    return EvalSet(name, corpus, cases)


def _faq_folder(work: Path, name: str, rows: list[dict]) -> Path:
    """A corpus folder holding one FAQ file (outside the repository)."""
    folder = work / name / "corpus"
    folder.mkdir(parents=True, exist_ok=True)
    text = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in rows)
    target = folder / f"{name}.jsonl"
    if not target.exists() or target.read_text(encoding="utf-8") != text:
        target.write_text(text, encoding="utf-8")
    return folder


def load_set(name: str, shared: Path, work: Path) -> EvalSet | None:
    """A set of the shared folder by its name, or a folder of your own as NAME=FOLDER: one laid out as
    realdocs-dev is (cases.jsonl beside the documents in corpus/)."""
    if "=" in name:
        label, folder = name.split("=", 1)
        folder = Path(folder)
        return _dev_style(label, folder / "cases.jsonl", folder / "corpus") if folder.exists() else None
    if name in docsets.names():
        try:
            return _dev_style(name, docsets.cases_file(name), docsets.corpus(name, work))
        except docsets.DocsetError as e:
            print(f"[{name}] {e}", file=sys.stderr)
            return None
    if name in ("dev", "paraphrase"):
        path = shared / "eval" / ("dev.jsonl" if name == "dev" else "dev-paraphrase.jsonl")
        return _dev_style(name, path, ROOT / "corpus") if path.exists() else None
    if name == "realdocs":
        folder = shared / "eval" / "realdocs-dev"
        return _dev_style(name, folder / "cases.jsonl", folder / "corpus") if folder.exists() else None
    if name == "covidq":
        folder = shared / "benchmarks" / "covidq"
        if not folder.exists():
            return None
        faq = [json.loads(line) for line in (folder / "faq.jsonl").read_text(encoding="utf-8").splitlines() if line]
        cases = []
        for line in (folder / "queries.jsonl").read_text(encoding="utf-8").splitlines():
            if line.strip():
                q = json.loads(line)
                cases.append(Case(q["id"], q["question"], [], q["source"], gold=set(q["gold"])))
        entry_of = {" ".join(r["question"].split()): n for n, r in enumerate(faq)}
        return EvalSet(name, _faq_folder(work, name, faq), cases, entry_of)
    if name == "stackfaq":
        xml = shared / "benchmarks" / "stackfaq" / "stackExchange-FAQ.xml"
        if not xml.exists():
            return None
        import stackfaq

        threads = stackfaq.read_threads(xml)
        rows = [{"question": t["question"], "answer": t["answer"]} for t in threads]
        cases = [Case(f"sf{n}-{k}", q, [], "paraphrase", gold={n})
                 for n, t in enumerate(threads) for k, q in enumerate(t["queries"])]
        entry_of = {" ".join(t["question"].split()): n for n, t in enumerate(threads)}
        return EvalSet(name, _faq_folder(work, name, rows), cases, entry_of)
    raise ValueError(f"unknown set {name!r}; choose from {', '.join(SETS + tuple(docsets.names()))}")


def set_names(listed: str) -> list[str]:
    """The names of a comma-separated list, "docsets" standing for every documentation set."""
    return [n for name in listed.split(",") if name.strip()
            for n in (docsets.names() if name.strip() == docsets.ALL else [name.strip()])]


# ---- scoring -----------------------------------------------------------------------------------------

@dataclass
class Outcome:
    answerable: bool
    rank: int | None  # of the first right answer among distinct answers, 0-based
    declined: bool
    confidence: float  # the system's own score of its top answer
    top_right: bool


def rates(outcomes: list[Outcome]) -> dict:
    answerable = [o for o in outcomes if o.answerable]
    unanswerable = [o for o in outcomes if not o.answerable]
    n = len(answerable) or 1

    def share(items, test):
        return round(sum(map(test, items)) / len(items), 4) if items else None

    return {
        "hit_at_1": round(sum(o.rank == 0 and not o.declined for o in answerable) / n, 4),
        "ranking_hit_at_1": round(sum(o.rank == 0 for o in answerable) / n, 4),
        "hit_at_3": round(sum(o.rank is not None and o.rank < 3 for o in answerable) / n, 4),
        "hit_at_5": round(sum(o.rank is not None and o.rank < 5 for o in answerable) / n, 4),
        "mrr_at_10": round(sum(1 / (o.rank + 1) for o in answerable if o.rank is not None and o.rank < 10) / n, 4),
        "false_declines": share(answerable, lambda o: o.declined),
        "unanswerable_declined": share(unanswerable, lambda o: o.declined),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }


def _ranked_outcome(s: EvalSet, case: Case, results: list[tuple[str, str]], declined: bool,
                    confidence: float) -> Outcome:
    """results: (text, FAQ question) best first; repeats of one answer count once."""
    distinct, seen = [], set()
    for text, question in results:
        key = s.key(text, question)
        if key not in seen:
            seen.add(key)
            distinct.append((text, question))
    rank = next((i for i, (t, q) in enumerate(distinct[:DEPTH]) if s.judge(case, t, q)), None)
    return Outcome(case.answerable, rank if case.answerable else None, declined, confidence, rank == 0)


def run_project(bot, s: EvalSet) -> list[Outcome]:
    out = []
    for case in s.cases:
        a = bot.answer(case.question, history=case.history)
        results = [(p.text, p.question) for p in a.passages]
        out.append(_ranked_outcome(s, case, results, not a.found, a.confidence))
    return out


class _Ranker:
    """A plain baseline: items with their (text, FAQ question), and a function scoring them for a query."""

    def __init__(self, items: list[tuple[str, str]], score: Callable[[str], "object"]):
        self.items, self.score = items, score

    def outcomes(self, s: EvalSet) -> list[Outcome]:
        import numpy as np

        rows = []
        for case in s.cases:
            # A baseline sees the conversation as one text, as a plain pipeline would.
            query = " ".join([*case.history, case.question])
            scores = np.asarray(self.score(query), dtype=np.float32)
            order = np.argsort(-scores)[: 5 * DEPTH]
            rows.append((case, [self.items[i] for i in order], float(scores[order[0]]) if len(order) else 0.0))
        answerable_scores = sorted(top for case, _, top in rows if case.answerable)
        cut = answerable_scores[int(BASELINE_FALSE_DECLINES * len(answerable_scores))] if answerable_scores else 0.0
        return [_ranked_outcome(s, case, results, top < cut, top) for case, results, top in rows]


def baselines(bot, s: EvalSet) -> dict[str, _Ranker]:
    import bm25s
    import numpy as np
    import Stemmer

    passages = bot.index.passages
    entries = [(p.text, p.question) for p in passages]
    embed = bot.base_embedder.encode  # the model as shipped: a baseline has no adaptation to the corpus
    entry_vectors = embed([t for t, _ in entries])

    chunks: list[tuple[str, str]] = []
    by_source: dict[str, list] = {}
    for p in passages:
        by_source.setdefault(p.source if p.kind != "faq" or s.entry_of is None else f"{p.source}#{p.question}",
                             []).append(p)
    for group in by_source.values():
        text = "\n".join(p.text for p in group)
        question = group[0].question if s.entry_of is not None else ""
        chunks += [(text[i:i + CHUNK_CHARS], question) for i in range(0, len(text), CHUNK_CHARS)
                   if text[i:i + CHUNK_CHARS].strip()]
    chunk_vectors = embed([t for t, _ in chunks])

    stemmer = Stemmer.Stemmer("english")
    bm25 = bm25s.BM25()
    bm25.index(bm25s.tokenize([t for t, _ in entries], stopwords="en", stemmer=stemmer, show_progress=False),
               show_progress=False)

    def bm25_scores(query: str):
        tokens = bm25s.tokenize([query], stopwords="en", stemmer=stemmer, show_progress=False, return_ids=False)
        return bm25.get_scores(tokens[0]) if tokens and tokens[0] else np.zeros(len(entries))

    return {
        "entries-cosine": _Ranker(entries, lambda q: entry_vectors @ embed([q])[0]),
        "chunks-cosine": _Ranker(chunks, lambda q: chunk_vectors @ embed([q])[0]),
        "bm25": _Ranker(entries, bm25_scores),
    }


def reliability(outcomes: list[Outcome], bins: int = 5) -> list[dict]:
    """Confidence bins against how often the answer in that bin was right (an unanswerable question
    answered is wrong)."""
    out = []
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [o for o in outcomes if lo <= o.confidence < hi or (b == bins - 1 and o.confidence == 1.0)]
        if inside:
            out.append({"bin": f"{lo:.1f}-{hi:.1f}", "n": len(inside),
                        "mean_confidence": round(sum(o.confidence for o in inside) / len(inside), 3),
                        "accuracy": round(sum(o.answerable and o.top_right for o in inside) / len(inside), 3)})
    return out


def expected_calibration_error(outcomes: list[Outcome], bins: int = 10) -> float:
    total = 0.0
    for b in range(bins):
        lo, hi = b / bins, (b + 1) / bins
        inside = [o for o in outcomes if lo <= o.confidence < hi or (b == bins - 1 and o.confidence == 1.0)]
        if inside:
            accuracy = sum(o.answerable and o.top_right for o in inside) / len(inside)
            total += len(inside) * abs(accuracy - sum(o.confidence for o in inside) / len(inside))
    return round(total / max(len(outcomes), 1), 4)


def index_dir(work: Path, set_name: str, model: str = "") -> Path:
    """One index folder per set and model, so that switching models does not rebuild the other's."""
    from chatbot.search.embedder import model_slug

    return work / set_name / ("index-" + model_slug(model) if model else "index")


def evaluate_set(s: EvalSet, work: Path, *, with_baselines: bool = True, model: str = "") -> dict:
    from chatbot import Chatbot, Settings

    # The sets share one ONNX export of the model, under the work folder, instead of one per index.
    bot = Chatbot.load(settings=Settings(corpus=s.corpus, index_dir=index_dir(work, s.name, model), top_k=DEPTH,
                                         model=model, model_cache=str(work / "models")))
    project = run_project(bot, s)
    result = {"this project": rates(project)}
    result["this project"]["calibration_error"] = expected_calibration_error(project)
    result["reliability"] = reliability(project)
    if with_baselines:
        for name, ranker in baselines(bot, s).items():
            result[name] = rates(ranker.outcomes(s))
    return result


def run_suite(names: list[str], shared: Path = SHARED, work: Path | None = None, *, limit: int | None = None,
              with_baselines: bool = True, model: str = "") -> dict:
    """Every named set that is present under `shared`, scored; sets that are absent are skipped."""
    work = work or Path(tempfile.gettempdir()) / "chatbot-quality"
    results = {}
    for name in names:
        s = load_set(name.strip(), shared, work)
        if s is None:
            if name.strip() not in docsets.names():  # a documentation set said why already
                print(f"[{name}] not found under {shared}; skipped", file=sys.stderr)
            continue
        s.cases = s.cases[:limit]
        print(f"[{s.name}] {len(s.cases)} questions ...", file=sys.stderr, flush=True)
        results[s.name] = evaluate_set(s, work, with_baselines=with_baselines, model=model)
    return results


def table(results: dict) -> str:
    columns = ("hit_at_1", "ranking_hit_at_1", "hit_at_3", "hit_at_5", "mrr_at_10", "false_declines",
               "unanswerable_declined")
    heads = ("Hit@1", "ranking Hit@1", "Hit@3", "Hit@5", "MRR@10", "false declines", "unanswerable declined")
    lines = ["| set | system | " + " | ".join(heads) + " |", "|---|---|" + "---|" * len(heads)]
    for set_name, systems in results.items():
        for system, r in systems.items():
            if system == "reliability":
                continue
            cells = ["—" if r.get(c) is None else f"{r[c]:.3f}" for c in columns]
            label = f"**{system}**" if system == "this project" else system
            lines.append(f"| {set_name} | {label} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def plot_reliability(results: dict, path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(6, 5))
    ax.plot([0, 1], [0, 1], ls="--", color="grey", label="perfect calibration")
    for set_name, systems in results.items():
        points = systems.get("reliability") or []
        ax.plot([p["mean_confidence"] for p in points], [p["accuracy"] for p in points], marker="o",
                label=f"{set_name} (ECE {systems['this project']['calibration_error']:.2f})")
    ax.set_xlabel("confidence (bin mean)")
    ax.set_ylabel("share of answers that were right")
    ax.set_title("Reliability of the confidence, per set")
    ax.legend(fontsize=8)
    fig.tight_layout()
    fig.savefig(path, dpi=110)
    plt.close(fig)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(SETS), help=f"comma-separated, from {', '.join(SETS)}, a "
                        "documentation set's name (or 'docsets' for all), or NAME=FOLDER for a folder laid out as "
                        "realdocs-dev (cases.jsonl and corpus/)")
    parser.add_argument("--shared", type=Path, default=SHARED, help="the shared folder (default ../shared)")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "chatbot-quality",
                        help="where the sets' indexes are kept between runs")
    parser.add_argument("--no-baselines", action="store_true", help="only this project (faster)")
    parser.add_argument("--limit", type=int, help="only the first N questions of each set (a quick check)")
    parser.add_argument("--out", type=Path, help="write quality.json, quality.md and reliability.png here")
    parser.add_argument("--model", default="", help="a sentence-transformers folder or name (default: the bundled "
                        "all-MiniLM-L6-v2); the baselines use it too")
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)

    results = run_suite(set_names(args.sets), args.shared, args.work, limit=args.limit,
                        with_baselines=not args.no_baselines, model=args.model)
    if args.out:
        args.out.mkdir(parents=True, exist_ok=True)
        (args.out / "quality.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
        (args.out / "quality.md").write_text(table(results) + "\n", encoding="utf-8")
        plot_reliability(results, args.out / "reliability.png")
    print(json.dumps(results, indent=2) if args.json else table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
