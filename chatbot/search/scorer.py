"""Scorer: the learned weights that rank passages and say how sure the bot is.

Three small linear models over a few features, fitted together on several question sets at once
(benchmarks/fit_scorer.py; the README says how), and stored as plain JSON beside this module:

- ranking: a weighted sum of the semantic and keyword evidence of a passage (RANKING_FEATURES);
- correct: the probability that a passage answers the question (a logistic model, calibrated, over
  CONFIDENCE_FEATURES): this is the confidence people see;
- answerable: the probability that the documents answer the question at all, from the best passage's
  features: below the threshold the bot declines.

A model tuned to the corpus (search/adaptation.py) has its own weights, fitted on the sets whose
model was tuned: they also weigh the best match's cosine, which after tuning says what it does not
say for a model as shipped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field, replace
from pathlib import Path

import numpy as np

from .embedder import model_slug

RANKING_FEATURES = ("question", "whole", "sentence", "keyword", "coverage", "row", "focus", "number")
# Evidence that joined the ranking after weights were first stored (a file of weights fitted for your own model
# before it weighs it 0).
ADDED_RANKING_FEATURES = ("number",)
# Mostly relative evidence: how the best passage stands out and what of the question it lacks. The level
# of a cosine says little across corpora (a question on a corpus all about one topic scores 0.7 against
# passages that do not answer it; a paraphrase scores 0.4 against the one that does), and fitted with
# it the models carried over worse to the set left out. Only how far the best match falls below a floor
# of barely any similarity ("dissimilar", Scorer.dissimilar_below) is weighed.
CONFIDENCE_FEATURES = ("margin", "contrast", "coverage", "unknown", "rarest_unknown", "missing_rarest", "missing_name",
                       "name_only", "missing_number", "unnamed_row", "dissimilar")
# A model tuned on the corpus's own questions and answers has learnt how close a question of this corpus
# comes to its answer, so there the level of the best match's cosine ("similarity") is evidence too.
ADAPTED_FEATURES = CONFIDENCE_FEATURES + ("similarity",)
# The direction in which each piece of evidence may move the estimates (the fit keeps these signs).
EVIDENCE_SIGNS = {"margin": 1, "contrast": 1, "coverage": 1, "unknown": -1, "rarest_unknown": -1, "missing_rarest": -1,
                  "missing_name": -1, "name_only": -1, "missing_number": -1, "unnamed_row": -1, "dissimilar": -1,
                  "similarity": 1}
PARAMS_FILE = Path(__file__).with_name("scorer.json")  # fitted on the bundled model's scores


def dissimilarity(similarity: float, floor: float) -> float:
    """The "dissimilar" evidence: how far a best match's cosine falls below the floor of barely any
    similarity (0 above it)."""
    return max(0.0, floor - similarity)


def params_file(model: str = "", adapted: bool = False) -> Path:
    """Where the weights fitted on a model's scores are kept: scorer.json for the bundled model, else
    scorer-<the model's folder or hub name>.json beside it (each model's cosines have their own scale);
    those for the model once tuned to a corpus end in -adapted.json."""
    name = "scorer" + (f"-{model_slug(model)}" if model else "") + ("-adapted" if adapted else "")
    return PARAMS_FILE.with_name(f"{name}.json")


@dataclass(frozen=True)
class Logistic:
    bias: float
    weights: dict[str, float]

    def __call__(self, features: dict[str, float]) -> float:
        z = self.bias + sum(w * features[name] for name, w in self.weights.items())
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


@dataclass(frozen=True)
class Scorer:
    ranking: dict[str, float]
    correct: Logistic
    answerable: Logistic
    decline_below: float = 0.5  # the bot declines when the answerability is below this
    # A best match below this cosine is barely similar at all, as a question about pancakes is to every
    # passage on machine learning ("dissimilar" is how far below). A high cosine says little (see
    # CONFIDENCE_FEATURES); a very low one says the question is about something else. Fitted per model.
    dissimilar_below: float = 0.0
    # A question most of whose words no document uses (an unknown share of `unrelated[0]` or more) and whose best
    # match's cosine is under `unrelated[1]` is about something else ("How often should I change the oil in my
    # car?" beside a manual that says "modification time"): declined outright. The bounds that decline the most
    # out-of-scope questions and no answerable one of any set (benchmarks/fit_scorer.py); (1, 0) never declines.
    unrelated: tuple[float, float] = (1.0, 0.0)
    fitted_on: tuple[str, ...] = ()
    notes: dict = field(default_factory=dict)

    def rank(self, matrix: np.ndarray) -> np.ndarray:
        """Ranking scores of candidates, one row of RANKING_FEATURES each."""
        return matrix @ np.array([self.ranking[name] for name in RANKING_FEATURES])

    def to_dict(self) -> dict:
        return {"ranking": self.ranking,
                "correct": {"bias": self.correct.bias, "weights": self.correct.weights},
                "answerable": {"bias": self.answerable.bias, "weights": self.answerable.weights},
                "decline_below": self.decline_below, "dissimilar_below": self.dissimilar_below,
                "unrelated": {"unknown_at_least": self.unrelated[0], "similarity_below": self.unrelated[1]},
                "fitted_on": list(self.fitted_on), "notes": self.notes}

    @classmethod
    def from_dict(cls, params: dict) -> "Scorer":
        # Weights fitted before a piece of evidence joined the ranking did not weigh it.
        ranking = params["ranking"] | {f: 0.0 for f in ADDED_RANKING_FEATURES if f not in params["ranking"]}
        unrelated = params.get("unrelated", {})
        missing = set(RANKING_FEATURES) - ranking.keys()
        if missing:
            raise ValueError(f"scorer parameters lack ranking weights for {sorted(missing)}")
        return cls(ranking=ranking, correct=Logistic(**params["correct"]),
                   answerable=Logistic(**params["answerable"]), decline_below=float(params.get("decline_below", 0.5)),
                   dissimilar_below=float(params.get("dissimilar_below", 0.0)),
                   unrelated=(float(unrelated.get("unknown_at_least", 1.0)),
                              float(unrelated.get("similarity_below", 0.0))),
                   fitted_on=tuple(params.get("fitted_on", ())),
                   notes=params.get("notes", {}))

    @classmethod
    def load(cls, path: str | Path) -> "Scorer":
        return cls.from_dict(json.loads(Path(path).read_text(encoding="utf-8")))

    def unrelated_to(self, evidence: dict) -> bool:
        """Whether the best match's evidence says the question is about something else altogether (`unrelated`)."""
        return evidence["unknown"] >= self.unrelated[0] and evidence["similarity"] < self.unrelated[1]

    @classmethod
    def default(cls) -> "Scorer":
        return _default()

    @classmethod
    def for_model(cls, model: str = "", adapted: bool = False) -> "Scorer":
        """The weights fitted on this model's scores (once tuned to the corpus, when `adapted` and there are
        such weights) when there are any, else those of the bundled model without its bounds on the cosine (the
        floor of "dissimilar", the bound of `unrelated`): another model's cosines run on another scale, and a floor
        set for the bundled model could read all of them as dissimilar."""
        tuned = params_file(model, adapted=True)
        if adapted and tuned.exists():
            return _cached(tuned)
        if not model:
            return _default()
        path = params_file(model)
        return _cached(path) if path.exists() else replace(_default(), dissimilar_below=0.0, unrelated=(1.0, 0.0))

    def save(self, path: str | Path) -> None:
        Path(path).write_text(json.dumps(self.to_dict(), indent=2) + "\n", encoding="utf-8")


_LOADED: dict[Path, Scorer] = {}


def _default() -> Scorer:
    return _cached(PARAMS_FILE)


def _cached(path: Path) -> Scorer:
    """The scorer stored at `path`, read once per process."""
    if path not in _LOADED:
        _LOADED[path] = Scorer.load(path)
    return _LOADED[path]
