"""FAQ files: question/answer pairs in CSV (`question,answer[,alternates]`) or JSON Lines."""

from __future__ import annotations

import csv
import io
import json

from ..errors import DocumentError
from ..passage import Passage

# Several alternate wordings in one CSV cell are separated by this character.
ALTERNATES_SEPARATOR = "|"


def _entry(question, answer, alternates, *, source: str, title: str, line: int) -> Passage:
    if not isinstance(question, str) or not question.strip():
        raise DocumentError(source, "the question is missing or empty", line)
    if not isinstance(answer, str) or not answer.strip():
        raise DocumentError(source, "the answer is missing or empty", line)
    if isinstance(alternates, str):
        alternates = [a for a in alternates.split(ALTERNATES_SEPARATOR)]
    if alternates is None:
        alternates = []
    if not isinstance(alternates, list) or not all(isinstance(a, str) for a in alternates):
        raise DocumentError(source, '"alternates" must be a list of strings', line)
    question = " ".join(question.split())
    return Passage(
        text=f"{question}\n{answer.strip()}",
        title=title,
        section="",
        source=source,
        kind="faq",
        question=question,
        alternates=tuple(" ".join(a.split()) for a in alternates if a.strip()),
        line=line,
    )


def parse_csv(text: str, *, source: str, title: str) -> tuple[list[Passage], list[DocumentError]]:
    """Rows that cannot be read are returned as problems; the other rows still load."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [h.strip().lower() for h in next(reader)]
    except StopIteration:
        return [], [DocumentError(source, "the file is empty")]
    except csv.Error as exc:
        return [], [DocumentError(source, f"not valid CSV ({exc})", 1)]
    if "question" not in header or "answer" not in header:
        return [], [DocumentError(source, 'the first row must name the columns "question" and "answer" '
                                          f"(optionally \"alternates\"), found {header!r}", 1)]
    col = {name: header.index(name) for name in ("question", "answer", "alternates") if name in header}
    passages, problems = [], []
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(DocumentError(source, f"not valid CSV ({exc}); row skipped", line))
            break
        if not any(cell.strip() for cell in row):
            continue
        if len(row) < len(header) or len(row) > len(header):
            problems.append(DocumentError(
                source, f"expected {len(header)} columns, found {len(row)}; row skipped", line))
            continue
        try:
            passages.append(_entry(row[col["question"]], row[col["answer"]],
                                   row[col["alternates"]] if "alternates" in col else None,
                                   source=source, title=title, line=line))
        except DocumentError as exc:
            problems.append(DocumentError(source, exc.reason + "; row skipped", line))
    return passages, problems


def parse_jsonl(text: str, *, source: str, title: str) -> tuple[list[Passage], list[DocumentError]]:
    passages, problems = [], []
    for line_no, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as exc:
            problems.append(DocumentError(source, f"not valid JSON ({exc.msg}); line skipped", line_no))
            continue
        if not isinstance(record, dict):
            problems.append(DocumentError(source, "each line must be a JSON object; line skipped", line_no))
            continue
        try:
            passages.append(_entry(record.get("question"), record.get("answer"), record.get("alternates"),
                                   source=source, title=title, line=line_no))
        except DocumentError as exc:
            problems.append(DocumentError(source, exc.reason + "; line skipped", line_no))
    return passages, problems
