"""Fit the scorer (chatbot/search/scorer.json) on several question sets at once.

    python benchmarks/fit_scorer.py [--sets dev,paraphrase,realdocs,covidq,stackfaq] [--model PATH] [--adapted]
                                    [--keep-ranking] [--keep-floor] [--hold SETS] [--free FEATURES] [--ranking-only]
                                    [--unrelated-only] [--write]

1. Ranking weights: a coordinate search that maximises, averaged over the sets, Hit@1 + MRR/2 of the
   ranking (each set counts the same, whatever its size: StackFAQ has 1,249 questions and dev 60).
   A pairwise or listwise logistic regression was tried first: it fits the ordering of all candidates,
   not the first place, and lost on three sets.
2. With those weights, the confidence ("is this passage right?") and the answerability ("do the
   documents answer this at all?") are logistic regressions over the evidence of the best candidates,
   with every set weighing the same (and, for answerability, both kinds of question within a set).
   Each weight keeps the sign the evidence must have (scorer.EVIDENCE_SIGNS). Logistic regression fits
   log-loss, so the confidence is calibrated on the pooled sets.
3. The decline point: the answerability below which the bot declines, chosen to minimise, averaged
   over the sets, twice the false declines plus the unanswerable questions answered. A false decline
   costs more: an unsure answer is shown as one, with the next leads, while a decline leaves the
   person with nothing.
4. The bounds of questions declined outright as unrelated (Scorer.unrelated): of pairs of an unknown-word share
   (at least) and a best cosine (below), the one that declines the most out-of-scope questions the answerability
   answers and no answerable one of any set. --unrelated-only chooses and stores them alone, the rest kept.
Between 1 and 2, the floor of the cosine below which the best match counts as dissimilar (the only level
of a cosine weighed) is chosen: of a few candidates, the one whose answerability and decline point (2, 3)
cost least among those under which no set declines more of its answerable questions than with no floor.

With --adapted, the same fit on the sets whose model was tuned to their FAQ (search/adaptation.py), the best
match's cosine weighed too (scorer.ADAPTED_FEATURES), stored as the weights for that model once tuned.

With --hold, the ranking is fitted on all the sets named, but no step may lower the ranking Hit@1 of the sets held
below what the stored weights give them; with --free, only the weights named are fitted, the others kept; with
--ranking-only only the ranking weights are fitted and stored (the confidence and the decline point stay). That is
how the weight of evidence that mostly reference documents show (a number asked by in a passage's heading) was
fitted, on the five sets and the documentation sets AX to BH (benchmarks/docsets; "docsets" names BK to BR too,
which are in no fit yet), no set losing:

    SETS=dev,paraphrase,realdocs,covidq,stackfaq,AX,AY,AZ,BA,BB,BC,BD,BE,BF,BG,BH
    python benchmarks/fit_scorer.py --sets $SETS --hold $SETS --free number --ranking-only --write

Leave-one-set-out figures are printed for each step: fitted on the other sets, scored on the one left
out. That is how well the weights carry over to documents and questions they were not fitted on.
--write stores the weights fitted on all sets.
"""

from __future__ import annotations

import argparse
import itertools
import sys
import tempfile
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import quality  # noqa: E402
from chatbot.evaluation import FALSE_DECLINE_COST  # noqa: E402  (against 1 for an unanswerable question answered)

L2 = 1e-3  # ridge penalty of the logistic models (on standardised features)
FLOORS = (0.0, 0.1, 0.15, 0.2, 0.25, 0.3, 0.35, 0.4)  # candidate floors of the cosine; 0 is none
# The values tried for each weight when only one or two are fitted (--free): evidence beside the others, weighing up
# to about a third of the semantic evidence.
FREE_GRID = np.round(np.arange(0.0, 0.305, 0.01), 2)
# The bounds tried for Scorer.unrelated: the unknown share of the question's words (weighted by rarity) at or above
# which, and the best match's cosine below which, a question is declined outright.
UNRELATED_UNKNOWN = (0.9, 0.8, 0.7, 0.6, 0.5)
UNRELATED_BELOW = (0.2, 0.25, 0.3, 0.35, 0.4, 0.45, 0.5)


@dataclass
class Question:
    features: np.ndarray  # candidates x RANKING_FEATURES
    right: np.ndarray  # bool per candidate
    answerable: bool


