"""The fit: its choice of the cosine floor below which a best match counts as dissimilar, and how the
stored weights name their model."""

import sys

import pytest

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
fit_scorer = pytest.importorskip("fit_scorer")


def _evidence(margin: float) -> list[dict]:
    zero = dict.fromkeys(("contrast", "coverage", "unknown", "rarest_unknown", "missing_rarest", "missing_name",
                          "name_only", "missing_number", "unnamed_row", "dissimilar"), 0.0)
    return [dict(zero, margin=margin)]


def _set(cases: list[tuple[float, float, bool]]):
    """(margin, best cosine, answerable) per question: the evidence, labels and answerability of a set,
    and the best cosines."""
    evidence = [_evidence(m) for m, _, _ in cases]
    labels = [[a] for _, _, a in cases]
    return (evidence, labels, [a for _, _, a in cases]), [[c] for _, c, _ in cases]


def test_the_floor_declines_unrelated_questions_and_costs_no_answerable_one():
    # Nothing but the cosine tells the unrelated questions (0.05) from the answerable ones.
    first, first_cosines = _set([(0.1, 0.6, True)] * 8 + [(0.1, 0.05, False)] * 4)
    # On the second set an answerable question scores only 0.12, below its near misses (0.14): a floor above
    # 0.12 would read it as the less similar one.
    second, second_cosines = _set([(0.1, 0.5, True)] * 7 + [(0.1, 0.12, True)] + [(0.1, 0.14, False)] * 4)
    cosines = {"first": first_cosines, "second": second_cosines}
    floor = fit_scorer.choose_floor({"first": first, "second": second}, cosines)
    assert floor == 0.1

    data = {n: (fit_scorer.with_floor(ev, cosines[n], floor), labels, answerable)
            for n, (ev, labels, answerable) in {"first": first, "second": second}.items()}
    bias, weights = fit_scorer.fit_logistic(data, "answerable")
    rates = fit_scorer.decline_rates(data, bias, weights, fit_scorer.choose_threshold(data, bias, weights))
    assert rates == {"first": (0.0, 1.0), "second": (0.0, 0.0)}


def test_weights_for_a_tuned_model_decline_by_the_level_of_the_cosine():
    from chatbot.search.scorer import ADAPTED_FEATURES

    # Questions alike in every way but the best cosine: answerable ones near 0.7, the others near 0.45.
    def tuned_set(n):
        evidence = [[dict(_evidence(0.1)[0], similarity=c)] for c in [0.7, 0.72, 0.68] * n + [0.45, 0.43] * n]
        answerable = [True] * 3 * n + [False] * 2 * n
        return evidence, [[a] for a in answerable], answerable

    data = {"first": tuned_set(3), "second": tuned_set(5)}
    bias, weights = fit_scorer.fit_logistic(data, "answerable", ADAPTED_FEATURES)
    assert weights["similarity"] > 0
    rates = fit_scorer.decline_rates(data, bias, weights, fit_scorer.choose_threshold(data, bias, weights))
    assert rates == {"first": (0.0, 1.0), "second": (0.0, 1.0)}
    # Without the cosine's level the two kinds cannot be told apart.
    bias, weights = fit_scorer.fit_logistic(data, "answerable")
    assert "similarity" not in weights
    rates = fit_scorer.decline_rates(data, bias, weights, fit_scorer.choose_threshold(data, bias, weights))
    assert all(fd == nd for fd, nd in rates.values())  # declines as many of one kind as of the other


def test_the_stored_weights_name_a_model_without_this_machines_paths():
    adapted = ", adapted to each set with 50 FAQ entries or more (adaptation.py)"
    assert fit_scorer.model_note(str(ROOT / "models" / "all-mpnet-base-v2")) == "models/all-mpnet-base-v2" + adapted
    assert fit_scorer.model_note("/opt/models/e5") == "/opt/models/e5" + adapted
    assert fit_scorer.model_note("") == "bundled all-MiniLM-L6-v2" + adapted


def test_a_ranking_fitted_on_new_sets_holds_the_others_and_moves_only_the_weights_freed():
    # Three semantic features and a fourth, freed. The new set's right answers win only with a large fourth weight,
    # which puts a wrong answer first in the held set: fitted freely it is taken, held it is not; either way the
    # semantic weights stay as stored.
    import numpy as np

    def question(right, extra_right, wrong, extra_wrong):
        return fit_scorer.Question(np.array([[right] * 3 + [extra_right], [wrong] * 3 + [extra_wrong]]),
                                   np.array([True, False]), True)

    new = [question(0.5, 1.0, 0.7, 0.0)] * 3
    held = [question(0.6, 0.0, 0.5, 1.0)] * 3
    start = np.array([1 / 3, 1 / 3, 1 / 3, 0.0])
    sets = {"new": new, "newer": new, "held": held}
    floor = fit_scorer.ranking_hit_at_1(held, start)
    unheld = fit_scorer.fit_ranking(sets, start, free=[3])
    kept = fit_scorer.fit_ranking(sets, start, {"held": floor}, free=[3])
    assert fit_scorer.ranking_hit_at_1(new, unheld) == 1.0 and fit_scorer.ranking_hit_at_1(held, unheld) < floor
    assert fit_scorer.ranking_hit_at_1(held, kept) >= floor
    assert np.allclose(unheld[:3], start[:3]) and np.allclose(kept[:3], start[:3])


def test_the_unrelated_bounds_decline_the_most_unrelated_questions_and_no_answerable_one():
    # The answerability answers everything here (a bias of 5); what tells the questions apart is how much of each
    # is in words no document uses and how similar its best match is. An answerable paraphrase on a small corpus
    # uses many unknown words (0.75) at a cosine of 0.45: the bounds must leave it answered.
    def question(unknown: float, cosine: float, answerable: bool):
        return [dict(_evidence(0.1)[0], unknown=unknown, similarity=cosine)], [answerable], answerable

    cases = {"docs": [question(0.1, 0.6, True)] * 6 + [question(0.92, 0.22, False), question(0.75, 0.28, False)],
             "small": [question(0.75, 0.45, True), question(0.2, 0.5, True), question(0.85, 0.33, False)]}
    data = {name: ([e for e, _, _ in qs], [l for _, l, _ in qs], [a for _, _, a in qs]) for name, qs in cases.items()}
    assert fit_scorer.choose_unrelated(data, 5.0, {}, 0.5) == (0.7, 0.35)
    # Nothing to decline: no bounds.
    only_answerable = {"docs": ([e for e, _, _ in cases["docs"][:6]], [[True]] * 6, [True] * 6)}
    assert fit_scorer.choose_unrelated(only_answerable, 5.0, {}, 0.5) == (1.0, 0.0)
