"""Retriever: ranks passages for one query by weighing semantic and keyword evidence.

Semantic evidence is the best cosine similarity between the query and any *view* of a passage: the
whole passage, its FAQ question or alternates, or one of its sentences (the answer is often one
sentence inside a long passage). Keyword evidence is BM25 over the passage with its title and
heading, scaled to the best keyword match of this query. Coverage is the share of the query's
terms, weighted by how rare they are in the corpus, that the passage contains.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

import numpy as np

from .analyzer import Analyzer
from .index import VIEW_PASSAGE, VIEW_QUESTION, Index, views_of

# Weight of keyword evidence next to cosine similarity (which lives in about [0.1, 0.9]). Keyword
# evidence and term coverage measure much the same thing, so the two together stay small.
KEYWORD_WEIGHT = 0.05
# Weight of term coverage in the ranking score.
COVERAGE_WEIGHT = 0.05
# Weight of how fully the question names a table row's label ("data scientist" picks the Data Scientist row).
ROW_WEIGHT = 0.1
# Weight of how fully a passage covers a follow-up's own words ("and healthcare?").
FOCUS_WEIGHT = 0.2
# For a FAQ entry: the weight of the best answer match next to the best question match.
ANSWER_WEIGHT = 0.3
# For other passages: the weight of the best sentence match next to the match of the whole passage.
SENTENCE_WEIGHT = 1.0
# Two rows with one label are the same row of the same measure when their tables embed this close
# (the same row of two tables that measure different things stays below 0.7).
REPEAT_SIMILARITY = 0.8
POOL_SIZE = 40
DENSE_CANDIDATES = 100
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
    row_match: float | None = None  # for a table row with a label: how fully the question names it


@dataclass(frozen=True)
class Query:
    terms: list[str]  # stemmed terms the passage should cover (repeats weigh more in BM25)
    extra_terms: list[str] = field(default_factory=list)  # only for BM25 (e.g. "ml" next to "machine learning")
    focus_terms: list[str] = field(default_factory=list)  # a follow-up's own terms, which the answer must cover


class Retriever:
    def __init__(self, index: Index):
        self.index = index
        self.analyzer = Analyzer(index.vocabulary)
        self._first_view = np.searchsorted(index.view_passage, np.arange(len(index.passages) + 1))
        bm25 = index.bm25
        self._term_ids = bm25.vocab_dict
        # Which passages hold each term: the columns of BM25's term matrix, sorted for binary search.
        import scipy.sparse

        scores = bm25.scores
        matrix = scipy.sparse.csc_matrix((scores["data"], scores["indices"], scores["indptr"]),
                                         shape=(scores["num_docs"], len(scores["indptr"]) - 1))
        matrix.sort_indices()
        indptr = matrix.indptr
        self._indices = matrix.indices
        self._indptr = indptr
        n = max(len(index.passages), 1)
        df = np.diff(indptr)
        self._idf = np.log1p((n - df + 0.5) / (df + 0.5))
        self._unknown_idf = math.log1p((n + 0.5) / 0.5)
        self._row_labels: dict[int, tuple[str, ...]] = {}
        # A flat FAISS index keeps its vectors in one array: read them in place, without a copy.
        vectors = index.vectors
        self._matrix = None
        if hasattr(vectors, "get_xb"):
            import faiss

            self._matrix = faiss.rev_swig_ptr(vectors.get_xb(), vectors.ntotal * vectors.d).reshape(
                vectors.ntotal, vectors.d)

    def contains(self, passage: int, term: str) -> bool:
        docs = self._passages_with(term)
        pos = np.searchsorted(docs, passage)
        return bool(pos < len(docs) and docs[pos] == passage)

    def idf(self, term: str) -> float:
        tid = self._term_ids.get(term)
        return float(self._idf[tid]) if tid is not None else self._unknown_idf

    def search(self, query: Query, vector: np.ndarray, k: int = 10) -> list[Candidate]:
        index = self.index
        limit = min(DENSE_CANDIDATES, index.vectors.ntotal)
        _, ids = index.vectors.search(vector.reshape(1, -1), limit)
        # The passages of the best views, then the best keyword matches: keyword candidates are added
        # after the cut so that a wide dense pool cannot crowd them out.
        pool = dict.fromkeys(list(dict.fromkeys(int(index.view_passage[v]) for v in ids[0] if v >= 0))[:POOL_SIZE])
        known = [t for t in query.terms + query.extra_terms if t in self._term_ids]
        keyword = np.zeros(len(index.passages), dtype=np.float32)
        if known:
            keyword = np.asarray(index.bm25.get_scores(known), dtype=np.float32)
            top = float(keyword.max())
            keyword = keyword / top if top > 0 else keyword
            for p in np.argsort(-keyword)[:KEYWORD_CANDIDATES]:
                if keyword[p] > 0:
                    pool.setdefault(int(p))
        pool = list(pool)

        unique_terms = list(dict.fromkeys(query.terms))
        asked = set(unique_terms)
        pool_array = np.array(pool, dtype=np.int64)
        # present[i, j]: passage pool[j] contains term unique_terms[i]
        present = np.array([np.isin(pool_array, self._passages_with(t)) for t in unique_terms]).reshape(
            len(unique_terms), len(pool))
        idf = np.array([self.idf(t) for t in unique_terms])
        coverage = idf @ present / idf.sum() if unique_terms else np.zeros(len(pool))
        is_focus = np.array([t in query.focus_terms for t in unique_terms], dtype=bool)
        focus = (idf * is_focus) @ present / (idf * is_focus).sum() if is_focus.any() else np.zeros(len(pool))
        dense, best_view = self._dense_of(pool_array, vector)
        out = []
        for j, p in enumerate(pool):
            row_match = self._row_overlap(p, asked)
            score = (float(dense[j]) + KEYWORD_WEIGHT * float(keyword[p]) + COVERAGE_WEIGHT * float(coverage[j])
                     + ROW_WEIGHT * (row_match or 0.0) + FOCUS_WEIGHT * float(focus[j]))
            missing = tuple(t for i, t in enumerate(unique_terms) if not present[i, j])
            out.append(Candidate(p, score, float(dense[j]), float(keyword[p]), float(coverage[j]), missing,
                                 int(best_view[j]), row_match))
        out.sort(key=lambda c: c.score, reverse=True)
        return self._demote_repeats(out, k)

    def _passages_with(self, term: str) -> np.ndarray:
        tid = self._term_ids.get(term)
        if tid is None:
            return np.empty(0, dtype=self._indices.dtype)
        return self._indices[self._indptr[tid]:self._indptr[tid + 1]]

    def _row_label(self, p: int) -> tuple[str, ...]:
        """The terms that name a table row ("Data Scientist"); empty for other passages and for rows
        named only by numbers."""
        label = self._row_labels.get(p)
        if label is None:
            passage = self.index.passages[p]
            row = passage.text.rsplit("\n", 1)[-1] if passage.kind == "table" else ""
            label = self._row_labels[p] = tuple(t for t in self.analyzer.terms(row) if not any(ch.isdigit() for ch in t))
        return label

    def _row_overlap(self, p: int, asked: set[str]) -> float | None:
        """For a table row: the rarity-weighted share of its label's terms that the question uses
        (None when the passage is no table row, or its label is only numbers)."""
        label = self._row_label(p)
        if not label:
            return None
        return sum(self.idf(t) for t in label if t in asked) / sum(self.idf(t) for t in label)

    def _demote_repeats(self, ranked: list[Candidate], k: int) -> list[Candidate]:
        """The best k candidates, where a table row that repeats a better-ranked one (the same row of a
        table that measures the same thing, as when two articles carry one table) goes after the rest:
        it is no second answer. Vectors are read only for rows whose labels match."""
        kept, repeats = [], []
        for c in ranked:
            if len(kept) == k:
                break
            label = self._row_label(c.passage)
            if label and any(self._row_label(o.passage) == label and self._similarity(c.passage, o.passage)
                             >= REPEAT_SIMILARITY for o in kept):
                repeats.append(c)
            else:
                kept.append(c)
        return (kept + repeats)[:k]

    def _similarity(self, a: int, b: int) -> float:
        """Cosine of two passages' first views (the whole row, for a table row)."""
        first, second = self._view_vectors(self._first_view[[a, b]])
        return float(first @ second)

    def _dense_of(self, pool: np.ndarray, vector: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Semantic match of each passage, and which of its views matched best.

        For a FAQ entry the match with its question (or an alternate) and the match with its answer
        are added up, as two pieces of evidence; for other passages the whole passage and its best
        sentence are. Views of one passage are contiguous, so this works segment by segment.
        """
        starts, ends = self._first_view[pool], self._first_view[pool + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        sims = self._view_vectors(rows) @ vector
        kinds = self.index.view_kind[rows]
        segment = np.repeat(np.arange(len(pool)), lengths)
        has_question = np.add.reduceat((kinds == VIEW_QUESTION).astype(np.int32), offsets) > 0
        is_primary = kinds == np.where(has_question, VIEW_QUESTION, VIEW_PASSAGE)[segment]
        primary = np.maximum.reduceat(np.where(is_primary, sims, -np.inf), offsets)
        rest = np.maximum.reduceat(np.where(is_primary, -np.inf, sims), offsets)
        has_rest = np.isfinite(rest)
        weight = np.where(has_question, ANSWER_WEIGHT, SENTENCE_WEIGHT)
        dense = np.where(has_rest, (primary + weight * rest) / (1 + weight), primary)
        # The best view: the best non-primary one (a sentence or the answer) when there is one.
        target = np.where(has_rest, rest, primary)[segment]
        position = np.arange(len(sims))
        chosen = np.where((sims == target) & (is_primary != has_rest[segment]), position, len(sims))
        best_view = np.minimum.reduceat(chosen, offsets) - offsets
        return dense, best_view

    def _view_vectors(self, rows: np.ndarray) -> np.ndarray:
        if self._matrix is not None:
            return self._matrix[rows]
        return np.vstack([self.index.vectors.reconstruct(int(r)) for r in rows])

    def best_sentence(self, c: Candidate) -> str:
        """The sentence of the passage that matched the query best ("" if the whole passage did)."""
        return views_of(self.index.passages[c.passage])[c.best_view][2]
