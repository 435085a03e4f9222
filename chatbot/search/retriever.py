"""Retriever: ranks passages for one query by weighing semantic and keyword evidence.

Semantic evidence is the cosine similarity between the query and the *views* of a passage: its FAQ
question or alternates, the whole passage (for a FAQ entry, question and answer together), and each of
its sentences (the answer is often one sentence inside a long passage). Keyword evidence is BM25 over
the passage with its title and heading, scaled to the best keyword match of this query. Coverage is the
share of the query's terms, weighted by how rare they are in the corpus, that the passage contains; "number"
whether the passage's own heading holds a number the query asks by (1) or only other numbers (-1).
How these weigh is learned (search/scorer.py), not set by hand.
"""

from __future__ import annotations

import bisect
import itertools
import math
import re
from collections import Counter
from dataclasses import dataclass, field, replace

import numpy as np

from ..text import numbers_and_codes, without_dates, words
from .analyzer import Analyzer
from .index import VIEW_PASSAGE, VIEW_QUESTION, VIEW_SENTENCE, Index, views_of
from .scorer import RANKING_FEATURES, Scorer

# Two rows with one label are the same row of the same measure when their tables embed this close
# (the same row of two tables that measure different things stays below 0.7).
REPEAT_SIMILARITY = 0.8
# Two passages of one kind and question that share this share of their words are copies of one.
SAME_WORDS = 0.95
POOL_SIZE = 40
DENSE_CANDIDATES = 100
KEYWORD_CANDIDATES = 10
# A code held by more headings than this names what the documents are about ("m4" in m4's manual), not an entry.
MAX_CODE_HEADINGS = 3
# A passage under a heading that the question is word for word ranks first, ahead of the next by this (the
# margin of a clear lead): the question names its section, as a click on a heading that the bot offered does.
NAMED_LEAD = 0.03
# A query stem the corpus lacks is taken as another form of a corpus stem when one begins the other and
# they share at least this many letters ("financi", financial, is "financ", finance); shorter shared
# beginnings join unrelated words ("organ" and "organiz").
SHARED_STEM = 6
# A shorter query stem the corpus lacks is its stem with one of these endings ("pay" is "payment"): of the
# derivational suffixes the Snowball stemmer removes only from long words (its step 4, R2 region), those that
# make a verb into its action, doer or possibility. Its others change a short word's meaning more often than
# not ("norm" and "normal", "organ" and "organic", "port" and "portal").
DERIVED_ENDINGS = ("ment", "ement", "ance", "ence", "er", "ion", "able", "ible")
_NONE = np.empty(0, dtype=np.int64)  # the passages of a term that no file's path holds


def _holds(sorted_docs: np.ndarray, passage: int) -> bool:
    """Whether a passage is among `sorted_docs` (a binary search)."""
    pos = np.searchsorted(sorted_docs, passage)
    return bool(pos < len(sorted_docs) and sorted_docs[pos] == passage)


@dataclass(frozen=True)
class Candidate:
    passage: int  # position in Index.passages
    score: float  # ranking score
    features: dict[str, float]  # the evidence the score weighs (RANKING_FEATURES)
    missing: tuple[str, ...]  # query terms the passage lacks
    best_view: int  # position of the best-matching sentence (else question, else whole) in views_of(passage)
    row_match: float | None = None  # for a table row with a label: how fully the question names it

    @property
    def dense(self) -> float:
        """The best semantic match over the passage's views."""
        f = self.features
        return max(f["question"], f["whole"], f["sentence"])

    @property
    def coverage(self) -> float:
        return self.features["coverage"]


@dataclass(frozen=True)
class Query:
    terms: list[str]  # stemmed terms the passage should cover (repeats weigh more in BM25)
    extra_terms: list[str] = field(default_factory=list)  # only for BM25 (e.g. "ml" next to "machine learning")
    focus_terms: list[str] = field(default_factory=list)  # a follow-up's own terms, which the answer must cover
    named: tuple[int, ...] = ()  # passages under a heading that the question is word for word (Retriever.headed)
    numbers: frozenset[str] = frozenset()  # numbers and codes the question asks by (conversation.asked_numbers)