def collect(bot, s: quality.EvalSet) -> tuple[list[Question], list[list[dict]], list[list[bool]], list[list[float]]]:
    """Ranking features of every candidate, and the confidence evidence of the first few with labels and
    their best cosine (to place the floor of "dissimilar")."""
    from chatbot.search.scorer import RANKING_FEATURES

    questions, evidence, labels, similarity = [], [], [], []
    for case in s.cases:
        r = bot.rank(case.question, case.history)
        passages = [bot.index.passages[c.passage] for c in r.candidates]
        right = np.array([s.judge(case, p.text, p.question) for p in passages], dtype=bool)
        features = np.array([[c.features[f] for f in RANKING_FEATURES] for c in r.candidates]).reshape(
            len(r.candidates), len(RANKING_FEATURES))
        questions.append(Question(features, right, case.answerable))
        evidence.append(r.evidence)
        labels.append(list(right[: len(r.evidence)]))
        similarity.append([c.dense for c in r.candidates[: len(r.evidence)]])
    return questions, evidence, labels, similarity


def _ranking_quality(questions: list[Question], weights: np.ndarray) -> tuple[float, float]:
    """Hit@1 and MRR of the ranking alone, over the answerable questions."""
    features, right, pad, count = _stacked(questions)
    if not len(features):
        return 0.0, 0.0
    scores = np.where(pad, -np.inf, features @ weights)
    ranked = np.take_along_axis(right, np.argsort(-scores, axis=1, kind="stable"), axis=1)
    found = ranked.any(axis=1)
    first = ranked.argmax(axis=1)
    return float(np.sum(found & (first == 0))) / count, float(np.sum(found / (first + 1))) / count


_STACKS: dict[int, tuple] = {}


def _stacked(questions: list[Question]) -> tuple[np.ndarray, np.ndarray, np.ndarray, int]:
    """The answerable questions' candidates as one padded array (a fit scores them thousands of times): their
    features, which are right, which are padding, and how many answerable questions there are."""
    key = id(questions)
    if key not in _STACKS or _STACKS[key][0] is not questions:
        answerable = [q for q in questions if q.answerable]
        ranked = [q for q in answerable if len(q.right)]
        width = max((len(q.right) for q in ranked), default=0)
        size = ranked[0].features.shape[1] if ranked else 0
        features = np.zeros((len(ranked), width, size))
        right = np.zeros((len(ranked), width), dtype=bool)
        pad = np.ones((len(ranked), width), dtype=bool)
        for n, q in enumerate(ranked):
            features[n, : len(q.right)] = q.features
            right[n, : len(q.right)] = q.right
            pad[n, : len(q.right)] = False
        _STACKS[key] = (questions, (features, right, pad, max(len(answerable), 1)))
    return _STACKS[key][1]


def fit_ranking(per_set: dict[str, list[Question]], start: np.ndarray,
                held: dict[str, float] | None = None, free: list[int] | None = None) -> np.ndarray:
    """Coordinate search from `start`; the semantic weights (the first three) are kept summing to 1. `held`: sets
    whose ranking Hit@1 no step may take below the figure given (a refit on new sets must not cost the others);
    `free`: the positions of the only weights to fit (all by default)."""
    held = {name: floor for name, floor in (held or {}).items() if name in per_set}

    def objective(w):
        if any(ranking_hit_at_1(per_set[name], w) < floor - 1e-9 for name, floor in held.items()):
            return -np.inf
        return float(np.mean([h + m / 2 for h, m in (_ranking_quality(q, w) for q in per_set.values())]))

    weights, best = start / start[:3].sum(), objective(start / start[:3].sum())
    if free is not None and len(free) <= 2:
        # Few weights: every point of a grid, since the held sets make the objective too jagged for steps from
        # the start (a step that loses one held question is refused, and the search stops short of the best).
        chosen = weights
        for point in itertools.product(FREE_GRID, repeat=len(free)):
            trial = weights.copy()
            trial[free] = point
            if trial[:3].sum() <= 0:
                continue
            trial /= trial[:3].sum()
            value = objective(trial)
            if value > best + 1e-9:
                chosen, best = trial, value
        return chosen
    for step in (0.25, 0.1, 0.05, 0.02):
        improved = True
        while improved:
            improved = False
            for i in (range(len(weights)) if free is None else free):
                for delta in (step, -step):
                    trial = weights.copy()
                    trial[i] = max(0.0, trial[i] + delta)
                    if trial[:3].sum() <= 0:
                        continue
                    trial /= trial[:3].sum()
                    value = objective(trial)
                    if value > best + 1e-9:
                        weights, best, improved = trial, value, True
    return weights


