"""Adaptation: the model fine-tuned on a corpus's FAQ entries, kept in the index, asked with."""

import json
import random

import numpy as np
import pytest

from chatbot import Chatbot, Passage, Settings
from chatbot.chatbot import is_stale
from chatbot.errors import IndexCorruptError, ModelError
from chatbot.search.adaptation import (BATCH, MIN_ENTRIES, adapt, answered_entries, batches_of, reusable,
                                      training_pairs, tuned_name)
from chatbot.search.scorer import Scorer
from chatbot.serving.live import LiveBot

CITIES = ["Amsterdam", "Berlin", "Cairo", "Dublin", "Edinburgh", "Florence", "Geneva", "Helsinki", "Istanbul",
          "Jakarta", "Kyoto", "Lisbon", "Madrid", "Nairobi", "Oslo", "Prague", "Quito", "Rome", "Seoul", "Tunis",
          "Utrecht", "Vienna", "Warsaw", "Zagreb", "Athens", "Bogota", "Chicago", "Denver", "Essen", "Fez"]


def faq_rows() -> list[dict]:
    """Sixty entries: when each office opens, and how to reach it."""
    rows = []
    for n, city in enumerate(CITIES):
        rows.append({"question": f"When does the {city} office open?",
                     "answer": f"The {city} office opens at {7 + n % 4} am on weekdays and is closed on Sundays."})
        rows.append({"question": f"How do I get to the {city} office?",
                     "answer": f"Take tram {n + 1} from the central station of {city}; the office is by the stop."})
    return rows