class Retriever:
    def __init__(self, index: Index, scorer: Scorer | None = None):
        self.index = index
        self.scorer = scorer or Scorer.default()
        self.analyzer = Analyzer(index.vocabulary, index.names)
        self._first_view = np.searchsorted(index.view_passage, np.arange(len(index.passages) + 1))
        bm25 = index.bm25
        self._term_ids = bm25.vocab_dict
        self._sorted_terms = sorted(self._term_ids)
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
        self._heading_numbers_of: dict[int, tuple[set[str], set[str]]] = {}
        self._code_counts: Counter | None = None
        self._wordings: dict[int, frozenset[str]] = {}
        self._headings: dict[tuple[str, ...], tuple[int, ...]] | None = None
        self._place_terms: dict[str, np.ndarray] | None = None
        # Each table's rows: the terms of its label, and those of them that no other row has.
        self._tables: list[list[tuple[frozenset[str], frozenset[str]]]] | None = None
        # A flat FAISS index keeps its vectors in one array: read them in place, without a copy.
        vectors = index.vectors
        self._matrix = None
        if hasattr(vectors, "get_xb"):
            import faiss

            self._matrix = faiss.rev_swig_ptr(vectors.get_xb(), vectors.ntotal * vectors.d).reshape(
                vectors.ntotal, vectors.d)

    def contains(self, passage: int, term: str) -> bool:
        return _holds(self._passages_with(term), passage)

    def corpus_form(self, term: str) -> str:
        """The term as the corpus writes it: itself when known, else a known stem of the same word in
        another form (the longest known stem it begins with, else the shortest known stem that begins
        with it), else itself."""
        if term in self._term_ids or not term.isalpha():
            return term
        if len(term) < SHARED_STEM:
            derived = [term + ending for ending in DERIVED_ENDINGS if term + ending in self._term_ids]
            return min(derived, key=len, default=term) if len(term) >= 3 else term
        for end in range(len(term) - 1, SHARED_STEM - 1, -1):
            if term[:end] in self._term_ids:
                return term[:end]
        terms = self._sorted_terms
        following = (terms[i] for i in range(bisect.bisect_left(terms, term), len(terms)))
        return min(itertools.takewhile(lambda t: t.startswith(term), following), key=len, default=term)

    def share_with(self, terms: list[str]) -> float:
        """The share of passages that hold all of the terms, written or named by their file's path (0 for no
        terms): see names."""
        if not terms:
            return 0.0
        held = self._named_by(terms[0])
        for term in terms[1:]:
            held = np.intersect1d(held, self._named_by(term), assume_unique=True)
        return len(held) / max(len(self.index.passages), 1)

    def names(self, passage: int, terms: list[str]) -> bool:
        """Whether a passage holds all of the terms of a name, written or named by its file's path: a page in
        kinto/docs/ is about Kinto though it does not write the name ("Counting"), as its title would say."""
        return all(self.contains(passage, t) or _holds(self._placed().get(t, _NONE), passage) for t in terms)

    def _named_by(self, term: str) -> np.ndarray:
        return np.union1d(self._passages_with(term), self._placed().get(term, _NONE))

    def _placed(self) -> dict[str, np.ndarray]:
        """For each term of the files' paths (folders and name, "kinto docs api pagination"), the passages in
        those files, sorted."""
        if self._place_terms is None:
            by_term: dict[str, list[int]] = {}
            path_terms: dict[str, set[str]] = {}  # a file's many passages share its path's terms
            for i, p in enumerate(self.index.passages):
                if p.source not in path_terms:
                    path_terms[p.source] = set(self.analyzer.terms(re.sub(r"[/_.-]+", " ", p.source.rsplit(".", 1)[0])))
                for term in path_terms[p.source]:
                    by_term.setdefault(term, []).append(i)
            self._place_terms = {t: np.array(ids, dtype=np.int64) for t, ids in by_term.items()}
        return self._place_terms

    def known(self, term: str) -> bool:
        """Whether any passage uses the term."""
        return term in self._term_ids

    def idf(self, term: str) -> float:
        tid = self._term_ids.get(term)
        return float(self._idf[tid]) if tid is not None else self._unknown_idf

    def unknown_share(self, terms: list[str]) -> float:
        """The rarity-weighted share of query terms that no passage uses: a question about something
        else altogether is mostly made of them."""
        unique = list(dict.fromkeys(terms))
        if not unique:
            return 0.0
        idf = np.array([self.idf(t) for t in unique])
        unknown = np.array([t not in self._term_ids for t in unique])
        return float(idf @ unknown / idf.sum())

    def headed(self, text: str) -> tuple[int, ...]:
        """The passages under a heading that the text is, word for word ("rbenv which", "Installation"): the text
        names their section, as a click on a heading that the bot offered does."""
        if self._headings is None:
            headings: dict[tuple[str, ...], list[int]] = {}
            for i, p in enumerate(self.index.passages):
                if p.section:
                    headings.setdefault(tuple(words(p.section)), []).append(i)
            self._headings = {heading: tuple(ids) for heading, ids in headings.items() if heading}
        return self._headings.get(tuple(words(text)), ())

    def rival_terms(self, named: set[str], before: set[str]) -> set[str]:
        """The terms of the rows that `before` picks out beside the rows that `named` picks out, in each table with
        both: "data scientist" names the Data Scientist row of the salaries by job title, and "ML engineers" the
        Machine Learning Engineer row. A follow-up that names one row ("what about data scientists?") asks about
        it instead of the rival that the previous question named ("How much do ML engineers make?"). A row is
        picked out by the terms of its label that no other row of its table has, all of them."""
        if self._tables is None:
            tables: dict[tuple[str, str, str], list[frozenset[str]]] = {}
            for i, p in enumerate(self.index.passages):
                if p.kind == "table" and (label := self._row_label(i)):
                    tables.setdefault((p.source, p.section, p.text.rsplit("\n", 1)[0]), []).append(frozenset(label))
            self._tables = []
            for labels in tables.values():
                rows_with = Counter(t for label in labels for t in label)
                if len(set(labels)) > 1:
                    self._tables.append([(label, frozenset(t for t in label if rows_with[t] == 1)) for label in labels])
        rivals: set[str] = set()
        for rows in self._tables:
            used = named & frozenset().union(*(label for label, _ in rows))
            chosen = frozenset().union(*(label for label, _ in rows if used <= label)) if used else frozenset()
            if not chosen or all(used <= label for label, _ in rows):  # terms every row has name no row
                continue
            for label, own in rows:
                if not used <= label and own and own <= before:
                    rivals |= label - chosen
        return rivals - named

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
        pool.update(dict.fromkeys(query.named))
        pool = list(pool)

        unique_terms = list(dict.fromkeys(query.terms))
        asked = set(unique_terms)
        pool_array = np.array(pool, dtype=np.int64)
        # present[i, j]: passage pool[j] contains term unique_terms[i]
        present = np.array([self._among(pool_array, self._passages_with(t)) for t in unique_terms]).reshape(
            len(unique_terms), len(pool))
        idf = np.array([self.idf(t) for t in unique_terms])
        coverage = idf @ present / idf.sum() if unique_terms else np.zeros(len(pool))
        is_focus = np.array([t in query.focus_terms for t in unique_terms], dtype=bool)
        focus = (idf * is_focus) @ present / (idf * is_focus).sum() if is_focus.any() else np.zeros(len(pool))
        question, whole, sentence, best_view = self._similarities(pool_array, vector)
        rows = np.array([self._row_overlap(p, asked) for p in pool], dtype=object)
        row = np.array([r or 0.0 for r in rows], dtype=np.float64)
        # A number the question asks by that is the passage's own heading ("aria2c exit code 3" and the entry headed
        # "3", whose text, "If a resource was not found.", shares nothing with the question; "error 302"), and a
        # heading that holds only other numbers: the entries for other exit codes, whose texts may say "curl" where
        # the one asked about does not.
        numbers = frozenset(n for n in query.numbers if n.isdigit() or self._code_headings()[n] <= MAX_CODE_HEADINGS)
        number = np.array([self._number_agreement(p, numbers) for p in pool])
        columns = {"question": question, "whole": whole, "sentence": sentence, "keyword": keyword[pool_array],
                   "coverage": coverage, "row": row, "focus": focus, "number": number}
        matrix = np.column_stack([columns[name] for name in RANKING_FEATURES]).astype(np.float64)
        scores = self.scorer.rank(matrix)
        out = []
        for j, p in enumerate(pool):
            missing = tuple(t for i, t in enumerate(unique_terms) if not present[i, j])
            out.append(Candidate(p, float(scores[j]), dict(zip(RANKING_FEATURES, map(float, matrix[j]))), missing,
                                 int(best_view[j]), rows[j]))
        out.sort(key=lambda c: c.score, reverse=True)
        if query.named:
            # The section opens with its first passage, as a reader of the document finds it under the heading
            # ("tell me more" goes on from there); of sections of one name, the one whose passage ranks best.
            named, passages = set(query.named), self.index.passages
            best = passages[next(c.passage for c in out if c.passage in named)]
            opening = min(i for i in named if (passages[i].source, passages[i].section) == (best.source, best.section))
            first = next(c for c in out if c.passage == opening)
            others = [c for c in out if c is not first]
            lead = max(first.score, others[0].score + NAMED_LEAD) if others else first.score
            out = [replace(first, score=lead), *others]
        return self._demote_repeats(out, k)

    @staticmethod
    def _among(passages: np.ndarray, sorted_docs: np.ndarray) -> np.ndarray:
        """Which of `passages` are in `sorted_docs` (a binary search: the pool is small, the lists long)."""
        if not len(sorted_docs):
            return np.zeros(len(passages), dtype=bool)
        pos = np.minimum(np.searchsorted(sorted_docs, passages), len(sorted_docs) - 1)
        return sorted_docs[pos] == passages

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

    def _code_headings(self) -> Counter:
        """How many headings hold each code ("v7": one, "uuid.v7(...)"; "m4": most of m4's manual)."""
        if self._code_counts is None:
            headings = {p.section.rsplit(" › ", 1)[-1] for p in self.index.passages}
            self._code_counts = Counter(code for heading in headings for code in numbers_and_codes(heading)
                                        if not code.isdigit())
        return self._code_counts

    def _number_agreement(self, p: int, numbers: frozenset[str]) -> float:
        """1 when the passage's own heading holds a number or code of `numbers`, -1 when both hold numbers and none
        is the same, else 0. A heading's code ("v4", "mp3") need not name what it is about, nor its date ("unbound
        1.15.0-5 (28 Apr 2022)", a release's) say which entry it is: neither counts against it."""
        if not numbers:
            return 0.0
        headed = self._heading_numbers_of.get(p)
        if headed is None:
            heading = self.index.passages[p].section.rsplit(" › ", 1)[-1]
            undated = {n for n in numbers_and_codes(without_dates(heading)) if n.isdigit()}
            headed = self._heading_numbers_of[p] = (numbers_and_codes(heading), undated)
        named, counted = headed
        if numbers & named:
            return 1.0
        return -1.0 if counted and any(n.isdigit() for n in numbers) else 0.0

    def _row_overlap(self, p: int, asked: set[str]) -> float | None:
        """For a table row: the rarity-weighted share of its label's terms that the question uses
        (None when the passage is no table row, or its label is only numbers)."""
        label = self._row_label(p)
        if not label:
            return None
        return sum(self.idf(t) for t in label if t in asked) / sum(self.idf(t) for t in label)

    def _demote_repeats(self, ranked: list[Candidate], k: int) -> list[Candidate]:
        """The best k candidates, where one that repeats a better-ranked one goes after the rest: it is no
        second answer. A repeat is the same words (a page and its source in one folder, as a built site keeps
        them, or one document saved twice), or a table row of a table that measures the same thing (as when
        two articles carry one table). Vectors are read only for rows whose labels match."""
        kept, repeats = [], []
        for c in ranked:
            if len(kept) == k:
                break
            label = self._row_label(c.passage)
            if any(self._same_words(o.passage, c.passage) for o in kept) or (
                    label and any(self._row_label(o.passage) == label and self._similarity(c.passage, o.passage)
                                  >= REPEAT_SIMILARITY for o in kept)):
                repeats.append(c)
            else:
                kept.append(c)
        return (kept + repeats)[:k]

    def _same_words(self, a: int, b: int) -> bool:
        """Whether two passages are copies of one: of one kind and question, nearly all their words shared
        (a document and its PDF differ in a word joined over a line break, or a list's order)."""
        first, second = self.index.passages[a], self.index.passages[b]
        if (first.kind, first.question) != (second.kind, second.question):
            return False
        x, y = self._wording(a), self._wording(b)
        # Sets of sizes further apart than that share too few words: no set operation is needed to tell.
        return x == y or (min(len(x), len(y)) >= SAME_WORDS * max(len(x), len(y))
                          and len(x & y) >= SAME_WORDS * len(x | y))

    def _wording(self, p: int) -> frozenset[str]:
        """A passage's words, lower-cased."""
        wording = self._wordings.get(p)
        if wording is None:
            wording = self._wordings[p] = frozenset(w.lower() for w in words(self.index.passages[p].text))
        return wording

    def _similarity(self, a: int, b: int) -> float:
        """Cosine of two passages' first views (the whole row, for a table row)."""
        first, second = self._view_vectors(self._first_view[[a, b]])
        return float(first @ second)

    def _similarities(self, pool: np.ndarray, vector: np.ndarray):
        """Per passage: the best match of its FAQ questions, of the whole passage, of its sentences (each
        falls back to the whole passage, or for a FAQ entry to its question, when the passage has no such
        view), and which view to show as the answering sentence. Views of one passage are contiguous, so
        this works segment by segment."""
        starts, ends = self._first_view[pool], self._first_view[pool + 1]
        lengths = ends - starts
        offsets = np.concatenate([[0], np.cumsum(lengths)[:-1]])
        rows = np.repeat(starts - offsets, lengths) + np.arange(int(lengths.sum()))
        sims = self._view_vectors(rows) @ vector
        kinds = self.index.view_kind[rows]

        def best(kind: int) -> np.ndarray:
            return np.maximum.reduceat(np.where(kinds == kind, sims, -np.inf), offsets)

        question, whole, sentence = best(VIEW_QUESTION), best(VIEW_PASSAGE), best(VIEW_SENTENCE)
        whole = np.where(np.isfinite(whole), whole, question)
        question = np.where(np.isfinite(question), question, whole)
        sentence = np.where(np.isfinite(sentence), sentence, whole)
        # The view to show: the best sentence when there is one, else the best view of any kind.
        segment = np.repeat(np.arange(len(pool)), lengths)
        has_sentence = np.add.reduceat((kinds == VIEW_SENTENCE).astype(np.int32), offsets) > 0
        eligible = (kinds == VIEW_SENTENCE) | ~has_sentence[segment]
        masked = np.where(eligible, sims, -np.inf)
        target = np.maximum.reduceat(masked, offsets)[segment]
        chosen = np.where(eligible & (masked == target), np.arange(len(sims)), len(sims))
        best_view = np.minimum.reduceat(chosen, offsets) - offsets
        return question, whole, sentence, best_view

    def _view_vectors(self, rows: np.ndarray) -> np.ndarray:
        if self._matrix is not None:
            return self._matrix[rows]
        return np.vstack([self.index.vectors.reconstruct(int(r)) for r in rows])

    def best_sentence(self, c: Candidate) -> str:
        """The sentence of the passage that matched the query best ("" if the whole passage did)."""
        return views_of(self.index.passages[c.passage])[c.best_view][2]