def ranking_note(free: str, sets: list[str], held: list[str]) -> str:
    """What the stored ranking weights say of how they were fitted (--ranking-only)."""
    fitted = f"{free.replace(',', ', ')} fitted (the other weights kept)" if free else "fitted"
    return (f"{fitted} on {', '.join(sets)}"
            + (", no set's ranking Hit@1 lowered" if set(held) >= set(sets) else
               f", no step lowering the ranking Hit@1 of {', '.join(held)}" if held else ""))


def ranking_hit_at_1(questions: list[Question], weights: np.ndarray) -> float:
    return _ranking_quality(questions, weights)[0]


def _logistic_data(per_set: dict, which: str, features: tuple[str, ...]):
    xs, ys, ws = [], [], []
    for evidence, labels, answerable in per_set.values():
        if which == "correct":
            rows = [(e, l) for es, ls in zip(evidence, labels) for e, l in zip(es, ls)]
        else:
            rows = [(es[0], a) for es, a in zip(evidence, answerable) if es]
        if not rows:
            continue
        xs.append(np.array([[e[f] for f in features] for e, _ in rows]))
        y = np.array([bool(l) for _, l in rows])
        ys.append(y)
        if which == "answerable" and 0 < y.sum() < len(y):
            # Both kinds of question weigh the same within a set: the few near misses of a set
            # (another city, a person not mentioned) count as much as its many answerable questions.
            ws.append(np.where(y, 0.5 / y.sum(), 0.5 / (~y).sum()))
        else:
            ws.append(np.full(len(rows), 1.0 / len(rows)))
    return np.vstack(xs), np.concatenate(ys), np.concatenate(ws)


def fit_logistic(per_set: dict, which: str, features: tuple[str, ...] = ()) -> tuple[float, dict[str, float]]:
    """A logistic model whose every weight has the sign the evidence must have (more similarity or
    coverage never lowers the estimate; a missing name never raises it), on standardised features, folded
    back into weights on the raw features. Without the signs, the pooled sets teach accidents: one set's
    unanswerable questions happen to use fewer unknown words, and a pasta recipe became answerable.
    `features` defaults to scorer.CONFIDENCE_FEATURES."""
    from scipy.optimize import minimize

    from chatbot.search.scorer import CONFIDENCE_FEATURES, EVIDENCE_SIGNS

    features = features or CONFIDENCE_FEATURES
    x, y, w = _logistic_data(per_set, which, features)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1.0
    z = (x - mean) / std
    w = w / w.sum()

    def loss(params):
        logits = params[0] + z @ params[1:]
        p = 1 / (1 + np.exp(-np.clip(logits, -30, 30)))
        value = -(w * (y * np.log(p + 1e-12) + (1 - y) * np.log(1 - p + 1e-12))).sum() + L2 * (params[1:] ** 2).sum()
        grad = np.concatenate([[(w * (p - y)).sum()], z.T @ (w * (p - y)) + 2 * L2 * params[1:]])
        return value, grad

    bounds = [(None, None)] + [(0, None) if EVIDENCE_SIGNS[f] > 0 else (None, 0) for f in features]
    result = minimize(loss, np.zeros(len(features) + 1), jac=True, method="L-BFGS-B", bounds=bounds)
    coef = result.x[1:] / std
    bias = float(result.x[0] - (coef * mean).sum())
    return bias, {f: round(float(c), 4) for f, c in zip(features, coef)}


def choose_threshold(per_set: dict, bias: float, weights: dict) -> float:
    """The answerability below which to decline: least (weighted) false declines plus unanswerable
    questions answered, averaged over the sets that have both kinds (sets with only answerable questions count
    their false declines)."""
    tops = [_answerability(evidence, answerable, bias, weights) for evidence, _, answerable in per_set.values()]
    return float(min(np.arange(0.05, 0.96, 0.01),
                     key=lambda cut: decline_cost(_rates(p, a, cut) for p, a in tops)))


def _answerability(evidence: list[list[dict]], answerable: list[bool], bias: float, weights: dict):
    """The answerability of each question's best candidate, and whether the question is answerable."""
    pairs = [(_predict(bias, weights, es[0]), a) for es, a in zip(evidence, answerable) if es]
    return np.array([p for p, _ in pairs]), np.array([a for _, a in pairs], dtype=bool)


def _rates(p: np.ndarray, answerable: np.ndarray, cut: float) -> tuple[float, float]:
    """False declines and unanswerable declined at this cut (nan when there is no question of that kind)."""
    a = answerable
    return (float((p[a] < cut).mean()) if a.any() else float("nan"),
            float((p[~a] < cut).mean()) if (~a).any() else float("nan"))


