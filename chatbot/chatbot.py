"""Chatbot: the engine behind answer(), the CLI and the web UI."""

from __future__ import annotations

import itertools
import re
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from .reading.outline import CELL_SEPARATOR, PARSER_VERSION
from .search.analyzer import ANALYZER_VERSION, STOPWORDS, VERSIONED
from .answer import Answer, confidence_label
from .search.batcher import EncodeBatcher
from .search.conversation import asked_numbers, asking_part, entities, points_back, resolve
from .reading.corpus import Corpus, FileReport
from .search.adaptation import (MIN_ENTRIES, RECIPE as ADAPTATION_RECIPE, adapt, answered_entries, reusable,
                                training_pairs, tuned_name)
from .search.embedder import BUNDLED_MODEL, Embedder, load_embedder
from .errors import DocumentError, QuestionError
from .search.index import FORMAT_VERSION, Index, package_version
from .passage import Passage
from .rendering import markdown_text, suggestion_line
from .search.retriever import Candidate, Query, Retriever
from .search.scorer import Scorer, dissimilarity
from .settings import Settings
from .smalltalk import choice_of, intent_of, popular_questions, reply, small_talk, without_small_talk
from .search.synonyms import Synonyms
from .text import clean, without_stack_frames, words

# "How much ...?" and "What percentage ...?" want a number; a passage without one answers something else.
QUANTITY_QUESTION = re.compile(r"\bhow (?:much|many|old|long|often)\b|\bwhat (?:percentage|percent|proportion|share|"
                               r"number|amount|salary|rate)\b|\bhow (?:big|large|high)\b", re.IGNORECASE)
# A declined question this much made of words no document uses is about something else altogether.
UNRELATED_UNKNOWN = 0.5
# An acronym in a question ("UK"); it names something when the synonyms spell it out as a proper name.
ACRONYM = re.compile(r"\b[A-Z]{2,5}\b")
# An answer whose confidence is below this is given as a lead, not as the answer: the bot says it is not
# sure and offers the next candidates too.
SURE = 0.5
# How many candidates get their evidence weighed (the margin compares each with the others; the scorer's
# fit learns from all of them).
WEIGHED = 3
# Where in a build the ONNX export of its tuned model is kept (not listed in the manifest: made on first use).
TUNED_EXPORT = "onnx"
# The ranks (from, to) of the candidates that stand for "passages on the topic" next to the best ones.
BACKGROUND = (5, 15)
# Two answers whose scores are this close are both offered ("Did you mean ...").
CLOSE_SCORE = 0.03
# How far under the floor of dissimilar matches (its share of the floor) a follow-up's best match may fall and
# still be read as near what the conversation found, when it is among its leads.
NEAR_FLOOR = 0.25
# How many earlier messages a "yes", "no" or "the second one" is read against (the REST API's history limit).
REPLIES_READ_BACK = 20


def is_stale(manifest: dict | None, corpus_hash: str, model: str, settings: Settings) -> bool:
    return (manifest is None
            or manifest.get("format") != FORMAT_VERSION
            or manifest.get("corpus_hash") != corpus_hash
            or manifest.get("model") != model
            or manifest.get("settings") != index_params(settings)
            or manifest.get("package_version") != package_version())


def index_params(settings: Settings) -> dict:
    """What decides the content of an index besides the corpus and the model (an index adapted by an older
    recipe, or not adapted by a version that adapted only the bundled model, is built anew)."""
    return {**settings.passage_params(), "parser": PARSER_VERSION, "analyzer": ANALYZER_VERSION,
            "adapt_model": settings.adapt_model, "adaptation": ADAPTATION_RECIPE}


@dataclass(frozen=True)
class Ranking:
    """The evidence behind one answer: the question as understood and the candidates, best first."""
    question: str  # the question as answered (a follow-up joined to its context)
    notice: str  # e.g. that an overlong question was shortened
    candidates: list[Candidate]
    evidence: list[dict[str, float]]  # the evidence (scorer.ADAPTED_FEATURES) of the first WEIGHED candidates
    names_heading: bool = False  # the question is a heading word for word: the first candidate is under it
    # The share of the question's words that no document uses, names and numbers that no document holds aside
    unknown_words: float = 0.0
    # A follow-up none of whose own words any document uses, nor whose meaning is near them ("and the flux
    # capacitor?", "blorp"): joined to the question before, it would be given that question's answer again.
    asks_unknown: bool = False


