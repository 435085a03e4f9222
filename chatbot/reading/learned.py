"""Learned FAQ: questions people asked, added on the admin page as another wording of an existing FAQ
entry or as a new entry. They are kept in a JSON Lines FAQ file of the corpus (`_learned.jsonl`, or
`file` under `[learned]` in corpus.toml), one record per line, appended and never rewritten.

A record whose question is that of an FAQ entry elsewhere in the corpus lends the entry its
alternates (see fold_learned); it stands as an entry of its own only when that entry is gone.
"""

from __future__ import annotations

import json
import os
import tomllib
from dataclasses import replace
from pathlib import Path

from ..errors import AdminError, CorpusError
from ..passage import Passage
from ..text import clean

LEARNED_FILE = "_learned.jsonl"
CONFIG_FILE = "corpus.toml"
MAX_QUESTION_CHARS = 500
MAX_ANSWER_CHARS = 5000


def learned_name(root: str | Path) -> str:
    """The learned file's name relative to the corpus folder."""
    config = Path(root) / CONFIG_FILE
    if not config.exists():
        return LEARNED_FILE
    try:
        name = tomllib.loads(config.read_text(encoding="utf-8")).get("learned", {}).get("file", LEARNED_FILE)
    except (tomllib.TOMLDecodeError, UnicodeDecodeError, AttributeError):
        return LEARNED_FILE  # corpus.py reports a broken corpus.toml
    path = Path(name) if isinstance(name, str) else Path("..")
    if path.is_absolute() or ".." in path.parts or path.suffix != ".jsonl" or \
            any(part.startswith(".") for part in path.parts):
        raise CorpusError(f'{config}: [learned] file must be a .jsonl path inside the corpus folder, like '
                          f'"{LEARNED_FILE}", got {name!r}.')
    return path.as_posix()


def answer_of(entry: Passage) -> str:
    return entry.text[len(entry.question):].strip() if entry.question else entry.text


class LearnedFaq:
    def __init__(self, root: str | Path):
        self.root = Path(root)
        self.path = self.root / learned_name(self.root)

    def add_alternate(self, question: str, entry: Passage) -> str:
        """Record `question` as another wording of the FAQ entry `entry`; returns the question as stored."""
        if not entry.question:
            raise AdminError("Only an FAQ entry (a passage with a question) can take another wording. Create "
                             "a new FAQ entry instead.")
        question = _checked(question, "question", MAX_QUESTION_CHARS)
        if question.lower() in {q.lower() for q in (entry.question, *entry.alternates)}:
            raise AdminError(f"{question!r} is already a wording of that FAQ entry.")
        self._append({"question": entry.question, "answer": answer_of(entry), "alternates": [question]})
        return question

    def add_entry(self, question: str, answer: str) -> str:
        question = _checked(question, "question", MAX_QUESTION_CHARS)
        self._append({"question": question, "answer": _checked(answer, "answer", MAX_ANSWER_CHARS, lines=True)})
        return question

    def _append(self, record: dict) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        line = json.dumps(record, ensure_ascii=False) + "\n"
        with open(self.path, "a+b") as f:
            f.seek(0, os.SEEK_END)
            if f.tell():  # a file edited by hand may lack its last newline
                f.seek(-1, os.SEEK_END)
                if f.read(1) != b"\n":
                    line = "\n" + line
            f.write(line.encode("utf-8"))
            f.flush()
            os.fsync(f.fileno())


def _checked(text, what: str, limit: int, *, lines: bool = False) -> str:
    if not isinstance(text, str):
        raise AdminError(f"The {what} must be text.")
    text = clean(text).strip() if lines else " ".join(clean(text).split())
    if not text:
        raise AdminError(f"The {what} is empty. Type the {what} first.")
    if len(text) > limit:
        raise AdminError(f"The {what} is {len(text)} characters long; keep it under {limit}.")
    return text


def _key(question: str) -> str:
    return " ".join(question.split()).lower()


def fold_learned(passages: list[Passage], source: str) -> list[Passage]:
    """Give the alternates of learned records to the FAQ entries they name, and drop those records.
    Records of the same question that names no other entry become one entry."""
    owners = {_key(p.question) for p in passages if p.question and p.source != source}
    extra: dict[str, list[str]] = {}
    kept: list[Passage] = []
    learned_entries: set[str] = set()
    for p in passages:
        if p.source == source and p.question:
            key = _key(p.question)
            if key in owners or key in learned_entries:
                extra.setdefault(key, []).extend(p.alternates)
                continue
            learned_entries.add(key)
        kept.append(p)
    if not extra:
        return kept
    out = []
    for p in kept:
        more = extra.get(_key(p.question)) if p.question else None
        if more:
            known = {_key(q) for q in (p.question, *p.alternates)}
            added = [a for a in dict.fromkeys(more) if _key(a) not in known]
            p = replace(p, alternates=(*p.alternates, *added))
        out.append(p)
    return out