def decline_cost(rates) -> float:
    """What the decline point and the floor minimise: averaged over the sets, FALSE_DECLINE_COST times the
    false declines plus the unanswerable questions answered (a set without one kind counts 0 for it)."""
    return float(np.mean([FALSE_DECLINE_COST * (0.0 if np.isnan(fd) else fd) + (0.0 if np.isnan(nd) else 1 - nd)
                          for fd, nd in rates]))


def with_floor(evidence: list[list[dict]], similarity: list[list[float]], floor: float) -> list[list[dict]]:
    """The evidence with "dissimilar" measured against this floor of the cosine."""
    from chatbot.search.scorer import dissimilarity

    return [[dict(e, dissimilar=dissimilarity(d, floor)) for e, d in zip(es, ds)] for es, ds in zip(evidence, similarity)]


def decline_rates(per_set: dict, bias: float, weights: dict, cut: float) -> dict[str, tuple[float, float]]:
    """Per set: false declines and unanswerable declined (nan when the set has none of that kind)."""
    return {name: _rates(*_answerability(evidence, answerable, bias, weights), cut)
            for name, (evidence, _, answerable) in per_set.items()}


def choose_floor(evidence_data: dict, similarity: dict, features: tuple[str, ...] = ()) -> float:
    """The cosine below which a best match counts as dissimilar: of FLOORS, the one whose fitted
    answerability and decline point cost least (decline_cost), among those under which no
    set declines more of its answerable questions than with no floor at all. A floor is the one level of
    a cosine weighed, so it must not cost any corpus its answers."""
    results = {}
    for floor in FLOORS:
        data = {n: (with_floor(ev, similarity[n], floor), labels, answerable)
                for n, (ev, labels, answerable) in evidence_data.items()}
        bias, weights = fit_logistic(data, "answerable", features)
        cut = choose_threshold(data, bias, weights)
        rates = decline_rates(data, bias, weights, cut)
        results[floor] = (decline_cost(rates.values()), rates)
    baseline = results[FLOORS[0]][1]
    allowed = [f for f, (_, rates) in results.items()
               if all(rates[n][0] <= baseline[n][0] + 1e-9 for n in rates)]
    print("\nFloor of the cosine ('dissimilar' below it): cost; false declines / unanswerable declined per set")
    for floor, (cost, rates) in results.items():
        print(f"  {floor:.2f} {cost:.4f} " + " ".join(f"{n} {fd:.3f}/{nd:.3f}" for n, (fd, nd) in rates.items())
              + ("" if floor in allowed else "  (a set declines more answerable questions)"))
    return min(allowed, key=lambda f: (results[f][0], f))


def choose_unrelated(evidence_data: dict, bias: float, weights: dict, cut: float) -> tuple[float, float]:
    """The bounds of Scorer.unrelated: of the pairs tried, the one that declines the most unanswerable questions that
    the answerability answers, among those that decline no answerable question it answers, in any set (of pairs
    declining as many, the narrowest). (1, 0), declining nothing, when no pair declines any."""
    best, most = (1.0, 0.0), 0
    print("\nUnrelated (unknown share at least, cosine below): unanswerable questions declined; answerable ones lost")
    for share in UNRELATED_UNKNOWN:
        for below in UNRELATED_BELOW:
            caught, lost = 0, []
            for name, (evidence, _, answerable) in evidence_data.items():
                for es, asked in zip(evidence, answerable):
                    if not es or es[0]["unknown"] == 1.0 or _predict(bias, weights, es[0]) < cut:
                        continue  # declined already
                    if es[0]["unknown"] >= share and es[0]["similarity"] < below:
                        if asked:
                            lost.append(name)
                        else:
                            caught += 1
            if caught:
                counted = Counter(lost)
                print(f"  {share:.2f} {below:.2f}: {caught}; {', '.join(f'{n} {k}' for n, k in counted.items()) or 'none'}")
            if not lost and caught > most:
                best, most = (share, below), caught
    return best


def _predict(bias: float, weights: dict, evidence: dict) -> float:
    z = bias + sum(weights[f] * evidence[f] for f in weights)
    return 1 / (1 + np.exp(-np.clip(z, -30, 30)))