@dataclass(frozen=True)
class BuildReport:
    rebuilt: bool
    passages: int
    embedded: int
    problems: list[DocumentError]
    files: tuple[FileReport, ...] = ()  # what each file became, when the index was rebuilt


class Chatbot:
    def __init__(self, settings: Settings, index: Index, embedder: Embedder, synonyms: Synonyms,
                 report: BuildReport, scorer: Scorer | None = None, base_embedder: Embedder | None = None):
        self.settings = settings
        self.index = index
        self.embedder = embedder  # the model the index was embedded with: adapted to the corpus, or not
        self.base_embedder = base_embedder or embedder  # the model before adaptation, for the next build
        self.synonyms = synonyms
        self.report = report
        self.scorer = scorer or Scorer.default()
        self.retriever = Retriever(index, self.scorer)
        self.encoder = EncodeBatcher(embedder)
        self.question_log = None  # a FeedbackStore; when set, its most asked questions are offered

    @classmethod
    def load(cls, corpus: str | None = None, index_dir: str | None = None, *, model: str | None = None,
             settings: Settings | None = None, embedder: Embedder | None = None, rebuild: bool = False,
             progress: bool = False, scorer: Scorer | None = None) -> "Chatbot":
        """Open the index for a corpus, building it first when it is missing, stale, or `rebuild` is set."""
        settings = (settings or Settings.from_env()).with_(corpus=corpus, index_dir=index_dir, model=model)
        docs = Corpus.open(settings.corpus)  # first: a missing corpus is said before the model is loaded
        corpus_hash = docs.content_hash()
        manifest = None if rebuild else Index.read_manifest(settings.index_dir)
        # Documents that changed are read before the model is loaded (and exported to ONNX into the index
        # folder): a folder of which nothing can be read is said without leaving an export of 90 MB behind.
        loaded = (docs.load(max_chars=settings.max_passage_chars)
                  if manifest is None or manifest.get("corpus_hash") != corpus_hash else None)
        base = embedder or load_embedder(settings)
        if rebuild or is_stale(manifest, corpus_hash, base.name, settings):
            loaded = loaded or docs.load(max_chars=settings.max_passage_chars)
            # The model the settings name is adapted, not a stand-in passed for tests.
            adapting = settings.adapt_model and base.name == (settings.model or BUNDLED_MODEL)
            pairs = training_pairs(loaded.passages) if adapting else []
            if answered_entries(pairs) >= MIN_ENTRIES:
                previous = Index.current_folder(settings.index_dir)
                previous_model = (previous / manifest["adapted_model"]
                                  if previous and manifest and manifest.get("adapted_model") else None)
                index = _build_adapted(settings, loaded.passages, pairs, base, corpus_hash, progress, previous_model)
            else:
                index = Index.build(settings.index_dir, loaded.passages, base, corpus_hash=corpus_hash,
                                    settings=index_params(settings), progress=progress)
            report = BuildReport(True, len(loaded.passages), index.manifest["counts"]["embedded"], loaded.problems,
                                 tuple(loaded.files))
        else:
            index = Index.load(settings.index_dir)
            report = BuildReport(False, len(index.passages), 0, [])
        embedder = base
        if index.adapted_model is not None:
            # Its ONNX export is kept in the build, so that it goes when the build does.
            embedder = load_embedder(settings.with_(model=str(index.adapted_model),
                                                    model_cache=str(index.folder / TUNED_EXPORT)),
                                     name=tuned_name(index.adapted_model))
        scorer = scorer or Scorer.for_model(settings.model, adapted=index.adapted_model is not None)
        return cls(settings, index, embedder, Synonyms(docs.synonyms), report, scorer, base_embedder=base)

    @property
    def decline_below(self) -> float:
        """The answerability below which the bot declines: the settings' threshold, else the fitted point."""
        return self.scorer.decline_below if self.settings.threshold is None else self.settings.threshold

    def warm_up(self) -> None:
        """Load the model and the word lists now, so that the first person to ask does not wait."""
        self.answer("warm up")

    # ---- answering ------------------------------------------------------------------------------

    def answer(self, question: str, history: list[str] | None = None) -> Answer:
        """Answer one question; `history` holds the earlier user messages of the conversation, oldest first."""
        message = self._clean_question(question)[0]
        replied = self._reply_to_last(message, history)
        if replied is not None:
            return replied
        # A heading asked word for word ("Help", clicked where the bot offered it) asks for its section.
        if not self.retriever.headed(message):
            chat = small_talk(message, self.offered_questions)
            if chat is not None:
                return chat
            # Content words first: nearly every question has some, and rank() reads the history again.
            if not self._names_something(message) and not self._context(history):
                # "what?", "why", "??" out of the blue: the nearest passage to no words at all is noise.
                return reply("unclear", message, self.offered_questions)
        r = self.rank(question, history)
        if not r.candidates:
            return Answer(r.question, False, self._decline_text([]), 0.0, [], "", r.notice, [], 0.0)
        candidates, evidence = r.candidates, r.evidence
        confidence, answerable = self.scorer.correct(evidence[0]), self.scorer.answerable(evidence[0])
        if evidence[0]["unknown"] == 1.0 or r.asks_unknown or self.scorer.unrelated_to(evidence[0]):
            # No word of the question (or of a follow-up's own) occurs in any document, or hardly any and the best
            # match is barely similar: a semantic match alone is a guess (on every set of the quality suite, no
            # answerable question is like this).
            confidence = answerable = 0.0
        passages = [self.index.passages[c.passage].with_score(round(c.score, 4))
                    for c in candidates[: self.settings.top_k]]
        sentence = self.retriever.best_sentence(candidates[0])
        # A heading of the documents, asked word for word, is not declined: the documents have that section (a
        # click on a heading that the bot offered had led to "I don't know", offering that heading again).
        if answerable < self.decline_below and not r.names_heading:
            # Unrelated: in no word of the question the best match shares, or in hardly any the documents know,
            # unless its meaning is close all the same ("my target folder is huge" beside "Why does my build
            # take up so much space?").
            unrelated = (evidence[0]["coverage"] == 0 or r.unknown_words >= UNRELATED_UNKNOWN) and (
                evidence[0]["dissimilar"] > 0)
            if unrelated:
                # Unrelated to the documents: the nearest passages are noise; offer what people ask.
                suggestions = self.offered_questions(3)
            else:
                suggestions = list(dict.fromkeys(suggestion_of(p) for p in passages[:3]))
            return Answer(r.question, False, self._decline_text(suggestions, unrelated), confidence, passages, sentence,
                          r.notice, suggestions, answerable)
        if confidence < SURE:
            # Unsure but not lost: the best lead, said to be one, and the next ones to try.
            others = [p for p in passages[1:3] if p.text != passages[0].text]
        else:
            others = [p for c, p in zip(candidates[1:3], passages[1:3])
                      if candidates[0].score - c.score < CLOSE_SCORE and p.text != passages[0].text]
        suggestions = offers(passages[0], others)
        text_md = self._answer_text(passages[0], sentence, confidence, suggestions, r.notice)
        return Answer(r.question, True, text_md, confidence, passages, sentence, r.notice, suggestions, answerable)

    def _reply_to_last(self, message: str, history: list[str] | None) -> Answer | None:
        """A "yes", a "no", a "tell me more" or a pick ("the second one") read as the reply to what the bot said
        last (None for any other message, or when there is nothing to reply to). People answer "Did you mean
        ...?" with "yes" rather than a click: "yes" to one question offered asks it, as the click would; to
        several, it asks which. "No" to "Did you mean" leaves the answer shown; to an answer, it offers the next
        leads. "The second one" (or "2") asks the second question offered; "tell me more", see _more."""
        said = intent_of(message)
        pick = choice_of(message) if said is None else None
        if said not in ("yes", "no", "more") and pick is None:
            return None
        # A run of replies is read back one by one: a bound keeps a long one from exhausting the stack.
        history = self._clean_history(history)[-REPLIES_READ_BACK:]
        if not history:
            return None
        last = self.answer(history[-1], history[:-1])  # deterministic: the reply the person saw
        if self.retriever.headed(message) and any(words(s) == words(message) for s in last.suggestions):
            # A click on a heading that the bot offered ("More", "2") asks for its section; typed when the
            # bot offered no such heading, it is the reply it reads as.
            return None
        if pick is not None:
            if pick > len(last.suggestions):
                return None
            return self.answer(last.suggestions[pick - 1 if pick > 0 else -1], history)
        if said == "more" and last.found:  # an answer, or the paragraph an earlier "more" showed
            return self._more(message, last)
        if said == "more" and last.small_talk == "more":  # nothing more was found the last time either
            return Answer(message, False, last.text, 0.0, [], suggestions=last.suggestions, small_talk=said)
        if last.small_talk:
            return None
        did_you_mean = last.found and last.confidence >= SURE and bool(last.suggestions)
        offered = last.suggestions if (did_you_mean or not last.found) else []
        if said == "yes" and len(offered) == 1:
            return self.answer(offered[0], history)
        if said == "yes" and offered:
            text, suggestions = "Which one? Pick one of these, or ask in other words:", offered
        elif said == "yes" or did_you_mean:
            # Yes to an answer, or no to the other one it offered: the answer shown stands.
            return Answer(message, False, f"{'Good' if said == 'yes' else 'All right'}. Ask me anything else about "
                          "the documents.", 0.0, [], small_talk=said)
        elif last.found:
            # No to an answer: the person says it was not it (the question log counts that as a dislike).
            suggestions = offers(last.passages[0], last.passages[1:3])
            text = "Sorry, that was not it. Ask in other words" + (", or look at:" if suggestions else ".")
            said = "rejected"
        else:
            suggestions = last.suggestions
            # "No" agrees with a decline; "tell me more" after one asks for what the bot does not have.
            text = ("Then try asking in other words" if said == "no" else
                    "I have nothing on that. Try asking in other words") + (", or pick one of these:" if suggestions
                                                                            else ".")
        lines = [text, *(suggestion_line(s) for s in suggestions)]
        return Answer(message, False, "\n".join(lines), 0.0, [], suggestions=suggestions, small_talk=said)

    def _more(self, message: str, last: Answer) -> Answer:
        """ "Tell me more" after an answer: the next paragraph of its document under the same heading (a table
        between them is passed over: its rows are answers of their own); when there is none, the next leads."""
        shown = last.passages[0]
        passages = self.index.passages
        at = next((i for i, p in enumerate(passages) if (p.source, p.line, p.text) == (shown.source, shown.line,
                                                                                       shown.text)), len(passages))
        following = itertools.takewhile(lambda p: (p.source, p.section) == (shown.source, shown.section),
                                        passages[at + 1:])
        after = next((p for p in following if p.kind == "text"), None) if shown.kind == "text" else None
        if after is not None:
            # Shown as the rest of the answer above: its confidence is that answer's, and not said again.
            text = "\n".join([render_passage(after), "", self._source_line(after)])
            return Answer(message, True, text, last.confidence, [after], small_talk="more")
        suggestions = offers(shown, last.passages[1:3])
        lines = ["That is all I found on it." + (" You could also look at:" if suggestions else ""),
                 *(suggestion_line(s) for s in suggestions)]
        return Answer(message, False, "\n".join(lines), 0.0, [], suggestions=suggestions, small_talk="more")

    def rank(self, question: str, history: list[str] | None = None) -> Ranking:
        """The candidates for a question, best first, with the evidence the confidence weighs."""
        question, notice = self._clean_question(question)
        history = self._context(history)
        analyzer = self.retriever.analyzer

        named = self.retriever.headed(question)
        # A heading asked word for word names its section: it asks for it, whatever came before.
        resolved = question if named else resolve(
            question, history, lambda text: len(analyzer.terms(text)),
            lambda text: not all(map(self.retriever.known, analyzer.terms(text))), self._rival_test)
        ranking = self._rank(question, resolved, notice, named)
        if resolved == question:
            return ranking
        own_words = set(self._expanded_terms(analyzer.correct(question)))
        if own_words and not entities(question) and not any(map(self.retriever.known, own_words)):
            # No document uses a word of the follow-up's own: it asks about something they do not hold ("and the
            # flux capacitor?"), unless its meaning is near them all the same: asked alone, its best match is not
            # dissimilar, or is among the leads of the joined reading ("and is there a fee?" of data "free of
            # charge") and close under the floor of dissimilar matches: a best match of a cosine near nothing is any
            # passage, one of the leads by chance ("flux capacitor" and a row of industries, at 0.11 for a floor
            # of 0.2; "is there a fee" and "Do I have to pay for data?" at 0.18).
            # A name they lack ("and in Berlin?") is weighed as a near miss instead (missing_name).
            alone = self._rank(question, question, notice, named)
            leads = {c.passage for c in ranking.candidates[:WEIGHED]}
            dissimilar = alone.evidence[0]["dissimilar"] if alone.candidates else 1.0
            near = bool(alone.candidates) and (dissimilar == 0 or (
                alone.candidates[0].passage in leads and dissimilar < NEAR_FLOOR * self.scorer.dissimilar_below))
            return ranking if near else replace(ranking, asks_unknown=True)
        if points_back(question):
            return ranking
        # A follow-up may change the topic ("and where is the serial number?" after the widget's weight): read
        # with the previous question, its own words are drowned out. Unless it points back ("what do they
        # earn?"), it asks something else when what it finds alone holds half its own words or more, and what
        # the joined reading finds holds none of them.
        own = set(self._expanded_terms(question))
        if own and self._share_held(own, ranking) == 0.0 and sum(map(self.retriever.known, own)) >= len(own) / 2:
            alone = self._rank(question, question, notice, named)
            if self._share_held(own, alone) >= 0.5:
                return alone
        return ranking

    def _share_held(self, terms: set[str], ranking: Ranking) -> float:
        """The share of `terms` that the best candidate holds."""
        if not ranking.candidates:
            return 0.0
        best = ranking.candidates[0].passage
        return sum(self.retriever.contains(best, t) for t in terms) / len(terms)

    def _rank(self, question: str, resolved: str, notice: str, named) -> Ranking:
        """Rank the candidates for `resolved`, the question as read (a follow-up joined to its context)."""
        analyzer = self.retriever.analyzer
        is_follow_up = resolved != question
        corrected = analyzer.correct(resolved)
        text, _ = self.synonyms.expand(corrected)
        focus = analyzer.correct(question) if is_follow_up else corrected
        form = self.retriever.corpus_form
        terms = [form(t) for t in analyzer.terms(text)]
        focus_terms = self._expanded_terms(focus) if is_follow_up else []
        query = Query(terms + focus_terms,  # a follow-up's own words weigh double
                      extra_terms=[t for t in map(form, analyzer.terms(corrected)) if t not in terms],
                      focus_terms=focus_terms, named=named,
                      # a follow-up's own number ("and 35?") replaces the one before
                      numbers=frozenset(asked_numbers(question) or asked_numbers(resolved)))
        vector = self.encoder.encode(text)
        candidates = self.retriever.search(query, vector, k=max(self.settings.top_k, BACKGROUND[1]))
        asking = asking_part(focus, lambda text: len(analyzer.terms(text)))
        names = self._names(asking)
        wants_number = bool(QUANTITY_QUESTION.search(question if is_follow_up else resolved))
        unknown = self.retriever.unknown_share(terms)
        # The question's most specific word ("weather", "visa", "PhD"): a passage without it answers
        # something near the question, not the question.
        asked = set(self._expanded_terms(asking)) if asking != focus else set()
        rarest = max(dict.fromkeys(t for t in terms if not asked or t in asked), key=self.retriever.idf, default=None)
        weighed = candidates[:WEIGHED]
        # How far a candidate stands out from the passages that merely share the topic: on a corpus that
        # is all about one thing every passage is somewhat similar, so the level of a score says less.
        background = [c.score for c in candidates[BACKGROUND[0]:BACKGROUND[1]]] or [c.score for c in candidates[1:]]
        level = sum(background) / len(background) if background else 0.0
        name_terms = {t for forms, _ in names for form in forms for t in form}
        unnamed = [t for t in dict.fromkeys(terms) if t not in name_terms]
        evidence = [self._evidence(c, [o.score for o in weighed if o is not c], names, unnamed, wants_number,
                                   unknown, c.score - level, rarest) for c in weighed]
        # A name or number that no document holds ("Berlin", "2020") makes a near miss on the documents' topic,
        # not a question about something else altogether; nor does one other word they lack ("seattle" typed in
        # lower case, "paycheck" for their "salary"). Weighted by rarity, as the confidence weighs it, that one
        # word outweighs the rest of the question, so here each word counts once.
        content = list(dict.fromkeys(t for t in terms if t not in name_terms or self.retriever.known(t)))
        unknown_words = sum(not self.retriever.known(t) for t in content) / len(content) if content else 0.0
        return Ranking(resolved, notice, candidates, evidence, bool(named), unknown_words)

    def _context(self, history: list[str] | None) -> list[str]:
        """The earlier questions a follow-up is read by: small talk and replies to what the bot offered ("thanks",
        "yes", "the second one") say nothing to read a follow-up by."""
        return [h for h in self._clean_history(history) if intent_of(h) is None and choice_of(h) is None][-4:]

    def _names_something(self, message: str) -> bool:
        """Whether a message holds a word of content, or a name or acronym ("IT", "US") that reads as a
        stopword."""
        return bool(self.retriever.analyzer.terms(message) or ACRONYM.search(message) or entities(message))

    def _clean_history(self, history: list[str] | None) -> list[str]:
        if history is not None and (isinstance(history, str) or not all(isinstance(m, str) for m in history)):
            raise QuestionError("The history must be a list of the conversation's earlier questions (text), "
                                "oldest first.")
        history = [h for h in (without_small_talk(clean(str(m)).replace("\n", " ").strip()) for m in (history or []))
                   if h]
        return [h[: self.settings.max_question_chars] for h in history]

    def _clean_question(self, question: str) -> tuple[str, str]:
        if not isinstance(question, str):
            raise QuestionError(f"A question must be text, not {type(question).__name__}.")
        question = without_small_talk(" ".join(without_stack_frames(clean(question, keep_indent=True)).split()))
        if not question:
            # The example is one of this corpus's own questions, not the shipped articles'.
            example = next((p.question for p in self.index.passages if p.question and len(p.question) <= 100), "")
            raise QuestionError("The question is empty. Type a question" +
                                (f', for example: "{example}"' if example else " about the documents."))
        limit = self.settings.max_question_chars
        if len(question) > limit:
            cut = question[:limit].rsplit(" ", 1)[0] or question[:limit]
            return cut, f"Your question was long, so only its first {len(cut)} characters were read."
        return question, ""

    def _names(self, text: str) -> list[tuple[list[list[str]], float]]:
        """Each name or number in the question, as the stemmed words of each of its accepted forms, with how
        specific it is: 1 minus the share of passages that write it in any form. A name the passage lacks says
        it answers about something else (another city, product, person) as much as the name is specific: not
        at all for the name of the corpus's own topic, which half the passages of a COVID-19 FAQ write and the
        others take as said."""
        stem = self.retriever.analyzer.stem
        out = []
        # An acronym that stands for a proper name ("UK": United Kingdom) pins the question as a name does;
        # one that stands for a common noun ("ML": machine learning) does not.
        acronyms = [a for a in ACRONYM.findall(text)
                    if any(form[:1].isupper() for form in self.synonyms.table.get(a.lower(), []))]
        for name in entities(text) + acronyms:
            forms = [name, *self.synonyms.table.get(name.lower(), [])]
            # Stopwords are not indexed ("US" is "us"), so they cannot be required. A versioned name ("HTTP/2")
            # is a term of its own.
            stemmed = [[form.lower()] if VERSIONED.fullmatch(form) else
                       [stem(w) for w in words(form) if w not in STOPWORDS] for form in forms]
            stemmed = [form for form in stemmed if form]
            if not stemmed:
                # Only stopwords: a capitalised word that opens a clause with no stop before it ("... need auth
                # This command requires ..."), which had counted as a name no passage holds.
                continue
            out.append((stemmed, 1.0 - max(self.retriever.share_with(form) for form in stemmed)))
        return out

    def _rival_test(self, follow_up: str, previous: str):
        """Whether a word of the previous question names a rival of what a follow-up names (conversation.resolve):
        another row of a table with a row that the follow-up names, as "ML engineers" is of "what about data
        scientists?"."""
        asked = set(self._expanded_terms(follow_up))
        rivals = self.retriever.rival_terms(asked, set(self._expanded_terms(previous))) if asked else set()
        return lambda word: bool(rivals) and bool(named := set(self._expanded_terms(word))) and named <= rivals

    def _expanded_terms(self, text: str) -> list[str]:
        """A text's terms with the corpus's synonyms spelt out ("ML": machine learning), in the corpus's forms."""
        return [self.retriever.corpus_form(t) for t in self.retriever.analyzer.terms(self.synonyms.expand(text)[0])]

    def _evidence(self, c: Candidate, other_scores: list[float], names: list[tuple[list[list[str]], float]],
                  unnamed: list[str], wants_number: bool, unknown: float, contrast: float, rarest: str | None
                  ) -> dict[str, float]:
        """What the confidence weighs for one candidate (scorer.ADAPTED_FEATURES). `unnamed`: the question's
        terms that are not part of a name or number in it."""
        contains = self.retriever.contains
        passage = self.index.passages[c.passage]
        held = [any(form and self.retriever.names(c.passage, form) for form in forms) for forms, _ in names]
        missing_name = max((specificity for (_, specificity), has in zip(names, held) if not has), default=0.0)
        return {
            "margin": c.score - max(other_scores, default=c.score - 0.1),
            "contrast": contrast,
            "coverage": c.features["coverage"],
            "unknown": unknown,
            "missing_rarest": float(rarest in c.missing and self.retriever.known(rarest)),
            "rarest_unknown": float(rarest is not None and not self.retriever.known(rarest)),
            "missing_name": missing_name,
            # It holds what the question names and nothing of what it asks about it ("the weather in Frankfurt"
            # beside the row of the Frankfurt data centre).
            "name_only": float(any(held) and bool(unnamed) and not any(contains(c.passage, t) for t in unnamed)),
            "missing_number": float(wants_number and not any(ch.isdigit() for ch in passage.text)),
            # A table row answers only a question that picks it out: when the question names nothing of
            # the row's label, the row is a guess.
            "unnamed_row": float(c.row_match == 0.0),
            "dissimilar": dissimilarity(c.dense, self.scorer.dissimilar_below),
            "similarity": c.dense,  # weighed only for a model tuned to the corpus (scorer.ADAPTED_FEATURES)
        }

    def offered_questions(self, count: int = 4) -> list[str]:
        """Questions to offer instead of the nearest passages when a message is small talk or unrelated to
        the documents (hook for the decline path): the most asked ones that the bot answers, then examples."""
        return popular_questions(self.question_log, self.index.passages, count)

    # ---- wording --------------------------------------------------------------------------------

    @staticmethod
    def _decline_text(suggestions: list[str], unrelated: bool = False) -> str:
        lines = ["I don't know: the documents I have don't answer that."]
        if suggestions:
            # The questions offered for an unrelated one are not close to it: they are what people ask.
            lines += ["", "Questions I can answer, for example:" if unrelated else "Closest things I can answer:"]
            lines += [suggestion_line(s) for s in suggestions]
        return "\n".join(lines)

    @staticmethod
    def _source_line(p: Passage) -> str:
        return "_Source: " + " › ".join(markdown_text(x) for x in (p.title, p.section) if x) + "_"

    @staticmethod
    def _answer_text(p: Passage, sentence: str, confidence: float, close: list[str], notice: str) -> str:
        parts = [f"_{markdown_text(notice)}_", ""] if notice else []
        parts.append(render_passage(p, sentence))
        parts += ["", f"{Chatbot._source_line(p)}  ", f"_Confidence: {confidence_label(confidence)} ({confidence:.0%})_"]
        if confidence < SURE:
            parts = ["_I am not sure this answers your question, but it is the closest I found:_", "", *parts]
            if close:
                parts += ["", "You could also look at:", *[suggestion_line(c) for c in close]]
        elif close:
            # A list, as above: the suggestions are questions with their own question marks, or headings.
            parts += ["", "Another answer is about as close. Did you mean:", *[suggestion_line(c) for c in close]]
        return "\n".join(parts)


