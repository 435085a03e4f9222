"""Admin: what the admin page does, apart from the page. Who may use it, the unanswered questions
grouped by meaning, teaching the bot a question (another wording of an FAQ entry, or a new entry), and
adding or deleting documents. Every change rebuilds the index incrementally and swaps the bot."""

from __future__ import annotations

import hmac
import shutil
import secrets
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from ..chatbot import BuildReport
from ..errors import AdminError
from ..reading.corpus import Corpus
from ..reading.learned import LearnedFaq
from ..reading.upload import delete_document, save_upload
from ..search.index import VIEW_QUESTION
from .feedback import FeedbackStore
from .live import LiveBot

# Questions whose vectors, with what the corpus's passages share taken off, are closer than this cosine distance
# (average linkage) form one group. On StackFAQ's paraphrases and COVID-Q's classes (benchmarks/grouping.py)
# 0.45 gives the best adjusted Rand index of 0.35-0.55, summed over both (0.896 and 0.345); on the distinct
# questions of the shipped articles (dev), homogeneity 0.949 (0.723 without taking the shared part off).
GROUP_DISTANCE = 0.45
# The newest this many open questions are grouped.
GROUP_LIMIT = 500
CLOSEST_ENTRIES = 3
VECTOR_CACHE = 4 * GROUP_LIMIT


@dataclass(frozen=True)
class QuestionGroup:
    questions: tuple[str, ...]  # distinct wordings, newest first
    count: int  # how often they were asked
    last_asked: str  # ISO time of the newest
    closest: tuple[str, ...]  # questions of the FAQ entries nearest in meaning, nearest first


def group_vectors(vectors: np.ndarray, distance: float = GROUP_DISTANCE,
                  shared: np.ndarray | None = None) -> list[int]:
    """A group label for each unit vector: agglomerative clustering on cosine distance. `shared`, what all
    the corpus's passages share (their mean vector), is taken off first: on documents all about one thing
    every question is near every other, and "What does an ML engineer do?" had been grouped with "How much do
    ML engineers earn in Berlin?"."""
    if len(vectors) < 2:
        return [0] * len(vectors)
    if shared is not None:
        vectors = vectors - shared
        vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    from sklearn.cluster import AgglomerativeClustering

    clustering = AgglomerativeClustering(n_clusters=None, distance_threshold=distance, metric="cosine",
                                         linkage="average")
    return [int(label) for label in clustering.fit_predict(vectors)]