def model_note(model: str) -> str:
    """The model as the stored weights name it: a folder inside the checkout by its path from the
    checkout's root, so that no machine's own paths end up in the repository."""
    adapted = ", adapted to each set with 50 FAQ entries or more (adaptation.py)"
    if not model:
        return "bundled all-MiniLM-L6-v2" + adapted
    path = Path(model).resolve()
    return (str(path.relative_to(quality.ROOT)) if path.is_relative_to(quality.ROOT) else model) + adapted


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sets", default=",".join(quality.SETS), help="comma-separated, as benchmarks/quality.py "
                        "takes them (NAME=FOLDER for a folder laid out as realdocs-dev)")
    parser.add_argument("--shared", type=Path, default=quality.SHARED)
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "chatbot-quality")
    parser.add_argument("--write", action="store_true", help="store the weights fitted on all sets")
    parser.add_argument("--model", default="", help="fit on this model's scores (a sentence-transformers folder "
                        "or name; default: the bundled all-MiniLM-L6-v2); --write stores the weights where "
                        "Chatbot.load finds them for that model")
    parser.add_argument("--keep-ranking", action="store_true",
                        help="keep the stored ranking weights; fit only the confidence and the decline point")
    parser.add_argument("--keep-floor", action="store_true",
                        help="keep the stored floor of the cosine ('dissimilar' below it): it belongs to the "
                             "model's scale of cosines, not to the evidence weighed beside it")
    parser.add_argument("--hold", default="", help="comma-separated sets (of --sets; 'docsets' for all documentation "
                        "sets) whose ranking Hit@1 the fitted ranking may not lower below the stored weights'")
    parser.add_argument("--free", default="", help="comma-separated ranking features whose weights alone are fitted "
                        "(the others kept as stored), as new evidence joins the ranking")
    parser.add_argument("--ranking-only", action="store_true",
                        help="fit and store only the ranking weights; keep the stored confidence and decline point")
    parser.add_argument("--unrelated-only", action="store_true",
                        help="choose and store only the bounds of questions declined as unrelated (Scorer.unrelated); "
                             "keep the other weights, the floor and the decline point")
    parser.add_argument("--adapted", action="store_true",
                        help="fit the weights for the model once tuned to a corpus, on the sets whose model was "
                             "tuned (their FAQ has 50 entries or more), weighing the best match's cosine too")
    args = parser.parse_args(argv)

    from chatbot import Chatbot, Settings
    from chatbot.search.scorer import ADAPTED_FEATURES, CONFIDENCE_FEATURES, RANKING_FEATURES, Logistic, Scorer, params_file

    current = Scorer.for_model(args.model, adapted=args.adapted)
    features = ADAPTED_FEATURES if args.adapted else CONFIDENCE_FEATURES
    sets = {s.name: s for s in (quality.load_set(n, args.shared, args.work) for n in quality.set_names(args.sets))
            if s}

    def load(s, scorer):
        settings = Settings(corpus=s.corpus, index_dir=quality.index_dir(args.work, s.name, args.model), top_k=60,
                            model=args.model, model_cache=str(args.work / "models"))
        return Chatbot.load(settings=settings, scorer=scorer)

    if args.adapted:
        sets = {n: s for n, s in sets.items() if load(s, current).index.adapted_model is not None}
        print(f"Sets whose model was tuned: {', '.join(sets) or 'none'}", file=sys.stderr)
        if len(sets) < 2:
            parser.error("--adapted needs two sets or more whose model was tuned (a FAQ of 50 entries or more)")

    def bots(scorer):
        for name, s in sets.items():
            yield name, s, load(s, scorer)

    def collect_evidence(scorer):
        """Per set: the confidence evidence, its labels and which questions are answerable; and the best cosines."""
        evidence_data, similarity = {}, {}
        for name, s, bot in bots(scorer):
            print(f"[{name}] collecting evidence ...", file=sys.stderr, flush=True)
            _, evidence, labels, similarity[name] = collect(bot, s)
            evidence_data[name] = (evidence, labels, [c.answerable for c in s.cases])
        return evidence_data, similarity

    old = np.array([current.ranking[f] for f in RANKING_FEATURES])
    if args.unrelated_only:
        evidence_data, similarity = collect_evidence(current)
        evidence_data = {n: (with_floor(ev, similarity[n], current.dissimilar_below), labels, answerable)
                         for n, (ev, labels, answerable) in evidence_data.items()}
        bounds = choose_unrelated(evidence_data, current.answerable.bias, current.answerable.weights,
                                  current.decline_below)
        print(f"  chosen: unknown share at least {bounds[0]:.2f}, cosine below {bounds[1]:.2f}")
        if args.write:
            scorer = replace(current, unrelated=bounds,
                             notes={**current.notes, "unrelated": f"chosen on {', '.join(sets)}"})
            scorer.save(params_file(args.model, args.adapted))
            print(f"\nWrote the bounds to {params_file(args.model, args.adapted)}")
        return 0

    # 1. ranking
    ranking_data = {}
    for name, s, bot in bots(current):
        print(f"[{name}] collecting candidates ...", file=sys.stderr, flush=True)
        ranking_data[name] = collect(bot, s)[0]
    held = {name: ranking_hit_at_1(ranking_data[name], old) for name in quality.set_names(args.hold)
            if name in ranking_data}
    free = [RANKING_FEATURES.index(name) for name in args.free.split(",") if name] or None
    weights = old if args.keep_ranking else fit_ranking(ranking_data, old, held, free)
    print("\nRanking Hit@1 (argmax of the score; before tie-breaks): current | fitted on all | left out")
    for name in ranking_data:
        others = {n: q for n, q in ranking_data.items() if n != name}
        held_out = fit_ranking(others, old, held, free) if others else weights
        print(f"  {name:<11} {ranking_hit_at_1(ranking_data[name], old):.3f} | "
              f"{ranking_hit_at_1(ranking_data[name], weights):.3f} | "
              f"{ranking_hit_at_1(ranking_data[name], held_out):.3f}")
    print("  weights:", {f: round(float(w), 4) for f, w in zip(RANKING_FEATURES, weights)})

    if args.ranking_only:
        if args.write:
            scorer = replace(current, ranking={f: round(float(w), 4) for f, w in zip(RANKING_FEATURES, weights)},
                             notes={**current.notes, "ranking": ranking_note(args.free, list(sets), list(held))})
            scorer.save(params_file(args.model, args.adapted))
            print(f"\nWrote the ranking weights to {params_file(args.model, args.adapted)}")
        return 0

    # 2. confidence and answerability, on candidates ranked by the fitted weights
    ranked = Scorer(ranking={f: float(w) for f, w in zip(RANKING_FEATURES, weights)}, correct=current.correct,
                    answerable=current.answerable)
    evidence_data, similarity = collect_evidence(ranked)
    floor = current.dissimilar_below if args.keep_floor else choose_floor(evidence_data, similarity, features)
    evidence_data = {n: (with_floor(ev, similarity[n], floor), labels, answerable)
                     for n, (ev, labels, answerable) in evidence_data.items()}
    fitted = {which: fit_logistic(evidence_data, which, features) for which in ("correct", "answerable")}
    threshold = choose_threshold(evidence_data, *fitted["answerable"])
    unrelated = choose_unrelated(evidence_data, *fitted["answerable"], threshold)
    print(f"\nDissimilar below a cosine of {floor:.2f}; decline below answerability {threshold:.2f}. Left out (fitted "
          "on the other sets, decline point included): mean confidence vs share of answers right; false declines; "
          "unanswerable declined")
    for name, (evidence, labels, answerable) in evidence_data.items():
        others = {n: d for n, d in evidence_data.items() if n != name} or evidence_data
        cb, cw = fit_logistic(others, "correct", features)
        ab, aw = fit_logistic(others, "answerable", features)
        cut = choose_threshold(others, ab, aw)
        tops = [(es[0], ls[0]) for es, ls in zip(evidence, labels) if es]
        conf = np.array([_predict(cb, cw, e) for e, _ in tops])
        right = np.array([bool(l) for _, l in tops])
        fd, nd = _rates(*_answerability(evidence, answerable, ab, aw), cut)
        print(f"  {name:<11} confidence {conf.mean():.3f} vs right {right.mean():.3f}; "
              f"false declines {fd:.3f}; unanswerable declined {nd:.3f}")
    print("  correct:", fitted["correct"])
    print("  answerable:", fitted["answerable"])

    if args.write:
        scorer = Scorer(ranking={f: round(float(w), 4) for f, w in zip(RANKING_FEATURES, weights)},
                        correct=Logistic(*fitted["correct"]), answerable=Logistic(*fitted["answerable"]),
                        decline_below=round(threshold, 3), dissimilar_below=floor, unrelated=unrelated,
                        fitted_on=tuple(sets),
                        notes={"how": "benchmarks/fit_scorer.py", "model": model_note(args.model),
                               "fitted_at": datetime.now(timezone.utc).strftime("%Y-%m-%d")})
        path = params_file(args.model, args.adapted)
        scorer.save(path)
        print(f"\nWrote {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
