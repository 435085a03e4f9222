"""Retriever: ranks passages for one query by weighing semantic and keyword evidence.

Semantic evidence is the best cosine similarity between the query and any *view* of a passage: the
whole passage, its FAQ question or alternates, or one of its sentences (the answer is often one
sentence inside a long passage). Keyword evidence is BM25 over the passage with its title and
heading, scaled to the best keyword match of this query. Coverage is the share of the query's
terms, weighted by how rare they are in the corpus, that the passage contains.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from .analyzer import Analyzer
from .embedder import Embedder
from .index import Index, views_of

# Weight of keyword evidence next to cosine similarity (which lives in about [0.1, 0.9]).
KEYWORD_WEIGHT = 0.15
# Weight of term coverage in the ranking score.
COVERAGE_WEIGHT = 0.1
DENSE_CANDIDATES = 200
KEYWORD_CANDIDATES = 10


@dataclass(frozen=True)
class Candidate:
    passage: int  # position in Index.passages
    score: float  # ranking score
    dense: float  # best cosine similarity over the passage's views
    keyword: float  # BM25 relative to this query's best, in [0, 1]
    coverage: float  # rarity-weighted share of query terms found in the passage, in [0, 1]
    missing: tuple[str, ...]  # query terms the passage lacks
    best_view: int  # position of the best-matching view in views_of(passage)


@dataclass(frozen=True)
class Query:
    text: str  # what is embedded
    terms: list[str]  # stemmed terms for keyword matching (repeats weigh more)


class Retriever:
    def __init__(self, index: Index, embedder: Embedder):
        self.index = index
        self.embedder = embedder
        self.analyzer = Analyzer(index.vocabulary)
        self._first_view = np.searchsorted(index.view_passage, np.arange(len(index.passages) + 1))
        bm25 = index.bm25
        self._term_ids = bm25.vocab_dict
        indptr = np.asarray(bm25.scores["indptr"])
        self._indices = np.asarray(bm25.scores["indices"])
        self._indptr = indptr
        n = max(len(index.passages), 1)
        df = np.diff(indptr)
        self._idf = np.log1p((n - df + 0.5) / (df + 0.5))
        self._unknown_idf = math.log1p((n + 0.5) / 0.5)

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.embedder.encode(texts)

    def contains(self, passage: int, term: str) -> bool:
        tid = self._term_ids.get(term)
        if tid is None:
            return False
        docs = self._indices[self._indptr[tid]:self._indptr[tid + 1]]
        pos = np.searchsorted(docs, passage)
        return bool(pos < len(docs) and docs[pos] == passage)

    def idf(self, term: str) -> float:
        tid = self._term_ids.get(term)
        return float(self._idf[tid]) if tid is not None else self._unknown_idf

    def in_corpus(self, term: str) -> bool:
        return term in self._term_ids

    def search(self, query: Query, vector: np.ndarray, k: int = 10) -> list[Candidate]:
        index = self.index
        limit = min(DENSE_CANDIDATES, index.vectors.ntotal)
        sims, ids = index.vectors.search(vector.reshape(1, -1), limit)
        best: dict[int, tuple[float, int]] = {}
        for sim, view in zip(sims[0], ids[0]):
            if view < 0:
                continue
            p = int(index.view_passage[view])
            if p not in best:  # results come best first
                best[p] = (float(sim), int(view - self._first_view[p]))

        known = [t for t in query.terms if t in self._term_ids]
        keyword = np.zeros(len(index.passages), dtype=np.float32)
        if known:
            keyword = np.asarray(index.bm25.get_scores(known), dtype=np.float32)
            top = float(keyword.max())
            keyword = keyword / top if top > 0 else keyword
            for p in np.argsort(-keyword)[:KEYWORD_CANDIDATES]:
                p = int(p)
                if keyword[p] > 0 and p not in best:
                    best[p] = self._dense_of(p, vector)

        unique_terms = list(dict.fromkeys(query.terms))
        weights = {t: self.idf(t) for t in unique_terms}
        total = sum(weights.values()) or 1.0
        out = []
        for p, (dense, view) in best.items():
            missing = tuple(t for t in unique_terms if not self.contains(p, t))
            coverage = 1.0 - sum(weights[t] for t in missing) / total if unique_terms else 0.0
            score = dense + KEYWORD_WEIGHT * float(keyword[p]) + COVERAGE_WEIGHT * coverage
            out.append(Candidate(p, score, dense, float(keyword[p]), coverage, missing, view))
        out.sort(key=lambda c: c.score, reverse=True)
        return out[:k]

    def _dense_of(self, p: int, vector: np.ndarray) -> tuple[float, int]:
        start, end = int(self._first_view[p]), int(self._first_view[p + 1])
        matrix = self.index.vectors.reconstruct_n(start, end - start)
        sims = matrix @ vector
        return float(sims.max()), int(sims.argmax())

    def view_text(self, c: Candidate) -> tuple[int, str]:
        return views_of(self.index.passages[c.passage])[c.best_view]
