"""Evaluation: runs a JSON Lines question set through a Chatbot and scores it by the dev-set rule.

The rule (shared/eval/README.md): a passage hits an expected phrase when the normalised phrase is a
substring of the normalised passage, or when the phrase's tokens occur in order within a window of
(number of phrase tokens + 8) passage tokens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from .errors import DocumentError

_QUOTES = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "\u00a0": " ", "•": " "})
_TOKEN = re.compile(r"[\w$£%]+(?:[,.'\-][\w$£%]+)*")


def normalize(text: str) -> str:
    text = unicodedata.normalize("NFKC", text).lower().translate(_QUOTES)
    return " ".join(text.split())


def _tokens(text: str) -> list[str]:
    return _TOKEN.findall(text)


def hits(passage: str, phrase: str) -> bool:
    passage, phrase = normalize(passage), normalize(phrase)
    if phrase in passage:
        return True
    want, have = _tokens(phrase), _tokens(passage)
    if not want:
        return False
    window = len(want) + 8
    for start, token in enumerate(have):
        if token != want[0]:
            continue
        pos, end = 1, min(len(have), start + window)
        for t in have[start + 1:end]:
            if pos < len(want) and t == want[pos]:
                pos += 1
        if pos == len(want):
            return True
    return False


# A false decline costs more than an out-of-scope question answered: an unsure answer is shown as one, with
# the next leads, while a decline leaves the person with nothing (benchmarks/fit_scorer.py weighs the same).
FALSE_DECLINE_COST = 2.0


@dataclass(frozen=True)
class CaseResult:
    id: str
    kind: str
    question: str
    found: bool
    confidence: float
    hit_at_1: bool
    hit_at_3: bool
    top: str
    answerable: float = 0.0  # the bot's estimate that the documents answer it: below the decline point, declined
    top_right: bool = False  # the first passage is right, declined or not


@dataclass(frozen=True)
class DeclineRates:
    threshold: float
    false_declines: float  # of the answerable questions
    out_of_scope_declined: float
    hit_at_1: float


@dataclass(frozen=True)
class DeclinePoint:
    """The decline point that serves a question set best, against the one in use."""
    current: DeclineRates
    best: DeclineRates  # the point that serves these questions best (`current` when none serves them better)
    holds: bool  # chosen on some of the questions, `best` also serves the others better than `current`
    answerable: int  # how many questions of each kind it was chosen on
    out_of_scope: int

    @property
    def suggested(self) -> float:
        """The point to use: `best` when it holds on questions it was not chosen on, else the current one."""
        return self.best.threshold if self.holds else self.current.threshold


CASE_FORMAT = 'one JSON object per line: {"question": "...", "expect": ["a phrase of the right answer"]}'


def load_cases(path: str | Path) -> list[dict]:
    """The question set of a JSON Lines file (the format of ../shared/eval/dev.jsonl)."""
    try:
        text = Path(path).read_text(encoding="utf-8-sig")  # Notepad starts a UTF-8 file with a BOM
    except FileNotFoundError:
        raise DocumentError(path, f"no such file. Give a question set: {CASE_FORMAT}.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(path, f"cannot be read ({exc}). Give a UTF-8 text file: {CASE_FORMAT}.") from exc
    cases = []
    for n, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            case = json.loads(line)
        except ValueError as exc:
            raise DocumentError(path, f"not JSON ({exc}). Write {CASE_FORMAT}.", n) from exc
        if not (isinstance(case, dict) and isinstance(case.get("question"), str)
                and isinstance(case.get("expect"), list) and isinstance(case.setdefault("history", []), list)):
            # Without "expect", a case had counted as a question the documents do not answer.
            raise DocumentError(path, f'a case needs a "question" (text) and "expect" (a list: [] for a question '
                                      f'the documents do not answer); "history" is a list. Write {CASE_FORMAT}.', n)
        if not case["question"].strip():
            raise DocumentError(path, "the question is empty", n)
        if not all(isinstance(e, str) and e.strip() for e in case["expect"]):
            # An empty phrase is in every passage: it counted as a hit.
            raise DocumentError(path, '"expect" holds phrases of the right answer, each some text', n)
        case.setdefault("kind", "fact" if case["expect"] else "out_of_scope")
        if not isinstance(case["kind"], str):
            raise DocumentError(path, '"kind" is a name (text), such as "fact" or "out_of_scope"', n)
        case.setdefault("id", f"line{n}")
        cases.append(case)
    if not cases:
        raise DocumentError(path, f"holds no questions. Write {CASE_FORMAT}.")
    return cases


def run_case(bot, case: dict) -> CaseResult:
    a = bot.answer(case["question"], history=case.get("history") or [])
    expect = case.get("expect") or []
    top = [p.text for p in a.passages[:3]]
    top_right = bool(top) and any(hits(top[0], e) for e in expect)
    hit3 = any(hits(t, e) for t in top for e in expect)
    return CaseResult(case["id"], case["kind"], case["question"], a.found, a.confidence, a.found and top_right, hit3,
                      top[0] if top else "", a.answerable, top_right)


def summarize(results: list[CaseResult]) -> dict:
    answerable = [r for r in results if r.kind != "out_of_scope"]
    out_of_scope = [r for r in results if r.kind == "out_of_scope"]
    by_kind: dict[str, list[CaseResult]] = defaultdict(list)
    for r in answerable:
        by_kind[r.kind].append(r)

    def rate(items, test) -> float | None:
        return round(sum(map(test, items)) / len(items), 4) if items else None

    return {
        "cases": len(results),
        "hit_at_1": rate(answerable, lambda r: r.hit_at_1),
        "hit_at_3": rate(answerable, lambda r: r.hit_at_3),
        "decline_rate_out_of_scope": rate(out_of_scope, lambda r: not r.found),
        "false_decline_rate": rate(answerable, lambda r: not r.found),
        "hit_at_1_by_kind": {k: rate(v, lambda r: r.hit_at_1) for k, v in sorted(by_kind.items())},
    }


def evaluate(bot, cases: list[dict]) -> tuple[dict, list[CaseResult]]:
    results = [run_case(bot, c) for c in cases]
    return summarize(results), results


def rates_at(results: list[CaseResult], threshold: float) -> DeclineRates:
    """What a decline point would do to these questions: a question is declined when its answerability is
    below it."""
    answerable = [r for r in results if r.kind != "out_of_scope"]
    out_of_scope = [r for r in results if r.kind == "out_of_scope"]
    return DeclineRates(threshold,
                        sum(r.answerable < threshold for r in answerable) / max(len(answerable), 1),
                        sum(r.answerable < threshold for r in out_of_scope) / max(len(out_of_scope), 1),
                        sum(r.top_right and r.answerable >= threshold for r in answerable) / max(len(answerable), 1))


def decline_point(results: list[CaseResult], current: float) -> DeclinePoint | None:
    """The decline point that costs these questions least (FALSE_DECLINE_COST for each answerable one declined,
    1 for each out-of-scope one answered, each kind averaged), next to `current`, the one in use. None unless the
    set holds questions of both kinds.

    The fitted point is set for the quality suite's corpora. On a FAQ of a few entries, each on its own
    subject, a question on the FAQ's topic that none answers looks as answerable as one that an entry does
    (README, "A small FAQ"), and the bot's answerability orders the two kinds well but high: a point chosen on
    questions of each kind, written by the people who keep the FAQ, is where to cut them apart. Chosen on a few
    questions, a point can fit them and no others, so it is only suggested (`holds`) when choosing it holds on
    questions it was not chosen on: chosen again with a tenth of the questions left out (one, for ten or
    fewer), on those it must cost less than `current` does."""
    kinds = np.array([r.kind != "out_of_scope" for r in results])
    values = np.array([r.answerable for r in results])
    if kinds.all() or not kinds.any():
        return None
    folds = np.arange(len(results)) % min(len(results), 10)
    held_out = np.zeros(len(results), dtype=bool)  # each question misjudged by the point chosen without it
    for fold in range(folds.max() + 1):
        point = _cheapest(values[folds != fold], kinds[folds != fold], current)
        test = folds == fold
        held_out[test] = _misjudged(values[test], kinds[test], point)
    best = _cheapest(values, kinds, current)
    holds = bool(best != current and _cost(held_out, kinds) < _cost(_misjudged(values, kinds, current), kinds))
    return DeclinePoint(rates_at(results, current), rates_at(results, best), holds, int(kinds.sum()),
                        int((~kinds).sum()))


def _cheapest(values: np.ndarray, answerable: np.ndarray, current: float) -> float:
    """The point that misjudges these questions at least cost (of equally good ones, the nearest `current`):
    `current`, or half-way between two neighbouring answerabilities, rounded so that it can be written down as
    printed."""
    levels = np.unique(np.concatenate([[0.0, 1.0], values]))
    points = np.unique(np.append(np.round((levels[:-1] + levels[1:]) / 2, 4), current))
    kept, dropped = np.sort(values[answerable]), np.sort(values[~answerable])
    # For each point: the share of answerable questions below it (declined) and of the others at or above it.
    false_declines = np.searchsorted(kept, points, side="left") / max(len(kept), 1)
    answered = 1.0 - np.searchsorted(dropped, points, side="left") / max(len(dropped), 1)
    cost = np.round(FALSE_DECLINE_COST * false_declines + answered, 9)
    best = np.flatnonzero(cost == cost.min())
    return float(points[best[np.argmin(np.abs(points[best] - current))]])


def _misjudged(values: np.ndarray, answerable: np.ndarray, point: float) -> np.ndarray:
    """Whether a point declines each answerable question, or answers each other one."""
    return np.where(answerable, values < point, values >= point)


def _cost(misjudged: np.ndarray, answerable: np.ndarray) -> float:
    """FALSE_DECLINE_COST times the share of answerable questions misjudged, plus the share of the others."""
    return float(FALSE_DECLINE_COST * misjudged[answerable].mean() + misjudged[~answerable].mean())
