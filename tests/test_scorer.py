import dataclasses

import pytest

from chatbot import Chatbot, Settings
from chatbot.search import scorer as scorer_module
from chatbot.search.scorer import Scorer


def test_a_model_with_weights_fitted_on_its_scores_gets_them(tmp_path, monkeypatch, faq_corpus, fake_embedder):
    bundled = Scorer.default()
    monkeypatch.setattr(scorer_module, "PARAMS_FILE", tmp_path / "scorer.json")
    bundled.save(tmp_path / "scorer.json")
    fitted = dataclasses.replace(Scorer.default(), decline_below=0.77, notes={"model": "models/other-model"})
    fitted.save(tmp_path / "scorer-other-model.json")

    assert Scorer.for_model("models/other-model/").decline_below == 0.77
    assert Scorer.for_model("/elsewhere/other-model").decline_below == 0.77
    # The bundled model, and a model nobody fitted weights for, use the bundled model's weights; the latter
    # without its bounds on the cosine (the floor of "dissimilar", the bound of "unrelated"), which are set on the
    # bundled model's scale.
    assert Scorer.for_model("") is Scorer.default()
    assert Scorer.default().dissimilar_below > 0 and Scorer.default().unrelated[1] > 0
    unfitted = Scorer.for_model("models/unknown")
    assert unfitted.dissimilar_below == 0.0 and unfitted.unrelated == (1.0, 0.0)
    assert dataclasses.replace(unfitted, dissimilar_below=Scorer.default().dissimilar_below,
                               unrelated=Scorer.default().unrelated) == Scorer.default()

    settings = Settings(corpus=faq_corpus, index_dir=tmp_path / "index", model="models/other-model")
    assert Chatbot.load(settings=settings, embedder=fake_embedder).scorer.decline_below == 0.77


def test_weights_survive_a_round_trip_through_their_file(tmp_path):
    Scorer.default().save(tmp_path / "scorer.json")
    assert Scorer.load(tmp_path / "scorer.json") == Scorer.default()


def test_a_model_tuned_to_the_corpus_gets_the_weights_fitted_for_tuned_models(tmp_path, monkeypatch):
    bundled, adapted = Scorer.default(), Scorer.for_model("", adapted=True)
    # The shipped weights for the bundled model once tuned weigh the level of the best cosine; the others do not.
    assert adapted != bundled and adapted.answerable.weights["similarity"] > 0
    assert "similarity" not in bundled.answerable.weights and "similarity" not in bundled.correct.weights

    monkeypatch.setattr(scorer_module, "PARAMS_FILE", tmp_path / "scorer.json")
    bundled.save(tmp_path / "scorer.json")
    dataclasses.replace(bundled, decline_below=0.66).save(tmp_path / "scorer-other-model.json")
    assert Scorer.for_model("", adapted=True) == bundled  # no weights for tuned models: the model's own
    assert Scorer.for_model("models/other-model", adapted=True).decline_below == 0.66
    dataclasses.replace(bundled, decline_below=0.55).save(tmp_path / "scorer-other-model-adapted.json")
    assert Scorer.for_model("models/other-model", adapted=True).decline_below == 0.55
    assert Scorer.for_model("models/other-model").decline_below == 0.66


def test_weights_fitted_before_the_number_evidence_joined_the_ranking_still_load(tmp_path):
    import json

    params = Scorer.default().to_dict()
    params["ranking"] = {name: w for name, w in params["ranking"].items() if name != "number"}
    (tmp_path / "scorer-own-model.json").write_text(json.dumps(params))
    assert Scorer.load(tmp_path / "scorer-own-model.json").ranking["number"] == 0.0
    del params["ranking"]["whole"]
    (tmp_path / "broken.json").write_text(json.dumps(params))
    with pytest.raises(ValueError, match="lack ranking weights for \\['whole'\\]"):
        Scorer.load(tmp_path / "broken.json")