def offices_corpus(tmp_path, rows: list[dict]):
    """A corpus folder holding these FAQ rows as one JSON Lines file."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "offices.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return corpus


def test_training_pairs_are_each_wording_of_an_answered_question():
    passages = [
        Passage("How do I pay?\nBy card or transfer.", "FAQ", "", "faq.md", "faq", question="How do I pay?",
                alternates=("Payment options",)),
        Passage("Is there a phone line?", "FAQ", "", "faq.md", "faq", question="Is there a phone line?"),
        Passage("Can I pay later?\nYes.", "FAQ", "", "faq.md", "faq", question="Can I pay later?"),
        Passage("Returns take a week.", "Guide", "Returns", "guide.md", "text"),
    ]
    assert training_pairs(passages) == [("How do I pay?", "By card or transfer."),
                                        ("Payment options", "By card or transfer.")]
    assert answered_entries(training_pairs(passages)) == 1


def test_no_batch_holds_one_answer_twice():
    # Entries that share an answer (COVID-Q's do) would teach the model that each question's answer is not
    # the other's; every pair is still trained on.
    pairs = [(f"question {n}", f"answer {n % 5}") for n in range(100)]
    batches = batches_of(pairs, random.Random(0))
    assert sorted(pair for batch in batches for pair in batch) == sorted(pairs)
    assert all(len({a for _, a in batch}) == len(batch) <= BATCH for batch in batches)


def test_a_stand_in_embedder_is_not_adapted(tmp_path, fake_embedder):
    corpus = offices_corpus(tmp_path, faq_rows())
    assert len(faq_rows()) >= MIN_ENTRIES
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp_path / "index"), embedder=fake_embedder)
    assert bot.index.adapted_model is None and bot.embedder is fake_embedder
    assert bot.index.manifest["settings"]["adapt_model"] is True


@pytest.mark.integration
def test_a_faq_of_fewer_entries_than_the_minimum_is_not_adapted(shipped_bot):
    # The shipped articles hold a FAQ section of ten entries: too few pairs to tune the real model on.
    entries = answered_entries(training_pairs(shipped_bot.index.passages))
    assert 0 < entries < MIN_ENTRIES and shipped_bot.settings.adapt_model
    assert shipped_bot.index.adapted_model is None and shipped_bot.index.manifest["adapted_model"] is None


def test_a_tuned_model_without_its_record_is_a_clear_error(tmp_path):
    # The record names the model (and so the vectors it embedded); without it the index cannot be trusted.
    (tmp_path / "model").mkdir()
    with pytest.raises(IndexCorruptError, match="build --force"):
        tuned_name(tmp_path / "model")
    (tmp_path / "model" / "adaptation.json").write_text('{"base": "m", "recipe": 1, "answers": []}')
    assert tuned_name(tmp_path / "model").startswith("adapted-")


@pytest.mark.integration
def test_a_large_faq_is_asked_with_the_model_adapted_to_it(tmp_path):
    corpus = offices_corpus(tmp_path, faq_rows())
    settings = Settings(corpus=corpus, index_dir=tmp_path / "index", data_dir=tmp_path / "data")
    bot = Chatbot.load(settings=settings)
    model = bot.index.adapted_model
    assert model is not None and (model / "model.safetensors").is_file()
    assert bot.index.manifest["adapted_model"] == "model" and "model/model.safetensors" in bot.index.manifest["files"]
    assert bot.index.manifest["model"] == bot.base_embedder.name  # the model it was adapted from
    assert bot.embedder.name == tuned_name(model) and bot.embedder is not bot.base_embedder
    # The questions are embedded by the adapted model, as the passages were (with torch, while building).
    stored = bot.index.vectors.reconstruct(0)
    first = bot.index.passages[int(bot.index.view_passage[0])]
    assert float(np.dot(stored, bot.embedder.encode([first.question])[0])) > 0.999
    a = bot.answer("what time does the Lisbon office open")
    assert a.found and a.passages[0].question == "When does the Lisbon office open?"

    again = Chatbot.load(settings=settings)  # opened again: not stale, the same adapted model
    assert again.report.rebuilt is False and again.embedder.name == tuned_name(model)

    # An entry added through the web UI: the rebuild keeps the tuned model (nearly all answers are those it
    # was tuned on) and embeds only the new entry, in a build of its own; the new bot asks with that copy.
    record, name = (model / "adaptation.json").read_bytes(), tuned_name(model)
    live = LiveBot(bot)
    live.change(lambda: (corpus / "more.jsonl").write_text(json.dumps(
        {"question": "Is there parking at the Kyoto office?", "answer": "Yes, twenty spaces behind it."}) + "\n",
        encoding="utf-8"))
    new = live.current
    assert new.index.adapted_model not in (None, model) and new.embedder.name == name
    assert (new.index.adapted_model / "adaptation.json").read_bytes() == record
    assert len(list((new.index.folder / "onnx").rglob("model.onnx"))) == 1  # its export came along
    assert new.report.rebuilt and new.report.embedded == 2  # the entry and its answer's sentence
    assert new.encoder is not bot.encoder and new.base_embedder is bot.base_embedder
    assert new.answer("can I park my car at the Kyoto office?").passages[0].question == (
        "Is there parking at the Kyoto office?")
    # A FAQ of other answers, or another base model, is tuned on anew.
    tuned = new.index.adapted_model
    assert reusable(tuned, bot.base_embedder.name, [("q", "an answer it was not tuned on")] * 3) is False
    assert reusable(tuned, bot.base_embedder.name, training_pairs(new.index.passages)) is True
    assert reusable(tuned, "another-model", training_pairs(new.index.passages)) is False

    plain = Chatbot.load(settings=settings.with_(adapt_model=False, index_dir=tmp_path / "plain"))
    assert plain.index.adapted_model is None and plain.embedder is plain.base_embedder
    # Each weighs its evidence with the weights fitted for its kind of model.
    assert bot.scorer == Scorer.for_model("", adapted=True) != plain.scorer == Scorer.default()
    assert new.scorer == bot.scorer and again.scorer == bot.scorer


@pytest.mark.integration
def test_a_model_named_in_the_settings_is_the_one_adapted(tmp_path, monkeypatch):
    import chatbot.chatbot as chatbot_module
    from chatbot.search.embedder import bundled_model_path

    tuned_from = []
    real_adapt = chatbot_module.adapt
    monkeypatch.setattr(chatbot_module, "adapt",
                        lambda model, *args, **kwargs: tuned_from.append(model) or real_adapt(model, *args, **kwargs))
    corpus = offices_corpus(tmp_path, faq_rows())
    model = bundled_model_path()  # named by its folder, as a user names a model of their own
    bot = Chatbot.load(settings=Settings(corpus=corpus, index_dir=tmp_path / "index", model=model))
    assert tuned_from == [model]
    assert bot.index.manifest["model"] == model and bot.index.adapted_model is not None
    assert bot.embedder.name == tuned_name(bot.index.adapted_model)
    assert bot.answer("what time does the Lisbon office open").passages[0].question == (
        "When does the Lisbon office open?")


def test_an_index_from_before_the_adaptation_recipe_was_recorded_is_built_anew(tmp_path, fake_embedder):
    # A version that adapted only the bundled model left another model's index unadapted: it is stale now.
    corpus = offices_corpus(tmp_path, faq_rows()[:4])
    settings = Settings(corpus=corpus, index_dir=tmp_path / "index")
    bot = Chatbot.load(settings=settings, embedder=fake_embedder)
    manifest = bot.index.manifest
    assert not is_stale(manifest, manifest["corpus_hash"], fake_embedder.name, settings)
    older = {**manifest, "settings": {k: v for k, v in manifest["settings"].items() if k != "adaptation"}}
    assert is_stale(older, manifest["corpus_hash"], fake_embedder.name, settings)


def test_a_model_that_cannot_be_tuned_is_a_clear_error(tmp_path):
    (tmp_path / "model").mkdir()
    (tmp_path / "model" / "config.json").write_text("{}")  # not a model transformers knows
    with pytest.raises(ModelError, match="--no-adapt"):
        adapt(str(tmp_path / "model"), [("q", "an answer")] * 2, tmp_path / "tuned", base="my-model")
    assert not (tmp_path / "tuned").exists()