def suggestion_of(p: Passage) -> str:
    """Something to ask that leads to a passage: its FAQ question, its table row with the table's
    header, or its heading."""
    if p.question:
        return p.question
    if p.kind == "table":
        *head, row = p.text.split("\n")
        first = f"{head[0]}: {row}" if head else row
    else:
        first = p.section or p.text.split("\n")[0]
    # A button's worth: a row of long cells, or a heading-less paragraph, is cut at a word.
    return first if len(first) <= 120 else first[:117].rsplit(" ", 1)[0] + "..."


def offers(shown: Passage, others: list[Passage]) -> list[str]:
    """What to offer beside the answer shown: the other passages, each by what leads to it, once. Another passage
    of the answer's own section is not offered: its section's name would lead back to the answer shown."""
    own = suggestion_of(shown)
    return list(dict.fromkeys(s for s in map(suggestion_of, others) if s != own))


_LIST_ITEM = re.compile(r"(?:[-*+]|\d+[.)]) ")


def _with_line_breaks(body: str) -> str:
    """A passage's lines in Markdown as the document breaks them, each line break kept, and a list closed
    before the text after it, which Markdown would otherwise run into the list's last item. Outside a list,
    a line's indent (code's) is kept in non-breaking spaces, which Markdown does not drop."""
    lines, in_list = [], False
    for line in body.split("\n"):
        indented, item = line[:1] in (" ", "\t"), bool(_LIST_ITEM.match(line.lstrip()))
        if in_list and not indented and not item:
            lines.append("")
        in_list = item or (in_list and indented)
        if indented and not in_list:
            text = line.lstrip(" \t")
            line = "&nbsp;" * len(line[: len(line) - len(text)].expandtabs(4)) + text
        lines.append(line)
    # Two spaces end a line with a break, except before the empty line that closes a list and the last line.
    return "\n".join(f"{line}  " if line and after else line for line, after in zip(lines, [*lines[1:], ""]))


