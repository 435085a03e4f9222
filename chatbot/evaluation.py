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


CASE_FORMAT = 'one JSON object per line: {"question": "...", "expect": ["a phrase of the right answer"]}'


def load_cases(path: str | Path) -> list[dict]:
    """The question set of a JSON Lines file (the format of ../shared/eval/dev.jsonl)."""
    try:
        text = Path(path).read_text(encoding="utf-8")
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
                and isinstance(case.setdefault("expect", []), list) and isinstance(case.setdefault("history", []), list)):
            raise DocumentError(path, f'a case needs a "question" (text), and "expect" and "history" are lists. '
                                      f"Write {CASE_FORMAT}.", n)
        case.setdefault("kind", "fact" if case["expect"] else "out_of_scope")
        case.setdefault("id", f"line{n}")
        cases.append(case)
    if not cases:
        raise DocumentError(path, f"holds no questions. Write {CASE_FORMAT}.")
    return cases


def run_case(bot, case: dict) -> CaseResult:
    a = bot.answer(case["question"], history=case.get("history") or [])
    expect = case.get("expect") or []
    top = [p.text for p in a.passages[:3]]
    hit1 = a.found and bool(top) and any(hits(top[0], e) for e in expect)
    hit3 = any(hits(t, e) for t in top for e in expect)
    return CaseResult(case["id"], case["kind"], case["question"], a.found, a.confidence, hit1, hit3,
                      top[0] if top else "")


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