class Admin:
    def __init__(self, live: LiveBot, store: FeedbackStore, *, login_required: bool = False):
        self.live = live
        self.store = store
        self.login_required = login_required
        self._cache: dict[str, np.ndarray] = {}

    @property
    def settings(self):
        return self.live.current.settings

    @property
    def enabled(self) -> bool:
        return self.login_required or bool(self.settings.admin_token)

    def authorize(self, token: str | None, username: str | None) -> None:
        """Raises AdminError unless the caller logged in (with --auth) or gives the admin token."""
        if self.login_required and username:
            return
        expected = self.settings.admin_token
        if not self.enabled:
            raise AdminError("The admin page is off. Start the server with --auth USER:PASSWORD, or set "
                             "CHATBOT_ADMIN_TOKEN, to use it.")
        if not expected or not isinstance(token, str) or \
                not hmac.compare_digest(token.encode("utf-8", "replace"), expected.encode("utf-8")):
            raise AdminError("Wrong or missing admin token. Type the value of CHATBOT_ADMIN_TOKEN.")

    # ---- unanswered questions -------------------------------------------------------------------

    def groups(self, limit: int = GROUP_LIMIT) -> list[QuestionGroup]:
        """Open questions that were declined, answered unsure or disliked, grouped by meaning, the newest
        group first."""
        rows = self.store.unanswered(limit)
        if not rows:
            return []
        by_text: dict[str, list[dict]] = {}
        for row in rows:  # newest first
            by_text.setdefault(" ".join(row["question"].split()).lower(), []).append(row)
        texts = [asked[0]["question"] for asked in by_text.values()]
        vectors = self._vectors(texts)
        labels = group_vectors(vectors, shared=self.live.current.index.passage_mean)
        groups = []
        for label in dict.fromkeys(labels):
            members = [i for i, l in enumerate(labels) if l == label]
            centroid = vectors[members].mean(axis=0)
            centroid /= np.linalg.norm(centroid) or 1.0
            asked = [row for i in members for row in list(by_text.values())[i]]
            groups.append(QuestionGroup(
                questions=tuple(texts[i] for i in members), count=len(asked),
                last_asked=max(row["asked_at"] for row in asked), closest=tuple(self.closest_entries(centroid))))
        return sorted(groups, key=lambda g: g.last_asked, reverse=True)

    def _vectors(self, texts: list[str]) -> np.ndarray:
        """Vectors of questions; each text is embedded once while the page is in use."""
        embedder = self.live.current.embedder
        new = [t for t in dict.fromkeys(texts) if t not in self._cache]
        if new:
            if len(self._cache) + len(new) > VECTOR_CACHE:
                self._cache.clear()
            self._cache.update(zip(new, embedder.encode(new)))
        return np.stack([self._cache[t] for t in texts])

    def closest_entries(self, vector: np.ndarray, count: int = CLOSEST_ENTRIES) -> list[str]:
        """Questions of the FAQ entries whose question (or a wording of it) is nearest to `vector`."""
        index = self.live.current.index
        found: list[str] = []
        k = min(index.vectors.ntotal, 50 * count)
        _, views = index.vectors.search(np.asarray(vector, dtype=np.float32)[None, :], k)
        for view in views[0]:
            if view < 0 or index.view_kind[view] != VIEW_QUESTION:
                continue
            question = index.passages[int(index.view_passage[view])].question
            if question and question not in found:
                found.append(question)
                if len(found) == count:
                    break
        return found

    def faq_entries(self) -> list[str]:
        """The questions of every FAQ entry, in corpus order."""
        return list(dict.fromkeys(p.question for p in self.live.current.index.passages if p.question))

    # ---- teaching -------------------------------------------------------------------------------

    def add_alternate(self, question: str, entry_question: str) -> BuildReport:
        """Make `question` another wording of the FAQ entry asked by `entry_question`."""
        entry = next((p for p in self.live.current.index.passages if p.question == entry_question), None)
        if entry is None:
            raise AdminError(f"There is no FAQ entry {entry_question!r}. Pick one from the list.")
        learned = LearnedFaq(self.settings.corpus)
        stored, report = self.live.change(lambda: learned.add_alternate(question, entry))
        self.store.resolve_questions(stored)
        return report

    def add_entry(self, question: str, answer: str) -> BuildReport:
        """A new FAQ entry with this question and answer."""
        learned = LearnedFaq(self.settings.corpus)
        stored, report = self.live.change(lambda: learned.add_entry(question, answer))
        self.store.resolve_questions(stored)
        return report

    # ---- documents ------------------------------------------------------------------------------

    def documents(self) -> list[str]:
        corpus = Corpus.open(self.settings.corpus)
        return [corpus.name(p) for p in corpus.files]

    def upload(self, name: str, data: bytes) -> tuple[str, int, BuildReport]:
        """Add a document; returns its stored name, its passage count and the build report."""
        settings = self.settings

        def edit():
            return save_upload(settings.corpus, name, data, max_bytes=settings.max_upload_bytes,
                               max_chars=settings.max_passage_chars)

        (path, loaded), report = self.live.change(edit, undo=lambda saved: saved[0].unlink(missing_ok=True))
        return path.name, len(loaded.passages), report

    def delete(self, name: str) -> BuildReport:
        """Delete a document of the corpus (kept aside until the rebuild succeeds)."""
        root = Path(self.settings.corpus)

        def edit():
            aside = root / f".deleted-{secrets.token_hex(4)}"
            aside.mkdir()
            try:
                return delete_document(root, name, keep_in=aside), aside
            except AdminError:
                aside.rmdir()
                raise

        def undo(done):
            path, aside = done
            shutil.move(str(aside / path.name), path)
            shutil.rmtree(aside, ignore_errors=True)

        (path, aside), report = self.live.change(edit, undo)
        shutil.rmtree(aside, ignore_errors=True)
        return report