def render_passage(p: Passage, sentence: str = "") -> str:
    """Markdown for a passage, with document text escaped and the answering sentence in bold."""
    if p.kind == "table":
        *head, row = p.text.split("\n")
        caption = head[0] if len(head) == 2 else ""
        header = head[-1] if head else ""
        out = [f"**{markdown_text(caption)}**", ""] if caption else []
        columns, cells = header.split(CELL_SEPARATOR), row.split(CELL_SEPARATOR)
        if len(columns) != len(cells):  # a flattened table: its cells are not known
            columns, cells = [header], [row]
        out += ["| " + " | ".join(map(markdown_text, columns)) + " |", "|" + "---|" * len(columns),
                "| " + " | ".join(map(markdown_text, cells)) + " |"]
        return "\n".join(out)
    body = p.text
    if p.kind == "faq" and p.question:
        body = p.answer
    body = markdown_text(body)
    if sentence:
        target = markdown_text(sentence)
        marker = re.match(r"(?:[-*•]|\d+[.)])\s+", target)  # keep a bullet outside the bold, or the list breaks
        lead, core = (target[: marker.end()], target[marker.end():]) if marker else ("", target)
        body = body.replace(target, f"{lead}**{core}**", 1)
    body = _with_line_breaks(body)
    return f"**Q: {markdown_text(p.question)}**\n\n{body}" if p.kind == "faq" else body


