"""Passage: a piece of a document that answers something on its own."""

from __future__ import annotations

from dataclasses import asdict, dataclass, replace

KINDS = ("faq", "table", "text")


@dataclass(frozen=True)
class Passage:
    text: str  # shown to people; for a FAQ entry its question and answer, for a table row its header and row
    title: str  # document title
    section: str  # heading the passage sits under ("" if none)
    source: str  # file name, relative to the corpus folder
    kind: str  # "faq" | "table" | "text"
    score: float = 0.0  # ranking score for one question (0 in the index)
    question: str = ""  # FAQ question
    alternates: tuple[str, ...] = ()  # other wordings of the FAQ question
    line: int = 0  # first line in the source file (1-based; 0 when not known)

    @property
    def answer(self) -> str:
        """A FAQ entry's answer: its text after the question (every reader writes question, newline, answer)."""
        return self.text[len(self.question):].strip()

    def with_score(self, score: float) -> "Passage":
        return replace(self, score=score)

    def to_dict(self) -> dict:
        data = asdict(self)
        data["alternates"] = list(self.alternates)
        return data

    @classmethod
    def from_dict(cls, data: dict) -> "Passage":
        return cls(**{**data, "alternates": tuple(data.get("alternates", ()))})
