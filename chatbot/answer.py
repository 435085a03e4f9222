"""Answer: what the bot says about one question, and how sure it is."""

from __future__ import annotations

from dataclasses import dataclass, field

from .passage import Passage


@dataclass(frozen=True)
class Answer:
    question: str  # the question as answered (a follow-up is shown joined to its context)
    found: bool  # False when the bot declines: the documents most likely do not answer the question
    text: str  # the reply shown to a person (Markdown; document text is HTML-escaped)
    confidence: float  # in [0, 1]: the estimated probability that passages[0] answers the question
    passages: list[Passage] = field(default_factory=list)  # best first; the suggestions when declined
    sentence: str = ""  # the sentence of passages[0] that best answers the question
    notice: str = ""  # e.g. that an overlong question was shortened
    suggestions: list[str] = field(default_factory=list)  # questions to offer: the closest ones, or a near tie
    answerable: float = 0.0  # in [0, 1]: the estimated probability that the documents answer it at all
    # "greeting", "thanks", "goodbye", "identity" or "help" when the message was small talk, "unclear" when it
    # held no word of content with nothing before it ("what?"); "yes", "no" or
    # "more" for a reply to the bot's last message that asks nothing new, "rejected" for a "no" to an answer
    small_talk: str = ""

    def to_dict(self) -> dict:
        return {
            "question": self.question,
            "found": self.found,
            "text": self.text,
            "confidence": round(self.confidence, 4),
            "answerable": round(self.answerable, 4),
            "sentence": self.sentence,
            "notice": self.notice,
            "suggestions": self.suggestions,
            "small_talk": self.small_talk,
            "passages": [p.to_dict() for p in self.passages],
        }


def confidence_label(confidence: float) -> str:
    if confidence >= 0.85:
        return "very likely"
    if confidence >= 0.7:
        return "likely"
    if confidence >= 0.5:
        return "possibly"
    return "unlikely"