_default: Chatbot | None = None
_default_lock = threading.Lock()


def _build_adapted(settings: Settings, passages: list[Passage], pairs: list[tuple[str, str]], base: Embedder,
                   corpus_hash: str, progress: bool, previous: Path | None) -> Index:
    """Build the index with the model fine-tuned on the corpus's FAQ entries (search/adaptation.py), or with
    the previous build's tuned model when the entries are nearly the same; the model is kept in the build."""
    from .search.embedder import SentenceTransformerEmbedder, bundled_model_path

    created = not settings.index_dir.exists()
    settings.index_dir.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=".adapting-", dir=settings.index_dir))
    try:
        export = None
        if previous is not None and reusable(previous, base.name, pairs):
            tuned = Path(shutil.copytree(previous, work / "model"))
            if (previous.parent / TUNED_EXPORT).is_dir():  # its ONNX export too, found by the model's name
                export = Path(shutil.copytree(previous.parent / TUNED_EXPORT, work / TUNED_EXPORT))
        else:
            tuned = adapt(settings.model or bundled_model_path(), pairs, work / "model", base=base.name,
                          progress=progress)
        # Embedded with torch (onnxruntime gives the same vectors), under a name that a copy of the model in
        # the next build shares, so that it reuses these vectors.
        embedder = SentenceTransformerEmbedder(str(tuned), name=tuned_name(tuned))
        index = Index.build(settings.index_dir, passages, embedder, corpus_hash=corpus_hash,
                            settings=index_params(settings), progress=progress, model_name=base.name,
                            adapted_model=tuned)
        if export is not None:
            shutil.move(str(export), str(index.folder / TUNED_EXPORT))
        return index
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if created and not any(settings.index_dir.iterdir()):  # a model that could not load leaves no folder
            settings.index_dir.rmdir()


def default_chatbot() -> Chatbot:
    global _default
    with _default_lock:
        if _default is None:
            _default = Chatbot.load()
        return _default


def answer(question: str, history: list[str] | None = None) -> Answer:
    """Answer a question from the shipped corpus (or CHATBOT_CORPUS); the index is built on first use."""
    return default_chatbot().answer(question, history)

